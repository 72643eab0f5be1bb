import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


def run_phoihop(*args: str, env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    full_env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    full_env.update({"PHOIHOP_VAR_DIR": str(tmp_path), **env})
    return subprocess.run(  # noqa: S603 - our own command line
        [sys.executable, "-m", "phoihop.cli", *args],
        env=full_env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        "HTTPS": "1",
        "EMAIL_BACKEND": "smtp",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "phoihop.example.vn",
    }
    result = run_phoihop("check", "--deploy", env=env, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_a_bad_environment_value_fails_loudly(tmp_path):
    result = run_phoihop("check", env={"DEBUG": "perhaps"}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "DEBUG='perhaps' is not a boolean" in result.stderr


def test_cli_accepts_dashes_in_command_names(tmp_path):
    result = run_phoihop("show-urls", env={}, tmp_path=tmp_path)
    # Django has no show_urls command: the message names the underscored form it looked for.
    assert "show_urls" in result.stderr


@pytest.mark.django_db
def test_serve_migrates_the_default_sqlite_and_starts_gunicorn_on_localhost(monkeypatch, settings):
    calls = {}
    monkeypatch.setattr(os, "execv", lambda path, argv: calls.update(path=path, argv=argv))
    migrated = []
    from phoihop.core.management.commands import serve

    monkeypatch.setattr(serve, "call_command", lambda name, **kw: migrated.append(name))
    settings.DATABASE_URL = settings.DEFAULT_DATABASE_URL
    settings.DEBUG = True
    call_command("serve", "--port", "8123")
    assert migrated == ["migrate"]
    assert calls["argv"][1:5] == ["phoihop.wsgi:application", "--bind", "127.0.0.1:8123", "--workers"]
    assert calls["path"].endswith("gunicorn")


@pytest.mark.django_db
def test_serve_leaves_migrations_to_the_operator_on_postgresql(monkeypatch, settings):
    monkeypatch.setattr(os, "execv", lambda path, argv: None)
    commands = []
    from phoihop.core.management.commands import serve

    monkeypatch.setattr(serve, "call_command", lambda name, **kw: commands.append(name))
    settings.DATABASE_URL = "postgres://postgres@127.0.0.1:5432/phoihop"
    settings.DEBUG = False
    call_command("serve")
    assert commands == ["collectstatic"]

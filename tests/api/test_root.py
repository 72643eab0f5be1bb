"""The API as a whole: authentication, error format, OpenAPI and its docs page, /healthz."""

import datetime as dt
import re
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.utils import timezone

from phoihop.accounts.models import ApiToken
from phoihop.accounts.services import token_create, token_revoke
from phoihop.api import UNAUTHORIZED
from phoihop.programs.models import Status

BAD_TOKEN = "Mã truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi."


def test_expired_token_is_refused(client, lead_officer, signed_program):
    token, raw = token_create(user=lead_officer, days=1)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))

    response = client.get(f"/api/v1/programs/{signed_program.pk}", headers={"Authorization": f"Bearer {raw}"})

    assert response.status_code == 401
    assert response.json() == {"detail": BAD_TOKEN}


def test_revoked_token_is_refused(client, lead_officer, program):
    token, raw = token_create(user=lead_officer)
    token_revoke(token=token)

    response = client.post(
        f"/api/v1/programs/{program.pk}/sign",
        {"signed_on": "2021-05-13"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )

    assert response.status_code == 401
    assert response.json() == {"detail": BAD_TOKEN}
    program.refresh_from_db()
    assert program.status == Status.DRAFT


@pytest.mark.parametrize("header", ["Bearer ph_khong-co-ma-nay", "Bearer ", "Basic YWxpY2U6c2VjcmV0"])
def test_invalid_token_on_public_endpoint_is_refused(client, db, header):
    """A public endpoint answers anonymous callers, but not a caller with a bad credential."""
    response = client.get("/api/v1/agencies", headers={"Authorization": header})

    assert response.status_code == 401
    assert response.json() == {"detail": BAD_TOKEN}


def test_token_of_a_deactivated_user_is_refused(client, lead_officer):
    _, raw = token_create(user=lead_officer)
    lead_officer.is_active = False
    lead_officer.save()

    response = client.get("/api/v1/programs", headers={"Authorization": f"Bearer {raw}"})

    assert response.status_code == 401


def test_write_without_credentials_says_so_in_vietnamese(client, program):
    response = client.delete(f"/api/v1/programs/{program.pk}")

    assert response.status_code == 401
    assert response.json() == {"detail": UNAUTHORIZED}
    assert response["WWW-Authenticate"] == "Bearer"


def test_session_write_needs_the_csrf_token(lead_officer, program):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(lead_officer)
    secret = _get_new_csrf_string()
    browser.cookies["csrftoken"] = secret
    url = f"/api/v1/programs/{program.pk}/sign"

    read = browser.get(f"/api/v1/programs/{program.pk}")
    forged = browser.post(url, {"signed_on": "2021-05-13"}, content_type="application/json")
    program.refresh_from_db()
    status_after_forged = program.status
    signed = browser.post(
        url, {"signed_on": "2021-05-13"}, content_type="application/json", headers={"X-CSRFToken": secret}
    )

    assert read.status_code == 200
    assert forged.status_code == 403
    assert forged.json() == {"detail": "Thiếu hoặc sai mã chống giả mạo (CSRF)."}
    assert status_after_forged == Status.DRAFT
    assert signed.status_code == 200
    assert signed.json()["status"] == "signed"


def test_openapi_lists_the_paths(client, db):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    spec = response.json()
    assert {
        "/api/v1/agencies": {"get"},
        "/api/v1/agencies/{agency_id}": {"get"},
        "/api/v1/programs": {"get", "post"},
        "/api/v1/programs/{program_id}": {"get", "patch", "delete"},
        "/api/v1/programs/{program_id}/sign": {"post"},
        "/api/v1/programs/{program_id}/activate": {"post"},
        "/api/v1/programs/{program_id}/close": {"post"},
        "/api/v1/programs/{program_id}/restore": {"post"},
    }.items() <= {path: set(ops) for path, ops in spec["paths"].items()}.items()
    assert "/api/v1/reference/provinces" in spec["paths"]
    assert spec["paths"]["/api/v1/programs"]["post"]["security"] == [{"TokenOrSession": []}]


def test_docs_page_loads_only_same_origin_scripts_under_the_strict_policy(client, db, settings):
    # Unhashed static names, whether or not `collectstatic` has run on this machine.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    html = response.content.decode()
    scripts = re.findall(r"<script\b([^>]*)>", html)
    sources = [re.search(r'src="([^"]*)"', attrs) for attrs in scripts]
    assert [s.group(1) for s in sources if s] == [
        "/static/ninja/swagger-ui-bundle.js",
        "/static/ninja/swagger-ui-init.js",
    ]
    # The one inline <script> is a JSON data block, which browsers never execute.
    assert [attrs.strip() for attrs, s in zip(scripts, sources, strict=True) if not s] == [
        'type="application/json" id="swagger-settings"'
    ]
    assert re.findall(r'<link\b[^>]*href="([^"]*)"', html) == [
        "/static/ninja/swagger-ui.css",
        "/static/ninja/favicon.svg",
        "/static/ninja/favicon.png",
    ]
    assert "<style" not in html and " style=" not in html and "http" not in html
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert (policy["script-src"], policy["style-src"], policy["connect-src"]) == (
        "'self'",
        "'self'",
        "'self'",
    )
    assert '"validatorUrl": null' in html


def test_healthz_reports_the_database(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_fails(client, db):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}

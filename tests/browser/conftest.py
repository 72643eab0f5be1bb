"""Browser tests: Playwright for Python driving Debian's Chromium (/usr/bin/chromium) against
pytest-django's live server.

- The browser is launched once per session; each test gets a fresh context (cookies) and page.
- live_server tests are transactional: the database is flushed after each one, which also
  wipes the reference data loaded once by tests/conftest.py. The `demo` fixture loads the
  reference data and the demo (agencies, accounts, two programs) at the start of every test.
- Every page is watched for console errors, uncaught exceptions and Content-Security-Policy
  violations (the policy allows no inline script or style): any of them fails the test.
- Screenshots (full page, 1280 and 390 px wide) go to test-artifacts/ only when
  PHOIHOP_SCREENSHOTS=1.
"""

import os
import re
from pathlib import Path

import pytest
from django.test.utils import override_settings

# Playwright's sync API runs an asyncio event loop in this thread, so Django would refuse ORM
# calls made from the test (fixtures, assertions) as "async unsafe". They are plain
# synchronous calls; the loop never runs Django code.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

# Reports CSP violations as console errors, whatever Chromium's own wording is. Init scripts
# are injected by the browser itself, so the page's policy does not apply to this one.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", function (e) {
  console.error("CSP violation: " + e.violatedDirective + " blocked " + (e.blockedURI || "inline") +
                " at " + e.sourceFile + ":" + e.lineNumber);
});
"""


@pytest.fixture(scope="session")
def _browser_settings(tmp_path_factory):
    """Settings for the live server, for the whole session (the server thread starts once):

    - STATIC_ROOT: an empty directory that exists; WhiteNoise warns "No directory at: …"
      when `collectstatic` has not run, and warnings are errors.
    - staticfiles storage without a manifest, so `{% static %}` works without
      `collectstatic`; the live server serves the files from the finders.
    - a fast password hasher: the demo sets six passwords per test and the throttling test
      signs in six times; PBKDF2 would cost seconds and tests nothing here.
    """
    from django.conf import settings

    static_root = tmp_path_factory.mktemp("browser_static_root")
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    override = override_settings(
        STATIC_ROOT=str(static_root),
        STORAGES=storages,
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    )
    override.enable()
    yield
    override.disable()


@pytest.fixture(scope="session")
def live_server(django_db_setup, _browser_settings, live_server):
    """pytest-django's live server, started with the settings above.

    It must start after the test database exists: session fixtures are set up before the
    function-scoped `transactional_db`, and the server only shares the test's in-memory
    SQLite connection (`connections_override`) if the database is in memory when it starts.
    Otherwise every request thread opens its own connection that is never closed (SQLite
    ignores close() for in-memory databases) and the run ends in ResourceWarnings."""
    return live_server


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = "Chromium không có: cài bằng apt-get install chromium (browser tests skipped)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing; in CI no test may be skipped for a missing tool. {message}")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def demo(live_server):
    """Reference data and the demo as `phoihop demo` loads it (see phoihop.demo), for this
    test; the live server's database is flushed after each test."""
    from phoihop.demo import load
    from phoihop.reference.services import refdata_load

    refdata_load()
    return load()


class PageProblems:
    """Console errors, uncaught exceptions and CSP violations seen on a page.

    `expect(pattern)` allows console errors matching the regular expression, for pages a test
    expects to answer with an error status (Chromium logs "Failed to load resource: the
    server responded with a status of 400" for them)."""

    def __init__(self):
        self.messages: list[str] = []
        self.allowed: list[re.Pattern] = []

    def expect(self, pattern: str) -> None:
        self.allowed.append(re.compile(pattern))

    def on_console(self, message) -> None:
        text = message.text
        if message.type == "error" or "Refused to" in text:
            location = message.location.get("url", "")
            self.messages.append(f"console.{message.type}: {text} ({location})")

    def on_pageerror(self, error) -> None:
        self.messages.append(f"uncaught exception: {error}")

    def unexpected(self) -> list[str]:
        return [m for m in self.messages if not any(p.search(m) for p in self.allowed)]


@pytest.fixture
def page_problems():
    return PageProblems()


@pytest.fixture
def new_page(browser, live_server, page_problems):
    """new_page(**context_options) → a page in a fresh browser context (its own cookies),
    watched for console errors and CSP violations. The test fails if any are seen."""
    contexts = []

    def make(**options):
        options = {"base_url": live_server.url, "viewport": DESKTOP, "locale": "vi-VN", **options}
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        context.add_init_script(CSP_LISTENER)
        contexts.append(context)
        page = context.new_page()
        page.on("console", page_problems.on_console)
        page.on("pageerror", page_problems.on_pageerror)
        return page

    yield make
    for context in contexts:
        context.close()
    problems = page_problems.unexpected()
    if problems:
        pytest.fail("Lỗi trên trang (console, CSP):\n" + "\n".join(problems), pytrace=False)


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def sign_in():
    """sign_in(page, username, password) fills and sends the sign-in form as a person would."""

    def do(page, username: str, password: str | None = None):
        from phoihop.programs.demo import DEMO_PASSWORD

        page.goto("/accounts/login/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD if password is None else password)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_load_state()

    return do


def _screenshots_enabled() -> bool:
    return os.environ.get("PHOIHOP_SCREENSHOTS") == "1"


@pytest.fixture(scope="session")
def _artifacts_dir():
    if _screenshots_enabled():
        ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def screenshot(_artifacts_dir):
    """screenshot(page, name): test-artifacts/<name>.png (1280 wide) and <name>-phone.png
    (390 wide), full page; does nothing unless PHOIHOP_SCREENSHOTS=1."""

    def shoot(page, name: str) -> None:
        if not _screenshots_enabled():
            return
        size = page.viewport_size or DESKTOP
        page.screenshot(path=str(_artifacts_dir / f"{name}.png"), full_page=True)
        page.set_viewport_size(PHONE)
        page.screenshot(path=str(_artifacts_dir / f"{name}-phone.png"), full_page=True)
        page.set_viewport_size(size)

    return shoot

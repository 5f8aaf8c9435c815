"""Browser tests: pytest-playwright drives Debian's Chromium against Django's live server.

Run with `.venv/bin/pytest tests/browser`. Screenshots of the main pages land in test-output/screenshots/.
"""

import os
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from playwright.sync_api import Page, expect

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse ORM calls there.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "ptds-demo"
SCREENSHOTS = django_settings.BASE_DIR / "test-output" / "screenshots"
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing: install Debian's chromium package (the Makefile does).")
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def base_url(live_server):
    """page.goto("/tasks/") goes to the live server."""
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "locale": "vi-VN",
        "timezone_id": "Asia/Ho_Chi_Minh",
    }


def _quiet(context):
    # No favicon exists; keep Chromium's request for it away from the server (and its shared SQLite connection).
    context.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def context(new_context):
    return _quiet(new_context())


@pytest.fixture
def open_context(new_context):
    """Another browser context (another user, another screen size), closed after the test."""
    return lambda **kwargs: _quiet(new_context(**kwargs))


@pytest.fixture
def site(transactional_db, live_server, settings, tmp_path):
    """The live server with both seed programmes and the demo accounts; uploads go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed", "--demo-users", "--without-province", stdout=StringIO())
    return live_server


def login(page: Page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the login form; ends on the page the portal sends the user to, its scripts run."""
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator("#id_password")).to_have_count(0)
    # Attached, not visible: on a phone the menu holding it is collapsed.
    expect(page.get_by_role("button", name="Đăng xuất", include_hidden=True)).to_be_attached()
    # The click returns once the next page starts arriving, and the button above is there before the scripts at the
    # end of the body (Bootstrap's) have run: a click or choice made then does nothing. DOMContentLoaded comes after
    # every script of the page (none is async) has run.
    page.wait_for_load_state("domcontentloaded")


def screenshot(page: Page, name: str, full_page: bool = True) -> Path:
    """A screenshot (the whole page by default) under test-output/screenshots/, for review."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=path, full_page=full_page)
    return path

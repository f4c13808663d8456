"""Real Chromium (Debian's) driven by Playwright, against Django's live server.

Locally, without /usr/bin/chromium, these tests skip with a message; under CI (CI=true) a
missing browser is an error, so browser coverage can never silently vanish."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
PHONE = {"width": 375, "height": 812}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None


@pytest.fixture(scope="session")
def browser():
    if not chromium_available():
        message = f"Chromium not found at {CHROMIUM}: install Debian's chromium package."
        if os.environ.get("CI"):
            pytest.fail(message + " Browser tests are required under CI.", pytrace=False)
        pytest.skip(message + " Browser tests skipped locally.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def new_context(browser, **options):
    return browser.new_context(viewport=PHONE, **options)


@pytest.fixture
def context(browser):
    context = new_context(browser)
    yield context
    context.close()


@pytest.fixture
def no_js_context(browser):
    context = new_context(browser, java_script_enabled=False)
    yield context
    context.close()


class ConsoleWatcher:
    """Collects console errors and uncaught exceptions from a page."""

    def __init__(self, page):
        self.errors = []
        page.on("console", self.on_console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def on_console(self, message):
        if message.type == "error":
            self.errors.append(message.text)


@pytest.fixture
def page(context):
    page = context.new_page()
    page.console = ConsoleWatcher(page)
    yield page
    page.close()


@pytest.fixture
def page_without_worker(browser):
    """A tab whose service worker is blocked, for tests about the page or the server rather
    than the worker: a worker registered by an earlier navigation answers fetches itself, out of
    reach of page.route(), and may rightly answer from its saved copy on a slow test server.
    test_pwa.py covers the worker."""
    context = new_context(browser, service_workers="block")
    page = context.new_page()
    page.console = ConsoleWatcher(page)
    yield page
    context.close()


@pytest.fixture
def installed_context(browser, tmp_path):
    """A context with a profile on disk, like a real phone's browser: Chromium reports every
    throwaway (incognito) context made by new_context() as not installable."""
    context = browser.browser_type.launch_persistent_context(
        tmp_path / "profile", executable_path=CHROMIUM, args=CHROMIUM_ARGS, viewport=PHONE
    )
    yield context
    context.close()


def sign_in(page, site, username, password):
    from playwright.sync_api import expect

    page.goto(site + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    expect(page.get_by_role("heading", name="Content")).to_be_visible()


@pytest.fixture
def people(browser, site, make_staff_user):
    """Edna (editor) and Rita (clinical reviewer), each signed in in a browser of her own."""
    make_staff_user("edna", group="Editor", first_name="Edna", last_name="Okafor")
    make_staff_user("rita", group="Clinical reviewer", first_name="Rita", last_name="Rivera")
    contexts, pages = [], {}
    for name in ("edna", "rita"):
        context = new_context(browser, service_workers="block")
        page = context.new_page()
        page.console = ConsoleWatcher(page)
        sign_in(page, site, name, make_staff_user.password)
        contexts.append(context)
        pages[name] = page
    yield pages
    for context in contexts:
        context.close()

"""The whole product in Spanish in a real Chromium (issue 11): every public page says it is
Spanish, points at its English twin, shows no English interface words, sets no cookie and asks
nothing of another origin; after one visit the Spanish app works offline; quick exit speaks
Spanish; and the Spanish manifest is installable."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from .worker import activate_worker

pytestmark = pytest.mark.browser

# English interface words that must never show on a Spanish page (the switch link "English" is
# the one English word a Spanish page has, on purpose).
ENGLISH_WORDS = [
    "Exit this page",
    "Skip to main content",
    "Symptom check",
    "Get help",
    "Continue",
    "None of these",
    "Choose all that apply",
    "What to do now",
    "Why this result",
    "Privacy, and removing",
    "About and how we check",
    "Last reviewed",
    "Next review",
    "You are offline",
]


def spanish_pages() -> list[str]:
    with translation.override("es"):
        names = ["home", "guides:list", "triage:start", "get-help", "about", "privacy", "offline"]
        return [reverse(name) for name in names]


def test_every_spanish_page_is_spanish_and_private(site, context, page):
    elsewhere = []
    context.on(
        "request",
        lambda request: (
            None if request.url.startswith((site, "data:")) else elsewhere.append(request.url)
        ),
    )
    for path in spanish_pages():
        page.goto(site + path)
        expect(page.locator("html")).to_have_attribute("lang", "es-US")
        english_twin = page.locator('link[rel=alternate][hreflang="en-US"]')
        expect(english_twin).to_have_attribute("href", settings.SITE_ORIGIN + path[3:])
        switch = page.get_by_role("link", name="English", exact=True)
        expect(switch).to_have_attribute("hreflang", "en")
        text = page.locator("body").inner_text()
        assert [word for word in ENGLISH_WORDS if word in text] == [], path
    assert context.cookies() == []
    assert elsewhere == []
    assert page.console.errors == []


def test_after_one_visit_the_spanish_app_works_offline(site, context, page):
    page.goto(site + "/es/")
    activate_worker(page)
    assert page.evaluate("navigator.serviceWorker.controller.scriptURL").endswith("?lang=es")
    context.set_offline(True)
    page.goto(site + "/es/triage/")
    expect(page.locator("[data-triage-ready]")).to_be_attached()
    page.get_by_role("checkbox", name="Nada de esto", exact=True).check()
    page.get_by_role("button", name="Continuar", exact=True).click()
    expect(page.locator(".triage-group__caption")).to_contain_text("pregunta 2 de 5")
    page.goto(site + "/es/guides/")
    expect(page.locator("html")).to_have_attribute("lang", "es-US")
    # A page the Spanish app never saved gets the Spanish offline page.
    page.goto(site + "/es/no-guardada/")
    expect(page.locator("h1")).to_have_text("No tiene conexión")


@pytest.mark.parametrize("method", ["button", "shift"])
def test_quick_exit_in_spanish_leaves_for_the_neutral_screen_offline(site, context, page, method):
    page.goto(site + "/es/")
    activate_worker(page)
    page.goto(site + "/es/about/")
    expect(page.locator("[data-module='quick-exit']")).to_have_attribute(
        "data-quick-exit-started", "true"
    )
    context.route(settings.QUICK_EXIT_URL + "**", lambda route: route.abort("internetdisconnected"))
    context.set_offline(True)
    if method == "button":
        page.get_by_role("link", name="Salir de esta página").click()
    else:
        for _ in range(3):
            page.keyboard.press("Shift")
    expect(page).to_have_url(site + "/es/exit/")
    expect(page).to_have_title("Nueva pestaña")
    expect(page.get_by_text("No hay conexión a internet")).to_be_visible()


def test_the_spanish_app_is_installable(site, installed_context):
    page = installed_context.new_page()
    page.goto(site + "/es/")
    activate_worker(page)
    devtools = installed_context.new_cdp_session(page)
    assert devtools.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    manifest = devtools.send("Page.getAppManifest")
    assert manifest["url"] == site + "/es/manifest.json"
    assert manifest["errors"] == []


HOMES = {"en": "/", "es": "/es/"}
# What each language's pages say, offline, to a person who used them once.
WORDS = {
    "en": {"lang": "en-US", "offline": "You are offline", "exit": "New tab"},
    "es": {"lang": "es-US", "offline": "No tiene conexión", "exit": "Nueva pestaña"},
}


def worker_of(language: str) -> str:
    return "?lang=es" if language == "es" else "serviceworker.js"


@pytest.mark.parametrize(("first", "then"), [("es", "en"), ("en", "es")])
def test_a_phone_keeps_every_language_it_has_used(site, context, page, first, then):
    """Issue 18: one visit to the other language replaced the worker and deleted the first
    language's saved pages; offline, its addresses then showed the other language."""
    page.goto(site + HOMES[first])
    activate_worker(page)
    page.goto(site + HOMES[then])
    page.wait_for_function(
        "(ending) => navigator.serviceWorker.controller?.scriptURL.endsWith(ending)",
        arg=worker_of(then),
        timeout=60000,
    )
    context.set_offline(True)
    prefix = HOMES[first].rstrip("/")
    for path in ["/guides/", "/triage/", "/get-help/"]:
        page.goto(site + prefix + path)
        expect(page.locator("html")).to_have_attribute("lang", WORDS[first]["lang"])
    page.goto(site + prefix + "/never-saved/")
    expect(page.locator("h1")).to_have_text(WORDS[first]["offline"])
    page.goto(site + prefix + "/exit/")
    expect(page).to_have_title(WORDS[first]["exit"])
    # The language used last works offline too.
    page.goto(site + HOMES[then].rstrip("/") + "/guides/")
    expect(page.locator("html")).to_have_attribute("lang", WORDS[then]["lang"])

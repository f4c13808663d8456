"""The installable, offline app in real Chromium: install checks, offline reading, updates reaching
the phone, what is (not) saved, removing it all, and a privacy walk over every public page."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from guides.models import Guide
from guides.services import publish_guide

from .triage_steps import PATHS, answer_pages, result_of
from .worker import activate_worker

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

SAVED_PATHS = """async () => {
  const paths = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      paths.push(new URL(request.url).pathname);
    }
  }
  return paths;
}"""


def assert_worker_controls(page, site):
    assert activate_worker(page) == site + reverse("serviceworker")


def test_home_page_is_installable_with_a_valid_manifest(site, installed_context):
    page = installed_context.new_page()
    page.goto(site + "/")
    assert_worker_controls(page, site)
    devtools = installed_context.new_cdp_session(page)

    assert devtools.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    manifest = devtools.send("Page.getAppManifest")
    assert manifest["url"] == site + reverse("manifest")
    assert manifest["errors"] == []
    assert manifest["manifest"]["name"] == settings.APP_NAME


def test_every_guide_the_triage_and_its_rules_open_offline(site, context, page):
    page.goto(site + "/")
    assert_worker_controls(page, site)
    # The first worker taking over a fresh page is not an update.
    expect(page.locator("[data-update-notice]")).to_be_hidden()
    guides = list(Guide.objects.published())
    assert guides

    context.set_offline(True)
    for guide in guides:
        page.goto(site + guide.get_absolute_url())
        expect(page.locator("h1")).to_have_text(guide.published_title)
    page.goto(site + reverse("triage:start"))
    expect(page.locator("h1")).to_contain_text("During or since the sex, have you had any of these")
    rules = page.evaluate(f"fetch({reverse('api:triage-rules')!r}).then((r) => r.json())")
    assert "version" in rules
    for name, heading in [("guides:list", "Guides"), ("privacy", "Privacy and your phone")]:
        page.goto(site + reverse(name))
        expect(page.locator("h1")).to_have_text(heading)
    page.goto(site + "/never-saved-page/")
    expect(page.locator("h1")).to_have_text("You are offline")
    expect(page.get_by_role("link", name=guides[0].published_title)).to_be_visible()

    # Every style sheet, script and icon came from the phone: nothing failed to load.
    assert page.console.errors == []


def test_offline_the_whole_symptom_check_reaches_every_level_on_the_phone(site, context, page):
    page.goto(site + "/")
    assert_worker_controls(page, site)
    context.set_offline(True)
    for pages, level in PATHS:
        page.goto(site + reverse("triage:start"))
        expect(page.locator("[data-triage-ready]")).to_be_attached()
        assert answer_pages(page, pages) <= 5
        expect(result_of(page)).to_have_attribute("data-triage-level", level)
    assert page.console.errors == []


def test_a_request_lost_while_saving_the_site_is_tried_again(site, context, page):
    """On a bad connection one dropped request must not cost the phone its offline copy."""
    guide = Guide.objects.published().last()
    url = site + guide.get_absolute_url()
    attempts = []

    def drop_the_first_attempt(route):
        attempts.append(route.request.url)
        if len(attempts) == 1:
            route.abort()
        else:
            route.continue_()

    context.route(url, drop_the_first_attempt)
    page.goto(site + "/")
    assert_worker_controls(page, site)
    assert len(attempts) == 2

    context.set_offline(True)
    page.goto(url)
    expect(page.locator("h1")).to_have_text(guide.published_title)


def test_a_published_edit_reaches_the_phone_online_and_then_offline(site, context, page):
    revisited, not_revisited = list(Guide.objects.published())[:2]
    page.goto(site + revisited.get_absolute_url())
    assert_worker_controls(page, site)

    for guide, sentence in [(revisited, "Edited sentence one."), (not_revisited, "Edited two.")]:
        guide.body += f"\n\n{sentence}"
        guide.save()
        publish_guide(guide=guide, reviewer_name="Dr Rita Rivera")

    # The visit finds a new worker version, which saves the edited site and takes over this open
    # page; the page offers a calm reload and never reloads by itself. (When the new worker takes
    # over during this very navigation, the old one answers from its copy; either way the edit
    # shows online once the offered reload is taken.)
    page.goto(site + revisited.get_absolute_url())
    reload_button = page.get_by_role("button", name="Reload")
    expect(reload_button).to_be_visible(timeout=15_000)
    reload_button.click()
    expect(reload_button).to_be_hidden()
    expect(page.get_by_text("Edited sentence one.")).to_be_visible()

    context.set_offline(True)
    page.goto(site + revisited.get_absolute_url())
    expect(page.get_by_text("Edited sentence one.")).to_be_visible()
    # A guide not opened since the edit was saved afresh by the new worker too.
    page.goto(site + not_revisited.get_absolute_url())
    expect(page.get_by_text("Edited two.")).to_be_visible()


DECODED_AWAY = {"content-encoding", "content-length"}


def test_nothing_private_or_marked_no_store_is_saved_on_the_phone(site, context, page):
    page.goto(site + "/")
    assert_worker_controls(page, site)
    about, privacy = site + reverse("about"), site + reverse("privacy")

    def serve_as(cache_control):
        def handler(route):
            # Unconditionally: a 304 would carry no body to mark as the network copy.
            headers = route.request.headers
            response = route.fetch(
                headers={k: v for k, v in headers.items() if not k.startswith("if-")}
            )
            body = response.text().replace("</h1>", " (network copy)</h1>")
            # The body is rewritten decoded: drop the compressed copy's encoding and length.
            headers = {
                **{k: v for k, v in response.headers.items() if k not in DECODED_AWAY},
                "cache-control": cache_control,
            }
            route.fulfill(response=response, body=body, headers=headers)

        return handler

    # The worker's own network requests pass through these routes.
    context.route(about, serve_as("no-store"))
    context.route(privacy, serve_as("max-age=0"))
    page.goto(about)
    page.goto(privacy)
    for api in ["/api/v1/guides/", "/api/v1/schema/"]:
        assert page.evaluate(f"fetch({api!r}).then((response) => response.status)") == 200
    page.goto(site + reverse("admin:login"))
    saved = page.evaluate(SAVED_PATHS)

    assert "/api/v1/guides/" in saved
    assert "/api/v1/schema/" not in saved
    assert not [path for path in saved if path.startswith("/" + settings.ADMIN_URL)]
    context.unroute_all()
    # Public pages allow stale-while-revalidate, so the browser's HTTP cache could answer the
    # worker's offline fetch with the copy from install; only the worker's caches are tested.
    context.new_cdp_session(page).send("Network.clearBrowserCache")
    context.set_offline(True)
    page.goto(about)
    expect(page.locator("h1")).to_have_text("About this site")
    page.goto(privacy)
    expect(page.locator("h1")).to_have_text("Privacy and your phone (network copy)")


def test_remove_this_apps_data_clears_the_worker_caches_and_storage(site, page):
    page.goto(site + reverse("privacy"))
    assert_worker_controls(page, site)
    page.evaluate(
        """() => new Promise((resolve) => {
          localStorage.setItem("a", "1");
          sessionStorage.setItem("b", "2");
          indexedDB.open("notes").onsuccess = (event) => {
            event.target.result.close();
            resolve();
          };
        })"""
    )

    page.get_by_role("button", name="Remove this app’s data from this phone").click()

    expect(page.get_by_role("status").filter(has_text="Done.")).to_be_visible()
    # This page is still controlled by the removed worker: its requests must not save anything.
    page.evaluate("Promise.all([fetch('/about/'), fetch('/static/css/pwa.css')])")
    left = page.evaluate(
        """async () => ({
          workers: (await navigator.serviceWorker.getRegistrations()).length,
          caches: (await caches.keys()).length,
          local: localStorage.length,
          session: sessionStorage.length,
          databases: (await indexedDB.databases()).length,
        })"""
    )
    assert left == {"workers": 0, "caches": 0, "local": 0, "session": 0, "databases": 0}


def test_without_javascript_the_privacy_page_explains_removal_in_browser_settings(
    site, no_js_context
):
    page = no_js_context.new_page()
    page.goto(site + reverse("privacy"))

    expect(page.get_by_role("button", name="Remove this app’s data from this phone")).to_be_hidden()
    expect(page.get_by_text("Site settings", exact=False)).to_be_visible()


def test_public_pages_set_no_cookie_load_nothing_from_elsewhere_and_break_no_policy(
    site, context, page
):
    elsewhere, messages = [], []
    context.on(
        "request",
        lambda request: (
            None if request.url.startswith((site, "data:")) else elsewhere.append(request.url)
        ),
    )
    page.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    context.route(
        settings.QUICK_EXIT_URL + "**",
        lambda route: route.fulfill(body="<title>Elsewhere</title>", content_type="text/html"),
    )
    pages = [
        "/",
        reverse("guides:list"),
        *[guide.get_absolute_url() for guide in Guide.objects.published()],
        reverse("triage:start"),
        reverse("about"),
        reverse("privacy"),
        reverse("offline"),
        "/no-such-page/",
    ]
    # Read by scripts and crawlers, not people: fetched, since Chromium's own JSON and XML
    # viewers would break this site's CSP with their inline styles.
    data = [
        reverse("manifest"),
        reverse("api:guide-list"),
        reverse("api:triage-rules"),
        reverse("robots"),
        reverse("sitemap"),
    ]

    page.goto(site + "/")
    assert_worker_controls(page, site)
    for url in pages:
        page.goto(site + url)
    for url in data:
        assert page.evaluate(f"fetch({url!r}).then((response) => response.status)") == 200
    # A walk by links, as a person would: from the home page into a guide and the check.
    page.goto(site + "/")
    page.locator(".guide-list__link").first.click()
    page.get_by_role("link", name="Symptom check", exact=True).click()
    page.get_by_role("link", name="Privacy, and removing this site from your phone").click()
    # Then leave with quick exit, the one way out to another site.
    page.get_by_role("link", name="Exit this page").click()
    expect(page).to_have_url(settings.QUICK_EXIT_URL)

    assert context.cookies() == []
    assert elsewhere == [settings.QUICK_EXIT_URL]
    policy_problems = [
        text
        for text in messages
        if "Content Security Policy" in text or "Permissions-Policy" in text or "Refused" in text
    ]
    assert policy_problems == []
    assert [error for error in page.console.errors if "status of 404" not in error] == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_privacy_offline_and_exit_screens_and_the_update_notice_pass_wcag_a_and_aa(
    site, browser, scheme
):
    context = browser.new_context(viewport={"width": 375, "height": 812}, color_scheme=scheme)
    page = context.new_page()
    axe = Axe()
    failures = {}
    for path in [reverse("privacy"), reverse("offline")]:
        page.goto(site + path)
        # Shown as after an update, and as after a removal, so both are checked too.
        page.evaluate(
            """() => {
              document.querySelector("[data-update-notice]").hidden = false;
              const result = document.querySelector("[data-forget-me-result]");
              if (result) result.textContent = "Done.";
            }"""
        )
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        if results.violations_count:
            failures[path] = results.generate_report()
    # The exit screen as it stays offline (it moves on at once online).
    context.route(settings.QUICK_EXIT_URL + "**", lambda route: route.abort())
    page.goto(site + "/")
    assert_worker_controls(page, site)
    context.set_offline(True)
    page.goto(site + reverse("exit"))
    expect(page.get_by_text("No internet connection")).to_be_visible()
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    if results.violations_count:
        failures["exit"] = results.generate_report()
    context.close()
    assert failures == {}, "\n".join(f"{path}:\n{report}" for path, report in failures.items())

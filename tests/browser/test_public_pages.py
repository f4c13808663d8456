"""The public site in a real Chromium at a phone viewport: renders cleanly, shows emergency
advice first, works without JavaScript, and passes axe's WCAG 2.2 A/AA rules in both schemes."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .pages import public_paths

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def test_every_public_page_renders_without_console_errors(site, page_without_worker):
    # About pages, not the worker (test_pwa.py): visiting both languages would install each
    # language's worker in turn, dozens of background fetches competing with every page.
    page = page_without_worker
    paths = public_paths(site)
    assert len(paths) >= 10
    for path in paths:
        response = page.goto(site + path)
        assert response.status == (404 if path == "/no-such-page/" else 200), path
        expect(page.locator("h1")).to_have_count(1)
        # The sitemap lists the Spanish pages too (issue 11).
        exit_name = "Salir de esta página" if path.startswith("/es/") else "Exit this page"
        expect(page.get_by_role("link", name=exit_name)).to_be_visible()
    expected_404 = "Failed to load resource: the server responded with a status of 404 (Not Found)"
    assert [error for error in page.console.errors if error != expected_404] == []


@pytest.mark.parametrize(
    ("path", "call_name"), [("/", "Call 911"), ("/es/", "Llame al 911")], ids=["en", "es"]
)
@pytest.mark.parametrize("viewport", [{"width": 375, "height": 812}, {"width": 360, "height": 640}])
def test_the_whole_emergency_card_is_inside_the_first_screen(
    site, browser, viewport, path, call_name
):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(site + path)
    card = page.locator(".care-card--emergency")
    call = card.get_by_role("link", name=call_name)
    expect(call).to_have_attribute("href", "tel:911")
    box = card.bounding_box()
    assert box["y"] >= 0
    assert box["y"] + box["height"] <= viewport["height"], "the card needs scrolling to read"
    from triage.rules import load_rule_set

    signs = load_rule_set().warning_signs("emergency")
    assert len(signs) == 5  # the specification's five emergency signs that stand alone
    expect(card.locator("li")).to_have_count(len(signs))
    context.close()


def test_pages_work_with_javascript_disabled(site, no_js_context):
    page = no_js_context.new_page()
    page.goto(site + "/")
    expect(page.locator(".care-card--emergency")).to_be_visible()
    page.get_by_role("link", name="Guides", exact=True).click()
    expect(page).to_have_url(site + "/guides/")
    page.locator(".guide-list__link").first.click()
    expect(page.locator(".review-dates")).to_contain_text("Page last reviewed:")
    expect(page.locator(".sources li").first).to_be_visible()
    page.get_by_role("link", name="Exit this page").wait_for()


def test_text_can_be_doubled_without_content_spilling_sideways(site, page_without_worker):
    page = page_without_worker
    page.goto(site + "/guides/when-to-see-a-doctor/")
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= page.viewport_size["width"]


# Heading levels as a screen reader lists them (not those inside <template>s).
HEADING_LEVELS = """() => [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
  .filter((heading) => !heading.closest("template") && heading.checkVisibility())
  .map((heading) => Number(heading.tagName[1]))"""


def test_no_public_page_skips_a_heading_level(site, page_without_worker):
    """Issue 21: /get-help/ went from h1 to h3. Every public page, both languages."""
    page = page_without_worker
    skips = {}
    for path in public_paths(site):
        page.goto(site + path)
        levels = page.evaluate(HEADING_LEVELS)
        jumps = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
        if not levels or levels[0] != 1 or jumps:
            skips[path] = levels
    assert skips == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_wcag_a_or_aa_violation_on_any_public_page(site, browser, scheme):
    context = browser.new_context(
        viewport={"width": 375, "height": 812}, color_scheme=scheme, service_workers="block"
    )
    page = context.new_page()
    axe = Axe()
    failures = {}
    for path in public_paths(site):
        page.goto(site + path)
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        if results.violations_count:
            failures[path] = results.generate_report()
    context.close()
    assert failures == {}, "\n".join(f"{path}:\n{report}" for path, report in failures.items())


@pytest.mark.parametrize("home", ["/", "/es/"])
def test_the_pinned_header_is_one_line_on_a_390_px_phone_in_both_languages(site, browser, home):
    """Issue 18: the Spanish header wrapped to two lines, pushing the page down on every screen."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
    page = context.new_page()
    page.goto(site + home)
    name = page.locator(".site-header__name").bounding_box()
    exit_button = page.locator(".quick-exit__button").bounding_box()
    # One line: the name and the exit button side by side, neither taller than two lines of text.
    assert abs(name["y"] - exit_button["y"]) < name["height"]
    assert exit_button["height"] < 56, "the exit button's words wrap"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # The menu below it is one row too, language link included (it wrapped in Spanish).
    tops = page.locator(".site-nav__list li").evaluate_all(
        "(items) => items.map((item) => Math.round(item.getBoundingClientRect().top))"
    )
    assert len(tops) == 4
    assert len(set(tops)) == 1, tops
    context.close()

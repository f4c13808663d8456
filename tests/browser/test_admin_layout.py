"""Issue 20, failure 13 for guides: the guides admin at a laptop's 1280×800 and a phone's 390×844.
No page scrolls sideways (a wide table scrolls inside its own box); at 1280 the guide list's
review and source columns are on screen beside the admin's menu; on a phone the history's words
do not break mid-word and "Restore as draft" is whole. Screenshots go to the var directory
(ANALCARE_VAR_DIR), never into the repository."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from guides.models import Guide

from .conftest import ConsoleWatcher
from .test_editorial_flow import sign_in

pytestmark = pytest.mark.browser

LAPTOP, PHONE = {"width": 1280, "height": 800}, {"width": 390, "height": 844}
SHOTS = Path(settings.VAR_DIR) / "screenshots" / "admin-layout"


def no_sideways_scroll(page, viewport, name):
    page.screenshot(path=SHOTS / f"{name}-{viewport['width']}.png", full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"{name} scrolls sideways at {viewport} ({width}px)"


def edge(page, selector) -> dict:
    return page.locator(selector).first.evaluate(
        "(element) => { const box = element.getBoundingClientRect();"
        " return {left: box.left, right: box.right}; }"
    )


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["1280x800", "390x844"])
def test_the_guides_admin_fits_a_laptop_and_a_phone(site, browser, make_staff_user, viewport):
    make_staff_user("rita", group="Clinical reviewer", first_name="Rita", last_name="Rivera")
    guide = Guide.objects.get(slug="what-to-do-now")
    guide.body += "\n\nA second version, so the first can be restored."
    guide.save()
    context = browser.new_context(viewport=viewport, service_workers="block")
    page = context.new_page()
    page.console = ConsoleWatcher(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    sign_in(page, site, "rita", make_staff_user.password)
    admin = f"{site}/admin/guides/guide/"

    page.goto(admin)
    no_sideways_scroll(page, viewport, "guide-list")
    if viewport is LAPTOP:
        results = edge(page, "#changelist .results")
        for column in ("review_due", "sources_check"):
            header = edge(page, f"#result_list th.column-{column}")
            assert header["right"] <= min(viewport["width"], results["right"]) + 1, column
        inner = page.locator("#changelist .results").evaluate(
            "(box) => box.scrollWidth - box.clientWidth"
        )
        assert inner <= 1, "the guide list scrolls inside its box at 1280 px"

    page.goto(f"{admin}{guide.pk}/change/")
    no_sideways_scroll(page, viewport, "guide-change")

    page.goto(f"{admin}{guide.pk}/history/")
    no_sideways_scroll(page, viewport, "guide-history")
    restore = page.get_by_role("button", name="Restore as draft")
    expect(restore.first).to_be_visible()
    for index in range(restore.count()):
        box = restore.nth(index).bounding_box()
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= viewport["width"]
    broken = page.locator("#change-history td").evaluate_all(
        "(cells) => cells.filter((cell) => getComputedStyle(cell).wordBreak === 'break-word'"
        " || getComputedStyle(cell).overflowWrap === 'anywhere').length"
    )
    assert broken == 0, "history words may break mid-word"

    page.locator("#change-history tbody tr").last.locator("a").first.click()
    expect(page.locator(".version__readonly")).to_be_visible()
    no_sideways_scroll(page, viewport, "guide-version")
    box = page.get_by_role("button", name="Restore as draft").bounding_box()
    assert box["x"] + box["width"] <= viewport["width"]

    assert page.console.errors == []
    context.close()

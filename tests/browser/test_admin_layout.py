"""Issue 20, failure 13: the admin at a laptop's 1280×800 and a phone's 390×844, for the guides
and for the symptom check. No page scrolls sideways (a wide table scrolls inside its own box) and
the main buttons are whole; at 1280 the guide list's review and source columns are on screen
beside the admin's menu; on a phone the history's words do not break mid-word and "Restore as
draft" is whole; the symptom check's review names fields in words and people by their full
names. Screenshots go to the var directory (ANALCARE_VAR_DIR), never into the repository."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from guides.models import Guide
from triage import publishing
from triage.models import HelpService, Rule, Source

from .conftest import ConsoleWatcher, sign_in

pytestmark = pytest.mark.browser

LAPTOP, PHONE = {"width": 1280, "height": 800}, {"width": 390, "height": 844}
SHOTS = Path(settings.VAR_DIR) / "screenshots" / "admin-layout"


def no_sideways_scroll(page, viewport, name):
    page.screenshot(path=SHOTS / f"{name}-{viewport['width']}.png", full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"{name} scrolls sideways at {viewport} ({width}px)"


def whole_in_width(buttons, viewport):
    """Every one of these buttons is on screen from its left edge to its right."""
    expect(buttons.first).to_be_visible()
    for index in range(buttons.count()):
        box = buttons.nth(index).bounding_box()
        assert box["x"] >= 0, f"a button starts off-screen at {viewport}"
        assert box["x"] + box["width"] <= viewport["width"], f"a button is cut at {viewport}"


def signed_in_page(browser, site, username, password, viewport):
    context = browser.new_context(viewport=viewport, service_workers="block")
    page = context.new_page()
    page.console = ConsoleWatcher(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    sign_in(page, site, username, password)
    return context, page


def scrolled_inside(page) -> int:
    """How far a change list's table scrolls sideways inside its own box, in pixels."""
    return page.locator("#changelist .results").evaluate(
        "(box) => box.scrollWidth - box.clientWidth"
    )


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
    context, page = signed_in_page(browser, site, "rita", make_staff_user.password, viewport)
    admin = f"{site}/admin/guides/guide/"

    page.goto(admin)
    no_sideways_scroll(page, viewport, "guide-list")
    if viewport is LAPTOP:
        results = edge(page, "#changelist .results")
        for column in ("review_due", "sources_check"):
            header = edge(page, f"#result_list th.column-{column}")
            assert header["right"] <= min(viewport["width"], results["right"]) + 1, column
        assert scrolled_inside(page) <= 1, "the guide list scrolls inside its box at 1280 px"

    page.goto(f"{admin}{guide.pk}/change/")
    no_sideways_scroll(page, viewport, "guide-change")

    page.goto(f"{admin}{guide.pk}/history/")
    no_sideways_scroll(page, viewport, "guide-history")
    whole_in_width(page.get_by_role("button", name="Restore as draft"), viewport)
    broken = page.locator("#change-history td").evaluate_all(
        "(cells) => cells.filter((cell) => getComputedStyle(cell).wordBreak === 'break-word'"
        " || getComputedStyle(cell).overflowWrap === 'anywhere').length"
    )
    assert broken == 0, "history words may break mid-word"

    page.locator("#change-history tbody tr").last.locator("a").first.click()
    expect(page.locator(".version__readonly")).to_be_visible()
    no_sideways_scroll(page, viewport, "guide-version")
    whole_in_width(page.get_by_role("button", name="Restore as draft"), viewport)

    assert page.console.errors == []
    context.close()


TRIAGE = "/admin/triage/"
TRIAGE_LISTS = ["level", "page", "choice", "finding", "rule", "source", "helpservice"]
# What emergency rules once said of where to go (issue 20, failure 13).
NO_PLACE_FOR_AN_EMERGENCY = "Any place that gives care today"
RAW_FIELD_NAMES = {"text", "sources", "phone", "watch_for", "all_of", "any_of", "levels"}


def field_labels(page) -> list[str]:
    return page.locator(".triage-review__item th[scope=row]").all_inner_texts()


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["1280x800", "390x844"])
def test_the_symptom_check_admin_fits_a_laptop_and_a_phone(
    site, browser, make_staff_user, viewport
):
    make_staff_user("rita", group="Clinical reviewer", first_name="Rita", last_name="Rivera")
    edna = make_staff_user("edna", group="Editor", first_name="Edna", last_name="Okafor")
    rule = Rule.objects.get(code="heavy_bleeding")  # an emergency rule
    new_source = Source.objects.exclude(rules=rule).first()
    hotline = HelpService.objects.get(key="rainn")
    context, page = signed_in_page(browser, site, "rita", make_staff_user.password, viewport)

    page.goto(site + TRIAGE)
    no_sideways_scroll(page, viewport, "triage-index")
    for model in [*TRIAGE_LISTS, "publication"]:
        page.goto(f"{site}{TRIAGE}{model}/")
        no_sideways_scroll(page, viewport, f"triage-{model}-list")
        if viewport is LAPTOP:
            assert scrolled_inside(page) <= 1, f"the {model} list hides columns at 1280 px"

    # Two drafts through the real change forms: a rule's reason and sources, a hotline's phone.
    page.goto(f"{site}{TRIAGE}rule/{rule.pk}/change/")
    no_sideways_scroll(page, viewport, "triage-rule-change")
    whole_in_width(page.locator("input[name=_save]"), viewport)
    expect(page.locator("#content")).not_to_contain_text(NO_PLACE_FOR_AN_EMERGENCY)
    page.fill("#id_text", "A lot of blood, or bleeding that will not stop, needs care now.")
    page.select_option("#id_sources_from", str(new_source.pk))
    page.click("#id_sources_add")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("Saved as a draft")

    page.goto(f"{site}{TRIAGE}helpservice/{hotline.pk}/change/")
    no_sideways_scroll(page, viewport, "triage-helpservice-change")
    whole_in_width(page.locator("input[name=_save]"), viewport)
    page.fill("#id_phone", "800-656-4674")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("Saved as a draft")
    publishing.request_review(user=edna)

    page.goto(f"{site}{TRIAGE}publication/review/")
    no_sideways_scroll(page, viewport, "triage-review")
    whole_in_width(page.get_by_role("button", name="Publish these changes"), viewport)
    content = page.locator("#content")
    expect(content).to_contain_text("Marked ready for review by Edna Okafor")
    expect(content).to_contain_text("Rule: heavy_bleeding")
    expect(content).not_to_contain_text(NO_PLACE_FOR_AN_EMERGENCY)
    labels = field_labels(page)
    assert {"Reason", "Sources", "Phone"} <= set(labels), labels
    assert not RAW_FIELD_NAMES & set(labels), labels
    page.fill("#publish-note", "Plainer words for heavy bleeding")
    page.get_by_role("button", name="Publish these changes").click()
    expect(page.locator(".messagelist")).to_contain_text("Published")

    no_sideways_scroll(page, viewport, "triage-publications")
    newest = page.locator("#result_list tbody tr").first
    expect(newest).to_contain_text("Rita Rivera")
    newest.locator("a").first.click()
    expect(page.locator("#publication-changes")).to_contain_text("Help service: RAINN")
    no_sideways_scroll(page, viewport, "triage-publication")
    assert {"Reason", "Sources", "Phone"} <= set(field_labels(page))
    whole_in_width(page.get_by_role("button", name="Restore this publication"), viewport)

    page.goto(f"{site}{TRIAGE}helpservice/{hotline.pk}/history/")
    no_sideways_scroll(page, viewport, "triage-helpservice-history")
    history = page.locator("#change-history")
    expect(history).to_contain_text("Rita Rivera")
    expect(history).to_contain_text("Phone:")
    expect(history.get_by_role("link", name="rita", exact=True)).to_have_count(0)

    assert page.console.errors == []
    context.close()

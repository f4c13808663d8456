"""The symptom check (version 3) in a real Chromium: the same result with JavaScript (walked on
the phone, no request after the rule set) and without it, for a seeded sample of answer sets
clicked through the real pages; the `when` options' spans on the phone's clock; single choices
that must be answered, except after an emergency answer; nurse-script lines that can be hidden;
the emergency call link in the first screen; the plain form when the rule set cannot be used;
WCAG A and AA; and no cookies."""

import random
import re
from datetime import datetime, timedelta, timezone

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .triage_steps import result_of

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
PAGES = ["emergency", "about_the_sex", "about_you", "today", "soon"]
CAPTION = ".triage-group__caption"
SAMPLE = 40
PRINT = " Print or save this page"
# What JavaScript adds to the `when` line of the nurse script: the span on the phone's clock.
WHEN_SPAN = re.compile(r" \((?:from|before) [^()]*\)")

# One answer set a level, page by page: the boxes to tick ("None of these" when none) and the
# single choice's option. An emergency answer ends the check at once.
ADULT, RECENT = ["age_18_to_44"], ["when_48h"]
LEVEL_PLANS = {
    "emergency": [(["heavy_bleeding"], [])],
    "er_today": [([], []), (["non_consensual"], RECENT), ([], ADULT), ([], []), ([], [])],
    "urgent": [([], []), (["condomless", "partner_risk"], RECENT), ([], ADULT), ([], []), ([], [])],
    "soon": [([], []), ([], ["when_later"]), ([], ["age_45_to_64"]), ([], []), ([], [])],
    "self_care": [([], []), ([], ["when_later"]), ([], ADULT), ([], []), ([], [])],
}

# The parts of a result a person reads, as plain data.
RESULT_PARTS = """(result) => {
  const text = (element) => element.innerText.replace(/\\s+/g, " ").trim();
  const shown = (element) => element.getClientRects().length > 0;
  const all = (selector) => [...result.querySelectorAll(selector)].filter(shown);
  return {
    level: result.dataset.triageLevel,
    reasons: all("[data-result-reasons] > li").map((li) => li.firstChild.textContent.trim()),
    services: all("[data-service] .help-service__name").map(text),
    net: all("[data-result-net]").map((group) => [
      group.dataset.resultNet, [...group.querySelectorAll("li")].map(text),
    ]),
    staff: all("[data-result-staff] > li").map(text),
    script: all("[data-result-script] > li").map((li) => [
      li.dataset.code, text(li.querySelector("[data-said]")),
    ]),
    text: text(result),
  };
}"""


def choose(page, code):
    """Clicks the label of an answer, as a person taps it."""
    page.locator(f"label[for='finding-{code}']").click()


def answer(page, number, ticks, options):
    expect(page.locator(CAPTION)).to_contain_text(f"question {number} of {len(PAGES)}")
    for code in ticks:
        choose(page, code)
    if not ticks:
        page.locator(f"label[for='none-{PAGES[number - 1]}']").click()
    for code in options:
        choose(page, code)
    page.get_by_role("button", name="Continue", exact=True).click()


def after_continue(page, number) -> str:
    result = page.locator("main .triage-result")
    following = page.locator(CAPTION).filter(has_text=f"question {number + 1} of")
    alert = page.get_by_role("alert")
    result.or_(following).or_(alert).first.wait_for(state="visible")
    return "result" if result.count() else "error" if alert.count() else "question"


def walk(page, plan) -> int:
    """Answers the pages in turn to the result; returns how many question pages were shown."""
    for number, (ticks, options) in enumerate(plan, start=1):
        answer(page, number, ticks, options)
        outcome = after_continue(page, number)
        assert outcome != "error", page.get_by_role("alert").inner_text()
        if outcome == "result":
            return number
    raise AssertionError(f"no result after {plan}")


def open_check(page, site, *, javascript=True, path="/triage/"):
    page.goto(site + path)
    if javascript:
        expect(page.locator("[data-triage-ready]")).to_be_attached()


def sample_plans(rule_set, count=SAMPLE, seed=20261205):
    """Answer sets as a person could give them, page by page: some ticks (rarely on page 1),
    and an option of every single choice."""
    rng = random.Random(seed)  # noqa: S311 - a repeatable sample of test inputs
    plans = list(LEVEL_PLANS.values())
    while len(plans) < count:
        plan = []
        for page in rule_set.pages:
            ticks = [f.code for f in rule_set.questions(page.code)]
            chance = 0.1 if page.code == PAGES[0] else 0.4
            chosen = rng.sample(ticks, rng.randint(1, 3)) if rng.random() < chance else []
            options = [
                rng.choice(rule_set.options(choice.code)).code
                for choice in rule_set.choices_on(page.code)
            ]
            plan.append((chosen, options))
        plans.append(plan)
    return plans


def test_with_and_without_javascript_the_results_are_the_same(site, page, context, no_js_context):
    from triage.rules import published_rule_set

    plans = sample_plans(published_rule_set("en"))
    server = no_js_context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    levels = set()
    for plan in plans:
        open_check(server, site, javascript=False)
        shown = walk(server, plan)
        expected = result_of(server).evaluate(RESULT_PARTS)

        open_check(page, site)
        page.wait_for_load_state("networkidle")
        requests.clear()
        assert walk(page, plan) == shown, plan
        phone = result_of(page).evaluate(RESULT_PARTS)
        assert requests == [], plan
        assert page.url == site + "/triage/"
        # JavaScript adds the print button and the `when` line's span on the phone's clock.
        assert PRINT in phone["text"]
        phone["text"] = WHEN_SPAN.sub("", phone["text"].replace(PRINT, ""))
        phone["script"] = [[code, WHEN_SPAN.sub("", said)] for code, said in phone["script"]]
        assert phone == expected, plan
        levels.add(expected["level"])
    assert levels == set(LEVEL_PLANS)
    assert page.console.errors == []
    assert context.cookies() == []
    assert no_js_context.cookies() == []


def test_the_when_options_show_their_span_on_the_phones_clock(site, browser):
    context = browser.new_context(
        viewport={"width": 375, "height": 812}, timezone_id="America/Los_Angeles"
    )
    page = context.new_page()
    monday = datetime(2026, 6, 15, 21, 40, tzinfo=timezone(timedelta(hours=-7)))
    page.clock.set_fixed_time(monday)
    open_check(page, site)
    answer(page, 1, [], [])
    spans = {
        "when_48h": "from Saturday 9:40 PM to Monday 9:40 PM",
        "when_2_to_3_days": "from Friday 9:40 PM to Saturday 9:40 PM",
        "when_3_to_5_days": "from Wednesday 9:40 PM to Friday 9:40 PM",
        "when_later": "before Wednesday 9:40 PM",
    }
    for code, span in spans.items():
        expect(page.locator(f"label[for='finding-{code}']")).to_contain_text(span)
    expect(page.locator("[data-when-span='when_unsure']")).to_be_hidden()
    open_check(page, site)
    walk(page, [([], []), ([], ["when_48h"]), ([], ["age_18_to_44"]), ([], []), ([], [])])
    line = result_of(page).locator("[data-result-script] > li[data-code='when_48h']")
    expect(line).to_contain_text("(from Saturday 9:40 PM to Monday 9:40 PM)")
    context.close()


def test_without_javascript_the_when_options_show_no_span(site, no_js_context):
    page = no_js_context.new_page()
    open_check(page, site, javascript=False)
    answer(page, 1, [], [])
    expect(page.locator(CAPTION)).to_contain_text("question 2 of")
    expect(page.locator("[data-when-span]")).to_have_count(5)
    for span in page.locator("[data-when-span]").all():
        expect(span).to_be_hidden()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_single_choice_needs_an_answer_unless_an_emergency_is_already_given(
    site, browser, javascript
):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    open_check(page, site, javascript=javascript)
    answer(page, 1, [], [])
    # Ticks alone do not answer "When was the sex?".
    answer(page, 2, ["condomless"], [])
    assert after_continue(page, 2) == "error"
    expect(page.get_by_role("alert")).to_contain_text("Choose one answer to")
    expect(page.get_by_role("alert")).to_contain_text("When was the sex")
    choose(page, "when_later")
    page.get_by_role("button", name="Continue", exact=True).click()
    assert after_continue(page, 2) == "question"
    answer(page, 3, ["diabetes"], [])
    assert after_continue(page, 3) == "error"
    expect(page.get_by_role("alert")).to_contain_text("How old are you?")
    # A sign of an emergency goes to the result at once, with the age still unanswered.
    choose(page, "pregnancy_signs")
    page.get_by_role("button", name="Continue", exact=True).click()
    expect(result_of(page)).to_have_attribute("data-triage-level", "emergency")
    context.close()


def test_without_javascript_an_emergency_with_none_of_these_also_ticked_is_the_result(
    site, no_js_context
):
    page = no_js_context.new_page()
    open_check(page, site, javascript=False)
    choose(page, "object_stuck")
    page.locator("label[for='none-emergency']").click()
    page.get_by_role("button", name="Continue", exact=True).click()
    expect(result_of(page)).to_have_attribute("data-triage-level", "emergency")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_private_nurse_script_lines_can_be_hidden(site, browser, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    open_check(page, site, javascript=javascript)
    plan = [([], []), (["non_consensual", "condomless"], RECENT), ([], ADULT), ([], []), ([], [])]
    walk(page, plan)
    result = result_of(page)
    private = result.locator("[data-result-script] > li[data-code='non_consensual']")
    public = result.locator("[data-result-script] > li[data-code='condomless']")
    expect(public.locator("input")).to_have_count(0)
    expect(private.locator("[data-said]")).to_be_visible()
    private.get_by_text("Hide this line").click()
    expect(private.locator("[data-said]")).to_be_hidden()
    expect(private.get_by_text("Show this line")).to_be_visible()
    expect(public.locator("[data-said]")).to_be_visible()
    # The checkbox works from the keyboard too.
    private.locator("input").focus()
    page.keyboard.press("Space")
    expect(private.locator("[data-said]")).to_be_visible()
    print_button = result.get_by_role("button", name="Print or save this page")
    if javascript:
        expect(print_button).to_be_visible()
    else:
        expect(print_button).to_be_hidden()
    expect(result.get_by_text("A saved or printed page stays on this device")).to_be_visible()
    context.close()


def test_with_javascript_a_page_without_an_answer_asks_again(site, page):
    open_check(page, site)
    page.get_by_role("button", name="Continue", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("None of these")
    expect(page.get_by_role("alert")).to_be_focused()
    # "None of these" and a sign exclude each other.
    page.get_by_label("None of these").check()
    page.locator("#finding-object_stuck").check()
    expect(page.get_by_label("None of these")).not_to_be_checked()
    page.get_by_role("button", name="Continue", exact=True).click()
    expect(result_of(page)).to_have_attribute("data-triage-level", "emergency")
    assert page.console.errors == []


def test_with_javascript_back_and_change_keep_the_answers(site, page):
    open_check(page, site)
    answer(page, 1, [], [])
    answer(page, 2, ["condomless"], ["when_2_to_3_days"])
    expect(page.locator(CAPTION)).to_contain_text("question 3 of")
    page.get_by_role("button", name="Back", exact=True).click()
    expect(page.locator("#finding-when_2_to_3_days")).to_be_checked()
    expect(page.locator("#finding-condomless")).to_be_checked()
    page.go_back()
    expect(page.locator("#none-emergency")).to_be_checked()
    assert page.console.errors == []


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_emergency_call_link_is_first_and_inside_a_360x640_screen(site, browser, javascript):
    context = browser.new_context(
        viewport={"width": 360, "height": 640}, java_script_enabled=javascript
    )
    page = context.new_page()
    open_check(page, site, javascript=javascript)
    page.locator("#finding-shock_signs").check()
    page.get_by_role("button", name="Continue", exact=True).click()
    expect(result_of(page)).to_have_attribute("data-triage-level", "emergency")
    call = page.locator("main a").first
    expect(call).to_have_attribute("href", "tel:911")
    expect(call).to_have_text("Call 911")
    box = call.bounding_box()
    assert box["y"] >= 0
    assert box["y"] + box["height"] <= 640
    centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    covering = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('a')?.href", centre
    )
    assert covering == "tel:911", "something covers the call link"
    assert context.cookies() == []
    context.close()


def test_plain_form_keeps_working_when_the_rule_set_cannot_be_used(site, page_without_worker):
    page = page_without_worker
    # First the rule set cannot be fetched (offline, no cached copy) ...
    page.route("**/api/v1/triage/", lambda route: route.abort())
    page.goto(site + "/triage/")
    page.locator("#finding-heavy_bleeding").check()
    page.get_by_role("button", name="Continue", exact=True).click()
    expect(result_of(page)).to_have_attribute("data-triage-level", "emergency")
    assert page.url == site + "/triage/"  # the server answered the POST
    expect(page.locator("[data-triage-ready]")).to_have_count(0)
    page.unroute("**/api/v1/triage/")

    # ... then it is out of step with the page (stale rules): the server decides.
    def stale(route):
        rules = route.fetch().json()
        route.fulfill(json={**rules, "version": "stale"}, headers={"Cache-Control": "no-store"})

    page.route("**/api/v1/triage/", stale)
    page.goto(site + "/triage/")
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-triage-ready]")).to_have_count(0)
    with page.expect_navigation():
        page.get_by_label("None of these").check()
        page.get_by_role("button", name="Continue", exact=True).click()
    expect(page.locator(CAPTION)).to_contain_text("question 2 of 5")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_wcag_a_or_aa_violation_on_the_check_results_or_get_help(site, browser, scheme):
    context = browser.new_context(viewport={"width": 375, "height": 812}, color_scheme=scheme)
    page = context.new_page()
    axe = Axe()
    failures = {}

    def check(name):
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        if results.violations_count:
            failures[name] = results.generate_report()

    page.goto(site + "/get-help/")
    check("get-help")
    open_check(page, site)
    check("question 1")
    page.get_by_role("button", name="Continue", exact=True).click()
    check("question 1 with an error")
    answer(page, 1, [], [])
    expect(page.locator(CAPTION)).to_contain_text("question 2 of")
    check("question 2, with the spans of time")
    for level, plan in LEVEL_PLANS.items():
        open_check(page, site)
        walk(page, plan)
        expect(result_of(page)).to_have_attribute("data-triage-level", level)
        for details in page.locator("main details").all():
            details.evaluate("(element) => { element.open = true; }")
        check(f"result {level}")
    context.close()
    assert failures == {}, "\n".join(f"{name}:\n{report}" for name, report in failures.items())


def test_text_can_be_doubled_on_the_check_without_sideways_scrolling(site, browser):
    context = browser.new_context(viewport={"width": 360, "height": 640})
    page = context.new_page()

    def fits(name):
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, name

    page.goto(site + "/get-help/")
    fits("get-help")
    open_check(page, site)
    fits("question 1")
    walk(page, LEVEL_PLANS["er_today"])
    expect(result_of(page)).to_have_attribute("data-triage-level", "er_today")
    fits("er_today result")
    context.close()

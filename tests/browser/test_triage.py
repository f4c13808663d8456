"""The symptom check in a real Chromium: every path without JavaScript, the same results on the
phone with JavaScript and no request after the rule set, the JS engine against the Python one,
the emergency call link in the first screen, and no cookies."""

import random
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .triage_steps import PATHS, answer_pages, result_of

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def normalised_text(locator) -> str:
    return re.sub(r"\s+", " ", locator.inner_text()).strip()


def test_without_javascript_each_path_reaches_its_level(site, no_js_context):
    page = no_js_context.new_page()
    for pages, level in PATHS:
        page.goto(site + "/triage/")
        assert answer_pages(page, pages) <= 5
        expect(result_of(page)).to_have_attribute("data-triage-level", level)
        assert "?" not in page.url
    # Sent with nothing ticked, a page asks again instead of guessing.
    page.goto(site + "/triage/")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("None of these")
    assert no_js_context.cookies() == []


def test_with_javascript_each_path_gives_the_servers_result_without_any_request(
    site, page, context, no_js_context
):
    server = no_js_context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    for pages, level in PATHS:
        server.goto(site + "/triage/")
        answer_pages(server, pages)
        expected = normalised_text(result_of(server))

        page.goto(site + "/triage/")
        expect(page.locator("[data-triage-ready]")).to_be_attached()
        page.wait_for_load_state("networkidle")
        requests.clear()
        assert answer_pages(page, pages) <= 5
        result = result_of(page)
        expect(result).to_have_attribute("data-triage-level", level)
        assert requests == []
        assert page.url == site + "/triage/"
        # The print button needs JavaScript; it is the one part the plain page leaves out.
        assert normalised_text(result).replace(" Print or save this page", "") == expected
    assert page.console.errors == []
    assert context.cookies() == []
    assert no_js_context.cookies() == []


def test_with_javascript_a_page_without_an_answer_asks_again(site, page):
    page.goto(site + "/triage/")
    expect(page.locator("[data-triage-ready]")).to_be_attached()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("None of these")
    expect(page.get_by_role("alert")).to_be_focused()
    # "None of these" and a sign exclude each other.
    page.get_by_label("None of these").check()
    page.locator("#finding-object_stuck").check()
    expect(page.get_by_label("None of these")).not_to_be_checked()
    page.get_by_role("button", name="Continue").click()
    expect(result_of(page)).to_have_attribute("data-triage-level", "emergency")
    assert page.console.errors == []


def random_finding_sets(codes, count, seed=20261128):
    rng = random.Random(seed)  # noqa: S311 - a repeatable sample of test inputs
    sets = [[], *([code] for code in codes), list(reversed(codes))]
    while len(sets) < count:
        chosen = rng.sample(codes, rng.randint(0, len(codes)))
        chosen += rng.choices(chosen, k=rng.randint(0, 3)) if chosen else []  # duplicates
        rng.shuffle(chosen)
        sets.append(chosen)
    return sets


def test_engine_mjs_agrees_exactly_with_the_python_engine(site, page):
    from triage.engine import evaluate
    from triage.rules import load_rule_set

    rules = load_rule_set()
    sets = random_finding_sets([finding.code for finding in rules.findings], 3000)
    page.goto(site + "/triage/")
    outcome = page.evaluate(
        """async (sets) => {
            const { assess } = await import("/static/triage/engine.mjs");
            const ruleSet = await (await fetch("/api/v1/triage/")).json();
            let unknown = null;
            try { assess(ruleSet, ["heavy_bleeding", "zz_unknown", "aa_unknown"]); }
            catch (error) { unknown = error.message; }
            return { results: sets.map((findings) => assess(ruleSet, findings)), unknown };
        }""",
        sets,
    )
    for findings, javascript in zip(sets, outcome["results"], strict=True):
        python = evaluate(rules, findings)
        assert javascript == {
            "level": python.level,
            "setting": python.setting,
            "reasons": [{"code": r.code, "text": r.text} for r in python.reasons],
            "findings": list(python.findings),
            "version": rules.version,
        }, findings
    assert "aa_unknown, zz_unknown" in outcome["unknown"]
    assert "heavy_bleeding" not in outcome["unknown"]
    levels = {evaluate(rules, findings).level for findings in sets}
    assert levels == {"emergency", "urgent", "soon", "self_care"}


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_emergency_call_link_is_first_and_inside_a_360x640_screen(site, browser, javascript):
    context = browser.new_context(
        viewport={"width": 360, "height": 640}, java_script_enabled=javascript
    )
    page = context.new_page()
    page.goto(site + "/triage/")
    if javascript:
        expect(page.locator("[data-triage-ready]")).to_be_attached()
    page.locator("#finding-shock_signs").check()
    page.get_by_role("button", name="Continue").click()
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
    page.get_by_role("button", name="Continue").click()
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
        page.get_by_role("button", name="Continue").click()
    expect(page.locator(".triage-group__caption")).to_contain_text("question 2 of 5")


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
    page.goto(site + "/triage/")
    expect(page.locator("[data-triage-ready]")).to_be_attached()
    check("question 1")
    page.get_by_role("button", name="Continue").click()
    check("question 1 with an error")
    for pages, level in PATHS[:1] + PATHS[4:]:
        page.goto(site + "/triage/")
        expect(page.locator("[data-triage-ready]")).to_be_attached()
        answer_pages(page, pages)
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
    page.goto(site + "/triage/")
    expect(page.locator("[data-triage-ready]")).to_be_attached()
    fits("question 1")
    answer_pages(page, [[], ["non_consensual"], [], [], []])
    expect(result_of(page)).to_have_attribute("data-triage-level", "urgent")
    fits("urgent result")
    context.close()

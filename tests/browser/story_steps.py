"""Steps for the patient-story tests (test_triage_stories.py): a person walks the symptom check
by what they can see, the visible wording of each tick-box, never by element id or finding code,
with or without JavaScript."""

import re

from playwright.sync_api import expect

TOTAL_PAGES = 5
NONE_OF_THESE = "None of these"
ER_LINE = "Go to an emergency room today, not an urgent care center."
RESULT = "main .triage-result"
CAPTION = ".triage-group__caption"


def open_check(page, site, *, javascript):
    """Opens question 1; with JavaScript, waits until the rule set is in and the check is walked
    on the phone."""
    page.goto(site + "/triage/")
    if javascript:
        expect(page.locator("[data-triage-ready]")).to_be_attached()
    expect_question(page, 1)


def expect_question(page, number):
    expect(page.locator(CAPTION)).to_have_text(f"Symptom check: question {number} of {TOTAL_PAGES}")


def checkbox(page, label):
    """The one tick-box whose visible label contains `label` (Playwright's strict mode fails
    if the words fit none or more than one)."""
    if label == NONE_OF_THESE:
        return page.get_by_role("checkbox", name=NONE_OF_THESE, exact=True)
    return page.get_by_role("checkbox", name=re.compile(re.escape(label)))


def continue_(page):
    page.get_by_role("button", name="Continue", exact=True).click()


def answer(page, labels):
    """Ticks the labels given, or "None of these" when there are none, and presses Continue."""
    for label in labels or [NONE_OF_THESE]:
        checkbox(page, label).check()
    continue_(page)


def after_continue(page, number):
    """Waits for what follows page `number`: the next question, the result, or an error; returns
    "result", "question" or "error"."""
    result = page.locator(RESULT)
    next_question = page.locator(CAPTION).filter(has_text=f"question {number + 1} of")
    error = page.get_by_role("alert")
    # wait_for watches the page itself, so it returns as soon as the next view is there.
    result.or_(next_question).or_(error).first.wait_for(state="visible")
    if result.count():
        return "result"
    if error.count():
        return "error"
    return "question"


def walk(page, ticks):
    """Answers the pages in order as a person would (`ticks` maps a page number to the label
    words to tick; a page not in it gets "None of these"), stopping at the result, which may
    come before page 5. Returns the number of question pages answered."""
    for number in range(1, TOTAL_PAGES + 1):
        expect_question(page, number)
        answer(page, ticks.get(number, []))
        outcome = after_continue(page, number)
        if outcome == "error":
            raise AssertionError(
                f"page {number} refused the answer: {page.get_by_role('alert').inner_text()}"
            )
        if outcome == "result":
            return number
    raise AssertionError("no result after the last page")


def result_of(page):
    result = page.locator(RESULT)
    expect(result).to_be_visible()
    return result


def told_list(page):
    """The items under "What to tell the nurse or doctor"."""
    section = page.locator("main section").filter(
        has=page.get_by_role("heading", name="What to tell the nurse or doctor")
    )
    return section.get_by_role("listitem")

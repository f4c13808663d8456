"""Steps for the patient-story tests (test_triage_stories.py): a person walks the symptom check
by what they can see, the visible wording of each tick-box, never by element id or finding code,
with or without JavaScript."""

import re
from dataclasses import dataclass

from django.utils import translation
from playwright.sync_api import expect

TOTAL_PAGES = 5
RESULT = "main .triage-result"
CAPTION = ".triage-group__caption"


@dataclass(frozen=True)
class Words:
    """The check's own words a person reads in one language, from the site's catalog."""

    path: str
    caption: str  # "Symptom check: question %(step)s of %(total)s"
    none: str
    continue_: str
    er_line: str

    @classmethod
    def of(cls, language: str, path: str) -> "Words":
        with translation.override(language):
            return cls(
                path=path,
                caption=translation.gettext("Symptom check: question %(step)s of %(total)s"),
                none=translation.gettext("None of these"),
                continue_=translation.gettext("Continue"),
                er_line=translation.gettext(
                    "Go to an emergency room today, not an urgent care center."
                ),
            )

    def question(self, number: int) -> str:
        return self.caption % {"step": number, "total": TOTAL_PAGES}


ENGLISH = Words.of("en-us", "/triage/")
NONE_OF_THESE = ENGLISH.none
ER_LINE = ENGLISH.er_line


def open_check(page, site, *, javascript, words=ENGLISH):
    """Opens question 1; with JavaScript, waits until the rule set is in and the check is walked
    on the phone."""
    page.goto(site + words.path)
    if javascript:
        expect(page.locator("[data-triage-ready]")).to_be_attached()
    expect_question(page, 1, words)


def expect_question(page, number, words=ENGLISH):
    expect(page.locator(CAPTION)).to_have_text(words.question(number))


def checkbox(page, label, words=ENGLISH):
    """The one tick-box whose visible label contains `label` (Playwright's strict mode fails
    if the words fit none or more than one)."""
    if label == words.none:
        return page.get_by_role("checkbox", name=words.none, exact=True)
    return page.get_by_role("checkbox", name=re.compile(re.escape(label)))


def continue_(page, words=ENGLISH):
    page.get_by_role("button", name=words.continue_, exact=True).click()


def answer(page, labels, words=ENGLISH):
    """Ticks the labels given, or "None of these" when there are none, and presses Continue."""
    for label in labels or [words.none]:
        checkbox(page, label, words).check()
    continue_(page, words)


def after_continue(page, number, words=ENGLISH):
    """Waits for what follows page `number`: the next question, the result, or an error; returns
    "result", "question" or "error"."""
    result = page.locator(RESULT)
    next_question = page.locator(CAPTION).filter(has_text=words.question(number + 1))
    error = page.get_by_role("alert")
    # wait_for watches the page itself, so it returns as soon as the next view is there.
    result.or_(next_question).or_(error).first.wait_for(state="visible")
    if result.count():
        return "result"
    if error.count():
        return "error"
    return "question"


def walk(page, ticks, words=ENGLISH):
    """Answers the pages in order as a person would (`ticks` maps a page number to the label
    words to tick; a page not in it gets "None of these"), stopping at the result, which may
    come before page 5. Returns the number of question pages answered."""
    for number in range(1, TOTAL_PAGES + 1):
        expect_question(page, number, words)
        answer(page, ticks.get(number, []), words)
        outcome = after_continue(page, number, words)
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

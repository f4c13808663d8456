"""Steps for the patient-story tests (test_triage_stories.py, test_triage_stories_es.py): a person
walks the symptom check (version 3 of shared/triage-spec.md) by what they can see, the visible
wording of each tick-box and radio button, never by element id or finding code, with or without
JavaScript; then the result is read the same way.

The launch wording (triage/content/en.toml and es.toml) is read here only for what a person sees
or says: which page a label is on, whether it is a single choice, its `said` line for the nurse,
its "tell the staff" line, and the help services' names. No rule, level or `all_of`/`any_of` is
read from it: expected levels are written by hand in the stories."""

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils import translation
from playwright.sync_api import expect

TOTAL_PAGES = 5
RESULT = "main .triage-result"
CAPTION = ".triage-group__caption"
CONTENT = Path(__file__).resolve().parents[2] / "triage" / "content"
PAGES = ["emergency", "about_the_sex", "about_you", "today", "soon"]


@dataclass(frozen=True)
class Words:
    """The check's own words a person reads in one language, from the site's catalog."""

    language: str  # "en" or "es": the launch content file
    path: str
    caption: str  # "Symptom check: question %(step)s of %(total)s"
    none: str
    continue_: str
    er_line: str
    tell_staff: str
    told: str
    help: str

    @classmethod
    def of(cls, language: str, path: str) -> "Words":
        with translation.override(language):
            return cls(
                language="es" if language.startswith("es") else "en",
                path=path,
                caption=translation.gettext("Symptom check: question %(step)s of %(total)s"),
                none=translation.gettext("None of these"),
                continue_=translation.gettext("Continue"),
                er_line=translation.gettext(
                    "Go to an emergency room today, not an urgent care center."
                ),
                tell_staff=translation.gettext("Also tell the staff"),
                told=translation.gettext("What to tell the nurse or doctor"),
                help=translation.gettext("Where to get help"),
            )

    def question(self, number: int) -> str:
        return self.caption % {"step": number, "total": TOTAL_PAGES}


ENGLISH = Words.of("en-us", "/triage/")
SPANISH = Words.of("es", "/es/triage/")
NONE_OF_THESE = ENGLISH.none
ER_LINE = ENGLISH.er_line


# --- The launch wording ----------------------------------------------------------------------


@cache
def content(language: str) -> dict:
    with open(CONTENT / f"{language}.toml", "rb") as file:
        return tomllib.load(file)


@dataclass(frozen=True)
class Answer:
    """One answer a person can give, as they see it on the page."""

    code: str  # only to pair the two languages' wording; never used on the page
    label: str  # the visible words the person picks it by (a fragment of the label)
    page: int  # 1 to 5
    radio: bool  # a single-choice option (page 2 "when", page 3 "age")
    said: str  # the nurse-script line, in this language
    said_en: str
    tell_staff: str  # "Also tell the staff" line, or ""


def answer_for(fragment: str, language: str) -> Answer:
    """The one answer whose visible label (in `language`) holds these words."""
    findings = content("en")["findings"]
    local = content(language)["findings"]
    matches = [code for code in findings if fragment in local[code]["question"]]
    assert len(matches) == 1, f"{fragment!r} fits {matches or 'no label'} in {language}"
    [code] = matches
    english = findings[code]
    return Answer(
        code=code,
        label=fragment,
        page=PAGES.index(english["page"]) + 1,
        radio=bool(english["choice"]),
        said=local[code]["said"],
        said_en=english["said"],
        tell_staff=local[code]["tell_staff"],
    )


def unreached_lines(page_number: int, language: str) -> list[str]:
    """The fixed "tell the staff" prompts for a page the check did not reach."""
    text = content(language)["pages"][PAGES[page_number - 1]]["unreached"]
    return [line for line in text.splitlines() if line.strip()]


def service_name(key: str, language: str) -> str:
    return content(language)["services"][key]["name"]


def er_today_line(language: str) -> str:
    """The er_today card's first line: an emergency room today, not urgent care."""
    return content(language)["levels"]["er_today"]["advice"].strip().splitlines()[0]


def level_title(level: str, language: str) -> str:
    return content(language)["levels"][level]["title"]


# --- Walking the check -----------------------------------------------------------------------


def open_check(page, site, *, javascript, words=ENGLISH):
    """Opens question 1; with JavaScript, waits until the rule set is in and the check is walked
    on the phone."""
    # The check's own markup is all a person needs to start: no waiting for every image.
    page.goto(site + words.path, wait_until="domcontentloaded")
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


def radio(page, label):
    """The one radio button whose visible label contains `label` (with JavaScript, a "when"
    label also shows its span on the phone's clock, after these words)."""
    return page.get_by_role("radio", name=re.compile(re.escape(label)))


def continue_(page, words=ENGLISH):
    page.get_by_role("button", name=words.continue_, exact=True).click()


def answer(page, labels, words=ENGLISH, choices=()):
    """Ticks the labels given, or "None of these" when there are none, picks the radio buttons
    in `choices`, and presses Continue."""
    for label in labels or [words.none]:
        checkbox(page, label, words).check()
    for label in choices:
        radio(page, label).check()
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


def by_page(answers: list[Answer]) -> dict[int, list[Answer]]:
    pages: dict[int, list[Answer]] = {}
    for one in answers:
        pages.setdefault(one.page, []).append(one)
    return pages


def walk(page, answers: list[Answer], words=ENGLISH):
    """Answers the pages in order as a person would: on each page the tick-boxes given (or "None
    of these" when there are none) and the radio buttons given, then Continue; stops at the
    result, which may come before page 5. Returns the number of question pages answered."""
    pages = by_page(answers)
    for number in range(1, TOTAL_PAGES + 1):
        expect_question(page, number, words)
        here = pages.get(number, [])
        answer(
            page,
            [one.label for one in here if not one.radio],
            words,
            choices=[one.label for one in here if one.radio],
        )
        outcome = after_continue(page, number, words)
        if outcome == "error":
            raise AssertionError(
                f"page {number} refused the answer: {page.get_by_role('alert').inner_text()}"
            )
        if outcome == "result":
            return number
    raise AssertionError("no result after the last page")


# --- Reading the result ----------------------------------------------------------------------


def result_of(page):
    result = page.locator(RESULT)
    expect(result).to_be_visible()
    return result


def section(page, heading):
    """The result's section under this visible heading."""
    return page.locator(f"{RESULT} section").filter(
        has=page.get_by_role("heading", name=heading, exact=True)
    )


def told_list(page, words=ENGLISH):
    """The items under "What to tell the nurse or doctor"."""
    return section(page, words.told).get_by_role("listitem")


def help_names(page, words=ENGLISH) -> list[str]:
    """The visible names of the help cards, in the order shown."""
    cards = section(page, words.help).locator("h3")
    return [name.strip() for name in cards.all_inner_texts()]


SENTENCE = re.compile(r"(?<=[.!?:;])\s+|\n+")


def urgent_care_sentences(text: str) -> list[str]:
    """Every sentence of `text` that names urgent care."""
    return [s for s in SENTENCE.split(text) if "urgent care" in s.lower()]

"""The check's words read at grade 6 or lower (Flesch-Kincaid, US English), by the measure the
guides use in admin; each tick-box label is one fact: never two joined by "and"."""

import re

import pytest

from guides.readability import TARGET_GRADE, measure_text

pytestmark = pytest.mark.django_db


def as_sentence(text: str) -> str:
    """A label or hint as a reader takes it in: one thought, ending where it ends."""
    text = text.strip()
    return text if text.endswith((".", "?", "!", ":")) else text + "."


def test_every_page_of_questions_reads_at_grade_6_or_lower(rules):
    for page in rules.pages:
        parts = [page.question]
        for finding in rules.questions(page.code):
            parts += [finding.question, finding.hint]
        grade = measure_text(" ".join(as_sentence(part) for part in parts if part)).grade
        assert grade <= TARGET_GRADE, (page.code, grade)


def test_every_result_reads_at_grade_6_or_lower(rules):
    for level in rules.levels:
        parts = [*level.advice, *(r.text for r in rules.rules if r.level == level.code)]
        grade = measure_text(" ".join(as_sentence(part) for part in parts)).grade
        assert grade <= TARGET_GRADE, (level.code, grade)


def test_no_label_asks_two_facts_joined_by_and(rules):
    # "and" may join parts of one fact ("cold, clammy and pale"), never two separate facts.
    allowed = {
        "swollen and sore",
        "sticky and like tar",
        "hot and shivery",
        "have HIV and you are not sure it is undetectable",
    }
    for finding in rules.findings:
        label = finding.question
        for phrase in allowed:
            label = label.replace(phrase, "")
        assert not re.search(r"\band\b", label), (finding.code, finding.question)


def test_medicines_are_named_with_their_us_brand_names(rules):
    hint = rules.finding_by_code["blood_thinners"].hint
    for brand in ["Coumadin", "Eliquis", "Xarelto", "Pradaxa", "Plavix", "Brilinta", "Lovenox"]:
        assert brand in hint
    assert "aspirin" in hint


def test_jargon_comes_with_a_plain_gloss(rules):
    questions = " ".join(f.question + " " + f.hint for f in rules.findings)
    assert "Undetectable means" in questions
    assert "PrEP is a medicine" in questions
    emergency = " ".join(rules.level_by_code["emergency"].advice)
    assert "forensic exam (a check that collects evidence)" in emergency
    assert "PEP is medicine that can stop HIV" in rules.rule_by_code["hiv_pep"].text

"""The check's English words read at grade 6 or lower (Flesch-Kincaid, US English), by the
measure the guides use in admin; each tick-box label is one fact, never two joined by "and"
(principle 1); hard words come with a plain gloss."""

import re

import pytest

from guides.readability import TARGET_GRADE, measure_text

pytestmark = pytest.mark.django_db


def as_sentence(text: str) -> str:
    """A label or hint as a reader takes it in: one thought, ending where it ends."""
    text = text.strip()
    return text if text.endswith((".", "?", "!", ":")) else text + "."


def grade(parts) -> float:
    return measure_text(" ".join(as_sentence(part) for part in parts if part.strip())).grade


def page_parts(rules, page) -> list[str]:
    parts = [page.question]
    for finding in rules.questions(page.code):
        parts += [finding.question, finding.hint]
    for choice in rules.choices_on(page.code):
        parts.append(choice.question)
        parts += [option.question for option in rules.options(choice.code)]
    return parts


def test_every_page_of_questions_reads_at_grade_6_or_lower(rules):
    grades = {page.code: grade(page_parts(rules, page)) for page in rules.pages}
    assert {code: g for code, g in grades.items() if g > TARGET_GRADE} == {}


def test_every_result_reads_at_grade_6_or_lower(rules):
    grades = {}
    for level in rules.levels:
        parts = [level.title, *level.advice, *level.safety_net]
        parts += [rule.text for rule in rules.rules if rule.level == level.code]
        grades[level.code] = grade(parts)
    assert {code: g for code, g in grades.items() if g > TARGET_GRADE} == {}


def test_the_help_cards_and_staff_lines_read_at_grade_6_or_lower(rules):
    help_cards = [part for s in rules.services for part in (s.name, s.notes)]
    staff = [line for page in rules.pages for line in page.unreached]
    staff += [f.tell_staff for f in rules.findings]
    assert grade(help_cards) <= TARGET_GRADE
    assert grade(staff) <= TARGET_GRADE


def test_the_grade_check_fails_hard_words():
    hard = "Postexposure prophylaxis necessitates immediate antiretroviral administration."
    assert measure_text(hard).grade > TARGET_GRADE


# Parts of one fact that "and" may join (principle 1): none are needed in version 3's labels.
ONE_FACT = set()


def test_no_label_asks_two_facts_joined_by_and(rules):
    found = []
    for finding in rules.findings:
        label = finding.question
        for phrase in ONE_FACT:
            label = label.replace(phrase, "")
        if re.search(r"\band\b", label, re.I):
            found.append((finding.code, finding.question))
    assert found == []


def test_the_blood_thinner_answer_names_the_us_brands(rules):
    hint = rules.finding_by_code["blood_thinners"].hint
    brands = ["Coumadin", "Jantoven", "Eliquis", "Xarelto", "Pradaxa", "Savaysa", "Lovenox"]
    brands += ["Fragmin", "Arixtra", "Plavix", "Effient", "Brilinta"]
    assert [brand for brand in brands if brand not in hint] == []
    assert "aspirin" in hint
    for illness in ("hemophilia", "von Willebrand", "platelets", "cirrhosis"):
        assert illness in hint, illness


# Each hard word, where it is used, and the plain words that gloss it there.
GLOSSES = [
    ("shock_signs", "clammy", "Clammy means"),
    ("spreading_infection", "groin", "groin is where"),
    ("danger_signs", "seizure", "seizure (a fit)"),
    ("partner_risk", "undetectable", "Undetectable means"),
    ("on_prep", "PrEP", "PrEP is a medicine"),
    ("shared_needles", "chemsex", "chemsex (taking drugs"),
    ("high_or_drunk", "G,", "G (GHB) is a drug"),
    ("high_or_drunk", "poppers", "Poppers are"),
    ("recent_procedure", "vaginoplasty", "vaginoplasty (surgery"),
    ("recent_procedure", "pelvis", "pelvis (the low part"),
    ("weak_immune_system", "CD4", "CD4 cells are"),
    ("deep_pain", "pelvis", "pelvis is the low part"),
    ("dark_stool", "maroon", "maroon (dark red-brown)"),
    ("bloody_diarrhea", "Diarrhea", "Diarrhea means"),
    ("abscess", "throbs", "Throbs means"),
    ("sti_symptoms", "Discharge", "Discharge means"),
    ("lump_or_piles", "hemorrhoids", "Hemorrhoids (piles) are"),
]


@pytest.mark.parametrize(
    ("code", "word", "gloss"), GLOSSES, ids=[g[0] + "-" + g[1] for g in GLOSSES]
)
def test_a_hard_word_comes_with_a_plain_gloss(rules, code, word, gloss):
    finding = rules.finding_by_code[code]
    words = f"{finding.question} {finding.hint}"
    assert word.lower() in words.lower()
    assert gloss in words


def test_the_staff_prompts_and_reasons_gloss_their_hard_words(rules):
    prompts = " ".join(rules.page_by_code["about_the_sex"].unreached)
    assert "forensic exam (a check that collects evidence)" in prompts
    assert "PEP (medicine that can stop HIV)" in prompts
    reasons = " ".join(rule.text for rule in rules.rules)
    for gloss in ("abscess (a pocket of pus)", "fissure (a small tear)", "(a catheter)"):
        assert gloss in reasons, gloss
    assert "colonoscopy (a test" in rules.rule_by_code["age_45_plus"].text


def test_every_answer_that_includes_doubt_says_so_in_its_own_words(rules):
    # Principle 2: not sure counts as yes where doubt matters, in the item's own words.
    for code in ("non_consensual", "strangled", "condomless", "fever", "object_stuck"):
        assert "not sure" in rules.finding_by_code[code].question, code
    assert "do not know" in rules.finding_by_code["partner_risk"].question
    assert "not sure" in rules.finding_by_code["when_unsure"].question


def test_still_worried_does_not_invite_a_tick_for_the_bleeding_itself(rules):
    hint = rules.finding_by_code["still_worried"].hint
    assert "do not need to tick it for the bleeding" in hint

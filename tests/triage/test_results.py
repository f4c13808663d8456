"""What a result carries beyond its level (shared/triage-spec.md, "What every result carries",
and principle 5), through triage.results.compose over the published rule set: the place words
each level may use, where to get help, the safety net, "Also tell the staff", home care and the
nurse script. Expected answers come from the specification's tables in conftest.py."""

import itertools
import random
import re

import pytest

from triage.engine import evaluate
from triage.results import can_develop, compose

pytestmark = pytest.mark.django_db

# Principle 5: words naming a place that cannot do what a level needs.
ER_LEVELS = ("emergency", "er_today")
ENGLISH_PLACES = ["urgent care", "clinic", "same-day doctor", "call first", "next few days"]
ENGLISH_PLACES += ["school nurse"]
SPANISH_PLACES = ["urgent care", "clínica", "consultorio", "médico del mismo día", "llame antes"]
SPANISH_PLACES += ["próximos días", "enfermera de la escuela"]
# What may be said of urgent care on an ER result: not to go there.
ENGLISH_NOT_URGENT_CARE = re.compile(r"\bnot\b[^.;:!?]*?\burgent care(?: centers?)?", re.I)
SPANISH_NOT_URGENT_CARE = re.compile(r"\bno a una clínica de urgent care\b", re.I)
FORBIDDEN = {
    "en": {
        **dict.fromkeys(ER_LEVELS, ENGLISH_PLACES),
        "urgent": ["next few days"],
    },
    "es": {
        **dict.fromkeys(ER_LEVELS, SPANISH_PLACES),
        "urgent": ["próximos días"],
    },
}
LEVEL_CARDS = {
    "emergency": {"emergency-number"},
    "er_today": {"emergency-room"},
    "urgent": {"urgent-care", "sexual-health-clinic-today", "er-at-night"},
    "soon": {"find-a-clinic", "planned-parenthood", "cdc-info"},
    "self_care": {"find-a-clinic", "planned-parenthood", "cdc-info"},
}
ALL_LEVEL_CARDS = set().union(*LEVEL_CARDS.values())


def place_words(text: str, level: str, language: str) -> list[str]:
    """The words in `text` that principle 5 forbids on a result of `level`."""
    allowed = ENGLISH_NOT_URGENT_CARE if language == "en" else SPANISH_NOT_URGENT_CARE
    text = allowed.sub(" ", text) if level in ER_LEVELS else text
    return [
        word
        for word in FORBIDDEN[language].get(level, [])
        if re.search(rf"(?<!\w){re.escape(word)}s?(?!\w)", text, re.I)
    ]


def result_of(rule_set, findings, reached=None):
    assessment = evaluate(rule_set, findings)
    reached = rule_set.pages_up_to(None) if reached is None else reached
    return assessment, compose(rule_set, assessment, reached)


def shown_texts(result) -> list[tuple[str, str]]:
    """(where, text) for every text the result shows under principle 5: the level card, the
    reasons and the help cards."""
    level = result.level
    texts = [("level title", level.title), *(("level advice", a) for a in level.advice)]
    texts += [("level safety net", line) for line in level.safety_net]
    texts += [(f"reason {rule.code}", rule.text) for rule in result.reasons]
    for service in result.services:
        for field in ("name", "notes", "opening_hours", "languages", "text_to"):
            texts.append((f"help {service.key} {field}", getattr(service, field)))
    return texts


def everything_else(result) -> list[tuple[str, str]]:
    """The rest of what a result shows: safety-net groups, staff lines, home care."""
    texts = [("tell staff", line) for line in result.tell_staff]
    texts += [("home care", line) for line in result.home_care]
    for group in result.safety_net:
        texts += [
            (f"signs {group.level.code}", s) for s in (group.level.signs_heading, *group.signs)
        ]
    return texts


def answer_sets(spec, seed: int, count: int):
    rng = random.Random(seed)  # noqa: S311 - a repeatable sample of test inputs
    for _ in range(count):
        findings = rng.sample(spec.ticks, rng.randint(0, 10))
        for choice in spec.choices:
            if rng.random() < 0.75:
                findings.append(rng.choice(spec.options(choice)))
        yield findings


def every_case(spec, seed=20261205, count=600):
    yield []
    yield from ([code] for code in spec.codes)
    yield from (list(pair) for pair in itertools.combinations(spec.codes, 2) if spec.valid(pair))
    yield from answer_sets(spec, seed, count)


# Principle 5: the level names the place


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_result_names_a_place_its_level_forbids(spec, language):
    from triage.rules import published_rule_set

    rule_set = published_rule_set(language)
    found = {}
    for findings in every_case(spec):
        assessment, result = result_of(rule_set, findings)
        for where, text in shown_texts(result):
            words = place_words(text, assessment.level, language)
            if words:
                found.setdefault((assessment.level, where, tuple(words)), findings)
    assert found == {}


@pytest.mark.parametrize("language", ["en", "es"])
def test_nothing_else_on_a_result_names_a_place_its_level_forbids(spec, language):
    from triage.rules import published_rule_set

    rule_set = published_rule_set(language)
    found = {}
    for findings in every_case(spec, seed=5, count=300):
        for reached in {rule_set.pages_up_to(None), rule_set.pages_up_to("emergency")}:
            assessment, result = result_of(rule_set, findings, reached)
            for where, text in everything_else(result):
                words = place_words(text, assessment.level, language)
                if words:
                    found.setdefault((assessment.level, where, tuple(words)), findings)
    assert found == {}


def test_the_place_word_check_catches_what_it_must():
    assert place_words("Go to urgent care today.", "er_today", "en") == ["urgent care"]
    assert place_words("Go to a clinic.", "emergency", "en") == ["clinic"]
    assert place_words("Go today, not to urgent care.", "er_today", "en") == []
    assert place_words("not an urgent care center", "er_today", "en") == []
    assert place_words("See a doctor in the next few days.", "urgent", "en") == ["next few days"]
    assert place_words("Go to urgent care.", "urgent", "en") == []
    assert place_words("vaya a una clínica de salud sexual", "er_today", "es") == ["clínica"]
    assert place_words("no a una clínica de urgent care (sin cita)", "er_today", "es") == []


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_rule_can_show_on_an_emergency_result_so_no_reason_names_a_place(
    spec, language, rules
):
    from triage.rules import published_rule_set

    rule_set = published_rule_set(language)
    for rule in rule_set.rules:
        # Any rule can match beside an emergency rule: its text is read on an emergency result.
        findings = {*spec.rules[rule.code].answers(), "heavy_bleeding"}
        assessment = evaluate(rule_set, findings)
        assert assessment.level == "emergency", rule.code
        assert rule.code in assessment.codes, rule.code
        assert place_words(rule.text, "emergency", language) == [], rule.code


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_two_matching_rules_put_a_place_on_each_others_result(spec, language):
    from triage.rules import published_rule_set

    rule_set = published_rule_set(language)
    texts = {rule.code: rule.text for rule in rule_set.rules}
    for first, second in itertools.combinations(spec.rule_codes, 2):
        findings = {*spec.rules[first].answers(), *spec.rules[second].answers()}
        if not spec.valid(findings):
            continue
        assessment = evaluate(rule_set, findings)
        for code in set(assessment.codes) & {first, second}:
            assert place_words(texts[code], assessment.level, language) == [], (code, findings)


def test_no_rule_text_or_source_says_as_above(rules, rules_es):
    for rule_set in (rules, rules_es):
        for rule in rule_set.rules:
            assert "as above" not in rule.text.lower(), rule.code
            for source in rule.sources:
                assert "as above" not in f"{source.publisher} {source.title}".lower(), rule.code


# Where to get help


def service_keys(result) -> list[str]:
    return [service.key for service in result.services]


def help_problems(spec, assessment, result, findings) -> list[str]:
    """What is wrong with a result's help cards, by the specification (empty when nothing)."""
    level, keys, matched = assessment.level, service_keys(result), set(assessment.codes)
    given = set(findings)
    problems = []

    def expect(condition: bool, problem: str) -> None:
        if not condition:
            problems.append(problem)

    expect(set(keys) & ALL_LEVEL_CARDS == LEVEL_CARDS[level], f"{level}: the level's cards")
    expect("crisis-988" in keys, "988 on every result")
    pep = bool(matched & spec.pep_rules)
    expect(("pep-at-the-er" in keys) == (pep and level in ER_LEVELS), "pep-at-the-er")
    expect(("pep-today" in keys) == (pep and level == "urgent"), "pep-today")
    if "pep-today" in keys and "urgent-care" in keys:
        expect(keys.index("pep-today") < keys.index("urgent-care"), "pep-today before urgent-care")
    expect(("pepline" in keys) == pep, "pepline with a PEP rule only")
    assault = bool(matched & {"non_consensual", "non_consensual_recent"})
    expect(("rainn" in keys) == assault, "rainn")
    strangled = bool(matched & {"strangled", "strangulation_signs"})
    expect(("domestic-violence-hotline" in keys) == strangled, "domestic-violence-hotline")
    young = {"child", "child_recent", "older_partner", "older_partner_recent", "minor_traded"}
    expect(("childhelp" in keys) == bool(matched & young), "childhelp")
    minor = given & {"age_13_or_under", "age_14_to_17", "older_partner"}
    expect(("trevor-project" in keys) == bool(minor), "trevor-project")
    traded = bool(matched & {"traded_sex", "minor_traded"})
    expect(("trafficking-hotline" in keys) == traded, "trafficking-hotline")
    for later in ("trevor-project", "trafficking-hotline"):
        if "childhelp" in keys and later in keys:
            expect(keys.index("childhelp") < keys.index(later), f"childhelp before {later}")
    expect(len(keys) == len(set(keys)), "a card twice")
    return problems


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_result_has_the_help_its_level_and_reasons_call_for(spec, language):
    from triage.rules import published_rule_set

    rule_set = published_rule_set(language)
    seen, found = set(), {}
    for findings in every_case(spec, seed=31, count=1500):
        assessment, result = result_of(rule_set, findings)
        for problem in help_problems(spec, assessment, result, findings):
            found.setdefault(problem, findings)
        seen.add(assessment.level)
    assert seen == set(spec.levels)
    assert found == {}


def test_each_reason_brings_its_own_help(rules):
    cases = {
        ("non_consensual", "when_later"): "rainn",
        ("strangled",): "domestic-violence-hotline",
        ("strangulation_signs",): "domestic-violence-hotline",
        ("age_13_or_under", "when_later"): "childhelp",
        ("older_partner", "when_later"): "childhelp",
        ("age_14_to_17",): "trevor-project",
        ("traded_sex",): "trafficking-hotline",
        ("traded_sex", "age_14_to_17"): "trafficking-hotline",
        ("condomless", "partner_risk", "when_48h"): "pep-today",
        ("condomless", "partner_risk"): "pep-at-the-er",  # no `when`: not sure, the ER
        ("shared_needles", "when_2_to_3_days"): "pepline",
    }
    for findings, key in cases.items():
        assert key in service_keys(result_of(rules, findings)[1]), findings
    assert "pepline" not in service_keys(result_of(rules, ["condomless", "when_later"])[1])
    assert "rainn" not in service_keys(result_of(rules, ["strangled"])[1])


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_help_service_says_how_to_reach_it_its_hours_and_languages(language):
    from triage.rules import published_rule_set

    for service in published_rule_set(language).services:
        assert service.phone or service.website or service.notes.strip(), service.key
        assert service.opening_hours.strip(), (service.key, "opening_hours")
        assert service.languages.strip(), (service.key, "languages")
        assert service.name.strip(), service.key


def test_the_spanish_help_has_its_own_hours_and_languages(rules, rules_es):
    english = {service.key: service for service in rules.services}
    for service in rules_es.services:
        for field in ("opening_hours", "languages"):
            words = getattr(service, field)
            if words:
                assert words != getattr(english[service.key], field), (service.key, field)


def test_the_emergency_room_cards_say_it_must_see_everyone(rules, rules_es):
    for key in ("emergency-number", "emergency-room", "er-at-night"):
        english = next(s for s in rules.services if s.key == key).notes
        spanish = next(s for s in rules_es.services if s.key == key).notes
        assert "EMTALA" in english, key
        assert "whether or not they can pay" in english, key
        assert "immigration status" in english, key
        assert "EMTALA" in spanish, key
        assert "puedan pagar o no" in spanish, key
        assert "migratoria" in spanish, key


def test_the_help_lines_have_their_real_numbers(rules):
    phones = {service.key: service.phone for service in rules.services}
    assert phones["emergency-number"] == "911"
    assert phones["rainn"] == "800-656-4673"
    assert phones["domestic-violence-hotline"] == "800-799-7233"
    assert phones["childhelp"] == "1-800-422-4453"
    assert phones["trevor-project"] == "1-866-488-7386"
    assert phones["trafficking-hotline"] == "1-888-373-7888"
    assert phones["crisis-988"] == "988"
    assert phones["pepline"] == "888-448-4911"
    assert phones["planned-parenthood"] == "1-800-230-7526"
    assert phones["cdc-info"] == "800-232-4636"


# The safety net


def developable(code, given, reached, spec) -> bool:
    """Spec, "Safety net": a sign a person can still develop."""
    if code == "strangulation_signs":
        return "strangled" in given or "about_the_sex" not in reached
    if code == "pregnancy_signs":
        return "pregnant" in given or "about_you" not in reached
    if spec.choice_of[code] is not None or code == "object_stuck":
        return False
    return spec.page_of[code] in ("emergency", "today", "soon")


def could_show(rule, given, reached, spec) -> bool:
    """Whether the rule may stand behind a sign: not matched, and every answer it still lacks a
    sign the person can still develop."""
    row = spec.rules[rule.code]
    answers = spec.as_read(given)
    missing = row.all_of - answers
    lacks_any = row.any_of and not answers & row.any_of
    if lacks_any and not any(developable(c, given, reached, spec) for c in row.any_of):
        return False
    return all(developable(c, given, reached, spec) for c in missing)


def check_safety_net(rules, spec, assessment, result, given, reached):
    where = (assessment.level, sorted(given), sorted(reached))
    levels = [group.level.code for group in result.safety_net]
    assert levels == [lv for lv in spec.levels if lv in levels], where
    assert all(spec.rank(lv) < spec.rank(assessment.level) for lv in levels), where
    if assessment.level == "emergency":
        assert result.safety_net == (), where
    for group in result.safety_net:
        assert group.level.signs_heading.strip(), where
        assert group.level.signs_heading == rules.level_by_code[group.level.code].signs_heading
        assert 0 < len(group.signs) <= 8, where
        assert all(sign.strip() for sign in group.signs), where
        for sign in group.signs:
            behind = [
                rule
                for rule in rules.rules
                if rule.level == group.level.code
                and rule.watch_for == sign
                and could_show(rule, given, reached, spec)
            ]
            assert behind, (sign, where)


def test_the_safety_net_is_built_as_the_specification_says(rules, spec):
    for findings in every_case(spec, seed=41, count=800):
        for page in (None, "emergency", "about_the_sex", "about_you", "today"):
            reached = rules.pages_up_to(page)
            assessment, result = result_of(rules, findings, reached)
            check_safety_net(rules, spec, assessment, result, set(findings), reached)


def safety_net_cases(rules, spec, seed):
    for findings in every_case(spec, seed=seed, count=400):
        for page in (None, "emergency", "about_the_sex", "about_you"):
            reached = rules.pages_up_to(page)
            yield findings, reached, *result_of(rules, findings, reached)


def test_a_sign_never_appears_in_two_groups_of_one_result(rules, spec):
    for findings, reached, _assessment, result in safety_net_cases(rules, spec, 59):
        for upper, lower in itertools.combinations(result.safety_net, 2):
            both = set(upper.signs) & set(lower.signs)
            assert not both, (both, findings, sorted(reached))


def test_a_group_never_lists_the_same_sign_twice(rules, spec):
    found = {}
    for findings, reached, _assessment, result in safety_net_cases(rules, spec, 61):
        for group in result.safety_net:
            twice = {sign for sign in group.signs if group.signs.count(sign) > 1}
            for sign in twice:
                found.setdefault((group.level.code, sign), (findings, sorted(reached)))
    assert found == {}


def test_a_sign_that_needs_history_the_person_does_not_have_is_left_out(rules):
    _assessment, result = result_of(rules, ["lump_or_piles"])
    emergency = next(g for g in result.safety_net if g.level.code == "emergency")
    assert rules.rule_by_code["fist_fever"].watch_for not in emergency.signs
    assert rules.rule_by_code["belly_pain_fever"].watch_for in emergency.signs


def groups(result) -> dict[str, tuple[str, ...]]:
    return {group.level.code: group.signs for group in result.safety_net}


def all_signs(result) -> set[str]:
    return {sign for group in result.safety_net for sign in group.signs}


def test_strangulation_signs_are_watched_for_only_after_choking(rules):
    sign = rules.rule_by_code["strangulation_signs"].watch_for
    assert sign
    # Ticked: strangled (er_today), so the emergency group holds the signs that can follow.
    assert sign in groups(result_of(rules, ["strangled"])[1])["emergency"]
    assert sign not in all_signs(result_of(rules, ["non_consensual"])[1])
    assert sign not in all_signs(result_of(rules, ["lump_or_piles"])[1])
    # Page 2 never reached: it may have happened.
    unreached = rules.pages_up_to("emergency")
    assert sign in all_signs(result_of(rules, ["lump_or_piles"], unreached)[1])


def test_pregnancy_signs_are_watched_for_only_in_pregnancy(rules):
    sign = rules.rule_by_code["pregnancy_signs"].watch_for
    assert sign
    assert sign in groups(result_of(rules, ["pregnant"])[1])["emergency"]
    assert sign not in all_signs(result_of(rules, ["lump_or_piles"])[1])
    assert sign not in all_signs(result_of(rules, ["fever"])[1])
    # Page 3 never reached: it may apply (the group's limit of eight may still leave it out).
    unreached = rules.pages_up_to("about_the_sex")
    finding = rules.finding_by_code["pregnancy_signs"]
    assert can_develop(finding, set(), unreached, rules)
    assert not can_develop(finding, set(), rules.pages_up_to(None), rules)


def test_signs_that_use_the_persons_own_answers_come_first(rules):
    emergency = groups(result_of(rules, ["weak_immune_system"])[1])["emergency"]
    assert emergency[0] == rules.rule_by_code["fever_weak_immunity"].watch_for
    er_today = groups(result_of(rules, ["diabetes"])[1])["er_today"]
    assert er_today[0] == rules.rule_by_code["diabetes_infection"].watch_for
    procedure = groups(result_of(rules, ["recent_procedure"])[1])["emergency"]
    own = {rules.rule_by_code[c].watch_for for c in ("deep_pain_danger", "procedure_fever")}
    own.add(rules.rule_by_code["procedure_belly_pain"].watch_for)
    assert set(procedure[: len(own)]) == own


def test_a_self_care_result_warns_of_every_more_urgent_level(rules):
    assessment, result = result_of(rules, [])
    assert assessment.level == "self_care"
    assert [g.level.code for g in result.safety_net] == ["emergency", "er_today", "urgent", "soon"]


# Also tell the staff


def test_tell_staff_lines_are_only_on_emergency_and_er_results(rules, spec):
    for findings in every_case(spec, seed=43, count=300):
        assessment, result = result_of(rules, findings, rules.pages_up_to("emergency"))
        if assessment.level not in ER_LEVELS:
            assert result.tell_staff == (), findings


def test_tell_staff_prompts_only_for_the_pages_not_reached(rules):
    about_the_sex = rules.page_by_code["about_the_sex"].unreached
    about_you = rules.page_by_code["about_you"].unreached
    assert about_the_sex
    assert about_you
    early = result_of(rules, ["heavy_bleeding"], rules.pages_up_to("emergency"))[1]
    assert early.tell_staff == (*about_the_sex, *about_you)
    middle = result_of(rules, ["strangled"], rules.pages_up_to("about_the_sex"))[1]
    assert middle.tell_staff == about_you
    whole = result_of(rules, ["heavy_bleeding"])[1]
    assert whole.tell_staff == ()


def test_the_unreached_prompts_say_what_the_specification_lists(rules):
    sex = " ".join(rules.page_by_code["about_the_sex"].unreached)
    you = " ".join(rules.page_by_code["about_you"].unreached)
    for words in ("poppers", "G,", "meth", "erection pills", "not your choice", "choked"):
        assert words in sex, words
    for words in ("PEP", "emergency contraception", "forensic exam", "24 hours", "72"):
        assert words in sex, words
    for words in ("blood thinner", "pregnant", "HIV", "diabetes"):
        assert words in you, words


def test_tell_staff_lists_the_answers_staff_need_in_the_order_asked(rules):
    given = ["still_bleeding", "age_14_to_17", "blood_thinners", "fist_or_object"]
    given += ["high_or_drunk", "weak_immune_system", "diabetes", "recent_procedure", "pregnant"]
    assessment, result = result_of(rules, given)
    assert assessment.level in ER_LEVELS
    in_order = [f for f in rules.findings if f.code in given and f.tell_staff]
    assert {f.code for f in in_order} == set(given) - {"still_bleeding"}
    assert result.tell_staff == tuple(f.tell_staff for f in in_order)
    assert "under 18" in rules.finding_by_code["age_14_to_17"].tell_staff
    assert "under 18" in rules.finding_by_code["age_13_or_under"].tell_staff
    assert "blood thinner" in rules.finding_by_code["blood_thinners"].tell_staff


def test_tell_staff_holds_no_line_for_an_answer_not_given(rules):
    _assessment, result = result_of(rules, ["heavy_bleeding", "age_18_to_44"])
    assert result.tell_staff == ()


# Home care and the nurse script


def test_home_care_is_on_soon_results_only_and_is_the_self_care_advice(rules, spec):
    home = rules.level_by_code["self_care"].advice
    assert len(home) >= 4
    for findings in every_case(spec, seed=47, count=200):
        assessment, result = result_of(rules, findings)
        expected = home if assessment.level == "soon" else ()
        assert result.home_care == expected, (assessment.level, findings)


def test_the_home_care_says_what_the_specification_lists(rules):
    home = " ".join(rules.level_by_code["self_care"].advice)
    for words in ("outside", "enemas", "fiber", "stool softener", "acetaminophen (Tylenol)"):
        assert words in home, words
    for words in ("ibuprofen", "naproxen", "never stop", "condoms", "PrEP", "PEP"):
        assert words in home, words


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_nurse_script_holds_exactly_the_answers_given_in_page_order(spec, language):
    from triage.rules import published_rule_set

    rule_set, english = published_rule_set(language), published_rule_set("en")
    for findings in every_case(spec, seed=53, count=200):
        _assessment, result = result_of(rule_set, findings)
        assert [f.code for f in result.script] == [c for c in spec.codes if c in findings]
        for line in result.script:
            assert line.said.strip(), line.code
            assert line.said_en == english.finding_by_code[line.code].said, line.code


def test_a_spanish_nurse_script_has_spanish_lines_with_the_english_beside_them(rules, rules_es):
    _assessment, result = result_of(rules_es, ["strangled", "fever", "age_14_to_17"])
    for line in result.script:
        english = rules.finding_by_code[line.code].said
        assert line.said_en == english
        assert line.said != english, line.code


def test_the_lines_a_person_can_hide_are_the_specifications(rules, spec):
    assert {f.code for f in rules.findings if f.private} == spec.private

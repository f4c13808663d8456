import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from triage.engine import assess, evaluate

pytestmark = pytest.mark.django_db

RANDOM = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_seeded_pages_findings_and_rules_are_the_specification_tables(rules, spec):
    assert [level.code for level in rules.levels] == spec.levels
    assert [page.code for page in rules.pages] == spec.pages
    assert [(f.code, f.group) for f in rules.findings] == [(c, spec.page_of[c]) for c in spec.codes]
    assert [rule.code for rule in rules.rules] == spec.rule_codes
    for rule in rules.rules:
        all_of, level, setting = spec.rules[rule.code]
        assert (set(rule.all_of), rule.level) == (all_of, level), rule.code
        assert rule.setting == (setting or "any"), rule.code


def test_every_rule_cites_the_sources_the_specification_names(rules, spec):
    for rule in rules.rules:
        cited = " ".join(rule.sources)
        for publisher in spec.publishers(rule.code):
            assert publisher in cited, (rule.code, publisher)


def test_no_finding_gives_self_care(rules):
    assessment = assess([], rule_set=rules)
    assert (assessment.level, assessment.setting, assessment.reasons) == ("self_care", "any", ())


def test_every_rule_matches_on_its_own_findings_and_gives_its_level(rules, spec, spec_rule):
    all_of, level, setting = spec.rules[spec_rule]
    assessment = assess(all_of, rule_set=rules)
    assert assessment.level == level
    assert spec_rule in assessment.codes
    assert assessment.codes == tuple(spec.assess(all_of)[2])
    if setting == "er":
        assert assessment.setting == "er"


def test_a_rule_needs_every_one_of_its_findings(rules, spec):
    for code, (all_of, _level, _) in spec.rules.items():
        for missing in all_of if len(all_of) > 1 else ():
            assessment = assess(all_of - {missing}, rule_set=rules)
            assert code not in assessment.codes, (code, missing)


def test_context_findings_alone_lead_nowhere(rules):
    for code in ["condomless", "partner_risk", "no_prep", "within_72h", "under_18"]:
        assert assess([code], rule_set=rules).level == "self_care", code


def test_version_1_failures_now_reach_the_right_level(rules):
    cases = [
        (["blood_thinners", "lump_or_piles"], "urgent"),  # warfarin and bleeding piles
        (["painful_bleeding"], "soon"),  # painful bleeding needs a doctor
        (["fever", "weak_immune_system"], "emergency"),  # fever during chemotherapy
        (["fist_or_object", "leaking_poop"], "urgent"),
        (["prolapse", "severe_anal_pain"], "emergency"),
        (["pregnant"], "soon"),
        (["shared_needles", "within_72h"], "urgent"),
        (["condomless", "partner_risk", "no_prep", "within_72h"], "urgent"),
    ]
    for findings, level in cases:
        assert assess(findings, rule_set=rules).level == level, findings


def test_every_pair_of_findings_agrees_with_the_specification(rules, spec):
    for pair in itertools.combinations(spec.codes, 2):
        level, setting, reasons = spec.assess(pair)
        assessment = assess(pair, rule_set=rules)
        assert (assessment.level, assessment.setting, list(assessment.codes)) == (
            level,
            setting,
            reasons,
        ), pair


def test_all_findings_together_give_emergency_with_every_rule_in_order(rules, spec):
    assessment = assess(reversed(spec.codes), rule_set=rules)
    assert assessment.level == "emergency"
    assert list(assessment.codes) == spec.rule_codes


def test_urgent_result_sends_to_the_er_only_when_an_urgent_rule_says_so(rules):
    assert assess(["fever"], rule_set=rules).setting == "any"
    assert assess(["fever", "abscess"], rule_set=rules).setting == "er"
    # An ER rule of a less urgent level does not decide the setting: there is none below urgent.
    assert assess(["non_consensual"], rule_set=rules).setting == "any"
    assert assess(["non_consensual", "within_72h"], rule_set=rules).setting == "er"


def test_reasons_carry_each_rules_text(rules):
    assessment = assess(["condomless", "partner_risk", "no_prep", "within_72h"], rule_set=rules)
    assert assessment.codes == ("hiv_pep", "sti_hiv_test")
    assert assessment.reasons[0].text == rules.rule_by_code["hiv_pep"].text
    assert "72 hours" in assessment.reasons[0].text


def test_duplicates_count_once(rules):
    assessment = assess(["sti_symptoms", "sti_symptoms"], rule_set=rules)
    assert (assessment.level, assessment.codes) == ("soon", ("sti_symptoms",))
    assert assessment.findings == ("sti_symptoms",)


def test_unknown_codes_raise_value_error_naming_them(rules):
    with pytest.raises(ValueError, match="not_a_finding") as raised:
        assess(["heavy_bleeding", "not_a_finding", "also_unknown"], rule_set=rules)
    assert "also_unknown" in str(raised.value)
    assert "heavy_bleeding" not in str(raised.value)


def test_retired_version_1_codes_are_named_as_retired(rules, spec):
    for code in spec.retired:
        with pytest.raises(ValueError, match=f"older version of the check.*{code}"):
            assess([code], rule_set=rules)


def test_a_single_string_is_not_taken_as_a_list_of_letters(rules):
    with pytest.raises(TypeError):
        assess("heavy_bleeding", rule_set=rules)


def test_non_string_codes_are_rejected(rules):
    with pytest.raises(TypeError):
        assess(["heavy_bleeding", 5], rule_set=rules)


def test_a_rule_moved_to_another_level_moves_the_result_once_published(rules, publish_rules):
    from triage.models import Level, Rule

    Rule.objects.filter(code="age_45_plus").update(level=Level.objects.get(code="urgent"))
    assert assess(["age_45_plus"]).level == "soon"
    publish_rules()
    assert assess(["age_45_plus"]).level == "urgent"


def test_random_sets_of_findings_agree_with_the_specification(rules, spec):
    @RANDOM
    @given(st.lists(st.sampled_from(spec.codes), max_size=36))
    def check(findings):
        level, setting, reasons = spec.assess(findings)
        assessment = evaluate(rules, findings)
        assert (assessment.level, assessment.setting, list(assessment.codes)) == (
            level,
            setting,
            reasons,
        )
        assert [reason.text for reason in assessment.reasons] == [
            rules.rule_by_code[code].text for code in reasons
        ]

    check()


def test_adding_a_finding_never_lowers_the_level(rules, spec):
    rank = spec.levels.index

    @RANDOM
    @given(st.sets(st.sampled_from(spec.codes)), st.sampled_from(spec.codes))
    def check(findings, extra):
        before = evaluate(rules, findings).level
        after = evaluate(rules, findings | {extra}).level
        assert rank(after) <= rank(before)

    check()


def test_safety_net_shows_each_more_urgent_sign_once(rules):
    sections = rules.safety_sections("soon")
    assert [section.level.code for section in sections] == ["emergency", "urgent"]
    urgent = sections[1].signs
    fever = rules.finding_by_code["fever"].text
    # fever_abscess needs more than the fever rule of the same level: no sign of its own.
    assert sum(fever in sign for sign in urgent) == 1
    emergency = sections[0].signs
    assert any(rules.finding_by_code["weak_immune_system"].text in sign for sign in emergency)
    assert rules.safety_sections("emergency") == ()

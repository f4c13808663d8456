import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from triage.engine import assess, evaluate

pytestmark = pytest.mark.django_db


def test_seeded_rules_are_the_specification_table(rules, spec):
    assert [level.code for level in rules.levels] == spec.levels
    assert [(f.code, f.level) for f in rules.findings] == [
        (code, spec.level_of[code]) for code in spec.codes
    ]
    # Each finding is asked on the page of its own level: emergency signs first.
    assert [group.code for group in rules.groups] == ["emergency", "urgent", "soon"]
    assert all(finding.group == finding.level for finding in rules.findings)


def test_every_seeded_finding_cites_the_sources_the_specification_names(rules, spec):
    for finding in rules.findings:
        cited = " ".join(finding.sources)
        for publisher in spec.publishers[finding.code]:
            assert publisher in cited, (finding.code, publisher)


def test_no_finding_gives_self_care(rules):
    assessment = assess([], rule_set=rules)
    assert assessment.level == "self_care"
    assert assessment.reasons == ()


def test_every_finding_alone_gives_its_level(rules, spec, spec_code):
    assessment = assess([spec_code], rule_set=rules)
    assert assessment.level == spec.level_of[spec_code]
    assert assessment.codes == (spec_code,)


def test_assess_reads_the_published_rules_when_none_are_given(rules):
    assert assess(["object_stuck"]).level == "emergency"
    assert assess(["object_stuck"]).version == rules.version


def test_emergency_sign_outranks_every_other_answer(rules, spec):
    for emergency in spec.codes_at("emergency"):
        for other in spec.codes:
            assert assess([other, emergency], rule_set=rules).level == "emergency"


def test_every_pair_of_findings_gives_the_more_urgent_level(rules, spec):
    for first, second in itertools.combinations(spec.codes, 2):
        expected = min(spec.level_of[first], spec.level_of[second], key=spec.levels.index)
        assert assess([first, second], rule_set=rules).level == expected


def test_all_findings_together_give_emergency_with_every_reason_in_order(rules, spec):
    assessment = assess(reversed(spec.codes), rule_set=rules)
    assert assessment.level == "emergency"
    assert list(assessment.codes) == spec.codes


def test_reasons_are_the_resulting_level_first_then_the_others_in_spec_order(rules):
    assessment = assess(
        ["lump_or_piles", "sti_exposure", "non_consensual", "dark_stool"], rule_set=rules
    )
    assert assessment.level == "urgent"
    assert assessment.codes == ("dark_stool", "non_consensual", "sti_exposure", "lump_or_piles")


def test_reasons_carry_the_short_text_of_each_finding(rules):
    assessment = assess(["hiv_exposure"], rule_set=rules)
    assert assessment.reasons[0].text == rules.finding_by_code["hiv_exposure"].text
    assert "72 hours" in assessment.reasons[0].text


def test_duplicates_count_once(rules):
    assessment = assess(["sti_exposure", "sti_exposure", "sti_exposure"], rule_set=rules)
    assert assessment.level == "soon"
    assert assessment.codes == ("sti_exposure",)


def test_unknown_codes_raise_value_error_naming_them(rules):
    with pytest.raises(ValueError, match="not_a_finding") as raised:
        assess(["heavy_bleeding", "not_a_finding", "also_unknown"], rule_set=rules)
    assert "also_unknown" in str(raised.value)
    assert "heavy_bleeding" not in str(raised.value)


def test_a_single_string_is_not_taken_as_a_list_of_letters(rules):
    with pytest.raises(TypeError):
        assess("heavy_bleeding", rule_set=rules)


def test_non_string_codes_are_rejected(rules):
    with pytest.raises(TypeError):
        assess(["heavy_bleeding", 5], rule_set=rules)


def test_a_finding_moved_to_another_level_moves_the_result(rules):
    from triage.models import Finding, Level

    Finding.objects.filter(code="age_50_plus").update(level=Level.objects.get(code="urgent"))
    assert assess(["age_50_plus"]).level == "urgent"


def test_random_sets_of_findings_agree_with_the_specification(rules, spec):
    # The rule set is loaded once; hypothesis then drives the pure evaluation.
    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(st.sampled_from(spec.codes), max_size=24))
    def check(findings):
        level, reasons = spec.assess(findings)
        assessment = evaluate(rules, findings)
        assert assessment.level == level
        assert list(assessment.codes) == reasons
        assert [reason.text for reason in assessment.reasons] == [
            rules.finding_by_code[code].text for code in reasons
        ]

    check()

"""What a result carries beyond its level and reasons (shared/triage-spec.md, "What every result
carries"): where to get help, the safety net, "Also tell the staff", home care and the nurse
script. Pure functions of the rule set, the answers and the pages reached; the no-JavaScript
result page uses them, and static/triage/engine.mjs does the same on the phone (tests hold the
two to exact agreement). Nothing here is stored or logged."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.views.decorators.debug import sensitive_variables

from .engine import Assessment, with_not_sure
from .models import EMERGENCY, ER_TODAY, SOON
from .rules import FindingRule, LevelRule, RuleSet, ServiceRule, SourceRef, TriageRule

# A safety-net group lists at most this many signs (spec, "Safety net").
MOST_SIGNS_A_GROUP = 8
ALWAYS = "always"


@dataclass(frozen=True)
class SafetyGroup:
    level: LevelRule
    signs: tuple[str, ...]  # the rules' hand-written watch-for phrases


@dataclass(frozen=True)
class Result:
    level: LevelRule
    reasons: tuple[TriageRule, ...]
    sources: tuple[SourceRef, ...]
    services: tuple[ServiceRule, ...]
    safety_net: tuple[SafetyGroup, ...]
    tell_staff: tuple[str, ...]  # emergency and er_today only
    home_care: tuple[str, ...]  # "until then" on soon results
    script: tuple[FindingRule, ...]  # the nurse script: every answer given, in page order
    findings: tuple[str, ...]  # what was answered, for "Change your answers"


def sources_of(rules: Iterable[TriageRule]) -> tuple[SourceRef, ...]:
    return tuple(dict.fromkeys(source for rule in rules for source in rule.sources))


def services_for(
    rule_set: RuleSet, level: str, matched: Iterable[str], given: Iterable[str]
) -> tuple[ServiceRule, ...]:
    matched, given = set(matched), set(given)
    return tuple(s for s in rule_set.services if s.fits(level, matched, given))


def can_develop(finding: FindingRule, given: set[str], reached: frozenset[str], rule_set) -> bool:
    """Whether a person who has not got this sign yet still could (spec, "Safety net")."""
    if finding.develops == ALWAYS:
        return True
    if not finding.develops:
        return False
    after = rule_set.finding_by_code[finding.develops]
    return after.code in given or after.group not in reached


def completions(rule: TriageRule, answers: frozenset[str], developing) -> list[frozenset[str]]:
    """Each smallest set of signs that would make `rule` match, if all of them can develop."""
    missing = frozenset(rule.all_of) - answers
    if not all(developing(code) for code in missing):
        return []
    if rule.any_of and answers.isdisjoint(rule.any_of):
        return [missing | {code} for code in rule.any_of if developing(code)]
    return [missing]


@sensitive_variables()
def safety_net(
    rule_set: RuleSet, level: str, given: Iterable[str], reached: frozenset[str]
) -> tuple[SafetyGroup, ...]:
    """One group per level more urgent than the result. A rule is shown when the signs it still
    lacks can all develop, and left out when every way of completing it is already shown in a
    more urgent group (a sign appears once, at its most urgent level, and once in a group). The
    person's own answers come first, then watch-for order."""
    given = set(given)
    answers = with_not_sure(rule_set, given)

    def developing(code: str) -> bool:
        return can_develop(rule_set.finding_by_code[code], given, reached, rule_set)

    def own(rule: TriageRule) -> bool:
        """Uses one of the person's answers, or a sign that only follows one of them."""
        return not given.isdisjoint(rule.needs) or any(
            rule_set.finding_by_code[code].develops in given for code in rule.needs
        )

    groups, shown_above = [], []
    for more_urgent in rule_set.levels[: rule_set.rank[level]]:
        chosen, shown_here = [], []
        for rule in rule_set.rules:
            if rule.level != more_urgent.code or not rule.watch_for or rule.matches(answers):
                continue
            ways = completions(rule, answers, developing)
            if ways and not all(any(s <= way for s in shown_above) for way in ways):
                chosen.append(rule)
                shown_here += ways
        chosen.sort(key=lambda r: (not own(r), r.watch_for_order, r.order))
        shown_above += shown_here
        signs = tuple(dict.fromkeys(rule.watch_for for rule in chosen))[:MOST_SIGNS_A_GROUP]
        if signs:
            groups.append(SafetyGroup(level=more_urgent, signs=signs))
    return tuple(groups)


def tell_staff(
    rule_set: RuleSet, level: str, given: Iterable[str], reached: frozenset[str]
) -> tuple[str, ...]:
    """On emergency and ER results: the answers staff need, then the prompts of every page the
    check never reached."""
    if level not in (EMERGENCY, ER_TODAY):
        return ()
    answered = [f.tell_staff for f in rule_set.in_page_order(given) if f.tell_staff]
    unreached = [line for p in rule_set.pages if p.code not in reached for line in p.unreached]
    return tuple(dict.fromkeys([*answered, *unreached]))


def home_care_for(rule_set: RuleSet, level: str) -> tuple[str, ...]:
    """ "Until then" on results that say "see a doctor soon": the self-care level's steps."""
    return rule_set.level_by_code[rule_set.default_level].advice if level == SOON else ()


@sensitive_variables()
def compose(rule_set: RuleSet, assessment: Assessment, reached: frozenset[str]) -> Result:
    """The whole result of an assessment, for a person who saw the pages in `reached`."""
    level = rule_set.level_by_code[assessment.level]
    reasons = tuple(rule_set.rule_by_code[code] for code in assessment.codes)
    given = assessment.findings
    return Result(
        level=level,
        reasons=reasons,
        sources=sources_of(reasons),
        services=services_for(rule_set, level.code, assessment.codes, given),
        safety_net=safety_net(rule_set, level.code, given, reached),
        tell_staff=tell_staff(rule_set, level.code, given, reached),
        home_care=home_care_for(rule_set, level.code),
        script=rule_set.in_page_order(given),
        findings=given,
    )

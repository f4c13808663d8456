"""The triage rule (shared/triage-spec.md, version 3): a rule matches when all of its `all_of`
answers were given and, if it has `any_of`, at least one of those; a single choice left without
an answer counts as its not-sure option. The result is the most urgent level among the matching
rules, and with none, self-care. Rules only combine answers this way, so answering more never
lowers a level. The reasons are the matching rules, most urgent first, then in the
specification's order.

static/triage/engine.mjs is the same rule for the phone; tests hold the two to exact agreement.
Answers are never stored or logged: locals here are hidden from error reports."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.views.decorators.debug import sensitive_variables

from . import errors
from .rules import RuleSet, TriageRule, published_rule_set


@dataclass(frozen=True)
class Reason:
    code: str
    text: str


@dataclass(frozen=True)
class Assessment:
    level: str
    reasons: tuple[Reason, ...]
    findings: tuple[str, ...]  # what was answered, in the order it was asked
    version: str

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the matching rules."""
        return tuple(reason.code for reason in self.reasons)


@sensitive_variables()
def finding_codes(rule_set: RuleSet, findings: Iterable[str]) -> set[str]:
    """The set of codes given; raises TypeError for a malformed list, UnknownFindingError (a
    ValueError) naming every code that is not in the rule set, and TwoAnswersToOneChoiceError
    (a ValueError) for two options of one single choice."""
    if isinstance(findings, str | bytes):
        raise TypeError("findings must be an iterable of codes, not a single string")
    codes = set()
    for code in findings:
        if not isinstance(code, str):
            raise TypeError(str(errors.NOT_A_STRING))
        codes.add(code)
    unknown = codes.difference(rule_set.finding_by_code)
    if unknown:
        raise errors.UnknownFindingError(unknown)
    for choice in rule_set.choices:
        chosen = [option.code for option in rule_set.options(choice.code) if option.code in codes]
        if len(chosen) > 1:
            raise errors.TwoAnswersToOneChoiceError(chosen)
    return codes


def with_not_sure(rule_set: RuleSet, answers: set[str]) -> frozenset[str]:
    """The answers as rules read them: a single choice with no answer counts as not sure (the
    safe reading for timing, the adult one for age; spec, "Rules")."""
    missing = {
        choice.not_sure
        for choice in rule_set.choices
        if not any(option.code in answers for option in rule_set.options(choice.code))
    }
    return frozenset(answers | missing)


def most_urgent_first(rule_set: RuleSet, rules: Iterable[TriageRule]) -> list[TriageRule]:
    """Most urgent level first, then the specification's order, whatever order they came in."""
    return sorted(rules, key=lambda rule: (rule_set.rank[rule.level], rule.order, rule.code))


@sensitive_variables()
def evaluate(rule_set: RuleSet, findings: Iterable[str]) -> Assessment:
    """Pure: the assessment of a set of answers under one rule set."""
    given = finding_codes(rule_set, findings)
    answers = with_not_sure(rule_set, given)
    matching = most_urgent_first(rule_set, (r for r in rule_set.rules if r.matches(answers)))
    return Assessment(
        level=matching[0].level if matching else rule_set.default_level,
        reasons=tuple(Reason(code=rule.code, text=rule.text) for rule in matching),
        findings=tuple(finding.code for finding in rule_set.in_page_order(given)),
        version=rule_set.version,
    )


@sensitive_variables()
def assess(findings: Iterable[str], *, rule_set: RuleSet | None = None) -> Assessment:
    """The assessment under the published rules (or the rule set given).

    Unknown codes, or two answers to one single choice, raise ValueError naming them;
    duplicates count once; a missing single-choice answer is never an error."""
    return evaluate(rule_set if rule_set is not None else published_rule_set(), findings)

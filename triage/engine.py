"""The triage rule (shared/triage-spec.md, version 2): a rule matches when every one of its
findings was ticked; the result is the most urgent level among the matching rules, and with
none, self-care. Rules only combine findings with AND, so ticking more never lowers a level.
The reasons are the matching rules, most urgent first, then in the specification's order. An
urgent result sends people to an emergency room when a matching rule of its level says so.

static/triage/engine.mjs is the same rule for the offline client; tests hold the two to exact
agreement. Answers are never stored or logged: locals here are hidden from error reports."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.views.decorators.debug import sensitive_variables

from . import errors
from .models import Setting
from .rules import RuleSet, published_rule_set


@dataclass(frozen=True)
class Reason:
    code: str
    text: str


@dataclass(frozen=True)
class Assessment:
    level: str
    setting: str
    reasons: tuple[Reason, ...]
    findings: tuple[str, ...]  # what was ticked, in the order it was asked
    version: str

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the matching rules."""
        return tuple(reason.code for reason in self.reasons)


@sensitive_variables()
def finding_codes(rule_set: RuleSet, findings: Iterable[str]) -> set[str]:
    """The set of codes given; raises TypeError for a malformed list and UnknownFindingError
    (a ValueError) naming every code that is not in the rule set."""
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
    return codes


@sensitive_variables()
def evaluate(rule_set: RuleSet, findings: Iterable[str]) -> Assessment:
    """Pure: the assessment of a set of finding codes under one rule set."""
    ticked = finding_codes(rule_set, findings)
    matching = [rule for rule in rule_set.rules if ticked.issuperset(rule.all_of)]
    matching.sort(key=lambda rule: rule_set.rank[rule.level])  # stable: keeps the spec's order
    level = matching[0].level if matching else rule_set.default_level
    er = any(rule.level == level and rule.setting == Setting.ER for rule in matching)
    return Assessment(
        level=level,
        setting=Setting.ER if er else Setting.ANY,
        reasons=tuple(Reason(code=rule.code, text=rule.text) for rule in matching),
        findings=tuple(finding.code for finding in rule_set.in_page_order(ticked)),
        version=rule_set.version,
    )


@sensitive_variables()
def assess(findings: Iterable[str], *, rule_set: RuleSet | None = None) -> Assessment:
    """The assessment under the published rules (or the rule set given).

    Unknown codes raise ValueError (UnknownFindingError) naming them; duplicates count once."""
    return evaluate(rule_set if rule_set is not None else published_rule_set(), findings)

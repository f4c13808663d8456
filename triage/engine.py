"""The triage rule (docs/triage.md, the clinical specification): the result is the most urgent
level among the findings reported; with none, self-care. Nothing lowers a level. The reasons
are the reported findings, most urgent first, in the specification's order.

static/triage/engine.mjs is the same rule for the offline client; tests hold the two to exact
agreement. Answers are never stored or logged: locals here are hidden from error reports."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.views.decorators.debug import sensitive_variables

from . import errors
from .rules import RuleSet, published_rule_set


@dataclass(frozen=True)
class Reason:
    code: str
    text: str


@dataclass(frozen=True)
class Assessment:
    level: str
    reasons: tuple[Reason, ...]
    version: str

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(reason.code for reason in self.reasons)


@sensitive_variables()
def evaluate(rule_set: RuleSet, findings: Iterable[str]) -> Assessment:
    """Pure: the assessment of a set of finding codes under one rule set."""
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
    reported = sorted(
        (rule_set.finding_by_code[code] for code in codes), key=rule_set.finding_sort_key
    )
    level = reported[0].level if reported else rule_set.default_level
    return Assessment(
        level=level,
        reasons=tuple(Reason(code=finding.code, text=finding.text) for finding in reported),
        version=rule_set.version,
    )


@sensitive_variables()
def assess(findings: Iterable[str], *, rule_set: RuleSet | None = None) -> Assessment:
    """The assessment under the published rules (or the rule set given).

    Unknown codes raise ValueError (UnknownFindingError) naming them; duplicates count once."""
    return evaluate(rule_set if rule_set is not None else published_rule_set(), findings)

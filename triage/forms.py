"""Reading the no-JavaScript form: one page of questions per group, earlier answers carried in
hidden `findings` fields, the page just answered in `step`, and "None of these" in `none`."""

from dataclasses import dataclass

from django.http import QueryDict

from . import errors
from .rules import RuleSet


@dataclass(frozen=True)
class FormAnswers:
    findings: tuple[str, ...]  # every finding reported so far, without duplicates
    step: str | None  # the group whose page was just answered; None for a bare POST
    none_chosen: bool

    def answered(self, rule_set: RuleSet) -> bool:
        """Whether the page just answered got an answer: a sign, or "None of these"."""
        if self.step is None or self.none_chosen:
            return True
        return any(rule_set.finding_by_code[code].group == self.step for code in self.findings)

    def carried(self, rule_set: RuleSet) -> tuple[str, ...]:
        """The earlier pages' answers, to carry when the current page is shown again."""
        return tuple(c for c in self.findings if rule_set.finding_by_code[c].group != self.step)


def read_answers(data: QueryDict, rule_set: RuleSet) -> FormAnswers:
    """Raises TriageInputError, with a message for the person, for anything not recognized."""
    findings = tuple(dict.fromkeys(data.getlist("findings")))
    unknown = set(findings).difference(rule_set.finding_by_code)
    if unknown:
        raise errors.UnknownFindingError(unknown)
    step = data.get("step") or None
    if step is not None and step not in {group.code for group in rule_set.groups}:
        raise errors.TriageInputError(errors.UNKNOWN_STEP)
    return FormAnswers(findings=findings, step=step, none_chosen=bool(data.getlist("none")))

"""Reading the no-JavaScript form: one page of questions per group, earlier answers carried in
hidden `findings` fields, the page just answered in `step`, and "None of these" in `none`."""

from dataclasses import dataclass

from django.http import HttpRequest, QueryDict

from core.http import body_of_unknown_length, declared_length, sent_in_chunks

from . import errors
from .rules import RuleSet

FORM_CONTENT_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
# What the pages send; a form token is accepted and ignored, as a generic form client may add it.
FORM_FIELDS = {"findings", "step", "none", "csrfmiddlewaretoken"}


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
    step = data.get("step")
    if step is not None and step not in {group.code for group in rule_set.groups}:
        raise errors.TriageInputError(errors.UNKNOWN_STEP)
    # "None of these" carries its page's code: one for another page is not an answer to this one.
    nones = set(data.getlist("none"))
    if nones.difference({step}):
        raise errors.TriageInputError(errors.UNKNOWN_STEP)
    return FormAnswers(findings=findings, step=step, none_chosen=bool(nones))


def parses_to_nothing(request: HttpRequest) -> bool:
    """A body with something in it from which no field could be read ("&&&", or multipart parts
    that do not match the declared boundary). An empty form is fine: it reports no signs."""
    body = request.body  # read before request.POST, which would consume a multipart stream
    if request.POST or request.FILES or not body.strip():
        return False
    if request.content_type == "multipart/form-data":
        # An empty multipart form is its closing boundary alone.
        return body.strip() != f"--{request.content_params.get('boundary', '')}--".encode()
    return True


def answers_from(request: HttpRequest, rule_set: RuleSet) -> FormAnswers:
    """The answers in a POST of the form. A body Django cannot read arrives as an empty form,
    the same as "no signs at all": so a body of another type, one without a length, one that
    parses to nothing, or a field with another name (a typo of "findings") is refused with
    UnreadableAnswersError rather than assessed as self-care."""
    if sent_in_chunks(request) or body_of_unknown_length(request):
        raise errors.UnreadableAnswersError(errors.LENGTH_REQUIRED, status=411)
    if declared_length(request) and request.content_type not in FORM_CONTENT_TYPES:
        raise errors.UnreadableAnswersError(errors.NOT_A_FORM, status=415)
    if parses_to_nothing(request):
        raise errors.UnreadableAnswersError(errors.UNREADABLE_ANSWERS)
    unknown = set(request.POST).difference(FORM_FIELDS) | set(request.FILES)
    if unknown:
        raise errors.UnreadableAnswersError(errors.UNKNOWN_FIELDS)
    return read_answers(request.POST, rule_set)

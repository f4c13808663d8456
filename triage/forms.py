"""Reading the no-JavaScript form: one page of questions at a time. Every answer so far travels
in hidden fields (`findings` for each tick, `none` for each page answered "None of these"), the
page just answered in `step`, and the button pressed: Continue, `back` or `change` (from the
result). Answers never go in the URL, a cookie or a session."""

from dataclasses import dataclass

from django.http import HttpRequest, QueryDict

from core.http import body_of_unknown_length, declared_length, sent_in_chunks

from . import errors
from .rules import RuleSet

FORM_CONTENT_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
# What the pages send; a form token is accepted and ignored, as a generic form client may add it.
FORM_FIELDS = {"findings", "step", "none", "back", "change", "csrfmiddlewaretoken"}

FORWARD, BACK, CHANGE = "forward", "back", "change"


@dataclass(frozen=True)
class FormAnswers:
    findings: tuple[str, ...]  # every finding ticked so far, without duplicates
    nones: frozenset[str]  # the pages answered "None of these"
    step: str | None  # the page just answered; None for a bare POST
    action: str  # FORWARD, BACK or CHANGE

    def problem(self, rule_set: RuleSet) -> str | None:
        """What is wrong with the answer to the page just sent, if anything: its ticks need a
        sign or "None of these", and not both; each single choice needs an answer."""
        if self.step is None:
            return None
        given = [rule_set.finding_by_code[code] for code in self.findings]
        ticked = any(f.group == self.step and f.choice is None for f in given)
        if ticked and self.step in self.nones:
            return errors.NONE_AND_A_SIGN
        if rule_set.questions(self.step) and not ticked and self.step not in self.nones:
            return errors.CHOOSE_AN_ANSWER
        for choice in rule_set.choices_on(self.step):
            if not any(f.choice == choice.code for f in given):
                return errors.CHOOSE_ONE_OPTION % {"question": choice.question}
        return None


def read_answers(data: QueryDict, rule_set: RuleSet) -> FormAnswers:
    """Raises TriageInputError, with a message for the person, for anything not recognized."""
    findings = tuple(dict.fromkeys(data.getlist("findings")))
    unknown = set(findings).difference(rule_set.finding_by_code)
    if unknown:
        raise errors.UnknownFindingError(unknown)
    pages = set(rule_set.page_by_code)
    step = data.get("step")
    nones = frozenset(data.getlist("none"))
    action = BACK if "back" in data else CHANGE if "change" in data else FORWARD
    # A "None of these" is sent with the page it answers, or carried back to be changed.
    if step is None and nones and action != CHANGE or step is not None and step not in pages:
        raise errors.TriageInputError(errors.UNKNOWN_STEP)
    if not nones.issubset(pages):
        raise errors.TriageInputError(errors.UNKNOWN_STEP)
    return FormAnswers(findings=findings, nones=nones, step=step, action=action)


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

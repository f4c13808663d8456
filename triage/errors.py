"""Every message the symptom check shows for a problem, in one place, in words a person or an
editor understands."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

# Editors (admin and the services in services.py)
CODE_IS_FIXED = _("The code cannot be changed once it is set: the API and the offline app use it.")
LEVEL_ORDER_IS_FIXED = _(
    "The order and care card of a level are fixed by the clinical specification."
)
TOO_MANY_ADVICE_LINES = _("Use at most five lines, one step each.")
RULE_NEEDS_A_SOURCE = _("Name at least one source for this rule.")
RULE_NEEDS_A_FINDING = _(
    "Choose at least one answer, under “all of these answers” or “at least one of these”."
)
NOT_SURE_MUST_BE_AN_OPTION = _("Choose one of this question's own options.")
OPTION_ON_ITS_CHOICES_PAGE = _("An option is asked on the same page as its question.")
CLINICAL_CHANGE_NEEDS_PERMISSION = _(
    "Adding or removing an answer or a rule, changing what a rule leads to or needs, or moving "
    "an answer to another page, is a clinical change. Ask a clinical reviewer."
)
PHONE_FORMAT = _("Write the number as people dial it: digits, spaces, dashes, and + for abroad.")
WEBSITE_NEEDS_HTTPS = _("Use a secure address that starts with https://")
SERVICE_NEEDS_A_WAY_TO_REACH_IT = _("Add a phone number, a website, or notes on how to get there.")

# People using the check (form and API)
CHOOSE_AN_ANSWER = _("Choose the signs you have, or “None of these”.")
NONE_AND_A_SIGN = _("You chose “None of these” and a sign. Choose the signs, or “None of these”.")
CHOOSE_ONE_OPTION = _("Choose one answer to “%(question)s”.")
TWO_ANSWERS_TO_ONE_CHOICE = _("Choose only one answer to each question: %(names)s.")
NOT_A_LIST = _("“findings” must be a list of finding codes.")
NOT_A_STRING = _("Each finding must be a code written as a string.")
TOO_MANY_FINDINGS = _("Too many findings. Send each finding code at most once.")
BODY_TOO_LARGE = _("The request is too large. Send only the list of findings.")
UNKNOWN_STEP = _("This page of the check was not recognized. Please start again.")
LENGTH_REQUIRED = _("Send the answers with a Content-Length header.")
NOT_A_FORM = _(
    "Send the answers as a form (application/x-www-form-urlencoded or multipart/form-data)."
)
UNREADABLE_ANSWERS = _("The answers sent could not be read.")
# The pages never repeat what was sent: another site's form could make them show its words.
UNKNOWN_FIELDS = _("The form sent fields that this check does not use.")
ANSWERS_NOT_RECOGNIZED = _("Some of the answers sent are not part of this check.")


RETIRED_CODES = ngettext_lazy(
    "This finding belongs to an older version of the check and is no longer used: %(names)s. "
    "Please start again.",
    "These findings belong to an older version of the check and are no longer used: "
    "%(names)s. Please start again.",
    "count",
)
UNKNOWN_CODES = ngettext_lazy(
    "This finding is not recognized: %(names)s.",
    "These findings are not recognized: %(names)s.",
    "count",
)


class TriageInputError(ValueError):
    """Answers that cannot be assessed. Its message is safe to show to the person."""

    status = 400


class UnreadableAnswersError(TriageInputError):
    """A body whose answers cannot be read. It must never be taken for "no signs", which would
    give self-care advice to someone who may have reported an emergency."""

    def __init__(self, message, *, status=400):
        super().__init__(message)
        self.status = status


# Codes that versions 2 and 3 of the specification retired (shared/triage-spec.md).
RETIRED_FINDINGS = frozenset(
    {
        *("fever_or_abscess", "hiv_exposure", "sti_exposure", "age_50_plus"),  # version 1
        *("within_72h", "age_45_plus", "under_18", "pregnancy_warning", "no_prep"),  # version 2
    }
)


class UnknownFindingError(TriageInputError):
    """Finding codes that are not in the rule set; the message names them, and says when they
    are version 1 codes, so an old client or page knows to start again."""

    def __init__(self, codes):
        self.codes = sorted(set(codes))
        retired = [code for code in self.codes if code in RETIRED_FINDINGS]
        unknown = [code for code in self.codes if code not in RETIRED_FINDINGS]
        messages = [
            template % {"count": len(names), "names": ", ".join(names)}
            for template, names in ((RETIRED_CODES, retired), (UNKNOWN_CODES, unknown))
            if names
        ]
        super().__init__(" ".join(messages))


class TwoAnswersToOneChoiceError(TriageInputError):
    """More than one option of a single choice: the check cannot know which one is true."""

    def __init__(self, codes):
        self.codes = sorted(set(codes))
        super().__init__(TWO_ANSWERS_TO_ONE_CHOICE % {"names": ", ".join(self.codes)})

"""The symptom check's part of the admin's "Waiting for review" list: its unpublished changes,
as one item, with who changed the rules last and whether an editor marked them ready."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.review_queue import WaitingItem

from .models import Finding, HelpService, Level, Page, Rule
from .publishing import review_requested, unpublished_changes

EDITED_MODELS = (Level, Page, Finding, Rule, HelpService)


def last_change():
    """The newest history record of any part of the rule set."""
    records = [model.history.select_related("history_user").first() for model in EDITED_MODELS]
    return max((r for r in records if r is not None), key=lambda r: r.history_date, default=None)


def triage_waiting_for_review() -> list[WaitingItem]:
    changes = unpublished_changes()
    if not changes:
        return []
    record = last_change()
    editor = record.history_user if record else None
    return [
        WaitingItem(
            kind=_("Symptom check"),
            title=ngettext(
                "%(count)d change to the symptom check",
                "%(count)d changes to the symptom check",
                len(changes),
            )
            % {"count": len(changes)},
            url=reverse("admin:triage_publication_review"),
            changed_by=(editor.get_full_name() or editor.get_username()) if editor else "",
            changed_at=record.history_date if record else timezone.now(),
            ready_for_review=review_requested() is not None,
        )
    ]

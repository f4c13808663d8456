"""Guides for the admin home page's "Waiting for review" list (core.review_queue)."""

from django.urls import reverse
from django.utils.translation import gettext

from core.review_queue import WaitingItem

from .models import Guide
from .services import is_out_of_date, publication_status
from .versions import latest_version, user_name


def why_waiting(guide: Guide) -> str | None:
    """What the guide waits for, in words (its kind on the list), or None if nothing."""
    reasons = [
        reason
        for reason, applies in (
            (gettext("needs review by a Spanish-speaking clinician"), guide.needs_language_review),
            (gettext("translation out of date"), is_out_of_date(guide)),
        )
        if applies
    ]
    if reasons:
        return gettext("Guide: %(reasons)s") % {"reasons": "; ".join(reasons)}
    if publication_status(guide) != "published":
        return gettext("Guide")
    return None


def guides_waiting_for_review() -> list[WaitingItem]:
    """Every guide whose working copy the public does not see yet (a draft, or a published
    guide with changes waiting), every translation still to be checked by a clinician who reads
    its language, and every translation whose English guide was published since it was last
    updated."""
    items = []
    for guide in Guide.objects.prefetch_related("sources").with_original_published_at():
        kind = why_waiting(guide)
        if kind is None:
            continue
        record = latest_version(guide)
        items.append(
            WaitingItem(
                kind=kind,
                title=guide.title,
                url=reverse("admin:guides_guide_change", args=[guide.pk]),
                changed_by=user_name(record.history_user) if record else "",
                changed_at=record.history_date if record else guide.updated_at,
                ready_for_review=guide.ready_for_review,
            )
        )
    return items

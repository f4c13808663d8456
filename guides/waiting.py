"""Guides for the admin home page's "Waiting for review" list (core.review_queue)."""

from django.urls import reverse
from django.utils.translation import gettext

from core.review_queue import WaitingItem

from .models import Guide
from .services import publication_status
from .versions import latest_version, user_name


def guides_waiting_for_review() -> list[WaitingItem]:
    """Every guide whose working copy the public does not see yet: a draft, or a published
    guide with changes waiting."""
    items = []
    for guide in Guide.objects.prefetch_related("sources"):
        if publication_status(guide) == "published":
            continue
        record = latest_version(guide)
        items.append(
            WaitingItem(
                kind=gettext("Guide"),
                title=guide.title,
                url=reverse("admin:guides_guide_change", args=[guide.pk]),
                changed_by=user_name(record.history_user) if record else "",
                changed_at=record.history_date if record else guide.updated_at,
                ready_for_review=guide.ready_for_review,
            )
        )
    return items

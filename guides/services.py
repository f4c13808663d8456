"""Every change to a guide's public state goes through these functions, so the admin, commands
and data migrations apply the same rules."""

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Guide


def published_snapshot(*, title: str, summary: str, body_html: str, sources: Iterable) -> dict:
    """The fields the public sees, frozen from a guide's working copy when it is published."""
    return {
        "published_title": title,
        "published_summary": summary,
        "published_html": body_html,
        "published_sources": [
            {"title": source.title, "publisher": source.publisher, "url": source.url}
            for source in sources
        ],
    }


def publication_problems(guide: Guide, *, today: date | None = None) -> list[str]:
    """What stops a guide from being shown to the public, in words an editor understands."""
    today = today or timezone.localdate()
    problems = []
    if not guide.summary.strip():
        problems.append(_("Add a summary."))
    if not guide.body.strip():
        problems.append(_("Add the body text."))
    if guide.pk is None or not guide.sources.exists():
        problems.append(_("Add at least one source."))
    if not guide.next_review_due or guide.next_review_due <= today:
        problems.append(_("Set a next review date in the future."))
    return problems


@transaction.atomic
def publish_guide(*, guide: Guide) -> Guide:
    problems = publication_problems(guide)
    if problems:
        raise ValidationError(problems)
    for field, value in published_snapshot(
        title=guide.title,
        summary=guide.summary,
        body_html=guide.body_html,
        sources=guide.sources.all(),
    ).items():
        setattr(guide, field, value)
    guide.published_at = timezone.now()
    guide.full_clean()
    guide.save()
    return guide


def add_months(day: date, months: int) -> date:
    """The same day some months later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate_day in range(day.day, 0, -1):
        try:
            return day.replace(year=year, month=month, day=candidate_day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def next_review_date(reviewed_on: date) -> date:
    return add_months(reviewed_on, settings.REVIEW_INTERVAL_MONTHS)


def structured_data(guide: Guide, *, request) -> dict:
    """schema.org MedicalWebPage for the public version of a guide."""
    return {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": guide.published_title,
        "description": guide.published_summary,
        "url": request.build_absolute_uri(guide.get_absolute_url()),
        "inLanguage": "en-US",
        "lastReviewed": guide.last_reviewed.isoformat(),
        "reviewedBy": {"@type": "Organization", "name": guide.reviewed_by},
        "publisher": {"@type": "Organization", "name": settings.PUBLISHER_NAME},
        "citation": [
            {"@type": "CreativeWork", "name": source["title"], "url": source["url"]}
            for source in guide.published_sources
        ],
    }

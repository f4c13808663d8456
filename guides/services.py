"""Every change to a guide's public state goes through these functions, so the admin, commands
and data migrations apply the same rules."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.http import absolute_url

from .models import Guide, Source, SuggestedRevision

# The words an editor sees when something cannot be done, kept together so they stay consistent.
ERRORS = {
    "summary_missing": gettext_lazy("Add a summary."),
    "body_missing": gettext_lazy("Add the body text."),
    "sources_missing": gettext_lazy("Add at least one source."),
    "review_date_not_future": gettext_lazy("Set a next review date in the future."),
    "not_reviewed": gettext_lazy(
        "Have a clinical reviewer mark the guide reviewed (no reviewer's name yet)."
    ),
    "not_published": gettext_lazy("This guide is not published, so there is nothing to unpublish."),
    "reviewer_name_missing": gettext_lazy("Give the name of the clinician who reviewed the guide."),
    "version_missing": gettext_lazy("That earlier version of this guide could not be found."),
    "revision_decided": gettext_lazy("Someone has already taken or dismissed this suggestion."),
}
# A guide whose next review is this close shows as "due soon" to editors.
DUE_SOON_DAYS = 30
# A source whose page nobody has checked for this long is flagged, like a review date.
SOURCE_RECHECK_MONTHS = 12
# The fields that hold what the public sees, filled by published_snapshot().
SNAPSHOT_FIELDS = ("published_title", "published_summary", "published_html", "published_sources")


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


def publication_problems(guide: Guide, *, today: date | None = None) -> list:
    """What stops a guide from being shown to the public, in words an editor understands."""
    today = today or timezone.localdate()
    problems = []
    if not guide.summary.strip():
        problems.append(ERRORS["summary_missing"])
    if not guide.body.strip():
        problems.append(ERRORS["body_missing"])
    if guide.pk is None or not guide.sources.exists():
        problems.append(ERRORS["sources_missing"])
    if not guide.next_review_due or guide.next_review_due <= today:
        problems.append(ERRORS["review_date_not_future"])
    if not guide.reviewed_by.strip():
        problems.append(ERRORS["not_reviewed"])
    return problems


def publication_status(guide: Guide) -> str:
    """draft, published, or changes-waiting (published, with a newer working copy)."""
    if not guide.is_published:
        return "draft"
    return "changes-waiting" if has_unpublished_changes(guide) else "published"


def review_status(guide: Guide, *, today: date | None = None) -> str:
    """overdue, due-soon (within DUE_SOON_DAYS) or ok."""
    today = today or timezone.localdate()
    if guide.next_review_due < today:
        return "overdue"
    if guide.next_review_due <= today + timedelta(days=DUE_SOON_DAYS):
        return "due-soon"
    return "ok"


def source_check_status(source, *, today: date | None = None) -> str:
    """stale (not checked for SOURCE_RECHECK_MONTHS), undated (never recorded) or ok."""
    if source.accessed_on is None:
        return "undated"
    today = today or timezone.localdate()
    return "stale" if add_months(source.accessed_on, SOURCE_RECHECK_MONTHS) < today else "ok"


def working_snapshot(guide: Guide) -> dict:
    """The published fields as they would be if the working copy were published now."""
    return published_snapshot(
        title=guide.title,
        summary=guide.summary,
        body_html=guide.body_html,
        sources=guide.sources.all(),
    )


def has_unpublished_changes(guide: Guide) -> bool:
    """Whether the working copy differs from what the public sees (always true for a draft)."""
    return any(getattr(guide, field) != value for field, value in working_snapshot(guide).items())


@dataclass(frozen=True)
class GuidePage:
    """What a guide page shows: the published snapshot for the public, or the working copy in a
    staff preview, so one template renders both exactly alike."""

    guide: Guide
    title: str
    summary: str
    html: str
    sources: list[dict]

    @classmethod
    def from_snapshot(cls, guide: Guide, snapshot: dict) -> "GuidePage":
        return cls(
            guide=guide,
            title=snapshot["published_title"],
            summary=snapshot["published_summary"],
            html=snapshot["published_html"],
            sources=snapshot["published_sources"],
        )


def public_page(guide: Guide) -> GuidePage:
    return GuidePage.from_snapshot(
        guide, {field: getattr(guide, field) for field in SNAPSHOT_FIELDS}
    )


def preview_page(guide: Guide) -> GuidePage:
    return GuidePage.from_snapshot(guide, working_snapshot(guide))


def _save_guide(guide: Guide, *, reason: str) -> Guide:
    """Validate and save, recording in the guide's history why it changed."""
    guide.full_clean()
    guide._change_reason = reason  # read by django-simple-history
    guide.save()
    return guide


@transaction.atomic
def publish_guide(*, guide: Guide) -> Guide:
    problems = publication_problems(guide)
    if problems:
        raise ValidationError(problems)
    for field, value in working_snapshot(guide).items():
        setattr(guide, field, value)
    guide.published_at = timezone.now()
    return _save_guide(guide, reason=_("Published"))


@transaction.atomic
def unpublish_guide(*, guide: Guide) -> Guide:
    """Take the public page down; the working copy stays, as a draft."""
    if not guide.is_published:
        raise ValidationError(ERRORS["not_published"])
    empty = published_snapshot(title="", summary="", body_html="", sources=[])
    for field, value in empty.items():
        setattr(guide, field, value)
    guide.published_at = None
    return _save_guide(guide, reason=_("Unpublished"))


@transaction.atomic
def mark_guide_reviewed(*, guide: Guide, reviewer_name: str, today: date | None = None) -> Guide:
    """A clinician has checked the guide today: record who, and when it is due again."""
    reviewer_name = reviewer_name.strip()
    if not reviewer_name:
        raise ValidationError(ERRORS["reviewer_name_missing"])
    today = today or timezone.localdate()
    guide.last_reviewed = today
    guide.next_review_due = next_review_date(today)
    guide.reviewed_by = reviewer_name
    return _save_guide(guide, reason=_("Marked reviewed"))


@transaction.atomic
def restore_guide_version(*, guide: Guide, history_id: int) -> Guide:
    """Put an earlier version's title, summary, body and sources back into the working copy.

    It is a draft change like any edit: the published snapshot is never touched, so the public
    page changes only when a reviewer publishes. The web address, list order and review record
    stay as they are, because the public sees those straight away."""
    try:
        record = guide.history.get(history_id=history_id)
    except guide.history.model.DoesNotExist:
        raise ValidationError(ERRORS["version_missing"]) from None

    guide.title, guide.summary, guide.body = record.title, record.summary, record.body
    _save_guide(
        guide,
        reason=_("Restored the version of %(when)s")
        % {"when": date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")},
    )
    replace_sources(
        guide,
        [
            {field: getattr(source, field) for field in SOURCE_FIELDS}
            for source in sources_of_version(guide=guide, record=record)
        ],
    )
    return guide


SOURCE_FIELDS = ("title", "publisher", "url", "order", "accessed_on")


def replace_sources(guide: Guide, sources: Iterable[dict]) -> None:
    """Swap the working copy's sources for these (after the guide's save, as the admin does, so
    the history pairs each version with its sources)."""
    guide.sources.all().delete()
    for source in sources:
        Source.objects.create(guide=guide, **{field: source.get(field) for field in SOURCE_FIELDS})


@transaction.atomic
def take_suggested_revision(*, revision: SuggestedRevision, decided_by: str) -> Guide:
    """Put a suggested revision's text and sources into its guide's working copy.

    Like restoring an earlier version, it is a draft change: the public page changes only when a
    clinical reviewer publishes. The editor's earlier text stays in the history."""
    revision = SuggestedRevision.objects.select_for_update().get(pk=revision.pk)
    if revision.status != SuggestedRevision.PENDING:
        raise ValidationError(ERRORS["revision_decided"])
    guide = revision.guide
    guide.title, guide.summary, guide.body = revision.title, revision.summary, revision.body
    _save_guide(guide, reason=_("Took the suggested text: %(why)s") % {"why": revision.reason})
    replace_sources(
        guide,
        [
            {**source, "order": index, "accessed_on": parse_date(source.get("accessed_on") or "")}
            for index, source in enumerate(revision.sources)
        ],
    )
    _decide(revision, SuggestedRevision.TAKEN, decided_by)
    return guide


@transaction.atomic
def dismiss_suggested_revision(*, revision: SuggestedRevision, decided_by: str) -> None:
    """Keep the guide as it is; the suggestion stays on record as dismissed."""
    revision = SuggestedRevision.objects.select_for_update().get(pk=revision.pk)
    if revision.status != SuggestedRevision.PENDING:
        raise ValidationError(ERRORS["revision_decided"])
    _decide(revision, SuggestedRevision.DISMISSED, decided_by)


def _decide(revision: SuggestedRevision, status: str, decided_by: str) -> None:
    revision.status, revision.decided_at, revision.decided_by = status, timezone.now(), decided_by
    revision.save(update_fields=["status", "decided_at", "decided_by"])


def sources_of_version(*, guide: Guide, record) -> list:
    """The guide's sources as they stood when that version was complete.

    The admin saves a guide before its inline sources, so a version's sources are the latest
    source records before the guide's next version (or the current ones for the latest)."""
    records = Source.history.filter(guide_id=guide.pk)
    later_version = (
        guide.history.filter(history_date__gt=record.history_date).order_by("history_date").first()
    )
    if later_version is not None:
        records = records.filter(history_date__lt=later_version.history_date)
    return list(records.latest_of_each().exclude(history_type="-").order_by("order", "id"))


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


def structured_data(page: GuidePage) -> dict:
    """schema.org MedicalWebPage for a guide page."""
    guide = page.guide
    return {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": page.title,
        "description": page.summary,
        "url": absolute_url(guide.get_absolute_url()),
        "inLanguage": "en-US",
        "lastReviewed": guide.last_reviewed.isoformat(),
        "reviewedBy": {"@type": "Organization", "name": guide.reviewed_by},
        "publisher": {"@type": "Organization", "name": settings.PUBLISHER_NAME},
        "citation": [
            {"@type": "CreativeWork", "name": source["title"], "url": source["url"]}
            for source in page.sources
        ],
    }

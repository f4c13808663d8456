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
from core.languages import HTML_LANG
from core.placeholders import fill_placeholders

from .models import ENGLISH, Guide, Source, SuggestedRevision
from .signs import fill_sign_lists
from .versions import SOURCE_FIELDS, record_version_sources, source_rows

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
    "original_missing": gettext_lazy("This guide has no English guide to copy sources from."),
}
# A guide whose next review is this close shows as "due soon" to editors.
DUE_SOON_DAYS = 30
# A source whose page nobody has checked for this long is flagged, like a review date.
SOURCE_RECHECK_MONTHS = 12
# The fields that hold the words the public sees, filled by published_snapshot().
CONTENT_SNAPSHOT_FIELDS = (
    "published_title",
    "published_summary",
    "published_html",
    "published_sources",
)
# The review record the public sees (published field: working field). Like the words, it
# changes on the public page only when a clinical reviewer publishes.
REVIEW_SNAPSHOT_FIELDS = {
    "published_last_reviewed": "last_reviewed",
    "published_next_review_due": "next_review_due",
    "published_reviewed_by": "reviewed_by",
}
SNAPSHOT_FIELDS = (*CONTENT_SNAPSHOT_FIELDS, *REVIEW_SNAPSHOT_FIELDS)


def published_snapshot(*, title: str, summary: str, body_html: str, sources: Iterable) -> dict:
    """The fields the public sees, frozen from a guide's working copy when it is published."""
    return {
        "published_title": title,
        "published_summary": summary,
        "published_html": body_html,
        "published_sources": [
            {
                "title": source.title,
                "publisher": source.publisher,
                "url": source.url,
                "language": getattr(source, "language", ENGLISH),  # before migration 0014: English
            }
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
    return {
        **published_snapshot(
            title=guide.title,
            summary=guide.summary,
            body_html=guide.body_html,
            sources=guide.sources.all(),
        ),
        **{
            published: getattr(guide, working)
            for published, working in REVIEW_SNAPSHOT_FIELDS.items()
        },
    }


def has_unpublished_changes(guide: Guide) -> bool:
    """Whether the working copy differs from what the public sees (always true for a draft)."""
    return any(getattr(guide, field) != value for field, value in working_snapshot(guide).items())


def has_unpublished_words(guide: Guide) -> bool:
    """Whether the title, summary, body or sources differ from the published ones."""
    working = working_snapshot(guide)
    return any(getattr(guide, field) != working[field] for field in CONTENT_SNAPSHOT_FIELDS)


@dataclass(frozen=True)
class GuidePage:
    """What a guide page shows: the published snapshot for the public, or the working copy in a
    staff preview, so one template renders both exactly alike."""

    guide: Guide
    title: str
    summary: str
    html: str
    sources: list[dict]
    last_reviewed: date | None
    next_review_due: date | None
    reviewed_by: str

    @classmethod
    def from_snapshot(cls, guide: Guide, snapshot: dict) -> "GuidePage":
        # Placeholders such as {emergency_number} are filled when shown, as in the symptom
        # check, so a change of the setting reaches every guide without an edit.
        return cls(
            guide=guide,
            title=fill_placeholders(snapshot["published_title"]),
            summary=fill_placeholders(snapshot["published_summary"]),
            html=shown_html(snapshot["published_html"], guide.language),
            sources=snapshot["published_sources"],
            last_reviewed=snapshot["published_last_reviewed"],
            next_review_due=snapshot["published_next_review_due"],
            reviewed_by=snapshot["published_reviewed_by"],
        )


def shown_html(html: str, language: str) -> str:
    """A guide's stored HTML as people see it, on its page and in the API: the check's
    warning-sign lists and the placeholders filled."""
    return fill_placeholders(fill_sign_lists(html, language), html=True)


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
def publish_guide(
    *,
    guide: Guide,
    reviewer_name: str = "",
    today: date | None = None,
    keep_next_review_due: bool = False,
    whole_translation_reviewed: bool = True,
) -> Guide:
    """Show the working copy (words, sources and review record) to the public.

    A clinical reviewer who publishes changed words has read them: with `reviewer_name`, their
    name and today's date become the review record, so the public page never credits a
    reviewer with words they did not see, and the next review falls a full interval after
    this one (issue 20), unless the reviewer chose its date herself (`keep_next_review_due`).

    A translation that still awaits a clinician who reads its language (needs_language_review)
    is signed off only when the reviewer states she has read the whole translation
    (`whole_translation_reviewed`); otherwise the change is published with the review record
    and the flag as they were, so the public page never names her as the translation's
    reviewer for one sentence she read (issue 20, failure 6)."""
    today = today or timezone.localdate()
    reviewer_name = reviewer_name.strip()
    records_reviewer = bool(reviewer_name) and has_unpublished_words(guide)
    if guide.needs_language_review and not whole_translation_reviewed:
        records_reviewer = False
    problems = [
        problem
        for problem in publication_problems(guide, today=today)
        if not (records_reviewer and problem == ERRORS["not_reviewed"])
    ]
    if problems:
        raise ValidationError(problems)
    if records_reviewer:
        guide.reviewed_by, guide.last_reviewed = reviewer_name, today
        if not keep_next_review_due:
            guide.next_review_due = next_review_date(today)
        guide.needs_language_review = False  # a clinician read these words in their language
    for field, value in working_snapshot(guide).items():
        setattr(guide, field, value)
    guide.published_at = timezone.now()
    guide.ready_for_review = False
    return _save_guide(guide, reason=_("Published"))


@transaction.atomic
def unpublish_guide(*, guide: Guide) -> Guide:
    """Take the public page down; the working copy stays, as a draft."""
    if not guide.is_published:
        raise ValidationError(ERRORS["not_published"])
    empty = {
        **published_snapshot(title="", summary="", body_html="", sources=[]),
        "published_last_reviewed": None,
        "published_next_review_due": None,
        "published_reviewed_by": "",
    }
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
    guide.needs_language_review = False
    return _save_guide(guide, reason=_("Marked reviewed"))


@transaction.atomic
def restore_guide_version(*, guide: Guide, history_id: int) -> Guide:
    """Put an earlier version's title, summary, body and sources back into the working copy.

    It is a draft change like any edit: the published snapshot is never touched, so the public
    page changes only when a reviewer publishes. The web address, list order and review record
    stay as they are: they are not part of the words a version holds."""
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
            {**source, "accessed_on": parse_date(source.get("accessed_on") or "")}
            for source in record.sources or []
        ],
    )
    return guide


def replace_sources(guide: Guide, sources: Iterable[dict]) -> None:
    """Swap the working copy's sources for these, after the guide's save, and record them in
    the version that save made."""
    guide.sources.all().delete()
    for source in sources:
        fields = {field: source.get(field) for field in SOURCE_FIELDS}
        fields["language"] = fields["language"] or ENGLISH  # kept before sources had one
        Source.objects.create(guide=guide, **fields)
    record_version_sources(guide)


@transaction.atomic
def copy_sources_from_original(*, guide: Guide) -> int:
    """Make a translation's sources the English guide's, in one action (issue 20, failure 7).
    A draft change like any edit: a version is recorded, the public page is unchanged. Returns
    how many sources were copied."""
    original = guide.original
    if original is None:
        raise ValidationError(ERRORS["original_missing"])
    rows = source_rows(original)
    _save_guide(guide, reason=_("Sources copied from the English guide"))
    replace_sources(guide, rows)
    return len(rows)


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


def published_versions(slugs, language: str) -> dict[str, Guide]:
    """The published guide in `language` for each English guide slug that has one (the English
    guides themselves for English), by English slug, in one query: the symptom check's levels
    name their guides by English slug, whatever the language of the page."""
    originals = dict(
        Guide.objects.in_language(ENGLISH)
        .filter(slug__in=list(slugs))
        .values_list("translation_key", "slug")
    )
    versions = Guide.objects.published(language).filter(translation_key__in=list(originals))
    return {originals[guide.translation_key]: guide for guide in versions}


def other_languages(guide: Guide) -> list[dict]:
    """For the admin: each other language, with its version of the guide (None if there is
    none yet) and that version's publication status."""
    others = {other.language: other for other in guide.translations().prefetch_related("sources")}
    return [
        {
            "language": language,
            "name": name,
            "guide": others.get(language),
            "status": publication_status(others[language]) if language in others else None,
        }
        for language, name in settings.LANGUAGES
        if language != guide.language
    ]


def is_out_of_date(guide: Guide) -> bool:
    """GuideQuerySet.out_of_date_translations for one guide: a translation whose English
    original was published after the translation was last brought up to date with it (or
    created). Reads `original_published_at` when the queryset annotated it
    (GuideQuerySet.with_original_published_at)."""
    if guide.language == ENGLISH:
        return False
    if hasattr(guide, "original_published_at"):
        original_published_at = guide.original_published_at
    else:
        original = guide.original
        original_published_at = original.published_at if original is not None else None
    return original_published_at is not None and original_published_at > guide.up_to_date_as_of


def structured_data(page: GuidePage) -> dict:
    """schema.org MedicalWebPage for a guide page."""
    guide = page.guide
    return {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": page.title,
        "description": page.summary,
        "url": absolute_url(guide.get_absolute_url()),
        "inLanguage": HTML_LANG[guide.language],
        "lastReviewed": page.last_reviewed.isoformat() if page.last_reviewed else None,
        "reviewedBy": {"@type": "Organization", "name": page.reviewed_by},
        "publisher": {"@type": "Organization", "name": settings.PUBLISHER_NAME},
        "citation": [
            {"@type": "CreativeWork", "name": source["title"], "url": source["url"]}
            for source in page.sources
        ],
    }

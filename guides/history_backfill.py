"""Migration 0009: make every guide's history whole.

- The review record the public sees becomes part of the published snapshot: a published guide's
  published review fields take the values its public page showed until now.
- Each existing version gets the sources that went with it, rebuilt from the sources' own
  history (sources seeded by a migration have none until they change: they count as present
  since launch, as first recorded).
- Each launch guide gets its launch text as the first version in its history, so it can be
  restored. A database made before guides version 2 launched with the text in
  guides/content/launch-v1/; a newer one with guides/content/.

Functions take the migration's `apps`, so they use the models as the migration sees them."""

from collections import defaultdict
from datetime import date, timedelta
from types import SimpleNamespace

from .rendering import render_markdown
from .seed import CONTENT_DIR, LAUNCH_REASON, SEED_REVIEWED_ON, SEED_REVIEWER, read_seed_file
from .services import next_review_date, published_snapshot

LAUNCH_V1_DIR = CONTENT_DIR / "launch-v1"
LAUNCH_V1_REVIEWED_ON = date(2026, 11, 28)
V2_REASON = "Guides version 2: current US guidance"
SOURCE_FIELDS = ("title", "publisher", "url", "order", "accessed_on")


def _row(source) -> dict:
    row = {field: getattr(source, field) for field in SOURCE_FIELDS}
    row["accessed_on"] = row["accessed_on"].isoformat() if row["accessed_on"] else None
    return row


def sources_before(apps, guide, before) -> list[dict]:
    """The guide's sources as they stood just before `before` (None: now)."""
    source_model = apps.get_model("guides", "Source")
    current = {source.pk: source for source in source_model.objects.filter(guide_id=guide.pk)}
    if before is None:
        chosen = list(current.values())
    else:
        history = defaultdict(list)
        records = apps.get_model("guides", "HistoricalSource").objects.filter(guide_id=guide.pk)
        for record in records.order_by("history_date", "history_id"):
            history[record.id].append(record)
        chosen = []
        for source_id in {*history, *current}:
            records = history.get(source_id, [])
            earlier = [record for record in records if record.history_date < before]
            if earlier:
                if earlier[-1].history_type != "-":
                    chosen.append(earlier[-1])
            elif records:
                if records[0].history_type != "+":  # there before its first record
                    chosen.append(records[0])
            else:
                chosen.append(current[source_id])  # never changed since it was seeded
    return [_row(source) for source in sorted(chosen, key=lambda s: (s.order, s.id))]


def fill_review_snapshot(apps) -> None:
    guide_model = apps.get_model("guides", "Guide")
    for guide in guide_model.objects.filter(published_at__isnull=False):
        guide.published_last_reviewed = guide.last_reviewed
        guide.published_next_review_due = guide.next_review_due
        guide.published_reviewed_by = guide.reviewed_by
        guide.save(
            update_fields=[
                "published_last_reviewed",
                "published_next_review_due",
                "published_reviewed_by",
            ]
        )


def fill_version_sources(apps) -> None:
    guide_model = apps.get_model("guides", "Guide")
    historical_guide = apps.get_model("guides", "HistoricalGuide")
    for guide in guide_model.objects.all():
        records = list(
            historical_guide.objects.filter(id=guide.pk).order_by("history_date", "history_id")
        )
        for record, following in zip(records, [*records[1:], None], strict=False):
            before = following.history_date if following is not None else None
            record.sources = sources_before(apps, guide, before)
            record.save(update_fields=["sources"])


def _seeds(directory) -> dict:
    return {seed["slug"]: seed for seed in map(read_seed_file, sorted(directory.glob("*.md")))}


def _launched_with_v1(apps, guide) -> bool:
    """Guides version 2 found this guide with the version 1 text: it took the new text (a
    history record says so) or left it as a suggestion."""
    return (
        apps.get_model("guides", "HistoricalGuide")
        .objects.filter(id=guide.pk, history_change_reason=V2_REASON)
        .exists()
        or apps.get_model("guides", "SuggestedRevision")
        .objects.filter(guide_id=guide.pk, reason=V2_REASON)
        .exists()
    )


def record_launch_versions(apps) -> list[str]:
    """Give each launch guide its launch text as its first version. Returns the slugs."""
    guide_model = apps.get_model("guides", "Guide")
    historical_guide = apps.get_model("guides", "HistoricalGuide")
    v1, current = _seeds(LAUNCH_V1_DIR), _seeds(CONTENT_DIR)
    recorded = []
    for guide in guide_model.objects.filter(slug__in=current).order_by("slug"):
        versions = historical_guide.objects.filter(id=guide.pk)
        if versions.filter(history_change_reason=LAUNCH_REASON).exists():
            continue
        if guide.slug in v1 and _launched_with_v1(apps, guide):
            seed, reviewed_on = v1[guide.slug], LAUNCH_V1_REVIEWED_ON
        else:
            seed, reviewed_on = current[guide.slug], SEED_REVIEWED_ON
        first = versions.order_by("history_date", "history_id").first()
        when = guide.created_at
        if first is not None and first.history_date <= when:
            when = first.history_date - timedelta(microseconds=1)
        sources = [
            {
                "title": source["title"],
                "publisher": source["publisher"],
                "url": source["url"],
                "order": index,
                "accessed_on": source["accessed_on"].isoformat()
                if source.get("accessed_on")
                else None,
            }
            for index, source in enumerate(seed["sources"])
        ]
        body_html = render_markdown(seed["body"])
        fields = {field.attname: getattr(guide, field.attname) for field in guide._meta.fields}
        fields.update(
            title=seed["title"],
            summary=seed["summary"],
            body=seed["body"],
            body_html=body_html,
            last_reviewed=reviewed_on,
            next_review_due=next_review_date(reviewed_on),
            reviewed_by=SEED_REVIEWER,
            published_at=first.published_at
            if first is not None and first.published_at
            else guide.published_at or guide.created_at,
            published_last_reviewed=reviewed_on,
            published_next_review_due=next_review_date(reviewed_on),
            published_reviewed_by=SEED_REVIEWER,
            version=1,
            ready_for_review=False,
            **published_snapshot(
                title=seed["title"],
                summary=seed["summary"],
                body_html=body_html,
                sources=[SimpleNamespace(**source) for source in sources],
            ),
        )
        historical_guide.objects.create(
            history_date=when,
            history_type="+",
            history_change_reason=LAUNCH_REASON,
            history_user=None,
            sources=sources,
            **fields,
        )
        recorded.append(guide.slug)
    return recorded

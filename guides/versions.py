"""Whole versions of a guide: each history record keeps the sources that went with its words,
says in words what changed, and shows the change word by word.

django-simple-history records a guide's fields on every save. The admin (and the services) save
the guide before its sources, so the sources are written into the version that save made once
they are saved too (record_version_sources)."""

from datetime import date

from django.utils.translation import gettext_lazy as _

from .models import ENGLISH

SOURCE_FIELDS = ("title", "publisher", "url", "order", "accessed_on", "language")

# What a history row says changed, in the order it says it (field: words).
CHANGE_WORDS = {
    "title": _("title"),
    "summary": _("summary"),
    "body": _("body"),
    "sources": _("sources"),
    "slug": _("web address"),
    "order": _("list order"),
    "last_reviewed": _("review dates"),
    "next_review_due": _("review dates"),
    "reviewed_by": _("reviewed by"),
    "published_at": _("published"),
    "ready_for_review": _("ready for review"),
    "brought_up_to_date_at": _("brought up to date with the English guide"),
}


def source_row(source) -> dict:
    """A source as a version keeps it (plain JSON)."""
    row = {field: getattr(source, field) for field in SOURCE_FIELDS}
    if isinstance(row["accessed_on"], date):
        row["accessed_on"] = row["accessed_on"].isoformat()
    return row


def source_rows(guide) -> list[dict]:
    if guide.pk is None:
        return []
    return [source_row(source) for source in guide.sources.order_by("order", "id")]


def latest_version(guide):
    return guide.history.order_by("-history_date", "-history_id").first()


def record_version_sources(guide) -> None:
    """Write the guide's current sources into its latest version (after they were saved)."""
    record = latest_version(guide)
    if record is not None:
        record.sources = source_rows(guide)
        record.save(update_fields=["sources"])


def fill_version_sources(sender, instance, history_instance, **kwargs):
    """pre_create_historical_record: a version starts with the sources the guide has now."""
    history_instance.sources = source_rows(instance)


def user_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def changed_fields(record, previous) -> list[str]:
    """The words for what changed from `previous` to `record` (None for the first version)."""
    if previous is None:
        return [str(_("first version"))]
    words = []
    for field, label in CHANGE_WORDS.items():
        before, after = getattr(previous, field), getattr(record, field)
        if field == "published_at":
            changed = (before is None) != (after is None) or (
                after is not None and record.published_html != previous.published_html
            )
            label = _("published") if after is not None else _("unpublished")
        elif field == "sources":
            changed = comparable_sources(before) != comparable_sources(after)
        else:
            changed = before != after
        if changed and str(label) not in words:
            words.append(str(label))
    return words


def comparable_sources(rows) -> list[dict]:
    """A version's sources with every field, so a version kept before sources had a language
    reads as English rather than as a change (issue 20, failure 8)."""
    defaults = {"language": ENGLISH}
    return [
        {field: row.get(field, defaults.get(field)) for field in SOURCE_FIELDS}
        for row in rows or []
    ]


def version_text(*, title: str, summary: str, body: str, sources) -> str:
    """A version as one text to compare: title, summary, body, then one line per source."""
    lines = [title, summary, "", body.replace("\r\n", "\n").strip(), ""]
    lines += [f"{s['publisher']}: {s['title']} {s['url']}" for s in sources]
    return "\n".join(lines)


def record_text(record) -> str:
    return version_text(
        title=record.title, summary=record.summary, body=record.body, sources=record.sources or []
    )


def guide_text(guide) -> str:
    return version_text(
        title=guide.title, summary=guide.summary, body=guide.body, sources=source_rows(guide)
    )

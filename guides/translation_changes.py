"""Bringing a translation up to date with its English guide (issue 20, failure 7).

A translation is out of date when its English guide was published after the translation was last
brought up to date: only a save in which the translator states so clears the flag, never a save
alone. To do it she needs what changed in English since then: the English guide's published
text at that moment against its published text now, read from the English guide's history."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext

from .models import ENGLISH, Guide
from .services import is_out_of_date


def offers_bringing_up_to_date(guide: Guide) -> bool:
    """Whether the change form asks if a save brings this guide up to date: a saved
    translation with an English guide to be up to date with."""
    return guide.pk is not None and guide.language != ENGLISH and guide.original is not None


def bring_up_to_date(guide: Guide) -> None:
    """The translator states that the save about to be made brings the translation up to date
    with the English guide: a statement of its own, so the save is made and recorded even when
    nothing else changed."""
    guide.brought_up_to_date_at = timezone.now()
    guide._change_reason = gettext("Brought up to date with the English guide")


@dataclass(frozen=True)
class PublishedText:
    """What the public saw of a guide after one publish: its words (the Markdown the reviewer
    published) and its sources."""

    published_at: datetime
    title: str
    summary: str
    body: str
    sources: list[dict]

    @classmethod
    def from_record(cls, record) -> "PublishedText":
        return cls(
            published_at=record.published_at,
            title=record.title,
            summary=record.summary,
            body=record.body,
            sources=record.sources or [],
        )


def published_text_at(guide: Guide, moment: datetime) -> PublishedText | None:
    """The guide's published text as it stood at `moment`, from its history: the publish that
    was current then is the newest version made by then that has a publication date, and the
    first version with that same date is the publish itself (later versions with it are drafts
    saved after it). None when no version is that old."""
    history = guide.history.filter(published_at__isnull=False)
    current = history.filter(history_date__lte=moment).order_by("-history_date", "-history_id")
    latest = current.first()
    if latest is None:
        return None
    publish = history.filter(published_at=latest.published_at).order_by(
        "history_date", "history_id"
    )
    return PublishedText.from_record(publish.first())


def source_line(source: dict) -> str:
    return f"{source.get('publisher', '')}: {source.get('title', '')} {source.get('url', '')}"


@dataclass(frozen=True)
class EnglishChanges:
    """The English guide's published text when the translation was last brought up to date
    (`before`: None when no version is kept from then) and its published text now."""

    english: Guide
    since: datetime
    before: PublishedText | None
    now: PublishedText

    def changed_words(self) -> list[tuple[str, str, str]]:
        """(field, then, now) for the title, summary and body, where they differ."""
        if self.before is None:
            return []
        return [
            (field, getattr(self.before, field), getattr(self.now, field))
            for field in ("title", "summary", "body")
            if getattr(self.before, field).strip() != getattr(self.now, field).strip()
        ]

    def sources_added(self) -> list[str]:
        return self._sources_only_in(self.now, self.before)

    def sources_removed(self) -> list[str]:
        return self._sources_only_in(self.before, self.now)

    def _sources_only_in(self, text, other) -> list[str]:
        if self.before is None:
            return []
        others = {source_line(source) for source in other.sources}
        return [line for line in map(source_line, text.sources) if line not in others]


def english_changes(translation: Guide) -> EnglishChanges | None:
    """What changed in the English guide's published text since the translation was last
    brought up to date (or created), for an out-of-date translation; None for any other guide."""
    english = translation.original
    if english is None or not english.is_published or not is_out_of_date(translation):
        return None
    now = published_text_at(english, timezone.now())
    if now is None:
        return None
    since = translation.up_to_date_as_of
    return EnglishChanges(
        english=english, since=since, before=published_text_at(english, since), now=now
    )

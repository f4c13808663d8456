"""The launch content, read from guides/content/*.md (TOML front matter between +++ lines).
A data migration loads it into a fresh database; it only ever adds guides that are missing,
so an editor's later changes are never overwritten.

A later version of the content reaches an existing database through a data migration that calls
update_launch_guides(): a guide nobody has changed since launch takes the new text; any other
guide keeps every word an editor wrote and gets the new text as a suggested revision beside it."""

import hashlib
import json
import tomllib
from datetime import date
from pathlib import Path

from .models import ENGLISH, LANGUAGE_CHOICES, SPANISH
from .rendering import render_markdown
from .services import next_review_date, published_snapshot

CONTENT_DIR = Path(__file__).resolve().parent / "content"
# When the content team last checked the files in guides/content/ (version 3 of the guides).
SEED_REVIEWED_ON = date(2026, 12, 5)
# No clinician has checked the launch text yet: the page says so rather than name a team
# (issue 17). A reviewer's name is recorded when a clinical reviewer publishes.
SEED_REVIEWER = ""
# The reason on each launch guide's first version in its history.
LAUNCH_REASON = "Launch content"
LANGUAGES = [code for code, _name in LANGUAGE_CHOICES]


def read_seed_file(path: Path) -> dict:
    """A guide file. Its `sources` are keys of the sources table it shares with the symptom
    check (triage/content/sources.toml); a file from before that table lists them in full."""
    _, front_matter, body = path.read_text(encoding="utf-8").split("+++", 2)
    guide = tomllib.loads(front_matter)
    guide["body"] = body.strip() + "\n"
    guide["sources"] = [
        shared_source(source) if isinstance(source, str) else source
        for source in guide.get("sources", [])
    ]
    return guide


def cited_source_keys() -> set[str]:
    """The keys of the shared sources table that the guide files cite, in every language."""
    keys = set()
    for language in LANGUAGES:
        for path in content_dir(language).glob("*.md"):
            front_matter = path.read_text(encoding="utf-8").split("+++", 2)[1]
            keys |= {
                key
                for key in tomllib.loads(front_matter).get("sources", [])
                if isinstance(key, str)
            }
    return keys


def shared_source(key: str) -> dict:
    from triage.launch import read_sources  # the table lives with the check's data files

    entry = read_sources()[key]
    return {
        "title": entry["title"],
        "publisher": entry["publisher"],
        "url": entry["url"],
        "accessed_on": entry["checked_on"],
        "language": SPANISH if entry.get("language") == "es" else ENGLISH,
    }


def content_dir(language: str = ENGLISH) -> Path:
    """English files are in guides/content/, each translation's in a folder named by its
    language (guides/content/es/)."""
    return CONTENT_DIR if language == ENGLISH else CONTENT_DIR / language


def read_seed_guides(language: str = ENGLISH) -> list[dict]:
    return [read_seed_file(path) for path in sorted(content_dir(language).glob("*.md"))]


def _has_field(model, name: str) -> bool:
    return any(field.name == name for field in model._meta.fields)


def load_seed_guides(
    guide_model, source_model, *, now, only=None, languages=None, historical_model=None
) -> int:
    """Create the seed guides that do not exist yet, published. Returns how many were added.

    `only` limits it to some slugs (a content update adds its new guides, never one an editor
    deleted on purpose). `languages` limits it to some languages; by default every language the
    model knows (a migration from before guides had a language: English). A translation shares
    its English original's translation key and waits for a clinician who reads its language
    (needs_language_review). A migration passes its HistoricalGuide as `historical_model`, so
    each guide starts with its launch version as the app's own model does."""
    if languages is None:
        languages = LANGUAGES if _has_field(guide_model, "language") else [ENGLISH]
    added = 0
    for language in languages:
        for seed in read_seed_guides(language):
            if only is not None and seed["slug"] not in only:
                continue
            guide = _add_seed_guide(guide_model, source_model, seed, language=language, now=now)
            if guide is None:
                continue
            if hasattr(guide, "history"):  # the app's own model (a command), not a migration's
                _record_launch_version(guide)
            elif historical_model is not None:
                _record_history(
                    historical_model,
                    guide,
                    when=now,
                    kind="+",
                    reason=LAUNCH_REASON,
                    sources=[
                        {**source, "accessed_on": _iso(source.get("accessed_on"))}
                        for source in _seed_sources(seed)
                    ],
                )
            added += 1
    return added


def _add_seed_guide(guide_model, source_model, seed: dict, *, language: str, now):
    """The seed's guide, published, with its sources; None if it exists already."""
    guides = guide_model.objects.all()
    translation = {}
    if _has_field(guide_model, "language"):
        guides = guides.filter(language=language)
        translation["language"] = language
        if language != ENGLISH:
            original = (
                guide_model.objects.filter(language=ENGLISH, slug=seed["translation_of"])
                .values_list("translation_key", flat=True)
                .first()
            )
            if original is not None and guides.filter(translation_key=original).exists():
                return None  # the original has a version in this language already
            # Without its original (deleted on purpose) it is a guide of its own.
            translation.update(needs_language_review=True, **_brought_up_to_date(guide_model, now))
            if original is not None:
                translation["translation_key"] = original
    if guides.filter(slug=seed["slug"]).exists():
        return None
    body_html = render_markdown(seed["body"], language)
    sources = [source_model(**source) for source in _known(source_model, seed)]
    # The published review record exists from migration 0008 on.
    review_snapshot = (
        {
            "published_last_reviewed": SEED_REVIEWED_ON,
            "published_next_review_due": next_review_date(SEED_REVIEWED_ON),
            "published_reviewed_by": SEED_REVIEWER,
        }
        if _has_field(guide_model, "published_reviewed_by")
        else {}
    )
    guide = guide_model.objects.create(
        **review_snapshot,
        **translation,
        title=seed["title"],
        slug=seed["slug"],
        summary=seed["summary"],
        body=seed["body"],
        body_html=body_html,
        order=seed["order"],
        last_reviewed=SEED_REVIEWED_ON,
        next_review_due=next_review_date(SEED_REVIEWED_ON),
        reviewed_by=SEED_REVIEWER,
        published_at=now,
        **published_snapshot(
            title=seed["title"], summary=seed["summary"], body_html=body_html, sources=sources
        ),
    )
    for source in sources:
        source.guide = guide
        source.save()
    return guide


def _brought_up_to_date(guide_model, now) -> dict:
    """A launch translation translates the launch English text, loaded at the same time: it is
    up to date with it (a field from migration 0016 on)."""
    if not _has_field(guide_model, "brought_up_to_date_at"):
        return {}
    return {"brought_up_to_date_at": now}


def _record_launch_version(guide) -> None:
    """Its first version is the launch content, sources included, like migration 0009's."""
    from .versions import latest_version, record_version_sources

    record_version_sources(guide)
    record = latest_version(guide)
    record.history_change_reason = LAUNCH_REASON
    record.save(update_fields=["history_change_reason"])


def content_fingerprint(*, title: str, summary: str, body: str, sources) -> str:
    """One hash of a guide's words and sources (as dicts), to tell launch text from edited text
    without keeping a copy of every old version in the code."""
    payload = {
        "title": title,
        "summary": summary,
        "body": body.replace("\r\n", "\n").strip(),
        "sources": [[source["title"], source["publisher"], source["url"]] for source in sources],
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _source_dicts(guide) -> list[dict]:
    return [
        {"title": source.title, "publisher": source.publisher, "url": source.url}
        for source in guide.sources.order_by("order", "id")
    ]


def _fingerprint_of(guide) -> str:
    return content_fingerprint(
        title=guide.title, summary=guide.summary, body=guide.body, sources=_source_dicts(guide)
    )


def _untouched_since_launch(guide, launch: dict) -> bool:
    """The launch text, published as launched, never reviewed or edited by a person since."""
    return (
        _fingerprint_of(guide) == launch["fingerprints"].get(guide.slug)
        and guide.published_at is not None
        and guide.reviewed_by == launch["reviewer"]
        and guide.last_reviewed == launch["reviewed_on"]
        and guide.published_title == guide.title
        and guide.published_summary == guide.summary
        and guide.published_html == guide.body_html
        and [_cited(source) for source in guide.published_sources] == _source_dicts(guide)
    )


def _cited(source: dict) -> dict:
    """What a published source says, without what later versions added to the snapshot."""
    return {field: source[field] for field in ("title", "publisher", "url")}


def _record_history(historical_model, instance, *, when, kind: str, reason: str, **extra) -> None:
    """What django-simple-history records on a save; a migration's models send no signals.
    `extra`: fields of the record only (a guide version's sources)."""
    historical_model.objects.create(
        history_date=when,
        history_type=kind,
        history_change_reason=reason,
        history_user=None,
        **{field.attname: getattr(instance, field.attname) for field in instance._meta.fields},
        **extra,
    )


def _known(source_model, seed: dict) -> list[dict]:
    """The seed's sources with only the fields this (maybe early migration's) Source has."""
    known = {field.name for field in source_model._meta.fields}
    return [
        {key: value for key, value in source.items() if key in known}
        for source in _seed_sources(seed)
    ]


def _seed_sources(seed: dict) -> list[dict]:
    return [{**source, "order": index} for index, source in enumerate(seed["sources"])]


def _take_seed_text(apps, guide, seed: dict, *, now, reason: str) -> None:
    """Publish the seed's text in place of the untouched launch text, recording it all."""
    source_model = apps.get_model("guides", "Source")
    historical_guide = apps.get_model("guides", "HistoricalGuide")
    historical_source = apps.get_model("guides", "HistoricalSource")
    body_html = render_markdown(seed["body"], getattr(guide, "language", None))
    sources = [source_model(guide=guide, **source) for source in _known(source_model, seed)]
    guide.title, guide.summary, guide.body, guide.body_html = (
        seed["title"],
        seed["summary"],
        seed["body"],
        body_html,
    )
    for field, value in published_snapshot(
        title=seed["title"], summary=seed["summary"], body_html=body_html, sources=sources
    ).items():
        setattr(guide, field, value)
    guide.published_at = now
    guide.last_reviewed, guide.next_review_due = (
        SEED_REVIEWED_ON,
        next_review_date(SEED_REVIEWED_ON),
    )
    guide.reviewed_by = SEED_REVIEWER
    if getattr(guide, "language", ENGLISH) != ENGLISH:
        for field, value in _brought_up_to_date(type(guide), now).items():
            setattr(guide, field, value)
    guide.save()
    _record_history(historical_guide, guide, when=now, kind="~", reason=reason)
    for old in list(guide.sources.all()):
        _record_history(historical_source, old, when=now, kind="-", reason=reason)
        old.delete()
    for source in sources:
        source.save()
        _record_history(historical_source, source, when=now, kind="+", reason=reason)


def _complete_sources_from_files(guide, seed: dict) -> None:
    """Give the same sources what the files say and the database could not yet hold: the
    accessed-on date where none is recorded (a database made before sources had dates; a date
    an editor entered is kept), and the page's language (a guide loaded before sources had one,
    published ones included, so a Spanish page is not marked «(en inglés)»)."""
    by_source = {(s["title"], s["publisher"], s["url"]): s for s in seed["sources"]}
    has_language = any(field.name == "language" for field in guide.sources.model._meta.fields)
    for source in guide.sources.all():
        known = by_source.get((source.title, source.publisher, source.url))
        if known is None:
            continue
        if source.accessed_on is None and known.get("accessed_on"):
            source.accessed_on = known["accessed_on"]
            source.save(update_fields=["accessed_on"])
        if has_language and known.get("language") and source.language != known["language"]:
            source.language = known["language"]
            source.save(update_fields=["language"])
    languages = {s["url"]: s.get("language") for s in seed["sources"]}
    published = [
        {**entry, "language": languages[entry["url"]]} if languages.get(entry["url"]) else entry
        for entry in guide.published_sources
    ]
    if has_language and published != guide.published_sources:
        guide.published_sources = published
        guide.save(update_fields=["published_sources"])


def update_launch_guides(
    apps, *, now, launch: dict, reason: str, new_slugs=(), language: str = ENGLISH
) -> dict:
    """Bring an existing database's launch guides up to the files in guides/content/.

    `launch` describes the text being replaced: {"fingerprints": {slug: content_fingerprint},
    "reviewed_on": date, "reviewer": str}. Each launch guide then:
    - already has the files' text: left alone ("current");
    - is untouched since launch: takes the new text, published, with a history record ("updated");
    - was changed by anyone (text, sources, publication or review): keeps everything, and gets
      the new text as a suggested revision for an editor ("suggested").
    Guides in `new_slugs` that do not exist are added, published ("added"). Running it twice
    changes nothing more. `language` picks the guides and files of one language (guides/content/
    or guides/content/<language>/)."""
    guide_model = apps.get_model("guides", "Guide")
    revision_model = apps.get_model("guides", "SuggestedRevision")
    seeds = {seed["slug"]: seed for seed in read_seed_guides(language)}
    outcome = {"current": [], "updated": [], "suggested": [], "added": []}
    slugs = [*launch["fingerprints"], *new_slugs]
    guides = guide_model.objects.filter(slug__in=slugs)
    if _has_field(guide_model, "language"):
        guides = guides.filter(language=language)
    for guide in guides.order_by("slug"):
        seed = seeds[guide.slug]
        if _fingerprint_of(guide) == content_fingerprint(
            title=seed["title"], summary=seed["summary"], body=seed["body"], sources=seed["sources"]
        ):
            _complete_sources_from_files(guide, seed)
            outcome["current"].append(guide.slug)
        elif guide.slug not in launch["fingerprints"]:
            continue  # a new guide that already exists and was edited: it is the editor's
        elif _untouched_since_launch(guide, launch):
            _take_seed_text(apps, guide, seed, now=now, reason=reason)
            outcome["updated"].append(guide.slug)
        else:
            revision_model.objects.get_or_create(
                guide=guide,
                reason=reason,
                defaults={
                    "title": seed["title"],
                    "summary": seed["summary"],
                    "body": seed["body"],
                    "sources": [
                        {**source, "accessed_on": _iso(source.get("accessed_on"))}
                        for source in seed["sources"]
                    ],
                    "created_at": now,
                },
            )
            outcome["suggested"].append(guide.slug)
    source_model = apps.get_model("guides", "Source")
    before = set(guide_model.objects.values_list("slug", flat=True))
    load_seed_guides(guide_model, source_model, now=now, only=set(new_slugs), languages=[language])
    outcome["added"] = sorted(set(guide_model.objects.values_list("slug", flat=True)) - before)
    return outcome


def _iso(day) -> str | None:
    return day.isoformat() if day else None

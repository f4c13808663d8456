"""The launch content, read from guides/content/*.md (TOML front matter between +++ lines).
A data migration loads it into a fresh database; it only ever adds guides that are missing,
so an editor's later changes are never overwritten."""

import tomllib
from datetime import date
from pathlib import Path

from .rendering import render_markdown
from .services import next_review_date, published_snapshot

CONTENT_DIR = Path(__file__).resolve().parent / "content"
SEED_REVIEWED_ON = date(2026, 11, 28)
SEED_REVIEWER = "AnalCare editorial team"


def read_seed_file(path: Path) -> dict:
    _, front_matter, body = path.read_text(encoding="utf-8").split("+++", 2)
    guide = tomllib.loads(front_matter)
    guide["body"] = body.strip() + "\n"
    return guide


def read_seed_guides() -> list[dict]:
    return [read_seed_file(path) for path in sorted(CONTENT_DIR.glob("*.md"))]


def load_seed_guides(guide_model, source_model, *, now) -> int:
    """Create the seed guides that do not exist yet, published. Returns how many were added."""
    added = 0
    existing = set(guide_model.objects.values_list("slug", flat=True))
    for seed in read_seed_guides():
        if seed["slug"] in existing:
            continue
        body_html = render_markdown(seed["body"])
        sources = [
            source_model(order=index, **source) for index, source in enumerate(seed["sources"])
        ]
        guide = guide_model.objects.create(
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
        added += 1
    return added

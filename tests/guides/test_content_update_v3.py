"""Guides version 3 (0015) reaches a version 2 database in both languages without losing an
editor's work: a guide nobody touched takes the new text (its care-card labels spoken in its
own language, its review record honest: no clinician yet); an edited one keeps every word and
gets the new text beside it. Run on the real database with the migration's own models."""

from datetime import date
from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from guides.models import ENGLISH, SPANISH, Guide, Source, SuggestedRevision
from guides.rendering import render_markdown
from guides.seed import SEED_REVIEWER, content_fingerprint, read_seed_guides

MIGRATION = "0015_guides_v3_content"
migration = import_module(f"guides.migrations.{MIGRATION}")
CASES = [(ENGLISH, "prevention"), (SPANISH, "prevencion")]

pytestmark = pytest.mark.django_db


@pytest.fixture
def migration_apps():
    loader = MigrationExecutor(connection).loader
    return loader.project_state(("guides", MIGRATION), at_end=False).apps


def as_version_2(language: str, slug: str, monkeypatch) -> Guide:
    """Put a guide back to a version 2 launch text nobody has touched, and make the migration
    know that text's fingerprint (as it knows the real version 2 files')."""
    guide = Guide.objects.get(language=language, slug=slug)
    guide.sources.all().delete()
    old_source = {"title": "Old page", "publisher": "NHS", "url": "https://nhs.uk/a/"}
    Source.objects.create(guide=guide, **old_source)
    body = '## Old\n\n!!! urgent "Get help today if:"\n    - a fever\n'
    html = render_markdown(body)  # as version 2 did: in the language the migration ran in
    Guide.objects.filter(pk=guide.pk).update(
        body=body,
        body_html=html,
        published_title=guide.title,
        published_summary=guide.summary,
        published_html=html,
        published_sources=[old_source],
        last_reviewed=migration.VERSION_2["reviewed_on"],
        next_review_due=date(2027, 12, 2),
        reviewed_by=migration.VERSION_2["reviewer"],
    )
    fingerprint = content_fingerprint(
        title=guide.title, summary=guide.summary, body=body, sources=[old_source]
    )
    monkeypatch.setitem(migration.FINGERPRINTS, language, {slug: fingerprint})
    return guide


@pytest.mark.parametrize(("language", "slug"), CASES)
def test_an_untouched_version_2_guide_takes_version_3_published(
    migration_apps, monkeypatch, language, slug
):
    guide = as_version_2(language, slug, monkeypatch)

    migration.forwards(migration_apps, None)

    guide.refresh_from_db()
    seed = next(seed for seed in read_seed_guides(language) if seed["slug"] == slug)
    assert guide.body == seed["body"]
    assert guide.published_html == render_markdown(seed["body"], language)
    assert [s["url"] for s in guide.published_sources] == [s["url"] for s in seed["sources"]]
    assert guide.reviewed_by == guide.published_reviewed_by == SEED_REVIEWER == ""
    assert guide.history.first().history_change_reason == migration.REASON
    assert not SuggestedRevision.objects.filter(guide=guide).exists()


@pytest.mark.parametrize(("language", "slug"), CASES)
def test_an_edited_version_2_guide_keeps_the_edit_and_gets_a_suggestion(
    migration_apps, monkeypatch, language, slug
):
    guide = as_version_2(language, slug, monkeypatch)
    guide.refresh_from_db()
    guide.body = "An editor's own words."
    guide._change_reason = "Edited"
    guide.save()
    published_before = guide.published_html

    migration.forwards(migration_apps, None)
    migration.forwards(migration_apps, None)  # a re-deploy suggests nothing more

    guide.refresh_from_db()
    assert guide.body == "An editor's own words."
    assert guide.published_html == published_before
    revision = SuggestedRevision.objects.get(guide=guide)
    seed = next(seed for seed in read_seed_guides(language) if seed["slug"] == slug)
    assert (revision.reason, revision.body) == (migration.REASON, seed["body"])


def test_the_migration_changes_nothing_on_a_fresh_database(migration_apps):
    before = {(g.language, g.slug): (g.body, g.published_html) for g in Guide.objects.all()}
    migration.forwards(migration_apps, None)
    after = {(g.language, g.slug): (g.body, g.published_html) for g in Guide.objects.all()}
    assert after == before
    assert not SuggestedRevision.objects.exists()

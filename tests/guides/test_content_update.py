"""The data migration that brings guides to version 2 (0007) never overwrites an editor's work:
an untouched launch guide takes the new text, an edited one keeps its text and gets a suggested
revision beside it. It runs here on the real database with the migration's own models."""

from datetime import date
from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from guides.models import Guide, Source, SuggestedRevision
from guides.rendering import render_markdown
from guides.seed import (
    SEED_REVIEWED_ON,
    SEED_REVIEWER,
    content_fingerprint,
    read_seed_guides,
    update_launch_guides,
)
from guides.services import unpublish_guide

MIGRATION = "0007_guides_v2_content"
migration = import_module(f"guides.migrations.{MIGRATION}")
SEEDS = {seed["slug"]: seed for seed in read_seed_guides()}


@pytest.fixture
def migration_apps():
    """The app registry the migration gets: the models as they are just before it."""
    loader = MigrationExecutor(connection).loader
    return loader.project_state(("guides", MIGRATION), at_end=False).apps


def as_launched(slug: str) -> dict:
    """Put a guide back to a launch text nobody has touched (as 0002 left it at launch) and
    return a `launch` description of that text for update_launch_guides()."""
    guide = Guide.objects.get(slug=slug)
    guide.sources.all().delete()
    Source.objects.create(guide=guide, title="Old page", publisher="NHS", url="https://nhs.uk/a/")
    body = "## Old\n\nThe launch text.\n"
    Guide.objects.filter(pk=guide.pk).update(
        title="Old title",
        summary="Old summary.",
        body=body,
        body_html=render_markdown(body),
        published_title="Old title",
        published_summary="Old summary.",
        published_html=render_markdown(body),
        published_sources=[{"title": "Old page", "publisher": "NHS", "url": "https://nhs.uk/a/"}],
        last_reviewed=date(2026, 11, 28),
        next_review_due=date(2027, 11, 28),
        reviewed_by="AnalCare editorial team",
    )
    fingerprint = content_fingerprint(
        title="Old title",
        summary="Old summary.",
        body=body,
        sources=[{"title": "Old page", "publisher": "NHS", "url": "https://nhs.uk/a/"}],
    )
    return {**migration.LAUNCH, "fingerprints": {slug: fingerprint}}


@pytest.mark.django_db
def test_the_migration_keeps_an_editors_change_and_leaves_the_new_text_as_a_suggestion(
    migration_apps,
):
    guide = Guide.objects.get(slug="treatment")
    guide.body = "An editor's own words about healing."
    guide._change_reason = "Edited"
    guide.save()
    published_before = guide.published_html

    migration.forwards(migration_apps, None)

    guide.refresh_from_db()
    assert guide.body == "An editor's own words about healing."
    assert guide.published_html == published_before
    revision = SuggestedRevision.objects.get(guide=guide)
    assert revision.status == SuggestedRevision.PENDING
    assert revision.reason == migration.REASON
    assert revision.body == SEEDS["treatment"]["body"]
    checked_on = SEEDS["treatment"]["sources"][0]["accessed_on"]
    assert revision.sources[0]["accessed_on"] == checked_on.isoformat()
    # A second run (say, a re-deploy) suggests nothing more.
    migration.forwards(migration_apps, None)
    assert SuggestedRevision.objects.filter(guide=guide).count() == 1


@pytest.mark.django_db
def test_the_migration_changes_nothing_on_a_fresh_database(migration_apps):
    before = {guide.slug: guide.body for guide in Guide.objects.all()}
    migration.forwards(migration_apps, None)
    assert {guide.slug: guide.body for guide in Guide.objects.all()} == before
    assert not SuggestedRevision.objects.exists()


@pytest.mark.django_db
def test_an_untouched_launch_guide_takes_and_publishes_the_new_text_with_history(migration_apps):
    launch = as_launched("prevention")
    outcome = update_launch_guides(
        migration_apps, now=timezone.now(), launch=launch, reason=migration.REASON
    )
    assert outcome["updated"] == ["prevention"]
    guide = Guide.objects.get(slug="prevention")
    seed = SEEDS["prevention"]
    assert (guide.title, guide.body) == (seed["title"], seed["body"])
    assert guide.published_html == render_markdown(seed["body"])
    assert [source["url"] for source in guide.published_sources] == [
        source["url"] for source in seed["sources"]
    ]
    assert all(source.accessed_on for source in guide.sources.all())
    assert (guide.last_reviewed, guide.reviewed_by) == (SEED_REVIEWED_ON, SEED_REVIEWER)
    assert guide.history.first().history_change_reason == migration.REASON
    assert guide.history.first().body == seed["body"]
    assert not SuggestedRevision.objects.exists()


@pytest.mark.django_db
def test_a_launch_guide_a_clinician_reviewed_is_not_overwritten(migration_apps):
    launch = as_launched("prevention")
    Guide.objects.filter(slug="prevention").update(reviewed_by="Dr R. Rivera")
    outcome = update_launch_guides(
        migration_apps, now=timezone.now(), launch=launch, reason=migration.REASON
    )
    assert outcome["suggested"] == ["prevention"]
    assert Guide.objects.get(slug="prevention").body == "## Old\n\nThe launch text.\n"


@pytest.mark.django_db
def test_a_launch_guide_a_reviewer_unpublished_stays_unpublished(migration_apps):
    launch = as_launched("prevention")
    unpublish_guide(guide=Guide.objects.get(slug="prevention"))
    outcome = update_launch_guides(
        migration_apps, now=timezone.now(), launch=launch, reason=migration.REASON
    )
    assert outcome["suggested"] == ["prevention"]
    assert not Guide.objects.get(slug="prevention").is_published


@pytest.mark.django_db
def test_the_new_guide_is_added_but_a_guide_an_editor_deleted_stays_deleted(migration_apps):
    Guide.objects.filter(slug__in=["at-the-appointment", "prevention"]).delete()
    migration.forwards(migration_apps, None)
    assert Guide.objects.published().filter(slug="at-the-appointment").exists()
    assert not Guide.objects.filter(slug="prevention").exists()

"""The domain functions behind the admin buttons."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from guides.models import Source
from guides.services import (
    has_unpublished_changes,
    mark_guide_reviewed,
    publish_guide,
    restore_guide_version,
    unpublish_guide,
)
from guides.versions import record_version_sources


def test_mark_reviewed_records_the_name_today_and_the_next_due_date(make_guide, settings):
    settings.REVIEW_INTERVAL_MONTHS = 1
    guide = make_guide(last_reviewed=date(2026, 6, 1), next_review_due=date(2099, 1, 1))
    mark_guide_reviewed(guide=guide, reviewer_name="  Dr B. Osei, GP ", today=date(2027, 1, 31))
    guide.refresh_from_db()
    assert guide.last_reviewed == date(2027, 1, 31)
    assert guide.next_review_due == date(2027, 2, 28)
    assert guide.reviewed_by == "Dr B. Osei, GP"
    assert guide.history.first().history_change_reason == "Marked reviewed"


def test_mark_reviewed_needs_a_name(make_guide):
    guide = make_guide()
    with pytest.raises(ValidationError, match="name of the clinician"):
        mark_guide_reviewed(guide=guide, reviewer_name=" ")


def test_a_guide_has_unpublished_changes_when_its_text_or_sources_differ(make_guide):
    guide = make_guide()
    assert not has_unpublished_changes(guide)
    Source.objects.create(guide=guide, title="More", publisher="CDC", url="https://www.cdc.gov/")
    assert has_unpublished_changes(guide)
    publish_guide(guide=guide)
    assert not has_unpublished_changes(guide)
    guide.summary = "A new summary."
    guide.save()
    assert has_unpublished_changes(guide)


def test_unpublishing_a_draft_is_refused_with_a_reason(make_guide):
    with pytest.raises(ValidationError, match="not published"):
        unpublish_guide(guide=make_guide(publish=False))


def test_unpublish_clears_what_the_public_sees(make_guide):
    guide = unpublish_guide(guide=make_guide())
    guide.refresh_from_db()
    assert guide.published_at is None
    assert guide.published_html == ""
    assert guide.published_sources == []


def test_restore_brings_back_the_sources_saved_with_that_version(make_guide):
    # As in the admin: the guide is saved first, then its sources, which join that version.
    guide = make_guide(publish=False, sources=0, body="Version one.")
    Source.objects.create(guide=guide, title="First source", publisher="NHS", url="https://a.org/")
    record_version_sources(guide)
    version_one = guide.history.first()

    guide.body = "Version two."
    guide.save()
    guide.sources.all().delete()
    Source.objects.create(guide=guide, title="Second source", publisher="CDC", url="https://b.org/")
    record_version_sources(guide)

    restore_guide_version(guide=guide, history_id=version_one.history_id)
    guide.refresh_from_db()
    assert guide.body == "Version one."
    assert [(s.title, s.url) for s in guide.sources.all()] == [("First source", "https://a.org/")]
    assert not guide.is_published
    assert guide.history.first().history_change_reason.startswith("Restored the version of")


def test_restore_keeps_the_address_and_review_record(make_guide):
    guide = make_guide(slug="first-address", reviewed_by="Dr One")
    version_one = guide.history.first()
    guide.slug, guide.reviewed_by = "second-address", "Dr Two"
    guide.save()
    restore_guide_version(guide=guide, history_id=version_one.history_id)
    guide.refresh_from_db()
    assert (guide.slug, guide.reviewed_by) == ("second-address", "Dr Two")


def test_restore_of_another_guides_version_is_refused(make_guide):
    guide, other = make_guide(), make_guide()
    with pytest.raises(ValidationError, match="could not be found"):
        restore_guide_version(guide=guide, history_id=other.history.first().history_id)

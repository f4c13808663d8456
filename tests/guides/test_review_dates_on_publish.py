"""Issue 20, failures 8 and 13: publishing changed words moves the next review a full interval
on (unless the reviewer chose the date), and a version kept before sources had a language does
not read as a change of sources."""

from datetime import date

import pytest

from guides.models import Guide
from guides.services import next_review_date, publish_guide
from guides.versions import changed_fields, latest_version

pytestmark = pytest.mark.django_db


def test_publishing_changed_words_sets_the_next_review_a_full_interval_on(make_guide):
    guide = make_guide(last_reviewed=date(2026, 3, 1), next_review_due=date(2027, 1, 1))
    guide.body += "\nA new sentence."
    guide.save()
    publish_guide(guide=guide, reviewer_name="Dr Rita Rivera", today=date(2026, 12, 5))
    guide.refresh_from_db()
    assert guide.last_reviewed == date(2026, 12, 5)
    assert guide.next_review_due == next_review_date(date(2026, 12, 5)) == date(2027, 12, 5)


def test_a_next_review_date_the_reviewer_chose_is_kept(make_guide):
    guide = make_guide(last_reviewed=date(2026, 3, 1), next_review_due=date(2027, 6, 1))
    guide.body += "\nA new sentence."
    guide.save()
    publish_guide(
        guide=guide,
        reviewer_name="Dr Rita Rivera",
        today=date(2026, 12, 5),
        keep_next_review_due=True,
    )
    guide.refresh_from_db()
    assert guide.next_review_due == date(2027, 6, 1)


def test_a_launch_version_without_source_languages_is_not_a_change_of_sources():
    guide = Guide.objects.get(slug="treatment")
    first = latest_version(guide)
    first.sources = [
        {key: value for key, value in row.items() if key != "language"} for row in first.sources
    ]
    first.save()
    guide.title += " (edited)"
    guide._change_reason = "Edited"
    guide.save()
    from guides.versions import record_version_sources

    record_version_sources(guide)
    assert changed_fields(latest_version(guide), first) == ["title"]

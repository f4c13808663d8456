from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from guides.models import Guide
from guides.services import add_months, publication_problems, publish_guide


def test_body_is_rendered_and_sanitised_on_save(make_guide):
    guide = make_guide(body="## Hello\n\n<script>x</script>text")
    assert "<h2>Hello</h2>" in guide.body_html
    assert "<script" not in guide.body_html


def test_next_review_must_come_after_last_review_in_the_database(make_guide):
    guide = make_guide()
    guide.next_review_due = guide.last_reviewed
    with pytest.raises(IntegrityError), transaction.atomic():
        guide.save()


def test_next_review_before_last_review_is_a_form_error(make_guide):
    guide = make_guide()
    guide.next_review_due = date(2000, 1, 1)
    with pytest.raises(ValidationError, match="next review must be after the last review"):
        guide.full_clean()


def test_drafts_are_not_published(make_guide):
    draft = make_guide(publish=False)
    published = make_guide()
    assert draft not in Guide.objects.published()
    assert published in Guide.objects.published()


def test_publishing_freezes_a_snapshot_that_later_edits_do_not_change(make_guide):
    guide = make_guide(title="Original", body="Old words")
    guide.title = "Edited"
    guide.body = "New words"
    guide.save()
    guide.refresh_from_db()
    assert guide.published_title == "Original"
    assert "Old words" in guide.published_html
    assert "New words" in guide.body_html


def test_publishing_copies_the_sources(make_guide):
    guide = make_guide(sources=2)
    assert [source["title"] for source in guide.published_sources] == ["Source 0", "Source 1"]


def test_a_guide_without_summary_body_sources_or_future_review_cannot_be_published(make_guide):
    guide = make_guide(
        publish=False, summary="", body="", sources=0, next_review_due=date(2026, 6, 1)
    )
    problems = publication_problems(guide, today=date(2026, 11, 28))
    assert problems == [
        "Add a summary.",
        "Add the body text.",
        "Add at least one source.",
        "Set a next review date in the future.",
    ]
    with pytest.raises(ValidationError):
        publish_guide(guide=guide)
    guide.refresh_from_db()
    assert not guide.is_published


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 11, 28), 12, date(2027, 11, 28)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 12, 15), 3, date(2027, 3, 15)),
    ],
)
def test_add_months_clamps_to_the_end_of_a_short_month(start, months, expected):
    assert add_months(start, months) == expected


def test_review_queries_find_overdue_and_soon_due_guides(make_guide):
    today = date(2026, 11, 28)
    overdue = make_guide(publish=False, next_review_due=date(2026, 11, 27))
    soon = make_guide(publish=False, next_review_due=date(2026, 12, 20))
    later = make_guide(publish=False, next_review_due=date(2027, 6, 1))
    assert list(Guide.objects.review_overdue(today)) == [overdue]
    assert list(Guide.objects.review_due_within(30, today)) == [soon]
    assert later not in Guide.objects.review_due_within(30, today)


def test_every_save_is_kept_in_history(make_guide):
    guide = make_guide()
    guide.title = "Second title"
    guide.save()
    titles = [record.title for record in guide.history.all()]
    assert "Second title" in titles
    assert len(titles) >= 2

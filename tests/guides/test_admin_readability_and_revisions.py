"""The admin shows each guide's reading grade, asks before publishing hard text, flags sources
not checked for a year, and lets editors take or dismiss a suggested revision."""

from datetime import timedelta

import pytest
from django.utils import timezone

from guides.models import Guide, SuggestedRevision
from guides.readability import measure_html, measure_markdown

CHANGELIST = "/admin/guides/guide/"
PLAIN = "## Rest\n\n" + 20 * "Take a slow breath. You can get help today. "
HARD = "## Evaluation\n\n" + 10 * (
    "Notwithstanding considerable interindividual variability, anorectal manifestations "
    "necessitate comprehensive multidisciplinary evaluation. "
)


def change_url(guide):
    return f"/admin/guides/guide/{guide.pk}/change/"


def test_the_change_page_shows_the_grade_of_the_working_and_the_published_text(
    editor_client, make_guide
):
    guide = make_guide(body=PLAIN)
    Guide.objects.filter(pk=guide.pk).update(body=HARD)  # an edit waiting to be published
    guide.refresh_from_db()
    guide.save()
    page = editor_client.get(change_url(guide)).content.decode()
    working, published = measure_markdown(HARD), measure_html(guide.published_html)
    assert f"Saved working text:</strong> grade {working.grade}" in page
    assert f"Published text:</strong> grade {published.grade}" in page
    assert "Aim for grade 6 or lower" in page
    assert "Above 8" in page
    assert "The longest sentences, to shorten first:" in page
    assert f"{working.longest[0][0]} words" in page


def test_the_guide_list_shows_each_guides_grade(editor_client, make_guide):
    make_guide(title="Plain guide", body=PLAIN)
    make_guide(title="Hard guide", body=HARD)
    page = editor_client.get(CHANGELIST).content.decode()
    assert "reading grade" in page.lower()
    assert f">{measure_markdown(PLAIN).grade}<" in page
    assert f'{measure_markdown(HARD).grade} <span class="check-flag check-flag--act">' in page


def test_publishing_above_grade_8_asks_first_and_publishes_only_when_confirmed(
    reviewer_client, make_guide, change_form_data
):
    guide = make_guide(body=PLAIN)
    response = reviewer_client.post(
        change_url(guide), change_form_data(guide, body=HARD, _publish="1")
    )
    confirm_url = f"/admin/guides/guide/{guide.pk}/publish/"
    assert response.status_code == 302
    assert response["Location"] == confirm_url
    guide.refresh_from_db()
    assert guide.body == HARD.strip()  # saved
    assert "Notwithstanding" not in guide.published_html  # not published yet

    question = reviewer_client.get(confirm_url).content.decode()
    assert "Publish anyway" in question
    assert f"{measure_markdown(HARD).grade}" in question
    assert "the target is grade 6 or lower" in question

    reviewer_client.post(confirm_url, {"_confirm_publish": "1"})
    guide.refresh_from_db()
    assert "Notwithstanding" in guide.published_html


def test_publishing_plain_text_needs_no_confirmation(reviewer_client, make_guide, change_form_data):
    guide = make_guide(body=HARD, publish=False)
    reviewer_client.post(change_url(guide), change_form_data(guide, body=PLAIN, _publish="1"))
    guide.refresh_from_db()
    assert guide.is_published
    assert "slow breath" in guide.published_html


def test_editors_cannot_publish_through_the_confirmation(editor_client, make_guide):
    guide = make_guide(body=HARD, publish=False)
    assert editor_client.get(f"/admin/guides/guide/{guide.pk}/publish/").status_code == 403
    assert editor_client.post(f"/admin/guides/guide/{guide.pk}/publish/").status_code == 403
    guide.refresh_from_db()
    assert not guide.is_published


def test_a_source_not_checked_for_12_months_is_flagged(editor_client, make_guide):
    guide = make_guide(sources=3)
    today = timezone.localdate()
    stale, fresh, undated = guide.sources.all()
    stale.accessed_on = today - timedelta(days=400)
    fresh.accessed_on = today - timedelta(days=30)
    stale.save()
    fresh.save()
    page = editor_client.get(change_url(guide)).content.decode()
    assert page.count("Not checked for 12 months") == 1
    assert page.count("No accessed-on date") == 1
    listing = editor_client.get(CHANGELIST).content.decode()
    assert "Not checked for 12 months (1)" in listing
    assert "No accessed-on date (1)" in listing


@pytest.fixture
def revision(make_guide):
    guide = make_guide(body="An editor's own words.")
    return SuggestedRevision.objects.create(
        guide=guide,
        reason="Guides version 2: current US guidance",
        title="New title",
        summary="New summary.",
        body="## New\n\nNew words from the content team.",
        sources=[
            {"title": "PEP", "publisher": "CDC", "url": "https://www.cdc.gov/pep/",
             "accessed_on": "2026-12-02"}
        ],
    )  # fmt: skip


def test_the_guide_page_points_to_a_waiting_suggestion(editor_client, revision):
    page = editor_client.get(change_url(revision.guide)).content.decode()
    assert "A suggested new text for this guide is waiting" in page
    assert f"/admin/guides/suggestedrevision/{revision.pk}/change/" in page


def test_an_editor_takes_a_suggestion_into_the_working_copy_only(editor_client, revision):
    url = f"/admin/guides/suggestedrevision/{revision.pk}/change/"
    page = editor_client.get(url).content.decode()
    assert "+New words from the content team." in page  # the comparison
    assert "-An editor&#x27;s own words." in page
    editor_client.post(url, {"_take": "1"})
    guide = revision.guide
    guide.refresh_from_db()
    revision.refresh_from_db()
    assert guide.body == revision.body
    assert [(s.publisher, s.accessed_on.isoformat()) for s in guide.sources.all()] == [
        ("CDC", "2026-12-02")
    ]
    assert "own words" in guide.published_html  # the public page waits for a reviewer
    assert revision.status == SuggestedRevision.TAKEN
    assert revision.decided_by == "Edna Okafor"
    assert guide.history.filter(body="An editor's own words.").exists()
    assert guide.history.first().history_change_reason.startswith("Took the suggested text")


def test_dismissing_a_suggestion_changes_nothing(editor_client, revision):
    editor_client.post(f"/admin/guides/suggestedrevision/{revision.pk}/change/", {"_dismiss": "1"})
    revision.refresh_from_db()
    revision.guide.refresh_from_db()
    assert revision.status == SuggestedRevision.DISMISSED
    assert revision.guide.body == "An editor's own words."
    page = editor_client.get(change_url(revision.guide)).content.decode()
    assert "A suggested new text for this guide is waiting" not in page

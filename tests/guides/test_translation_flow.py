"""Issue 20 (editors, round 2), failure 6: publishing one changed sentence of a Spanish guide that
still awaits a Spanish-speaking clinician no longer signs off the whole translation. The reviewer
is asked, by a box by "Save and publish", whether she has reviewed the whole translation; without
it the change is published and the flag and the review record stay as they were."""

import pytest

from guides.models import ENGLISH, SPANISH, Guide

pytestmark = pytest.mark.django_db

WHOLE = "_whole_translation_reviewed"


def change_url(guide):
    return f"/admin/guides/guide/{guide.pk}/change/"


@pytest.fixture
def translation():
    guide = Guide.objects.get(language=SPANISH, slug="prevencion")
    guide.reviewed_by = "Dra. Ana Ruiz"  # the launch text's earlier sign-off, by someone else
    guide.save()
    assert guide.needs_language_review
    return guide


def publish(client, guide, data, *, whole: bool):
    post = {**data, "_publish": "Save and publish"}
    if whole:
        post[WHOLE] = "1"
    response = client.post(change_url(guide), post)
    assert response.status_code == 302, response.context and response.context["errors"]
    if "/publish/" in response.url:  # hard-to-read text: the second press, as the page sends it
        page = client.get(response.url)
        assert (WHOLE in page.content.decode()) is True
        confirm = {"_confirm_publish": "Publish anyway", **({WHOLE: "1"} if whole else {})}
        response = client.post(response.url, confirm)
    return client.get(response.url)


def test_the_publish_buttons_ask_about_the_whole_translation(reviewer_client, translation):
    page = reviewer_client.get(change_url(translation)).content.decode()
    assert f'name="{WHOLE}"' in page
    assert "reviewed the whole translation" in page


def test_publishing_one_changed_sentence_keeps_the_flag_and_the_earlier_reviewer(
    reviewer_client, translation, change_form_data
):
    data = change_form_data(translation, body=translation.body + "\n\nUna frase más, corta.")
    page = publish(reviewer_client, translation, data, whole=False)
    translation.refresh_from_db()
    assert translation.is_published
    assert "Una frase más" in translation.published_html
    assert translation.needs_language_review  # still awaits a Spanish-speaking clinician
    assert translation.reviewed_by == "Dra. Ana Ruiz"
    # The public page does not name Rita.
    assert translation.published_reviewed_by == "Dra. Ana Ruiz"
    assert "still needs review by a clinician who reads its language" in page.content.decode()


def test_publishing_with_the_whole_translation_reviewed_signs_it_off(
    reviewer_client, translation, change_form_data
):
    data = change_form_data(translation, body=translation.body + "\n\nUna frase más, corta.")
    publish(reviewer_client, translation, data, whole=True)
    translation.refresh_from_db()
    assert not translation.needs_language_review
    assert translation.reviewed_by == "Rita Rivera"
    assert translation.published_reviewed_by == "Rita Rivera"


def test_an_english_guide_shows_no_such_box(reviewer_client):
    guide = Guide.objects.get(language=ENGLISH, slug="prevention")
    assert f'name="{WHOLE}"' not in reviewer_client.get(change_url(guide)).content.decode()


# Failure 7, in part: a translation's sources are copied from the English guide in one action.


def test_the_english_sources_are_copied_in_one_action_as_a_draft_change(
    editor_client, translation, change_form_data
):
    original = translation.original
    translation.sources.model.objects.create(
        guide=original, title="New English source", publisher="CDC", url="https://www.cdc.gov/x/"
    )
    published_html = translation.published_html
    page = editor_client.get(change_url(translation)).content.decode()
    assert 'name="_copy_english_sources"' in page

    data = change_form_data(translation, _copy_english_sources="Save and copy the English sources")
    response = editor_client.post(change_url(translation), data, follow=True)
    assert response.status_code == 200
    translation.refresh_from_db()
    copied = [(s.title, s.url) for s in translation.sources.order_by("order", "id")]
    assert copied == [(s.title, s.url) for s in original.sources.order_by("order", "id")]
    assert "sources copied from the English guide" in response.content.decode()
    assert translation.published_html == published_html  # the public page has not changed
    latest = translation.history.first()
    assert "New English source" in str(latest.sources)


def test_an_english_guide_has_no_copy_button(editor_client):
    guide = Guide.objects.get(language=ENGLISH, slug="prevention")
    assert "_copy_english_sources" not in editor_client.get(change_url(guide)).content.decode()

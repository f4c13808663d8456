"""Issue 21: every action only a clinical reviewer may take, forged by an editor with a
signed-in session and a valid form token, is refused and changes nothing the public sees. A
second, independent check of the publish permission, beside the admin tests of each screen."""

import pytest
from django.test import Client
from django.urls import reverse

from guides.models import Guide
from triage.models import Publication, Rule

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_session(editor):
    client = Client()
    client.force_login(editor)
    return client


def public_state():
    """What the public is served: every guide's published copy and the symptom check's."""
    guides = list(
        Guide.objects.order_by("pk").values_list(
            "pk", "published_title", "published_html", "published_at", "published_last_reviewed"
        )
    )
    return guides, Publication.objects.count()


def guide_change(guide) -> str:
    return reverse("admin:guides_guide_change", args=[guide.pk])


def forged_guide_button(button):
    def forge(client, guide, form):
        return client.post(guide_change(guide), form(guide, title="Forged", **{button: "1"}))

    return forge


def forged_publish_confirm(client, guide, form):
    return client.post(reverse("admin:guides_guide_publish_confirm", args=[guide.pk]), {})


def forged_symptom_check_publish(client, guide, form):
    rule = Rule.objects.get(code="fever")
    rule.text = "A forged reason."
    rule.save()
    return client.post(reverse("admin:triage_publication_review"), {"_publish": "1"})


REVIEWER_ONLY = {
    "publish a guide": forged_guide_button("_publish"),
    "unpublish a guide": forged_guide_button("_unpublish"),
    "mark a guide reviewed": forged_guide_button("_mark_reviewed"),
    "publish a hard-to-read guide": forged_publish_confirm,
    "publish the symptom check": forged_symptom_check_publish,
}


@pytest.mark.parametrize("action", list(REVIEWER_ONLY))
def test_an_editor_forging_a_reviewer_only_action_is_refused_and_changes_nothing(
    editor_session, change_form_data, action
):
    guide = Guide.objects.published("en-us").order_by("pk").first()
    before = public_state()
    response = REVIEWER_ONLY[action](editor_session, guide, change_form_data)
    assert response.status_code == 403, action
    assert public_state() == before, action

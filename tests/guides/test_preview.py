"""Staff preview of the working copy, through the public template."""

import pytest


@pytest.fixture
def edited_guide(make_guide):
    guide = make_guide(body="Published words.")
    guide.body = "Draft words."
    guide.save()
    return guide


def preview_url(guide):
    return f"/preview/guides/{guide.slug}/"


def test_staff_preview_shows_the_working_copy_in_the_public_template(editor_client, edited_guide):
    response = editor_client.get(preview_url(edited_guide))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Draft words." in page
    assert "Published words." not in page
    assert "Preview: not published" in page
    assert "guides/guide_detail.html" in [template.name for template in response.templates]


def test_preview_is_never_cached_or_indexed(editor_client, edited_guide):
    response = editor_client.get(preview_url(edited_guide))
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


def test_public_page_uses_the_same_template_without_the_banner(client, edited_guide):
    response = client.get(f"/guides/{edited_guide.slug}/")
    page = response.content.decode()
    assert "Published words." in page
    assert "Draft words." not in page
    assert "Preview: not published" not in page
    assert "guides/guide_detail.html" in [template.name for template in response.templates]


def test_preview_of_a_never_published_draft_works_for_staff(editor_client, make_guide):
    guide = make_guide(publish=False, body="Brand new draft.")
    response = editor_client.get(preview_url(guide))
    assert response.status_code == 200
    assert "Brand new draft." in response.content.decode()


def test_anonymous_visitors_get_a_404_not_a_login_redirect(client, edited_guide):
    response = client.get(preview_url(edited_guide))
    assert response.status_code == 404
    assert "Draft words." not in response.content.decode()


def test_signed_in_people_who_are_not_staff_get_a_404(client, edited_guide, django_user_model):
    client.force_login(django_user_model.objects.create_user("visitor", password="x"))
    assert client.get(preview_url(edited_guide)).status_code == 404


def test_staff_without_guide_permissions_get_a_404(client, edited_guide, make_staff_user):
    client.force_login(make_staff_user("someone-else"))
    assert client.get(preview_url(edited_guide)).status_code == 404

"""The editors' workflow in Django admin, driven through real admin requests."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.utils import timezone

from guides.models import Guide, Source

CHANGELIST = "/admin/guides/guide/"


def change_url(guide):
    return f"/admin/guides/guide/{guide.pk}/change/"


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def public_text(client, guide):
    """The guide as the public sees it: the page's HTML and the API's JSON."""
    page = client.get(f"/guides/{guide.slug}/")
    api = client.get(f"/api/v1/guides/{guide.slug}/")
    assert page.status_code == 200
    assert api.status_code == 200
    return page.content.decode(), api.json()["html"]


def one_year_after(day):
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


# Roles -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_roles_migration_gives_reviewers_publishing_and_editors_only_drafting():
    def codenames(name):
        permissions = Group.objects.get(name=name).permissions.filter(
            content_type__app_label="guides"
        )
        return set(permissions.values_list("codename", flat=True))

    editor, reviewer = codenames("Editor"), codenames("Clinical reviewer")
    assert {"add_guide", "change_guide", "view_guide", "add_source", "delete_source"} <= editor
    assert not {"publish_guide", "review_guide", "delete_guide"} & editor
    assert editor | {"publish_guide", "review_guide", "delete_guide"} == reviewer


def test_editor_sees_preview_but_no_publish_review_or_unpublish_button(editor_client, make_guide):
    guide = make_guide()
    page = editor_client.get(change_url(guide)).content.decode()
    assert f"/preview/guides/{guide.slug}/" in page
    for button in ("_publish", "_unpublish", "_mark_reviewed"):
        assert f'name="{button}"' not in page


def test_reviewer_sees_publish_review_and_unpublish_buttons(reviewer_client, make_guide):
    page = reviewer_client.get(change_url(make_guide())).content.decode()
    for button in ("_publish", "_unpublish", "_mark_reviewed"):
        assert f'name="{button}"' in page


def test_unpublish_button_is_only_offered_for_a_published_guide(reviewer_client, make_guide):
    page = reviewer_client.get(change_url(make_guide(publish=False))).content.decode()
    assert 'name="_publish"' in page
    assert 'name="_unpublish"' not in page


@pytest.mark.parametrize("button", ["_publish", "_unpublish", "_mark_reviewed"])
def test_forged_workflow_button_from_an_editor_is_refused_and_saves_nothing(
    editor_client, make_guide, change_form_data, button
):
    guide = make_guide()
    before = Guide.objects.get(pk=guide.pk)
    response = editor_client.post(
        change_url(guide), change_form_data(guide, body="Sneaky new text.", **{button: "1"})
    )
    assert response.status_code == 403
    after = Guide.objects.get(pk=guide.pk)
    assert after.body == before.body
    assert after.published_html == before.published_html
    assert after.published_at == before.published_at
    assert after.last_reviewed == before.last_reviewed


# The draft / published split ----------------------------------------------------------------


def test_an_edit_waits_for_a_reviewer_while_the_public_page_and_api_keep_the_old_text(
    client, editor, reviewer, make_guide, change_form_data
):
    guide = make_guide(body="The old advice.")
    client.force_login(editor)
    response = client.post(change_url(guide), change_form_data(guide, body="The new advice."))
    assert response.status_code == 302

    page, api_html = public_text(client, guide)
    assert "The old advice." in page
    assert "The old advice." in api_html
    assert "The new advice." not in page + api_html
    assert "Published, changes waiting" in client.get(CHANGELIST).content.decode()

    client.force_login(reviewer)
    guide.refresh_from_db()
    response = client.post(change_url(guide), change_form_data(guide, _publish="1"))
    assert response.status_code == 302
    assert response["Location"] == change_url(guide)
    assert any("Published" in message for message in messages_of(response))

    page, api_html = public_text(client, guide)
    assert "The new advice." in page
    assert "The new advice." in api_html
    assert "The old advice." not in page + api_html


def test_save_and_publish_saves_the_form_then_publishes_it(
    reviewer_client, make_guide, change_form_data
):
    guide = make_guide(title="Old title")
    reviewer_client.post(
        change_url(guide), change_form_data(guide, title="Clearer title", _publish="1")
    )
    guide.refresh_from_db()
    assert guide.published_title == "Clearer title"


def test_status_column_tells_draft_published_and_waiting_apart(
    reviewer_client, make_guide, change_form_data
):
    make_guide(title="Never published", publish=False)
    make_guide(title="Up to date")
    waiting = make_guide(title="Edited since")
    Source.objects.create(guide=waiting, title="New", publisher="CDC", url="https://www.cdc.gov/")
    page = reviewer_client.get(CHANGELIST).content.decode()
    assert "status-flag--draft" in page
    assert "status-flag--published" in page
    assert "status-flag--changes-waiting" in page
    assert "Published, changes waiting" in page


def test_editor_cannot_change_the_public_address_order_or_review_record_of_a_published_guide(
    editor_client, make_guide, change_form_data
):
    guide = make_guide(slug="stable-address", reviewed_by="Dr Real")
    editor_client.post(
        change_url(guide),
        change_form_data(
            guide,
            slug="moved-address",
            order=1,
            last_reviewed="2027-06-01",
            next_review_due="2099-06-01",
            reviewed_by="Nobody",
        ),
    )
    guide.refresh_from_db()
    assert guide.slug == "stable-address"
    assert guide.order != 1
    assert guide.reviewed_by == "Dr Real"
    assert guide.last_reviewed == date(2026, 1, 1)


def test_editor_creates_a_draft_that_the_public_cannot_see(editor_client, db):
    response = editor_client.post(
        "/admin/guides/guide/add/",
        {
            "title": "A new guide",
            "slug": "a-new-guide",
            "summary": "Draft summary.",
            "body": "Draft body.",
            "order": 50,
            "sources-TOTAL_FORMS": 1,
            "sources-INITIAL_FORMS": 0,
            "sources-MIN_NUM_FORMS": 0,
            "sources-MAX_NUM_FORMS": 1000,
            "sources-0-title": "Rectal bleeding",
            "sources-0-publisher": "NHS",
            "sources-0-url": "https://www.nhs.uk/conditions/rectal-bleeding/",
            "sources-0-language": "en-us",
            "sources-0-order": 0,
        },
    )
    assert response.status_code == 302
    guide = Guide.objects.get(slug="a-new-guide")
    assert not guide.is_published
    assert guide.reviewed_by == ""
    assert guide.sources.count() == 1
    assert editor_client.get("/guides/a-new-guide/").status_code == 404


# Validation that protects the public ----------------------------------------------------------


def test_publishing_an_incomplete_guide_says_what_is_missing_and_publishes_nothing(
    reviewer_client, make_guide, change_form_data
):
    guide = make_guide(
        publish=False,
        sources=0,
        summary="",
        body="",
        reviewed_by="",
        last_reviewed=date(2020, 1, 1),
        next_review_due=date(2021, 1, 1),
    )
    response = reviewer_client.post(change_url(guide), change_form_data(guide, _publish="1"))
    assert response.status_code == 302
    [message] = messages_of(response)
    for missing in (
        "Add a summary.",
        "Add the body text.",
        "Add at least one source.",
        "Set a next review date in the future.",
    ):
        assert missing in message
    # A reviewer who publishes changed words is the one who reviewed them, so a missing
    # reviewer's name is not among the problems.
    assert "mark the guide reviewed" not in message
    guide.refresh_from_db()
    assert not guide.is_published


def test_publish_refusal_is_shown_on_the_change_form_not_as_an_error_page(
    reviewer_client, make_guide, change_form_data
):
    guide = make_guide(publish=False, summary="")
    response = reviewer_client.post(
        change_url(guide), change_form_data(guide, _publish="1"), follow=True
    )
    assert response.status_code == 200
    assert "Add a summary." in response.content.decode()


def test_next_review_before_last_review_is_a_form_error_next_to_the_field(
    reviewer_client, make_guide, change_form_data
):
    guide = make_guide()
    response = reviewer_client.post(
        change_url(guide),
        change_form_data(guide, last_reviewed="2027-05-01", next_review_due="2027-04-01"),
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["next_review_due"] == ["The next review must be after the last review."]


def test_sources_must_have_a_secure_web_address(reviewer_client, make_guide, change_form_data):
    guide = make_guide()
    response = reviewer_client.post(
        change_url(guide), change_form_data(guide, **{"sources-0-url": "http://example.org/"})
    )
    assert response.status_code == 200
    assert "starting https://" in response.content.decode()
    assert guide.sources.get().url.startswith("https://")


# Mark reviewed, unpublish, delete ------------------------------------------------------------


def test_mark_reviewed_sets_today_the_reviewers_name_and_the_next_due_date(
    reviewer_client, make_guide, change_form_data
):
    guide = make_guide(last_reviewed=date(2025, 3, 1), reviewed_by="Someone else")
    response = reviewer_client.post(change_url(guide), change_form_data(guide, _mark_reviewed="1"))
    assert response.status_code == 302
    guide.refresh_from_db()
    today = timezone.localdate()
    assert guide.last_reviewed == today
    assert guide.reviewed_by == "Rita Rivera"
    assert guide.next_review_due == one_year_after(today)
    assert any("Rita Rivera" in message for message in messages_of(response))


def test_unpublish_takes_the_public_page_down_and_keeps_the_draft(
    reviewer_client, make_guide, change_form_data
):
    guide = make_guide(body="Kept as a draft.")
    reviewer_client.post(change_url(guide), change_form_data(guide, _unpublish="1"))
    guide.refresh_from_db()
    assert not guide.is_published
    assert guide.body == "Kept as a draft."
    assert reviewer_client.get(f"/guides/{guide.slug}/").status_code == 404
    assert reviewer_client.get(f"/api/v1/guides/{guide.slug}/").status_code == 404


def test_editors_cannot_delete_guides(editor_client, make_guide):
    guide = make_guide(publish=False)
    assert editor_client.get(f"/admin/guides/guide/{guide.pk}/delete/").status_code == 403


def test_a_published_guide_must_be_unpublished_before_a_reviewer_can_delete_it(
    reviewer_client, make_guide
):
    published, draft = make_guide(), make_guide(publish=False)
    assert reviewer_client.post(f"/admin/guides/guide/{published.pk}/delete/").status_code == 403
    response = reviewer_client.post(f"/admin/guides/guide/{draft.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert Guide.objects.filter(pk=published.pk).exists()
    assert not Guide.objects.filter(pk=draft.pk).exists()


# Changelist, search and the home-page panel ---------------------------------------------------


@pytest.fixture
def guides_by_review_date(make_guide):
    """Published guides whose review dates have come round (set directly: publishing needs a
    future review date)."""
    today = timezone.localdate()
    dates = {"overdue": -3, "due-soon": 20, "ok": 200}
    titles = {"overdue": "Overdue guide", "due-soon": "Soon guide", "ok": "Fine guide"}
    guides = {status: make_guide(title=titles[status]) for status in dates}
    for status, days in dates.items():
        Guide.objects.filter(pk=guides[status].pk).update(
            last_reviewed=today - timedelta(days=400), next_review_due=today + timedelta(days=days)
        )
    return guides


def test_changelist_flags_overdue_and_due_soon_with_words_not_only_colour(
    editor_client, guides_by_review_date
):
    page = editor_client.get(CHANGELIST).content.decode()
    assert '<span class="review-flag review-flag--overdue">Overdue</span>' in page
    assert '<span class="review-flag review-flag--due-soon">Due within 30 days</span>' in page
    assert page.count('class="review-flag ') == 2


@pytest.mark.parametrize(
    ("lookup", "expected"),
    [("overdue", "Overdue guide"), ("due-soon", "Soon guide"), ("ok", "Fine guide")],
)
def test_review_status_filter_lists_only_matching_guides(
    editor_client, guides_by_review_date, lookup, expected
):
    response = editor_client.get(CHANGELIST, {"review": lookup})
    ours = {guide.title for guide in guides_by_review_date.values()}
    titles = {guide.title for guide in response.context["cl"].result_list} & ours
    assert titles == {expected}


def test_search_finds_guides_by_words_in_the_body(editor_client, make_guide):
    make_guide(title="Findable", body="Mentions a quokka here.")
    make_guide(title="Other", body="Nothing to see.")
    response = editor_client.get(CHANGELIST, {"q": "quokka"})
    assert [guide.title for guide in response.context["cl"].result_list] == ["Findable"]


def test_admin_home_lists_guides_needing_review(editor_client, guides_by_review_date):
    page = editor_client.get("/admin/").content.decode()
    assert "Guides needing review" in page
    page = page.split('class="module review-panel"')[1].split("</div>")[0]
    assert "Overdue guide" in page
    assert "Soon guide" in page
    assert "Fine guide" not in page
    assert "?review=overdue" in page


# History and restore --------------------------------------------------------------------------


def test_every_save_is_in_the_history_with_who_made_it(
    editor_client, editor, make_guide, change_form_data
):
    guide = make_guide()
    editor_client.post(change_url(guide), change_form_data(guide, body="Edited by Edna."))
    latest = guide.history.first()
    assert latest.history_user == editor
    assert latest.body == "Edited by Edna."
    page = editor_client.get(f"/admin/guides/guide/{guide.pk}/history/").content.decode()
    assert "Edna Okafor" in page
    assert "Body" in page  # what changed, in words
    assert "Restore as draft" in page


def test_saving_unchanged_text_from_a_browser_records_no_body_change(
    editor_client, make_guide, change_form_data
):
    # Browsers post text areas with CRLF line ends.
    guide = make_guide(body="Line one.\nLine two.")
    editor_client.post(change_url(guide), change_form_data(guide, body="Line one.\r\nLine two."))
    latest, previous = guide.history.all()[:2]
    assert latest.body == "Line one.\nLine two."
    assert "body" not in latest.diff_against(previous).changed_fields


def test_restoring_an_earlier_version_makes_a_draft_change_and_never_republishes(
    reviewer_client, make_guide, change_form_data
):
    guide = make_guide(body="First wording.")
    first_version = guide.history.first()
    data = change_form_data(
        guide,
        body="Second wording.",
        _publish="1",
        **{"sources-0-title": "A newer source", "sources-0-url": "https://www.cdc.gov/new/"},
    )
    reviewer_client.post(change_url(guide), data)
    guide.refresh_from_db()
    assert "Second wording." in guide.published_html
    published_before = (guide.published_html, guide.published_sources, guide.published_at)

    response = reviewer_client.post(
        f"/admin/guides/guide/{guide.pk}/history/{first_version.history_id}/restore/"
    )
    assert response.status_code == 302
    assert response["Location"] == change_url(guide)

    guide.refresh_from_db()
    assert guide.body == "First wording."
    assert [source.title for source in guide.sources.all()] == ["Source 0"]
    assert (guide.published_html, guide.published_sources, guide.published_at) == published_before
    page, api_html = public_text(reviewer_client, guide)
    assert "Second wording." in page
    assert "Second wording." in api_html
    assert "Published, changes waiting" in reviewer_client.get(CHANGELIST).content.decode()


def test_restoring_a_version_that_does_not_exist_is_a_message_not_an_error(
    reviewer_client, make_guide
):
    guide = make_guide()
    response = reviewer_client.post(
        f"/admin/guides/guide/{guide.pk}/history/999999/restore/", follow=True
    )
    assert response.status_code == 200
    assert "could not be found" in response.content.decode()


def test_the_old_revert_form_cannot_bring_back_an_old_published_snapshot(
    reviewer_client, make_guide, change_form_data
):
    guide = make_guide()
    first_version = guide.history.last()
    url = f"/admin/guides/guide/{guide.pk}/history/{first_version.history_id}/"
    assert reviewer_client.get(url).status_code == 200
    assert reviewer_client.post(url, change_form_data(guide)).status_code == 405
    guide.refresh_from_db()
    assert guide.is_published

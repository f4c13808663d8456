"""Issue 13 (guides): whole versions, public means published, no silent overwrite,
placeholders, word-level differences, the waiting list, and the smaller fixes from the trial.
Driven through real admin requests; tests/browser/test_editors_*.py drive the same in Chromium."""

from datetime import date, timedelta

import pytest
from django.apps import apps
from django.contrib.messages import get_messages
from django.test import Client
from django.utils import timezone

from core.diffs import word_diff
from core.placeholders import fill_placeholders
from core.review_queue import WaitingItem, register, waiting
from guides.history_backfill import LAUNCH_REASON, V2_REASON, record_launch_versions
from guides.models import Guide, Source
from guides.services import publish_guide


def change_url(guide):
    return f"/admin/guides/guide/{guide.pk}/change/"


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# 1. Whole versions ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_launch_guide_starts_its_history_with_the_launch_text_and_sources():
    for guide in Guide.objects.all():
        first = guide.history.order_by("history_date", "history_id").first()
        assert first.history_change_reason == LAUNCH_REASON
        assert (first.title, first.body) == (guide.title, guide.body)
        assert [s["url"] for s in first.sources] == [s.url for s in guide.sources.all()]
        assert len(first.sources) >= 5


def test_restoring_the_launch_version_brings_back_every_source(editor_client, change_form_data):
    guide = Guide.objects.get(slug="what-to-do-now")
    launch_sources = [(s.title, s.url) for s in guide.sources.all()]
    launch = guide.history.get(history_change_reason=LAUNCH_REASON)
    # An editor rewrites the body and deletes every source but one.
    data = change_form_data(guide, body="A new body.")
    for index in range(1, len(launch_sources)):
        data[f"sources-{index}-DELETE"] = "on"
    assert editor_client.post(change_url(guide), data).status_code == 302
    guide.refresh_from_db()
    assert guide.sources.count() == 1
    assert len(guide.history.latest().sources) == 1  # the version records its one source

    response = editor_client.post(
        f"/admin/guides/guide/{guide.pk}/history/{launch.history_id}/restore/"
    )
    guide.refresh_from_db()
    assert guide.body == launch.body
    assert [(s.title, s.url) for s in guide.sources.all()] == launch_sources
    assert f"and {len(launch_sources)} sources" in messages_of(response)[-1]
    assert guide.published_html == guide.body_html  # still the launch text publicly


def test_a_version_made_in_the_admin_holds_the_sources_saved_with_it(
    editor_client, make_guide, change_form_data
):
    guide = make_guide()
    data = change_form_data(guide, **{"sources-0-title": "Renamed source"})
    editor_client.post(change_url(guide), data)
    assert guide.history.latest().sources[0]["title"] == "Renamed source"


@pytest.mark.django_db
def test_a_database_made_before_guides_v2_records_the_version_1_launch_text():
    guide = Guide.objects.get(slug="treatment")
    guide.history.all().delete()
    guide.history.create(
        **{f.attname: getattr(guide, f.attname) for f in Guide._meta.fields},
        history_date=timezone.now(),
        history_type="~",
        history_change_reason=V2_REASON,
    )
    assert record_launch_versions(apps) == ["treatment"]
    first = guide.history.order_by("history_date").first()
    assert first.history_change_reason == LAUNCH_REASON
    assert first.body != guide.body  # version 1's words
    assert first.last_reviewed == date(2026, 11, 28)
    assert record_launch_versions(apps) == []  # once only


def test_history_rows_say_what_changed_in_words_with_the_editors_name(
    editor_client, make_guide, change_form_data
):
    guide = make_guide()
    editor_client.post(
        change_url(guide),
        change_form_data(guide, title="New title", **{"sources-0-url": "https://cdc.gov/x/"}),
    )
    page = editor_client.get(f"/admin/guides/guide/{guide.pk}/history/").content.decode()
    assert "Title, sources" in page
    assert "Edna Okafor" in page
    assert "None" not in page
    assert "/admin/auth/user/" not in page  # names are not links editors cannot open


def test_a_version_page_is_read_only_with_restore_and_its_changes_word_by_word(
    editor_client, make_guide, change_form_data
):
    guide = make_guide(body="The old words stay.")
    first = guide.history.earliest()
    editor_client.post(change_url(guide), change_form_data(guide, body="The new words stay."))
    latest = guide.history.latest()
    page = editor_client.get(
        f"/admin/guides/guide/{guide.pk}/history/{latest.history_id}/"
    ).content.decode()
    assert "Read only." in page
    assert "<del>old</del><ins>new</ins>" in page
    assert "<textarea" not in page
    older = editor_client.get(
        f"/admin/guides/guide/{guide.pk}/history/{first.history_id}/"
    ).content.decode()
    assert "Restore as draft" in older
    # Every link on the version page works for an editor (no 403 or 404).
    for link in (
        "/admin/",
        "/admin/guides/guide/",
        change_url(guide),
        f"/admin/guides/guide/{guide.pk}/history/",
    ):
        assert f'href="{link}"' in older
        assert editor_client.get(link).status_code == 200


# 4. Public means published --------------------------------------------------------------------


def test_a_refused_publish_leaves_the_public_review_record_unchanged(
    reviewer_client, make_guide, change_form_data
):
    guide = make_guide(last_reviewed=date(2026, 1, 1), next_review_due=date(2099, 1, 1))
    past = (timezone.localdate() - timedelta(days=10)).isoformat()
    older = (timezone.localdate() - timedelta(days=400)).isoformat()
    response = reviewer_client.post(
        change_url(guide),
        change_form_data(guide, last_reviewed=older, next_review_due=past, _publish="1"),
    )
    assert "was not published" in messages_of(response)[-1]
    page = Client().get(f"/guides/{guide.slug}/").content.decode()
    assert "1 January 2099" in page
    assert "1 January 2026" in page
    api = Client().get(f"/api/v1/guides/{guide.slug}/").json()
    assert (api["last_reviewed"], api["next_review_due"]) == ("2026-01-01", "2099-01-01")


def test_marking_reviewed_changes_the_public_review_record_only_when_published(
    reviewer_client, make_guide, change_form_data
):
    guide = make_guide(reviewed_by="Dr Old")
    reviewer_client.post(change_url(guide), change_form_data(guide, _mark_reviewed="1"))
    assert "Dr Old" in Client().get(f"/api/v1/guides/{guide.slug}/").json()["reviewed_by"]
    guide.refresh_from_db()
    reviewer_client.post(change_url(guide), change_form_data(guide, _publish="1"))
    assert Client().get(f"/api/v1/guides/{guide.slug}/").json()["reviewed_by"] == "Rita Rivera"


def test_publishing_changed_words_records_the_reviewer_who_published(
    reviewer_client, make_guide, change_form_data
):
    guide = make_guide(reviewed_by="Dr Old", last_reviewed=date(2026, 1, 1))
    reviewer_client.post(
        change_url(guide), change_form_data(guide, body="New words.", _publish="1")
    )
    guide.refresh_from_db()
    assert (guide.reviewed_by, guide.last_reviewed) == ("Rita Rivera", timezone.localdate())
    assert guide.published_reviewed_by == "Rita Rivera"


def test_a_never_reviewed_draft_shows_no_last_reviewed(editor_client):
    guide = Guide.objects.create(title="Fresh", slug="fresh", summary="S.", body="Words.")
    assert guide.last_reviewed is None
    page = editor_client.get(f"/preview/guides/{guide.slug}/").content.decode()
    assert "Page last reviewed" not in page


# 2. No silent overwrite -----------------------------------------------------------------------


def test_a_save_from_a_form_opened_before_someone_elses_save_is_refused_and_keeps_the_text(
    client, editor, reviewer, make_guide, change_form_data
):
    guide = make_guide(body="First paragraph.")
    opened = change_form_data(guide)  # both open the page
    rita, edna = Client(), Client()
    rita.force_login(reviewer)
    edna.force_login(editor)
    assert edna.post(change_url(guide), {**opened, "body": "Edna's paragraph."}).status_code == 302

    response = rita.post(change_url(guide), {**opened, "body": "Rita's paragraph."})
    assert response.status_code == 200  # the form again, nothing saved
    page = response.content.decode()
    assert "Edna Okafor saved this guide on" in page
    assert "Rita&#x27;s paragraph." in page  # what Rita typed is still in the form
    assert "<del>Edna</del><ins>Rita</ins>" in page
    guide.refresh_from_db()
    assert guide.body == "Edna's paragraph."

    # Having seen it, Rita saves again (the form now carries the current version): it goes.
    form_version = response.context["adminform"].form.data["version_seen"]
    again = rita.post(
        change_url(guide),
        {**opened, "version_seen": form_version, "body": "Edna's paragraph. Rita's paragraph."},
    )
    assert again.status_code == 302
    guide.refresh_from_db()
    assert guide.body == "Edna's paragraph. Rita's paragraph."
    assert [r.body for r in guide.history.all()[:2]] == [guide.body, "Edna's paragraph."]


def test_a_restore_in_between_also_refuses_the_older_form(
    editor_client, make_guide, change_form_data
):
    guide = make_guide()
    opened = change_form_data(guide)
    guide.body = "Changed elsewhere."
    guide.save()
    response = editor_client.post(change_url(guide), {**opened, "body": "Mine."})
    assert response.status_code == 200
    assert "Not saved" in response.content.decode()


# 6. Placeholders ------------------------------------------------------------------------------


def test_emergency_number_is_filled_in_a_guides_care_card_page_and_api(
    client, make_guide, settings
):
    settings.EMERGENCY_NUMBER = "112"
    guide = make_guide(
        body='!!! emergency "Call {emergency_number} now if:"\n    - you faint\n\n'
        "[Call {emergency_number}](tel:{emergency_number})"
    )
    page = client.get(f"/guides/{guide.slug}/").content.decode()
    assert "Call 112 now if:" in page
    assert 'href="tel:112"' in page
    assert "emergency_number" not in page
    assert "{emergency_number}" not in client.get(f"/api/v1/guides/{guide.slug}/").json()["html"]


def test_placeholder_values_are_escaped_in_html(settings):
    settings.EMERGENCY_NUMBER = "<b>1</b>"
    assert fill_placeholders("Call {emergency_number}", html=True) == "Call &lt;b&gt;1&lt;/b&gt;"


# The difference a reviewer signs off ---------------------------------------------------------


def test_the_change_page_shows_the_draft_against_the_published_text_word_by_word(
    reviewer_client, make_guide
):
    guide = make_guide(body="Rest and drink water.")
    guide.body = "Rest and drink <script>alert(1)</script> plenty of water."
    guide.save()
    page = reviewer_client.get(change_url(guide)).content.decode()
    assert "Changes waiting for review" in page
    assert "<ins>&lt;script&gt;alert(1)&lt;/script&gt; plenty of </ins>" in page
    assert "<script>alert(1)" not in page


def test_word_diff_marks_inserted_and_deleted_words_and_escapes_them():
    assert (
        word_diff("a big <cat>", "a small <cat>") == "a <del>big</del><ins>small</ins> &lt;cat&gt;"
    )


# The waiting list -----------------------------------------------------------------------------


def test_the_admin_home_lists_every_draft_with_who_changed_it_and_the_ready_marker(
    editor_client, make_guide, change_form_data
):
    guide = make_guide(title="Waiting guide")
    editor_client.post(
        change_url(guide), change_form_data(guide, body="Edit.", ready_for_review="on")
    )
    make_guide(title="Untouched guide")
    page = editor_client.get("/admin/").content.decode()
    panel = page.split('aria-labelledby="waiting-heading"')[1].split("</section>")[0]
    assert "Waiting guide" in panel
    assert "changed by Edna Okafor" in panel
    assert "Ready for review" in panel
    assert "Untouched guide" not in panel


def test_the_review_queue_merges_providers_newest_first(monkeypatch):
    from core import review_queue

    monkeypatch.setattr(review_queue, "_providers", [])
    now = timezone.now()
    older = WaitingItem("Guide", "Older", "/a/", "Edna", now - timedelta(days=1), False)
    newer = WaitingItem("Service", "Newer", "/b/", "Rita", now, True)

    def provider():
        return [older]

    register(provider)
    register(provider)  # once only
    register(lambda: [newer])
    assert waiting() == [newer, older]


def test_publishing_clears_ready_for_review(make_guide):
    guide = make_guide(publish=False, ready_for_review=True)
    publish_guide(guide=guide)
    assert not guide.ready_for_review


# 3. The idle limit: the keep-alive address ---------------------------------------------------


def test_keepalive_renews_a_staff_session_and_refuses_everyone_else(editor_client, client):
    response = editor_client.post("/admin/guides/guide/keepalive/")
    assert response.status_code == 204
    assert "sessionid" in response.cookies
    assert Client().post("/admin/guides/guide/keepalive/").status_code == 302


def test_admin_pages_carry_the_idle_limit_for_the_editing_helper(editor_client, settings):
    page = editor_client.get("/admin/").content.decode()
    assert f'data-idle-seconds="{settings.SESSION_COOKIE_AGE}"' in page
    assert "js/admin-editing" in page


# Smaller fixes from the trial -----------------------------------------------------------------


def test_a_new_guide_goes_to_the_end_of_the_list(editor_client):
    last = max(Guide.objects.values_list("order", flat=True))
    form = editor_client.get("/admin/guides/guide/add/").context["adminform"].form
    assert form.initial["order"] == last + 1


def test_the_guide_list_has_status_last_edited_by_reviewed_by_and_a_status_filter(
    editor_client, make_guide
):
    draft = make_guide(title="A draft", publish=False)
    page = editor_client.get("/admin/guides/guide/").content.decode()
    for column in ("column-status", "column-last_edited_by", "column-reviewed_by"):
        assert column in page
    drafts = editor_client.get("/admin/guides/guide/?publication=draft").content.decode()
    assert draft.title in drafts
    assert "Why it happens" not in drafts
    waiting_list = editor_client.get("/admin/guides/guide/?publication=changes-waiting")
    assert waiting_list.status_code == 200


def test_each_source_address_appears_once_on_the_change_page(editor_client):
    guide = Guide.objects.get(slug="why-it-happens")
    page = editor_client.get(change_url(guide)).content.decode()
    url = guide.sources.first().url
    assert page.count(f'value="{url}"') == 1
    assert f'href="{url}"' not in page
    assert "Currently:" not in page


def test_save_and_unpublish_asks_first(reviewer_client, make_guide):
    page = reviewer_client.get(change_url(make_guide())).content.decode()
    assert 'name="_unpublish"' in page
    assert "data-confirm=" in page.split('name="_unpublish"')[1].split(">")[0]


@pytest.mark.django_db
def test_sources_are_kept_even_if_a_source_has_no_history(make_guide):
    guide = make_guide()
    Source.history.filter(guide_id=guide.pk).delete()
    assert guide.history.latest().sources[0]["url"].startswith("https://")


def test_a_launch_guides_difference_marks_only_the_added_words(reviewer_client, change_form_data):
    guide = Guide.objects.get(slug="treatment")
    data = change_form_data(guide, body=guide.body + "\n\nOne added sentence.")
    reviewer_client.post(change_url(guide), data)
    page = reviewer_client.get(change_url(guide)).content.decode()
    diff = page.split('class="word-diff"')[1].split("</div>")[0]
    assert "<ins>" in diff
    assert "One added sentence." in diff.split("<ins>")[1]
    assert "<del>" not in diff
    assert diff.count("<ins>") == 1


@pytest.mark.django_db
def test_a_launch_guide_added_by_load_seed_content_starts_with_its_whole_launch_version():
    from django.core.management import call_command

    Guide.objects.filter(slug="prevention").delete()
    call_command("load_seed_content", verbosity=0)
    guide = Guide.objects.get(slug="prevention")
    [first] = guide.history.all()
    assert first.history_change_reason == LAUNCH_REASON
    assert len(first.sources) == guide.sources.count()
    assert guide.published_reviewed_by == guide.reviewed_by


def test_a_save_that_does_not_say_which_version_it_edits_is_refused_and_shows_the_conflict(
    editor_client, make_guide, change_form_data
):
    """Issue 19: a POST without version_seen skipped the conflict check."""
    guide = make_guide(body="A colleague's published words.")
    data = change_form_data(guide, body="Words typed on a page of unknown age.")
    del data["version_seen"]
    response = editor_client.post(change_url(guide), data)
    assert response.status_code == 200  # the form again, with the conflict, nothing saved
    guide.refresh_from_db()
    assert guide.body == "A colleague's published words."
    assert "Words typed on a page of unknown age." in response.content.decode()

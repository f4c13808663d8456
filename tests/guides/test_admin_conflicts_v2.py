"""Issue 20 (editors, round 2), failures 2, 3 and 4: one concurrency rule for every save. A form
opened on an older version is refused, names who saved and when, keeps what was typed, and shows
what differs in every field, sources included, word by word and only where it differs; saving
again after reading the conflict works, also after a colleague deleted a source."""

import re

import pytest
from django.test import Client

from guides.models import Guide, Source

pytestmark = pytest.mark.django_db


def change_url(guide):
    return f"/admin/guides/guide/{guide.pk}/change/"


def resent(response, **overrides):
    """What the browser sends when the editor presses Save again on the page `response` showed."""
    form = response.context["adminform"].form
    formset = response.context["inline_admin_formsets"][0].formset
    data = {key: form.data.getlist(key) for key in form.data if not key.startswith("sources-")}
    data.update(
        {key: formset.data.getlist(key) for key in formset.data if key.startswith("sources-")}
    )
    # The management form as the page rendered it (the formset may have renumbered its rows).
    data.update(
        {f"sources-{key}": [value] for key, value in formset.management_form.initial.items()}
    )
    data.update(overrides)
    return data


@pytest.fixture
def two(editor, reviewer):
    edna, rita = Client(), Client()
    edna.force_login(editor)
    rita.force_login(reviewer)
    return edna, rita


def conflict_box(response) -> str:
    page = response.content.decode()
    match = re.search(r'<section class="module edit-conflict".*?</section>', page, re.S)
    assert match, "no conflict box"
    return match.group(0)


def test_a_conflict_after_a_colleague_deleted_a_source_can_be_read_and_saved_again(
    two, make_guide, change_form_data
):
    edna, rita = two
    guide = make_guide(sources=2)
    opened = change_form_data(guide)
    # Edna deletes the second source.
    assert edna.post(change_url(guide), {**opened, "sources-1-DELETE": "on"}).status_code == 302
    assert guide.sources.count() == 1

    response = rita.post(change_url(guide), {**opened, "body": "Rita's body."})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Not saved: Edna Okafor saved this guide on" in page
    # No error hidden on a field nobody can see: the only error is the conflict itself.
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.total_error_count() == 0, formset.errors
    box = conflict_box(response)
    assert "Source 1" in box  # the source Edna removed is named in the conflict

    # Rita read it, agrees the source goes, and saves again: it works.
    again = resent(response)
    for key in [k for k in again if k.startswith("sources-1-")]:
        del again[key]
    again["sources-TOTAL_FORMS"] = ["1"]
    saved = rita.post(change_url(guide), again)
    assert saved.status_code == 302, saved.context and saved.context["errors"]
    guide.refresh_from_db()
    assert guide.body == "Rita's body."
    assert [s.title for s in guide.sources.all()] == ["Source 0"]


def test_after_the_conflict_a_source_kept_in_the_form_is_saved_as_a_new_one(
    two, make_guide, change_form_data
):
    edna, rita = two
    guide = make_guide(sources=2)
    opened = change_form_data(guide)
    edna.post(change_url(guide), {**opened, "sources-1-DELETE": "on"})

    response = rita.post(change_url(guide), {**opened, "sources-1-title": "Source 1, renamed"})
    assert response.status_code == 200
    saved = rita.post(change_url(guide), resent(response))
    assert saved.status_code == 302
    assert sorted(s.title for s in guide.sources.all()) == ["Source 0", "Source 1, renamed"]


def test_the_conflict_shows_a_colleagues_source_change_and_only_what_differs(
    two, make_guide, change_form_data
):
    edna, rita = two
    paragraphs = [f"Paragraph number {n} says something quite different." for n in range(12)]
    guide = make_guide(body="\n\n".join(paragraphs), sources=1)
    opened = change_form_data(guide)
    fixed = "https://www.nhs.uk/corrected/"
    assert edna.post(change_url(guide), {**opened, "sources-0-url": fixed}).status_code == 302

    rita_body = "\n\n".join([*paragraphs[:6], "Rita rewrote this one.", *paragraphs[7:]])
    response = rita.post(change_url(guide), {**opened, "body": rita_body})
    assert response.status_code == 200
    box = conflict_box(response)
    assert "corrected" in box  # the URL Edna corrected is shown
    assert "Rita rewrote this one" in box, box
    # Only what differs: the untouched paragraphs are not repeated in the box.
    assert "Paragraph number 1 says" not in box
    assert "Paragraph number 11 says" not in box
    assert "your unsaved text" in box.lower()
    assert "what Edna Okafor saved" in box


def test_the_published_to_draft_box_shows_the_saved_draft_not_the_unsaved_form(
    two, make_guide, change_form_data
):
    edna, rita = two
    guide = make_guide()
    opened = change_form_data(guide)
    edna.post(change_url(guide), {**opened, "body": "Edna's saved draft."})
    response = rita.post(change_url(guide), {**opened, "body": "Rita's unsaved words."})
    page = response.content.decode()
    waiting = re.search(r'<details class="module unpublished-diff".*?</details>', page, re.S)
    assert waiting
    assert "Edna" in waiting.group(0)
    assert "unsaved" not in waiting.group(0).replace("Changes waiting", "")
    assert "Rita" not in waiting.group(0)


def test_a_form_restored_from_the_device_with_an_old_version_is_refused(
    two, make_guide, change_form_data
):
    """Failure 2 on the server: the restored form carries the version its page was opened on."""
    edna, rita = two
    guide = make_guide(body="First.")
    opened = change_form_data(guide)
    rita.post(change_url(guide), {**opened, "body": "First.\n\nRita's paragraph."})
    response = edna.post(change_url(guide), {**opened, "body": "First.\n\nEdna's paragraph."})
    assert response.status_code == 200
    assert "Rita Rivera saved this guide" in response.content.decode()
    assert "Rita's paragraph." in Guide.objects.get(pk=guide.pk).body
    assert Source.objects.filter(guide=guide).count() == 1

"""Issue 20, failures 8, 12 and 13 for guides, through real admin requests: a save tells the
editor what the public page will not show as typed, a body far too long is a form error on her
page, a save that changes only line ends and spaces changes nothing, and saves say what
happened in words."""

from urllib.parse import urlencode

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from guides.models import Guide
from guides.versions import changed_fields

UNSAFE_BODY = (
    "## Help\n\n"
    "[Call us](javascript:alert(1)) or [see this](data:text/html,hi).\n\n"
    '<img src="https://tracker.example/pixel.png">\n\n'
    "Dial {foo} now, or {{emergency_number}}.\n"
)


def change_url(guide):
    return f"/admin/guides/guide/{guide.pk}/change/"


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def post_as_a_browser(client, url, data):
    """As the admin's page sends its form (it has no file field): URL-encoded, not the test
    client's multipart."""
    return client.post(url, urlencode(data), content_type="application/x-www-form-urlencoded")


def test_a_save_lists_links_html_and_placeholders_the_public_page_will_not_show(
    editor_client, make_guide, change_form_data
):
    guide = make_guide()
    response = editor_client.post(change_url(guide), change_form_data(guide, body=UNSAFE_BODY))
    assert response.status_code == 302
    said = " ".join(messages_of(response))
    assert "“Call us” (javascript:alert(1))" in said
    assert "“see this” (data:text/html,hi)" in said
    assert "<img>" in said
    assert "{foo}" in said
    assert "{{emergency_number}}: two pairs of braces are not a placeholder" in said
    assert "{911}" in said  # what the public would see
    guide.refresh_from_db()
    assert "javascript:alert(1)" in guide.body  # saved as typed; only the page leaves it out


def test_the_change_page_lists_them_too_until_they_are_fixed(
    editor_client, make_guide, change_form_data
):
    guide = make_guide(body=UNSAFE_BODY)
    page = editor_client.get(change_url(guide)).content.decode()
    assert "not-published" in page
    assert "javascript:alert(1)" in page
    assert "&lt;img&gt;" in page
    clean = make_guide(body="## Help\n\nCall {emergency_number}: [NHS](https://www.nhs.uk/).")
    assert "not-published" not in editor_client.get(change_url(clean)).content.decode()


def test_a_3_mb_body_is_a_form_error_naming_the_limit_and_keeps_what_was_typed(
    editor_client, make_guide, change_form_data
):
    guide = make_guide()
    version = guide.version
    body = "word " * 600_000  # 3 MB
    response = post_as_a_browser(
        editor_client, change_url(guide), change_form_data(guide, title="My new title", body=body)
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "We could not read that request" not in page
    assert "a guide’s body can hold up to 100,000 characters" in page
    assert 'value="My new title"' in page
    guide.refresh_from_db()
    assert guide.version == version  # nothing saved


def test_a_post_over_the_admins_hard_cap_gets_an_admin_page_not_the_public_one(
    editor_client, make_guide, change_form_data
):
    from guides.admin.saving import FORM_MAX_BYTES

    guide = make_guide()
    body = "w" * (FORM_MAX_BYTES + 1)
    response = post_as_a_browser(
        editor_client, change_url(guide), change_form_data(guide, body=body)
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "Nothing was saved" in page
    assert "We could not read that request" not in page
    assert 'id="user-tools"' in page  # the admin's page


@pytest.mark.django_db
def test_a_large_post_still_needs_the_forms_csrf_token(editor, make_guide, change_form_data):
    guide = make_guide()
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.get(change_url(guide)).status_code == 200  # the page's CSRF cookie
    data = change_form_data(guide, body="word " * 600_000)  # the form's token left out
    response = post_as_a_browser(client, change_url(guide), data)
    assert response.status_code == 403
    guide.refresh_from_db()
    assert "word word" not in guide.body


def test_a_browser_save_with_crlf_and_trailing_spaces_records_no_change(
    editor_client, make_guide, change_form_data
):
    guide = make_guide(body="## Heading\n\nFirst paragraph.\n\n- one\n- two\n")
    versions, version = guide.history.count(), guide.version
    as_a_browser_sends_it = "## Heading  \r\n\r\nFirst paragraph. \r\n\r\n- one\t\r\n- two"
    response = editor_client.post(
        change_url(guide), change_form_data(guide, body=as_a_browser_sends_it)
    )
    assert response.status_code == 302
    assert messages_of(response) == [
        "Nothing had changed, so nothing was saved. The public page has not changed."
    ]
    guide.refresh_from_db()
    assert guide.body == "## Heading\n\nFirst paragraph.\n\n- one\n- two\n"
    assert (guide.history.count(), guide.version) == (versions, version)

    # A change to a source alone is a change: it makes a version, which says so.
    data = change_form_data(guide, body=as_a_browser_sends_it)
    data["sources-0-title"] = "A corrected source title"
    editor_client.post(change_url(guide), data)
    guide.refresh_from_db()
    assert guide.history.count() == versions + 1
    newest = guide.history.first()
    assert changed_fields(newest, newest.prev_record) == ["sources"]
    assert newest.sources[0]["title"] == "A corrected source title"


def test_a_real_change_beside_browser_line_ends_records_only_that_change(
    editor_client, make_guide, change_form_data
):
    guide = make_guide(body="## Heading\n\nFirst paragraph.\n")
    response = editor_client.post(
        change_url(guide),
        change_form_data(
            guide, title="A better title", body="## Heading  \r\n\r\nFirst paragraph.  "
        ),
    )
    assert response.status_code == 302
    history = editor_client.get(f"/admin/guides/guide/{guide.pk}/history/").content.decode()
    newest_row = history.split("<tbody>")[1].split("</tr>")[0]
    assert "Title" in newest_row
    assert "body" not in newest_row.lower().replace("<tbody>", "")


def test_a_new_line_end_or_space_inside_the_text_is_kept_as_one_normal_form(
    editor_client, make_guide, change_form_data
):
    guide = make_guide(body="Old.")
    editor_client.post(
        change_url(guide), change_form_data(guide, body="\r\nNew line one.   \r\nLine two.\r\n\r\n")
    )
    guide.refresh_from_db()
    assert guide.body == "New line one.\nLine two."


def test_saves_say_what_happened_to_the_public_page_in_words(
    editor_client, make_guide, change_form_data
):
    published, draft = make_guide(), make_guide(publish=False)
    for guide, words in [
        (published, "Draft saved. The public page has not changed."),
        (
            draft,
            "Draft saved. The public cannot see this guide until a clinical reviewer publishes it.",
        ),
    ]:
        for button in ("_save", "_continue"):
            guide.refresh_from_db()
            data = change_form_data(guide, body=f"{guide.body} More {button}.", **{button: "1"})
            said = messages_of(editor_client.post(change_url(guide), data))
            editor_client.get(change_url(guide))  # shows the messages, and so ends them
            assert said == [words]


def test_a_new_guide_says_it_is_a_draft(editor_client):
    response = editor_client.post(
        "/admin/guides/guide/add/",
        {
            "title": "A new guide",
            "slug": "a-new-guide",
            "summary": "",
            "body": "Some words.",
            "order": 1,
            "next_review_due": "2099-01-01",
            "sources-TOTAL_FORMS": 0,
            "sources-INITIAL_FORMS": 0,
            "sources-MIN_NUM_FORMS": 0,
            "sources-MAX_NUM_FORMS": 1000,
        },
    )
    assert response.status_code == 302
    assert Guide.objects.filter(slug="a-new-guide").exists()
    assert messages_of(response) == [
        "Draft saved. The public cannot see this guide until a clinical reviewer publishes it."
    ]


def test_the_guide_list_names_each_languages_reading_scale(editor_client):
    page = editor_client.get("/admin/guides/guide/").content.decode()
    headers = page.split("<thead>")[1].split("</thead>")[0]
    assert "Reading level" in headers
    assert "Reading grade" not in headers  # a Spanish ease is not a grade
    rows = {
        title: row
        for row in page.split("<tbody>")[1].split("</tr>")
        for title in ("Por qué pasa", "Why it happens")
        if f">{title}</a>" in row
    }
    assert "Ease" in rows["Por qué pasa"]
    assert "of 100" in rows["Por qué pasa"]
    assert "Grade" in rows["Why it happens"]
    assert "Ease" not in rows["Why it happens"]
    assert "Spanish-speaking" in rows["Por qué pasa"]  # the translation flag, in the same row

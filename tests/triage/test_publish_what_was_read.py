"""A clinical reviewer publishes exactly what she read (issue 20, failures 1, 9 and 11): a
publish from a review page that the working copy has moved on from is refused and shows what
changed since; each publication shows what it changed, in words; an old publication can be
restored as the working copy and published again; every part of the check keeps its old values
in its history; and the preview says it is one and keeps its links inside."""

import json
import re

import pytest
from django.urls import reverse

from triage import publishing
from triage.models import Finding, HelpService, Level, Publication, Rule

pytestmark = pytest.mark.django_db

RULES = "/api/v1/triage/"
REVIEW = "/admin/triage/publication/review/"
REAL_NUMBER = "800-656-4673"
FAKE_NUMBER = "800-000-0000"
NEW_QUESTION = "Feverish, in new words no one has published"


@pytest.fixture
def editor(make_staff):
    user = make_staff("Editor")
    user.first_name, user.last_name = "Edna", "Editor"
    user.save()
    return user


@pytest.fixture
def reviewer(make_staff):
    user = make_staff("Clinical reviewer")
    user.first_name, user.last_name = "Rita", "Rivera"
    user.save()
    return user


def api_text(client) -> str:
    return json.dumps(client.get(RULES).json(), ensure_ascii=False)


def form_of(page: str) -> dict:
    """The hidden fields of the review page's form, as the browser would send them."""
    fields = dict(re.findall(r'<input type="hidden" name="(version|shown)" value="([^"]*)"', page))
    assert set(fields) == {"version", "shown"}
    return fields


def since_part(page: str) -> str:
    """The refused page's "What changed since you opened this page"."""
    start = page.index('id="review-since"')
    return page[start : page.index("All the changes waiting, again", start)]


def save_as(user, obj, **changes):
    """A change saved as the admin saves it: in the history, under the person's name."""
    for field, value in changes.items():
        setattr(obj, field, value)
    obj._history_user = user
    obj.save()


def change_the_hotline(editor):
    save_as(editor, HelpService.objects.get(key="rainn"), phone=FAKE_NUMBER)


def review_page(client, reviewer) -> str:
    client.force_login(reviewer)
    return client.get(REVIEW).content.decode()


def test_a_publish_from_a_page_the_changes_moved_on_from_is_refused(client, editor, reviewer):
    save_as(editor, Finding.objects.get(code="fever"), question=NEW_QUESTION)
    page = review_page(client, reviewer)
    assert "1 change is waiting" in page
    read = form_of(page)
    change_the_hotline(editor)  # the reviewer still has the page with one change open
    published = Publication.objects.count()

    response = client.post(REVIEW, {"_publish": "1", "note": "Fever wording", **read})

    assert response.status_code == 200  # the page again, as a form error
    page = response.content.decode()
    assert "The changes have moved on since you opened this page" in page
    assert "Edna Editor saved changes after you opened it" in page
    since = since_part(page)
    assert "Help service: RAINN" in since
    assert '<th scope="row">Phone</th>' in since
    assert "656" in since
    assert "000" in since
    assert NEW_QUESTION not in since  # she read that one: not new
    assert "2 changes are waiting" in page  # the whole list again
    assert 'value="Fever wording"' in page  # her note is kept
    assert Publication.objects.count() == published
    assert FAKE_NUMBER not in api_text(client)
    assert NEW_QUESTION not in api_text(client)

    # Publishing again, from the page that showed both changes, puts out both.
    fresh = form_of(page)
    assert fresh["version"] != read["version"]
    response = client.post(REVIEW, {"_publish": "1", "note": "Both", **fresh})
    assert response.status_code == 302
    assert Publication.objects.count() == published + 1
    assert FAKE_NUMBER in api_text(client)
    assert NEW_QUESTION in api_text(client)


@pytest.mark.parametrize(
    "posted",
    [
        {},
        {"version": ""},
        {"version": "0123456789abcdef", "shown": "made-up"},
        {"version": "0123456789abcdef"},
    ],
    ids=["no-version", "empty-version", "invented-version", "invented-without-page"],
)
def test_a_publish_that_does_not_say_what_was_read_is_refused(client, reviewer, posted):
    Finding.objects.filter(code="fever").update(question=NEW_QUESTION)
    client.force_login(reviewer)
    response = client.post(REVIEW, {"_publish": "1", **posted})
    assert response.status_code == 400
    assert "Nothing was published" in response.content.decode()
    assert "Publish these changes" in response.content.decode()  # a fresh form
    assert Publication.objects.count() == 1
    assert NEW_QUESTION not in api_text(client)


def test_a_shown_field_from_another_version_is_not_trusted(client, editor, reviewer):
    Finding.objects.filter(code="fever").update(question=NEW_QUESTION)
    first = form_of(review_page(client, reviewer))
    change_the_hotline(editor)
    second = form_of(review_page(client, reviewer))
    mixed = {"version": first["version"], "shown": second["shown"]}
    response = client.post(REVIEW, {"_publish": "1", **mixed})
    assert response.status_code == 400
    assert Publication.objects.count() == 1


def test_publish_refuses_a_version_other_than_the_working_copys(reviewer):
    Finding.objects.filter(code="fever").update(question=NEW_QUESTION)
    with pytest.raises(publishing.ChangesMovedOnError):
        publishing.publish(user=reviewer, expected_version="0123456789abcdef")
    assert Publication.objects.count() == 1
    current = publishing.current_review().version
    publication = publishing.publish(user=reviewer, expected_version=current)
    assert publication.version == current


def test_a_publications_page_shows_what_it_changed_in_words(client, editor, reviewer):
    save_as(editor, Rule.objects.get(code="fever"), text="A fever needs a check today.")
    change_the_hotline(editor)
    client.force_login(reviewer)
    client.post(
        REVIEW, {"_publish": "1", "note": "Trial", **form_of(review_page(client, reviewer))}
    )
    publication = Publication.objects.latest_first().first()

    page = client.get(reverse("admin:triage_publication_change", args=[publication.pk]))
    page = page.content.decode()
    assert "Rita Rivera" in page
    assert reviewer.username not in page
    assert "Trial" in page
    changes = page[page.index('id="publication-changes"') :]
    assert "Rule: fever" in changes
    assert "Help service: RAINN" in changes
    assert '<th scope="row">Reason</th>' in changes  # not `text`
    assert '<th scope="row">Phone</th>' in changes
    assert "<ins>000</ins>" in changes or "<ins>000-0000</ins>" in changes
    assert "needs a check today" in changes

    listing = client.get(reverse("admin:triage_publication_changelist")).content.decode()
    assert (
        "2 changes: Rule fever (Reason); Help service RAINN National Sexual Assault Hotline (Phone)"
        in listing
    )
    assert "Rita Rivera" in listing
    rules = client.get(reverse("admin:triage_publication_rules", args=[publication.pk]))
    assert FAKE_NUMBER in rules.content.decode()


def test_restoring_a_publication_and_publishing_it_puts_the_old_values_back(
    client, editor, reviewer
):
    launch = Publication.objects.latest_first().first()
    trevor = HelpService.objects.get(key="trevor-project")
    trevor_levels = sorted(trevor.levels.values_list("code", flat=True))
    change_the_hotline(editor)
    save_as(editor, Finding.objects.get(code="fever"), question=NEW_QUESTION)
    trevor.delete()
    local = HelpService.objects.create(key="local", name="Local clinic", kind="info", notes="Hi")
    client.force_login(reviewer)
    client.post(
        REVIEW, {"_publish": "1", "note": "Trial", **form_of(review_page(client, reviewer))}
    )
    assert FAKE_NUMBER in api_text(client)

    response = client.post(
        reverse("admin:triage_publication_restore", args=[launch.pk]),
        {"reason": "Undo the trial"},
        follow=True,
    )
    page = response.content.decode()
    assert "Restored as the working copy" in page
    assert "Help service RAINN" in page
    assert "Finding fever" in page
    assert "Made again: Help service" in page
    assert "Added since, left as they are: Help service Local clinic" in page
    assert HelpService.objects.get(key="rainn").phone == REAL_NUMBER
    assert Finding.objects.get(code="fever").question != NEW_QUESTION
    made_again = HelpService.objects.get(key="trevor-project")
    assert sorted(made_again.levels.values_list("code", flat=True)) == trevor_levels
    assert HelpService.objects.filter(pk=local.pk).exists()
    record = HelpService.history.filter(key="rainn").first()
    assert record.history_user == reviewer
    assert "Restored from the publication of" in record.history_change_reason
    assert "Undo the trial" in record.history_change_reason
    assert record.prev_record.phone == FAKE_NUMBER  # the trial's value stays in the history
    assert FAKE_NUMBER in api_text(client)  # nothing public until published

    client.post(REVIEW, {"_publish": "1", "note": "Undo", **form_of(review_page(client, reviewer))})
    public = api_text(client)
    assert FAKE_NUMBER not in public
    assert REAL_NUMBER in public
    assert '"trevor-project"' in public


def test_an_editor_cannot_restore_a_clinical_change(client, editor, reviewer):
    launch = Publication.objects.latest_first().first()
    rule = Rule.objects.get(code="fever")
    rule.level = Level.objects.get(code="er_today")
    rule.save()
    client.force_login(editor)
    response = client.post(
        reverse("admin:triage_publication_restore", args=[launch.pk]), follow=True
    )
    assert "clinical reviewer" in response.content.decode()
    assert Rule.objects.get(code="fever").level.code == "er_today"


def test_every_part_of_the_check_keeps_its_old_values_in_its_history(editor):
    for model in publishing.SECTION_MODELS.values():
        for row in model.objects.all():
            assert row.history.exists(), f"{model.__name__} {row.pk} has no history"
    change_the_hotline(editor)
    phones = list(HelpService.history.filter(key="rainn").values_list("phone", flat=True))
    assert phones == [FAKE_NUMBER, REAL_NUMBER]
    level = Level.objects.get(code="er_today")
    assert level.history.first().guides.count() == level.guides.count()


def test_the_preview_says_it_is_a_preview_and_its_links_stay_inside(client, editor):
    client.force_login(editor)
    public_links = [reverse("triage:start"), reverse("triage:result"), reverse("get-help")]
    public_links += ["/guides/what-to-do-now/"]
    pages = [
        client.get("/preview/triage/"),
        client.post("/preview/triage/result/", {"findings": ["fever"]}),
        client.post("/preview/triage/result/", {"findings": ["heavy_bleeding"]}),
        client.get("/preview/triage/get-help/"),
    ]
    for response in pages:
        page = response.content.decode()
        assert response.status_code == 200
        assert "Preview: not published" in page
        assert "<title>Preview:" in page
        for link in public_links:
            for attribute in ("href", "action", "formaction"):
                assert f'{attribute}="{link}"' not in page
        assert int(response["Content-Length"]) == len(response.content)
    assert "data-rules-url" not in pages[0].content.decode()  # answered by the server
    result = pages[1].content.decode()
    assert 'href="/preview/triage/">Start the check again' in result
    assert 'href="/preview/triage/get-help/"' in result
    assert "/preview/guides/" in result
    assert client.get("/preview/triage/get-help/").status_code == 200
    client.logout()
    assert client.get("/preview/triage/get-help/").status_code == 404
    assert "Preview" not in client.get("/triage/").content.decode()

"""Public means published: an editor's change to the symptom check (wording, rules, levels,
pages, help services) reaches no one until a clinical reviewer publishes it; staff can review
what changed and preview it first."""

import json
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from triage import publishing
from triage.models import Choice, Finding, HelpService, Level, Publication, Rule, Source

pytestmark = pytest.mark.django_db

RULES = "/api/v1/triage/"
REVIEW = "/admin/triage/publication/review/"
NEW_HINT = "A brand new hint that no one has published."


@pytest.fixture
def editor(make_staff):
    return make_staff("Editor")


@pytest.fixture
def reviewer(make_staff):
    return make_staff("Clinical reviewer")


def read_and_publish(client, **fields):
    """Publishes as the review page does: with the version of the changes the page showed."""
    page = client.get(REVIEW).content.decode()
    shown = dict(re.findall(r'<input type="hidden" name="(version|shown)" value="([^"]*)"', page))
    return client.post(REVIEW, {"_publish": "1", **shown, **fields}, follow=True)


def public_sees(client, text: str) -> bool:
    """Whether the text is anywhere the public gets the check from."""
    api = json.dumps(client.get(RULES).json(), ensure_ascii=False)
    start = client.get("/triage/").content.decode()
    result = client.post("/triage/result/", {"findings": ["heavy_bleeding"]}).content.decode()
    return text in api or text in start or text in result


FINDING_WORDING = ["question", "hint", "said", "tell_staff", "order"]
FINDING_WORDING += [f"{field}_es" for field in ("question", "hint", "said", "tell_staff")]


def finding_form(finding, **changes) -> dict:
    """The finding's change form as an editor submits it: its wording, with the changes."""
    form = {field: getattr(finding, field) for field in FINDING_WORDING}
    if finding.private:
        form["private"] = "on"
    return {**form, **changes}


def edit_hint_in_admin(client, editor):
    finding = Finding.objects.get(code="heavy_bleeding")
    client.force_login(editor)
    response = client.post(
        reverse("admin:triage_finding_change", args=[finding.pk]),
        finding_form(finding, hint=NEW_HINT),
        follow=True,
    )
    assert "Saved as a draft" in response.content.decode()
    client.logout()


def test_an_editors_change_reaches_the_public_only_when_a_reviewer_publishes(
    client, editor, reviewer
):
    version = client.get(RULES).json()["version"]
    edit_hint_in_admin(client, editor)
    assert not public_sees(client, NEW_HINT)
    assert client.get(RULES).json()["version"] == version

    client.force_login(reviewer)
    response = read_and_publish(client, note="Clearer hint")
    assert "Published" in response.content.decode()
    client.logout()
    assert public_sees(client, NEW_HINT)
    assert client.get(RULES).json()["version"] != version
    latest = Publication.objects.latest_first().first()
    assert (latest.published_by, latest.note) == (reviewer, "Clearer hint")


def test_staff_preview_the_working_copy_and_everyone_else_gets_a_404(client, editor):
    Finding.objects.filter(code="heavy_bleeding").update(hint=NEW_HINT)
    for url in ("/preview/triage/", "/preview/triage/rules/"):
        assert client.get(url).status_code == 404
    client.force_login(editor)
    page = client.get("/preview/triage/")
    assert NEW_HINT in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert NEW_HINT in json.dumps(client.get("/preview/triage/rules/").json())
    result = client.post("/preview/triage/result/", {"findings": ["object_stuck"]})
    assert 'data-triage-level="emergency"' in result.content.decode()
    assert 'action="/preview/triage/"' in result.content.decode()  # "Change your answers"


def draft_words(page: str) -> str:
    """The review page's word diffs read as the draft: deleted words dropped, tags removed."""
    return re.sub(r"<[^>]+>", "", re.sub(r"<del>.*?</del>", "", page, flags=re.S))


def test_the_review_page_shows_what_changed_and_who_can_publish(client, editor, reviewer):
    Finding.objects.filter(code="heavy_bleeding").update(hint=NEW_HINT)
    Level.objects.filter(code="soon").update(title="See a doctor this week")
    client.force_login(editor)
    page = client.get(REVIEW).content.decode()
    assert "2 changes are waiting" in page
    assert "heavy_bleeding" in page
    assert NEW_HINT in draft_words(page)
    assert "See a doctor this week" in draft_words(page)
    assert "Publish these changes" not in page
    assert "Mark ready for review" in page
    client.post(REVIEW, {"_request_review": "1"})
    assert publishing.review_requested().requested_by == editor
    # An editor's forged publish is refused, and nothing is published.
    assert client.post(REVIEW, {"_publish": "1"}).status_code == 403
    assert not public_sees(client, NEW_HINT)

    client.force_login(reviewer)
    page = client.get(REVIEW).content.decode()
    assert "Marked ready for review by" in page
    assert "Publish these changes" in page
    read_and_publish(client)
    assert publishing.review_requested() is None
    assert "Nothing is waiting" in client.get(REVIEW).content.decode()


def test_publishing_needs_the_permission_and_a_change(editor, reviewer):
    with pytest.raises(PermissionDenied):
        publishing.publish(user=editor)
    with pytest.raises(ValueError, match="no changes"):
        publishing.publish(user=reviewer)


@pytest.mark.parametrize(
    "change",
    [
        lambda: Level.objects.filter(code="emergency").update(advice="Call now."),
        lambda: HelpService.objects.filter(kind="sexual_assault").update(phone="800-000-0000"),
        lambda: Finding.objects.filter(code="fever").update(question="Hot?"),
        lambda: Finding.objects.filter(code="strangled").update(said="I was choked."),
        lambda: Choice.objects.filter(code="age").update(question="Your age?"),
        lambda: Rule.objects.filter(code="fever").update(watch_for="chills"),
        lambda: Source.objects.filter(rules__code="fever").update(confirmed=True),
    ],
    ids=[
        "level-advice",
        "service-phone",
        "finding-question",
        "finding-said",
        "choice-question",
        "rule-watch-for",
        "source-confirmed",
    ],
)
def test_every_part_of_the_check_is_a_draft_until_published(client, change, publish_rules):
    before = client.get(RULES).json()
    change()
    assert client.get(RULES).json() == before
    assert publishing.unpublished_changes()
    publish_rules()
    assert client.get(RULES).json() != before
    assert publishing.unpublished_changes() == []


def test_changes_name_the_item_and_the_fields(reviewer):
    Finding.objects.filter(code="fever").update(question="Hot?")
    [change] = publishing.unpublished_changes()
    assert (change.section, change.name, change.status) == ("Finding", "fever", "changed")
    assert [field.field for field in change.fields] == ["question"]
    assert change.fields[0].after == "Hot?"


def test_the_version_3_launch_rules_are_published_with_their_spanish_wording(spec):
    from triage.rules import working_payload

    launch = Publication.objects.latest_first().first()
    assert launch.published_by is None
    assert "version 3" in launch.note.lower()
    assert launch.payload == working_payload()
    assert [rule["code"] for rule in launch.payload["rules"]] == spec.rule_codes
    assert [level["code"] for level in launch.payload["levels"]] == spec.levels
    assert all(level["title_es"] for level in launch.payload["levels"])
    assert all(finding["question_es"] for finding in launch.payload["findings"])
    assert all(finding["said_es"] for finding in launch.payload["findings"])
    assert "setting" not in json.dumps(launch.payload)
    assert publishing.unpublished_changes() == []


def test_the_review_page_shows_each_change_word_by_word(client, reviewer):
    Finding.objects.filter(code="fever").update(
        question="A fever, or you feel hot or shivery, or you are very unsure"
    )
    client.force_login(reviewer)
    page = client.get(REVIEW).content.decode()
    assert "or you are <del>not sure</del><ins>very unsure</ins>" in page
    Finding.objects.filter(code="fever").update(question="<script>x</script>")
    assert "<script>x" not in client.get(REVIEW).content.decode()


def test_the_admin_home_lists_the_symptom_checks_unpublished_changes(client, editor, reviewer):
    from core.review_queue import waiting

    assert [item for item in waiting() if item.kind == "Symptom check"] == []
    client.force_login(editor)
    finding = Finding.objects.get(code="fever")
    client.post(
        reverse("admin:triage_finding_change", args=[finding.pk]),
        finding_form(finding, question="Hot?"),
    )
    client.post(REVIEW, {"_request_review": "1"})
    [item] = [item for item in waiting() if item.kind == "Symptom check"]
    assert item.title == "1 change to the symptom check"
    assert item.url == REVIEW
    assert item.changed_by == editor.get_username()
    assert item.ready_for_review
    home = client.get(reverse("admin:index")).content.decode()
    assert "1 change to the symptom check" in home
    client.force_login(reviewer)
    read_and_publish(client)
    assert [item for item in waiting() if item.kind == "Symptom check"] == []


def test_changes_are_listed_by_section_sources_and_services_by_key():
    source = Source.objects.filter(rules__code="fever").first()
    Source.objects.filter(pk=source.pk).update(title="A new title")
    HelpService.objects.filter(key="rainn").update(name="RAINN hotline", phone="800-000-0000")
    Rule.objects.filter(code="fever").update(text="A fever needs a check today.")
    Choice.objects.filter(code="when").update(question="When was it?")
    changes = publishing.unpublished_changes()
    by_section = {change.section: change for change in changes}
    assert set(by_section) == {"Source", "Help service", "Rule", "Single choice"}
    assert all(change.status == "changed" for change in changes)  # renamed, not replaced
    assert by_section["Source"].name == source.key
    assert [f.field for f in by_section["Source"].fields] == ["title"]
    assert {f.field for f in by_section["Help service"].fields} == {"name", "phone"}
    assert (by_section["Rule"].name, by_section["Single choice"].name) == ("fever", "when")


def test_a_clinical_change_to_a_rule_is_listed_field_by_field(reviewer):
    rule = Rule.objects.get(code="fever")
    rule.any_of.add(Finding.objects.get(code="age_65_plus"))
    rule.level = Level.objects.get(code="er_today")
    rule.save()
    [change] = publishing.unpublished_changes()
    assert (change.section, change.name) == ("Rule", "fever")
    fields = {field.field: field for field in change.fields}
    assert set(fields) == {"level", "any_of"}
    assert (fields["level"].before, fields["level"].after) == ("urgent", "er_today")
    assert fields["any_of"].after == ["age_65_plus"]

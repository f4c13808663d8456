"""Issue 20 (editors, round 2), failure 7: a translation is "out of date" until a translator says a
save brings it up to date with the English guide, and she is shown what changed in English since
she last did. A save alone never clears the flag; a save that changes nothing records nothing;
the statement alone is recorded. Through the admin's forms, on the real database."""

from datetime import timedelta
from importlib import import_module
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from guides.models import ENGLISH, SPANISH, Guide, Source
from guides.services import is_out_of_date, publish_guide
from guides.versions import changed_fields

pytestmark = pytest.mark.django_db

BOX = "brought_up_to_date"
PANEL = "What changed in English since this translation was last brought up to date"
REASON = "Brought up to date with the English guide"
NEW_ENGLISH_WORDS = "Use plenty of lubricant every time."


def change_url(guide) -> str:
    return f"/admin/guides/guide/{guide.pk}/change/"


def out_of_date_pks() -> set[int]:
    return set(Guide.objects.out_of_date_translations().values_list("pk", flat=True))


def publish_english_change(english: Guide, *, body_end: str = "", source: dict | None = None):
    """An editor changes the English guide and a clinical reviewer publishes it."""
    english.body += body_end
    english.save()
    if source is not None:
        Source.objects.create(guide=english, order=99, **source)
    publish_guide(guide=english, reviewer_name="Dr A. Rivera")


@pytest.fixture
def form_data(change_form_data):
    """The change form's data as the page sends it, the sources' accessed-on dates included (a
    launch guide's sources have them)."""

    def data(guide, **overrides):
        fields = change_form_data(guide, **overrides)
        for index, source in enumerate(guide.sources.all()):
            accessed_on = source.accessed_on.isoformat() if source.accessed_on else ""
            fields.setdefault(f"sources-{index}-accessed_on", accessed_on)
        return fields

    return data


@pytest.fixture
def translation():
    """The Spanish guide "prevencion", brought up to date now; its English guide is then
    published with a new sentence."""
    guide = Guide.objects.get(language=SPANISH, slug="prevencion")
    Guide.objects.filter(pk=guide.pk).update(brought_up_to_date_at=timezone.now())
    publish_english_change(guide.original, body_end=f"\n\n{NEW_ENGLISH_WORDS}\n")
    guide.refresh_from_db()
    assert is_out_of_date(guide)
    return guide


def save(client, guide, data):
    response = client.post(change_url(guide), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    guide.refresh_from_db()
    return client.get(response.url).content.decode()


def test_ticking_the_box_clears_the_flag(editor_client, translation, form_data):
    data = form_data(translation, body=translation.body + "\n\nUna frase nueva.", **{BOX: "on"})
    page = save(editor_client, translation, data)
    assert not is_out_of_date(translation)
    assert translation.pk not in out_of_date_pks()
    assert "recorded as brought up to date with the English guide" in page
    assert translation.history.first().history_change_reason == REASON


def test_a_plain_save_keeps_the_flag(editor_client, translation, form_data):
    save(editor_client, translation, form_data(translation, title="Prepararse, con calma"))
    assert translation.title == "Prepararse, con calma"
    assert is_out_of_date(translation)
    assert translation.pk in out_of_date_pks()


def test_a_save_that_changes_nothing_records_nothing(editor_client, translation, form_data):
    versions, updated_at = translation.history.count(), translation.updated_at
    # As a browser sends it: line ends as \r\n.
    data = form_data(translation, body=translation.body.replace("\n", "\r\n"))
    page = save(editor_client, translation, data)
    assert "Nothing had changed, so nothing was saved." in page
    assert translation.history.count() == versions
    assert translation.updated_at == updated_at
    assert is_out_of_date(translation)


def test_ticking_the_box_alone_is_saved_and_recorded(editor_client, translation, form_data):
    versions, body = translation.history.count(), translation.body
    save(editor_client, translation, form_data(translation, **{BOX: "on"}))
    assert translation.body == body
    assert translation.history.count() == versions + 1
    latest = translation.history.first()
    assert latest.history_change_reason == REASON
    assert latest.history_user.username == "edna"
    assert latest.brought_up_to_date_at == translation.brought_up_to_date_at
    assert not is_out_of_date(translation)
    history = editor_client.get(f"{change_url(translation)[: -len('change/')]}history/")
    assert REASON in history.content.decode()


def test_the_english_form_has_no_box_and_ignores_one_posted(editor_client, form_data):
    english = Guide.objects.get(language=ENGLISH, slug="prevention")
    assert f'name="{BOX}"' not in editor_client.get(change_url(english)).content.decode()
    save(editor_client, english, form_data(english, **{BOX: "on"}))
    assert english.brought_up_to_date_at is None


def test_the_spanish_form_has_the_box_and_links_to_the_glossary(editor_client, translation):
    page = editor_client.get(change_url(translation)).content.decode()
    assert f'name="{BOX}"' in page
    assert "This save brings the translation up to date with the English guide" in page
    assert 'href="/admin/spanish-glossary/"' in page
    assert (
        "The English guide was published after this translation was last brought up to date" in page
    )


def test_the_panel_shows_the_english_words_added_since_until_brought_up_to_date(
    editor_client, translation, form_data
):
    page = editor_client.get(change_url(translation)).content.decode()
    assert PANEL in page
    assert f"<ins>{NEW_ENGLISH_WORDS}" in page.replace("\n", "")
    save(editor_client, translation, form_data(translation, **{BOX: "on"}))
    assert PANEL not in editor_client.get(change_url(translation)).content.decode()


def test_the_panel_compares_published_english_text_and_lists_sources(editor_client, form_data):
    """A draft of the English guide that was not yet published when the translation was brought
    up to date counts as a change since: the translation follows what the public saw."""
    translation = Guide.objects.get(language=SPANISH, slug="tratamiento")
    english = translation.original
    english.body += "\n\nA draft sentence about sitz baths.\n"
    english.save()  # saved, not published
    Guide.objects.filter(pk=translation.pk).update(brought_up_to_date_at=timezone.now())
    removed = english.sources.first()
    removed.delete()
    publish_english_change(
        english,
        source={"title": "Anal fissure", "publisher": "ASCRS", "url": "https://fascrs.org/x"},
    )
    page = editor_client.get(change_url(translation)).content.decode().replace("\n", "")
    assert PANEL in page
    assert "<ins>A draft sentence about sitz baths." in page
    assert "<ins>ASCRS: Anal fissure https://fascrs.org/x</ins>" in page
    assert f"<del>{removed.publisher}: {removed.title} {removed.url}</del>" in page


def test_without_an_english_version_that_old_the_whole_english_text_is_shown(
    editor_client, translation
):
    Guide.objects.filter(pk=translation.pk).update(
        brought_up_to_date_at=timezone.now() - timedelta(days=3650)
    )
    page = editor_client.get(change_url(translation)).content.decode()
    assert PANEL in page
    assert "so its whole published text is shown" in page
    assert NEW_ENGLISH_WORDS in page
    assert f"<ins>{NEW_ENGLISH_WORDS}" not in page


def test_the_launch_loader_brings_a_spanish_launch_guide_up_to_date():
    Guide.objects.filter(language=SPANISH, slug="por-que-pasa").delete()
    call_command("load_seed_content", stdout=StringIO())
    added = Guide.objects.get(language=SPANISH, slug="por-que-pasa")
    assert added.brought_up_to_date_at is not None
    assert added.brought_up_to_date_at >= added.original.published_at
    assert not is_out_of_date(added)


def test_the_migration_keeps_every_translations_flag_as_it_was():
    """Until 0016 a translation was out of date when its English guide was published after the
    translation's last save: each one counts as brought up to date then."""
    migration = import_module("guides.migrations.0016_translation_brought_up_to_date")
    apps = (
        MigrationExecutor(connection)
        .loader.project_state(("guides", "0016_translation_brought_up_to_date"), at_end=True)
        .apps
    )
    now = timezone.now()
    Guide.objects.filter(language=ENGLISH).update(published_at=now - timedelta(days=2))
    translations = Guide.objects.filter(language=SPANISH)
    translations.update(brought_up_to_date_at=None, created_at=now - timedelta(days=10))
    saved_after = translations.get(slug="prevencion")  # saved after its English guide's publish
    saved_before = translations.get(slug="tratamiento")  # saved before it: out of date
    translations.exclude(pk=saved_before.pk).update(updated_at=now - timedelta(days=1))
    translations.filter(pk=saved_before.pk).update(updated_at=now - timedelta(days=5))

    migration.forwards(apps, None)

    assert out_of_date_pks() == {saved_before.pk}
    saved_after.refresh_from_db()
    assert saved_after.brought_up_to_date_at == saved_after.updated_at
    assert Guide.objects.get(language=ENGLISH, slug="prevention").brought_up_to_date_at is None
    # Its kept versions carry the same date, so the next save's history does not say it was
    # brought up to date when nobody said so.
    assert set(saved_after.history.values_list("brought_up_to_date_at", flat=True)) == {
        saved_after.brought_up_to_date_at
    }
    saved_after.body += "\nUna frase más."
    saved_after.save()
    assert "brought up to date" not in " ".join(
        changed_fields(saved_after.history.first(), saved_after.history.first().prev_record)
    )

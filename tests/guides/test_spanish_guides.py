"""Spanish guides (issue 11): each is a guide of its own, linked to its English original by a
shared translation key, served under /es/ by its Spanish slug, in the API with ?lang=es and in
the sitemap, shown in the admin with the other language's status, an out-of-date flag and its
Spanish reading ease, and waiting for a Spanish-speaking clinician's sign-off."""

import json
import re
from datetime import date, timedelta
from importlib import import_module
from io import StringIO

import pytest
import textstat
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from textstat.backend import metrics

from core.review_queue import waiting
from guides.models import ENGLISH, SPANISH, Guide
from guides.readability import (
    CONFIRM_BELOW_INFLESZ,
    TARGET_INFLESZ,
    measure_html,
    measure_markdown,
    plain_text,
)
from guides.seed import LAUNCH_REASON, SEED_REVIEWER, read_seed_guides
from guides.services import (
    is_out_of_date,
    mark_guide_reviewed,
    publish_guide,
    published_versions,
    unpublish_guide,
)

pytestmark = pytest.mark.django_db

SPANISH_SEEDS = read_seed_guides(SPANISH)
ENGLISH_OF = {seed["slug"]: seed["translation_of"] for seed in SPANISH_SEEDS}
# English words of the interface that must never show on a Spanish page (the guides' text is
# Spanish by construction; these are the words the templates add around it).
ENGLISH_UI_STRINGS = [
    "Last reviewed",
    "Page last reviewed",
    "Next review",
    "Sources",
    "Exit this page",
    "Guides",
    "Symptom check",
    "Get help",
    "Skip to main content",
    "All guides",
    "Privacy",
    "About and how we check",
    "No guides are published yet",
    "Bleeding after anal sex",
    "January",
    "December",
]
SPANISH_PAGES = ["/es/", "/es/guides/", *[f"/es/guides/{seed['slug']}/" for seed in SPANISH_SEEDS]]


def spanish(slug: str) -> Guide:
    return Guide.objects.get(language=SPANISH, slug=slug)


def english(slug: str) -> Guide:
    return Guide.objects.get(language=ENGLISH, slug=slug)


def visible_text(html: str) -> str:
    """What a reader sees: no tags, scripts or attributes."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def alternate_links(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def language_link(html: str) -> str:
    return re.search(r'<a class="site-nav__link site-nav__language"[^>]*>[^<]*</a>', html)[0]


# The model, the migration and the loader ---------------------------------------------------


def test_a_fresh_database_has_each_spanish_guide_published_and_linked_to_its_original():
    assert Guide.objects.in_language(SPANISH).count() == len(SPANISH_SEEDS) == 7
    for seed in SPANISH_SEEDS:
        guide, original = spanish(seed["slug"]), english(seed["translation_of"])
        assert guide.is_published
        assert guide.translation_key == original.translation_key
        assert guide.original == original
        assert list(original.translations()) == [guide]
        assert guide.published_title == seed["title"]
        assert guide.order == original.order
        # The English original's sources, in order, after any Spanish-language pages first.
        spanish_pages = [s for s in guide.published_sources if s["language"] == SPANISH]
        assert guide.published_sources[len(spanish_pages) :] == original.published_sources
        assert spanish_pages == guide.published_sources[: len(spanish_pages)]
        assert guide.sources.count() == len(seed["sources"])
        assert guide.needs_language_review
        assert not original.needs_language_review
        assert guide.published_reviewed_by == SEED_REVIEWER


def test_each_spanish_guide_starts_with_its_launch_version_sources_included():
    for seed in SPANISH_SEEDS:
        [first] = spanish(seed["slug"]).history.all()
        assert first.history_change_reason == LAUNCH_REASON
        assert first.language == SPANISH
        assert [source["url"] for source in first.sources] == [
            source["url"] for source in seed["sources"]
        ]


def test_published_keeps_meaning_english_unless_told_otherwise():
    assert set(Guide.objects.published().values_list("language", flat=True)) == {ENGLISH}
    assert set(Guide.objects.published(SPANISH).values_list("slug", flat=True)) == set(ENGLISH_OF)
    assert Guide.objects.published(language=None).count() == 14


def test_a_slug_is_unique_within_a_language_only(make_guide):
    make_guide(slug="shared-slug")
    make_guide(slug="shared-slug", language=SPANISH)  # another language: fine
    with pytest.raises(IntegrityError), transaction.atomic():
        make_guide(slug="shared-slug", language=SPANISH)


def test_an_original_has_at_most_one_version_per_language(make_guide):
    original = make_guide()
    make_guide(language=SPANISH, translation_key=original.translation_key)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_guide(language=SPANISH, translation_key=original.translation_key)


def test_load_seed_content_adds_missing_spanish_guides_with_the_same_loader():
    Guide.objects.filter(language=SPANISH, slug__in=["por-que-pasa", "tratamiento"]).delete()
    edited = spanish("prevencion")
    edited.body = "Un texto propio."
    edited.save()
    out = StringIO()
    call_command("load_seed_content", stdout=out)
    assert "2 guide(s) added" in out.getvalue()
    added = spanish("por-que-pasa")
    assert added.translation_key == english("why-it-happens").translation_key
    assert added.needs_language_review
    assert added.is_published
    assert added.history.earliest().history_change_reason == LAUNCH_REASON
    assert spanish("prevencion").body == "Un texto propio."
    call_command("load_seed_content", stdout=out)  # nothing more
    assert Guide.objects.in_language(SPANISH).count() == 7


def test_the_migration_adds_the_spanish_guides_with_their_launch_version():
    migration = import_module("guides.migrations.0013_spanish_guides")
    apps = (
        MigrationExecutor(connection)
        .loader.project_state(("guides", "0013_spanish_guides"), at_end=False)
        .apps
    )
    Guide.objects.filter(language=SPANISH).delete()
    migration.forwards(apps, None)
    for seed in SPANISH_SEEDS:
        guide = spanish(seed["slug"])
        assert guide.translation_key == english(seed["translation_of"]).translation_key
        [first] = guide.history.all()
        assert first.history_change_reason == LAUNCH_REASON
        assert len(first.sources) == len(seed["sources"])
    migration.forwards(apps, None)  # running again adds nothing
    assert Guide.objects.in_language(SPANISH).count() == 7


def test_an_older_migrations_models_can_still_add_a_guide():
    # Migration 0007's Guide knows nothing of languages: the database fills them in.
    apps = (
        MigrationExecutor(connection)
        .loader.project_state(("guides", "0007_guides_v2_content"), at_end=False)
        .apps
    )
    old = apps.get_model("guides", "Guide").objects.create(
        title="Old", slug="old-model-guide", next_review_due=date(2099, 1, 1)
    )
    other = apps.get_model("guides", "Guide").objects.create(
        title="Old 2", slug="old-model-guide-2", next_review_due=date(2099, 1, 1)
    )
    first, second = Guide.objects.get(pk=old.pk), Guide.objects.get(pk=other.pk)
    assert first.language == second.language == ENGLISH
    assert first.translation_key != second.translation_key


# Signing off, and the helper for the symptom check -------------------------------------------


def test_a_clinical_review_clears_the_spanish_sign_off_flag():
    guide = spanish("tratamiento")
    mark_guide_reviewed(guide=guide, reviewer_name="Dra. L. Pérez, médica de familia")
    guide.refresh_from_db()
    assert not guide.needs_language_review


def test_publishing_changed_words_as_a_reviewer_clears_the_flag_but_a_plain_publish_does_not():
    guide = spanish("prevencion")
    guide.reviewed_by = "Dra. Ana Ruiz"  # the launch text awaits a clinician: record one first
    guide.save()
    publish_guide(guide=guide)  # no words changed, nobody recorded
    assert guide.needs_language_review
    guide.body += "\nUna frase más."
    guide.save()
    publish_guide(guide=guide, reviewer_name="Dra. L. Pérez")
    assert not guide.needs_language_review


def test_published_versions_map_english_slugs_to_their_published_versions_in_a_language():
    slugs = ["why-it-happens", "treatment", "no-such-guide"]
    assert published_versions(slugs, SPANISH) == {
        "why-it-happens": spanish("por-que-pasa"),
        "treatment": spanish("tratamiento"),
    }
    assert published_versions(["why-it-happens"], ENGLISH) == {
        "why-it-happens": english("why-it-happens")
    }
    unpublish_guide(guide=spanish("tratamiento"))
    assert "treatment" not in published_versions(slugs, SPANISH)
    many = Guide.objects.published(SPANISH).translations_of(["what-to-do-now", "prevention"])
    assert set(many.values_list("slug", flat=True)) == {"que-hacer-ahora", "prevencion"}


# Public pages --------------------------------------------------------------------------------


def test_the_spanish_guide_list_and_home_list_the_spanish_guides(client):
    for path in ("/es/", "/es/guides/"):
        html = client.get(path).content.decode()
        for seed in SPANISH_SEEDS:
            assert f'href="/es/guides/{seed["slug"]}/"' in html
            assert seed["title"] in html
        assert 'href="/guides/why-it-happens/"' not in html.split('<main id="main"')[1]
    english_list = client.get("/guides/").content.decode()
    assert "Por qué pasa" not in english_list


def test_a_spanish_guide_is_at_its_spanish_slug_under_es_only(client):
    assert client.get("/es/guides/por-que-pasa/").status_code == 200
    assert client.get("/es/guides/why-it-happens/").status_code == 404
    assert client.get("/guides/por-que-pasa/").status_code == 404
    assert client.get("/guides/why-it-happens/").status_code == 200


def test_a_spanish_guide_page_is_spanish_and_names_its_english_original(client, settings):
    response = client.get("/es/guides/por-que-pasa/")
    html = response.content.decode()
    assert '<html lang="es-US">' in html
    assert alternate_links(html) == {
        "en-US": f"{settings.SITE_ORIGIN}/guides/why-it-happens/",
        "es-US": f"{settings.SITE_ORIGIN}/es/guides/por-que-pasa/",
        "x-default": f"{settings.SITE_ORIGIN}/guides/why-it-happens/",
    }
    assert language_link(html) == (
        '<a class="site-nav__link site-nav__language" href="/guides/why-it-happens/" '
        'lang="en" hreflang="en">English</a>'
    )
    assert f'<link rel="canonical" href="{settings.SITE_ORIGIN}/es/guides/por-que-pasa/">' in html
    data = json.loads(re.search(r'ld\+json">(.*?)</script>', html, re.S)[1])
    assert data["inLanguage"] == "es-US"
    assert data["url"].endswith("/es/guides/por-que-pasa/")
    assert "Set-Cookie" not in response.headers


def test_an_english_guide_page_links_to_its_spanish_version(client):
    html = client.get("/guides/when-to-see-a-doctor/").content.decode()
    assert alternate_links(html)["es-US"].endswith("/es/guides/cuando-ver-a-un-medico/")
    assert 'href="/es/guides/cuando-ver-a-un-medico/" lang="es" hreflang="es">Español' in html


def test_a_guide_without_a_translation_links_to_the_other_languages_list(client, make_guide):
    guide = make_guide(title="Only in English")
    html = client.get(guide.get_absolute_url()).content.decode()
    assert set(alternate_links(html)) == {"en-US", "x-default"}
    assert 'href="/es/guides/" lang="es" hreflang="es">Español' in html
    # An unpublished translation is no alternate either.
    make_guide(language=SPANISH, translation_key=guide.translation_key, publish=False)
    client_html = client.get(guide.get_absolute_url()).content.decode()
    assert set(alternate_links(client_html)) == {"en-US", "x-default"}


def test_a_spanish_only_guide_links_to_the_english_list(client, make_guide):
    guide = make_guide(title="Solo en español", language=SPANISH)
    html = client.get(guide.get_absolute_url()).content.decode()
    assert guide.get_absolute_url() == f"/es/guides/{guide.slug}/"
    assert set(alternate_links(html)) == {"es-US"}
    assert 'href="/guides/" lang="en" hreflang="en">English' in html


@pytest.mark.parametrize("path", SPANISH_PAGES)
def test_no_english_interface_words_on_a_spanish_guide_page(client, path):
    text = visible_text(client.get(path).content.decode())
    # The language link says "English" in English, on purpose; the sources keep their titles.
    text = text.replace("English", "")
    sources = re.findall(
        r'rel="noopener noreferrer">([^<]*)</a>', client.get(path).content.decode()
    )
    for title in sources:
        text = text.replace(title, "")
    for words in ENGLISH_UI_STRINGS:
        assert words not in text, (path, words)


def test_review_dates_on_a_spanish_page_are_written_in_spanish(client):
    html = client.get("/es/guides/por-que-pasa/").content.decode()
    assert '<time datetime="2026-12-05">5 de diciembre de 2026</time>' in html
    assert '<time datetime="2027-12-05">5 de diciembre de 2027</time>' in html
    english_html = client.get("/guides/why-it-happens/").content.decode()
    assert '<time datetime="2026-12-05">5 December 2026</time>' in english_html


def test_a_spanish_draft_previews_in_spanish_for_staff(editor_client):
    html = editor_client.get("/preview/guides/tratamiento/?lang=es").content.decode()
    assert '<html lang="es-US">' in html
    assert "Cómo aliviar el dolor" in html
    assert editor_client.get("/preview/guides/tratamiento/").status_code == 404


# API -----------------------------------------------------------------------------------------


def test_the_api_gives_the_spanish_guides_with_lang_es(client):
    guides = client.get("/api/v1/guides/?lang=es").json()
    assert {guide["slug"] for guide in guides} == set(ENGLISH_OF)
    assert {guide["language"] for guide in guides} == {"es"}
    assert guides[0]["url"] == "http://testserver/es/guides/por-que-pasa/"
    detail = client.get("/api/v1/guides/por-que-pasa/?lang=es")
    assert detail.status_code == 200
    assert detail.json()["title"] == "Por qué pasa"
    assert client.get("/api/v1/guides/por-que-pasa/").status_code == 404
    assert client.get("/api/v1/guides/why-it-happens/?lang=es").status_code == 404


def test_the_api_without_lang_or_with_en_is_english(client):
    for path in ("/api/v1/guides/", "/api/v1/guides/?lang=en"):
        guides = client.get(path).json()
        assert {guide["language"] for guide in guides} == {"en"}
        assert "why-it-happens" in {guide["slug"] for guide in guides}


@pytest.mark.parametrize("lang", ["fr", "es-MX", "", "EN"])
def test_an_unknown_lang_is_a_400_naming_the_languages_offered(client, lang):
    for path in ("/api/v1/guides/", "/api/v1/guides/why-it-happens/"):
        response = client.get(path, {"lang": lang})
        assert response.status_code == 400
        assert response.json() == {"lang": ["Unknown language. The languages offered are: en, es."]}


def test_the_page_cache_never_answers_lang_es_with_the_english_body(client):
    english_body = client.get("/api/v1/guides/").content  # stored by the page cache
    assert client.get("/api/v1/guides/")["ETag"]  # and served from it
    spanish_response = client.get("/api/v1/guides/?lang=es")
    assert spanish_response.content != english_body
    assert b"por-que-pasa" in spanish_response.content
    # ?lang=es is a public page of its own (core.caching keys it with its query): stored and
    # revalidated like the English one, never answered with the English body.
    assert "no-store" not in spanish_response["Cache-Control"]
    again = client.get(
        "/api/v1/guides/?lang=es", headers={"if-none-match": spanish_response["ETag"]}
    )
    assert again.status_code == 304
    assert client.get("/api/v1/guides/").content == english_body
    assert client.get("/api/v1/guides/?lang=fr")["Cache-Control"].startswith("no-store")


# Sitemap -------------------------------------------------------------------------------------


def test_the_sitemap_has_a_spanish_section_with_alternates(client, settings):
    xml = client.get("/sitemap.xml").content.decode()
    origin = settings.SITE_ORIGIN
    urls = {
        loc: block
        for block in re.findall(r"<url>.*?</url>", xml, re.S)
        for loc in re.findall(r"<loc>([^<]+)</loc>", block)
    }
    assert f"{origin}/es/guides/por-que-pasa/" in urls
    for path in ("/es/", "/es/guides/", "/es/about/", "/es/triage/", "/about/"):
        assert f"{origin}{path}" in urls, path
    spanish_guide = urls[f"{origin}/es/guides/por-que-pasa/"]
    assert f'hreflang="en-US" href="{origin}/guides/why-it-happens/"' in spanish_guide
    assert f'hreflang="es-US" href="{origin}/es/guides/por-que-pasa/"' in spanish_guide
    assert f'hreflang="x-default" href="{origin}/guides/why-it-happens/"' in spanish_guide
    about = urls[f"{origin}/es/about/"]
    assert f'hreflang="en-US" href="{origin}/about/"' in about
    assert f'hreflang="es-US" href="{origin}/es/about/"' in about
    assert "/es/guides/why-it-happens/" not in xml


# Admin ---------------------------------------------------------------------------------------


def change_url(guide) -> str:
    return f"/admin/guides/guide/{guide.pk}/change/"


def test_the_guide_list_has_a_language_column_and_filter(editor_client):
    page = editor_client.get("/admin/guides/guide/?language__exact=es").content.decode()
    assert "Por qué pasa" in page
    assert "Why it happens" not in page
    assert "English: Published" in page
    assert "Needs review by a Spanish-speaking clinician" in page
    full = editor_client.get("/admin/guides/guide/").content.decode()
    assert "Español: Published" in full or "Spanish: Published" in full


def test_each_change_page_shows_the_other_languages_status_and_link(editor_client):
    original, translation = english("treatment"), spanish("tratamiento")
    english_page = editor_client.get(change_url(original)).content.decode()
    assert f'<a href="{change_url(translation)}">Cómo aliviar el dolor y ayudar a sanar</a>' in (
        english_page
    )
    assert "(Published)" in english_page
    spanish_page = editor_client.get(change_url(translation)).content.decode()
    assert f'<a href="{change_url(original)}">{original.title}</a> (Published)' in spanish_page
    assert "Needs review by a Spanish-speaking clinician" in spanish_page
    assert "Out of date" not in spanish_page


def test_a_translation_is_out_of_date_once_its_original_is_published_after_it(
    editor_client, change_form_data
):
    original, translation = english("prevention"), spanish("prevencion")
    assert not is_out_of_date(translation)
    Guide.objects.filter(pk=translation.pk).update(
        brought_up_to_date_at=timezone.now() - timedelta(days=1)
    )
    original.body += "\nOne more sentence."
    original.save()
    publish_guide(guide=original, reviewer_name="Dr A. Rivera")
    translation.refresh_from_db()
    assert is_out_of_date(translation)
    assert not is_out_of_date(original)
    page = editor_client.get(change_url(translation)).content.decode()
    assert "Out of date" in page
    assert (
        "The English guide was published after this translation was last brought up to date" in page
    )
    listed = editor_client.get("/admin/guides/guide/?translation=out-of-date").content.decode()
    assert "Cómo prepararse para la próxima vez" in listed
    assert "Por qué pasa" not in listed
    assert any(item.title == translation.title and "out of date" in item.kind for item in waiting())

    # A save alone, even one that changes the words, does not bring it up to date (issue 20)...
    data = change_form_data(translation, body=translation.body + "\n\nUna frase más.")
    assert editor_client.post(change_url(translation), data).status_code == 302
    translation.refresh_from_db()
    assert "Una frase más" in translation.body
    assert is_out_of_date(translation)
    assert Guide.objects.out_of_date_translations().filter(pk=translation.pk).exists()
    # ...a save that says it does, does.
    data = change_form_data(translation, brought_up_to_date="on")
    assert editor_client.post(change_url(translation), data).status_code == 302
    translation.refresh_from_db()
    assert not is_out_of_date(translation)
    assert not Guide.objects.out_of_date_translations().filter(pk=translation.pk).exists()


def test_the_spanish_guides_wait_for_a_spanish_speaking_clinician(reviewer_client):
    kinds = {item.title: item.kind for item in waiting()}
    for seed in SPANISH_SEEDS:
        assert kinds[seed["title"]] == "Guide: needs review by a Spanish-speaking clinician"
    guide = spanish("en-la-consulta")
    mark_guide_reviewed(guide=guide, reviewer_name="Dra. L. Pérez")
    # Signed off; it waits only for its new review record to be published.
    assert {item.title: item.kind for item in waiting()}[guide.title] == "Guide"
    publish_guide(guide=guide)
    assert guide.title not in {item.title for item in waiting()}
    page = reviewer_client.get("/admin/").content.decode()
    assert "Por qué pasa" in page.split('aria-labelledby="waiting-heading"')[1]


def test_a_spanish_guide_shows_its_szigriszt_pazos_reading_ease(editor_client):
    guide = spanish("por-que-pasa")
    expected = metrics.szigriszt_pazos(plain_text(guide.body), "es")
    result = measure_markdown(guide.body, SPANISH)
    assert result.grade == round(expected, 1)
    assert result.grade >= TARGET_INFLESZ
    assert result.on_target
    assert measure_html(guide.published_html, SPANISH).grade >= TARGET_INFLESZ
    assert textstat.textstat._textstatistics__lang == "en_US"  # global language untouched
    page = editor_client.get(change_url(guide)).content.decode()
    assert f"Saved working text:</strong> ease {result.grade}</p>" in page
    assert "Szigriszt-Pazos" in page
    listed = editor_client.get("/admin/guides/guide/?language__exact=es").content.decode()
    assert f">{result.grade}<" in listed


def test_hard_spanish_is_flagged_and_asks_before_publishing(reviewer_client, change_form_data):
    guide = spanish("tratamiento")
    hard = "## Evaluación\n\n" + 10 * (
        "Independientemente de la considerable variabilidad interindividual, las "
        "manifestaciones anorrectales requieren evaluación multidisciplinaria exhaustiva. "
    )
    result = measure_markdown(hard, SPANISH)
    assert result.grade < CONFIRM_BELOW_INFLESZ
    assert result.needs_confirmation
    response = reviewer_client.post(
        change_url(guide), change_form_data(guide, body=hard, _publish="1")
    )
    assert response["Location"] == f"/admin/guides/guide/{guide.pk}/publish/"
    question = reviewer_client.get(response["Location"]).content.decode()
    assert "Reading ease (Szigriszt-Pazos):" in question
    assert f"Below {CONFIRM_BELOW_INFLESZ}" in question


def test_add_the_spanish_version_from_the_english_guide(editor_client, make_guide):
    original = make_guide(title="English only")
    page = editor_client.get(change_url(original)).content.decode()
    link = re.search(r'href="(/admin/guides/guide/add/\?[^"]+)">Add the Spanish version', page)[1]
    link = link.replace("&amp;", "&")
    form = editor_client.get(link).content.decode()
    assert f'value="{original.translation_key}"' in form
    response = editor_client.post(
        link,
        {
            "language": SPANISH,
            "translation_key": str(original.translation_key),
            "title": "Solo inglés",
            "slug": original.slug,  # the same slug is fine in another language
            "summary": "Un resumen.",
            "body": "Un texto.",
            "order": original.order,
            "next_review_due": "2099-01-01",
            "sources-TOTAL_FORMS": 0,
            "sources-INITIAL_FORMS": 0,
            "sources-MIN_NUM_FORMS": 0,
            "sources-MAX_NUM_FORMS": 1000,
        },
    )
    assert response.status_code == 302
    translation = Guide.objects.get(language=SPANISH, slug=original.slug)
    assert translation.translation_key == original.translation_key
    assert not translation.is_published


def test_a_slug_taken_in_the_same_language_is_refused_in_the_form(
    reviewer_client, change_form_data
):
    guide = spanish("tratamiento")
    response = reviewer_client.post(change_url(guide), change_form_data(guide, slug="prevencion"))
    assert response.status_code == 200
    assert "Another guide in this language already has this web address." in (
        response.content.decode()
    )
    english_slug = reviewer_client.post(
        change_url(guide), change_form_data(guide, slug="treatment")
    )
    assert english_slug.status_code == 302  # an English guide's slug is free in Spanish
    guide.refresh_from_db()
    assert (guide.language, guide.slug) == (SPANISH, "treatment")


def test_a_spanish_page_marks_english_sources_en_ingles_and_spanish_ones_not(client):
    html = client.get("/es/guides/proteccion-its/").content.decode()
    sources = html.split('id="sources-heading"', 1)[1].split("</section>", 1)[0]
    items = list(sources.split("<li>")[1:])
    marked = [item for item in items if "(en inglés)" in item]
    assert marked
    assert len(marked) < len(items)
    assert all("hivinfo.nih.gov/es" not in item for item in marked)
    english = client.get("/guides/sti-protection/").content.decode()
    assert "(in English)" not in english
    assert "(en inglés)" not in english

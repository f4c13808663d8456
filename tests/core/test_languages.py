"""English at today's addresses, Spanish under /es/: the language comes from the address alone
(issue 11), and the compiled Spanish catalog is the one its source says."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/guides/", "/triage/", "/get-help/", "/about/", "/privacy/", "/offline/"]


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_each_page_is_english_at_its_address_and_spanish_under_es(client, path):
    english, spanish = client.get(path), client.get("/es" + path)
    assert (english.status_code, spanish.status_code) == (200, 200)
    assert (html_lang(english), html_lang(spanish)) == ("en-US", "es-US")
    for response in (english, spanish):
        page = response.content.decode()
        assert f'hreflang="en-US" href="{settings.SITE_ORIGIN}{path}"' in page
        assert f'hreflang="es-US" href="{settings.SITE_ORIGIN}/es{path}"' in page
        assert "Set-Cookie" not in response.headers
        assert "Accept-Language" not in response.headers.get("Vary", "")
    assert f'href="/es{path}" lang="es" hreflang="es">Español</a>' in english.content.decode()
    assert f'href="{path}" lang="en" hreflang="en">English</a>' in spanish.content.decode()


@pytest.mark.parametrize(
    ("typed", "home"),
    [
        ("/es", "/es/"),
        ("/ES/", "/es/"),
        ("/Es", "/es/"),
        ("/es//", "/es/"),
        ("/ES/guides/", "/es/guides/"),
        ("/es//triage/", "/es/triage/"),
        ("/ES/get-help/?x=1", "/es/get-help/?x=1"),
    ],
)
def test_a_spanish_address_as_typed_sends_a_spanish_speaker_to_the_spanish_page(
    client, typed, home
):
    response = client.get(typed)
    assert (response.status_code, response["Location"]) == (301, home)
    page = client.get(home)
    assert page.status_code == 200
    assert html_lang(page) == "es-US"


def test_the_spanish_home_is_spanish_and_its_bare_prefix_is_never_an_english_404(client):
    response = client.get("/es", follow=True)
    assert response.redirect_chain == [("/es/", 301)]
    assert html_lang(response) == "es-US"
    assert "Sangrado" in response.content.decode() or "sangrado" in response.content.decode()


def test_addresses_that_only_look_spanish_are_left_alone(client):
    assert client.get("/escape/").status_code == 404
    assert client.get("/es/").status_code == 200


def test_no_cookie_header_or_session_chooses_the_language(client):
    asked_for_spanish = {"Accept-Language": "es-MX,es;q=0.9", "Cookie": "django_language=es"}
    response = client.get("/", headers=asked_for_spanish)
    assert response.status_code == 200  # no redirect to /es/
    assert html_lang(response) == "en-US"
    assert html_lang(client.get("/es/", headers={"Accept-Language": "en"})) == "es-US"


def test_spanish_pages_say_their_words_in_spanish(client):
    home = client.get("/es/").content.decode()
    assert "Salir de esta página" in home
    assert "Exit this page" not in home
    assert "<title>Inicio – Notas de salud</title>" in home or "Notas de salud</title>" in home


def test_the_compiled_spanish_catalog_matches_its_source():
    folder = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES"
    source = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(folder / "django.po"))}
    compiled = {(e.msgctxt, e.msgid): e for e in polib.mofile(str(folder / "django.mo"))}
    translated = {key: entry for key, entry in source.items() if not entry.obsolete}
    assert set(compiled) >= set(translated), "run: msgfmt -o django.mo django.po"
    for key, entry in translated.items():
        assert (compiled[key].msgstr, compiled[key].msgstr_plural) == (
            entry.msgstr,
            entry.msgstr_plural,
        ), key

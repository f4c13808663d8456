"""The installable app in Spanish (issue 11): its own manifest, and a worker that saves the
Spanish pages only when a Spanish page registers it."""

import re

import pytest

pytestmark = pytest.mark.django_db


def worker_pages(client, query=""):
    script = client.get("/serviceworker.js" + query).content.decode()
    return re.search(r'"pages": (\[.*?\])', script).group(1)


def test_the_spanish_manifest_installs_a_spanish_app_with_the_same_icons(client):
    english, spanish = client.get("/manifest.json").json(), client.get("/es/manifest.json").json()
    assert (spanish["lang"], spanish["start_url"], spanish["id"]) == ("es-US", "/es/", "/es/")
    assert spanish["name"] == spanish["short_name"] == "Notas de salud"
    assert spanish["icons"] == english["icons"]
    assert (english["id"], english["start_url"]) == ("/", "/")


def test_a_spanish_page_registers_the_spanish_worker_and_links_its_manifest(client):
    page = client.get("/es/").content.decode()
    assert 'data-service-worker="/serviceworker.js?lang=es"' in page
    assert '<link rel="manifest" href="/es/manifest.json">' in page
    assert 'content="Notas de salud"' in page
    english = client.get("/").content.decode()
    assert 'data-service-worker="/serviceworker.js"' in english


def test_each_worker_saves_one_language(client):
    spanish = worker_pages(client, "?lang=es")
    assert '"/es/triage/"' in spanish
    assert '"/api/v1/triage/?lang=es"' in spanish
    assert '"/triage/"' not in spanish
    english = worker_pages(client)
    assert '"/triage/"' in english
    assert "/es/" not in english


def test_an_unknown_worker_language_is_a_400(client):
    response = client.get("/serviceworker.js?lang=fr")
    assert response.status_code == 400
    assert "en, es" in response.content.decode()


def test_the_exit_and_offline_screens_speak_spanish(client):
    exit_page = client.get("/es/exit/").content.decode()
    assert '<html lang="es-US"' in exit_page
    offline = client.get("/es/offline/").content.decode()
    assert "No tiene conexión" in offline


def test_the_spanish_worker_and_offline_page_carry_the_spanish_guides(client):
    spanish = worker_pages(client, "?lang=es")
    assert '"/es/guides/por-que-pasa/"' in spanish
    assert '"/guides/why-it-happens/"' not in spanish
    assert "/es/guides/por-que-pasa/" in client.get("/es/offline/").content.decode()

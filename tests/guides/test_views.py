import json
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_shows_the_emergency_card_first_then_the_check_and_the_guides(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode().split('<main id="main"')[1]
    emergency = html.index("care-card--emergency")
    assert emergency < html.index(reverse("triage:start")) < html.index("guide-list")
    assert 'href="tel:911"' in html
    assert 'href="/guides/what-to-do-now/"' in html


def test_home_lists_only_published_guides(client, make_guide):
    make_guide(title="Visible guide")
    make_guide(title="Hidden draft", publish=False)
    html = client.get("/").content.decode()
    assert "Visible guide" in html
    assert "Hidden draft" not in html


def test_guide_page_shows_the_published_text_sources_and_review_dates(client, make_guide):
    guide = make_guide(title="Reviewed guide", body="Body **words**.")
    html = client.get(guide.get_absolute_url()).content.decode()
    assert '<h1 class="page__title">Reviewed guide</h1>' in html
    assert "<strong>words</strong>" in html
    assert "Page last reviewed:" in html
    assert '<time datetime="2026-01-01">1 January 2026</time>' in html
    assert "Next review due:" in html
    assert '<time datetime="2099-01-01">' in html
    assert 'href="https://www.nhs.uk/example-0/" rel="noopener noreferrer"' in html


def test_a_draft_guide_is_never_visible_to_the_public(client, make_guide):
    draft = make_guide(publish=False)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_guide_page_carries_medical_web_page_structured_data(client, make_guide):
    guide = make_guide(title="Data guide")
    html = client.get(guide.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "MedicalWebPage"
    assert data["lastReviewed"] == "2026-01-01"
    assert data["reviewedBy"]["name"] == "Dr Test"
    assert data["name"] == "Data guide"


def test_structured_data_cannot_break_out_of_its_script_tag(client, make_guide):
    guide = make_guide(title="</script><script>alert(1)</script>")
    html = client.get(guide.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in html


@pytest.mark.parametrize("url", ["/", "/guides/", "/guides/treatment/", "/about/", "/triage/"])
def test_public_pages_have_a_description_a_canonical_url_and_a_skip_link(client, url):
    html = client.get(url).content.decode()
    assert re.search(r'<meta name="description" content="[^"]{20,}">', html)
    assert f'<link rel="canonical" href="http://testserver{url}">' in html
    assert 'href="#main"' in html
    assert '<main id="main"' in html


@pytest.mark.parametrize("url", ["/", "/guides/", "/guides/treatment/", "/about/"])
def test_public_pages_set_no_cookie(client, url):
    response = client.get(url)
    assert response.cookies == {}


def test_canonical_url_uses_the_configured_public_origin(client, settings):
    settings.SITE_ORIGIN = "https://care.example.org"
    html = client.get("/guides/").content.decode()
    assert '<link rel="canonical" href="https://care.example.org/guides/">' in html


def test_unknown_page_gets_the_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_a_server_error_gets_the_friendly_500(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr("guides.views.Guide.objects.published", broken)
    client.raise_request_exception = False
    response = client.get("/guides/")
    assert response.status_code == 500
    assert "Sorry, something went wrong on our side" in response.content.decode()


def test_sitemap_lists_published_guides_and_pages_but_not_drafts(client, make_guide):
    draft = make_guide(publish=False)
    xml = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/guides/treatment/" in xml
    assert "http://testserver/about/" in xml
    assert draft.slug not in xml


def test_robots_txt_disallows_previews_names_the_sitemap_and_not_the_admin(client, settings):
    text = client.get("/robots.txt").content.decode()
    assert settings.ADMIN_URL.strip("/") not in text  # a secret ADMIN_URL stays secret
    assert "Disallow: /preview/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text

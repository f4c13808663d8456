"""Public pages are cached per content version, revalidated with ETag/Last-Modified, and
shareable by a CDN; everything else is no-store."""

import gzip
import socket
import time
import warnings

import brotli
import pytest
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import override_settings
from django.urls import path
from django.utils.http import parse_http_date

from analcare import urls as site_urls
from core.caching import cache_public_page
from guides.models import Guide
from guides.services import publish_guide

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    "/guides/",
    "/guides/what-to-do-now/",
    "/about/",
    "/api/v1/guides/",
    "/api/v1/triage/",
    "/privacy/",
    "/offline/",
    "/exit/",
    "/serviceworker.js",
    "/manifest.json",
]


def sets_cookie_page(request):
    response = HttpResponse("<p>Personal</p>" * 50)
    response.set_cookie("seen", "1")
    return response


def form_token_page(request):
    return HttpResponse(f"<input name=csrfmiddlewaretoken value={get_token(request)}>" * 20)


# A copy of the site's URLs plus two marked views that are personal, for the tests below
# (i18n_patterns cannot be included, so the site's list is copied, not included).
urlpatterns = [
    path("personal/cookie/", cache_public_page(sets_cookie_page)),
    path("personal/token/", cache_public_page(form_token_page)),
    *site_urls.urlpatterns,
]


def shared_cache_directives(response) -> set[str]:
    return {part.strip() for part in response.headers.get("Cache-Control", "").split(",")}


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_page_may_be_kept_briefly_by_a_cdn_and_revalidated_by_browsers(client, url):
    response = client.get(url)

    assert response.status_code == 200
    directives = shared_cache_directives(response)
    assert {"public", "max-age=0"} <= directives
    assert any(item.startswith("s-maxage=") and int(item.split("=")[1]) > 0 for item in directives)
    assert response.headers["ETag"].startswith('W/"')
    assert response.headers["Last-Modified"]
    assert not response.cookies


@pytest.mark.parametrize(
    "url",
    [
        "/triage/result/",
        "/admin/login/",
        "/preview/guides/what-to-do-now/",
        "/api/v1/schema/",
        "/guides/no-such-guide/",
        "/no-such-page/",
        "/?utm_source=crawler",
    ],
)
def test_pages_that_do_not_opt_in_are_stored_nowhere(client, url):
    response = client.get(url)

    assert "no-store" in shared_cache_directives(response)
    assert "public" not in shared_cache_directives(response)


def test_posts_to_a_public_address_are_stored_nowhere(client):
    response = client.post("/guides/", {"anything": "1"})

    assert "no-store" in shared_cache_directives(response)


def test_symptom_check_results_are_stored_nowhere(client):
    response = client.post("/triage/result/", {"findings": ["bleeding_persists"]})

    assert "no-store" in shared_cache_directives(response)
    assert "public" not in shared_cache_directives(response)


def test_symptom_check_answers_sent_to_the_api_are_stored_nowhere(client):
    response = client.post(
        "/api/v1/triage/assess/",
        {"findings": ["bleeding_persists"]},
        content_type="application/json",
    )

    assert "no-store" in shared_cache_directives(response)
    assert "public" not in shared_cache_directives(response)


def test_static_files_keep_their_own_cache_header(client, close_response):
    response = client.get("/static/css/base.css")
    close_response(response)

    assert response.status_code == 200
    assert "no-store" not in response.headers["Cache-Control"]
    assert "public" in response.headers["Cache-Control"]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("url", ["/personal/cookie/", "/personal/token/"])
def test_a_marked_page_that_turns_out_personal_is_never_shared(client, url):
    first = client.get(url)
    second = client.get(url)

    assert first.cookies, "the page sets its cookie each time; it is not served from a cache"
    assert second.cookies
    assert "no-store" in shared_cache_directives(second)
    assert "ETag" not in second.headers


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_public_page_is_revalidated_with_a_304_and_sent_compressed(client, url):
    first = client.get(url, headers={"accept-encoding": "br, gzip"})
    assert first["Content-Encoding"] == "br"
    assert brotli.decompress(first.content) == client.get(url).content

    by_etag = client.get(url, headers={"if-none-match": first["ETag"]})
    by_date = client.get(url, headers={"if-modified-since": first["Last-Modified"]})

    assert (by_etag.status_code, by_etag.content) == (304, b"")
    assert (by_date.status_code, by_date.content) == (304, b"")


def test_repeat_visit_with_the_etag_gets_304_without_a_body(client):
    first = client.get("/guides/what-to-do-now/")

    repeat = client.get("/guides/what-to-do-now/", headers={"if-none-match": first["ETag"]})

    assert repeat.status_code == 304
    assert repeat.content == b""
    assert repeat.headers["ETag"] == first.headers["ETag"]
    assert "public" in shared_cache_directives(repeat)


def test_repeat_visit_with_the_last_modified_date_gets_304(client):
    first = client.get("/")

    repeat = client.get("/", headers={"if-modified-since": first["Last-Modified"]})

    assert repeat.status_code == 304


def test_last_modified_is_never_before_the_newest_guide_change(client, make_guide):
    guide = make_guide()
    guide.refresh_from_db()

    response = client.get("/")

    last_modified = parse_http_date(response.headers["Last-Modified"])
    assert last_modified >= int(guide.updated_at.timestamp())
    assert last_modified <= time.time() + 1


def test_a_rule_change_moves_last_modified_on_even_within_the_same_second(client, publish_rules):
    """The home page shows the emergency signs from the triage rules, which no guide date
    covers: a cache that revalidates with the date alone must get the new wording."""
    from triage.models import Rule

    before = client.get("/")
    rule = Rule.objects.get(code="heavy_bleeding")
    rule.watch_for = "Bleeding that soaks a pad and will not stop"
    rule.save()
    assert b"soaks a pad" not in client.get("/").content  # a draft until it is published
    publish_rules()

    after = client.get("/")
    assert b"soaks a pad" in after.content
    assert parse_http_date(after["Last-Modified"]) > parse_http_date(before["Last-Modified"])
    revalidated = client.get("/", headers={"if-modified-since": before["Last-Modified"]})
    assert revalidated.status_code == 200
    assert b"soaks a pad" in revalidated.content


def test_versions_first_served_by_different_workers_still_get_later_dates(client, publish_rules):
    """Each worker has its own cache; the dates come from the database they share. Emptying the
    cache between the two versions stands in for the second worker."""
    from django.core.cache import cache

    from triage.models import Rule

    before = client.get("/")
    rule = Rule.objects.get(code="heavy_bleeding")
    rule.watch_for = "Bleeding that soaks a pad and will not stop"
    rule.save()
    publish_rules()
    cache.clear()

    after = client.get("/")
    assert parse_http_date(after["Last-Modified"]) > parse_http_date(before["Last-Modified"])
    assert (
        client.get("/", headers={"if-modified-since": before["Last-Modified"]}).status_code == 200
    )


def test_a_version_keeps_its_date_across_workers(client):
    from django.core.cache import cache

    first = client.get("/")["Last-Modified"]
    cache.clear()
    assert client.get("/")["Last-Modified"] == first


def test_every_page_of_a_version_has_the_same_last_modified(client):
    dates = {client.get(url)["Last-Modified"] for url in ("/", "/guides/", "/about/")}
    assert len(dates) == 1


def test_a_visit_with_an_older_copy_gets_the_whole_page(client):
    current = client.get("/")

    stale = client.get(
        "/",
        headers={
            "if-none-match": 'W/"an-older-version"',
            "if-modified-since": "Mon, 01 Jan 2001 00:00:00 GMT",
        },
    )

    assert stale.status_code == 200
    assert stale.content == current.content


def test_page_is_served_from_the_cache_until_content_changes(client, make_guide):
    guide = make_guide(body="Original body text.")
    assert b"Original body text." in client.get(guide.get_absolute_url()).content

    # A change to the body that bypasses the publish workflow (and so every content version)
    # is not seen: the page really comes from the cache.
    Guide.objects.filter(pk=guide.pk).update(published_html="<p>Changed behind its back</p>")

    page = client.get(guide.get_absolute_url()).content
    assert b"Original body text." in page
    assert b"Changed behind its back" not in page


@override_settings(PAGE_VERSION_TTL=3600)
def test_publishing_shows_the_new_text_at_once_with_the_same_cache(client, make_guide):
    guide = make_guide(title="Original title")
    before = client.get(guide.get_absolute_url())
    home_before = client.get("/")
    assert b"Original title" in before.content

    guide.title = "Corrected title"
    guide.save()
    publish_guide(guide=guide, reviewer_name="Dr Rita Rivera")

    after = client.get(guide.get_absolute_url())
    assert b"Corrected title" in after.content
    assert b"Original title" not in after.content
    assert after.headers["ETag"] != before.headers["ETag"]
    assert b"Corrected title" in client.get("/").content
    # A browser holding the old page is sent the new one, not a 304.
    revalidated = client.get("/", headers={"if-none-match": home_before["ETag"]})
    assert revalidated.status_code == 200
    assert b"Corrected title" in revalidated.content


def public_version_marks(client) -> tuple:
    """What tells a cache, a search engine or a phone that the public site changed: the page
    validators, the sitemap and the worker (whose script lists the pages it saves)."""
    home = client.get("/")
    worker = client.get("/serviceworker.js").content
    return home["ETag"], home["Last-Modified"], worker, client.get("/sitemap.xml").content


@override_settings(PAGE_VERSION_TTL=0)
def test_a_draft_save_changes_no_version_the_public_can_see(client, make_guide):
    """Issue 19: a draft moved the content version, so an outage after one draft cost every
    public page its cached copy and every installed phone re-downloaded its saved copy."""
    from triage.models import Rule

    guide = make_guide(title="Published title")
    before = public_version_marks(client)
    guide.title = "A draft title"
    guide.save()
    rule = Rule.objects.get(code="fever")
    rule.text = "A draft reason."
    rule.save()
    assert public_version_marks(client) == before

    publish_guide(guide=guide, reviewer_name="Dr Rita Rivera")
    assert public_version_marks(client) != before


def test_deleted_guide_is_gone_at_once(client, make_guide):
    guide = make_guide()
    assert client.get(guide.get_absolute_url()).status_code == 200

    url = guide.get_absolute_url()
    guide.delete()

    assert client.get(url).status_code == 404


def test_public_page_is_compressed_for_clients_that_accept_it(client):
    plain = client.get("/guides/what-to-do-now/")
    with_brotli = client.get("/guides/what-to-do-now/", headers={"accept-encoding": "gzip, br"})
    with_gzip = client.get("/guides/what-to-do-now/", headers={"accept-encoding": "gzip"})
    no_brotli = client.get(
        "/guides/what-to-do-now/", headers={"accept-encoding": "br;q=0, gzip;q=0.5"}
    )

    assert "Content-Encoding" not in plain.headers
    assert with_brotli.headers["Content-Encoding"] == "br"
    assert brotli.decompress(with_brotli.content) == plain.content
    assert len(with_brotli.content) < len(plain.content) / 2
    assert with_gzip.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(with_gzip.content) == plain.content
    assert no_brotli.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in with_brotli.headers["Vary"]
    assert int(with_brotli.headers["Content-Length"]) == len(with_brotli.content)


def test_cached_page_keeps_the_security_headers(client):
    first = client.get("/about/")
    cached = client.get("/about/")

    for header in ("Content-Security-Policy", "X-Frame-Options", "Permissions-Policy"):
        assert cached.headers[header] == first.headers[header]


def test_a_new_release_changes_the_etag(client, settings):
    before = client.get("/")["ETag"]

    settings.RELEASE_ID = "a-later-release"

    assert client.get("/")["ETag"] != before


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_pages_still_render_when_the_shared_cache_is_down(client, caplog):
    unreachable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    with override_settings(CACHES=unreachable):
        response = client.get("/guides/what-to-do-now/")

    assert response.status_code == 200
    assert b"<h1" in response.content
    assert "Page cache unavailable" in caplog.text


def test_plain_http_is_still_redirected_when_the_https_page_is_cached(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/guides/", secure=True).status_code == 200
    assert client.get("/guides/", secure=True).status_code == 200

    response = client.get("/guides/")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/guides/"


def test_a_host_that_is_not_allowed_is_refused_even_for_a_cached_page(client):
    assert client.get("/").status_code == 200

    response = client.get("/", HTTP_HOST="attacker.example")

    assert response.status_code == 400


@override_settings(SITE_ORIGIN="https://care.example.org", ALLOWED_HOSTS=["localhost"])
def test_with_a_site_origin_the_host_header_cannot_add_cache_entries(client, make_guide):
    guide = make_guide(body="Original body text.")
    first = client.get(guide.get_absolute_url(), headers={"host": "localhost:30001"})
    assert b'href="https://care.example.org/guides/' in first.content
    Guide.objects.filter(pk=guide.pk).update(published_html="<p>Changed behind its back</p>")

    # Another port is the same site (ALLOWED_HOSTS ignores ports): the same stored page.
    second = client.get(guide.get_absolute_url(), headers={"host": "localhost:30002"})
    assert b"Original body text." in second.content
    assert b"localhost" not in second.content


HOST_VARIANTS = ["testserver", "TESTSERVER", "testserver:8080", "TestServer:1", "localhost:9"]
ORIGIN_PAGES = ["/", "/guides/what-to-do-now/", "/api/v1/guides/", "/sitemap.xml", "/robots.txt"]


def page_entries() -> set:
    from django.core.cache import cache

    return {key for key in cache._cache if ":page:" in key}


@pytest.mark.parametrize("url", ORIGIN_PAGES)
def test_no_host_variant_adds_a_cache_entry_or_shows_in_a_page(client, url):
    """Port and case variants of an allowed host: one render, one entry, links on SITE_ORIGIN."""
    bodies = set()
    for host in HOST_VARIANTS:
        response = client.get(url, headers={"host": host})
        assert response.status_code == 200
        bodies.add(response.content)
    assert len(page_entries()) == 1
    assert len(bodies) == 1
    body = bodies.pop().decode()
    assert "http://testserver/" in body
    for host in HOST_VARIANTS[1:]:
        assert host not in body
    assert "localhost" not in body


def test_a_very_long_path_makes_a_valid_cache_key(client):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        response = client.get("/guides/" + "a" * 400 + "/")
    assert response.status_code == 404

"""Security and privacy headers on every response, and no cookie for any visitor."""

import itertools

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from guides.models import Guide
from offline.precache import static_urls

pytestmark = pytest.mark.django_db

REQUIRED_CSP = {
    "default-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}
PERMISSIONS_OFF = ["camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"]


def public_urls() -> list[str]:
    guides = list(Guide.objects.published())
    assert guides
    return [
        "/",
        reverse("guides:list"),
        *[guide.get_absolute_url() for guide in guides],
        reverse("triage:start"),
        reverse("about"),
        reverse("privacy"),
        reverse("offline"),
        reverse("exit"),
        reverse("manifest"),
        reverse("serviceworker"),
        reverse("robots"),
        reverse("sitemap"),
        reverse("api:guide-list"),
        reverse("api:guide-detail", kwargs={"slug": guides[0].slug}),
        reverse("api:triage-rules"),
        reverse("api:schema"),
        "/no-such-page/",
        *static_urls(),
    ]


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def fetch(client, close_response, url: str):
    """GET a URL; static files are streamed from disk, so close the response at once."""
    response = client.get(url)
    close_response(response)
    return response


def assert_security_headers(response, url: str, *, referrer_policies=("no-referrer",)):
    csp = csp_directives(response["Content-Security-Policy"])
    for directive, value in REQUIRED_CSP.items():
        assert csp.get(directive) == [value], (url, directive)
    assert "'unsafe-inline'" not in csp["script-src"], url
    assert "'unsafe-eval'" not in csp["script-src"], url
    assert response["Referrer-Policy"] in referrer_policies, url
    assert response["X-Content-Type-Options"] == "nosniff", url
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
    assert response["Cross-Origin-Resource-Policy"] == "same-origin", url
    permissions = {item.strip() for item in response["Permissions-Policy"].split(",")}
    for feature in PERMISSIONS_OFF:
        assert f"{feature}=()" in permissions, (url, feature)


def test_every_public_response_carries_the_security_headers_and_no_cookie(client, close_response):
    for url in public_urls():
        response = fetch(client, close_response, url)
        assert response.status_code in {200, 404}, url
        assert_security_headers(response, url)
        assert not response.cookies, url
        assert "Set-Cookie" not in response.headers, url


def test_static_files_are_served_with_the_headers_too(client, close_response):
    urls = static_urls()
    assert any(url.endswith(".svg") for url in urls)
    for url in urls:
        response = fetch(client, close_response, url)
        assert response.status_code == 200, url
        assert_security_headers(response, url)


def test_the_admin_alone_may_set_a_cookie_and_keeps_the_headers(client):
    response = client.get(reverse("admin:login"))

    assert response.status_code == 200
    # The admin may relax the referrer to same-origin (Django's CSRF check needs an origin).
    assert_security_headers(response, "admin", referrer_policies=("no-referrer", "same-origin"))
    assert settings.CSRF_COOKIE_NAME in response.cookies


def page_urls() -> list[str]:
    """Every public page or document: not static files, not the 404."""
    return [
        url
        for url in public_urls()
        if not url.startswith(settings.STATIC_URL) and url != "/no-such-page/"
    ]


def test_every_public_page_answers_head_with_the_get_headers_and_no_body(client):
    for url in page_urls():
        full = client.get(url)
        head = client.head(url)
        assert head.status_code == full.status_code == 200, url
        assert head.content == b"", url
        assert head["Content-Type"] == full["Content-Type"], url
        assert int(head["Content-Length"]) == len(full.content), url


def test_public_pages_refuse_trace_and_writes_with_405():
    # As a real browser meets them: with CSRF checks, which would otherwise answer 403 first.
    client = Client(enforce_csrf_checks=True)
    for url in [*page_urls(), "/healthz", "/readyz"]:
        for method in ("TRACE", "PUT", "DELETE", "PATCH", "POST"):
            if method == "POST" and url == reverse("triage:start"):
                continue  # the symptom check's own form
            response = client.generic(method, url)
            assert response.status_code == 405, (method, url)
            assert not response.cookies, (method, url)


def test_a_stale_session_cookie_gets_no_cookie_back_on_public_pages(client):
    """A shared phone's browser may still send a staff session cookie after sign-out; public
    pages must neither delete nor renew it, nor vary on it."""
    requests = [
        lambda: client.post(reverse("triage:result"), {"findings": ["lump_or_piles"]}),
        lambda: client.get("/no-such-page/"),
        lambda: client.get("/?utm=1"),
        *[lambda url=url: client.get(url) for url in page_urls()],
    ]
    # A key of a session that has ended, one Django cannot even read, and a malformed token.
    stale_cookies = [
        (settings.SESSION_COOKIE_NAME, "ended0session0key0of0thirty0two"),
        (settings.SESSION_COOKIE_NAME, "abc"),
        (settings.CSRF_COOKIE_NAME, "x"),
    ]
    for (name, value), send in itertools.product(stale_cookies, requests):
        client.cookies.clear()
        client.cookies[name] = value
        response = send()
        assert not response.cookies, response.request["PATH_INFO"]
        assert "Cookie" not in response.headers.get("Vary", ""), response.request["PATH_INFO"]


@pytest.mark.parametrize(
    "send",
    [
        lambda client: client.get("/", headers={"host": "evil.example"}),
        lambda client: client.post(
            reverse("triage:start"),
            "&".join(f"f{n}=1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)),
            content_type="application/x-www-form-urlencoded",
        ),
    ],
    ids=["unknown-host", "too-many-fields"],
)
def test_a_request_django_cannot_read_gets_the_friendly_400_page(client, send):
    client.raise_request_exception = False
    response = send(client)
    assert response.status_code == 400
    page = response.content.decode()
    assert "We could not read that request" in page
    assert 'href="tel:' in page
    assert "evil.example" not in page
    assert not response.cookies

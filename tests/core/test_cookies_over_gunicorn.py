"""Issue 21: a second, independent test of the cookie-dropping middleware, through the
production server: a visitor's browser that still sends a stale session cookie or a malformed
form-token cookie gets no cookie back and no page that varies on cookies, on any public page,
and the answers they post leave nothing behind either."""

import http.client
from urllib.parse import urlencode

import pytest

PUBLIC = ["/", "/guides/", "/triage/", "/get-help/", "/about/", "/es/", "/api/v1/triage/"]
STALE = "__Host-sessionid=" + "s" * 32 + "; __Host-csrftoken=not-a-token; csrftoken=%%%"


def send(port: int, method: str, path: str, body: str = "", **headers):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    connection.request(method, path, body=body or None, headers={"Cookie": STALE, **headers})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


@pytest.mark.parametrize("path", PUBLIC)
def test_a_public_page_sends_no_cookie_to_a_browser_with_stale_ones(production_server, path):
    response = send(production_server.port, "GET", path)
    assert response.status == 200
    assert response.getheader("Set-Cookie") is None
    assert "cookie" not in (response.getheader("Vary") or "").lower()


def test_answers_posted_with_stale_cookies_get_no_cookie_back(production_server):
    form = urlencode([("findings", "heavy_bleeding"), ("step", "emergency")])
    response = send(
        production_server.port,
        "POST",
        "/triage/",
        form,
        **{"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status == 200
    assert response.getheader("Set-Cookie") is None
    assert "cookie" not in (response.getheader("Vary") or "").lower()

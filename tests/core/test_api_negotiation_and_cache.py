"""A public API address answers a client by its Accept header, whether or not the page cache
holds the answer: a client that accepts no JSON gets the 406 (in JSON) every time, never the
stored JSON, and a JSON client never gets a 406 another client caused (issue 19, finding 10)."""

import pytest

pytestmark = pytest.mark.django_db

REFUSING = ["text/html", "image/png", "text/html,application/xhtml+xml;q=0.9"]
ACCEPTING = [None, "application/json", "*/*", "text/html,application/json;q=0.5", "application/*"]


@pytest.fixture(params=["/api/v1/guides/", "/api/v1/guides/what-to-do-now/", "/api/v1/triage/"])
def address(request, settings):
    settings.PAGE_CACHE_ENABLED = True
    return request.param


def get(client, address, accept):
    return client.get(address, headers={"accept": accept} if accept else {})


def assert_refused(response):
    assert response.status_code == 406
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("accept", REFUSING)
def test_a_client_that_accepts_no_json_is_refused_before_and_after_the_cache_is_warm(
    client, address, accept
):
    assert_refused(get(client, address, accept))  # cold
    warm = get(client, address, "application/json")
    assert warm.status_code == 200
    assert_refused(get(client, address, accept))  # the stored JSON is not for this client
    assert_refused(get(client, address, accept))


@pytest.mark.parametrize("accept", ACCEPTING)
def test_a_json_client_gets_the_stored_answer_never_a_406_another_client_caused(
    client, address, accept
):
    assert_refused(get(client, address, "image/png"))
    first = get(client, address, accept)
    assert first.status_code == 200
    again = get(client, address, accept)
    assert again.status_code == 200
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]


def test_a_stored_api_answer_tells_shared_caches_it_depends_on_accept(client, address):
    first = get(client, address, "application/json")
    stored = get(client, address, "application/json")
    for response in (first, stored):
        assert "Accept" in [value.strip() for value in response["Vary"].split(",")]


def test_a_stored_html_page_is_served_whatever_the_client_accepts(client, settings):
    """Pages do not negotiate: Accept neither refuses them nor keeps them from the cache."""
    settings.PAGE_CACHE_ENABLED = True
    first = client.get("/guides/", headers={"accept": "image/png"})
    assert first.status_code == 200
    again = client.get("/guides/", headers={"accept": "application/json"})
    assert again.status_code == 200
    assert again["ETag"] == first["ETag"]
    assert "Accept" not in again.get("Vary", "").replace("Accept-Encoding", "")

"""The API while the database is away: the assess API answers from the rules last published
(it needs no database), and any error an /api/ address gives, a 503 in an outage above all, is
JSON, never the site's HTML page; the assess API's is padded like its answers (issue 19,
finding 10). The database is taken away by refusing every query at Django's connection (the
test client), and by pointing a real gunicorn at a database it cannot open."""

import gzip
import http.client
import json

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import path, reverse

from analcare import urls as site_urls

from .servers import Server, collect_static, production_env

ASSESS = "/api/v1/triage/assess/"
GZIP = "gzip, deflate, br"


def broken_api_view(request):
    raise RuntimeError("a bug")


# The site's URLs and one under /api/ that fails as a bug would (see test_page_cache.py).
urlpatterns = [path("api/v1/broken/", broken_api_view), *site_urls.urlpatterns]
handler500 = site_urls.handler500


def refuse(execute, sql, params, many, context):
    raise OperationalError("connection refused: the database is away")


@pytest.fixture
def visitor(db):
    return Client(raise_request_exception=False)


def assess(client, findings):
    return client.post(ASSESS, json.dumps({"findings": findings}), content_type="application/json")


def assert_json_error(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]
    assert b"<html" not in response.content
    assert "no-store" in response["Cache-Control"]


def test_the_assess_api_answers_from_the_published_rules_while_the_database_is_away(
    visitor, settings
):
    assert assess(visitor, ["heavy_bleeding"]).json()["level"] == "emergency"
    settings.PAGE_VERSION_TTL = 0  # every request tries the database again, and fails
    with connection.execute_wrapper(refuse):
        for findings, level in ((["heavy_bleeding"], "emergency"), ([], "self_care")):
            response = assess(visitor, findings)
            assert response.status_code == 200
            assert response.json()["level"] == level


@pytest.mark.parametrize(
    "address", ["/api/v1/guides/", "/api/v1/guides/what-to-do-now/", "/api/v1/guides/nothing/"]
)
def test_an_api_address_that_needs_the_database_answers_a_json_503(visitor, address):
    with connection.execute_wrapper(refuse):
        response = visitor.get(address)
    assert_json_error(response, 503)
    assert response["Retry-After"]
    # A page still gets the page.
    with connection.execute_wrapper(refuse):
        page = visitor.get("/guides/")
    assert page.status_code == 503
    assert "text/html" in page["Content-Type"]


@pytest.mark.urls(__name__)
def test_a_bug_under_the_api_is_a_json_500(visitor):
    assert_json_error(visitor.get("/api/v1/broken/"), 500)


# A gunicorn whose database cannot be opened at all, and that has read nothing before.


@pytest.fixture(scope="module")
def server_without_a_database(tmp_path_factory, static_root):
    folder = tmp_path_factory.mktemp("no-database")
    env = production_env(
        f"sqlite:///{folder / 'no-such-folder' / 'db.sqlite3'}",
        static_root,
        PUBLISHED_COPY_DIR=str(folder / "published"),  # empty: nothing was ever published here
    )
    collect_static(env, static_root)
    server = Server(env, folder, "no-database")
    try:
        server.wait_until_up()
        yield server
    finally:
        server.stop()


def exchange(port, method, address, body=None, **headers):
    """(status, headers, body as sent) over a real connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        connection.request(method, address, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("encoding", "size_setting"), [(GZIP, "TRIAGE_ASSESS_GZIP_BYTES"), ("", "TRIAGE_ASSESS_BYTES")]
)
def test_over_gunicorn_the_assess_apis_503_is_json_and_as_long_as_its_answers(
    server_without_a_database, settings, encoding, size_setting
):
    lengths = set()
    for findings in ([], ["heavy_bleeding"], ["non_consensual", "when_48h"]):
        status, headers, body = exchange(
            server_without_a_database.port,
            "POST",
            ASSESS,
            json.dumps({"findings": findings}),
            **{"Content-Type": "application/json", "Accept-Encoding": encoding},
        )
        assert status == 503
        assert headers["Content-Type"] == "application/json"
        assert headers["Retry-After"]
        assert headers.get("Content-Encoding") == ("gzip" if encoding else None)
        lengths.add(len(body))
        assert json.loads(gzip.decompress(body) if encoding else body)["detail"]
    assert lengths == {getattr(settings, size_setting)}


@pytest.mark.parametrize(
    "address",
    ["/api/v1/guides/", "/api/v1/guides/what-to-do-now/", "/api/v1/triage/"],
)
def test_over_gunicorn_every_api_address_answers_json_while_the_database_is_away(
    server_without_a_database, address
):
    status, headers, body = exchange(server_without_a_database.port, "GET", address)
    assert status in {200, 503}
    assert headers["Content-Type"].startswith("application/")
    assert "json" in headers["Content-Type"]
    if status == 503:
        assert json.loads(body)["detail"]
        assert headers["Retry-After"]
    # The site's pages keep their 503 page.
    status, headers, _ = exchange(server_without_a_database.port, "GET", reverse("guides:list"))
    assert status == 503
    assert "text/html" in headers["Content-Type"]


def test_over_gunicorn_nothing_was_logged_as_a_traceback(server_without_a_database):
    exchange(server_without_a_database.port, "GET", "/api/v1/guides/")
    assert "Traceback" not in server_without_a_database.error_log_path.read_text()

"""Issue 19, finding 9: every answer keeps one length on the wire, and a small one. A client that
accepts gzip (every browser) gets the answer compressed, then padded to one size inside the gzip
header (a comment decoders skip); one that does not gets it padded with spaces, as before. The
same holds for refusals, for Django's own 400s and for the database being away, in the no-JS
check and in the assess API; and nothing on the way (gunicorn, WhiteNoise, the page cache)
compresses it again."""

import gzip
import http.client
import json
from urllib.parse import urlencode

import pytest
from django.db import OperationalError
from django.urls import reverse

from .test_fixed_length_answers import answer_posts

GZIP = "gzip, deflate, br"
FORM = "application/x-www-form-urlencoded"
ASSESS = reverse("api:triage-assess")
AT_MOST_ON_THE_WIRE = 24 * 1000  # issue 19: at most 24 KB per answer page


def post(client, url, body, content_type=FORM, *, encoding=GZIP):
    return client.post(url, body, content_type=content_type, HTTP_ACCEPT_ENCODING=encoding)


def decoded(response) -> bytes:
    """The body as a browser shows it."""
    if response.get("Content-Encoding") == "gzip":
        return gzip.decompress(response.content)
    assert "Content-Encoding" not in response
    return response.content


def wire_lengths(responses) -> set[int]:
    lengths = set()
    for response in responses:
        assert int(response["Content-Length"]) == len(response.content)
        assert "Accept-Encoding" in response["Vary"]
        assert {"no-store", "no-transform"} <= {
            part.strip() for part in response["Cache-Control"].split(",")
        }
        lengths.add(len(response.content))
    return lengths


@pytest.fixture
def posts(db):
    from triage.rules import published_rule_set

    return answer_posts(published_rule_set())


def test_every_answer_page_is_one_small_length_with_gzip_and_one_length_without(
    client, posts, settings
):
    """Every kind of answer (each finding alone, none, several, every page answered and not,
    Back, "Change your answers", refusals), both ways; the gzip one decodes to the whole page."""
    zipped, plain, pages, statuses = [], [], set(), set()
    for url, fields in posts:
        with_gzip = post(client, url, urlencode(fields))
        without = post(client, url, urlencode(fields), encoding="")
        assert with_gzip["Content-Encoding"] == "gzip"
        assert with_gzip.status_code == without.status_code
        page = decoded(with_gzip)
        # The same page: the plain one is it and then spaces.
        assert without.content.startswith(page)
        assert not without.content[len(page) :].strip()
        assert page.rstrip().endswith(b"</html>")
        zipped.append(with_gzip)
        plain.append(without)
        pages.add(page)
        statuses.add(with_gzip.status_code)

    assert wire_lengths(zipped) == {settings.TRIAGE_RESULT_GZIP_BYTES}
    assert settings.TRIAGE_RESULT_GZIP_BYTES <= AT_MOST_ON_THE_WIRE
    assert wire_lengths(plain) == {settings.TRIAGE_RESULT_BYTES}
    assert statuses == {200, 400}  # results, question pages and refusals
    assert len(pages) >= 5
    assert any(b'data-triage-level="emergency"' in page for page in pages)


def test_django_s_own_refusals_and_a_database_away_are_padded_like_answers(
    client, settings, db, monkeypatch
):
    """What no view of the check words itself: more than 1,000 fields or a body too large
    (Django's 400), a body that is no form (415), a database that is away (503)."""
    too_many_fields = urlencode([("findings", "heavy_bleeding")] * 1100)
    too_large = "findings=" + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    refusals = [
        (reverse("triage:result"), too_many_fields, FORM, 400),
        (reverse("triage:start"), too_many_fields, FORM, 400),
        (reverse("triage:result"), too_large, FORM, 400),
        (reverse("triage:result"), "{}", "application/json", 415),
    ]
    for encoding, size in (
        (GZIP, settings.TRIAGE_RESULT_GZIP_BYTES),
        ("", settings.TRIAGE_RESULT_BYTES),
    ):
        responses = []
        for url, body, content_type, status in refusals:
            response = post(client, url, body, content_type, encoding=encoding)
            assert response.status_code == status, (url, status)
            assert decoded(response).rstrip().endswith(b"</html>")
            responses.append(response)
        assert wire_lengths(responses) == {size}, encoding

    def away(*args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr("triage.views.published_rule_set", away)
    client.raise_request_exception = False
    for encoding, size in (
        (GZIP, settings.TRIAGE_RESULT_GZIP_BYTES),
        ("", settings.TRIAGE_RESULT_BYTES),
    ):
        response = post(
            client, reverse("triage:result"), "findings=heavy_bleeding", encoding=encoding
        )
        assert response.status_code >= 500
        assert wire_lengths([response]) == {size}


def test_the_assess_api_answers_are_one_small_length_on_the_wire(client, settings, db):
    """Answers of every level, errors of every kind (Django's own 400 for more than 1,000
    parameters included, as JSON), in both languages: one length gzip, one without."""
    many = "?" + "&".join(f"p{number}=1" for number in range(1100))
    requests = [
        ("", {"findings": []}),
        ("", {"findings": ["heavy_bleeding"]}),  # emergency
        ("", {"findings": ["non_consensual"]}),
        ("", {"findings": ["strangled", "when_48h"]}),
        ("?lang=es", {"findings": ["condomless", "partner_risk", "when_48h"]}),
        ("", {"findings": ["not-a-finding"]}),  # 400
        ("", {"findings": "heavy_bleeding"}),  # 400: not a list
        ("", "x" * 9000),  # 413
        (many, {"findings": []}),  # 400 from Django, before the API
    ]
    for encoding, size in (
        (GZIP, settings.TRIAGE_ASSESS_GZIP_BYTES),
        ("", settings.TRIAGE_ASSESS_BYTES),
    ):
        responses, bodies, statuses = [], set(), set()
        for query, data in requests:
            body = data if isinstance(data, str) else json.dumps(data)
            response = post(client, ASSESS + query, body, "application/json", encoding=encoding)
            assert response["Content-Type"].startswith("application/json"), query[:20]
            bodies.add(json.dumps(json.loads(decoded(response)), sort_keys=True))
            statuses.add(response.status_code)
            responses.append(response)
        assert wire_lengths(responses) == {size}, encoding
        assert statuses == {200, 400, 413}
        assert len(bodies) == len(requests)
        assert any('"level": "emergency"' in body for body in bodies)


def test_an_api_request_with_more_than_1000_parameters_gets_a_json_400(client, db):
    many = "?" + "&".join(f"p{number}=1" for number in range(1100))
    for url in (reverse("api:triage-rules"), reverse("api:guide-list")):
        response = client.get(url + many)
        assert response.status_code == 400
        assert response["Content-Type"] == "application/json"
        assert "could not read" in response.json()["detail"]


def test_over_gunicorn_the_gzip_answer_travels_as_it_was_padded(production_server, posts, settings):
    """The production server: gunicorn and the middleware send the padded gzip stream as it
    is (no second compression, nothing stripped), and it decodes."""
    sizes, pages = set(), set()
    for url, fields in posts[:12] + posts[-4:]:
        connection = http.client.HTTPConnection("127.0.0.1", production_server.port, timeout=20)
        connection.request(
            "POST",
            url,
            body=urlencode(fields),
            headers={"Content-Type": FORM, "Accept-Encoding": GZIP},
        )
        response = connection.getresponse()
        body = response.read()
        connection.close()
        assert response.getheader("Content-Encoding") == "gzip"
        assert "Accept-Encoding" in response.getheader("Vary")
        sizes.add((int(response.getheader("Content-Length")), len(body)))
        pages.add(gzip.decompress(body))
    assert sizes == {(settings.TRIAGE_RESULT_GZIP_BYTES,) * 2}
    assert len(pages) >= 5
    assert all(page.rstrip().endswith(b"</html>") for page in pages)

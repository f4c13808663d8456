"""Issue 19, finding 9: a simple limit per address on the answer endpoints (the no-JS check's
POSTs and the assess API), which never refuses a real person's pass: a token bucket in the
cache (core.ratelimit), answering 429 with Retry-After, padded like every other answer, in the
page's language, or as the API's JSON error. The address itself is never kept or logged."""

import gzip
import json
import logging
import pickle
import time
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.urls import reverse

from core import ratelimit

FORM = "application/x-www-form-urlencoded"
ASSESS = reverse("api:triage-assess")
# Public addresses (limited); the documentation ranges count as private, and are not.
PERSON = "93.184.216.34"
NEIGHBOUR = "151.101.1.69"
ABROAD = "2a00:1450:4001:82a::200e"


@pytest.fixture(autouse=True)
def now(monkeypatch):
    """The buckets' clock stands still unless a test moves it: a slow run must not refill them."""
    moment = [1_000_000.0]
    monkeypatch.setattr(ratelimit, "clock", lambda: moment[0])
    return moment


def answer(client, fields, address, url=None, *, encoding="gzip"):
    return client.post(
        url or reverse("triage:result"),
        urlencode(fields),
        content_type=FORM,
        REMOTE_ADDR=address,
        HTTP_ACCEPT_ENCODING=encoding,
    )


def assess(client, findings, address, query="", *, encoding="gzip"):
    return client.post(
        ASSESS + query,
        json.dumps({"findings": findings}),
        content_type="application/json",
        REMOTE_ADDR=address,
        HTTP_ACCEPT_ENCODING=encoding,
    )


def a_pass():
    """A person's pass through the five pages, with a Back and a change of mind: ten answers."""
    start = reverse("triage:start")
    return [
        (start, [("step", "emergency"), ("none", "emergency")]),
        (start, [("step", "about_the_sex"), ("none", "emergency")]),  # forgot the "when"
        (start, [("step", "about_the_sex"), ("none", "emergency"), ("findings", "when_later")]),
        (start, [("step", "about_you"), ("back", "1"), ("none", "emergency")]),
        (start, [("step", "about_the_sex"), ("none", "emergency"), ("findings", "when_later")]),
        (start, [("step", "about_you"), ("findings", "when_later"), ("findings", "age_18_to_44")]),
        (start, [("step", "today"), ("findings", "when_later"), ("findings", "age_18_to_44")]),
        (reverse("triage:result"), [("step", "soon"), ("findings", "when_later")]),
        (start, [("change", "1"), ("findings", "when_later")]),
        (reverse("triage:result"), [("findings", "heavy_bleeding")]),
    ]


@pytest.mark.django_db
def test_a_person_s_pass_is_never_refused_nor_are_a_few_people_behind_one_address(client):
    for _person in range(5):  # five people at one address, one after another within the minute
        for url, fields in a_pass():
            response = answer(client, fields, PERSON, url)
            assert response.status_code != 429, fields
    assert assess(client, ["heavy_bleeding"], PERSON).status_code == 200


@pytest.mark.django_db
def test_a_burst_far_above_the_limit_gets_a_padded_429_in_the_page_s_language(client, settings):
    burst = [
        answer(client, [("findings", "heavy_bleeding")], PERSON, encoding=("gzip", "")[n % 2])
        for n in range(3 * settings.ANSWER_RATE_BURST)
    ]
    allowed = [response for response in burst if response.status_code == 200]
    refused = [response for response in burst if response.status_code == 429]
    assert len(allowed) == settings.ANSWER_RATE_BURST
    assert len(refused) == 2 * settings.ANSWER_RATE_BURST

    for response in refused:
        assert 1 <= int(response["Retry-After"]) <= 60
        assert "no-store" in response["Cache-Control"]
        zipped = response.get("Content-Encoding") == "gzip"
        size = settings.TRIAGE_RESULT_GZIP_BYTES if zipped else settings.TRIAGE_RESULT_BYTES
        assert len(response.content) == int(response["Content-Length"]) == size
    page = gzip.decompress(refused[0].content).decode()
    assert "Too many answers at once" in page
    assert "Please wait 1 second, then try again." in page
    assert 'lang="en-US"' in page
    assert "tel:911" in page  # the emergency number is always there

    spanish = answer(client, [("findings", "heavy_bleeding")], PERSON, "/es/triage/result/")
    assert spanish.status_code == 429
    page = gzip.decompress(spanish.content).decode()
    assert "Demasiadas respuestas a la vez" in page
    assert 'lang="es-US"' in page

    # Another address has its own bucket; the API shares this address's (the same answers).
    assert answer(client, [("findings", "heavy_bleeding")], NEIGHBOUR).status_code == 200
    assert assess(client, [], PERSON).status_code == 429


@pytest.mark.django_db
def test_the_assess_api_answers_a_burst_with_a_padded_json_429(client, settings):
    statuses = [assess(client, [], PERSON).status_code for _ in range(settings.ANSWER_RATE_BURST)]
    assert set(statuses) == {200}
    for query, encoding, size, words in (
        ("", "gzip", settings.TRIAGE_ASSESS_GZIP_BYTES, "Too many answers"),
        ("?lang=es", "", settings.TRIAGE_ASSESS_BYTES, "demasiadas respuestas"),
    ):
        response = assess(client, [], PERSON, query, encoding=encoding)
        assert response.status_code == 429
        assert response["Content-Type"] == "application/json"
        assert int(response["Retry-After"]) >= 1
        assert len(response.content) == int(response["Content-Length"]) == size
        body = gzip.decompress(response.content) if encoding else response.content
        assert words in json.loads(body)["detail"]


@pytest.mark.django_db
def test_the_bucket_fills_again_with_time(client, settings, now):
    for _ in range(settings.ANSWER_RATE_BURST):
        assert answer(client, [], PERSON).status_code != 429
    refused = answer(client, [], PERSON)
    assert refused.status_code == 429
    now[0] += int(refused["Retry-After"])
    assert answer(client, [], PERSON).status_code != 429
    assert answer(client, [], PERSON).status_code == 429
    now[0] += 60
    for _ in range(settings.ANSWER_RATE_PER_MINUTE):
        assert answer(client, [], PERSON).status_code != 429


@pytest.mark.django_db
def test_an_ipv6_household_counts_as_its_64_and_local_addresses_are_never_limited(client, settings):
    settings.ANSWER_RATE_BURST = 3
    for number in range(3):
        assert answer(client, [], f"2a00:1450:4001:82a::{number + 1:x}").status_code != 429
    assert answer(client, [], ABROAD).status_code == 429
    # The machine itself, or a proxy NUM_PROXIES does not name: maybe everyone at once.
    for address in ("127.0.0.1", "::1", "10.0.0.7", "192.168.1.20"):
        for _ in range(10):
            assert answer(client, [], address).status_code != 429


@pytest.mark.django_db
def test_behind_a_proxy_the_limit_is_per_client_address(client, settings):
    settings.NUM_PROXIES = 1
    settings.ANSWER_RATE_BURST = 2
    for _ in range(2):
        response = client.post(
            reverse("triage:result"),
            "",
            content_type=FORM,
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=PERSON,
        )
        assert response.status_code != 429
    refused, other = (
        client.post(
            reverse("triage:result"),
            "",
            content_type=FORM,
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=client_address,
        )
        for client_address in (PERSON, NEIGHBOUR)
    )
    assert (refused.status_code, other.status_code) == (429, 200)


@pytest.mark.django_db
def test_the_address_is_neither_kept_nor_logged(client, settings, caplog):
    settings.ANSWER_RATE_BURST = 2
    with caplog.at_level(logging.DEBUG):
        statuses = [answer(client, [], PERSON).status_code for _ in range(4)]
        statuses.append(assess(client, [], PERSON).status_code)
    assert statuses[-3:] == [429, 429, 429]
    stored = pickle.dumps(dict(cache._cache))  # the in-memory cache: keys and values
    assert PERSON.encode() not in stored
    assert PERSON not in " ".join(f"{r.getMessage()} {r.args}" for r in caplog.records)
    assert [key for key in cache._expire_info if "answer-rate:" in key]
    # Kept no longer than the bucket takes to fill again.
    refill = 60 * settings.ANSWER_RATE_BURST / settings.ANSWER_RATE_PER_MINUTE
    for key, expires in cache._expire_info.items():
        if "answer-rate:" in key:
            assert expires - time.time() <= refill + 1

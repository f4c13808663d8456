"""The API speaks the language asked for, on every endpoint and every error (issue 18): by
?lang=, or for the assessment by the body's `lang` (?lang= wins when both are given)."""

import json

import pytest

pytestmark = pytest.mark.django_db

JSON = "application/json"


def assess(client, body, query=""):
    return client.post(f"/api/v1/triage/assess/{query}", data=body, content_type=JSON)


def words(response) -> str:
    return json.dumps(response.json(), ensure_ascii=False)


def test_every_endpoint_answers_in_spanish_when_asked(client):
    guides = client.get("/api/v1/guides/?lang=es").json()
    assert all(guide["language"] == "es" for guide in guides)
    detail = client.get(f"/api/v1/guides/{guides[0]['slug']}/?lang=es").json()
    assert detail["language"] == "es"
    rules = client.get("/api/v1/triage/?lang=es").json()
    assert rules["levels"][0]["title"].startswith("Vaya")
    answer = assess(client, json.dumps({"findings": ["heavy_bleeding"]}), "?lang=es").json()
    assert "sangr" in answer["reasons"][0]["text"]


@pytest.mark.parametrize(
    ("request_", "english"),
    [
        (lambda c, q: c.get(f"/api/v1/guides/no-such-guide/{q}"), "Nothing is published"),
        (lambda c, q: assess(c, "{not json", q), "could not be read as JSON"),
        (lambda c, q: assess(c, json.dumps({"findings": 5}), q), "must be a list"),
        (lambda c, q: assess(c, json.dumps({"findings": ["no_such"]}), q), "not recognized"),
        (lambda c, q: assess(c, json.dumps({"findings": ["within_72h"]}), q), "older version"),
        (
            lambda c, q: assess(c, json.dumps({"findings": ["when_48h", "when_later"]}), q),
            "only one answer",
        ),
        (lambda c, q: c.get(f"/api/v1/triage/assess/{q}"), "not allowed"),
        (lambda c, q: assess(c, "[1]", q), "dictionary"),
    ],
)
def test_every_error_comes_in_the_language_asked_for(client, request_, english):
    in_english, in_spanish = request_(client, "?lang=en"), request_(client, "?lang=es")
    assert in_english.status_code == in_spanish.status_code
    assert 400 <= in_english.status_code < 500
    assert english in words(in_english)
    assert english not in words(in_spanish)
    assert words(in_spanish) != words(in_english)


def test_the_body_lang_counts_and_the_address_wins(client):
    body = {"findings": ["no_such"], "lang": "es"}
    assert "no se reconoce" in words(assess(client, json.dumps(body))).lower()
    assert "not recognized" in words(assess(client, json.dumps(body), "?lang=en"))
    reasons = assess(client, json.dumps({"findings": ["fever"], "lang": "es"})).json()["reasons"]
    assert "fiebre" in reasons[0]["text"]


@pytest.mark.parametrize("path", ["/api/v1/guides/", "/api/v1/triage/"])
def test_an_unknown_language_is_refused_naming_the_languages_offered(client, path):
    response = client.get(path + "?lang=fr")
    assert response.status_code == 400
    assert "en, es" in words(response)

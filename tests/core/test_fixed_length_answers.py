"""Every POST answer of the no-JS symptom check has one length, whatever was ticked: neither an
access log nor someone watching the encrypted wire can tell one answer from another by size.
Generic over the published rule set, so it holds as findings and rules are added."""

import http.client
import itertools
import logging
import time
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from core.http import pad_to_fixed_length

from .servers import fetch

START = reverse("triage:start")
RESULT = reverse("triage:result")


def answer_posts(rule_set) -> list[tuple[str, list[tuple[str, str]]]]:
    """(url, form fields) for every kind of answer: each finding alone, none, several, each
    page of questions answered and left unanswered, and answers the check refuses."""
    codes = [finding.code for finding in rule_set.findings]
    groups = [page.code for page in rule_set.pages]
    sets = [[code] for code in codes] + [[], codes, codes[::2], codes[1::3], codes[-2:]]
    sets += [list(rule.all_of) for rule in rule_set.rules if len(rule.all_of) > 1]
    posts = [(RESULT, [("findings", code) for code in found]) for found in sets]
    for group in groups:
        posts.append((START, [("step", group), ("none", group)]))  # the next page, or a result
        posts.append((START, [("step", group)]))  # not answered: the page again, with an error
        asked = [finding.code for finding in rule_set.questions(group)]
        posts.append((START, [("step", group), *(("findings", code) for code in asked)]))
    posts.append((START, [("step", groups[-1]), ("back", "1"), ("findings", codes[0])]))
    posts.append((START, [("change", "1"), *(("findings", code) for code in codes[::3])]))
    for choice in rule_set.choices:  # two options of one single choice: refused, 400
        options = [option.code for option in rule_set.options(choice.code)]
        posts.append((RESULT, [("findings", code) for code in options[:2]]))
        # Its page answered "None of these" without the choice: the page again, with an error.
        posts.append((START, [("step", choice.group), ("none", choice.group)]))
        posts.append((START, [("step", choice.group), ("findings", options[-1])]))
    posts.append((RESULT, [("findings", "not-a-finding")]))  # refused: 400
    posts.append((START, [("step", "not-a-step")]))  # refused: 400
    return posts


@pytest.fixture
def posts(db):
    from triage.rules import published_rule_set

    return answer_posts(published_rule_set())


def test_every_answer_page_has_the_same_length(client, posts, settings):
    lengths = {}
    statuses = set()
    for url, fields in posts:
        response = client.post(
            url, urlencode(fields), content_type="application/x-www-form-urlencoded"
        )
        statuses.add(response.status_code)
        assert "no-transform" in response["Cache-Control"]
        assert "Content-Encoding" not in response  # the client accepts no gzip
        lengths.setdefault(int(response["Content-Length"]), []).append((url, fields))
        assert len(response.content) == int(response["Content-Length"])
    assert statuses == {200, 400}  # results, questions and refusals were all among them
    assert list(lengths) == [settings.TRIAGE_RESULT_BYTES], lengths


def test_a_refused_body_has_the_same_length(client, settings, db):
    response = client.post(RESULT, b"{}", content_type="application/json")
    assert response.status_code == 415
    assert int(response["Content-Length"]) == settings.TRIAGE_RESULT_BYTES


def test_a_page_larger_than_the_size_is_padded_to_a_multiple_with_one_warning(caplog):
    from django.http import HttpResponse

    with caplog.at_level(logging.WARNING, logger="core.http"):
        lengths = [
            len(pad_to_fixed_length(HttpResponse(b"x" * n), 1000).content)
            for n in (0, 999, 1000, 1001, 2500)
        ]
    assert lengths == [1000, 1000, 1000, 2000, 3000]
    assert len([r for r in caplog.records if "raise the fixed size" in r.getMessage()]) == 1


def test_over_gunicorn_answers_are_one_length_per_encoding_and_logged_without_it(
    production_server, posts, settings
):
    """Through the production server: the wire sees one size for each encoding a client may
    accept (gzip, padded in its header; or none, padded with spaces), and the access log none."""
    sizes = {}
    for (url, fields), encoding in zip(posts, itertools.cycle(["br, gzip", "gzip", ""])):
        connection = http.client.HTTPConnection("127.0.0.1", production_server.port, timeout=20)
        connection.request(
            "POST",
            url,
            body=urlencode(fields),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept-Encoding": encoding,
            },
        )
        response = connection.getresponse()
        body = response.read()
        connection.close()
        sent = response.getheader("Content-Encoding") or "identity"
        assert sent == ("gzip" if encoding else "identity")
        sizes.setdefault(sent, set()).add((int(response.getheader("Content-Length")), len(body)))
    assert sizes == {
        "gzip": {(settings.TRIAGE_RESULT_GZIP_BYTES,) * 2},
        "identity": {(settings.TRIAGE_RESULT_BYTES,) * 2},
    }
    fetch(production_server.port, "/healthz")

    def posts_logged():
        return [
            line
            for line in production_server.access_log.read_text().splitlines()
            if line.startswith("POST /triage/")
        ]

    # A worker writes its log line after the answer has gone: wait for the last one.
    deadline = time.monotonic() + 10
    while len(logged := posts_logged()) < len(posts) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(logged) == len(posts)
    # method, path, status, seconds: no field is a body size
    assert {len(line.split()) for line in logged} == {4}
    lengths = {str(size) for pairs in sizes.values() for size, _ in pairs}
    assert not [line for line in logged if lengths & set(line.split())]

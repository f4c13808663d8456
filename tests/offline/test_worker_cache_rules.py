"""The service worker's own rule for what it may save, run under Node on the worker the server
really sends, with the Cache-Control headers the server really sends (issue 21): a page marked
never_cache is never saved on a shared phone, whatever the other directives and their case."""

import json
import re
import shutil
import subprocess

import pytest
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control

pytestmark = pytest.mark.django_db


def never_cache() -> str:
    response = HttpResponse()
    add_never_cache_headers(response)
    return response["Cache-Control"]


def public_page(client) -> str:
    return client.get("/about/")["Cache-Control"]


def private_page() -> str:
    response = HttpResponse()
    patch_cache_control(response, private=True, no_store=True)
    return response["Cache-Control"]


FORBIDS_STORING = [
    "no-store",
    "No-Store",
    "private, no-store",
    "no-store, max-age=0",
    "max-age=0,no-cache,no-store,must-revalidate,private",
    " public, max-age=600 , no-store ",
]
ALLOWS_STORING = ["max-age=0", "no-cache", "public, max-age=300", "", "no-storefront=1"]

# Runs the worker's isCacheable on Response-like objects; prints each verdict.
RUNNER = """
const results = [];
for (const [status, cacheControl] of JSON.parse(process.argv[1])) {
  const headers = new Map([["cache-control", cacheControl]]);
  const response = {status, type: "basic", redirected: false,
    headers: {get: (name) => headers.get(name.toLowerCase()) ?? null}};
  results.push(isCacheable(response));
}
console.log(JSON.stringify(results));
"""


def worker_rule(client) -> str:
    source = client.get("/serviceworker.js").content.decode()
    match = re.search(r"^function isCacheable\(response\) \{.*?^\}$", source, re.S | re.M)
    assert match, "the worker has no isCacheable(response) function"
    return match.group(0)


def verdicts(client, cases: list[tuple[int, str]]) -> list[bool]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node is not installed (CI installs it): the worker's rule cannot run here")
    script = worker_rule(client) + RUNNER
    result = subprocess.run(  # noqa: S603 (our own worker's code, our own cases)
        [node, "-e", script, json.dumps(cases)], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_worker_never_saves_what_the_server_marks_never_cache(client):
    headers = [never_cache(), private_page()]
    assert verdicts(client, [(200, header) for header in headers]) == [False, False]


def test_the_worker_never_saves_any_spelling_of_no_store(client):
    cases = [(200, header) for header in FORBIDS_STORING]
    assert verdicts(client, cases) == [False] * len(FORBIDS_STORING)


def test_the_worker_saves_public_pages_and_headers_that_allow_it(client):
    headers = [public_page(client), *ALLOWS_STORING]
    assert verdicts(client, [(200, header) for header in headers]) == [True] * len(headers)
    assert verdicts(client, [(404, "max-age=300"), (500, "")]) == [False, False]

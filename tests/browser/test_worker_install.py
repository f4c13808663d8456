"""The offline worker installs in Chromium against the development set-up (the page cache off,
as under `make run`), saving every page and file it lists; an answer it may not save is cancelled
at once and fails the install (naming it in the worker's console), instead of stalling it or
leaving the page out."""

import json

import pytest
from django.urls import reverse

pytestmark = pytest.mark.browser

# Resolves with the first worker's final state: "activated", or "redundant" for a failed install.
INSTALL_OUTCOME = """async () => {
  const deadline = Date.now() + 60000;
  const pause = () => new Promise((resolve) => { setTimeout(resolve, 100); });
  let registration;
  while (!(registration = await navigator.serviceWorker.getRegistration())) {
    if (Date.now() > deadline) { throw new Error("no worker registered after 60 s"); }
    await pause();
  }
  let worker;
  while (!(worker = registration.installing || registration.waiting || registration.active)) {
    if (Date.now() > deadline) { throw new Error("no worker installing after 60 s"); }
    await pause();
  }
  while (!["activated", "redundant"].includes(worker.state)) {
    if (Date.now() > deadline) { throw new Error(`worker still ${worker.state} after 60 s`); }
    await pause();
  }
  return worker.state;
}"""

SAVED = """async () => {
  const saved = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) {
      saved.push(new URL(request.url).pathname);
    }
  }
  return saved;
}"""


@pytest.fixture
def development_site(site, settings):
    """The live server with the development settings' caching: no server-side page cache."""
    settings.PAGE_CACHE_ENABLED = False
    return site


def worker_lists(page, site) -> list[str]:
    script = page.request.get(site + reverse("serviceworker")).text()
    config = json.loads(script.split("const CONFIG = ", 1)[1].split(";\n", 1)[0])
    return [*config["pages"], *config["static"]]


def test_the_worker_installs_and_saves_everything_it_lists_under_development_settings(
    development_site, page
):
    page.goto(development_site + "/")
    assert page.evaluate(INSTALL_OUTCOME) == "activated"
    listed = worker_lists(page, development_site)
    assert len(listed) > 30
    assert sorted(set(page.evaluate(SAVED))) == sorted(set(listed))


def test_an_answer_that_may_not_be_saved_fails_the_install_promptly_and_says_which(
    development_site, context, page
):
    about = development_site + reverse("about")

    def no_store(route):
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "cache-control": "no-store"})

    context.route(about, no_store)  # the worker's own requests pass through it too
    page.goto(development_site + "/")
    assert page.evaluate(INSTALL_OUTCOME) == "redundant"
    # Failed, not stalled, and nothing of the half-done install is used.
    assert not page.evaluate("Boolean(navigator.serviceWorker.controller)")

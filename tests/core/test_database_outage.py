"""A database outage costs no public page: with PostgreSQL stopped under traffic, a gunicorn
server keeps answering every public page and the API from its page cache, and the symptom check
from the rule set it last read; /readyz and the admin say 503; the log says once that the
database is unreachable, with no traceback; and when PostgreSQL is back, everything recovers
without a restart. The PostgreSQL is a private one (tests/core/services.py), stopped for real."""

import json
import time
import urllib.request
from urllib.parse import urlencode

from .servers import Server, collect_static, fetch, manage, production_env
from .services import private_postgres

OUTAGE_SECONDS = 12
STALE = "public, max-age=0, s-maxage=10"
PAGES = [
    "/",
    "/guides/",
    "/triage/",
    "/get-help/",
    "/about/",
    "/privacy/",
    "/offline/",
    "/exit/",
    "/serviceworker.js",
    "/manifest.json",
    "/sitemap.xml",
    "/robots.txt",
    "/api/v1/guides/",
    "/api/v1/triage/",
]


def request(port: int, path: str, data: bytes | None = None, **headers):
    """(status, headers, body) of one request; errors are answers too."""
    call = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, headers=headers)
    try:
        with urllib.request.urlopen(call, timeout=20) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def post_form(port: int, path: str, fields: list[tuple[str, str]]):
    body = urlencode(fields).encode()
    return request(port, path, body, **{"Content-Type": "application/x-www-form-urlencoded"})


def assess(port: int, findings: list[str]):
    body = json.dumps({"findings": findings}).encode()
    return request(port, "/api/v1/triage/assess/", body, **{"Content-Type": "application/json"})


def test_a_database_outage_costs_no_public_page(tmp_path, static_root):
    with private_postgres() as postgres:
        env = production_env(postgres.url("analcare"), static_root, GUNICORN_MAX_REQUESTS="0")
        collect_static(env, static_root)
        manage(env, "migrate", "--noinput", "-v", "0")
        server = Server(env, tmp_path, "outage")
        try:
            server.wait_until_up()
            port = server.port
            rules = json.loads(fetch(port, "/api/v1/triage/")[1])
            guides = json.loads(fetch(port, "/api/v1/guides/")[1])
            pages = PAGES + [f"/guides/{g['slug']}/" for g in guides]
            pages += [f"/api/v1/guides/{g['slug']}/" for g in guides]
            emergency = next(rule for rule in rules["rules"] if rule["level"] == "emergency")
            first_page = rules["groups"][0]["code"]
            before = {path: request(port, path) for path in pages}  # the cache holds them now
            assert {status for status, _, _ in before.values()} == {200}

            postgres.stop()
            assert request(port, "/readyz")[0] == 503
            ends = time.monotonic() + OUTAGE_SECONDS
            rounds = 0
            marked_stale = set()
            while time.monotonic() < ends:
                for path in pages:
                    status, headers, body = request(port, path)
                    assert (path, status) == (path, 200)
                    assert body == before[path][2]
                    # Until the server next reads the version (PAGE_VERSION_TTL), it does not
                    # know yet; from then on, caches may keep the page only briefly.
                    assert headers["Cache-Control"] in (before[path][1]["Cache-Control"], STALE)
                    if headers["Cache-Control"] == STALE:
                        marked_stale.add(path)
                status, _, body = post_form(port, "/triage/result/", [
                    ("findings", code) for code in emergency["all_of"]
                ])  # fmt: skip
                assert status == 200
                assert rules["levels"][0]["title"] in body
                assert (
                    post_form(port, "/triage/", [("step", first_page), ("none", first_page)])[0]
                    == 200
                )
                status, _, body = assess(port, emergency["all_of"])
                assert status == 200
                assert json.loads(body)["level"] == "emergency"
                rounds += 1
            assert rounds > 1
            assert marked_stale == set(pages)
            assert request(port, "/readyz")[0] == 503
            # The admin needs the database: a clear 503 page, not a 500.
            status, headers, body = request(port, "/admin/", Cookie="__Host-sessionid=" + "x" * 32)
            assert status == 503
            assert "not available right now" in body
            assert headers["Retry-After"]

            postgres.start()
            deadline = time.monotonic() + 30
            while request(port, "/readyz")[0] != 200:
                assert time.monotonic() < deadline, "the server did not recover"
                time.sleep(0.2)
            deadline = time.monotonic() + 30
            while request(port, "/")[1]["Cache-Control"] == STALE:
                assert time.monotonic() < deadline, "pages still marked stale"
                time.sleep(0.2)
            assert request(port, "/admin/login/")[0] == 200
            manage(
                env,
                "shell",
                "-c",
                "from guides.models import Guide; from guides.services import publish_guide; "
                f"guide = Guide.objects.get(slug='{guides[0]['slug']}'); "
                "guide.title = 'Published after the outage'; guide.save(); "
                "publish_guide(guide=guide, reviewer_name='Dr Rita Rivera')",
            )
            deadline = time.monotonic() + 30
            while (
                "Published after the outage"
                not in request(port, f"/guides/{guides[0]['slug']}/")[2]
            ):
                assert time.monotonic() < deadline, "a publish after the outage was not served"
                time.sleep(0.2)
        finally:
            server.stop()
    log = server.error_log_path.read_text()
    assert "Traceback" not in log
    assert log.count("The database is unreachable") == 1, log
    assert "The database is reachable again" in log

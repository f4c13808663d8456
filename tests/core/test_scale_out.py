"""Two gunicorn servers, each with its own in-process cache or one Redis, share one database: a
publish through either is seen by the other, because cache keys carry the content version.

The database is PostgreSQL when DATABASE_URL points at one (CI's second run), otherwise a SQLite
file; either way a scratch database of its own, never pytest's test database."""

import json
import re
import secrets
import time
import urllib.request

from .servers import (
    VERSION_TTL,
    Server,
    collect_static,
    fetch,
    fetch_headers,
    manage,
    production_env,
)
from .services import private_redis

GUIDE_URL = "/guides/what-to-do-now/"


def title_of(html: str) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()


def test_a_publish_through_one_server_is_seen_by_the_other(server_env, start_servers):
    a, b = start_servers("a", "b")
    # Before the release step, neither server is ready for traffic; after it, both are.
    status, body = fetch(a.port, "/readyz")
    assert status == 503
    assert "not applied" in body
    manage(server_env, "migrate", "--noinput", "-v", "0")
    assert fetch(a.port, "/readyz")[0] == 200
    assert fetch(b.port, "/readyz")[0] == 200

    original = title_of(fetch(a.port, GUIDE_URL)[1])
    assert title_of(fetch(b.port, GUIDE_URL)[1]) == original

    # A change to the body behind the publish workflow's back leaves the content version alone
    # (no version covers the body text): both servers keep answering from their own caches.
    manage(
        server_env,
        "shell",
        "-c",
        "from guides.models import Guide; "
        f"Guide.objects.filter(slug='{GUIDE_URL.split('/')[2]}')"
        ".update(published_html='<p>Not published yet</p>')",
    )
    for server in (b, a):
        page = fetch(server.port, GUIDE_URL)[1]
        assert title_of(page) == original
        assert "Not published yet" not in page
    served_old_at = time.monotonic()

    manage(
        server_env,
        "shell",
        "-c",
        "from guides.models import Guide; from guides.services import publish_guide; "
        f"guide = Guide.objects.get(slug='{GUIDE_URL.split('/')[2]}'); "
        "guide.title = 'Published on one server'; guide.save(); "
        "publish_guide(guide=guide, reviewer_name='Dr Rita Rivera')",
    )
    # A server asks the database for the version at most once per VERSION_TTL.
    time.sleep(max(0.0, served_old_at + VERSION_TTL + 0.2 - time.monotonic()))

    assert title_of(fetch(b.port, GUIDE_URL)[1]) == "Published on one server"
    assert title_of(fetch(a.port, GUIDE_URL)[1]) == "Published on one server"


def assess_level(port: int, *findings: str) -> str:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/triage/assess/",
        data=json.dumps({"findings": list(findings)}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=20) as response:
        return json.load(response)["level"]


def test_a_rule_change_made_elsewhere_reaches_both_servers_answers(server_env, start_servers):
    """Each server keeps the rule set in memory for at most PAGE_VERSION_TTL; a clinical change
    saved by another process (here a shell, as the admin on another server would) reaches the
    answers of both within it, with no restart and nothing to purge."""
    a, b = start_servers("a", "b")
    manage(server_env, "migrate", "--noinput", "-v", "0")
    assert assess_level(a.port, "age_45_to_64") == assess_level(b.port, "age_45_to_64") == "soon"

    manage(
        server_env,
        "shell",
        "-c",
        "from django.contrib.auth.models import Group, User; "
        "from triage.models import Level, Rule; "
        "from triage.publishing import publish; "
        "rule = Rule.objects.get(code='age_45_plus'); "
        "rule.level = Level.objects.get(code='urgent'); rule.save(); "
        "reviewer = User.objects.create_user('reviewer', is_staff=True); "
        "reviewer.groups.add(Group.objects.get(name='Clinical reviewer')); "
        "publish(user=User.objects.get(pk=reviewer.pk))",
    )
    time.sleep(VERSION_TTL + 0.2)

    assert assess_level(a.port, "age_45_to_64") == "urgent"
    assert assess_level(b.port, "age_45_to_64") == "urgent"


def test_access_log_names_no_client_and_no_query_string(server_env, start_servers):
    (a,) = start_servers("a")
    manage(server_env, "migrate", "--noinput", "-v", "0")

    assert fetch(a.port, "/guides/?private=answer")[0] == 200
    a.stop()

    log = a.access_log.read_text()
    assert "GET /guides/ 200" in log
    assert "private" not in log
    assert "127.0.0.1" not in log


def assess_size(port: int, findings: list[str]) -> int:
    body = json.dumps({"findings": findings}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/triage/assess/",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=20) as response:
        return len(response.read())


def test_answers_sent_to_the_api_leave_no_trace_in_size_or_log(server_env, start_servers):
    """Issue 19: an assault disclosure was one number in the access log (its answer's size)."""
    (a,) = start_servers("a")
    manage(server_env, "migrate", "--noinput", "-v", "0")
    sizes = {
        assess_size(a.port, findings)
        for findings in ([], ["non_consensual"], ["strangled", "when_48h"], ["heavy_bleeding"])
    }
    a.stop()

    assert len(sizes) == 1
    lines = [line for line in a.access_log.read_text().splitlines() if "/assess/" in line]
    assert len(lines) == 4
    assert all(str(size) not in line for line in lines for size in sizes)


def test_hashed_static_files_are_served_compressed_and_cached_forever(server_env, start_servers):
    (a,) = start_servers("a")
    manage(server_env, "migrate", "--noinput", "-v", "0")
    home = fetch(a.port, "/")[1]
    stylesheet = re.search(r'href="(/static/css/base\.[0-9a-f]{12}\.css)"', home).group(1)

    brotli = fetch_headers(a.port, stylesheet, **{"Accept-Encoding": "br, gzip"})
    gzipped = fetch_headers(a.port, stylesheet, **{"Accept-Encoding": "gzip"})

    assert brotli["Content-Encoding"] == "br"
    assert gzipped["Content-Encoding"] == "gzip"
    assert "immutable" in brotli["Cache-Control"]
    assert int(brotli["Cache-Control"].split("max-age=")[1].split(",")[0]) >= 365 * 24 * 3600


def redis_page_keys(redis_url: str, prefix: str) -> set[bytes]:
    import redis

    return set(redis.Redis.from_url(redis_url).scan_iter(match=f"{prefix}:*:page:*"))


def test_two_servers_share_one_redis_which_holds_a_bounded_number_of_pages(
    scratch_database_url, static_root, tmp_path
):
    """Two gunicorn servers, one real Redis (CI's, or a private redis-server): a publish through
    one is served by the other, and no Host or query variant adds a page entry."""
    paths = ["/", "/guides/", GUIDE_URL]
    with private_redis() as redis_url:
        prefix = f"analcare-test-{secrets.token_hex(4)}"
        env = production_env(
            scratch_database_url, static_root, CACHE_URL=redis_url, CACHE_KEY_PREFIX=prefix
        )
        collect_static(env, static_root)
        manage(env, "migrate", "--noinput", "-v", "0")
        servers = [Server(env, tmp_path, name) for name in ("a", "b")]
        try:
            a, b = servers
            for server in servers:
                server.wait_until_up()
            original = title_of(fetch(a.port, GUIDE_URL)[1])
            assert redis_page_keys(redis_url, prefix)  # a's page is in Redis
            manage(
                env,
                "shell",
                "-c",
                "from guides.models import Guide; from guides.services import publish_guide; "
                f"guide = Guide.objects.get(slug='{GUIDE_URL.split('/')[2]}'); "
                "guide.title = 'Published through a'; guide.save(); "
                "publish_guide(guide=guide, reviewer_name='Dr Rita Rivera')",
            )
            time.sleep(VERSION_TTL + 0.2)
            assert title_of(fetch(b.port, GUIDE_URL)[1]) == "Published through a" != original
            assert title_of(fetch(a.port, GUIDE_URL)[1]) == "Published through a"
            for path in paths:
                fetch(a.port, path)
            stored = redis_page_keys(redis_url, prefix)

            hosts = [
                "127.0.0.1",
                "localhost",
                "LOCALHOST",
                "localhost.",
                "127.0.0.1:1",
                "evil.test",
            ]
            for server in servers:
                for path in paths:
                    for host in hosts:
                        fetch(server.port, path, Host=host)
                    for number in range(20):
                        assert fetch(server.port, f"{path}?variant={number}")[0] == 200
            assert redis_page_keys(redis_url, prefix) == stored
            assert len(stored) <= 2 * len(paths)  # this version's pages, and the guide's last
        finally:
            for server in servers:
                server.stop()

"""Two gunicorn servers, each with its own in-process cache, share one database: a publish
through either is seen by the other, because cache keys carry the content version.

The database is PostgreSQL when DATABASE_URL points at one (CI's second run), otherwise a SQLite
file; either way a scratch database of its own, never pytest's test database."""

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

BASE_DIR = Path(__file__).resolve().parents[2]
GUIDE_URL = "/guides/what-to-do-now/"
VERSION_TTL = 1.0  # PAGE_VERSION_TTL given to both servers: how stale a remembered version gets
STARTUP_DEADLINE = 60.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=20) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def fetch_headers(port: int, path: str, **headers) -> dict:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    with urllib.request.urlopen(request, timeout=20) as response:
        return dict(response.headers)


def title_of(html: str) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()


@pytest.fixture
def scratch_database_url(tmp_path):
    """A database URL of the same kind as the suite's, created empty and removed afterwards."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'shared.sqlite3'}"
        return
    import psycopg
    from psycopg import sql

    params = connection.settings_dict
    name = f"analcare_scale_out_{secrets.token_hex(4)}"
    server = {
        "host": params["HOST"] or None,
        "port": params["PORT"] or None,
        "user": params["USER"] or None,
        "password": params["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        credentials = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
        location = f"{params['HOST'] or 'localhost'}:{params['PORT'] or 5432}"
        yield f"postgres://{credentials}@{location}/{name}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """collectstatic's output (hashed, compressed files), made once for this module's servers."""
    return tmp_path_factory.mktemp("static")


@pytest.fixture
def production_env(tmp_path, scratch_database_url, static_root):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CACHE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "RELEASE_ID"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="analcare.settings.prod",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOCAL_PLAIN_HTTP="1",
        DATABASE_URL=scratch_database_url,
        STATIC_ROOT=str(static_root),
        PAGE_VERSION_TTL=str(VERSION_TTL),
        WEB_CONCURRENCY="1",
        GUNICORN_THREADS="2",
    )
    return env


def manage(env, *args) -> str:
    result = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


class Server:
    def __init__(self, env, log_dir: Path, name: str):
        self.port = free_port()
        self.access_log = log_dir / f"access-{name}.log"
        self.error_log = (log_dir / f"error-{name}.log").open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
            cwd=BASE_DIR,
            env={
                **env,
                "GUNICORN_BIND": f"127.0.0.1:{self.port}",
                "GUNICORN_ACCESS_LOG": str(self.access_log),
            },
            stdout=self.error_log,
            stderr=subprocess.STDOUT,
        )

    def wait_until_up(self):
        deadline = time.monotonic() + STARTUP_DEADLINE
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "gunicorn exited; see its error log"
            try:
                if fetch(self.port, "/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"gunicorn on port {self.port} did not start")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.error_log.close()


@pytest.fixture
def start_servers(production_env, tmp_path, static_root):
    if not (static_root / "staticfiles.json").exists():
        manage(production_env, "collectstatic", "--noinput", "-v", "0")
    servers = []

    def start(*names):
        started = [Server(production_env, tmp_path, name) for name in names]
        servers.extend(started)
        for server in started:
            server.wait_until_up()
        return started

    yield start
    for server in servers:
        server.stop()


def test_a_publish_through_one_server_is_seen_by_the_other(production_env, start_servers):
    a, b = start_servers("a", "b")
    # Before the release step, neither server is ready for traffic; after it, both are.
    status, body = fetch(a.port, "/readyz")
    assert status == 503
    assert "not applied" in body
    manage(production_env, "migrate", "--noinput", "-v", "0")
    assert fetch(a.port, "/readyz")[0] == 200
    assert fetch(b.port, "/readyz")[0] == 200

    original = title_of(fetch(a.port, GUIDE_URL)[1])
    assert title_of(fetch(b.port, GUIDE_URL)[1]) == original

    # A change to the body behind the publish workflow's back leaves the content version alone
    # (no version covers the body text): both servers keep answering from their own caches.
    manage(
        production_env,
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
        production_env,
        "shell",
        "-c",
        "from guides.models import Guide; from guides.services import publish_guide; "
        f"guide = Guide.objects.get(slug='{GUIDE_URL.split('/')[2]}'); "
        "guide.title = 'Published on one server'; guide.save(); publish_guide(guide=guide)",
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


def test_a_rule_change_made_elsewhere_reaches_both_servers_answers(production_env, start_servers):
    """Each server keeps the rule set in memory for at most PAGE_VERSION_TTL; a clinical change
    saved by another process (here a shell, as the admin on another server would) reaches the
    answers of both within it, with no restart and nothing to purge."""
    a, b = start_servers("a", "b")
    manage(production_env, "migrate", "--noinput", "-v", "0")
    assert assess_level(a.port, "age_45_plus") == assess_level(b.port, "age_45_plus") == "soon"

    manage(
        production_env,
        "shell",
        "-c",
        "from triage.models import Level, Rule; "
        "rule = Rule.objects.get(code='age_45_plus'); "
        "rule.level = Level.objects.get(code='urgent'); rule.save()",
    )
    time.sleep(VERSION_TTL + 0.2)

    assert assess_level(a.port, "age_45_plus") == "urgent"
    assert assess_level(b.port, "age_45_plus") == "urgent"


def test_access_log_names_no_client_and_no_query_string(production_env, start_servers):
    (a,) = start_servers("a")
    manage(production_env, "migrate", "--noinput", "-v", "0")

    assert fetch(a.port, "/guides/?private=answer")[0] == 200
    a.stop()

    log = a.access_log.read_text()
    assert "GET /guides/ 200" in log
    assert "private" not in log
    assert "127.0.0.1" not in log


def test_hashed_static_files_are_served_compressed_and_cached_forever(
    production_env, start_servers
):
    (a,) = start_servers("a")
    manage(production_env, "migrate", "--noinput", "-v", "0")
    home = fetch(a.port, "/")[1]
    stylesheet = re.search(r'href="(/static/css/base\.[0-9a-f]{12}\.css)"', home).group(1)

    brotli = fetch_headers(a.port, stylesheet, **{"Accept-Encoding": "br, gzip"})
    gzipped = fetch_headers(a.port, stylesheet, **{"Accept-Encoding": "gzip"})

    assert brotli["Content-Encoding"] == "br"
    assert gzipped["Content-Encoding"] == "gzip"
    assert "immutable" in brotli["Cache-Control"]
    assert int(brotli["Cache-Control"].split("max-age=")[1].split(",")[0]) >= 365 * 24 * 3600

"""Helpers for the tests that hold, stop or freeze the database under a gunicorn server (issue 19,
findings 3 to 5): timed requests, a server's worker processes, and a staff session made
without the sign-in form."""

import contextlib
import json
import os
import secrets
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest

from .servers import collect_static, manage, postgres_server, production_env, scratch_database

GUIDE_URL = "/guides/what-to-do-now/"


def timed(port: int, path: str, data: bytes | None = None, timeout: float = 30, **headers):
    """(status, seconds taken, body) of one request on a connection of its own."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", data=data, headers={"Connection": "close", **headers}
    )
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, body = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode()
    return status, time.monotonic() - started, body


def form(fields: list[tuple[str, str]]) -> tuple[bytes, dict]:
    return urlencode(fields).encode(), {"Content-Type": "application/x-www-form-urlencoded"}


def assess_body(findings: list[str]) -> tuple[bytes, dict]:
    return json.dumps({"findings": findings}).encode(), {"Content-Type": "application/json"}


def worker_pids(master: int) -> set[int]:
    """The processes whose parent is `master` (gunicorn's workers)."""
    children = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces, so split after its closing bracket.
        if int(stat.rsplit(")", 1)[1].split()[1]) == master:
            children.add(int(entry.name))
    return children


def wait_for_workers(master: int, count: int, avoid: set[int], deadline: float = 60.0) -> set[int]:
    ends = time.monotonic() + deadline
    while time.monotonic() < ends:
        pids = worker_pids(master)
        if len(pids) == count and not pids & avoid:
            return pids
        time.sleep(0.2)
    raise AssertionError(f"gunicorn did not start {count} new workers")


def replace_every_worker(master: int, count: int) -> set[int]:
    """Ends each worker (gunicorn starts a fresh one in its place) and waits for the new ones:
    processes that have served nothing, as after max_requests or a crash."""
    old = worker_pids(master)
    assert len(old) == count, old
    for pid in old:
        os.kill(pid, 15)
    return wait_for_workers(master, count, old)


STAFF_SESSION = (
    "from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, "
    "get_user_model; from django.contrib.sessions.backends.db import SessionStore; "
    "user = get_user_model().objects.create_superuser('editor', 'editor@example.org', "
    "'a long editor password'); "
    "session = SessionStore(); session[SESSION_KEY] = str(user.pk); "
    "session[BACKEND_SESSION_KEY] = 'django.contrib.auth.backends.ModelBackend'; "
    "session[HASH_SESSION_KEY] = user.get_session_auth_hash(); session.create(); "
    "print(session.session_key)"
)


def staff_session(env) -> str:
    """A signed-in editor's session key (a superuser), made in the database directly."""
    return manage(env, "shell", "-c", STAFF_SESSION).strip().splitlines()[-1]


@contextlib.contextmanager
def migrated_template(folder: Path, static_root: Path):
    """A migrated scratch database of the suite's kind, to copy for each test: `migrate` takes
    longer than all the rest of a test."""
    with scratch_database(folder) as url:
        env = production_env(url, static_root)
        collect_static(env, static_root)
        manage(env, "migrate", "--noinput", "-v", "0")
        yield url


def database_name(url: str) -> str:
    return url.rsplit("/", 1)[1]


@contextlib.contextmanager
def copy_of(template: str, folder: Path):
    """A database of its own for one test, copied from the migrated template: a SQLite file in a
    folder of its own, or a PostgreSQL database made from it (CREATE DATABASE … TEMPLATE)."""
    if template.startswith("sqlite:"):
        target = folder / "database" / "db.sqlite3"
        target.parent.mkdir()
        shutil.copyfile(template.removeprefix("sqlite:///"), target)
        yield f"sqlite:///{target}"
        return
    import psycopg
    from psycopg import sql

    name = f"analcare_copy_{secrets.token_hex(4)}"
    with psycopg.connect(dbname="postgres", autocommit=True, **postgres_server()) as admin:
        admin.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(name), sql.Identifier(database_name(template))
            )
        )
    try:
        yield template.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **postgres_server()) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def take_away(url: str, folder: Path) -> None:
    """The database is gone for the servers: a SQLite file's folder is renamed (a new connection
    fails, as to a missing file); a PostgreSQL database refuses connections and its sessions
    are ended (as when the server stops)."""
    if url.startswith("sqlite:"):
        Path(url.removeprefix("sqlite:///")).parent.rename(folder / "database-gone")
        return
    import psycopg
    from psycopg import sql

    name = database_name(url)
    with psycopg.connect(dbname="postgres", autocommit=True, **postgres_server()) as admin:
        admin.execute(
            sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS false").format(sql.Identifier(name))
        )
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name]
        )


@contextlib.contextmanager
def read_only_file(path: Path):
    """The SQLite file cannot be written: its mode for an ordinary user; for root, whom modes do
    not stop (CI runs as root), the immutable attribute."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(0o644)
        return
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True, check=False)  # noqa: S603, S607
    if made.returncode != 0:
        pytest.skip(f"running as root, and chattr +i is refused here: {made.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)  # noqa: S603, S607

"""The production set-up on loopback for tests: gunicorn with the production settings, on a
scratch database of the suite's kind (PostgreSQL when DATABASE_URL points at one, as in CI's
second run, otherwise a SQLite file), never pytest's test database."""

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.db import connection

BASE_DIR = Path(__file__).resolve().parents[2]
VERSION_TTL = 1.0  # PAGE_VERSION_TTL given to servers: how stale a remembered version gets
STARTUP_DEADLINE = 60.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(port: int, path: str, **headers) -> tuple[int, str]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def fetch_headers(port: int, path: str, **headers) -> dict:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    with urllib.request.urlopen(request, timeout=20) as response:
        return dict(response.headers)


def postgres_server() -> dict:
    params = connection.settings_dict
    return {
        "host": params["HOST"] or None,
        "port": params["PORT"] or None,
        "user": params["USER"] or None,
        "password": params["PASSWORD"] or None,
    }


@contextlib.contextmanager
def scratch_database(directory: Path):
    """A database URL of the same kind as the suite's, created empty and removed afterwards."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{directory / 'shared.sqlite3'}"
        return
    import psycopg
    from psycopg import sql

    params = connection.settings_dict
    name = f"analcare_scratch_{secrets.token_hex(4)}"
    server = postgres_server()
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


def production_env(database_url: str, static_root: Path, **overrides) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CACHE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "RELEASE_ID"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="analcare.settings.prod",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_ORIGIN="http://127.0.0.1",
        LOCAL_PLAIN_HTTP="1",
        DATABASE_URL=database_url,
        STATIC_ROOT=str(static_root),
        PAGE_VERSION_TTL=str(VERSION_TTL),
        WEB_CONCURRENCY="1",
        GUNICORN_THREADS="2",
        **overrides,
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


def collect_static(env, static_root: Path) -> None:
    if not (static_root / "staticfiles.json").exists():
        manage(env, "collectstatic", "--noinput", "-v", "0")


class Server:
    def __init__(self, env, log_dir: Path, name: str):
        self.port = free_port()
        self.access_log = log_dir / f"access-{name}.log"
        self.error_log_path = log_dir / f"error-{name}.log"
        self.error_log = self.error_log_path.open("w")
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

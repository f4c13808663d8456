"""What every measurement shares: the production server on loopback, HTTP requests that keep the
bytes as they travel (compressed), and the plain-text tables of the report. One server serves
all measurements, so their figures come from the same set-up and the same run."""

import contextlib
import http.client
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
# What a browser sends; every measurement asks for the same encodings.
ACCEPT_ENCODING = "br, gzip"


def say(message: str) -> None:
    print(message, flush=True)


# --- the server -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def production_env(workdir: Path, args) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CACHE_URL", "RELEASE_ID", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="analcare.settings.prod",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_ORIGIN=f"http://{HOST}",
        LOCAL_PLAIN_HTTP="1",
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        STATIC_ROOT=str(workdir / "static"),
        GUNICORN_ACCESS_LOG=str(workdir / "access.log"),
    )
    if args.worker_class:
        env["GUNICORN_WORKER_CLASS"] = args.worker_class
    if args.workers:
        env["WEB_CONCURRENCY"] = str(args.workers)
    return env


def manage(env: dict, *command: str) -> None:
    subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", *command], cwd=BASE_DIR, env=env, check=True
    )


def start_server(env: dict, port: int, log_path: Path) -> subprocess.Popen:
    log = log_path.open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
        cwd=BASE_DIR,
        env={**env, "GUNICORN_BIND": f"{HOST}:{port}"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited; its log: {log_path}")
        try:
            if request(port, "GET", "/readyz").status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not become ready; its log: {log_path}")


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass(frozen=True)
class Production:
    """The running set-up a measurement is handed."""

    workdir: Path
    env: dict
    port: int
    process: subprocess.Popen


@contextlib.contextmanager
def production(args) -> Iterator[Production]:
    """A fresh production set-up (collectstatic, a new SQLite database with the launch content)
    behind gunicorn, stopped and its scratch folder removed afterwards (unless --keep)."""
    workdir = Path(tempfile.mkdtemp(prefix="analcare-bench-"))
    env = production_env(workdir, args)
    server = None
    try:
        say(f"Preparing a fresh production set-up in {workdir} (collectstatic, migrate)...")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_seed_content")
        port = free_port()
        server = start_server(env, port, workdir / "gunicorn.log")
        yield Production(workdir, env, port, server)
    finally:
        if server is not None:
            stop_server(server)
        if args.keep:
            say(f"Scratch folder kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


# --- HTTP -------------------------------------------------------------------------------------


class Response:
    def __init__(self, status: int, headers: dict, body: bytes):
        self.status, self.headers, self.body = status, headers, body


def request(port: int, method: str, path: str, body: str | None = None, **headers) -> Response:
    """A body is sent as JSON unless a Content-Type header says otherwise."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        sent = {"Accept-Encoding": ACCEPT_ENCODING}
        if body is not None:
            sent["Content-Type"] = "application/json"
        sent.update(headers)
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        # The raw bytes, still compressed: what travels over the network.
        return Response(response.status, dict(response.getheaders()), response.read())
    finally:
        connection.close()


def decoded(response: Response) -> str:
    encoding = response.headers.get("Content-Encoding", "")
    body = response.body
    if encoding == "br":
        import brotli

        body = brotli.decompress(body)
    elif encoding == "gzip":
        import gzip

        body = gzip.decompress(body)
    return body.decode("utf-8", "replace")


# --- the report -------------------------------------------------------------------------------


def table(headings: list[str], rows: list[list[str]]) -> str:
    columns = zip(headings, *rows, strict=True)
    widths = [max(len(str(cell)) for cell in column) for column in columns]
    out = []
    for row in [headings, ["-" * width for width in widths], *rows]:
        cells = [
            str(cell).ljust(width) if index == 0 else str(cell).rjust(width)
            for index, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        out.append("  ".join(cells))
    return "\n".join(out)


def kilobytes(size: int) -> str:
    return f"{size / 1024:.1f} KB"

"""Private PostgreSQL and Redis servers on loopback for the tests that stop, restart or fill
them: each lives in a scratch folder under /tmp and is removed afterwards. Without the server
binaries a test skips with a message on a developer's machine, and fails under CI (CI=true),
whose .ci/run installs them."""

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from .servers import free_port

DEADLINE = 30.0


def missing(what: str, install: str):
    message = f"{what} is not installed ({install}); this test needs a real one."
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def as_postgres(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root; CI runs as root, so the cluster belongs to postgres."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class PostgresCluster:
    def __init__(self, bin_dir: Path, folder: Path):
        self.bin_dir, self.folder = bin_dir, folder
        self.port = free_port()

    def run(self, tool: str, *args: str) -> None:
        subprocess.run(  # noqa: S603 (PostgreSQL's own tools, fixed arguments)
            as_postgres([str(self.bin_dir / tool), *args]),
            check=True,
            capture_output=True,
            timeout=120,
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run(
            "pg_ctl", "-D", str(self.folder / "data"), "-l", str(self.folder / "log"),
            "-w", "-o", options, "start",
        )  # fmt: skip

    def stop(self) -> None:
        self.run("pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop")

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"


@contextlib.contextmanager
def private_postgres():
    """A PostgreSQL cluster of our own, with an empty database `analcare`, that a test may stop
    and start (CI's shared server is the suite's own database and must stay up)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        missing("PostgreSQL", "apt-get install postgresql")
    folder = Path(tempfile.mkdtemp(prefix="analcare-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    cluster = PostgresCluster(Path(found[-1]).parent, folder)
    try:
        cluster.run("initdb", "-D", str(folder / "data"), "-U", "postgres", "-A", "trust")
        cluster.start()
        cluster.run("createdb", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres",
                    "analcare")  # fmt: skip
        yield cluster
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def private_redis():
    """CI's Redis (TEST_REDIS_URL, started by .ci/run), or a redis-server of our own."""
    if os.environ.get("TEST_REDIS_URL"):
        yield os.environ["TEST_REDIS_URL"]
        return
    binary = shutil.which("redis-server")
    if not binary:
        missing("redis-server", "apt-get install redis-server")
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 (the redis-server binary, fixed arguments)
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        import redis

        client = redis.Redis(port=port)
        deadline = time.monotonic() + DEADLINE
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=30)

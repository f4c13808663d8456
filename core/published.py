"""The last published copy of the site, shared by every process of a server and kept across
restarts (issue 19, finding 4).

Each process keeps what it reads for the public (the content version, the published rule set)
and the pages it renders from them in memory, for speed. A copy also goes to a store that every
process of the server reads: files under PUBLISHED_COPY_DIR (by default var/published) and, where
CACHE_URL names a Redis, Redis too (the page cache is already there; named values go there as
well). So a worker that never served a page, or one started or recycled while the database is
away or slow, answers from the copy instead of a 503.

Pages are stored per page version (the published content and the release), so a stored page
never needs invalidating: a publish writes under a new version, and a version's folder is removed
once KEEP_VERSIONS newer ones exist. The folder is the app's own, as the database file is: what
is in it is trusted like the cache (both hold pickles). Nothing in it is personal: only public
pages and the published rules are stored."""

import hashlib
import logging
import os
import pickle
import re
import shutil
import tempfile
import threading
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

# A rolling release serves two versions at once, and a publish during it a third.
KEEP_VERSIONS = 4
NAME = re.compile(r"^[A-Za-z0-9_.-]{1,100}$")
PER_PROCESS_CACHES = ("locmem", "dummy")

_on_disk: set[tuple[str, str]] = set()
_warned: set[str] = set()
_lock = threading.Lock()


def folder() -> Path | None:
    """Where the copy lives, or None when the file copy is off (PUBLISHED_COPY_DIR="")."""
    location = getattr(settings, "PUBLISHED_COPY_DIR", "")
    return Path(location) if location else None


def shared_cache():
    """The cache backend, when every process of the server (or every server) reads it: a
    per-process in-memory cache holds no copy another process could read."""
    return cache if cache_is_shared(settings.CACHES.get("default", {}).get("BACKEND", "")) else None


@lru_cache(maxsize=4)
def cache_is_shared(backend: str) -> bool:
    return not any(kind in backend.lower() for kind in PER_PROCESS_CACHES)


def release_tag() -> str:
    # Imported when used: core.caching imports core.memo, which imports this module.
    from core.caching import release_id

    return release_id()


def warn_once(what: str) -> None:
    if what in _warned:
        return
    _warned.add(what)
    logger.warning("The published copy cannot be %s; serving on without it.", what, exc_info=True)


def read_file(path: Path):
    try:
        with path.open("rb") as stored:
            return pickle.load(stored)  # noqa: S301 (the app's own folder, as the cache's pickles)
    except FileNotFoundError:
        return None
    except Exception:
        # Half written by a process that died, or from code that no longer reads it.
        warn_once(f"read ({path.name})")
        return None


def write_file(path: Path, value) -> bool:
    """Writes whole or not at all: a reader in another process never sees half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as output:
                pickle.dump(value, output, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return True
    except Exception:
        warn_once("written (a full or read-only disk?)")
        return False


def keep_newest(parent: Path, pattern: str, keep: int) -> None:
    """Removes all but the `keep` most recently written entries matching `pattern`."""
    try:
        entries = sorted(parent.glob(pattern), key=lambda entry: entry.stat().st_mtime)
    except OSError:
        return
    for entry in entries[:-keep]:
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


# Named values: what a process read from the database, e.g. the page version and the rules.


def value_path(name: str) -> Path | None:
    base = folder()
    if base is None:
        return None
    return base / "values" / f"{name}.{release_tag()}.pickle"


def save_value(name: str, value) -> None:
    """Keeps `value` as the last one read, for processes that cannot read the database. Kept
    per release: a value from other code may not unpickle into what this code expects."""
    assert NAME.match(name), name
    path = value_path(name)
    if path is not None:
        new = not path.exists()
        if write_file(path, value) and new:
            keep_newest(path.parent, f"{name}.*.pickle", KEEP_VERSIONS)
    shared = shared_cache()
    if shared is not None:
        try:
            shared.set(f"published-value:{name}:{release_tag()}", value, None)
        except Exception:
            warn_once("stored in the shared cache")


def load_value(name: str):
    """The value last kept under `name` by any process of this server (or, with Redis, any
    server), or None."""
    assert NAME.match(name), name
    path = value_path(name)
    value = read_file(path) if path is not None else None
    if value is not None:
        return value
    shared = shared_cache()
    if shared is not None:
        try:
            return shared.get(f"published-value:{name}:{release_tag()}")
        except Exception:
            warn_once("read from the shared cache")
    return None


# Pages, as core.caching stores them (headers, compressed bodies, ETag), one file per version
# and address.


def page_path(version: str, key: str) -> Path | None:
    base = folder()
    if base is None or not NAME.match(version):
        return None
    return base / "pages" / version / (hashlib.sha256(key.encode()).hexdigest()[:40] + ".pickle")


def load_page(version: str, key: str) -> dict | None:
    path = page_path(version, key)
    entry = read_file(path) if path is not None else None
    if entry is not None:
        with _lock:
            _on_disk.add((version, key))
    return entry


def save_page(version: str, key: str, entry: dict) -> None:
    path = page_path(version, key)
    if path is None:
        return
    new_version = not path.parent.exists()
    if write_file(path, entry):
        with _lock:
            _on_disk.add((version, key))
        if new_version:
            keep_newest(path.parent.parent, "*", KEEP_VERSIONS)


def keep_page(version: str, key: str, entry: dict) -> None:
    """Makes sure a page served from a shared cache (Redis) is on this server's disk too, so it
    is served while both the database and Redis are away. Costs a file check once per page and
    version in each process."""
    with _lock:
        if (version, key) in _on_disk:
            return
        _on_disk.add((version, key))
    path = page_path(version, key)
    if path is not None and not path.exists():
        save_page(version, key, entry)

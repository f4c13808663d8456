"""A value one process keeps for at most PAGE_VERSION_TTL seconds, keeps serving while the
database cannot be read, and never makes a request wait long for (issue 19, finding 3)."""

import logging
import os
import queue
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError, OperationalError, close_old_connections, connection

from core import outage, published

logger = logging.getLogger(__name__)


class Refresher:
    """One thread per process that reads for the remembered values, so a request waits for a
    slow or locked database at most DB_REFRESH_WAIT seconds and then answers from what was read
    before; a read that hangs (a frozen database) holds this thread, never a request's. It keeps
    its own database connection, renewed as Django renews a request's (DB_CONN_MAX_AGE, health
    checks). Started on first use in each process: a thread does not survive gunicorn's fork."""

    THREAD_NAME = "remembered-refresher"

    def __init__(self):
        self._lock = threading.Lock()
        self._pid = None
        self._jobs = None

    def submit(self, job: Callable[[], None]) -> None:
        with self._lock:
            if self._pid != os.getpid():
                self._pid, self._jobs = os.getpid(), queue.SimpleQueue()
                threading.Thread(
                    target=self._run, args=(self._jobs,), name=self.THREAD_NAME, daemon=True
                ).start()
            self._jobs.put(job)

    @staticmethod
    def _run(jobs: queue.SimpleQueue) -> None:
        while True:
            job = jobs.get()
            try:
                close_old_connections()
                job()
            except Exception:
                logger.exception("A background read of the database failed.")


refresher = Refresher()


def in_background() -> bool:
    """Whether this thread may leave the read to the refresher. Not inside a transaction: what
    it wrote is not visible to another connection yet (tests, an editor's publish); not the
    refresher itself, which would wait for its own queue."""
    return (
        settings.DB_REFRESH_IN_BACKGROUND
        and not connection.in_atomic_block
        and threading.current_thread().name != Refresher.THREAD_NAME
    )


class Remembered:
    """What a process remembers of the database for at most PAGE_VERSION_TTL: under a crowd one
    read a second instead of one per request. forget() makes the next get() read again.

    When a read fails with a database error, the value read last is kept and served (`stale`
    says so) and the read is tried again after the TTL, so an outage costs one failed attempt
    per TTL, not one per request. Before any read has succeeded, the error is raised.

    A request never waits long for the read: it is made by the process's refresher thread, one
    at a time, and a request waits for it at most DB_REFRESH_WAIT seconds after it began, then
    answers from the value read before (`stale`). With DB_REFRESH_IN_BACKGROUND off (tests), or
    inside a transaction, the request's thread reads, as before.

    With `shared` (a name), every value read is also kept in the published copy (core.published)
    that every process of the server reads, so a process that has read nothing yet (a new or
    recycled worker) answers from it while the database cannot be read."""

    def __init__(self, load: Callable, *, shared: str | None = None):
        self._load = load
        self._shared = shared
        self._value = None
        self._has_value = False
        self._until = 0.0
        self._lock = threading.Lock()
        self._generation = 0  # counts forget()s, so a read begun before one is not trusted
        self._reading: threading.Event | None = None  # set when the refresher's read ends
        self._reading_since = 0.0
        self._error: BaseException | None = None
        self.stale = False

    def get(self):
        with self._lock:
            if time.monotonic() < self._until:
                return self._value
        if not in_background():
            return self.refresh()
        return self._get_without_waiting_long()

    def refresh(self):
        """Reads now, in this thread, and keeps what was read; the TTL counts from before the
        read."""
        with self._lock:
            generation = self._generation
        until = time.monotonic() + settings.PAGE_VERSION_TTL
        try:
            value = self._load()
        except DatabaseError as error:
            with self._lock:
                self._error = error
                if not self._has_value and not self._take_shared_copy():
                    raise
                self._until, self.stale = until, True
                value = self._value
            outage.report(error)
            return value
        with self._lock:
            changed = not self._has_value or value != self._value
            self._value, self._has_value, self.stale, self._error = value, True, False, None
            self._until = until if generation == self._generation else 0.0
        if changed and self._shared:
            published.save_value(self._shared, value)
        outage.recovered()
        return value

    def forget(self) -> None:
        """The next get() reads again; the value is kept only to be served if that read fails."""
        with self._lock:
            self._until = 0.0
            self._generation += 1

    def _take_shared_copy(self) -> bool:
        """With the lock held: the value another process kept, if any."""
        if not self._shared:
            return False
        value = published.load_value(self._shared)
        if value is None:
            return False
        self._value, self._has_value, self.stale = value, True, True
        return True

    def _get_without_waiting_long(self):
        done, since = self._read_in_background()
        remaining = since + settings.DB_REFRESH_WAIT - time.monotonic()
        if remaining > 0:
            done.wait(remaining)
        slow = not done.is_set()
        with self._lock:
            if not slow and time.monotonic() < self._until:
                return self._value
            if not self._has_value and not self._take_shared_copy():
                if slow:
                    raise OperationalError(self._slow_message())
                raise self._error or OperationalError("The database could not be read.")
            if slow:
                self.stale = True
            value = self._value
        if slow:
            outage.report(OperationalError(self._slow_message()))
        return value

    def _slow_message(self) -> str:
        return f"no answer within {settings.DB_REFRESH_WAIT:g} s"

    def _read_in_background(self) -> tuple[threading.Event, float]:
        """The read under way, or a new one: never two at once, so a slow database holds one
        thread, not one per request."""
        with self._lock:
            if self._reading is None:
                self._reading, self._reading_since = threading.Event(), time.monotonic()
                refresher.submit(self._background_read)
            return self._reading, self._reading_since

    def _background_read(self) -> None:
        try:
            self.refresh()
        except DatabaseError:
            pass  # kept in _error for the requests waiting; reported by them
        finally:
            with self._lock:
                done, self._reading = self._reading, None
            done.set()

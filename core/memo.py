"""A value one process keeps for at most PAGE_VERSION_TTL seconds, and keeps serving while the
database cannot be read."""

import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError

from core import outage


class Remembered:
    """What a process remembers of the database for at most PAGE_VERSION_TTL: under a crowd one
    read a second instead of one per request. forget() makes the next get() read again.

    When a read fails with a database error, the value read last is kept and served (`stale`
    says so) and the read is tried again after the TTL, so an outage costs one failed attempt
    per TTL, not one per request. Before any read has succeeded, the error is raised."""

    def __init__(self, load: Callable):
        self._load = load
        self._value = None
        self._has_value = False
        self._until = 0.0
        self._lock = threading.Lock()
        self.stale = False

    def get(self):
        with self._lock:
            if time.monotonic() < self._until:
                return self._value
        return self.refresh()

    def refresh(self):
        """Reads now and keeps what was read; the TTL counts from before the read."""
        until = time.monotonic() + settings.PAGE_VERSION_TTL
        try:
            value = self._load()
        except DatabaseError as error:
            with self._lock:
                if not self._has_value:
                    raise
                self._until, self.stale = until, True
                value = self._value
            outage.report(error)
            return value
        with self._lock:
            self._value, self._until, self._has_value, self.stale = value, until, True, False
        outage.recovered()
        return value

    def forget(self) -> None:
        """The next get() reads again; the value is kept only to be served if that read fails."""
        with self._lock:
            self._until = 0.0

"""A value one process keeps for at most PAGE_VERSION_TTL seconds."""

import threading
import time
from collections.abc import Callable

from django.conf import settings


class Remembered:
    """What a process remembers of the database for at most PAGE_VERSION_TTL: under a crowd one
    read a second instead of one per request. forget() makes the next get() read again."""

    def __init__(self, load: Callable):
        self._load = load
        self._value = None
        self._until = 0.0
        self._lock = threading.Lock()

    def get(self):
        with self._lock:
            if time.monotonic() < self._until:
                return self._value
        return self.refresh()

    def refresh(self):
        """Reads now and keeps what was read; the TTL counts from before the read."""
        until = time.monotonic() + settings.PAGE_VERSION_TTL
        value = self._load()
        with self._lock:
            self._value, self._until = value, until
        return value

    def forget(self) -> None:
        with self._lock:
            self._value, self._until = None, 0.0

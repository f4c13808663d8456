"""What the site does while its database cannot be read.

Public pages come from the page cache and the symptom check from the rule set each process
remembers (core.memo), so visitors barely notice; what needs the database (the admin, a page not
yet cached) gets a plain 503 page instead of a traceback. The log says once per interval per
process that the database is unreachable, and once that it is back: an outage under a crowd
must not write a traceback per request."""

import logging
import threading
import time

from django.db import InterfaceError, OperationalError
from django.shortcuts import render

logger = logging.getLogger(__name__)

# Connection refused, reset, timed out or closed: the database is away, not the code wrong.
OUTAGE_ERRORS = (OperationalError, InterfaceError)
LOG_INTERVAL_SECONDS = 60.0
RETRY_AFTER_SECONDS = 30


class _Outage:
    def __init__(self):
        self.lock = threading.Lock()
        self.down = False
        self.logged_at = None


_outage = _Outage()


def is_outage(error: BaseException | None) -> bool:
    return isinstance(error, OUTAGE_ERRORS)


def report(error: BaseException) -> None:
    """Notes that the database could not be read; logs it at most once per interval."""
    now = time.monotonic()
    with _outage.lock:
        _outage.down = True
        if _outage.logged_at is not None and now - _outage.logged_at < LOG_INTERVAL_SECONDS:
            return
        _outage.logged_at = now
    first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
    logger.error(
        "The database is unreachable (%s: %s); serving the pages and rules this process last "
        "read. Said again in %d s if it lasts.",
        type(error).__name__,
        first_line,
        LOG_INTERVAL_SECONDS,
    )


def recovered() -> None:
    """A read succeeded: says so once, if an outage was reported."""
    if not _outage.down:  # the common case, without the lock
        return
    with _outage.lock:
        if not _outage.down:
            return
        _outage.down, _outage.logged_at = False, None
    logger.warning("The database is reachable again.")


def unavailable(request, error: BaseException):
    """The 503 page for a request that needed the database while it was away. It renders
    without the database, and tells staff that what they sent was not saved."""
    report(error)
    response = render(request, "503.html", status=503)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    # Reported above, once per interval: Django would log a traceback per request otherwise.
    response._has_been_logged = True
    return response

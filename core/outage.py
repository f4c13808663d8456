"""What the site does while its database cannot be read, or cannot be written.

Public pages come from the page cache and the published copy (core.published), and the symptom
check from the rule set each process remembers (core.memo), so visitors barely notice; what
needs the database (the admin, a page not yet cached) gets a plain 503 page instead of a
traceback. A database that answers but refuses writes (read-only, as managed services make it
when its storage fills; a read-only SQLite file; a full disk) gives editors the same 503 page,
never a 500 or a 400 (issue 19, finding 5). The log says once per interval per process that the
database is unreachable (or slow, or read-only), and once that it is back: an outage under a
crowd must not write a traceback per request."""

import logging
import threading
import time

from django.contrib import messages
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# Connection refused, reset, timed out or closed: the database is away, not the code wrong.
OUTAGE_ERRORS = (OperationalError, InterfaceError)
# PostgreSQL's "cannot execute … in a read-only transaction" (25006) and a full disk (53100).
CANNOT_WRITE_SQLSTATES = {"25006", "53100"}
# SQLite's words for the same: a read-only file or folder, a full disk.
CANNOT_WRITE_MESSAGES = (
    "readonly database",
    "read-only transaction",
    "database or disk is full",
)
LOG_INTERVAL_SECONDS = 60.0
RETRY_AFTER_SECONDS = 30
# The heading of 503.html, for the API's 503.
NOT_AVAILABLE = _("This part of the site is not available right now")


class _State:
    def __init__(self):
        self.lock = threading.Lock()
        self.down = False
        self.logged_at = None


_outage = _State()  # the database cannot be read
_read_only = _State()  # it can be read, but refuses writes


def is_outage(error: BaseException | None) -> bool:
    return isinstance(error, OUTAGE_ERRORS)


def refuses_writes(error: BaseException | None) -> bool:
    """Whether `error` says the database takes no writes (read-only, or its disk full)."""
    if not isinstance(error, DatabaseError):
        return False
    cause = error.__cause__
    if getattr(cause, "sqlstate", None) in CANNOT_WRITE_SQLSTATES:
        return True
    words = f"{error} {cause or ''}".lower()
    return any(message in words for message in CANNOT_WRITE_MESSAGES)


def unavailable_error(error: BaseException | None) -> DatabaseError | None:
    """The database error behind `error` (itself, or what it was raised from: Django turns a
    session that cannot be saved into a 400) when the database is away or refuses writes."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if is_outage(error) or refuses_writes(error):
            return error
        error = error.__cause__ or error.__context__
    return None


def first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else ""


def _report(state: _State, message: str, error: BaseException) -> None:
    now = time.monotonic()
    with state.lock:
        state.down = True
        if state.logged_at is not None and now - state.logged_at < LOG_INTERVAL_SECONDS:
            return
        state.logged_at = now
    logger.error(message, type(error).__name__, first_line(error), LOG_INTERVAL_SECONDS)


def _recovered(state: _State, message: str) -> None:
    if not state.down:  # the common case, without the lock
        return
    with state.lock:
        if not state.down:
            return
        state.down, state.logged_at = False, None
    logger.warning(message)


def report(error: BaseException) -> None:
    """Notes that the database could not be read, or not written; logs it at most once per
    interval."""
    if refuses_writes(error):
        _report(
            _read_only,
            "The database refuses writes (%s: %s): editors get the 503 page, visitors the "
            "published pages. Said again in %d s if it lasts.",
            error,
        )
        return
    _report(
        _outage,
        "The database is unreachable or too slow (%s: %s); serving the pages and rules last "
        "read. Said again in %d s if it lasts.",
        error,
    )


def recovered() -> None:
    """A read succeeded: says so once, if an outage was reported."""
    _recovered(_outage, "The database is reachable again.")


def writable() -> None:
    """A write succeeded: says so once, if the database was reported read-only."""
    _recovered(_read_only, "The database takes writes again.")


def renew_connections() -> None:
    """Closes this thread's database connections when the request ends, not DB_CONN_MAX_AGE
    later. A connection that met a database refusing writes can stay that way for its life (a
    SQLite file opened while it could not be written is opened read-only), so editors would get
    this page for up to a minute after the database took writes again."""
    for connection in connections.all(initialized_only=True):
        connection.close_at = time.monotonic()


def forget_messages(request) -> None:
    """Drops the messages queued for the next page. A save can fail at its commit (SQLite: "disk
    I/O error"), after the admin queued "Draft saved.": kept, that message would tell the editor
    her work was saved when nothing was, and her tab would drop its copy of what she typed.
    Reading the messages marks them used, so none is stored."""
    list(messages.get_messages(request))


def unavailable(request, error: BaseException):
    """The 503 page for a request that needed the database while it was away or refused
    writes. It renders without the database, and tells staff that what they sent was not
    saved. Under the API it is the API's JSON error with the page's words, and to an answer
    endpoint (the assess API) it is padded like the answers: an outage must not tell one
    person's answers from another's by their length (issue 19)."""
    from core.http import is_api_request, pad_if_answer  # core.http needs settings loaded

    report(error)
    forget_messages(request)
    renew_connections()
    if is_api_request(request):
        response = JsonResponse({"detail": f"{NOT_AVAILABLE}."}, status=503)
    else:
        response = render(request, "503.html", status=503)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    # Reported above, once per interval: Django would log a traceback per request otherwise.
    response._has_been_logged = True
    return pad_if_answer(request, response)

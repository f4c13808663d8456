"""How long a request may wait for the database (issue 19, finding 3).

A migration's `ALTER TABLE` holds its table locked, a database under load answers slowly, a
frozen one not at all. No visitor's request may wait on it: the remembered version and rules are
read by a thread of their own (core.memo), and every query a serving process makes is bounded,
so a page that needs the database (one not in the copy yet) answers the 503 page after a few
seconds instead of holding a worker thread:

- PostgreSQL: `connect_timeout` (DB_CONNECT_TIMEOUT, in the settings' OPTIONS, for every
  connection), and on a serving process's connections `statement_timeout`
  (DB_STATEMENT_TIMEOUT_MS) and `lock_timeout` (DB_LOCK_TIMEOUT_MS); TCP keepalives notice a
  server that has gone.
- SQLite: the busy timeout (DB_LOCK_TIMEOUT_MS) instead of Python's five seconds.

Editors' requests (the admin, previews) may wait longer, DB_STAFF_TIMEOUT_MS for both, and get
the short limits back when they end. Management commands (`migrate`, `shell`) keep the
database's own limits: the limits are set on connections opened while serving requests only."""

import contextlib
import threading

from django.conf import settings
from django.core.signals import request_started
from django.db import DatabaseError, connection
from django.db.backends.signals import connection_created
from django.dispatch import receiver

_serving = False
_thread = threading.local()  # .staff: this thread serves an editor now


@receiver(request_started, dispatch_uid="core.database.serving")
def note_serving(**kwargs) -> None:
    """From its first request on, this process serves requests: its new connections are bounded."""
    global _serving
    _serving = True


def set_limits(wrapper, statement_ms: int, lock_ms: int) -> None:
    with wrapper.cursor() as cursor:
        if wrapper.vendor == "postgresql":
            cursor.execute(
                f"SET statement_timeout = {int(statement_ms)}; SET lock_timeout = {int(lock_ms)}"
            )
        elif wrapper.vendor == "sqlite":
            cursor.execute(f"PRAGMA busy_timeout = {int(lock_ms)}")


def apply_limits(wrapper, kind: str) -> None:
    if kind == "staff":
        set_limits(wrapper, settings.DB_STAFF_TIMEOUT_MS, settings.DB_STAFF_TIMEOUT_MS)
    else:
        set_limits(wrapper, settings.DB_STATEMENT_TIMEOUT_MS, settings.DB_LOCK_TIMEOUT_MS)
    wrapper.bounded_waits = kind


def limits_of(wrapper) -> str:
    """The limits this module set on the open connection, or "" (none open, or not ours)."""
    return getattr(wrapper, "bounded_waits", "") if wrapper.connection is not None else ""


def bounded() -> bool:
    return _serving and settings.DB_BOUNDED_WAITS


@receiver(connection_created, dispatch_uid="core.database.bounded")
def bound_new_connection(sender, connection, **kwargs) -> None:
    if bounded():
        apply_limits(connection, "staff" if getattr(_thread, "staff", False) else "public")


@contextlib.contextmanager
def staff_waits():
    """Longer limits for the length of an editor's request; the short ones again afterwards. A
    connection that cannot be reset is closed, so the next request opens one with the short
    limits."""
    if not bounded():
        yield
        return
    _thread.staff = True
    try:
        # Only a connection this module bounded; one opened now gets the longer limits at once.
        if (
            connection.connection is not None
            and getattr(connection, "bounded_waits", "") == "public"
        ):
            apply_limits(connection, "staff")
        yield
    finally:
        _thread.staff = False
        if (
            connection.connection is not None
            and getattr(connection, "bounded_waits", "") == "staff"
        ):
            try:
                apply_limits(connection, "public")
            except DatabaseError:
                connection.close()

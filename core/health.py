"""Health checks for a load balancer, answered before the session, CSRF and the views.

They sit below the security headers (a probe gets the same headers as every page), but are
exempt from the redirect to HTTPS (SECURE_REDIRECT_EXEMPT): a load balancer probes over plain
HTTP behind the TLS proxy. /healthz answers any Host (an orchestrator may probe by address) and
touches nothing (no database, no cache: it answers at once however slow they are); /readyz
touches the database, so it answers only the site's own hosts, like every page. /readyz also says
when the database can be read but not written (read-only, or its disk full: issue 19), so editors
are not sent to a server whose saves all fail. Neither is cached or gets a cookie, and the
answers name no host, user or migration: the URLs are public."""

import logging

from django.db import DatabaseError, connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.http import HttpResponseNotAllowed, JsonResponse

from core import outage
from core.models import PageVersion

logger = logging.getLogger(__name__)

HEALTHZ = "/healthz"
READYZ = "/readyz"


def unapplied_migrations() -> list[tuple[str, str]]:
    """Migrations this code has that the database has not applied, as (app, name). Every
    migration is checked, not only each app's latest: `migrate` plans nothing for an app whose
    latest migration is recorded, even when an earlier one is missing."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    return sorted(key for key in loader.graph.nodes if key not in loader.applied_migrations)


class MigrationState:
    """Whether this process has seen every migration applied. Once seen, it is remembered: a
    running release's migrations are not unapplied, and loading the migration graph on every
    probe is the costly part of /readyz."""

    applied = False

    @classmethod
    def problem(cls) -> str | None:
        if cls.applied:
            return None
        missing = unapplied_migrations()
        if missing:
            return f"{len(missing)} database migration(s) not applied"
        cls.applied = True
        return None

    @classmethod
    def forget(cls) -> None:
        cls.applied = False


def refuses_writes() -> bool:
    """Whether the database refuses a write: a statement that changes nothing, in a transaction
    that is rolled back, which PostgreSQL refuses when read-only (default_transaction_read_only,
    a hot standby) and SQLite when its file or folder is read-only. A lock or a slow database is
    no refusal: the write waits at most the short limits (core.database) and counts as taken."""
    table = connection.ops.quote_name(PageVersion._meta.db_table)
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET last_modified = last_modified WHERE 1 = 0")  # noqa: S608
            transaction.set_rollback(True)
    except DatabaseError as error:
        if outage.refuses_writes(error):
            outage.report(error)
            return True
        return False
    outage.writable()
    return False


def readiness_problem() -> str | None:
    """Why this server should not get traffic yet, or None when it is ready."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        outage.report(error)  # once per interval, not a traceback per probe
        return "database unreachable"
    try:
        problem = MigrationState.problem()
    except DatabaseError:
        logger.warning("Readiness: the migration state cannot be read.", exc_info=True)
        return "migration state unreadable"
    if problem:
        return problem
    if refuses_writes():
        return "database read-only"
    return None


def probe_response(payload: dict, *, status: int = 200) -> JsonResponse:
    response = JsonResponse(payload, status=status)
    response.headers["Cache-Control"] = "no-store"
    return response


def health_checks(get_response):
    def middleware(request):
        path = request.path_info.rstrip("/")
        if path in (HEALTHZ, READYZ) and request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        if path == HEALTHZ:
            # The process is up and answering; nothing else is checked, so a database outage
            # does not make an orchestrator restart every server at once.
            return probe_response({"status": "ok"})
        if path == READYZ:
            request.get_host()  # a Host this site does not serve: the 400 page, no database
            problem = readiness_problem()
            if problem:
                return probe_response({"status": "unavailable", "reason": problem}, status=503)
            return probe_response({"status": "ok"})
        return get_response(request)

    return middleware

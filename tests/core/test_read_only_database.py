"""A database that answers but takes no writes (issue 19, finding 5).

Managed PostgreSQL services make the database read-only when its storage fills; a SQLite file
can lose its write permission. The audit found editors given 500s with tracebacks and 400s (a
session that could not be renewed), not the 503 page, while /readyz stayed 200; and a read-only
SQLite file gave 503 on every public page (the page's Last-Modified was dated by a write) while
/readyz said ok. Now: editors get the 503 page, /readyz says the database is read-only, the
public gets its pages, and the log says it once, without a traceback."""

from pathlib import Path

import pytest
from django.db import DatabaseError, InternalError, OperationalError
from django.test import RequestFactory

from core import outage
from core.views import bad_request, server_error

from .held import (
    copy_of,
    database_name,
    form,
    migrated_template,
    read_only_file,
    staff_session,
    timed,
)
from .servers import Server, postgres_server, production_env

CSRF_SECRET = "a" * 32  # Django takes the unmasked secret as the form's token too
PUBLIC = ["/", "/guides/", "/guides/what-to-do-now/", "/api/v1/triage/"]


@pytest.fixture(scope="module")
def template(tmp_path_factory, static_root):
    with migrated_template(tmp_path_factory.mktemp("template"), static_root) as url:
        yield url


def check_editors_get_the_503_page(server: Server, session_key: str) -> None:
    port = server.port
    for path in PUBLIC:
        assert timed(port, path)[0] == 200, path
    status, _, body = timed(port, "/readyz")
    assert (status, body) == (503, '{"status": "unavailable", "reason": "database read-only"}')

    cookies = f"__Host-sessionid={session_key}; __Host-csrftoken={CSRF_SECRET}"
    # A signed-in editor opens the admin (her session is renewed: a write) ...
    status, _, body = timed(port, "/admin/", Cookie=cookies)
    assert status == 503
    assert "not available right now" in body
    # ... saves a change ...
    data, headers = form(
        [("csrfmiddlewaretoken", CSRF_SECRET), ("title", "A change"), ("slug", "a-change")]
    )
    status, _, body = timed(port, "/admin/guides/guide/add/", data, Cookie=cookies, **headers)
    assert status == 503
    assert "not available right now" in body
    # ... or signs in again.
    data, headers = form(
        [
            ("csrfmiddlewaretoken", CSRF_SECRET),
            ("username", "editor"),
            ("password", "a long editor password"),
        ]
    )
    cookie = f"__Host-csrftoken={CSRF_SECRET}"
    status, _, body = timed(port, "/admin/login/", data, Cookie=cookie, **headers)
    assert status == 503
    assert "not available right now" in body
    assert timed(port, "/healthz")[0] == 200

    server.stop()
    log = server.error_log_path.read_text()
    assert "Traceback" not in log
    assert " 500 " not in server.access_log.read_text()
    assert log.count("The database refuses writes") == 1, log


@pytest.mark.on_database("sqlite")
def test_a_read_only_sqlite_file_gives_editors_the_503_page(template, tmp_path, static_root):
    with copy_of(template, tmp_path) as url:
        env = production_env(url, static_root, PUBLISHED_COPY_DIR=str(tmp_path / "published"))
        session_key = staff_session(env)
        with read_only_file(Path(url.removeprefix("sqlite:///"))):
            server = Server(env, tmp_path, "read-only")
            try:
                server.wait_until_up()
                check_editors_get_the_503_page(server, session_key)
            finally:
                server.stop()


@pytest.mark.on_database("sqlite")
def test_editors_work_again_as_soon_as_the_sqlite_file_takes_writes(
    template, tmp_path, static_root
):
    """Each thread's connection opened while the file could not be written is read-only for
    its life: kept for DB_CONN_MAX_AGE (60 s), it gave editors the 503 page for a minute after
    the file was writable again. The 503 now closes it when its request ends."""
    with copy_of(template, tmp_path) as url:
        env = production_env(url, static_root, PUBLISHED_COPY_DIR=str(tmp_path / "published"))
        session_key = staff_session(env)
        cookies = f"__Host-sessionid={session_key}; __Host-csrftoken={CSRF_SECRET}"
        with read_only_file(Path(url.removeprefix("sqlite:///"))):
            server = Server(env, tmp_path, "recovers")
            server.wait_until_up()
        try:
            with read_only_file(Path(url.removeprefix("sqlite:///"))):
                statuses = [timed(server.port, "/admin/", Cookie=cookies)[0] for _ in range(12)]
                assert set(statuses) == {503}
            statuses = [timed(server.port, "/admin/", Cookie=cookies)[0] for _ in range(12)]
            assert set(statuses) == {200}, statuses
        finally:
            server.stop()


@pytest.mark.on_database("postgresql")
def test_a_read_only_postgres_database_gives_editors_the_503_page(template, tmp_path, static_root):
    import psycopg
    from psycopg import sql

    with copy_of(template, tmp_path) as url:
        env = production_env(url, static_root, PUBLISHED_COPY_DIR=str(tmp_path / "published"))
        session_key = staff_session(env)
        # What a managed service sets when the storage fills; new sessions are read-only.
        with psycopg.connect(dbname="postgres", autocommit=True, **postgres_server()) as admin:
            admin.execute(
                sql.SQL("ALTER DATABASE {} SET default_transaction_read_only = on").format(
                    sql.Identifier(database_name(url))
                )
            )
        server = Server(env, tmp_path, "read-only")
        try:
            server.wait_until_up()
            check_editors_get_the_503_page(server, session_key)
        finally:
            server.stop()


# How the errors are told apart, without a server.


class DriverError(Exception):
    def __init__(self, message: str, sqlstate: str | None):
        super().__init__(message)
        self.sqlstate = sqlstate


def raised_from(error: DatabaseError, cause: Exception) -> DatabaseError:
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("attempt to write a readonly database"),
        raised_from(
            InternalError("cannot execute UPDATE in a read-only transaction"),
            DriverError("cannot execute UPDATE in a read-only transaction", "25006"),
        ),
        raised_from(
            OperationalError("could not extend file"), DriverError("could not extend", "53100")
        ),
    ],
    ids=["sqlite-read-only", "postgres-read-only", "postgres-disk-full"],
)
def test_a_refused_write_is_told_from_a_bug(error):
    assert outage.refuses_writes(error)
    assert outage.unavailable_error(error) is error


def test_other_database_errors_are_bugs():
    assert not outage.refuses_writes(InternalError("something else"))
    assert outage.unavailable_error(InternalError("something else")) is None


def test_a_server_error_from_a_read_only_database_is_the_503_page(db):
    request = RequestFactory().post("/admin/guides/guide/add/")
    error = raised_from(
        InternalError("cannot execute INSERT in a read-only transaction"),
        DriverError("cannot execute INSERT in a read-only transaction", "25006"),
    )
    try:
        raise error
    except InternalError:
        response = server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"]


def test_a_session_that_could_not_be_saved_is_the_503_page_not_a_400(db):
    from django.contrib.sessions.backends.base import UpdateError
    from django.contrib.sessions.exceptions import SessionInterrupted

    request = RequestFactory().get("/admin/")
    # As SessionStore.save and SessionMiddleware raise them, each while handling the one before.
    try:
        try:
            raise OperationalError("attempt to write a readonly database")
        except OperationalError:
            try:
                raise UpdateError
            except UpdateError:
                raise SessionInterrupted("The request's session was deleted")  # noqa: B904
    except SessionInterrupted as interrupted:
        response = bad_request(request, interrupted)
    assert response.status_code == 503

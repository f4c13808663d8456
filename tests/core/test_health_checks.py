"""/healthz says the process is up; /readyz says this server may get traffic."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db.migrations.recorder import MigrationRecorder

from core.health import MigrationState

BASE_DIR = Path(__file__).resolve().parents[2]


def test_healthz_answers_without_touching_the_database(client):
    # No django_db mark: pytest-django makes any database access in this test an error.
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/healthz", "/readyz"])
def test_probes_are_never_cached_and_never_set_cookies(client, url):
    response = client.get(url)

    assert response.headers["Cache-Control"] == "no-store"
    assert not response.cookies
    assert "Set-Cookie" not in response.headers


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/healthz", "/readyz", "/readyz/"])
def test_probes_answer_a_load_balancer_over_plain_http(client, settings, url):
    # Load balancers probe over HTTP, behind the TLS proxy.
    settings.SECURE_SSL_REDIRECT = True

    assert client.get(url).status_code == 200


def test_healthz_answers_a_probe_by_address(client):
    assert client.get("/healthz", HTTP_HOST="10.1.2.3:8000").status_code == 200


def test_readyz_refuses_a_host_the_site_does_not_serve_without_touching_the_database(client):
    # No django_db mark: pytest-django makes any database access in this test an error.
    assert client.get("/readyz", HTTP_HOST="10.1.2.3:8000").status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/healthz", "/readyz"])
def test_probes_carry_the_security_headers_of_every_page(client, settings, url):
    settings.SECURE_HSTS_SECONDS = 3600
    response = client.get(url, secure=True)

    for header in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "Cross-Origin-Resource-Policy",
        "Cross-Origin-Opener-Policy",
        "Referrer-Policy",
        "X-Content-Type-Options",
        "X-Frame-Options",
        "Strict-Transport-Security",
    ):
        assert header in response.headers, header


@pytest.mark.django_db
def test_readyz_reads_the_migration_graph_until_it_has_seen_it_applied(client, monkeypatch):
    from core import health

    health.MigrationState.forget()
    reads = []
    real = health.unapplied_migrations
    monkeypatch.setattr(health, "unapplied_migrations", lambda: reads.append(1) or real())

    assert [client.get("/readyz").status_code for _ in range(3)] == [200, 200, 200]
    assert len(reads) == 1


@pytest.mark.django_db
def test_readyz_is_ok_when_the_database_is_migrated(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_is_503_while_a_migration_is_not_applied(client):
    # An early migration, with later ones applied: the check must look past each app's latest.
    # Inside the test's transaction, which is rolled back: the test database stays intact.
    MigrationRecorder.Migration.objects.filter(app="guides", name="0001_initial").delete()
    MigrationState.forget()  # as in a process that has not yet seen them applied

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "reason": "1 database migration(s) not applied",
    }
    assert "0001" not in response.content.decode()


def test_readyz_is_503_when_the_database_cannot_be_reached(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "analcare.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "care.example.org",
        "SITE_ORIGIN": "https://care.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'missing-folder' / 'db.sqlite3'}",
    }
    probe = (
        "import django, json; django.setup(); from django.test import Client; "
        "r = Client().get('/readyz', HTTP_HOST='care.example.org'); "
        "print(json.dumps([r.status_code, r.json()]))"
    )
    result = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "-c", probe],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )

    status, body = json.loads(result.stdout.strip().splitlines()[-1])
    assert status == 503
    assert body == {"status": "unavailable", "reason": "database unreachable"}

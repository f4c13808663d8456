"""The production settings pass Django's deployment checklist, and refuse unsafe set-ups."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


def production_env(tmp_path, **overrides) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"CACHE_URL", "LOCAL_PLAIN_HTTP", "SECURE_HSTS_PRELOAD", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="analcare.settings.prod",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="care.example.org",
        SITE_ORIGIN="https://care.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def run_manage(tmp_path, *args, **env_overrides) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=production_env(tmp_path, **env_overrides),
        capture_output=True,
        text=True,
        timeout=180,
    )


def production_settings(tmp_path, **env_overrides) -> dict:
    code = (
        "import json; from django.conf import settings as s; print(json.dumps({"
        "'proxy': s.SECURE_PROXY_SSL_HEADER, 'redirect': s.SECURE_SSL_REDIRECT, "
        "'hsts': s.SECURE_HSTS_SECONDS, 'subdomains': s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "'session_secure': s.SESSION_COOKIE_SECURE, 'csrf_secure': s.CSRF_COOKIE_SECURE, "
        "'trusted': s.CSRF_TRUSTED_ORIGINS, 'cache': s.CACHES['default'], "
        "'ssl_host': s.SECURE_SSL_HOST}))"
    )
    result = run_manage(tmp_path, "shell", "-c", code, **env_overrides)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("preload", ["false", "true"])
def test_deploy_check_passes_with_the_production_settings(tmp_path, preload):
    result = run_manage(
        tmp_path, "check", "--deploy", "--fail-level", "WARNING", SECURE_HSTS_PRELOAD=preload
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_deploy_check_fails_when_https_is_turned_off(tmp_path):
    result = run_manage(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOCAL_PLAIN_HTTP="1",
    )

    assert result.returncode != 0
    assert "security.W008" in result.stderr + result.stdout


def test_production_settings_trust_the_proxy_and_keep_cookies_on_https(tmp_path):
    values = production_settings(
        tmp_path,
        CSRF_TRUSTED_ORIGINS="https://care.example.org",
        CACHE_URL="redis://cache.internal:6379/1",
    )

    assert values["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["redirect"] is True
    assert values["ssl_host"] == "care.example.org"  # the redirect never names the sent Host
    assert values["hsts"] >= 365 * 24 * 60 * 60
    assert values["subdomains"] is True
    assert values["session_secure"] is True
    assert values["csrf_secure"] is True
    assert values["trusted"] == ["https://care.example.org"]
    assert values["cache"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert values["cache"]["LOCATION"] == "redis://cache.internal:6379/1"


def test_without_cache_url_each_process_keeps_its_own_cache(tmp_path):
    values = production_settings(tmp_path)

    assert values["cache"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"SECRET_KEY": None}, "SECRET_KEY"),
        ({"DATABASE_URL": ""}, "DATABASE_URL"),
        ({"LOCAL_PLAIN_HTTP": "1"}, "LOCAL_PLAIN_HTTP is for loopback only"),
        ({"CACHE_URL": "memcached://cache:11211"}, "CACHE_URL must be"),
        ({"SITE_ORIGIN": ""}, "SITE_ORIGIN"),
        ({"SITE_ORIGIN": "care.example.org"}, "SITE_ORIGIN must be an origin alone"),
        ({"SITE_ORIGIN": "https://care.example.org/path"}, "SITE_ORIGIN must be an origin alone"),
    ],
)
def test_production_settings_refuse_an_unsafe_or_incomplete_environment(
    tmp_path, overrides, message
):
    result = run_manage(tmp_path, "check", **overrides)

    assert result.returncode != 0
    assert message in result.stderr


def test_production_logs_leave_out_unknown_host_names_but_keep_errors(tmp_path):
    """Scanners send other Host names all day: each gets a 400 page and no logged traceback."""
    code = (
        "import logging; "
        "logging.getLogger('django.security.DisallowedHost').error('Invalid host evil.example'); "
        "logging.getLogger('django.request').error('Internal Server Error: /kept/')"
    )
    result = run_manage(tmp_path, "shell", "-c", code)
    assert result.returncode == 0, result.stderr
    assert "evil.example" not in result.stderr
    assert "/kept/" in result.stderr

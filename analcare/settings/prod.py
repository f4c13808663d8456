"""Production: every secret and host comes from the environment, or the process refuses to start."""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import BASE_DIR, STORAGES, env_bool, env_list

REQUIRED = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "SITE_ORIGIN")
missing = [name for name in REQUIRED if not os.environ.get(name, "").strip()]
if missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables: " + ", ".join(missing)
    )

DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not re.fullmatch(r"https?://[^/?#\s]+", SITE_ORIGIN):  # noqa: F405
    raise ImproperlyConfigured("SITE_ORIGIN must be an origin alone, e.g. https://care.example.org")

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "core.storage.StaticFilesStorage"},
}
# Where collectstatic writes; the bench and the scale-out test use a scratch folder.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))

# HTTPS and proxies
# TLS ends at the proxy or load balancer, which must set X-Forwarded-Proto and drop any value a
# client sent (docs/deployment.md).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# LOCAL_PLAIN_HTTP=1 is for `make serve-prod` and `make bench` on this machine only: it turns off
# the redirect to HTTPS, and is refused unless every allowed host is a loopback name.
LOCAL_PLAIN_HTTP = env_bool("LOCAL_PLAIN_HTTP")
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]"}
if LOCAL_PLAIN_HTTP and not set(ALLOWED_HOSTS) <= LOOPBACK_HOSTS:
    raise ImproperlyConfigured(
        "LOCAL_PLAIN_HTTP is for loopback only; ALLOWED_HOSTS must be among "
        + ", ".join(sorted(LOOPBACK_HOSTS))
    )
SECURE_SSL_REDIRECT = not LOCAL_PLAIN_HTTP
# The redirect names SITE_ORIGIN's host, not the Host header the client sent.
SECURE_SSL_HOST = urlsplit(SITE_ORIGIN).netloc  # noqa: F405
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Preloading binds the whole domain and its subdomains to HTTPS for years and is hard to
    # undo, so the domain's owner opts in (docs/deployment.md); the check would only remind.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
# The public origin(s), e.g. https://care.example.org, for the admin's forms behind the proxy.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Shared cache
# Several app servers share one Redis (CACHE_URL=redis://host:6379/0); without it each process
# keeps its own in-memory cache, which stays correct because cache keys carry the content version.
CACHE_URL = os.environ.get("CACHE_URL", "").strip()
if CACHE_URL:
    if not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured("CACHE_URL must be a redis://, rediss:// or unix:// URL.")
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "analcare"),
            # A slow or missing Redis must not hold requests: pages render without it.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }

# Logs name no client address and no query string (gunicorn.conf.py does the same for access).
LOGGING = {
    **LOGGING,  # noqa: F405
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        **LOGGING["handlers"],  # noqa: F405
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
}

# Admin sessions: the only cookies the site sets, sent over HTTPS only. The __Host- prefix makes
# browsers refuse them unless they are secure, host-only and site-wide.
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

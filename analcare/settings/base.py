"""Settings shared by every environment; each value can be overridden from the environment."""

import base64
import hashlib
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Local state (the SQLite database) lives here, outside the tracked source files.
VAR_DIR = Path(os.environ.get("ANALCARE_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "rest_framework",
    "drf_spectacular",
    "pwa",
    "csp",
    "simple_history",
    "axes",
    "core",
    "guides",
    "triage",
    "offline",
]

MIDDLEWARE = [
    "core.languages.language_from_path",
    "core.middleware.head_without_body",
    "core.middleware.no_store_by_default",
    "core.caching.PublicPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Above WhiteNoise and the health checks, so static files (scripts, icons, SVG) and probes
    # get CORP, Permissions-Policy, CSP and X-Frame-Options too.
    "core.middleware.privacy_headers",
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.health.health_checks",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.public_pages_ignore_staff_cookies",
    # Django's, with the 503 page when the database cannot save a session (core/sessions.py).
    "core.sessions.SessionMiddleware",
    "core.middleware.staff_pages",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a lockout into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "analcare.urls"
WSGI_APPLICATION = "analcare.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
                "core.context_processors.canonical",
                "core.languages.languages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# No request waits long for the database (core/database.py, issue 19). PostgreSQL: give up on a
# connection after DB_CONNECT_TIMEOUT seconds, and notice a server that has gone (keepalives).
DB_CONNECT_TIMEOUT = int(os.environ.get("DB_CONNECT_TIMEOUT", "2"))
if DATABASES["default"].get("ENGINE") == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        connect_timeout=DB_CONNECT_TIMEOUT,
        keepalives=1,
        keepalives_idle=10,
        keepalives_interval=5,
        keepalives_count=3,
    )
# While serving requests: a statement may take DB_STATEMENT_TIMEOUT_MS (PostgreSQL), a lock be
# waited for DB_LOCK_TIMEOUT_MS (PostgreSQL's lock_timeout, SQLite's busy timeout); editors'
# requests (the admin, previews) DB_STAFF_TIMEOUT_MS for both. Management commands keep the
# database's own limits. DB_BOUNDED_WAITS=0 turns the request limits off.
DB_BOUNDED_WAITS = env_bool("DB_BOUNDED_WAITS", True)
DB_STATEMENT_TIMEOUT_MS = int(os.environ.get("DB_STATEMENT_TIMEOUT_MS", "2000"))
DB_LOCK_TIMEOUT_MS = int(os.environ.get("DB_LOCK_TIMEOUT_MS", "1000"))
DB_STAFF_TIMEOUT_MS = int(os.environ.get("DB_STAFF_TIMEOUT_MS", "20000"))
# The content version and the published rules are read by a thread of each process's own
# (core/memo.py); a request waits for that read at most DB_REFRESH_WAIT seconds, then answers
# from what was read before. Off: the request's thread reads, and waits as long as it takes.
DB_REFRESH_IN_BACKGROUND = env_bool("DB_REFRESH_IN_BACKGROUND", True)
DB_REFRESH_WAIT = float(os.environ.get("DB_REFRESH_WAIT", "0.5"))
# The published copy (core/published.py): every stored public page, the version and the rules,
# in files every process of this server reads, so a worker that never served a page still has
# it while the database is away. Empty: no files (Redis, where configured, still shares pages).
PUBLISHED_COPY_DIR = os.environ.get("PUBLISHED_COPY_DIR", str(VAR_DIR / "published"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Public pages (core.caching): cached per content version, so a publish shows at once everywhere.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "86400"))
# Each process asks the database for the content version at most this often (seconds); a save
# in the same process is seen at once, a publish on another server within this time. 0: always.
PAGE_VERSION_TTL = float(os.environ.get("PAGE_VERSION_TTL", "1"))
# How long a CDN or proxy may keep a public page, and serve it stale while it refetches or
# while the app is down. Browsers always revalidate (max-age=0).
PAGE_CACHE_S_MAXAGE = int(os.environ.get("PAGE_CACHE_S_MAXAGE", "300"))
PAGE_CACHE_STALE_WHILE_REVALIDATE = int(os.environ.get("PAGE_CACHE_STALE_WHILE_REVALIDATE", "60"))
PAGE_CACHE_STALE_IF_ERROR = int(os.environ.get("PAGE_CACHE_STALE_IF_ERROR", "86400"))
# Every POST answer of the no-JS symptom check (questions, results, refusals) is padded to this
# many bytes, so its size tells no log and no observer of the wire what was ticked. Generous: the
# largest page is well under it (tests/core/test_fixed_length_answers.py).
TRIAGE_RESULT_BYTES = int(os.environ.get("TRIAGE_RESULT_BYTES", str(96 * 1024)))
# Every answer of POST /api/v1/triage/assess/ is padded to this size (every rule's reason in
# Spanish fits in it), for the same reason.
TRIAGE_ASSESS_BYTES = int(os.environ.get("TRIAGE_ASSESS_BYTES", str(32 * 1024)))
# The same answers for a client that accepts gzip (every browser): compressed first, then padded
# in the gzip header to exactly this many bytes on the wire (core.http.pad_answer). The largest
# answer page compresses to about 6.5 KB, every rule's reason in Spanish to under 5 KB.
TRIAGE_RESULT_GZIP_BYTES = int(os.environ.get("TRIAGE_RESULT_GZIP_BYTES", str(16 * 1024)))
TRIAGE_ASSESS_GZIP_BYTES = int(os.environ.get("TRIAGE_ASSESS_GZIP_BYTES", str(8 * 1024)))
# Answers (no-JS check POSTs and the assess API) per public address (core.ratelimit): at most
# ANSWER_RATE_BURST at once, then ANSWER_RATE_PER_MINUTE; a person's pass is about six. 0: off.
ANSWER_RATE_PER_MINUTE = int(os.environ.get("ANSWER_RATE_PER_MINUTE", "60"))
ANSWER_RATE_BURST = int(os.environ.get("ANSWER_RATE_BURST", "60"))
# Names the deployed code in ETags and cache keys (e.g. the git commit); blank: a digest of the
# templates, code and static manifest.
RELEASE_ID = os.environ.get("RELEASE_ID", "").strip()

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
# English at today's addresses, Spanish (es-US) under /es/ (core/languages.py).
LANGUAGES = [("en-us", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["analcare.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Visitors never get a cookie; only staff signing in to the admin do.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"
# Where a sign-in lands when its next= is missing or points off the site (Django's default,
# /accounts/profile/, does not exist here).
LOGIN_REDIRECT_URL = "admin:index"

# Staff sessions end after this much time without an admin or preview request
# (core.middleware.staff_pages renews them only there).
STAFF_SESSION_IDLE_MINUTES = int(os.environ.get("STAFF_SESSION_IDLE_MINUTES", "30"))
SESSION_COOKIE_AGE = STAFF_SESSION_IDLE_MINUTES * 60

# Brute-force protection for the admin sign-in (django-axes): after AXES_FAILURE_LIMIT failed
# attempts for one username from one address, that pair is refused with HTTP 429 until the
# cool-off ends; an address that fails AXES_ADDRESS_FAILURE_LIMIT times across usernames is
# refused for all of them. A username is never locked for everyone (core/lockout.py). Only
# admin requests are watched, so nothing about public visitors is stored.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_ADDRESS_FAILURE_LIMIT = int(
    os.environ.get("AXES_ADDRESS_FAILURE_LIMIT", str(4 * AXES_FAILURE_LIMIT))
)
AXES_LOCKOUT_PARAMETERS = "core.lockout.lockout_parameters"
# The number of trusted proxies in front of the app servers (a load balancer, a TLS proxy): the
# client's address is the NUM_PROXIES-th entry from the right of X-Forwarded-For. 0: the
# socket's address, and X-Forwarded-For is never read.
NUM_PROXIES = int(os.environ.get("NUM_PROXIES", "0"))
AXES_CLIENT_IP_CALLABLE = "core.lockout.client_address"
AXES_RESET_ON_SUCCESS = True
# A try while locked out is refused without counting: it must not restart the cool-off.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_ONLY_ADMIN_SITE = True
AXES_LOCKOUT_CALLABLE = "core.lockout.lockout_response"
# The start-up banner says nothing operators need; lockouts are still logged.
AXES_VERBOSE = env_bool("AXES_VERBOSE")

# Security headers. Django sets Referrer-Policy, nosniff and COOP; core.middleware adds the rest.
SECURE_REFERRER_POLICY = "no-referrer"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Load balancers probe over plain HTTP behind the TLS proxy (core.health).
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$", r"^readyz/?$"]
X_FRAME_OPTIONS = "DENY"

# The one inline script: marks <html> so CSS can hide controls that only work with JavaScript.
# It is allowed by its hash, so pages stay cacheable (a nonce would make every response unique).
JS_ENABLED_SNIPPET = "document.documentElement.classList.add('js-enabled');"
JS_ENABLED_SNIPPET_HASH = (
    "sha256-" + base64.b64encode(hashlib.sha256(JS_ENABLED_SNIPPET.encode()).digest()).decode()
)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, f"'{JS_ENABLED_SNIPPET_HASH}'"],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "worker-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["core.renderers.SharedJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["core.parsers.BoundedJSONParser"],
    # Anonymous and read-mostly: no session auth, so no CSRF cookie and no visitor state.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "AnalCare API",
    "DESCRIPTION": (
        "Read-only health guides and the symptom-check rule set. Anonymous; nothing is stored."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.common_error_responses",
        # The finding codes, read from the published rule set whenever the schema is made.
        "triage.api.finding_codes_in_schema",
    ],
}

# The product's public face: a neutral name for the home screen, tab and lock screen.
APP_NAME = os.environ.get("APP_NAME", "Care Notes")
APP_SHORT_NAME = os.environ.get("APP_SHORT_NAME", "Care Notes")
# The same neutral name for Spanish pages and the Spanish home-screen app.
APP_NAME_ES = os.environ.get("APP_NAME_ES", "Notas de salud")
APP_SHORT_NAME_ES = os.environ.get("APP_SHORT_NAME_ES", "Notas de salud")
PUBLISHER_NAME = os.environ.get("PUBLISHER_NAME", "AnalCare")
EMERGENCY_NUMBER = os.environ.get("EMERGENCY_NUMBER", "911")
# Where quick exit sends the person: a neutral public page.
QUICK_EXIT_URL = os.environ.get("QUICK_EXIT_URL", "https://www.wikipedia.org/")
# How long the service worker waits for the network before answering a page from its saved copy.
OFFLINE_NETWORK_TIMEOUT_MS = int(os.environ.get("OFFLINE_NETWORK_TIMEOUT_MS", "3000"))
REVIEW_INTERVAL_MONTHS = int(os.environ.get("REVIEW_INTERVAL_MONTHS", "12"))
# The public origin (https://care.example.org) of every absolute link (canonical, JSON-LD, API,
# robots.txt, sitemap): never the Host header a client sends. Required in production.
SITE_ORIGIN = os.environ.get("SITE_ORIGIN", "").strip().rstrip("/")

PWA_APP_NAME = APP_NAME
PWA_APP_SHORT_NAME = APP_SHORT_NAME
PWA_APP_DESCRIPTION = "Private notes and a quick check for everyday health questions."
PWA_APP_THEME_COLOR = "#1d4f6e"
PWA_APP_BACKGROUND_COLOR = "#ffffff"
PWA_APP_DISPLAY = "standalone"
PWA_APP_SCOPE = "/"
PWA_APP_START_URL = "/"
PWA_APP_ORIENTATION = "any"
PWA_APP_STATUS_BAR_COLOR = "default"
PWA_APP_DIR = "ltr"
PWA_APP_LANG = "en-US"
PWA_APP_ICONS = []

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "discard": {"class": "logging.NullHandler"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Scanners send other Host names all day; each gets a 400 and would log a traceback.
        "django.security.DisallowedHost": {"handlers": ["discard"], "propagate": False},
    },
}

"""Test runs: fast hashing, an in-memory cache, and the same security posture as production."""

from .base import *  # noqa: F403
from .base import env_list

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
SITE_ORIGIN = SITE_ORIGIN or "http://testserver"  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Serve static files straight from static/ (no collectstatic) and pick up edits at once.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The live test server is slow while a new worker saves the whole site; a page must then still
# come from the network, as it would on a real server. Offline tests fail fast, not by timeout.
OFFLINE_NETWORK_TIMEOUT_MS = 20_000

# On SQLite, tests use a database file rather than memory: the live server used by browser tests
# then gives each of its request threads its own connection, as on a real server, instead of
# sharing one in-memory connection across threads (which can lock up under a service worker's
# burst of requests).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}  # noqa: F405

# The remembered version and rules are read in the request's own thread: a test's transaction is
# invisible to the refresher thread's connection (tests/core/test_db_never_waits.py turns it on).
DB_REFRESH_IN_BACKGROUND = False
# No published copy on disk: every test starts with an empty page cache (tests/conftest.py), and
# files would outlive it. The gunicorn servers of tests/core run the production settings, with it.
PUBLISHED_COPY_DIR = ""
# Live-server tests share one SQLite file between the test and the server's threads: wait for a
# lock as long as Python's sqlite3 does by default, as before the request limits.
DB_LOCK_TIMEOUT_MS = 5000
DB_STATEMENT_TIMEOUT_MS = 10_000

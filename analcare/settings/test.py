"""Test runs: fast hashing, an in-memory cache, and the same security posture as production."""

from .base import *  # noqa: F403
from .base import env_list

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Serve static files straight from static/ (no collectstatic) and pick up edits at once.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The live test server is slow while a new worker saves the whole site; a page must then still
# come from the network, as it would on a real server. Offline tests fail fast, not by timeout.
OFFLINE_NETWORK_TIMEOUT_MS = 20_000

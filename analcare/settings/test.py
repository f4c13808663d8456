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

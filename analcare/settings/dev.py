"""Local development: DEBUG on, SQLite in var/, a throwaway secret key."""

from .base import *  # noqa: F403
from .base import REST_FRAMEWORK, env_bool, env_list

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-used-in-production"  # noqa: F405
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
SITE_ORIGIN = SITE_ORIGIN or "http://127.0.0.1:8000"  # noqa: F405
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_RENDERER_CLASSES": [
        "core.renderers.SharedJSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}

# Edits to templates show on the next reload, not after the content changes.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", False)

# Serve static files straight from static/ (no collectstatic) and pick up edits at once.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

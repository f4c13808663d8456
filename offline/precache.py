"""What the service worker saves on the phone, and the version that tells phones to refresh it.

The lists are built from URL names, published guides and the staticfiles finders, so new pages
and static files (the triage's modules, for instance) are covered without editing the worker."""

import hashlib
import os
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.files.storage import Storage
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse

from core.languages import api_query
from core.versioning import content_version
from guides.models import Guide, active_language

# Pages and JSON saved when the worker installs, so they open with no network.
PAGE_URL_NAMES = (
    "home",
    "guides:list",
    "triage:start",
    "about",
    "privacy",
    "offline",
    "exit",
    "manifest",
)
# Pages that other parts of the site may or may not provide; saved when they exist.
OPTIONAL_PAGE_URL_NAMES = ("get-help",)

# Same ignore patterns as collectstatic, so the list matches what is deployed.
STATIC_IGNORE_PATTERNS = ["CVS", ".*", "*~"]


def page_urls() -> list[str]:
    """The pages of the active language, with the rule set in that language."""
    urls = [reverse(name) for name in PAGE_URL_NAMES]
    urls.append(reverse("api:triage-rules") + api_query())
    for name in OPTIONAL_PAGE_URL_NAMES:
        try:
            urls.append(reverse(name))
        except NoReverseMatch:
            continue
    urls += [guide.get_absolute_url() for guide in Guide.objects.published(active_language())]
    return list(dict.fromkeys(urls))


def _is_first_party(storage: Storage) -> bool:
    """Files from this project (static/ and our apps), not from installed packages: the admin's
    and the API browser's assets (3.7 MB) are never shown to a visitor and stay off the phone."""
    location = Path(getattr(storage, "location", "")).resolve()
    return not {"site-packages", "dist-packages"} & set(location.parts)


def static_files() -> list[tuple[str, Storage]]:
    """Every first-party file the staticfiles finders list, as (path, source storage), sorted."""
    found: dict[str, Storage] = {}
    for finder in get_finders():
        for path, storage in finder.list(STATIC_IGNORE_PATTERNS):
            # The first finder to list a path wins, as in collectstatic.
            if path not in found and _is_first_party(storage):
                found[path] = storage
    return sorted(found.items())


# Our own files for the admin: staff use them, and no visitor's phone keeps them (issue 19).
STAFF_ONLY_STATIC = {"css/admin.css", "js/admin-editing.mjs"}


def static_urls() -> list[str]:
    """Public URLs of the static files a visitor's page uses: hashed names under the production
    manifest storage."""
    return [
        static(path.replace(os.sep, "/"))
        for path, _storage in static_files()
        if path.replace(os.sep, "/") not in STAFF_ONLY_STATIC
    ]


# Content digests keyed by file path and (mtime, size), so each request re-reads only edited files.
_digests: dict[str, tuple[tuple[int, int], str]] = {}


def _file_digest(full_path: str) -> str:
    stat = os.stat(full_path)
    key = (stat.st_mtime_ns, stat.st_size)
    cached = _digests.get(full_path)
    if cached and cached[0] == key:
        return cached[1]
    with open(full_path, "rb") as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()
    _digests[full_path] = (key, digest)
    return digest


def static_files_digest() -> str:
    """Changes when any static file is added, removed or edited; the same on every server,
    because it hashes contents, not modification times."""
    digest = hashlib.sha256()
    for path, storage in static_files():
        digest.update(f"{path}\0{_file_digest(storage.path(path))}\n".encode())
    return digest.hexdigest()


def worker_version(*, pages: list[str], statics: list[str]) -> str:
    """One short string that changes with published content, the rules, any static file, the
    list of saved pages or the settings those pages show, so phones fetch a new worker."""
    parts = [
        content_version(),
        static_files_digest(),
        "\n".join(pages),
        "\n".join(statics),
        settings.APP_NAME,
        settings.QUICK_EXIT_URL,
        settings.EMERGENCY_NUMBER,
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]

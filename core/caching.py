"""Server-side caching of public pages, keyed on the site's content version.

A view wrapped in `cache_public_page` (where it is routed) is a public page: it looks the same to
every visitor. `PublicPageCacheMiddleware`, near the top of the middleware stack, stores such a
page once per content version, with the headers the rest of the stack added, and answers repeat
requests before the rest of the stack and the view run again.

Invalidation is by key, not by timer: the key and the ETag carry `content_version()`, which
changes when any app's registered content (guides, the triage rules) changes, so a publish on
any server changes the key for every server that shares the database. A per-process cache is
therefore as correct as a shared one. Each process asks the database for the version at most
once per PAGE_VERSION_TTL (default 1 s): under a crowd that is one small query a second instead
of one per request; a save in the same process forgets the remembered version at once. The read
is made by a thread of its own (core.memo): a request waits for it at most DB_REFRESH_WAIT, so a
slow, locked or frozen database holds no visitor (issue 19, finding 3).

Every stored page also goes to the published copy (core.published: files every process of the
server reads, and Redis where configured), as does the version: a worker that never served a
page, or one started during an outage, answers it from there (issue 19, finding 4).

A page is compressed once per version (brotli and gzip), not once per request. Public pages hold
nothing personal (no form token, no cookie), so compressing them leaks nothing (BREACH needs a
secret in the body)."""

import gzip
import hashlib
import logging
import sys
import time
from functools import lru_cache, wraps
from importlib import import_module
from pathlib import Path

import brotli
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Max
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from rest_framework.exceptions import NotAcceptable
from rest_framework.request import Request

from core import outage, published
from core.memo import Remembered
from core.models import PageVersion
from core.versioning import content_version, forget_content, newest_change

logger = logging.getLogger(__name__)

COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/manifest+json",
    "application/xml",
    "application/javascript",
)
# Smaller bodies are not worth a Content-Encoding header.
MIN_COMPRESS_BYTES = 256
# Set per response from the cache entry, never replayed from the stored headers.
PER_RESPONSE_HEADERS = {
    "cache-control",
    "content-encoding",
    "content-length",
    "date",
    "etag",
    "last-modified",
    "set-cookie",
}
# Settings that change what a page shows without a code change; part of the release identity.
PAGE_SETTINGS = (
    "APP_NAME",
    "APP_SHORT_NAME",
    "APP_NAME_ES",
    "APP_SHORT_NAME_ES",
    "PUBLISHER_NAME",
    "EMERGENCY_NUMBER",
    "QUICK_EXIT_URL",
    "SITE_ORIGIN",
    "ADMIN_URL",
    "LANGUAGE_CODE",
    "PAGE_CACHE_S_MAXAGE",
    "PAGE_CACHE_STALE_WHILE_REVALIDATE",
    "PAGE_CACHE_STALE_IF_ERROR",
)


# Queries a public page may have and still be stored: none, or the API's Spanish (issue 11).
CACHEABLE_QUERIES = ("", "lang=es")


def cache_public_page(view):
    """Marks a view as a public page: the same for every visitor, cacheable by this server and
    by a CDN, answered with ETag and Last-Modified. The view itself is unchanged. A response
    that turns out personal or unusual (a cookie, a form token, its own Cache-Control,
    Vary: Cookie, a status other than 200) is passed on untouched, and so gets no-store."""

    @wraps(view)
    def public_page(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    public_page.is_public_page = True
    return public_page


def public_cache_control() -> str:
    """Browsers revalidate every time (a 304 is cheap); a CDN or proxy may keep the page briefly,
    and serve it stale while it refetches or while every app server is down."""
    return (
        f"public, max-age=0, s-maxage={settings.PAGE_CACHE_S_MAXAGE}, "
        f"stale-while-revalidate={settings.PAGE_CACHE_STALE_WHILE_REVALIDATE}, "
        f"stale-if-error={settings.PAGE_CACHE_STALE_IF_ERROR}"
    )


def release_files() -> list[Path]:
    """The files whose change alters a page: templates, our own code and settings, translations,
    and the static manifest (hashed file names)."""
    folders = [Path(folder) for engine in settings.TEMPLATES for folder in engine.get("DIRS", [])]
    folders += [Path(folder) for folder in settings.LOCALE_PATHS]
    folders.append(Path(import_module(settings.ROOT_URLCONF).__file__).parent)
    base = Path(settings.BASE_DIR)
    folders += [
        Path(app.path)
        for app in apps.get_app_configs()
        if Path(app.path).is_relative_to(base) and not Path(app.path).is_relative_to(sys.prefix)
    ]
    files = {
        path
        for folder in folders
        if folder.is_dir()
        for path in folder.rglob("*")
        if path.suffix in {".py", ".html", ".txt", ".mo", ".md"} and path.is_file()
    }
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.is_file():
        files.add(manifest)
    return sorted(files)


@lru_cache(maxsize=1)
def release_id() -> str:
    """Names the deployed code and page settings, so a release that changes a template is never
    answered with a 304 or a stored page from the release before. RELEASE_ID (e.g. the git
    commit) is used when set; otherwise a digest that is the same on every server running the
    same code with the same settings."""
    digest = hashlib.sha256(settings.RELEASE_ID.encode())
    for name in PAGE_SETTINGS:
        digest.update(f"{name}={getattr(settings, name, '')!s}\n".encode())
    if not settings.RELEASE_ID:
        base = Path(settings.BASE_DIR)
        for path in release_files():
            digest.update(
                str(path.relative_to(base) if path.is_relative_to(base) else path).encode()
            )
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


_remembered_version = Remembered(
    lambda: f"{content_version()}.{release_id()}", shared="page-version"
)


def forget_version() -> None:
    """Forgets what this process remembers of the content: the site version and each app's
    part of it (the triage rules, for one)."""
    _remembered_version.forget()
    forget_content()


@receiver(post_save, dispatch_uid="core.caching.saved")
@receiver(post_delete, dispatch_uid="core.caching.deleted")
@receiver(m2m_changed, dispatch_uid="core.caching.related")
def forget_version_on_change(sender=None, **kwargs) -> None:
    if sender is PageVersion:
        return  # dating a version changes no content
    # Now, for the rest of this request, and again on commit, for other threads in this process.
    forget_version()
    transaction.on_commit(forget_version)


def page_version() -> str:
    """The content version and the release, asked of the database at most once per TTL; while
    the database cannot be read, the version this process read last."""
    return _remembered_version.get()


# While the database cannot be read, a stored page is served as last published, but a CDN or
# proxy may keep it only briefly: the next publish must not wait out a full s-maxage.
OUTAGE_CACHE_CONTROL = "public, max-age=0, s-maxage=10"


def version_last_modified(version: str) -> int:
    """The Last-Modified of every page of a version: when it was first served by any server,
    never before the newest content change, and always later than every earlier version's. A rule
    or wording change, or a release, changes the pages without touching a guide, and a cache
    that revalidates with If-Modified-Since alone must still get the new page, even when two
    versions fall within one second or are first served by different workers."""
    key = f"page-version-last-modified:{version}"
    remembered = cache_get(key)
    if remembered is not None:
        return remembered
    try:
        last_modified = dated_version(version)
    except DatabaseError as error:
        if not outage.refuses_writes(error):
            raise
        # A read-only database: a date every process works out alike, recorded once it can be.
        outage.report(error)
        return undated_version()
    cache_set(key, last_modified)
    return last_modified


def undated_version() -> int:
    latest = PageVersion.objects.aggregate(latest=Max("last_modified"))["latest"] or 0
    return max(newest_change(), latest + 1)


def dated_version(version: str, attempts: int = 5) -> int:
    for _ in range(attempts):
        known = PageVersion.objects.filter(version=version).first()
        if known:
            return known.last_modified
        latest = PageVersion.objects.aggregate(latest=Max("last_modified"))["latest"] or 0
        candidate = max(int(time.time()), newest_change(), latest + 1)
        try:
            with transaction.atomic():
                PageVersion.objects.create(version=version, last_modified=candidate)
            return candidate
        except IntegrityError:
            continue  # another server dated this version, or took that second: read again
    raise RuntimeError(f"Could not date page version {version}")


def page_key(request, version: str) -> str:
    """One entry per version, scheme and path (with its query, ?lang=es). The public origin is
    SITE_ORIGIN, part of the version (PAGE_SETTINGS), never the Host header: a made-up one
    (another port, another case) cannot add entries. The path is hashed so a long one still
    makes a valid key for memcached-style backends."""
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"page:{version}:{request.scheme}:{path}"


def preferred_encoding(accept_encoding: str, available) -> str:
    """The best encoding the client accepts (q > 0) among those we hold: brotli, then gzip."""
    accepted = {}
    for part in accept_encoding.lower().split(","):
        name, _, parameters = part.strip().partition(";")
        quality = 1.0
        for parameter in parameters.split(";"):
            key, _, value = parameter.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        accepted[name.strip()] = quality
    for encoding in ("br", "gzip"):
        if encoding in available and accepted.get(encoding, accepted.get("*", 0.0)) > 0:
            return encoding
    return "identity"


def compressed_bodies(content: bytes, content_type: str) -> dict[str, bytes]:
    bodies = {"identity": content}
    if len(content) >= MIN_COMPRESS_BYTES and content_type.startswith(COMPRESSIBLE_TYPES):
        bodies["br"] = brotli.compress(content, quality=11, mode=brotli.MODE_TEXT)
        bodies["gzip"] = gzip.compress(content, compresslevel=9, mtime=0)
    return bodies


def is_shareable(request, response) -> bool:
    """Whether this response may be stored and shown to every visitor."""
    if response.streaming or response.status_code != 200 or response.cookies:
        return False
    if "Cache-Control" in response.headers or "Content-Encoding" in response.headers:
        return False
    vary = {value.strip().lower() for value in response.headers.get("Vary", "").split(",")}
    # A form token rendered into the page belongs to one visitor.
    return not ({"cookie", "*"} & vary or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


def cache_entry(response, *, version: str) -> dict:
    last_modified = version_last_modified(version)
    return {
        "headers": [
            (name, value)
            for name, value in response.headers.items()
            if name.lower() not in PER_RESPONSE_HEADERS
        ],
        "bodies": compressed_bodies(response.content, response.headers.get("Content-Type", "")),
        "etag": f'W/"{version}"',
        "last_modified": last_modified,
        "last_modified_http": http_date(last_modified),
        "cache_control": public_cache_control(),
    }


CONDITIONAL_HEADERS = (
    "HTTP_IF_MATCH",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_UNMODIFIED_SINCE",
)


def response_from_entry(request, entry: dict) -> HttpResponse:
    # Runs for every cached hit, so it reads META directly and reuses prepared strings.
    accept_encoding = request.META.get("HTTP_ACCEPT_ENCODING", "")
    encoding = preferred_encoding(accept_encoding, entry["bodies"])
    body = entry["bodies"][encoding]
    response = HttpResponse(body)
    for name, value in entry["headers"]:
        response.headers[name] = value
    if encoding != "identity":
        response.headers["Content-Encoding"] = encoding
    if len(entry["bodies"]) > 1:
        patch_vary_headers(response, ["Accept-Encoding"])
    response.headers["Content-Length"] = str(len(body))
    response.headers["ETag"] = entry["etag"]
    response.headers["Last-Modified"] = entry["last_modified_http"]
    response.headers["Cache-Control"] = entry["cache_control"]
    if not any(header in request.META for header in CONDITIONAL_HEADERS):
        return response
    return get_conditional_response(
        request, etag=entry["etag"], last_modified=entry["last_modified"], response=response
    )


def cache_get(key: str):
    # The cache only speeds things up: if a shared cache (Redis) is down, pages still render.
    try:
        return cache.get(key)
    except Exception:
        logger.warning("Page cache unavailable; rendering without it.", exc_info=True)
        return None


def cache_set(key: str, entry: dict) -> None:
    try:
        cache.set(key, entry, settings.PAGE_CACHE_TIMEOUT)
    except Exception:
        logger.warning("Page cache unavailable; page not stored.", exc_info=True)


def stored_page(key: str, version: str) -> dict | None:
    """The page from the cache, else from the published copy every process reads (and then
    kept in the cache), else None."""
    entry = cache_get(key)
    if entry is not None:
        if published.shared_cache() is not None:
            published.keep_page(version, key, entry)  # on this server's disk too
        return entry
    entry = published.load_page(version, key)
    if entry is not None:
        cache_set(key, entry)
    return entry


def store_page(key: str, version: str, entry: dict) -> None:
    cache_set(key, entry)
    published.save_page(version, key, entry)


@lru_cache(maxsize=4096)
def public_view(path: str, urlconf: str | None):
    """The view at `path` if it is a public page, else None."""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None
    return match.func if getattr(match.func, "is_public_page", False) else None


def cacheable_view(request):
    """The public page's view, for a request whose answer may come from the cache."""
    if (
        request.method not in ("GET", "HEAD")
        # ?x=1, ?x=2... from a crawler must not fill the cache; such requests get no-store.
        # The one query kept is the API's language (?lang=es), a page of its own.
        or request.META.get("QUERY_STRING", "") not in CACHEABLE_QUERIES
    ):
        return None
    return public_view(request.path_info, getattr(request, "urlconf", None))


@lru_cache(maxsize=256)
def accepts_a_rendered_type(view_class, accept: str | None) -> bool:
    """Whether an API view (DRF's) has a type this Accept header allows, asked of the view's own
    negotiation. At a cacheable address it depends on the header alone (no ?format=), so it is
    worked out once per header."""
    request = HttpRequest()
    if accept is not None:
        request.META["HTTP_ACCEPT"] = accept
    renderers = [renderer() for renderer in view_class.renderer_classes]
    try:
        view_class.content_negotiation_class().select_renderer(Request(request), renderers)
    except NotAcceptable:
        return False
    return True


def refuses_the_stored_type(request, view) -> bool:
    """A stored API answer is JSON, chosen by the Accept header: a client that accepts no JSON
    gets the view's own 406, never the stored answer (issue 19, finding 10)."""
    view_class = getattr(view, "cls", None)  # set by DRF's as_view()
    if view_class is None:
        return False  # a page: the same whatever the client accepts
    return not accepts_a_rendered_type(view_class, request.META.get("HTTP_ACCEPT"))


def negotiated(view, response):
    """An API answer depends on the Accept header: a shared cache (a CDN) must know, or it
    would give one client's JSON to a client that refused JSON."""
    if getattr(view, "cls", None) is not None:
        patch_vary_headers(response, ["Accept"])
    return response


def uncached_public_page(request, response):
    """With the page cache off (development), a public page is still public: it may be kept
    (the offline worker saves it) but is revalidated on every use, so an edited template shows
    on the next reload. Without this it got no-store, and the worker could not install."""
    if is_shareable(request, response):
        response.headers["Cache-Control"] = "no-cache"
    return response


class PublicPageCacheMiddleware:
    """Serves and stores the pages marked with `cache_public_page`, with the headers everything
    below it adds (the same for every visitor). It sits near the top, so a stored page skips
    the rest of the stack. That is safe for the HTTPS redirect below it: the key holds the
    scheme, and with the redirect on, no plain-HTTP request ever reaches a view to be stored."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = cacheable_view(request)
        if view is None or refuses_the_stored_type(request, view):
            return self.get_response(request)
        if not settings.PAGE_CACHE_ENABLED:
            return uncached_public_page(request, negotiated(view, self.get_response(request)))
        # A Host this site does not serve is refused (400) here as below, though it is no
        # part of the key.
        request.get_host()
        # Read before the page renders, so a page is never stored under a version newer than
        # its content.
        version = page_version()
        key = page_key(request, version)
        entry = stored_page(key, version)
        if entry is None:
            response = negotiated(view, self.get_response(request))
            if not is_shareable(request, response):
                return response
            entry = cache_entry(response, version=version)
            store_page(key, version, entry)
        response = response_from_entry(request, entry)
        if _remembered_version.stale:
            response.headers["Cache-Control"] = OUTAGE_CACHE_CONTROL
        return response


@receiver(setting_changed, dispatch_uid="core.caching.setting_changed")
def forget_release_on_setting_change(**kwargs) -> None:
    # Tests change settings at run time; what was computed from the old ones is stale.
    release_id.cache_clear()
    public_view.cache_clear()
    forget_version()

"""What a request says about itself (its public origin, its body before anyone reads it), and
what a response must not say about it."""

import logging

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # as Django reads it: an unreadable length means no body


def body_of_unknown_length(request) -> bool:
    """A body was announced (it has a type) but neither a length nor chunks say how long it is:
    the WSGI server then reads none of it, and the rest of it is lost."""
    # Missing under gunicorn, blank under Django's development server.
    return bool(request.META.get("CONTENT_TYPE")) and not request.META.get("CONTENT_LENGTH")


def sent_in_chunks(request) -> bool:
    """A chunked body: Django's WSGI handler reads only Content-Length bytes (none, behind
    gunicorn), so what it holds would silently count as nothing sent. A proxy that buffers
    requests sends a length instead."""
    return "chunked" in request.headers.get("Transfer-Encoding", "").lower()


def absolute_url(path: str) -> str:
    """An absolute link on SITE_ORIGIN, never on the Host header a client sent: a port or case
    variant of an allowed host must not reach a page, a link or a cache key."""
    return settings.SITE_ORIGIN + path


def read_only(view):
    """GET and HEAD only; any other method is 405. CSRF exemption lets that 405 through: the
    CSRF check runs first and would turn every write into a 403 that names a cookie, on pages
    that never accept one."""
    return csrf_exempt(require_safe(view))


_oversized_warned: set[int] = set()


def pad_to_fixed_length(response: HttpResponse, size: int) -> HttpResponse:
    """Pads the body with trailing spaces (meaningless at the end of HTML, JSON or text) to
    exactly `size` bytes, so its length, in an access log or on the wire, says nothing about what
    it holds (which answers were ticked). A body over `size` is padded to the next multiple of
    it, and a warning is logged once: `size` must grow. `no-transform` asks the proxies on the
    way not to compress it, which would make the length tell again; nothing here compresses it."""
    length = len(response.content)
    target = max(1, -(-length // size)) * size
    if target > size and size not in _oversized_warned:
        _oversized_warned.add(size)
        logger.warning(
            "A %d-byte response was padded to %d: raise the fixed size above %d.",
            length,
            target,
            size,
        )
    response.content = response.content + b" " * (target - length)
    response.headers["Content-Length"] = str(target)
    patch_cache_control(response, no_transform=True)
    return response

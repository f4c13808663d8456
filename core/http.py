"""What a request says about itself (its public origin, its body before anyone reads it), and
what a response must not say about it."""

import logging
import struct
import zlib
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.handlers.exception import response_for_exception
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from core import ratelimit

logger = logging.getLogger(__name__)


def is_api_request(request) -> bool:
    """Under /api/: every answer, errors included, is JSON, never one of the site's pages."""
    return request.path_info.startswith("/api/")


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


_oversized_warned: set[tuple[str, int]] = set()

# The gzip header's FCOMMENT flag: a zero-terminated comment after the header, which every
# decoder (zlib, Chromium's, Firefox's, Python's) reads past and ignores (RFC 1952, 2.3.1).
GZIP_FCOMMENT = 0x10
GZIP_HEADER = bytes([0x1F, 0x8B, 8, GZIP_FCOMMENT, 0, 0, 0, 0, 0, 255])  # deflate, no mtime
GZIP_TRAILER_BYTES = 8  # CRC-32 and length


@dataclass(frozen=True)
class FixedLength:
    """The one length an answer has on the wire: `plain` bytes sent as they are, or `gzip`
    bytes for a client that accepts gzip."""

    plain: int
    gzip: int

    @classmethod
    def from_settings(cls, prefix: str) -> "FixedLength":
        """TRIAGE_RESULT: TRIAGE_RESULT_BYTES and TRIAGE_RESULT_GZIP_BYTES."""
        return cls(getattr(settings, f"{prefix}_BYTES"), getattr(settings, f"{prefix}_GZIP_BYTES"))


def padded_size(length: int, size: int, encoding: str) -> int:
    """`size`, or the next multiple of it for a body over it, with one warning per size. The
    warning names no answer's length: a log line must not tell one answer from another."""
    target = max(1, -(-length // size)) * size
    if target > size and (encoding, size) not in _oversized_warned:
        _oversized_warned.add((encoding, size))
        logger.warning(
            "An answer outgrew its fixed size of %d bytes (%s) and was padded to a multiple of "
            "it: raise the fixed size.",
            size,
            encoding,
        )
    return target


def pad_to_fixed_length(response: HttpResponse, size: int) -> HttpResponse:
    """Pads the body with trailing spaces (meaningless at the end of HTML, JSON or text) to
    exactly `size` bytes, so its length, in an access log or on the wire, says nothing about what
    it holds (which answers were ticked). A body over `size` is padded to the next multiple of
    it, and a warning is logged once: `size` must grow. `no-transform` asks the proxies on the
    way not to compress it, which would make the length tell again."""
    length = len(response.content)
    target = padded_size(length, size, "identity")
    response.content = response.content + b" " * (target - length)
    response.headers["Content-Length"] = str(target)
    patch_cache_control(response, no_transform=True)
    return response


def gzip_padded(content: bytes, size: int) -> bytes:
    """`content` gzip-compressed into exactly `size` bytes (or the next multiple of it): the
    compressed stream is padded, not the page, by a comment of spaces in the gzip header, so
    the length on the wire is one and small, and the page decodes to itself."""
    # Raw deflate at zlib's default level: 9 saves 0.5 % and costs half as much again, and the
    # length on the wire is fixed anyway.
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    deflated = compressor.compress(content) + compressor.flush()
    trailer = struct.pack("<II", zlib.crc32(content), len(content) & 0xFFFFFFFF)
    fixed = len(GZIP_HEADER) + 1 + len(deflated) + GZIP_TRAILER_BYTES  # 1: the comment's end
    comment = b" " * (padded_size(fixed, size, "gzip") - fixed)
    return GZIP_HEADER + comment + b"\0" + deflated + trailer


def accepts_gzip(request) -> bool:
    from core.caching import preferred_encoding  # imports models: not at start-up

    accept_encoding = request.META.get("HTTP_ACCEPT_ENCODING", "")
    return preferred_encoding(accept_encoding, ("gzip",)) == "gzip"


def pad_answer(request, response: HttpResponse, sizes: FixedLength) -> HttpResponse:
    """One length on the wire for every answer of an endpoint, whatever it holds: compressed
    first and padded to `sizes.gzip` when the client accepts gzip (issue 19: 16 KiB instead of
    96), else padded to `sizes.plain` and sent as it is. Either way it says Vary:
    Accept-Encoding, no-store, and no-transform, which keeps proxies from compressing or
    decompressing it; nothing in this app compresses it again (WhiteNoise and the page cache
    serve GETs only). Compressing a body that mixes the person's answers with words another
    site chose (BREACH) tells nothing here: the length does not change."""
    if response.streaming or getattr(response, "padded_answer", False):
        return response  # padded once: Django's 400 page inside answer_endpoint is already
    response.padded_answer = True
    patch_vary_headers(response, ["Accept-Encoding"])
    patch_cache_control(response, no_store=True, no_transform=True)
    if not accepts_gzip(request):
        return pad_to_fixed_length(response, sizes.plain)
    response.content = gzip_padded(response.content, sizes.gzip)
    response.headers["Content-Encoding"] = "gzip"
    response.headers["Content-Length"] = str(len(response.content))
    return response


def answer_endpoint(prefix: str):
    """A view whose POSTs answer the person's answers (the no-JS check's pages): each POST is
    rate limited per address (core.ratelimit), and its answer, whatever it is, has one length
    on the wire (pad_answer, with the sizes of the `prefix` settings): a page, a refusal, a 429,
    and Django's own error pages for anything the view raised (a body with too many fields,
    too large, a database away), rendered as Django would and then padded. GET and HEAD pass
    through untouched."""

    def decorate(view):
        @wraps(view)
        def answered(request, *args, **kwargs):
            if request.method != "POST":
                return view(request, *args, **kwargs)
            seconds = ratelimit.seconds_to_wait(request)
            if seconds:
                response = ratelimit.too_many_answers_page(request, seconds)
            else:
                try:
                    response = view(request, *args, **kwargs)
                except Exception as error:  # answered as Django would, then padded
                    response = response_for_exception(request, error)
            return pad_answer(request, response, FixedLength.from_settings(prefix))

        answered.fixed_length = prefix
        return answered

    return decorate


def answer_sizes(request) -> FixedLength | None:
    """The fixed sizes of the endpoint a POST is addressed to, if it is an answer endpoint: for
    error pages made outside the view (Django's handler400 for a request no view could read)."""
    if request.method != "POST":
        return None
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return None
    prefix = getattr(match.func, "fixed_length", None) or getattr(
        getattr(match.func, "view_class", None), "fixed_length", None
    )
    return FixedLength.from_settings(prefix) if prefix else None


def pad_if_answer(request, response: HttpResponse) -> HttpResponse:
    sizes = answer_sizes(request)
    return pad_answer(request, response, sizes) if sizes else response

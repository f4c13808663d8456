"""A simple limit per address on the answer endpoints: the no-JS check's POSTs and
`POST /api/v1/triage/assess/` (issue 19). Every answer costs a padded page, so without a limit two
connections could pull tens of megabytes a second of padding.

A token bucket in the cache: each address may send ANSWER_RATE_BURST answers at once, and one
more every 60 / ANSWER_RATE_PER_MINUTE seconds after that. A person's pass through the check is
five or six answers (a few more with Back or "Change your answers"), so no real pass is refused;
a script sending hundreds a minute is, with 429 and Retry-After.

What is kept about an address: an HMAC of it (keyed by SECRET_KEY), never the address itself,
with the bucket's two numbers, in the cache, for at most the time the bucket takes to fill again
(a minute by default); then it is gone. Nothing here logs. An IPv6 address counts as its /64
(what one household or phone is given). An address that is not a public internet address
(loopback, a private network) is never limited: it is the machine itself, or a proxy in front
that NUM_PROXIES does not name, and so may be every visitor at once (docs/deployment.md). With the
per-process cache (no CACHE_URL) each server process keeps its own buckets, so the limit is per
process; with Redis it is per site."""

import ipaddress
import logging
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.crypto import salted_hmac
from rest_framework.exceptions import Throttled
from rest_framework.throttling import BaseThrottle

logger = logging.getLogger(__name__)

KEY_SALT = "core.ratelimit.answers"
clock = time.time  # the buckets' clock (tests move it)

# The refusal's words in each language of the site. They are here, not in the catalog, so this
# page can be given in Spanish without regenerating it; the page's other words are the
# catalog's (templates/triage/too_many_answers.html).
MESSAGES = {
    "en-us": {
        "heading": "Too many answers at once",
        "text": "More answers were sent from this connection in a short time than one person "
        "sends. Please wait %(wait)s, then try again. Nothing was saved.",
        "detail": "Too many answers were sent from this address in a short time. "
        "Please wait %(wait)s, then try again.",
        "one": "1 second",
        "many": "%(seconds)s seconds",
    },
    "es": {
        "heading": "Demasiadas respuestas a la vez",
        "text": "Desde esta conexión se enviaron más respuestas de las que envía una persona en "
        "poco tiempo. Espere %(wait)s y vuelva a intentarlo. No se guardó nada.",
        "detail": "Desde esta dirección se enviaron demasiadas respuestas en poco tiempo. "
        "Espere %(wait)s y vuelva a intentarlo.",
        "one": "1 segundo",
        "many": "%(seconds)s segundos",
    },
}


def message(name: str, seconds: int) -> str:
    words = MESSAGES.get(translation.get_language() or "", MESSAGES[settings.LANGUAGE_CODE])
    wait = words["one"] if seconds == 1 else words["many"] % {"seconds": seconds}
    return words[name] % {"wait": wait}


def bucket_of(address: str | None) -> str | None:
    """The bucket an address counts in, or None for an address that is never limited."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return None
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if not ip.is_global:
        return None
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def seconds_to_wait(request) -> int:
    """0 when this answer may be given now (it is counted); otherwise the whole seconds until
    the address may send one again. A cache that fails never refuses anyone."""
    per_second = settings.ANSWER_RATE_PER_MINUTE / 60
    capacity = settings.ANSWER_RATE_BURST
    if per_second <= 0 or capacity <= 0:
        return 0
    from core.lockout import client_address  # reads NUM_PROXIES as the admin lockout does

    bucket = bucket_of(client_address(request))
    if bucket is None:
        return 0
    key = "answer-rate:" + salted_hmac(KEY_SALT, bucket).hexdigest()[:32]
    now = clock()
    try:
        tokens, then = cache.get(key) or (capacity, now)
    except Exception:
        logger.warning("The cache is unavailable; answers are not rate limited.", exc_info=True)
        return 0
    tokens = min(capacity, tokens + max(0.0, now - then) * per_second)
    if tokens < 1:
        return max(1, math.ceil((1 - tokens) / per_second))
    try:
        # After this long the bucket is full again, which is what a missing entry means.
        cache.set(key, (tokens - 1, now), timeout=math.ceil(capacity / per_second))
    except Exception:
        logger.warning("The cache is unavailable; answers are not rate limited.", exc_info=True)
    return 0


def too_many_answers_page(request, seconds: int):
    """The refusal of a no-JS answer, in the page's language; the caller pads it."""
    context = {"heading": message("heading", seconds), "text": message("text", seconds)}
    response = render(request, "triage/too_many_answers.html", context, status=429)
    response.headers["Retry-After"] = str(seconds)
    add_never_cache_headers(response)
    response.headers["X-Robots-Tag"] = "noindex"
    return response


class TooManyAnswers(Throttled):
    """DRF's 429 with our words in the language asked for; the wait goes in Retry-After."""

    def __init__(self, seconds: int):
        super().__init__(detail=message("detail", seconds))
        self.wait = seconds


class AnswerRateThrottle(BaseThrottle):
    """The same limit for the API: DRF's throttling (429, Retry-After, the JSON error shape)."""

    def allow_request(self, request, view):
        seconds = seconds_to_wait(request)
        if seconds:
            raise TooManyAnswers(seconds)
        return True

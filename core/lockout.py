"""Admin sign-in lockout (django-axes): whose address a try comes from, what is locked, and the
page shown while it is.

A username is never locked for everyone: failures lock the pair (username, address), and an
address that fails across many usernames (AXES_ADDRESS_FAILURE_LIMIT in all) is locked on its
own. Behind NUM_PROXIES trusted proxies the address is read from X-Forwarded-For, so the proxy's
own address does not make every visitor one."""

import ipaddress

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.db.models import Sum
from django.shortcuts import render

PAIR = ["username", "ip_address"]


def client_address(request) -> str | None:
    """AXES_CLIENT_IP_CALLABLE. Each trusted proxy appends the address it saw to
    X-Forwarded-For, so with NUM_PROXIES of them the client is the NUM_PROXIES-th entry from the
    right; anything further left was written by the client and is never read. Without proxies,
    or when the header is shorter (the request skipped a proxy) or malformed, the socket's
    address."""
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.NUM_PROXIES
    if proxies <= 0:
        return remote
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(forwarded) < proxies:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-proxies]))
    except ValueError:
        return remote


def address_failures(address: str) -> int:
    failures = AccessAttempt.objects.filter(ip_address=address).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return failures or 0


def lockout_parameters(request_or_attempt, credentials=None) -> list:
    """AXES_LOCKOUT_PARAMETERS. django-axes locks when any group reaches AXES_FAILURE_LIMIT, so
    the address alone joins the groups only once it has failed AXES_ADDRESS_FAILURE_LIMIT times
    across usernames: a few typos in an office behind one address lock nobody else out."""
    address = getattr(request_or_attempt, "axes_ip_address", None) or getattr(
        request_or_attempt, "ip_address", None
    )
    if address and address_failures(address) >= settings.AXES_ADDRESS_FAILURE_LIMIT:
        return [PAIR, "ip_address"]
    return [PAIR]


def lockout_response(request, original_response=None, credentials=None):
    cool_off = get_cool_off(request)
    context = {
        **admin.site.each_context(request),
        "cool_off_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    response = render(
        request, "admin/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
    if cool_off:
        # At most this long: tries during the lockout do not restart it.
        response.headers["Retry-After"] = str(int(cool_off.total_seconds()))
    return response

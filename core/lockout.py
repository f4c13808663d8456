"""Admin sign-in lockout (django-axes): whose address a try comes from, what is locked, and the
page shown while it is.

A username is never locked for everyone: failures lock the pair (username, address), and an
address that fails across many usernames (AXES_ADDRESS_FAILURE_LIMIT in all) is locked on its
own. Behind NUM_PROXIES trusted proxies the address is read from X-Forwarded-For, so the proxy's
own address does not make every visitor one."""

import ipaddress
import math
from datetime import datetime, timedelta

from axes.attempts import get_cool_off_threshold
from axes.helpers import (
    get_client_parameters,
    get_client_username,
    get_cool_off,
    get_failure_limit,
)
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone

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


def lockout_ends(request, credentials, cool_off: timedelta) -> datetime | None:
    """When the lockout lifts: the cool-off after the newest failure of each group that is
    locked (the username from this address, the address alone), the latest of them. Tries
    during a lockout are not recorded, so they do not move it."""
    username = get_client_username(request, credentials)
    groups = get_client_parameters(
        username, request.axes_ip_address, request.axes_user_agent, request, credentials
    )
    limit = get_failure_limit(request, credentials)
    ends = []
    for group in groups:
        failures = AccessAttempt.objects.filter(
            **group, attempt_time__gte=get_cool_off_threshold(request)
        ).aggregate(total=Sum("failures_since_start"), newest=Max("attempt_time"))
        if (failures["total"] or 0) >= limit:
            ends.append(failures["newest"] + cool_off)
    return max(ends, default=None)


def lockout_response(request, original_response=None, credentials=None):
    """The lockout page, saying how long is LEFT (Retry-After in seconds, the page in minutes,
    both rounded up): the whole cool-off on every try told a client to wait longer than it had
    to, and nothing of when the lockout would end."""
    cool_off = get_cool_off(request)
    seconds_left = None
    if cool_off:
        ends = lockout_ends(request, credentials, cool_off) or timezone.now() + cool_off
        seconds_left = max(1, math.ceil((ends - timezone.now()).total_seconds()))
    address = getattr(request, "axes_ip_address", None)
    context = {
        **admin.site.each_context(request),
        "cool_off_minutes": math.ceil(seconds_left / 60) if seconds_left else None,
        # The whole connection, not one username: the page must not send a colleague to retry.
        "address_locked": bool(address)
        and address_failures(address) >= settings.AXES_ADDRESS_FAILURE_LIMIT,
    }
    response = render(
        request, "admin/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
    if seconds_left:
        response.headers["Retry-After"] = str(seconds_left)
    return response

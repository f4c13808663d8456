"""The page django-axes shows when a username and address have failed to sign in too often."""

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import admin
from django.shortcuts import render


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

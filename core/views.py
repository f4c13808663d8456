import sys

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse

from core import outage
from core.http import absolute_url, read_only


@read_only
def about(request):
    return render(request, "core/about.html")


@read_only
def privacy(request):
    return render(request, "core/privacy.html")


@read_only
def robots_txt(request):
    # The admin is not named: robots.txt is public, and its path (ADMIN_URL) may be a secret.
    # Its pages say noindex themselves (core.middleware.staff_pages).
    lines = [
        "User-agent: *",
        "Disallow: /preview/",
        "Disallow: /triage/result/",
        "Sitemap: " + absolute_url(reverse("sitemap")),
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def page_not_found(request, exception):
    """The friendly 404 page. Django's own handler ensures a CSRF cookie, which a visitor who
    sends a malformed one would then be given; this page has no form. Under the API, the
    API's JSON error (an address no route matches, such as a slug with a space)."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return render(request, "404.html", status=404)


def bad_request(request, exception):
    """The friendly 400 page, for a request Django cannot read at all (too many fields, a body
    too large, a Host this site does not serve). It shows nothing of what was sent."""
    return render(request, "400.html", status=400)


def server_error(request):
    """The friendly 500 page; it needs no database, so it works when the database does not.
    An error that says the database is away (from a view, a middleware, the admin) is no bug:
    it gets the 503 page, and one log line per interval instead of a traceback per request."""
    error = sys.exc_info()[1]
    if outage.is_outage(error):
        return outage.unavailable(request, error)
    return render(request, "500.html", status=500)

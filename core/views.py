import sys

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import outage
from core.http import absolute_url, is_api_request, pad_if_answer, read_only

# The words of 400.html and 500.html, for the API's 400 and 500.
REQUEST_NOT_READ = _("We could not read that request")
SOMETHING_UNEXPECTED = _("Something in it was not what this site expects. Nothing was saved.")
WENT_WRONG = _("Sorry, something went wrong on our side")
TRY_AGAIN_SOON = _("Please try again in a few minutes.")


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
    if is_api_request(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return render(request, "404.html", status=404)


def bad_request(request, exception):
    """The friendly 400 page, for a request Django cannot read at all (too many fields, a body
    too large, a Host this site does not serve). It shows nothing of what was sent. Under the
    API, the API's JSON error with the same words; to an answer endpoint, padded like its
    answers (issue 19). A session that could not be saved because the database is away or
    read-only is no bad request: the 503 page (issue 19, finding 5)."""
    database_error = outage.unavailable_error(exception)
    if database_error is not None:
        return outage.unavailable(request, database_error)
    if is_api_request(request):
        detail = f"{REQUEST_NOT_READ}. {SOMETHING_UNEXPECTED}"
        response = JsonResponse({"detail": detail}, status=400)
    else:
        response = render(request, "400.html", status=400)
    return pad_if_answer(request, response)


def server_error(request):
    """The friendly 500 page; it needs no database, so it works when the database does not.
    An error that says the database is away or refuses writes (from a view, a middleware, the
    admin) is no bug: it gets the 503 page, and one log line per interval instead of a
    traceback per request. Under the API, the API's JSON error with the same words."""
    error = outage.unavailable_error(sys.exc_info()[1])
    if error is not None:
        return outage.unavailable(request, error)
    if is_api_request(request):
        response = JsonResponse({"detail": f"{WENT_WRONG}. {TRY_AGAIN_SOON}"}, status=500)
    else:
        response = render(request, "500.html", status=500)
    return pad_if_answer(request, response)

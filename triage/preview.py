"""The staff preview of the symptom check's working copy (/preview/triage/): the public pages
(views.py, with views.staff_preview), each marked as a preview at the top, like a guide's
preview, and with the check's links kept inside the preview: its own pages, "All places to get
help" (the working copy's services) and the guides a result links (their saved drafts). The
site's own pages (home, about, privacy) stay public, and the quick exit leaves as it always
does. The pages are changed as they leave the public views, so the public check's code and
templates stay exactly as the public gets them."""

import gzip
import re
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from guides.models import ENGLISH, Guide

from . import views

MAIN = re.compile(r"<main\b[^>]*>")
TITLE = re.compile(r"<title>")
# The phone's engine fetches its rules without cookies, and the preview's rules are for signed-in
# staff only: without the address the page answers from the server, as without JavaScript.
RULES_URL = re.compile(r' data-rules-url="[^"]*"')


def preview_links() -> dict[str, str]:
    """Each public address the check's pages link to, and its preview."""
    links = {
        reverse("triage:start"): reverse("triage-preview:start"),
        reverse("triage:result"): reverse("triage-preview:result"),
        reverse("get-help"): reverse("triage-preview:get-help"),
    }
    for guide in Guide.objects.filter(language=ENGLISH).only("slug", "language"):
        links[guide.get_absolute_url()] = reverse("guide-preview", args=[guide.slug])
    return links


def as_preview(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """The page with the preview banner first in <main>, "Preview:" in its title, and its links
    to the check's public pages changed for their previews."""
    if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
        return response
    body = response.content
    encoding = response.get("Content-Encoding", "")
    if encoding == "gzip":  # an answer page may come compressed to its fixed length
        body = gzip.decompress(body)
        del response["Content-Encoding"]
    elif encoding:
        return response
    html = body.decode(response.charset)
    banner = render_to_string("admin/triage/preview/banner.html", request=request)
    html, found = MAIN.subn(lambda match: match.group(0) + banner, html, count=1)
    if not found:
        html = banner + html
    html = TITLE.sub(lambda match: f"{match.group(0)}{_('Preview:')} ", html, count=1)
    html = RULES_URL.sub("", html, count=1)
    for public, preview in preview_links().items():
        for attribute in ("href", "action", "formaction"):
            html = html.replace(f'{attribute}="{public}"', f'{attribute}="{preview}"')
    response.content = html.encode(response.charset)
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))
    return response


def marked(view):
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return as_preview(request, view(request, *args, **kwargs))

    return csrf_exempt(wrapped)


start = marked(views.preview_start)
result = marked(views.preview_result)
rules = views.preview_rules


@require_http_methods(["GET", "HEAD"])
@views.staff_preview
def help_services(request: HttpRequest, check: views.Check) -> HttpResponse:
    """The Get help page with the working copy's help services."""
    return render(request, "triage/get_help.html", {"services": check.rule_set.services})


get_help = marked(help_services)

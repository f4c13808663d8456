from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe


@require_safe
def about(request):
    return render(request, "core/about.html")


@require_safe
@cache_control(no_cache=True)  # saved by the offline worker, so storable; always revalidated
def privacy(request):
    return render(request, "core/privacy.html")


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: " + reverse("admin:index"),
        "Disallow: /preview/",
        "Disallow: /triage/result/",
        "Sitemap: " + request.build_absolute_uri(reverse("sitemap")),
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def server_error(request):
    """The friendly 500 page; it needs no database, so it works when the database does not."""
    return render(request, "500.html", status=500)

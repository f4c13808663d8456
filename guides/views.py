from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from core.http import read_only
from triage.rules import published_rule_set

from .models import Guide
from .services import preview_page, public_page, structured_data


def emergency_signs() -> list[str]:
    """The home card's signs are the triage's emergency rules in short form, so the two can
    never disagree and a clinical edit in the admin reaches both. Only the signs anyone can spot
    on their own fit the first screen; the check asks about the combinations."""
    rule_set = published_rule_set()
    return list(rule_set.signs(rule_set.most_urgent, single_only=True))


@read_only
def home(request):
    return render(
        request,
        "guides/home.html",
        {"guides": Guide.objects.published(), "emergency_signs": emergency_signs()},
    )


@read_only
def guide_list(request):
    return render(request, "guides/guide_list.html", {"guides": Guide.objects.published()})


@read_only
def guide_detail(request, slug):
    page = public_page(get_object_or_404(Guide.objects.published(), slug=slug))
    return render(
        request,
        "guides/guide_detail.html",
        {"page": page, "structured_data": structured_data(page)},
    )


@read_only
@never_cache
def guide_preview(request, slug):
    """The working copy through the public template, for staff who may see guides. Everyone else
    gets a plain 404, not a login redirect, so the address reveals nothing."""
    user = request.user
    if not (user.is_active and user.is_staff and user.has_perm("guides.view_guide")):
        raise Http404
    guide = get_object_or_404(Guide.objects.prefetch_related("sources"), slug=slug)
    page = preview_page(guide)
    response = render(
        request,
        "guides/guide_detail.html",
        {"page": page, "structured_data": structured_data(page), "preview": True},
    )
    response["X-Robots-Tag"] = "noindex"
    return response

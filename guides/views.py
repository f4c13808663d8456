from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache

from core.http import read_only
from core.languages import other_language
from triage.rules import published_rule_set

from .models import Guide, active_language
from .services import preview_page, public_page, structured_data


def emergency_signs() -> list[str]:
    """The home card's signs are the triage's emergency rules in short form, so the two can
    never disagree and a clinical edit in the admin reaches both. Only the signs anyone can spot
    on their own fit the first screen; the check asks about the combinations."""
    rule_set = published_rule_set()
    return list(rule_set.warning_signs(rule_set.most_urgent))


@read_only
def home(request):
    return render(
        request,
        "guides/home.html",
        {
            "guides": Guide.objects.published(active_language()),
            "emergency_signs": emergency_signs(),
        },
    )


@read_only
def guide_list(request):
    return render(
        request,
        "guides/guide_list.html",
        {"guides": Guide.objects.published(active_language())},
    )


def language_links(guide: Guide) -> dict:
    """The guide's address in each language it is published in, for hreflang, and where the
    link to the other language goes: that language's version of the guide, or, when it has
    none, that language's guide list."""
    paths = {guide.language: guide.get_absolute_url()}
    for other in guide.translations().published(language=None):
        paths[other.language] = other.get_absolute_url()
    other_language_ = other_language(guide.language)
    switch = paths.get(other_language_)
    if switch is None:
        with translation.override(other_language_):
            switch = reverse("guides:list")
    return {"alternate_paths": paths, "language_switch_path": switch}


@read_only
def guide_detail(request, slug):
    guide = get_object_or_404(Guide.objects.published(active_language()), slug=slug)
    page = public_page(guide)
    return render(
        request,
        "guides/guide_detail.html",
        {"page": page, "structured_data": structured_data(page), **language_links(guide)},
    )


@read_only
@never_cache
def guide_preview(request, slug):
    """The working copy through the public template, in the guide's language (?lang=es for a
    Spanish guide), for staff who may see guides. Everyone else gets a plain 404, not a login
    redirect, so the address reveals nothing."""
    user = request.user
    if not (user.is_active and user.is_staff and user.has_perm("guides.view_guide")):
        raise Http404
    language = request.GET.get("lang", settings.LANGUAGE_CODE)
    guide = get_object_or_404(
        Guide.objects.prefetch_related("sources").in_language(language), slug=slug
    )
    page = preview_page(guide)
    with translation.override(guide.language):
        response = render(
            request,
            "guides/guide_detail.html",
            {"page": page, "structured_data": structured_data(page), "preview": True},
        )
    response["X-Robots-Tag"] = "noindex"
    return response

from django.shortcuts import get_object_or_404, render

from core.emergency import EMERGENCY_SIGNS

from .models import Guide
from .services import structured_data


def home(request):
    return render(
        request,
        "guides/home.html",
        {"guides": Guide.objects.published(), "emergency_signs": EMERGENCY_SIGNS},
    )


def guide_list(request):
    return render(request, "guides/guide_list.html", {"guides": Guide.objects.published()})


def guide_detail(request, slug):
    guide = get_object_or_404(Guide.objects.published(), slug=slug)
    return render(
        request,
        "guides/guide_detail.html",
        {"guide": guide, "structured_data": structured_data(guide, request=request)},
    )

from django import template
from django.conf import settings
from django.urls import reverse

from core.review_queue import waiting
from guides.admin import review_flag
from guides.models import Guide
from guides.services import DUE_SOON_DAYS

register = template.Library()


@register.inclusion_tag("admin/guides/review_panel.html", takes_context=True)
def guides_review_panel(context):
    """For the admin home page: guides that are overdue or due for review soon."""
    if not context["request"].user.has_perm("guides.view_guide"):
        return {"show": False}
    guides = Guide.objects.needs_review(DUE_SOON_DAYS).order_by("next_review_due")
    return {
        "show": True,
        "due_soon_days": DUE_SOON_DAYS,
        "rows": [(guide, review_flag(guide)) for guide in guides],
    }


@register.inclusion_tag("admin/waiting_for_review.html", takes_context=True)
def waiting_for_review_panel(context):
    """For the admin home page: every draft of every app (core.review_queue), newest first."""
    user = context["request"].user
    if not (user.is_active and user.is_staff):
        return {"show": False}
    return {"show": True, "items": waiting()}


@register.inclusion_tag("admin/staff_session.html", takes_context=True)
def staff_session(context):
    """What static/js/admin-editing.mjs needs to keep an active editor signed in, and who she is:
    typed text kept in the tab belongs to her alone. The page is rendered for the signed-in
    person (admin pages are never cached), so it says who she is without a request of its own."""
    user = context["request"].user
    return {
        "user_id": user.pk if user.is_authenticated else "",
        "idle_seconds": settings.SESSION_COOKIE_AGE,
        "keepalive_url": reverse("admin:guides_guide_keepalive"),
        "login_url": reverse("admin:login"),
    }

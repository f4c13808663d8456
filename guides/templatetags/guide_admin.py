from django import template

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

from django import template
from django.utils.formats import date_format

from guides.models import ENGLISH, active_language

register = template.Library()

# English keeps the site's "2 December 2026"; other languages use their own long date
# (Spanish: "2 de diciembre de 2026").
ENGLISH_REVIEW_DATE = "j F Y"


@register.filter
def review_date(day) -> str:
    """A guide's review date as the page's language writes it."""
    if not day:
        return ""
    return date_format(day, ENGLISH_REVIEW_DATE if active_language() == ENGLISH else "DATE_FORMAT")

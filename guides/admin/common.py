"""Words and flags shared by the guide list, the change page and the home page's panel."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ..models import Guide
from ..services import DUE_SOON_DAYS, SOURCE_RECHECK_MONTHS, review_status

STATUS_LABELS = {
    "draft": _("Draft"),
    "published": _("Published"),
    "changes-waiting": _("Published, changes waiting"),
}
REVIEW_LABELS = {
    "overdue": _("Overdue"),
    "due-soon": format_lazy(_("Due within {days} days"), days=DUE_SOON_DAYS),
    "ok": _("OK"),
}
SOURCE_CHECK_LABELS = {
    "stale": format_lazy(_("Not checked for {months} months"), months=SOURCE_RECHECK_MONTHS),
    "undated": _("No accessed-on date"),
}
# Red asks for action (or, for the grade, a confirmation to publish); yellow for a plan.
FLAG_STYLES = {
    "stale": "act",
    "undated": "plan",
    "confirm": "act",
    "above": "plan",
    "out-of-date": "act",
    "language-review": "plan",
}
OUT_OF_DATE = _("Out of date")
NEEDS_LANGUAGE_REVIEW = _("Needs review by a Spanish-speaking clinician")


def flag(kind: str, label) -> str:
    return format_html(
        '<span class="check-flag check-flag--{}">{}</span>', FLAG_STYLES[kind], label
    )


def review_flag(guide: Guide) -> str:
    """The next review date, with a word (not colour alone) when it needs attention."""
    due = date_format(guide.next_review_due)
    status = review_status(guide)
    if status == "ok":
        return due
    return format_html(
        '{} <span class="review-flag review-flag--{}">{}</span>', due, status, REVIEW_LABELS[status]
    )


def change_url(model_admin, guide) -> str:
    return reverse(
        "admin:guides_guide_change", args=[guide.pk], current_app=model_admin.admin_site.name
    )

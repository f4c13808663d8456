"""The list of guides: its columns and filters."""

from django.contrib import admin
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..readability import TARGET_GRADE, TARGET_INFLESZ
from ..services import DUE_SOON_DAYS, publication_status, source_check_status
from ..versions import latest_version, user_name
from .common import REVIEW_LABELS, SOURCE_CHECK_LABELS, STATUS_LABELS, flag, review_flag
from .reading import measure_working, reading_score
from .translations import TranslationFilter


class ReviewStatusFilter(admin.SimpleListFilter):
    title = _("review status")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return list(REVIEW_LABELS.items())

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.review_overdue()
        if self.value() == "due-soon":
            return queryset.review_due_within(DUE_SOON_DAYS)
        if self.value() == "ok":
            return queryset.exclude(pk__in=queryset.needs_review(DUE_SOON_DAYS))
        return queryset


class PublicationStatusFilter(admin.SimpleListFilter):
    title = _("publication")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return list(STATUS_LABELS.items())

    def queryset(self, request, queryset):
        if self.value() == "draft":
            return queryset.filter(published_at__isnull=True)
        if self.value() in ("published", "changes-waiting"):
            # Whether changes wait is a comparison of each guide with its snapshot.
            return queryset.filter(
                pk__in=[
                    guide.pk
                    for guide in queryset.published().prefetch_related("sources")
                    if publication_status(guide) == self.value()
                ]
            )
        return queryset


class GuideListMixin:
    """The changelist of GuideAdmin."""

    # Eight columns, so that the review and source columns fit a 1280 px screen beside the
    # admin's menu: the language is told in the translation column, the last review under the
    # next one.
    list_display = [
        "title",
        "translation",
        "status",
        "last_edited_by",
        "reading_grade",
        "reviewed_by",
        "review_due",
        "sources_check",
    ]
    list_filter = ["language", TranslationFilter, PublicationStatusFilter, ReviewStatusFilter]
    search_fields = ["title", "body"]

    change_list_template = "admin/guides/guide/change_list.html"

    def changelist_view(self, request, extra_context=None):
        scales = {
            "target_grade": TARGET_GRADE,
            "target_ease": TARGET_INFLESZ,
        }
        return super().changelist_view(request, extra_context={**scales, **(extra_context or {})})

    def get_queryset(self, request):
        # The status column compares each guide's sources with its published ones; the
        # translation column compares a translation with its original's publication.
        return (
            super().get_queryset(request).prefetch_related("sources").with_original_published_at()
        )

    @admin.display(description=_("status"))
    def status(self, guide):
        status = publication_status(guide)
        return format_html(
            '<span class="status-flag status-flag--{}">{}</span>', status, STATUS_LABELS[status]
        )

    @admin.display(description=_("next review due"), ordering="next_review_due")
    def review_due(self, guide):
        if guide.last_reviewed is None:
            return review_flag(guide)
        return format_html(
            '{}<br><span class="help">{}</span>',
            review_flag(guide),
            format_lazy(_("last reviewed {day}"), day=date_format(guide.last_reviewed)),
        )

    @admin.display(description=_("last edited by"))
    def last_edited_by(self, guide):
        record = latest_version(guide)
        if record is None:
            return "-"
        return format_html(
            '{}<br><span class="help">{}</span>',
            user_name(record.history_user) or gettext("AnalCare team"),
            date_format(timezone.localtime(record.history_date), "SHORT_DATETIME_FORMAT"),
        )

    @admin.display(description=_("reading level"))
    def reading_grade(self, guide):
        return reading_score(measure_working(guide))

    @admin.display(description=_("sources"))
    def sources_check(self, guide):
        statuses = [source_check_status(source) for source in guide.sources.all()]
        flags = [
            flag(status, format_lazy("{} ({})", SOURCE_CHECK_LABELS[status], count))
            for status in ("stale", "undated")
            if (count := statuses.count(status))
        ]
        return format_html_join(" ", "{}", ((item,) for item in flags)) or _("OK")

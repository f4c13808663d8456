"""The editors' workflow: editors write drafts, clinical reviewers publish, unpublish and mark
guides reviewed. What the public sees changes only through guides.services, and only for users
with the permission; the buttons are hidden from everyone else and refused if forged."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Guide, Source
from .services import (
    DUE_SOON_DAYS,
    mark_guide_reviewed,
    publication_status,
    publish_guide,
    restore_guide_version,
    review_status,
    unpublish_guide,
)

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


class SourceInline(admin.TabularInline):
    model = Source
    fields = ["title", "publisher", "url", "order"]
    verbose_name_plural = _("sources (at least one is needed to publish)")
    # Typing "nhs.uk/..." becomes https://nhs.uk/...; the model only accepts https addresses.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_extra(self, request, obj=None, **kwargs):
        return 0 if obj is not None and obj.sources.exists() else 1


def review_flag(guide: Guide) -> str:
    """The next review date, with a word (not colour alone) when it needs attention."""
    due = date_format(guide.next_review_due)
    status = review_status(guide)
    if status == "ok":
        return due
    return format_html(
        '{} <span class="review-flag review-flag--{}">{}</span>', due, status, REVIEW_LABELS[status]
    )


@admin.register(Guide)
class GuideAdmin(SimpleHistoryAdmin):
    list_display = ["title", "status", "last_reviewed", "review_due"]
    list_filter = [ReviewStatusFilter]
    search_fields = ["title", "body"]
    inlines = [SourceInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        (
            _("Clinical review"),
            {
                "fields": ["last_reviewed", "next_review_due", "reviewed_by"],
                "description": _(
                    "The review record is shown on the public page. A clinical reviewer "
                    "updates it with the “Save and mark reviewed” button below."
                ),
            },
        ),
        (
            _("Publication"),
            {
                "fields": ["status", "published_at", "order"],
                "description": _(
                    "Saving never changes the public page: the public sees the last published "
                    "version until a clinical reviewer publishes the saved one."
                ),
            },
        ),
    ]
    object_history_template = "admin/guides/guide/object_history.html"
    object_history_list_template = "admin/guides/guide/object_history_list.html"

    class Media:
        css = {"all": ["css/admin.css"]}

    def get_queryset(self, request):
        # The status column compares each guide's sources with its published ones.
        return super().get_queryset(request).prefetch_related("sources")

    # Permissions ---------------------------------------------------------------------------

    def has_publish_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("guides.publish_guide")

    def has_review_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("guides.review_guide")

    def has_delete_permission(self, request, obj=None):
        # Deleting a published guide would take its page down unseen: unpublish it first.
        if obj is not None and obj.is_published:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        # Bulk delete would bypass the published-guide rule above.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def get_readonly_fields(self, request, obj=None):
        readonly = ["status", "published_at"]
        # The review record is shown to the public at once, so only reviewers change it.
        if not self.has_review_permission(request):
            readonly += ["last_reviewed", "next_review_due", "reviewed_by"]
        # The address and list order of a published guide are public at once too.
        if obj is not None and obj.is_published and not self.has_publish_permission(request):
            readonly += ["slug", "order"]
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        return {"slug": ["title"]} if obj is None else {}

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_published else None

    # Columns -------------------------------------------------------------------------------

    @admin.display(description=_("status"))
    def status(self, guide):
        status = publication_status(guide)
        return format_html(
            '<span class="status-flag status-flag--{}">{}</span>', status, STATUS_LABELS[status]
        )

    @admin.display(description=_("next review due"), ordering="next_review_due")
    def review_due(self, guide):
        return review_flag(guide)

    # Publish, unpublish, mark reviewed: buttons below the change form -----------------------

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context.update(
            can_publish=self.has_publish_permission(request, obj),
            can_review=self.has_review_permission(request, obj),
            review_interval_months=settings.REVIEW_INTERVAL_MONTHS,
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_add(self, request, obj, post_url_continue=None):
        return self.workflow_response(request, obj) or super().response_add(
            request, obj, post_url_continue
        )

    def response_change(self, request, obj):
        return self.workflow_response(request, obj) or super().response_change(request, obj)

    def workflow_response(self, request, guide):
        """Run the workflow button that was pressed, once the form has been saved."""
        buttons = {
            "_publish": self.publish,
            "_unpublish": self.unpublish,
            "_mark_reviewed": self.mark_reviewed,
        }
        for name, handler in buttons.items():
            if name in request.POST:
                handler(request, guide)
                return HttpResponseRedirect(self.change_url(guide))
        return None

    # Each raises PermissionDenied inside the admin's transaction, so a forged press also rolls
    # back the form's save; a guide that fails validation stays saved and the message says why.

    def publish(self, request, guide):
        if not self.has_publish_permission(request, guide):
            raise PermissionDenied
        try:
            publish_guide(guide=guide)
        except ValidationError as error:
            self.report_refusal(
                request,
                gettext("Your changes were saved, but the guide was not published. Still needed:"),
                error,
            )
        else:
            self.message_user(
                request,
                gettext("Published. The public page now shows this version."),
                messages.SUCCESS,
            )

    def unpublish(self, request, guide):
        if not self.has_publish_permission(request, guide):
            raise PermissionDenied
        try:
            unpublish_guide(guide=guide)
        except ValidationError as error:
            self.report_refusal(
                request,
                gettext("Your changes were saved, but the guide was not unpublished."),
                error,
            )
        else:
            self.message_user(
                request,
                gettext("Unpublished. The public page is gone; the guide is kept as a draft."),
                messages.SUCCESS,
            )

    def mark_reviewed(self, request, guide):
        if not self.has_review_permission(request, guide):
            raise PermissionDenied
        reviewer = request.user.get_full_name() or request.user.get_username()
        try:
            mark_guide_reviewed(guide=guide, reviewer_name=reviewer)
        except ValidationError as error:
            self.report_refusal(
                request,
                gettext("Your changes were saved, but the guide was not marked reviewed."),
                error,
            )
        else:
            self.message_user(
                request,
                gettext("Marked reviewed by %(name)s today. The next review is due on %(date)s.")
                % {"name": reviewer, "date": date_format(guide.next_review_due)},
                messages.SUCCESS,
            )

    def report_refusal(self, request, outcome: str, error: ValidationError):
        self.message_user(
            request,
            " ".join([outcome, *error.messages]),
            messages.ERROR,
        )

    def change_url(self, guide):
        return reverse(
            "admin:guides_guide_change", args=[guide.pk], current_app=self.admin_site.name
        )

    # History: restoring an earlier version as a draft ---------------------------------------

    def get_urls(self):
        restore = path(
            "<path:object_id>/history/<int:history_id>/restore/",
            self.admin_site.admin_view(self.restore_view),
            name="guides_guide_restore",
        )
        return [restore, *super().get_urls()]

    def revert_disabled(self, request, obj=None):
        # django-simple-history's revert would bring back an old published snapshot too; the
        # history page offers "Restore as draft" instead.
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        return super().history_form_view(request, object_id, version_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        guide = self.get_object(request, unquote(object_id))
        can_restore = guide is not None and self.has_change_permission(request, guide)
        return super().history_view(
            request, object_id, extra_context={"can_restore": can_restore, **(extra_context or {})}
        )

    def restore_view(self, request, object_id, history_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        guide = self.get_object(request, unquote(object_id))
        if guide is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, guide):
            raise PermissionDenied
        try:
            restore_guide_version(guide=guide, history_id=history_id)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(
                reverse(
                    "admin:guides_guide_history", args=[guide.pk], current_app=self.admin_site.name
                )
            )
        self.message_user(
            request,
            gettext(
                "The earlier version is back in the editor as a draft. The public page has not "
                "changed; a clinical reviewer publishes it when it is ready."
            ),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(self.change_url(guide))

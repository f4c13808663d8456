from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import Finding, HelpService, Level


@admin.register(Level)
class LevelAdmin(SimpleHistoryAdmin):
    list_display = ["title", "code", "order", "kind"]
    readonly_fields = ["code", "order", "kind"]
    fields = [
        "code",
        "order",
        "kind",
        "title",
        "question",
        "advice",
        "signs_heading",
        "safety_net",
        "guides",
    ]
    filter_horizontal = ["guides"]

    # The four levels and their order are the clinical specification: never added or removed.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Finding)
class FindingAdmin(SimpleHistoryAdmin):
    list_display = ["code", "question", "group", "level", "order"]
    list_filter = ["group", "level"]
    search_fields = ["code", "question", "hint", "text"]
    fields = ["code", "question", "hint", "text", "group", "level", "order", "sources"]

    def get_readonly_fields(self, request, obj=None):
        readonly = ["code"] if obj is not None else []
        if not services.can_make_clinical_changes(request.user):
            readonly += ["group", "level"]
        return readonly

    def has_add_permission(self, request):
        return super().has_add_permission(request) and services.can_make_clinical_changes(
            request.user
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and services.can_make_clinical_changes(
            request.user
        )

    def save_model(self, request, obj, form, change):
        # The service checks the clinical permission again against the stored row.
        services.save_finding(finding=obj, user=request.user)

    def delete_model(self, request, obj):
        services.delete_finding(finding=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for finding in queryset:
            services.delete_finding(finding=finding, user=request.user)


@admin.register(HelpService)
class HelpServiceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "phone", "order"]
    list_filter = ["kind"]
    search_fields = ["name", "notes"]
    filter_horizontal = ["levels", "findings"]
    # Addresses typed without a scheme are taken as https (the model requires https anyway).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["name", "kind", "phone", "website", "opening_hours", "notes", "order"]}),
        (
            _("Where it is shown"),
            {
                "fields": ["levels", "findings"],
                "description": _(
                    "A service shows on results of the levels chosen here, and on any result "
                    "where the person gave one of the answers chosen here. All services show "
                    "on the Get help page."
                ),
            },
        ),
    ]

"""The working copy of the symptom check: each part edited as a draft (see publishing.py)."""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from guides.models import Guide
from guides.services import SOURCE_RECHECK_MONTHS, add_months

from .. import errors, services
from ..models import (
    TRANSLATED_FIELDS,
    Choice,
    Finding,
    HelpService,
    Level,
    Page,
    Rule,
    Source,
)
from .history import HistoryInWordsMixin


def spanish(model_name: str) -> list[str]:
    """The Spanish wording fields of a model, shown after its English ones."""
    return [f"{field}_es" for field in TRANSLATED_FIELDS[model_name]]


class DraftAdmin(HistoryInWordsMixin, SimpleHistoryAdmin):
    """Every part of the symptom check is a working copy: saving it changes nothing the public
    sees until a clinical reviewer publishes (see publishing.py). The message says so."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self.say_it_is_a_draft(request)

    def say_it_is_a_draft(self, request):
        messages.info(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                _("Saved as a draft: the public sees it once a clinical reviewer publishes it."),
                reverse("admin:triage_publication_review"),
                _("Review and publish the symptom check"),
            ),
        )


class FixedBySpecificationAdmin(DraftAdmin):
    """Levels and pages are the clinical specification's: never added or removed here."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Level)
class LevelAdmin(FixedBySpecificationAdmin):
    list_display = ["title", "code", "order", "kind"]
    readonly_fields = ["code", "order", "kind"]
    fields = [
        "code",
        "order",
        "kind",
        "title",
        "advice",
        "signs_heading",
        "safety_net",
        "guides",
        *spanish("Level"),
    ]
    filter_horizontal = ["guides"]


@admin.register(Page)
class PageAdmin(FixedBySpecificationAdmin):
    list_display = ["question", "code", "order"]
    readonly_fields = ["code", "order"]
    fields = ["code", "order", "question", "unreached", *spanish("Page")]


@admin.register(Choice)
class ChoiceAdmin(FixedBySpecificationAdmin):
    list_display = ["question", "code", "page", "not_sure"]
    readonly_fields = ["code", "page", "not_sure"]
    fields = ["code", "page", "not_sure", "question", *spanish("Choice")]


@admin.register(Source)
class SourceAdmin(DraftAdmin):
    """A document the rules cite: every rule and guide citing it (issue 17), and one flag when
    it has not been checked for 12 months, whoever cites it."""

    list_display = ["publisher", "title", "checked_on", "check_status", "confirmed", "cited_by"]
    list_filter = ["confirmed", "publisher"]
    search_fields = ["publisher", "title", "url", "key"]
    fields = [
        "key",
        "publisher",
        "title",
        "url",
        "checked_on",
        "check_status",
        "confirmed",
        "note",
        "cited_by",
        "cited_by_guides",
    ]

    def get_readonly_fields(self, request, obj=None):
        clinical = () if services.can_make_clinical_changes(request.user) else ("confirmed",)
        return ["cited_by", "cited_by_guides", "check_status", *clinical]

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("rules")

    @admin.display(description=_("cited by the rules"))
    def cited_by(self, source):
        return ", ".join(rule.code for rule in source.rules.all()) or "—"

    @admin.display(description=_("cited by the guides"))
    def cited_by_guides(self, source):
        guides = Guide.objects.filter(sources__url=source.url).distinct().order_by("order")
        return (
            ", ".join(f"{guide.title} ({guide.get_language_display()})" for guide in guides) or "—"
        )

    @admin.display(description=_("checked"))
    def check_status(self, source):
        if add_months(source.checked_on, SOURCE_RECHECK_MONTHS) < timezone.localdate():
            return _("Not checked for 12 months")
        return _("Checked within 12 months")


class ClinicalGuardAdmin(DraftAdmin):
    """Adding and deleting need the clinical permission; `clinical_fields` are read-only
    without it (the services check again on save)."""

    clinical_fields: tuple[str, ...] = ()

    def get_readonly_fields(self, request, obj=None):
        readonly = ["code"] if obj is not None else []
        if not services.can_make_clinical_changes(request.user):
            readonly += list(self.clinical_fields)
        return readonly

    def has_add_permission(self, request):
        return super().has_add_permission(request) and services.can_make_clinical_changes(
            request.user
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and services.can_make_clinical_changes(
            request.user
        )


@admin.register(Finding)
class FindingAdmin(ClinicalGuardAdmin):
    list_display = ["code", "question", "page", "choice", "order"]
    list_filter = ["page", "choice"]
    search_fields = ["code", "question", "hint", "said"]
    fields = [
        "code",
        "page",
        "choice",
        "question",
        "hint",
        "said",
        "tell_staff",
        "private",
        "develops",
        "order",
        *spanish("Finding"),
        "earlier_wording",
    ]
    readonly_fields = ["earlier_wording"]
    clinical_fields = ("page", "choice", "develops")

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "earlier_wording"]

    formfield_overrides = {models.CharField: {"widget": forms.TextInput(attrs={"size": 80})}}

    def save_model(self, request, obj, form, change):
        services.save_finding(finding=obj, user=request.user)
        self.say_it_is_a_draft(request)

    def delete_model(self, request, obj):
        services.delete_finding(finding=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for finding in queryset:
            services.delete_finding(finding=finding, user=request.user)


RULE_FIELDS = [
    *("code", "level", "all_of", "any_of", "text", "watch_for", "watch_for_order", "sources"),
    *("order", *spanish("Rule")),
]


class RuleForm(forms.ModelForm):
    class Meta:
        model = Rule
        fields = RULE_FIELDS

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("all_of") and not cleaned.get("any_of") and "all_of" in self.fields:
            self.add_error("all_of", errors.RULE_NEEDS_A_FINDING)
        if "sources" in self.fields and not cleaned.get("sources"):
            self.add_error("sources", errors.RULE_NEEDS_A_SOURCE)
        return cleaned


@admin.register(Rule)
class RuleAdmin(ClinicalGuardAdmin):
    form = RuleForm
    list_display = ["code", "level", "needs", "order"]
    list_filter = ["level"]
    search_fields = ["code", "text", "watch_for"]
    fields = [*RULE_FIELDS, "earlier_wording"]
    filter_horizontal = ["all_of", "any_of", "sources"]
    clinical_fields = ("level", "all_of", "any_of")

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "earlier_wording"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("all_of", "any_of")

    @admin.display(description=_("needs"))
    def needs(self, rule):
        needs = " + ".join(finding.code for finding in rule.all_of.all())
        options = " or ".join(finding.code for finding in rule.any_of.all())
        return " + ".join(part for part in (needs, options and f"({options})") if part)

    def save_model(self, request, obj, form, change):
        # Answers are checked and set here, with the clinical guard; sources by save_related.
        services.save_rule(
            rule=obj,
            all_of=form.cleaned_data.get("all_of"),
            any_of=form.cleaned_data.get("any_of"),
            user=request.user,
        )
        self.say_it_is_a_draft(request)

    def save_related(self, request, form, formsets, change):
        form.cleaned_data.pop("all_of", None)
        form.cleaned_data.pop("any_of", None)
        super().save_related(request, form, formsets, change)

    def delete_model(self, request, obj):
        services.delete_rule(rule=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for rule in queryset:
            services.delete_rule(rule=rule, user=request.user)


@admin.register(HelpService)
class HelpServiceAdmin(DraftAdmin):
    list_display = ["name", "kind", "phone", "order"]
    list_filter = ["kind"]
    search_fields = ["name", "notes"]
    filter_horizontal = ["levels", "rules", "findings"]
    # Addresses typed without a scheme are taken as https (the model requires https anyway).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (
            None,
            {
                "fields": [
                    *("key", "name", "kind", "phone", "text_to", "website", "website_es"),
                    *("opening_hours", "languages", "notes", "order"),
                ]
            },
        ),
        (_("In Spanish"), {"fields": spanish("HelpService")}),
        (
            _("Where it is shown"),
            {
                "fields": ["levels", "rules", "findings"],
                "description": _(
                    "A service shows on results of the levels chosen here. If rules or answers "
                    "are chosen too, it shows there only when one of those rules matched or one "
                    "of those answers was given. All services show on the Get help page."
                ),
            },
        ),
    ]

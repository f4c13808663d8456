"""The guide change page: its fields, the sources table, what is read-only for whom, and the
keep-alive that stops an active editor being signed out."""

from django.conf import settings
from django.contrib import admin
from django.db.models import Max
from django.http import HttpResponse, HttpResponseNotAllowed
from django.urls import path
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import SPANISH, Guide, SuggestedRevision
from ..readability import measure_html
from ..translation_changes import bring_up_to_date, offers_bringing_up_to_date
from ..versions import record_version_sources
from .conflict import (
    SOURCE_PREFIX,
    conflict_fields,
    rows_without_deleted_sources,
    sources_formset,
)
from .form import GuideForm, SourceInline
from .reading import READING_LEVEL_HELP, grade_flag, longest_sentences, measure_working
from .saving import (
    SAVED_NOTHING,
    SAVED_UP_TO_DATE,
    not_published_notes,
    with_room_for_long_forms,
)
from .translations import TRANSLATIONS_HELP


class GuideChangeFormMixin:
    """GuideAdmin's add and change pages."""

    form = GuideForm
    inlines = [SourceInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "version_seen"]}),
        (
            _("Language and translations"),
            {
                "fields": ["language", "translation_key", "translations", "brought_up_to_date"],
                "description": TRANSLATIONS_HELP,
            },
        ),
        (
            _("Reading level"),
            {"fields": ["reading_level"], "description": READING_LEVEL_HELP},
        ),
        (
            _("Clinical review"),
            {
                "fields": ["last_reviewed", "next_review_due", "reviewed_by"],
                "description": _(
                    "A clinical reviewer updates the review record with the “Save and mark "
                    "reviewed” button below. The public page shows it once the guide is "
                    "published, like the text."
                ),
            },
        ),
        (
            _("Publication"),
            {
                "fields": ["status", "published_at", "ready_for_review", "order"],
                "description": _(
                    "Saving never changes the public page: the public sees the last published "
                    "version until a clinical reviewer publishes the saved one."
                ),
            },
        ),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}

    def get_changeform_initial_data(self, request):
        # A new guide goes to the end of the list unless someone chooses otherwise.
        last = Guide.objects.aggregate(last=Max("order"))["last"]
        return {
            "order": 0 if last is None else last + 1,
            **super().get_changeform_initial_data(request),
        }

    def save_model(self, request, obj, form, change):
        request.next_review_due_chosen = "next_review_due" in form.changed_data
        if form.cleaned_data.get("brought_up_to_date"):
            bring_up_to_date(obj)  # a change of its own: the save below is made and recorded
            request.guide_saved = SAVED_UP_TO_DATE
        # A save that changes nothing makes no version: the history lists only real changes,
        # and a colleague's open form is not made out of date by it.
        if change and not form.real_changes():
            form.unchanged = True
            return
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if getattr(form, "unchanged", False):
            if not any(formset.has_changed() for formset in formsets):
                request.guide_saved = SAVED_NOTHING
                return
            form.instance.save()  # only the sources changed: they make a version of their own
        # The guide was saved before its sources: they join the version that save made.
        record_version_sources(form.instance)

    def get_readonly_fields(self, request, obj=None):
        readonly = ["status", "published_at", "reading_level", "translations"]
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

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        left_out = set()
        if obj is None:  # a new guide has nothing to compare with yet
            left_out.add("version_seen")
        if obj is None or not offers_bringing_up_to_date(obj):
            left_out.add("brought_up_to_date")  # GuideForm has it on translations only
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in left_out]})
            for name, options in fieldsets
        ]

    @admin.display(description=_("reading level"))
    def reading_level(self, guide):
        if guide is None or guide.pk is None:
            return gettext("Save the guide to measure it.")
        working = measure_working(guide)
        rows = [(gettext("Saved working text"), grade_flag(working))]
        if guide.is_published:
            rows.append(
                (
                    gettext("Published text"),
                    grade_flag(measure_html(guide.published_html, guide.language)),
                )
            )
        scale = gettext("ease") if guide.language == SPANISH else gettext("grade")
        table = format_html_join(
            "", "<p><strong>{}:</strong> {} {}</p>", ((row, scale, value) for row, value in rows)
        )
        if not working.longest:
            return table
        return format_html(
            "{}<p>{}</p>{}",
            table,
            gettext("The longest sentences, to shorten first:"),
            longest_sentences(working),
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        saved = Guide.objects.filter(pk=obj.pk).first() if obj is not None and obj.pk else None
        context.update(
            can_publish=self.has_publish_permission(request, obj),
            can_review=self.has_review_permission(request, obj),
            review_interval_months=settings.REVIEW_INTERVAL_MONTHS,
            suggested_revisions=(
                obj.suggested_revisions.filter(status=SuggestedRevision.PENDING)
                if obj is not None
                else []
            ),
            conflict=self.conflict_context(context),
            # What is saved, never the form's unsaved text (the form fills `obj` in as it checks).
            unpublished_diff=self.unpublished_diff(saved) if saved is not None else None,
            not_published_notes=not_published_notes(saved) if saved is not None else [],
            english_changes=self.english_changes_panel(saved) if saved is not None else None,
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def conflict_context(self, context):
        conflict = context["adminform"].form.conflict
        if conflict is None:
            return None
        formset = sources_formset(f.formset for f in context.get("inline_admin_formsets", []))
        return {**conflict, "fields": conflict_fields(conflict, context["adminform"].form, formset)}

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if "data" in kwargs and prefix == SOURCE_PREFIX and obj is not None and obj.pk:
            kwargs["data"] = rows_without_deleted_sources(
                kwargs["data"], obj.sources.values_list("pk", flat=True)
            )
        return kwargs

    def response_add(self, request, obj, post_url_continue=None):
        response = self.workflow_response(request, obj) or self.with_saved_words(
            request, super().response_add, obj, post_url_continue
        )
        self.report_not_published(request, obj)
        return response

    def response_change(self, request, obj):
        response = self.workflow_response(request, obj) or self.with_saved_words(
            request, super().response_change, obj
        )
        self.report_not_published(request, obj)
        return response

    def get_urls(self):
        keepalive = path(
            "keepalive/",
            self.admin_site.admin_view(self.keepalive_view),
            name="guides_guide_keepalive",
        )
        # A body far over the limit reaches the form, which says so (saving.py).
        long_forms = {f"guides_guide_{name}" for name in ("add", "change")}
        urls = [
            path(str(url.pattern), with_room_for_long_forms(self, url.callback), name=url.name)
            if url.name in long_forms
            else url
            for url in super().get_urls()
        ]
        return [keepalive, *urls]

    def keepalive_view(self, request):
        """Pinged by static/js/admin-editing.mjs while someone types: any admin request renews
        the session (core.middleware.staff_pages), so an active editor is not signed out."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return HttpResponse(status=204)

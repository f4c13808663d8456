"""The editors' workflow: editors write drafts, clinical reviewers publish, unpublish and mark
guides reviewed. What the public sees changes only through guides.services, and only for users
with the permission; the buttons are hidden from everyone else and refused if forged."""

import difflib
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Max
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.diffs import word_diff

from .models import ENGLISH, SPANISH, Guide, Source, SuggestedRevision
from .readability import (
    CONFIRM_ABOVE_GRADE,
    CONFIRM_BELOW_INFLESZ,
    TARGET_GRADE,
    TARGET_INFLESZ,
    Readability,
    measure_html,
    measure_markdown,
)
from .services import (
    DUE_SOON_DAYS,
    SOURCE_RECHECK_MONTHS,
    dismiss_suggested_revision,
    is_out_of_date,
    mark_guide_reviewed,
    other_languages,
    publication_status,
    publish_guide,
    restore_guide_version,
    review_status,
    source_check_status,
    take_suggested_revision,
    unpublish_guide,
)
from .versions import (
    changed_fields,
    guide_text,
    latest_version,
    record_text,
    record_version_sources,
    user_name,
    version_text,
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


class TranslationFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [("out-of-date", OUT_OF_DATE), ("language-review", NEEDS_LANGUAGE_REVIEW)]

    def queryset(self, request, queryset):
        if self.value() == "out-of-date":
            return queryset.filter(pk__in=Guide.objects.out_of_date_translations().values("pk"))
        if self.value() == "language-review":
            return queryset.filter(needs_language_review=True)
        return queryset


class SourceInline(admin.TabularInline):
    model = Source
    fields = ["title", "publisher", "url", "language", "accessed_on", "checked", "order"]
    readonly_fields = ["checked"]
    verbose_name_plural = _("sources (at least one is needed to publish)")
    # Typing "nhs.uk/..." becomes https://nhs.uk/...; the model only accepts https addresses.
    # A plain address box: the admin's own shows each address twice ("Currently: ... Change:").
    formfield_overrides = {
        models.URLField: {
            "assume_scheme": "https",
            "widget": forms.URLInput(attrs={"class": "vURLField source-url"}),
        }
    }

    def get_extra(self, request, obj=None, **kwargs):
        return 0 if obj is not None and obj.sources.exists() else 1

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # A source added now is checked now; an older source keeps the date it has.
        if db_field.name == "accessed_on":
            kwargs["initial"] = timezone.localdate
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("checked"))
    def checked(self, source):
        if source.pk is None:
            return ""
        status = source_check_status(source)
        return _("OK") if status == "ok" else flag(status, SOURCE_CHECK_LABELS[status])


def review_flag(guide: Guide) -> str:
    """The next review date, with a word (not colour alone) when it needs attention."""
    due = date_format(guide.next_review_due)
    status = review_status(guide)
    if status == "ok":
        return due
    return format_html(
        '{} <span class="review-flag review-flag--{}">{}</span>', due, status, REVIEW_LABELS[status]
    )


def grade_flag(result: Readability) -> str:
    """A reading grade (English) or ease (Spanish), with a word (not colour alone) when it is
    off target."""
    if result.grade is None:
        return gettext("No text yet")
    grade = number_format(result.grade, 1)
    if result.language == SPANISH:
        # INFLESZ: higher is easier.
        confirm = format_lazy(_("Below {ease}"), ease=CONFIRM_BELOW_INFLESZ)
        above = format_lazy(_("Below {ease}"), ease=TARGET_INFLESZ)
    else:
        confirm = format_lazy(_("Above {grade}"), grade=CONFIRM_ABOVE_GRADE)
        above = format_lazy(_("Above {grade}"), grade=TARGET_GRADE)
    if result.needs_confirmation:
        return format_html("{} {}", grade, flag("confirm", confirm))
    if not result.on_target:
        return format_html("{} {}", grade, flag("above", above))
    return grade


def measure_working(guide: Guide) -> Readability:
    return measure_markdown(guide.body, guide.language)


def longest_sentences(result: Readability) -> str:
    return format_html(
        '<ol class="reading-level__longest">{}</ol>',
        format_html_join(
            "",
            '<li>{} <span class="help">({})</span></li>',
            (
                (sentence, format_lazy(_("{words} words"), words=words))
                for words, sentence in result.longest
            ),
        ),
    )


class GuideForm(forms.ModelForm):
    """The guide form, refused when someone else saved the guide after it was opened.

    `version_seen` carries the guide's version number from when the page was opened; if the
    guide has moved on, nothing is saved, the form comes back with what was typed, who saved
    and when, and the difference between their saved text and this form's."""

    version_seen = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Guide
        fields = [
            "language",
            "translation_key",
            "title",
            "slug",
            "summary",
            "body",
            "order",
            "last_reviewed",
            "next_review_due",
            "reviewed_by",
            "ready_for_review",
        ]
        widgets = {
            "title": forms.TextInput(attrs={"class": "vTextField guide-title", "maxlength": 120}),
            "summary": forms.TextInput(attrs={"class": "vTextField guide-summary"}),
            "body": forms.Textarea(attrs={"class": "vLargeTextField guide-body", "rows": 30}),
            # Set by "Add the Spanish version" on the English guide's page (a GET parameter).
            "translation_key": forms.HiddenInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if self.instance.pk is not None:
            self.fields["version_seen"].initial = self.instance.version
            # A guide keeps its language and its translations: disabled fields still take part
            # in the (language, slug) uniqueness check, unlike read-only ones.
            self.fields["language"].disabled = True
            self.fields["translation_key"].disabled = True
        # Without them a new guide is English and has no translations yet.
        self.fields["language"].required = False
        self.fields["translation_key"].required = False

    def clean_language(self):
        return self.cleaned_data.get("language") or self.instance.language or ENGLISH

    def clean_translation_key(self):
        return self.cleaned_data.get("translation_key") or self.instance.translation_key

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        # Locks the row until the admin's transaction ends (PostgreSQL), so two saves cannot
        # both pass this check.
        saved = Guide.objects.select_for_update().get(pk=self.instance.pk)
        # A form that does not say which version it was opened on (a forged or truncated post)
        # is treated as an old one: it could overwrite a colleague's work unseen (issue 19).
        seen = cleaned.get("version_seen")
        if seen == saved.version:
            return cleaned
        record = latest_version(saved)
        who = user_name(record.history_user) if record else ""
        when = timezone.localtime(record.history_date if record else saved.updated_at)
        yours = version_text(
            title=cleaned.get("title", self.data.get("title", "")),
            summary=cleaned.get("summary", self.data.get("summary", "")),
            body=cleaned.get("body", self.data.get("body", "")),
            sources=[],
        )
        self.conflict = {
            "who": who or gettext("someone"),
            "when": date_format(when, "DATETIME_FORMAT"),
            "diff": word_diff(
                version_text(title=saved.title, summary=saved.summary, body=saved.body, sources=[]),
                yours,
            ),
        }
        # The next save is made knowing about their change: it goes through.
        self.data = self.data.copy()
        self.data[self.add_prefix("version_seen")] = saved.version
        raise ValidationError(
            gettext(
                "Not saved: %(who)s saved this guide on %(when)s, after you opened it. "
                "What you typed is still in the form, and their version is kept in the "
                "history. Compare the two below, keep what you need of theirs, then save again."
            )
            % {"who": self.conflict["who"], "when": self.conflict["when"]}
        )


@admin.register(Guide)
class GuideAdmin(SimpleHistoryAdmin):
    form = GuideForm
    list_display = [
        "title",
        "language",
        "translation",
        "status",
        "last_edited_by",
        "reading_grade",
        "last_reviewed",
        "reviewed_by",
        "review_due",
        "sources_check",
    ]
    list_filter = ["language", TranslationFilter, PublicationStatusFilter, ReviewStatusFilter]
    search_fields = ["title", "body"]
    inlines = [SourceInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "version_seen"]}),
        (
            _("Language and translations"),
            {
                "fields": ["language", "translation_key", "translations"],
                "description": _(
                    "Each language's version of a guide is a guide of its own, with its own "
                    "draft, publication, review record and history. A translation is out of "
                    "date when its English guide was published after the translation was last "
                    "saved."
                ),
            },
        ),
        (
            _("Reading level"),
            {
                "fields": ["reading_level"],
                "description": format_lazy(
                    _(
                        "English: Flesch-Kincaid grade for US English, the school grade that "
                        "can read the text easily. Aim for grade {target} or lower: short "
                        "sentences, short words. Publishing above grade {confirm} asks you to "
                        "confirm. Spanish: Szigriszt-Pazos ease (INFLESZ, 0 to 100, higher is "
                        "easier). Aim for {ease_target} or higher (“bastante fácil”); publishing "
                        "below {ease_confirm} asks you to confirm. Measured on the saved text; "
                        "save to measure your changes."
                    ),
                    target=TARGET_GRADE,
                    confirm=CONFIRM_ABOVE_GRADE,
                    ease_target=TARGET_INFLESZ,
                    ease_confirm=CONFIRM_BELOW_INFLESZ,
                ),
            },
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
    object_history_template = "admin/guides/guide/object_history.html"
    object_history_list_template = "admin/guides/guide/object_history_list.html"

    class Media:
        css = {"all": ["css/admin.css"]}

    def get_queryset(self, request):
        # The status column compares each guide's sources with its published ones; the
        # translation column compares a translation with its original's publication.
        return (
            super().get_queryset(request).prefetch_related("sources").with_original_published_at()
        )

    def get_changeform_initial_data(self, request):
        # A new guide goes to the end of the list unless someone chooses otherwise.
        last = Guide.objects.aggregate(last=Max("order"))["last"]
        return {
            "order": 0 if last is None else last + 1,
            **super().get_changeform_initial_data(request),
        }

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The guide was saved before its sources: they join the version that save made.
        record_version_sources(form.instance)

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
        if obj is None:  # a new guide has nothing to compare with yet
            return [
                (name, {**options, "fields": [f for f in options["fields"] if f != "version_seen"]})
                for name, options in fieldsets
            ]
        return fieldsets

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

    @admin.display(description=_("reading grade"))
    def reading_grade(self, guide):
        return grade_flag(measure_working(guide))

    @admin.display(description=_("other language"))
    def translation(self, guide):
        """The other language's version: its status (or none yet), and whether this guide, a
        translation, is out of date."""
        parts = [
            format_html(
                "{}: {}",
                other["name"],
                STATUS_LABELS[other["status"]] if other["guide"] else gettext("none yet"),
            )
            for other in other_languages(guide)
        ]
        if is_out_of_date(guide):
            parts.append(flag("out-of-date", OUT_OF_DATE))
        if guide.needs_language_review:
            parts.append(flag("language-review", NEEDS_LANGUAGE_REVIEW))
        return format_html_join(mark_safe("<br>"), "{}", ((part,) for part in parts))

    @admin.display(description=_("other languages"))
    def translations(self, guide):
        """On the change page: each other language's version, with a link, or a link to add
        it; the out-of-date flag; and whether a clinician who reads the language must check it."""
        if guide is None or guide.pk is None:
            return gettext("Save the guide first.")
        rows = []
        for other in other_languages(guide):
            if other["guide"] is not None:
                rows.append(
                    format_html(
                        '{}: <a href="{}">{}</a> ({})',
                        other["name"],
                        self.change_url(other["guide"]),
                        other["guide"].title,
                        STATUS_LABELS[other["status"]],
                    )
                )
            elif guide.language == ENGLISH:
                add = reverse("admin:guides_guide_add", current_app=self.admin_site.name)
                query = urlencode(
                    {
                        "language": other["language"],
                        "translation_key": guide.translation_key,
                        "order": guide.order,
                    }
                )
                rows.append(
                    format_html(
                        '{}: {} <a href="{}?{}">{}</a>',
                        other["name"],
                        gettext("none yet."),
                        add,
                        query,
                        format_lazy(_("Add the {language} version"), language=other["name"]),
                    )
                )
            else:
                rows.append(format_html("{}: {}", other["name"], gettext("none.")))
        if is_out_of_date(guide):
            rows.append(
                format_html(
                    "{} {}",
                    flag("out-of-date", OUT_OF_DATE),
                    gettext(
                        "The English guide was published after this translation was last "
                        "saved: compare them and bring this one up to date."
                    ),
                )
            )
        if guide.needs_language_review:
            rows.append(
                format_html(
                    "{} {}",
                    flag("language-review", NEEDS_LANGUAGE_REVIEW),
                    gettext(
                        "Published, but no clinician who reads this language has checked it. "
                        "“Save and mark reviewed” by such a reviewer clears this."
                    ),
                )
            )
        return format_html_join("", "<p>{}</p>", ((row,) for row in rows))

    @admin.display(description=_("sources"))
    def sources_check(self, guide):
        statuses = [source_check_status(source) for source in guide.sources.all()]
        flags = [
            flag(status, format_lazy("{} ({})", SOURCE_CHECK_LABELS[status], count))
            for status in ("stale", "undated")
            if (count := statuses.count(status))
        ]
        return format_html_join(" ", "{}", ((item,) for item in flags)) or _("OK")

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

    # Publish, unpublish, mark reviewed: buttons below the change form -----------------------

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context.update(
            can_publish=self.has_publish_permission(request, obj),
            can_review=self.has_review_permission(request, obj),
            review_interval_months=settings.REVIEW_INTERVAL_MONTHS,
            suggested_revisions=(
                obj.suggested_revisions.filter(status=SuggestedRevision.PENDING)
                if obj is not None
                else []
            ),
            conflict=context["adminform"].form.conflict,
            unpublished_diff=self.unpublished_diff(obj) if obj is not None else None,
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def unpublished_diff(self, guide):
        """What publishing would change on the public page, word by word (None: nothing)."""
        from .services import has_unpublished_words

        if guide.is_published and not has_unpublished_words(guide):
            return None
        published = ""
        if guide.is_published:
            # The newest version whose body is what the public sees: its Markdown.
            record = guide.history.filter(body_html=guide.published_html).first()
            published = version_text(
                title=guide.published_title,
                summary=guide.published_summary,
                body=record.body if record is not None else "",
                sources=guide.published_sources,
            )
        return word_diff(published, guide_text(guide))

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
                return handler(request, guide) or HttpResponseRedirect(self.change_url(guide))
        return None

    # Each raises PermissionDenied inside the admin's transaction, so a forged press also rolls
    # back the form's save; a guide that fails validation stays saved and the message says why.

    def publish(self, request, guide):
        if not self.has_publish_permission(request, guide):
            raise PermissionDenied
        if measure_working(guide).needs_confirmation:
            # Saved already; ask before the public sees hard-to-read text (never refused).
            return HttpResponseRedirect(self.publish_confirm_url(guide))
        self.publish_now(request, guide)
        return None

    def publish_now(self, request, guide):
        try:
            publish_guide(guide=guide, reviewer_name=user_name(request.user))
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
                gettext(
                    "Marked reviewed by %(name)s today. The next review is due on %(date)s. "
                    "The public page shows the new review record once the guide is published."
                )
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

    def publish_confirm_url(self, guide):
        return reverse(
            "admin:guides_guide_publish_confirm", args=[guide.pk], current_app=self.admin_site.name
        )

    def publish_confirm_view(self, request, object_id):
        """Publishing text above grade CONFIRM_ABOVE_GRADE: show the grade, then publish on a
        second press. GET shows the question; POST publishes."""
        guide = self.get_object(request, unquote(object_id))
        if guide is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_publish_permission(request, guide):
            raise PermissionDenied
        if request.method == "POST":
            self.publish_now(request, guide)
            return HttpResponseRedirect(self.change_url(guide))
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET", "POST"])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": guide,
            "title": gettext("Publish a guide that is hard to read?"),
            "readability": measure_working(guide),
            "grade": grade_flag(measure_working(guide)),
            "longest": longest_sentences(measure_working(guide)),
            "target_grade": TARGET_GRADE,
            "confirm_above_grade": CONFIRM_ABOVE_GRADE,
            "target_ease": TARGET_INFLESZ,
            "confirm_below_ease": CONFIRM_BELOW_INFLESZ,
            "change_url": self.change_url(guide),
        }
        return TemplateResponse(request, "admin/guides/guide/publish_confirm.html", context)

    # History: restoring an earlier version as a draft ---------------------------------------

    def get_urls(self):
        restore = path(
            "<path:object_id>/history/<int:history_id>/restore/",
            self.admin_site.admin_view(self.restore_view),
            name="guides_guide_restore",
        )
        publish_confirm = path(
            "<path:object_id>/publish/",
            self.admin_site.admin_view(self.publish_confirm_view),
            name="guides_guide_publish_confirm",
        )
        keepalive = path(
            "keepalive/",
            self.admin_site.admin_view(self.keepalive_view),
            name="guides_guide_keepalive",
        )
        return [keepalive, restore, publish_confirm, *super().get_urls()]

    def keepalive_view(self, request):
        """Pinged by static/js/admin-editing.mjs while someone types: any admin request renews
        the session (core.middleware.staff_pages), so an active editor is not signed out."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return HttpResponse(status=204)

    def revert_disabled(self, request, obj=None):
        # django-simple-history's revert would bring back an old published snapshot too; the
        # history page offers "Restore as draft" instead.
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """One version, read-only: its words, sources and review record, what changed from
        the version before (word by word), and "Restore as draft"."""
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        guide = self.get_object(request, unquote(object_id))
        if guide is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, guide):
            raise PermissionDenied
        record = get_object_or_404(guide.history.all(), history_id=version_id)
        previous = record.prev_record
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": guide,
            "record": record,
            "title": gettext("Version of %(when)s")
            % {"when": date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")},
            "changed_by": user_name(record.history_user),
            "changes": changed_fields(record, previous),
            "diff": word_diff(record_text(previous) if previous else "", record_text(record)),
            "is_latest": record.history_id == latest_version(guide).history_id,
            "can_restore": self.has_change_permission(request, guide),
            "media": self.media,
        }
        return TemplateResponse(request, "admin/guides/guide/version.html", context)

    def history_view(self, request, object_id, extra_context=None):
        guide = self.get_object(request, unquote(object_id))
        can_restore = guide is not None and self.has_change_permission(request, guide)
        return super().history_view(
            request, object_id, extra_context={"can_restore": can_restore, **(extra_context or {})}
        )

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        # Each row says in words what changed, and who did it, instead of field dumps.
        for record in historical_records:
            record.change_words = changed_fields(record, record.prev_record)
            record.changed_by = user_name(record.history_user)

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
                "The earlier version is back in the editor as a draft: its title, summary, body "
                "and %(count)s sources. The public page has not changed; a clinical reviewer "
                "publishes it when it is ready."
            )
            % {"count": guide.sources.count()},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(self.change_url(guide))


# Suggested revisions: new text from a content update, beside a guide an editor has changed -----


@admin.register(SuggestedRevision)
class SuggestedRevisionAdmin(admin.ModelAdmin):
    list_display = ["guide", "reason", "created_at", "status"]
    list_filter = ["status"]
    fields = ["guide", "reason", "created_at", "status", "decided", "changes", "sources_list"]
    readonly_fields = fields
    change_form_template = "admin/guides/suggestedrevision/change_form.html"

    class Media:
        css = {"all": ["css/admin.css"]}

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Kept as a record of what was suggested and what was decided.
        return False

    @admin.display(description=_("decided"))
    def decided(self, revision):
        if revision.decided_at is None:
            return "-"
        return format_html(
            "{}, {}", revision.decided_by, date_format(timezone.localtime(revision.decided_at))
        )

    @admin.display(description=_("changes from the guide's working copy"))
    def changes(self, revision):
        guide = revision.guide
        lines = difflib.unified_diff(
            f"{guide.title}\n{guide.summary}\n\n{guide.body}".splitlines(),
            f"{revision.title}\n{revision.summary}\n\n{revision.body}".splitlines(),
            fromfile=gettext("working copy"),
            tofile=gettext("suggested"),
            lineterm="",
        )
        return format_html('<pre class="suggested-diff">{}</pre>', "\n".join(lines))

    @admin.display(description=_("suggested sources"))
    def sources_list(self, revision):
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{}: {} ({}; {})</li>",
                (
                    (
                        source["publisher"],
                        source["title"],
                        source["url"],
                        format_lazy(_("accessed {}"), source.get("accessed_on") or "-"),
                    )
                    for source in revision.sources
                ),
            ),
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context.update(
            can_decide=obj is not None
            and obj.status == SuggestedRevision.PENDING
            and self.has_change_permission(request, obj)
            and request.user.has_perm("guides.change_guide")
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request, obj):
        actions = {"_take": take_suggested_revision, "_dismiss": dismiss_suggested_revision}
        for name, action in actions.items():
            if name in request.POST:
                return self.decide(request, obj, action)
        return super().response_change(request, obj)

    def decide(self, request, revision, action):
        if not request.user.has_perm("guides.change_guide"):
            raise PermissionDenied
        try:
            action(
                revision=revision,
                decided_by=request.user.get_full_name() or request.user.get_username(),
            )
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.path)
        if action is take_suggested_revision:
            self.message_user(
                request,
                gettext(
                    "The suggested text is now the guide's working copy. The public page has "
                    "not changed; a clinical reviewer publishes it when it is ready. The "
                    "earlier text is in the guide's history."
                ),
                messages.SUCCESS,
            )
            return HttpResponseRedirect(
                reverse("admin:guides_guide_change", args=[revision.guide_id])
            )
        self.message_user(request, gettext("Dismissed. The guide is unchanged."), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:guides_suggestedrevision_changelist"))

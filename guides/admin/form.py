"""The guide form and its sources table. A form opened on an older version of the guide is
refused, with what was typed kept and the difference from the saved guide shown."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..forms import NormalisedTextField, body_length_validator
from ..models import ENGLISH, Guide, Source
from ..services import source_check_status
from ..translation_changes import offers_bringing_up_to_date
from ..versions import latest_version, user_name
from .common import SOURCE_CHECK_LABELS, flag

# The fields that hold the guide's words: compared with the saved ones after normalising both.
WORDS = ("title", "summary", "body")


class GuideForm(forms.ModelForm):
    """The guide form, refused when someone else saved the guide after it was opened.

    `version_seen` carries the guide's version number from when the page was opened; if the
    guide has moved on, nothing is saved, the form comes back with what was typed, who saved
    and when; the change page shows what differs between their version and this form, field by
    field, sources included (conflict.py).

    The words are read in one normal form (guides.forms): a save that changes only line ends
    or spaces at the ends of lines changes nothing, and the saved text is kept as it is."""

    version_seen = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # On a translation only (offers_bringing_up_to_date): the one way to clear "Out of date".
    brought_up_to_date = forms.BooleanField(
        label=_("This save brings the translation up to date with the English guide"),
        required=False,
        help_text=_(
            "Tick it when this translation says all that the English guide says now. When it "
            "is out of date, the top of the page lists what changed in English since it was "
            "last brought up to date. Ticked, the save clears the out-of-date flag until the "
            "English guide is published again, and the history records it. A save without it "
            "never clears the flag."
        ),
    )

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
        field_classes = dict.fromkeys(WORDS, NormalisedTextField)
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
        if not offers_bringing_up_to_date(self.instance):
            del self.fields["brought_up_to_date"]
        # Without them a new guide is English and has no translations yet.
        self.fields["language"].required = False
        self.fields["translation_key"].required = False
        # Checked here, not by the browser: a maxlength would cut a long paste short unseen.
        self.fields["body"].validators.append(body_length_validator)

    def real_changes(self) -> list[str]:
        """The fields whose values this form changes (not the version it was opened on)."""
        return [name for name in self.changed_data if name != "version_seen"]

    def clean_language(self):
        return self.cleaned_data.get("language") or self.instance.language or ENGLISH

    def clean_translation_key(self):
        return self.cleaned_data.get("translation_key") or self.instance.translation_key

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        for name in WORDS:
            if name in cleaned and name not in self.changed_data:
                # The same words: keep them byte for byte (a launch body ends with a newline).
                cleaned[name] = getattr(self.instance, name)
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
        self.conflict = {
            "who": who or gettext("someone"),
            "when": date_format(when, "DATETIME_FORMAT"),
            "saved": saved,  # their version: the change page shows it beside the form's
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

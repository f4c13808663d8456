"""Translations in the guides admin: the filter, the list's "other language" column, the
change page's "other languages" field, and its panel of what changed in English since the
translation was last brought up to date."""

from urllib.parse import urlencode

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.diffs import word_diff

from ..models import ENGLISH, Guide
from ..services import copy_sources_from_original, is_out_of_date, other_languages
from ..translation_changes import english_changes
from .common import NEEDS_LANGUAGE_REVIEW, OUT_OF_DATE, STATUS_LABELS, change_url, flag
from .conflict import differing_paragraphs


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


TRANSLATIONS_HELP = _(
    "Each language's version of a guide is a guide of its own, with its own "
    "draft, publication, review record and history. A translation is out of "
    "date when its English guide was published after the translation was last "
    "brought up to date: a save with the box “This save brings the translation up "
    "to date” ticked, never a save alone."
)


class TranslationsMixin:
    """GuideAdmin's translation column (list) and field (change page), the change page's
    "Save and copy the English sources" button and its panel of English changes."""

    def english_changes_panel(self, guide):
        """For an out-of-date translation: what changed in the English guide's published text
        since the translation was last brought up to date, word by word and only where it
        differs (None for any other guide)."""
        changes = english_changes(guide)
        if changes is None:
            return None
        labels = {"title": gettext("Title"), "summary": gettext("Summary"), "body": gettext("Body")}
        return {
            "english_url": change_url(self, changes.english),
            "since": date_format(timezone.localtime(changes.since), "DATETIME_FORMAT"),
            "published": date_format(
                timezone.localtime(changes.now.published_at), "DATETIME_FORMAT"
            ),
            "now": changes.now,
            "whole": changes.before is None,
            "fields": [
                {
                    "label": labels[field],
                    "hunks": differing_paragraphs(then, now)
                    if field == "body"
                    else [word_diff(then, now)],
                }
                for field, then, now in changes.changed_words()
            ],
            "sources_added": changes.sources_added(),
            "sources_removed": changes.sources_removed(),
        }

    def copy_english_sources(self, request, guide):
        """After the form's save: make the translation's sources the English guide's."""
        if not self.has_change_permission(request, guide):
            raise PermissionDenied
        try:
            count = copy_sources_from_original(guide=guide)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(
                request,
                ngettext(
                    "Saved, and %(count)d source copied from the English guide. The public "
                    "page has not changed.",
                    "Saved, and %(count)d sources copied from the English guide. The public "
                    "page has not changed.",
                    count,
                )
                % {"count": count},
                messages.SUCCESS,
            )

    @admin.display(description=_("language"), ordering="language")
    def translation(self, guide):
        """The guide's language; the other language's version, with its status (or none yet);
        and whether this guide, a translation, is out of date."""
        parts = [guide.get_language_display()]
        parts += [
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
                        change_url(self, other["guide"]),
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
                        "brought up to date. What changed in English is listed at the top of "
                        "the page: change this translation to match, tick “This save brings "
                        "the translation up to date” and save."
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

"""Review and publish: the clinical reviewer's buttons below the change form (publish,
unpublish, mark reviewed), the question asked before publishing hard-to-read text, and what
publishing would change on the public page."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext

from core.diffs import word_diff

from ..readability import CONFIRM_ABOVE_GRADE, CONFIRM_BELOW_INFLESZ, TARGET_GRADE, TARGET_INFLESZ
from ..services import has_unpublished_words, mark_guide_reviewed, publish_guide, unpublish_guide
from ..versions import guide_text, user_name, version_text
from .common import change_url
from .reading import grade_flag, longest_sentences, measure_working

# The box by "Save and publish" on a translation that awaits a clinician who reads its language.
WHOLE_TRANSLATION = "_whole_translation_reviewed"


class ReviewAndPublishMixin:
    """GuideAdmin's workflow buttons. Each runs once the form has been saved, and raises
    PermissionDenied inside the admin's transaction, so a forged press also rolls back the
    form's save; a guide that fails validation stays saved and the message says why."""

    def has_publish_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("guides.publish_guide")

    def has_review_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("guides.review_guide")

    def unpublished_diff(self, guide):
        """What publishing would change on the public page, word by word (None: nothing)."""
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

    def workflow_response(self, request, guide):
        """Run the workflow button that was pressed, once the form has been saved."""
        buttons = {
            "_publish": self.publish,
            "_unpublish": self.unpublish,
            "_mark_reviewed": self.mark_reviewed,
            "_copy_english_sources": self.copy_english_sources,  # translations.py
        }
        for name, handler in buttons.items():
            if name in request.POST:
                return handler(request, guide) or HttpResponseRedirect(change_url(self, guide))
        return None

    def publish(self, request, guide):
        if not self.has_publish_permission(request, guide):
            raise PermissionDenied
        if measure_working(guide).needs_confirmation:
            # Saved already; ask before the public sees hard-to-read text (never refused).
            url = self.publish_confirm_url(guide)
            if WHOLE_TRANSLATION in request.POST:
                url += f"?{WHOLE_TRANSLATION}=1"
            return HttpResponseRedirect(url)
        self.publish_now(request, guide)
        return None

    def publish_now(self, request, guide):
        try:
            publish_guide(
                guide=guide,
                reviewer_name=user_name(request.user),
                # A date the reviewer set in this save is hers; otherwise a full interval on.
                keep_next_review_due=getattr(request, "next_review_due_chosen", False),
                # A translation awaiting a clinician who reads it: signed off only if she says
                # she read the whole of it (the box by "Save and publish").
                whole_translation_reviewed=WHOLE_TRANSLATION in request.POST,
            )
        except ValidationError as error:
            self.report_refusal(
                request,
                gettext("Your changes were saved, but the guide was not published. Still needed:"),
                error,
            )
        else:
            words = gettext("Published. The public page now shows this version.")
            if guide.needs_language_review:
                words += " " + gettext(
                    "The translation still needs review by a clinician who reads its language: "
                    "you are not named as its reviewer, and its review record is unchanged."
                )
            self.message_user(request, words, messages.SUCCESS)

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
        reviewer = user_name(request.user)
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
        self.message_user(request, " ".join([outcome, *error.messages]), messages.ERROR)

    def publish_confirm_url(self, guide):
        return reverse(
            "admin:guides_guide_publish_confirm", args=[guide.pk], current_app=self.admin_site.name
        )

    def get_urls(self):
        publish_confirm = path(
            "<path:object_id>/publish/",
            self.admin_site.admin_view(self.publish_confirm_view),
            name="guides_guide_publish_confirm",
        )
        return [publish_confirm, *super().get_urls()]

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
            return HttpResponseRedirect(change_url(self, guide))
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET", "POST"])
        readability = measure_working(guide)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": guide,
            "title": gettext("Publish a guide that is hard to read?"),
            "readability": readability,
            "grade": grade_flag(readability),
            "longest": longest_sentences(readability),
            "target_grade": TARGET_GRADE,
            "confirm_above_grade": CONFIRM_ABOVE_GRADE,
            "target_ease": TARGET_INFLESZ,
            "confirm_below_ease": CONFIRM_BELOW_INFLESZ,
            "change_url": change_url(self, guide),
            "whole_translation": WHOLE_TRANSLATION,
            "whole_translation_ticked": WHOLE_TRANSLATION in request.GET,
        }
        return TemplateResponse(request, "admin/guides/guide/publish_confirm.html", context)

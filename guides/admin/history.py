"""A guide's history: the list of versions in words, one version read-only with its changes
word by word, and "Restore as draft"."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from core.diffs import word_diff

from ..services import restore_guide_version
from ..versions import changed_fields, latest_version, record_text, user_name
from .common import change_url


class GuideHistoryMixin:
    """GuideAdmin's history pages (django-simple-history's, in words)."""

    object_history_template = "admin/guides/guide/object_history.html"
    object_history_list_template = "admin/guides/guide/object_history_list.html"

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
        return HttpResponseRedirect(change_url(self, guide))

"""Suggested revisions: new text from a content update, left beside a guide an editor has
changed, for an editor to take into the working copy or dismiss."""

import difflib

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import SuggestedRevision
from ..services import dismiss_suggested_revision, take_suggested_revision
from ..versions import user_name


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
                decided_by=user_name(request.user),
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

"""The symptom check's publications: its history, one whole rule set each. A publication's
page says who published it, when and why, and what it changed from the one before, field by
field in words; from it the rule set can be downloaded, or restored as the working copy, which
is then reviewed and published like any change."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import publishing
from ..models import Publication
from . import review
from .changes import full_name, readable, summary

RESTORE_REASON_LENGTH = 60


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    """The symptom check's published versions (its history), and the page where a clinical
    reviewer sees what editors changed, previews it and publishes it (review.py)."""

    list_display = ["published_at", "publisher", "note", "what_went_out", "version"]
    fields = ["published_at", "publisher", "note", "version"]
    readonly_fields = fields
    change_list_template = "admin/triage/publication/change_list.html"
    change_form_template = "admin/triage/publication/change_form.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("published_by")

    @admin.display(description=gettext_lazy("published by"), ordering="published_by")
    def publisher(self, publication):
        return full_name(publication.published_by) or _("the launch")

    @admin.display(description=gettext_lazy("what went out"))
    def what_went_out(self, publication):
        return summary(publishing.publication_changes(publication))

    def get_urls(self):
        def view(function, name, route):
            return path(route, self.admin_site.admin_view(function), name=name)

        return [
            view(self.review_view, "triage_publication_review", "review/"),
            view(self.restore_view, "triage_publication_restore", "<path:object_id>/restore/"),
            view(self.rules_view, "triage_publication_rules", "<path:object_id>/rules.json"),
            *super().get_urls(),
        ]

    def review_view(self, request):
        return review.review_view(self, request)

    # A publication's page --------------------------------------------------------------------

    def can_restore(self, request) -> bool:
        return self.has_view_permission(request) and any(
            request.user.has_perm(f"triage.change_{model._meta.model_name}")
            for model in publishing.SECTION_MODELS.values()
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        publication = self.get_object(request, object_id)
        if publication is not None:
            previous = publishing.previous_publication(publication)
            extra_context = {
                **(extra_context or {}),
                "previous": previous,
                "previous_by": full_name(previous.published_by) if previous else "",
                "changes": readable(publishing.publication_changes(publication)),
                "item_count": sum(
                    len(items) for items in publication.payload.values() if isinstance(items, list)
                ),
                "restorable": publishing.can_be_restored(publication),
                "can_restore": self.can_restore(request),
                "restore_reason_length": RESTORE_REASON_LENGTH,
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def rules_view(self, request, object_id):
        """The rule set as published, as the public API got it (before placeholders)."""
        publication = self.get_object(request, object_id)
        if publication is None or not self.has_view_permission(request, publication):
            raise Http404
        response = JsonResponse(publication.payload, json_dumps_params={"indent": 1})
        name = f"symptom-check-{publication.published_at:%Y-%m-%d-%H%M}-{publication.version}"
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return response

    def restore_view(self, request, object_id):
        publication = self.get_object(request, object_id)
        if publication is None or not self.has_view_permission(request, publication):
            raise Http404
        here = reverse("admin:triage_publication_change", args=[publication.pk])
        if request.method != "POST":
            return HttpResponseRedirect(here)
        if not self.can_restore(request):
            raise PermissionDenied
        reason = request.POST.get("reason", "")[:RESTORE_REASON_LENGTH]
        try:
            done = publishing.restore_publication(
                publication=publication, user=request.user, reason=reason
            )
        except PermissionDenied as error:
            messages.error(request, str(error) or _("You cannot restore this publication."))
            return HttpResponseRedirect(here)
        except ValidationError as error:
            lines = [_("Nothing was restored:"), *error.messages]
            messages.error(request, " ".join(lines))
            return HttpResponseRedirect(here)
        for line in restored_message(done):
            messages.success(request, line)
        return HttpResponseRedirect(reverse("admin:triage_publication_review"))


def restored_message(done: publishing.Restored) -> list[str]:
    if done.set_back or done.recreated or done.not_restored:
        first = _(
            "Restored as the working copy. Nothing is public until a clinical reviewer "
            "publishes it: read the changes below."
        )
    else:
        first = _("The working copy already matches this publication: nothing was changed.")
    lines = [first]
    parts = [
        (_("Set back: %(items)s."), done.set_back),
        (_("Made again: %(items)s."), done.recreated),
        (_("Added since, left as they are: %(items)s."), done.added_since),
        (_("Not restored (fixed by the clinical specification): %(items)s."), done.not_restored),
    ]
    lines += [text % {"items": ", ".join(items)} for text, items in parts if items]
    return lines

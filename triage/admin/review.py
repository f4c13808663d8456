"""The page where a clinical reviewer reads what editors changed in the symptom check, previews
it and publishes it: exactly what she read. The form carries the version of the working copy
the page showed; if an editor has saved since, nothing is published and the page comes back
with what changed since she opened it, the whole list again and a new form (publishing.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .. import publishing
from ..models import Publication
from .changes import full_name, readable

NOTE_LENGTH = 300


def moved_on_message(seen: publishing.Seen | None) -> str:
    if seen is None:
        return _(
            "Nothing was published: this page did not say which changes you read (it may be "
            "an old or altered copy). Read the changes below, then publish them if they are "
            "right."
        )
    savers = publishing.saved_since(seen.opened)
    if not savers:
        return _(
            "The changes have moved on since you opened this page: nothing was published. Read "
            "what changed since, below, then publish again if it is right."
        )
    names = ", ".join(dict.fromkeys(full_name(user) or _("someone") for user, _when in savers))
    when = date_format(timezone.localtime(savers[0][1]), "DATETIME_FORMAT")
    return _(
        "The changes have moved on since you opened this page: %(who)s saved changes after "
        "you opened it (last on %(when)s). Nothing was published. Read what changed since, "
        "below, then publish again if it is right."
    ) % {"who": names, "when": when}


def review_page(model_admin, request, *, error="", seen=None, note="", status=200):
    review = publishing.current_review()
    since = None
    if seen is not None:
        since = readable(publishing.changes_between(seen.working, review.working))
    requested = publishing.review_requested()
    latest = Publication.objects.latest_first().select_related("published_by").first()
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Review and publish the symptom check"),
        "changes": readable(review.changes),
        "since": since,
        "error": error,
        "version": review.version,
        "shown": review.shown,
        "note": note,
        "review_requested": requested,
        "requested_by": full_name(requested.requested_by) if requested else "",
        "can_publish": publishing.can_publish(request.user),
        "latest": latest,
        "latest_by": full_name(latest.published_by) if latest else "",
        "preview_url": reverse("triage-preview:start"),
    }
    return TemplateResponse(request, "admin/triage/publication/review.html", context, status=status)


def review_view(model_admin, request):
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    if request.method == "POST":
        return act(model_admin, request)
    return review_page(model_admin, request)


def act(model_admin, request):
    here = reverse("admin:triage_publication_review")
    if "_publish" in request.POST:
        return publish(model_admin, request)
    if "_request_review" in request.POST:
        publishing.request_review(user=request.user)
        messages.success(request, _("Marked ready for review by a clinical reviewer."))
    return redirect(here)


def publish(model_admin, request):
    """Publishes the version the page showed, or says why not: a form without a version, or
    with one the server never showed, is a bad request (400); a version the working copy has
    moved on from is a form error, as a guide's conflict is: the page again, with what changed
    since."""
    if not publishing.can_publish(request.user):
        raise PermissionDenied
    note = request.POST.get("note", "")[:NOTE_LENGTH]
    version = request.POST.get("version", "").strip()
    seen = publishing.what_was_shown(request.POST.get("shown", ""), version) if version else None
    if not version:
        return review_page(
            model_admin, request, error=moved_on_message(None), note=note, status=400
        )
    try:
        publishing.publish(user=request.user, note=note, expected_version=version)
    except publishing.ChangesMovedOnError:
        status = 200 if seen is not None else 400
        error = moved_on_message(seen)
        return review_page(model_admin, request, error=error, seen=seen, note=note, status=status)
    except ValueError as error:
        messages.warning(request, str(error))
        return redirect(reverse("admin:triage_publication_review"))
    messages.success(request, _("Published: the symptom check now uses these rules."))
    return redirect(reverse("admin:triage_publication_changelist"))

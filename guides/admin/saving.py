"""What an editor is told when she saves a guide: what happened, in words (not Django's "was
changed successfully"); what of her text the public page will not show as she typed it; and,
for a body far too long, a form error on her page instead of the public site's error page."""

from functools import wraps
from io import BytesIO

from django.conf import settings
from django.contrib import messages
from django.http import UnreadablePostError
from django.template.response import TemplateResponse
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt

from core.http import declared_length
from core.placeholders import (
    EMERGENCY_NUMBER_PLACEHOLDER,
    fill_placeholders,
    placeholder_mistakes,
)

from ..forms import BODY_MAX_CHARACTERS
from ..readability import SIGN_LIST_MARKER
from ..rendering import not_published

SAVED_DRAFT = _("Draft saved. The public page has not changed.")
SAVED_UNPUBLISHED_DRAFT = _(
    "Draft saved. The public cannot see this guide until a clinical reviewer publishes it."
)
SAVED_NOTHING = _("Nothing had changed, so nothing was saved. The public page has not changed.")
SAVED_UP_TO_DATE = _(
    "Saved, and recorded as brought up to date with the English guide: it is no longer out of "
    "date. The public page has not changed."
)

# The most a signed-in person's guide form may send. Django reads at most
# DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) of a request, and answers a larger one with the public
# site's "We could not read that request"; a body over BODY_MAX_CHARACTERS must reach the form
# instead, which says what the limit is and keeps what was typed. A character of Spanish text
# takes up to 6 bytes in a form post, so this fits a few million characters.
FORM_MAX_BYTES = 16 * 1024 * 1024
ADDRESS_SHOWN = 60  # characters of a refused link's address in a message (a data: one is long)


class SaveMessagesMixin:
    """GuideAdmin's words after a save."""

    def saved_words(self, request, guide):
        # `guide_saved`: set by the change form's save when it had nothing to save.
        if getattr(request, "guide_saved", None) is not None:
            return request.guide_saved
        return SAVED_DRAFT if guide.is_published else SAVED_UNPUBLISHED_DRAFT

    def with_saved_words(self, request, respond, *args):
        """Django's response to a save, with its success message in words of our own."""
        request.guide_saved_words = self.saved_words(request, args[0])
        try:
            return respond(request, *args)
        finally:
            del request.guide_saved_words

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        words = getattr(request, "guide_saved_words", None)
        if words is not None and level == messages.SUCCESS:
            message = words
        super().message_user(request, message, level, *args, **kwargs)

    def report_not_published(self, request, guide):
        for note in not_published_notes(guide):
            self.message_user(request, note, messages.WARNING)


def shortened(address: str) -> str:
    return address if len(address) <= ADDRESS_SHOWN else address[: ADDRESS_SHOWN - 1] + "…"


def not_published_notes(guide) -> list[str]:
    """Sentences that tell an editor what the public page will not show as she typed it."""
    removed = not_published(guide.body)
    words = "\n".join([guide.title, guide.summary, guide.body])
    mistakes = placeholder_mistakes(words, also_known=SIGN_LIST_MARKER)
    notes = []
    if removed.links:
        notes.append(
            gettext(
                "These links will be plain text on the public page, without their address: "
                "%(links)s. Only addresses that start with https://, http://, mailto: or tel: "
                "are published as links."
            )
            % {
                "links": ", ".join(
                    f"“{text}” ({shortened(address)})" for text, address in removed.links
                )
            }
        )
    if removed.tags:
        notes.append(
            gettext(
                "This HTML is removed from the public page (it stays in the saved text until "
                "you delete it): %(tags)s."
            )
            % {"tags": ", ".join(removed.tag_words())}
        )
    if mistakes["unknown"]:
        notes.append(
            gettext(
                "Not a placeholder, so the public sees it as typed: %(unknown)s. The placeholder "
                "is %(known)s; a list of warning signs is a line “!!! signs” and a level."
            )
            % {"unknown": ", ".join(mistakes["unknown"]), "known": EMERGENCY_NUMBER_PLACEHOLDER}
        )
    if mistakes["doubled"]:
        notes.append(
            gettext(
                "%(doubled)s: two pairs of braces are not a placeholder. The public would see "
                "“%(shown)s”. Write %(known)s, with one pair."
            )
            % {
                "doubled": ", ".join(mistakes["doubled"]),
                "shown": fill_placeholders(mistakes["doubled"][0]),
                "known": EMERGENCY_NUMBER_PLACEHOLDER,
            }
        )
    return notes


def with_room_for_long_forms(model_admin, view):
    """`view` (the admin's add or change page) reading a form post up to FORM_MAX_BYTES from a
    signed-in staff member, so that a body over the limit gets the form's error with what was
    typed kept, and a post over FORM_MAX_BYTES an admin page that says why nothing was saved.
    Everyone else's post is read as Django reads any other (refused over 2.5 MB).

    The CSRF middleware would read the post first, and refuse it for its size, so this view is
    exempt from the middleware: the admin's own view inside it checks the token as before
    (AdminSite.admin_view wraps every admin view in csrf_protect)."""

    @wraps(view)
    def view_with_room(request, *args, **kwargs):
        length, limit = declared_length(request), settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if (
            request.method == "POST"
            and request.content_type == "application/x-www-form-urlencoded"
            and limit is not None
            and length > limit
            and request.user.is_active
            and request.user.is_staff
        ):
            if length > FORM_MAX_BYTES:
                return too_large(model_admin, request, length)
            # What HttpRequest.body does, without its limit: the post is then read from here.
            try:
                request._body = request.read()
            except OSError as error:
                raise UnreadablePostError(*error.args) from error
            request._stream = BytesIO(request._body)
        return view(request, *args, **kwargs)

    return csrf_exempt(view_with_room)


def too_large(model_admin, request, length: int):
    megabytes = 1024 * 1024
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": gettext("Not saved: what you sent is too large"),
        "sent": number_format(length / megabytes, 1),
        "limit": number_format(FORM_MAX_BYTES / megabytes, 0),
        "body_limit": number_format(BODY_MAX_CHARACTERS, force_grouping=True),
    }
    return TemplateResponse(request, "admin/guides/guide/too_large.html", context, status=413)

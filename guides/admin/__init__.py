"""The editors' workflow: editors write drafts, clinical reviewers publish, unpublish and mark
guides reviewed. What the public sees changes only through guides.services, and only for users
with the permission; the buttons are hidden from everyone else and refused if forged.

GuideAdmin is put together from one part per job: the list (changelist.py), the change page
and its form with the edit-conflict check (change_form.py, form.py; the conflict told field by
field, sources included, in conflict.py), what a save tells the
editor (saving.py), review and publish (publishing.py), the history (history.py) and
translations (translations.py). Suggested revisions have their own admin
(suggested_revisions.py)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ..models import Guide, SuggestedRevision
from .change_form import GuideChangeFormMixin
from .changelist import GuideListMixin
from .common import review_flag
from .history import GuideHistoryMixin
from .publishing import ReviewAndPublishMixin
from .saving import SaveMessagesMixin
from .suggested_revisions import SuggestedRevisionAdmin
from .translations import TranslationsMixin


@admin.register(Guide)
class GuideAdmin(
    GuideListMixin,
    GuideChangeFormMixin,
    SaveMessagesMixin,
    ReviewAndPublishMixin,
    GuideHistoryMixin,
    TranslationsMixin,
    SimpleHistoryAdmin,
):
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


admin.site.register(SuggestedRevision, SuggestedRevisionAdmin)

__all__ = ["GuideAdmin", "SuggestedRevisionAdmin", "review_flag"]

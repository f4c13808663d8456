"""A symptom-check item's history page as the guides' reads: who saved each version by full
name, in plain text (the user pages are for superusers only), what changed and why, and a
table that becomes labelled cards on a phone."""

from .changes import full_name


class HistoryInWordsMixin:
    object_history_template = "admin/triage/object_history.html"
    object_history_list_template = "admin/triage/object_history_list.html"

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        super().set_history_delta_changes(request, historical_records, foreign_keys_are_objs)
        for record in historical_records:
            record.changed_by = full_name(record.history_user)

"""Changes to the symptom check as a reviewer reads them: each item with its fields in words
and each field's change word by word; people by their full names."""

from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.diffs import word_diff

from ..publishing import FieldChange, ItemChange


def as_words(value) -> str:
    """A field's value as a reviewer reads it: lists (findings, links) joined with commas,
    yes or no for a tick."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def readable_diff(field: FieldChange) -> SafeString:
    return word_diff(as_words(field.before), as_words(field.after))


@dataclass(frozen=True)
class ReadableChange:
    change: ItemChange
    fields: list[tuple[FieldChange, SafeString]]


def readable(changes: list[ItemChange] | None) -> list[ReadableChange]:
    return [
        ReadableChange(change, [(field, readable_diff(field)) for field in change.fields])
        for change in changes or []
    ]


def full_name(user) -> str:
    """A person as the guides name them: full name, else the username."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def summary(changes: list[ItemChange] | None, *, shown: int = 3) -> str:
    """One line for the publications list: how many items changed, and the first few."""
    if changes is None:
        return _("The first publication")
    if not changes:
        return _("Nothing changed")
    names = [
        f"{change.section} {change.name} ({', '.join(f.label for f in change.fields)})"
        for change in changes[:shown]
    ]
    more = len(changes) - shown
    if more > 0:
        names.append(ngettext("and %(count)d more", "and %(count)d more", more) % {"count": more})
    count = ngettext("%(count)d change", "%(count)d changes", len(changes)) % {
        "count": len(changes)
    }
    return f"{count}: {'; '.join(names)}"

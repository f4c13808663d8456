"""The symptom check's publish flow, the same as the guides': editors change the working copy
(the rows in admin), a clinical reviewer sees what changed, previews it and publishes it. The
public check, its API and the phone's engine are built from the newest publication alone."""

import hashlib
import json
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import Publication, ReviewRequest
from .rules import published_payload, working_payload

PUBLISH_PERMISSION = "triage.publish_rules"
NOTHING_TO_PUBLISH = _("There are no changes to publish.")
PUBLISH_NEEDS_PERMISSION = _("Only a clinical reviewer can publish the symptom check.")

# What each part of the rule set is called, and the key that tells its items apart.
SECTIONS = [
    ("levels", _("Level of care"), "code"),
    ("pages", _("Page of questions"), "code"),
    ("choices", _("Single choice"), "code"),
    ("findings", _("Finding"), "code"),
    ("rules", _("Rule"), "code"),
    ("sources", _("Source"), "key"),
    ("services", _("Help service"), "key"),
]


def payload_version(payload: dict) -> str:
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: object
    after: object


@dataclass(frozen=True)
class ItemChange:
    section: str
    name: str
    status: str  # "added", "removed" or "changed"
    fields: tuple[FieldChange, ...]


def changes_between(before: dict, after: dict) -> list[ItemChange]:
    """Every item added, removed or changed from one payload to another, field by field."""
    found = []
    for section, label, key in SECTIONS:
        old = {item[key]: item for item in before.get(section, [])}
        new = {item[key]: item for item in after.get(section, [])}
        for item_key in [*old, *(k for k in new if k not in old)]:
            was, now = old.get(item_key), new.get(item_key)
            if was == now:
                continue
            name = (now or was).get("code") or (now or was).get("name") or item_key
            was, now = was or {}, now or {}
            fields = tuple(
                FieldChange(field=field, before=was.get(field), after=now.get(field))
                for field in dict.fromkeys([*was, *now])
                if field != key and was.get(field) != now.get(field)
            )
            status = "added" if not was else "removed" if not now else "changed"
            found.append(ItemChange(section=str(label), name=name, status=status, fields=fields))
    return found


def unpublished_changes() -> list[ItemChange]:
    return changes_between(published_payload(), working_payload())


def can_publish(user: AbstractBaseUser) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


@transaction.atomic
def publish(*, user: AbstractBaseUser, note: str = "") -> Publication:
    """Publishes the working copy as it stands; raises PermissionDenied for anyone without the
    publish permission and ValueError when nothing changed."""
    if not can_publish(user):
        raise PermissionDenied(PUBLISH_NEEDS_PERMISSION)
    payload = working_payload()
    if Publication.objects.exists() and payload == published_payload():
        raise ValueError(str(NOTHING_TO_PUBLISH))
    publication = Publication.objects.create(
        version=payload_version(payload), payload=payload, published_by=user, note=note.strip()
    )
    ReviewRequest.objects.all().delete()
    return publication


def request_review(*, user: AbstractBaseUser) -> ReviewRequest:
    """An editor says the changes are ready for a clinical reviewer."""
    request, _ = ReviewRequest.objects.update_or_create(pk=1, defaults={"requested_by": user})
    return request


def review_requested() -> ReviewRequest | None:
    return ReviewRequest.objects.select_related("requested_by").first()

"""The symptom check's publish flow, the same as the guides': editors change the working copy
(the rows in admin), a clinical reviewer sees what changed, previews it and publishes it. The
public check, its API and the phone's engine are built from the newest publication alone.

A reviewer publishes exactly what she read: the review page carries the version of the working
copy it showed (and, signed, what it showed), and publish() refuses any other version. Every
publication keeps the whole rule set, so it can be compared with the one before and restored as
the working copy (restore_publication), to be reviewed and published like any change."""

import hashlib
import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import transaction
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .models import (
    Choice,
    Finding,
    HelpService,
    Level,
    Page,
    Publication,
    ReviewRequest,
    Rule,
    Source,
)
from .rules import published_payload, working_payload

PUBLISH_PERMISSION = "triage.publish_rules"
NOTHING_TO_PUBLISH = _("There are no changes to publish.")
PUBLISH_NEEDS_PERMISSION = _("Only a clinical reviewer can publish the symptom check.")
CHANGES_MOVED_ON = _("The changes have moved on since you opened this page: nothing was published.")

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
SECTION_MODELS = {
    "levels": Level,
    "pages": Page,
    "choices": Choice,
    "findings": Finding,
    "rules": Rule,
    "sources": Source,
    "services": HelpService,
}
# Payload fields named otherwise than the model's field.
PAYLOAD_FIELDS = {"group": "page"}


def payload_version(payload: dict) -> str:
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def field_label(section: str, field: str) -> str:
    """A payload field in words, as the admin labels it: "reason", not `text`."""
    model = SECTION_MODELS.get(section)
    try:
        name = PAYLOAD_FIELDS.get(field, field)
        return str(capfirst(model._meta.get_field(name).verbose_name))
    except (AttributeError, FieldDoesNotExist):
        return capfirst(field.replace("_", " "))


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: object
    after: object
    label: str = ""  # the field in words


@dataclass(frozen=True)
class ItemChange:
    section: str
    name: str
    status: str  # "added", "removed" or "changed"
    fields: tuple[FieldChange, ...]
    section_code: str = ""  # "rules", "services": the payload's section
    key: str = ""  # its code, or its key for sources and services


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
                FieldChange(
                    field=field,
                    before=was.get(field),
                    after=now.get(field),
                    label=field_label(section, field),
                )
                for field in dict.fromkeys([*was, *now])
                if field != key and was.get(field) != now.get(field)
            )
            status = "added" if not was else "removed" if not now else "changed"
            found.append(
                ItemChange(
                    section=str(label),
                    name=name,
                    status=status,
                    fields=fields,
                    section_code=section,
                    key=item_key,
                )
            )
    return found


def unpublished_changes() -> list[ItemChange]:
    return changes_between(published_payload(), working_payload())


def can_publish(user: AbstractBaseUser) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


class ChangesMovedOnError(Exception):
    """publish() was told which working copy the reviewer read, and it has changed since."""

    def __init__(self, *, expected: str, current: str):
        self.expected, self.current = expected, current
        super().__init__(str(CHANGES_MOVED_ON))


@transaction.atomic
def publish(
    *, user: AbstractBaseUser, note: str = "", expected_version: str | None = None
) -> Publication:
    """Publishes the working copy; raises PermissionDenied for anyone without the publish
    permission and ValueError when nothing changed.

    `expected_version` is the payload_version of the working copy the reviewer read (the review
    page carries it): if the working copy now has another version, nothing is published and
    ChangesMovedOnError is raised. A script or a migration that publishes what it just computed
    passes its version, or None for "the working copy as it stands"."""
    if not can_publish(user):
        raise PermissionDenied(PUBLISH_NEEDS_PERMISSION)
    payload = working_payload()
    version = payload_version(payload)
    if expected_version is not None and expected_version != version:
        raise ChangesMovedOnError(expected=expected_version, current=version)
    if Publication.objects.exists() and payload == published_payload():
        raise ValueError(str(NOTHING_TO_PUBLISH))
    publication = Publication.objects.create(
        version=version, payload=payload, published_by=user, note=note.strip()
    )
    ReviewRequest.objects.all().delete()
    return publication


def request_review(*, user: AbstractBaseUser) -> ReviewRequest:
    """An editor says the changes are ready for a clinical reviewer."""
    request, _ = ReviewRequest.objects.update_or_create(pk=1, defaults={"requested_by": user})
    return request


def review_requested() -> ReviewRequest | None:
    return ReviewRequest.objects.select_related("requested_by").first()


# What a review page showed --------------------------------------------------------------------

SHOWN_SALT = "triage.publishing.shown"


@dataclass(frozen=True)
class Review:
    """The working copy a review page showed, compared with the publication it showed it
    against: `version` goes in the form, `shown` (signed) lets a refused publish say what
    changed since."""

    working: dict
    published: dict
    version: str
    shown: str

    @property
    def changes(self) -> list[ItemChange]:
        return changes_between(self.published, self.working)


def differing_items(before: dict, after: dict) -> dict:
    """The items of `after` that differ from `before`, by section and key (None: removed)."""
    items = {}
    for section, _label, key in SECTIONS:
        old = {item[key]: item for item in before.get(section, [])}
        new = {item[key]: item for item in after.get(section, [])}
        differ = {k: v for k, v in new.items() if old.get(k) != v}
        differ.update({k: None for k in old if k not in new})
        if differ:
            items[section] = differ
    return items


def with_items(payload: dict, items: dict) -> dict:
    """`payload` with the differing items of differing_items() put back."""
    result = dict(payload)
    for section, _label, key in SECTIONS:
        if section not in items:
            continue
        rows = {item[key]: item for item in payload.get(section, [])}
        for item_key, item in items[section].items():
            if item is None:
                rows.pop(item_key, None)
            else:
                rows[item_key] = item
        result[section] = list(rows.values())
    return result


def current_review() -> Review:
    published, working = published_payload(), working_payload()
    version = payload_version(working)
    shown = signing.dumps(
        {
            "version": version,
            "published": payload_version(published),
            "opened": time.time(),
            "items": differing_items(published, working),
        },
        salt=SHOWN_SALT,
        compress=True,
    )
    return Review(working=working, published=published, version=version, shown=shown)


@dataclass(frozen=True)
class Seen:
    """What a review page showed, read back from its form."""

    working: dict
    opened: datetime


def what_was_shown(shown: str, version: str) -> Seen | None:
    """The working copy a review page showed, from its signed `shown` field, if it is one the
    server made for this version and the publication it was compared with is kept."""
    try:
        data = signing.loads(shown, salt=SHOWN_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("version") != version:
        return None
    publications = Publication.objects.filter(version=data.get("published")).latest_first()
    base = publications.values_list("payload", flat=True).first() or published_payload()
    if payload_version(base) != data.get("published"):
        return None
    opened = datetime.fromtimestamp(float(data.get("opened", 0)), tz=UTC)
    return Seen(working=with_items(base, data.get("items", {})), opened=opened)


def saved_since(when: datetime) -> list[tuple[AbstractBaseUser | None, datetime]]:
    """Who saved a part of the rule set after `when`, and when they last did, newest first."""
    latest = {}
    for model in SECTION_MODELS.values():
        records = model.history.filter(history_date__gt=when).select_related("history_user")
        for record in records.order_by("history_date"):
            latest[record.history_user_id] = (record.history_user, record.history_date)
    return sorted(latest.values(), key=lambda pair: pair[1], reverse=True)


# The publications, one after another ---------------------------------------------------------


def previous_publication(publication: Publication) -> Publication | None:
    earlier = Publication.objects.latest_first().filter(published_at__lte=publication.published_at)
    return (
        earlier.exclude(pk=publication.pk)
        .exclude(published_at=publication.published_at, pk__gt=publication.pk)
        .first()
    )


def publication_changes(publication: Publication) -> list[ItemChange] | None:
    """What this publication changed from the one before (None for the first)."""
    previous = previous_publication(publication)
    if previous is None:
        return None
    return changes_between(previous.payload, publication.payload)


# Restoring a publication as the working copy -------------------------------------------------

# Rows are restored in this order, so what a row names is there first.
RESTORE_ORDER = ("levels", "pages", "sources", "findings", "choices", "rules", "services")
# The clinical specification fixes these: never changed here, and a missing row is not re-made.
FIXED_FIELDS = {"levels": {"order", "kind"}, "pages": {"order"}}
FIXED_SECTIONS = {"levels", "pages", "choices"}
# Changes that need the clinical permission (services.py; confirming a source is a clinician's).
CLINICAL_FIELDS = {
    "findings": {"group", "choice", "develops"},
    "rules": {"level", "all_of", "any_of"},
    "choices": {"group", "not_sure"},
    "sources": {"confirmed"},
}
# Payload fields that name other rows: (the model's field, the section of those rows, many).
RELATIONS = {
    ("choices", "group"): ("page", "pages", False),
    ("findings", "group"): ("page", "pages", False),
    ("findings", "choice"): ("choice", "choices", False),
    ("rules", "level"): ("level", "levels", False),
    ("rules", "all_of"): ("all_of", "findings", True),
    ("rules", "any_of"): ("any_of", "findings", True),
    ("rules", "sources"): ("sources", "sources", True),
    ("services", "levels"): ("levels", "levels", True),
    ("services", "rules"): ("rules", "rules", True),
    ("services", "findings"): ("findings", "findings", True),
    ("levels", "guides"): ("guides", "guides", True),
}
CANNOT_RESTORE = _(
    "This publication was made by an earlier version of the symptom check: it cannot be "
    "restored here. Its rules can still be read."
)
RESTORE_NEEDS_CLINICAL_PERMISSION = _(
    "Restoring this publication makes a clinical change (what a rule leads to or needs, where "
    "an answer is asked, a source's confirmation, or an answer or rule put back). Ask a "
    "clinical reviewer."
)
RESTORE_NEEDS_PERMISSION = _("You cannot change every part of the check this restore changes.")


@dataclass(frozen=True)
class Restored:
    """What a restore did, by item name ("Rule fever")."""

    set_back: list[str]
    recreated: list[str]
    added_since: list[str]  # rows the publication did not have: left as they are
    not_restored: list[str]  # rows the specification fixes, gone since: not re-made here


def can_be_restored(publication: Publication) -> bool:
    """Whether a publication holds every section of today's rule set, each item by its key."""
    payload = publication.payload
    return all(
        isinstance(payload.get(section), list)
        and all(isinstance(item, dict) and key in item for item in payload[section])
        for section, _label, key in SECTIONS
    )


def item_name(change: ItemChange) -> str:
    return f"{change.section} {change.name}"


def restore_refusal(user: AbstractBaseUser, changes: list[ItemChange]) -> str | None:
    """Why this person may not make these changes (None: they may)."""
    from .services import can_make_clinical_changes

    for change in changes:
        if change.status == "removed":
            continue  # added since the publication: left as it is
        model_name = SECTION_MODELS[change.section_code]._meta.model_name
        action = "add" if change.status == "added" else "change"
        if not user.has_perm(f"triage.{action}_{model_name}"):
            return str(RESTORE_NEEDS_PERMISSION)
        clinical = CLINICAL_FIELDS.get(change.section_code, set())
        if (
            (change.status == "added" and change.section_code in ("findings", "rules"))
            or any(field.field in clinical for field in change.fields)
        ) and not can_make_clinical_changes(user):
            return str(RESTORE_NEEDS_CLINICAL_PERMISSION)
    return None


def related_rows(section: str, codes: list[str], rows: dict) -> list:
    from django.core.exceptions import ValidationError

    missing = [code for code in codes if code not in rows[section]]
    if missing:
        raise ValidationError(
            _("It names %(items)s, which no longer exist.") % {"items": ", ".join(missing)}
        )
    return [rows[section][code] for code in codes]


def set_field(obj, section: str, field: str, value, rows: dict):
    """Sets one payload field on a row; returns (name, rows) for a many-to-many field."""
    if field in FIXED_FIELDS.get(section, ()):
        return None
    relation = RELATIONS.get((section, field))
    if relation is not None:
        name, target, many = relation
        if many:
            return name, related_rows(target, list(value or []), rows)
        setattr(obj, name, related_rows(target, [value], rows)[0] if value else None)
        return None
    try:
        model_field = obj._meta.get_field(field)
    except FieldDoesNotExist:
        return None  # a field this version of the check no longer has
    if not model_field.concrete or model_field.primary_key:
        return None
    if field == "checked_on" and isinstance(value, str):
        value = datetime.fromisoformat(value).date()
    setattr(obj, field, value)
    return None


def save_restored(obj, *, new: bool, many: list, user, reason: str) -> None:
    """Saves a restored row with one history record: the row as restored, named and explained."""
    if new:
        obj.save_without_historical_record()
    obj.skip_history_when_saving = True
    try:
        for name, values in many:
            getattr(obj, name).set(values)
    finally:
        del obj.skip_history_when_saving
    if user.is_authenticated:
        obj._history_user = user
    obj._change_reason = reason[:100]
    obj.save()


def all_rows() -> dict:
    from guides.models import ENGLISH, Guide

    rows = {
        section: {getattr(obj, key): obj for obj in SECTION_MODELS[section].objects.all()}
        for section, _label, key in SECTIONS
    }
    rows["guides"] = {guide.slug: guide for guide in Guide.objects.filter(language=ENGLISH)}
    return rows


@transaction.atomic
def restore_publication(
    *, publication: Publication, user: AbstractBaseUser, reason: str = ""
) -> Restored:
    """Sets the working copy back to a publication: rows in both get the publication's values,
    answers, rules, sources and services deleted since are made again, and rows added since are
    left as they are. Each row changed gets one history record naming the person and the
    publication. Nothing is public until a clinical reviewer publishes it. Raises
    PermissionDenied for a change the person may not make and ValidationError (and changes
    nothing) when a row would not be valid."""
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    if not can_be_restored(publication):
        raise ValidationError(str(CANNOT_RESTORE))
    changes = changes_between(working_payload(), publication.payload)
    refusal = restore_refusal(user, changes)
    if refusal:
        raise PermissionDenied(refusal)
    when = timezone.localtime(publication.published_at).strftime("%Y-%m-%d %H:%M")
    why = _("Restored from the publication of %(when)s") % {"when": when}
    why = f"{why}: {reason.strip()}" if reason.strip() else str(why)
    rows, problems, touched = all_rows(), [], []
    done = Restored(set_back=[], recreated=[], added_since=[], not_restored=[])
    by_section = {section: [c for c in changes if c.section_code == section] for section in rows}
    for section in RESTORE_ORDER:
        key = next(key for name, _label, key in SECTIONS if name == section)
        wanted = {item[key]: item for item in publication.payload[section]}
        for change in by_section[section]:
            if change.status == "removed":
                done.added_since.append(item_name(change))
                continue
            obj = rows[section].get(change.key)
            new = obj is None
            if new and section in FIXED_SECTIONS:
                done.not_restored.append(item_name(change))
                continue
            obj = SECTION_MODELS[section](**{key: change.key}) if new else obj
            fields = wanted[change.key] if new else {f.field: f.after for f in change.fields}
            try:
                many = [
                    relation
                    for field, value in fields.items()
                    if field != key
                    and (relation := set_field(obj, section, field, value, rows)) is not None
                ]
            except ValidationError as error:
                problems.append(f"{item_name(change)}: {' '.join(error.messages)}")
                continue
            save_restored(obj, new=new, many=many, user=user, reason=why)
            rows[section][change.key] = obj
            touched.append((change, obj))
            (done.recreated if new else done.set_back).append(item_name(change))
    for change, obj in touched:
        try:
            obj.full_clean()
        except ValidationError as error:
            problems.append(f"{item_name(change)}: {' '.join(error.messages)}")
    if problems:
        raise ValidationError(problems)
    return done

"""Changes to the triage rules go through these functions, so the admin and any script apply
the same guard: a change to what the check tells people (adding or removing a finding, or
moving it to another level or page) needs the clinical permission; wording does not."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction

from . import errors
from .models import Finding

CLINICAL_PERMISSION = "triage.change_finding_level"
CLINICAL_FIELDS = ("level_id", "group_id")


def can_make_clinical_changes(user: AbstractBaseUser | AnonymousUser) -> bool:
    return user.has_perm(CLINICAL_PERMISSION)


def is_clinical_change(finding: Finding) -> bool:
    """True for a new finding, or one whose level or page differs from the stored one."""
    if finding.pk is None:
        return True
    stored = Finding.objects.filter(pk=finding.pk).values(*CLINICAL_FIELDS).first()
    if stored is None:
        return True
    return any(stored[field] != getattr(finding, field) for field in CLINICAL_FIELDS)


@transaction.atomic
def save_finding(*, finding: Finding, user: AbstractBaseUser | AnonymousUser) -> Finding:
    if is_clinical_change(finding) and not can_make_clinical_changes(user):
        raise PermissionDenied(errors.CLINICAL_CHANGE_NEEDS_PERMISSION)
    finding.full_clean()
    finding.save()
    return finding


@transaction.atomic
def delete_finding(*, finding: Finding, user: AbstractBaseUser | AnonymousUser) -> None:
    # Removing a rule can only lower someone's result, so it is a clinical change too.
    if not can_make_clinical_changes(user):
        raise PermissionDenied(errors.CLINICAL_CHANGE_NEEDS_PERMISSION)
    finding.delete()

"""Changes to the triage rules go through these functions, so the admin and any script apply
the same guard: a change to what the check tells people (adding or removing a finding or a
rule, changing a rule's level, setting or findings, or moving a finding to another page) needs
the clinical permission; wording does not."""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from . import errors
from .models import Finding, Rule

CLINICAL_PERMISSION = "triage.change_finding_level"
CLINICAL_FINDING_FIELDS = ("page_id",)
CLINICAL_RULE_FIELDS = ("level_id", "setting")

User = AbstractBaseUser | AnonymousUser


def can_make_clinical_changes(user: User) -> bool:
    return user.has_perm(CLINICAL_PERMISSION)


def require_clinical_permission(user: User) -> None:
    if not can_make_clinical_changes(user):
        raise PermissionDenied(errors.CLINICAL_CHANGE_NEEDS_PERMISSION)


def differs_from_stored(instance: models.Model, fields: tuple[str, ...]) -> bool:
    """True for a new row, or one whose given fields differ from the stored row."""
    if instance.pk is None:
        return True
    stored = type(instance).objects.filter(pk=instance.pk).values(*fields).first()
    if stored is None:
        return True
    return any(stored[field] != getattr(instance, field) for field in fields)


def is_clinical_change(finding: Finding) -> bool:
    return differs_from_stored(finding, CLINICAL_FINDING_FIELDS)


def is_clinical_rule_change(rule: Rule, findings: Iterable[Finding] | None) -> bool:
    """A new rule, another level or setting, or another set of findings."""
    if differs_from_stored(rule, CLINICAL_RULE_FIELDS):
        return True
    if findings is None:
        return False
    stored = set(rule.findings.values_list("pk", flat=True))
    return stored != {finding.pk for finding in findings}


def record_editor(instance: models.Model, user: User) -> None:
    """History names who made a change, from a script as well as from the admin."""
    if user.is_authenticated:
        instance._history_user = user


@transaction.atomic
def save_finding(*, finding: Finding, user: User) -> Finding:
    if is_clinical_change(finding):
        require_clinical_permission(user)
    finding.full_clean()
    record_editor(finding, user)
    finding.save()
    return finding


@transaction.atomic
def delete_finding(*, finding: Finding, user: User) -> None:
    # Removing an answer removes the rules that need it: it can only lower someone's result.
    require_clinical_permission(user)
    for rule in finding.rules.all():
        rule.delete()
    finding.delete()


@transaction.atomic
def save_rule(*, rule: Rule, findings: Iterable[Finding] | None, user: User) -> Rule:
    """Saves a rule and, when `findings` is given, sets them (a rule needs at least one)."""
    findings = list(findings) if findings is not None else None
    if is_clinical_rule_change(rule, findings):
        require_clinical_permission(user)
    if findings is not None and not findings:
        raise ValidationError({"findings": errors.RULE_NEEDS_A_FINDING})
    rule.full_clean()
    record_editor(rule, user)
    rule.save()
    if findings is not None:
        rule.findings.set(findings)
    return rule


@transaction.atomic
def delete_rule(*, rule: Rule, user: User) -> None:
    require_clinical_permission(user)
    rule.delete()

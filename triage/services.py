"""Changes to the triage rules go through these functions, so the admin and any script apply
the same guard: a change to what the check tells people (adding or removing a finding or a
rule, changing a rule's level or the answers it needs, or moving a finding to another page or
single choice) needs the clinical permission; wording does not."""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from . import errors
from .models import Finding, Rule

CLINICAL_PERMISSION = "triage.change_finding_level"
CLINICAL_FINDING_FIELDS = ("page_id", "choice_id", "develops")
CLINICAL_RULE_FIELDS = ("level_id",)

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


def is_clinical_rule_change(
    rule: Rule, all_of: list[Finding] | None, any_of: list[Finding] | None
) -> bool:
    """A new rule, another level, or other answers needed."""
    if differs_from_stored(rule, CLINICAL_RULE_FIELDS):
        return True
    return any(
        given is not None
        and set(getattr(rule, name).values_list("pk", flat=True)) != {f.pk for f in given}
        for name, given in (("all_of", all_of), ("any_of", any_of))
    )


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
    for rule in finding.rules_any.all():
        rule.any_of.remove(finding)
        if not rule.any_of.exists():
            rule.delete()  # with no option left it would match on all_of alone: wider
    finding.delete()


@transaction.atomic
def save_rule(
    *,
    rule: Rule,
    all_of: Iterable[Finding] | None = None,
    any_of: Iterable[Finding] | None = None,
    user: User,
) -> Rule:
    """Saves a rule and sets the answers it needs when they are given (at least one in all)."""
    all_of = list(all_of) if all_of is not None else None
    any_of = list(any_of) if any_of is not None else None
    if is_clinical_rule_change(rule, all_of, any_of):
        require_clinical_permission(user)
    if all_of is not None and any_of is not None and not all_of and not any_of:
        raise ValidationError({"all_of": errors.RULE_NEEDS_A_FINDING})
    rule.full_clean()
    record_editor(rule, user)
    rule.save()
    if all_of is not None:
        rule.all_of.set(all_of)
    if any_of is not None:
        rule.any_of.set(any_of)
    return rule


@transaction.atomic
def delete_rule(*, rule: Rule, user: User) -> None:
    require_clinical_permission(user)
    rule.delete()

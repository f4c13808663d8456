"""The guides' part of the site's content version (core.versioning), registered in apps.py."""

from django.db.models import Count, Max

from .models import Guide


def guides_version() -> str:
    state = Guide.objects.aggregate(count=Count("id"), changed=Max("updated_at"))
    return f"{state['count']}:{state['changed'].isoformat() if state['changed'] else '-'}"


def newest_change() -> int:
    """When a guide last changed, in whole seconds (HTTP dates have no fractions)."""
    changed = Guide.objects.aggregate(changed=Max("updated_at"))["changed"]
    return int(changed.timestamp()) if changed else 0

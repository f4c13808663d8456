"""The guides' part of the site's content version (core.versioning), registered in apps.py."""

from django.db.models import Count, Max

from .models import Guide


def guides_version() -> str:
    """Moves on publish and unpublish only, never on a draft save (issue 19): the public sees
    published guides alone, so page caches, ETags and the phone's saved copy follow them."""
    state = Guide.objects.filter(published_at__isnull=False).aggregate(
        count=Count("id"), changed=Max("published_at")
    )
    return f"{state['count']}:{state['changed'].isoformat() if state['changed'] else '-'}"


def newest_change() -> int:
    """When a guide was last published, in whole seconds (HTTP dates have no fractions)."""
    changed = Guide.objects.aggregate(changed=Max("published_at"))["changed"]
    return int(changed.timestamp()) if changed else 0

"""One version string for everything a visitor's phone may hold: it changes whenever published
content, review dates or the triage rules change. Page caches, ETags and the service worker key
on it, so an edit published on any server reaches every cache and installed phone."""

import hashlib

from django.db.models import Count, Max

from guides.models import Guide
from triage.rules import rule_set_version


def guides_version() -> str:
    state = Guide.objects.aggregate(count=Count("id"), changed=Max("updated_at"))
    return f"{state['count']}:{state['changed'].isoformat() if state['changed'] else '-'}"


def content_version() -> str:
    parts = [guides_version(), rule_set_version()]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]

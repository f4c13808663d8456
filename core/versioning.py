"""One version string for everything a visitor's phone may hold: it changes whenever published
content, review dates or the triage rules change. Page caches, ETags and the service worker key
on it, so an edit published on any server reaches every cache and installed phone.

core knows no app: each app that shows content registers its part here from its AppConfig's
ready(), saying how to read its version, when it last changed and what the process must forget
when something is saved. A new app plugs in without an edit to core."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass


def _never() -> int:
    return 0


def _nothing() -> None:
    return None


@dataclass(frozen=True)
class ContentPart:
    version: Callable[[], str]  # a short string that changes with what the public sees
    changed_at: Callable[[], int] = _never  # its newest change, seconds since the epoch
    forget: Callable[[], None] = _nothing  # drops what this process remembers of it


_parts: dict[str, ContentPart] = {}


def register(name: str, part: ContentPart) -> None:
    """Adds (or, for a name already known, replaces) a part of the content version. Parts count
    in the order they are registered: INSTALLED_APPS' order, the same on every server."""
    _parts[name] = part


def content_version() -> str:
    parts = [part.version() for part in _parts.values()]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def newest_change() -> int:
    """When any part last changed (0 when none says), in whole seconds."""
    return max((part.changed_at() for part in _parts.values()), default=0)


def forget_content() -> None:
    """Forgets whatever a part remembers in this process, so its next read is fresh."""
    for part in _parts.values():
        part.forget()

"""What is waiting for a clinical reviewer, across apps: each app registers a provider of its
drafts (in its AppConfig.ready()), and the admin home page lists them all. Imports no app."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

__all__ = ["WaitingItem", "register", "waiting"]


@dataclass(frozen=True)
class WaitingItem:
    kind: str  # what it is, in words: "Guide", "Symptom check wording", ...
    title: str
    url: str  # where a reviewer opens it (an admin change page)
    changed_by: str  # who changed it last, as a name; "" when unknown
    changed_at: datetime
    ready_for_review: bool  # an editor has said the draft is finished


Provider = Callable[[], Iterable[WaitingItem]]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    """Add a provider (usable as a decorator). Registering the same one twice adds it once."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def waiting() -> list[WaitingItem]:
    """Every provider's items, the most recent change first."""
    items = [item for provider in _providers for item in provider()]
    return sorted(items, key=lambda item: item.changed_at, reverse=True)

import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls that tests make
# around it are still synchronous, so Django's async-safety guard must stand aside.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def make_guide(db):
    """A published guide with one source; override any field."""
    from datetime import date

    from guides.models import Guide, Source
    from guides.services import publish_guide

    counter = iter(range(10_000))

    def make(*, publish=True, sources=1, **overrides):
        number = next(counter)
        fields = {
            "title": f"Test guide {number}",
            "slug": f"test-guide-{number}",
            "summary": "A short test summary.",
            "body": "## Heading\n\nSome body text.",
            "order": 100 + number,
            "last_reviewed": date(2026, 1, 1),
            "next_review_due": date(2099, 1, 1),
            "reviewed_by": "Dr Test",
            **overrides,
        }
        guide = Guide.objects.create(**fields)
        for index in range(sources):
            Source.objects.create(
                guide=guide,
                title=f"Source {index}",
                publisher="NHS",
                url=f"https://www.nhs.uk/example-{index}/",
                order=index,
            )
        if publish:
            publish_guide(guide=guide)
        return guide

    return make


@pytest.fixture
def make_staff_user(db):
    """A staff user, optionally in one of the editorial groups made by the roles migration."""
    from django.contrib.auth.models import Group, User

    def make(username, *, group=None, **fields):
        user = User.objects.create_user(
            username=username, password=make.password, is_staff=True, **fields
        )
        if group:
            user.groups.add(Group.objects.get(name=group))
        return user

    make.password = "a long staff passphrase 42"
    return make

import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls that tests make
# around it are still synchronous, so Django's async-safety guard must stand aside.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    """A test marked on_database("postgresql") belongs to the suite's run on PostgreSQL, one
    marked on_database("sqlite") to its run on SQLite: the other run leaves it out (deselected,
    not skipped), and CI runs both, so every test runs once."""
    from django.db import connection

    here, kept, left_out = connection.vendor, [], []
    for item in items:
        marker = item.get_closest_marker("on_database")
        (left_out if marker and marker.args[0] != here else kept).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Public pages are cached per content version in the process's memory; every test starts
    with none, so a page stored by an earlier test (perhaps under other settings) never shows."""
    from django.core.cache import cache

    from core.caching import forget_version

    cache.clear()
    forget_version()


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


CONTENT_APPS = ("guides", "triage")


@pytest.fixture(scope="session")
def launch_content(django_db_setup, django_db_blocker):
    """What the migrations put in a fresh database (launch guides, triage rules, editor roles),
    serialised once, so live-server tests can put it back after each flush.

    Django's serialized rollback cannot be used: Playwright's sync API switches the context that
    Django's connection handler is keyed on, so the copy Django keeps on the connection is out of
    reach once the browser has started. Roles refer to permissions by natural key, because a
    flush recreates permissions with new ids."""
    from django.apps import apps
    from django.contrib.auth.models import Group
    from django.core import serializers

    def objects():
        for app_label in CONTENT_APPS:
            for model in apps.get_app_config(app_label).get_models():
                yield from model._default_manager.all()
        yield from Group.objects.all()

    with django_db_blocker.unblock():
        return serializers.serialize("json", objects(), use_natural_foreign_keys=True)


@pytest.fixture
def site(launch_content, live_server):
    """The base URL of a live server whose database holds the launch content."""
    from django.core import serializers
    from django.db import transaction

    with transaction.atomic():
        for deserialised in serializers.deserialize("json", launch_content):
            deserialised.save()
    return live_server.url


@pytest.fixture(scope="session", autouse=True)
def _capture_launch_content(request):
    """Serialise the migrated content before any test can flush it (see tests/browser)."""
    if any(item.get_closest_marker("browser") for item in request.session.items):
        request.getfixturevalue("launch_content")


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


@pytest.fixture
def publish_rules(db):
    """Publishes the symptom check's working copy as a clinical reviewer would: until then, an
    edit reaches no one (triage/publishing.py)."""
    from django.contrib.auth.models import Group, User

    from triage.publishing import publish

    reviewer = User.objects.create_user(username="publishing-reviewer", is_staff=True)
    reviewer.groups.add(Group.objects.get(name="Clinical reviewer"))

    def publish_now():
        return publish(user=User.objects.get(pk=reviewer.pk), note="test")

    return publish_now


@pytest.fixture
def close_response():
    """Closes a streamed test-client response (a static file) without closing the test's
    database connection: closing sends request_finished, whose handler would close it, so it is
    muted the way the test client mutes it while serving a request."""
    from django.core.signals import request_finished
    from django.db import close_old_connections

    def close(response):
        request_finished.disconnect(close_old_connections)
        try:
            response.close()
        finally:
            request_finished.connect(close_old_connections)

    return close

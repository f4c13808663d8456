import pytest


@pytest.fixture
def editor(make_staff_user):
    return make_staff_user("edna", group="Editor", first_name="Edna", last_name="Okafor")


@pytest.fixture
def reviewer(make_staff_user):
    return make_staff_user("rita", group="Clinical reviewer", first_name="Rita", last_name="Rivera")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


@pytest.fixture
def change_form_data():
    """POST data for the guide change form, as the admin page would send it."""

    def data(guide, **overrides):
        sources = list(guide.sources.all())
        fields = {
            "title": guide.title,
            "slug": guide.slug,
            "summary": guide.summary,
            "body": guide.body,
            "order": guide.order,
            "last_reviewed": guide.last_reviewed.isoformat() if guide.last_reviewed else "",
            "next_review_due": guide.next_review_due.isoformat(),
            "reviewed_by": guide.reviewed_by,
            "version_seen": guide.version,  # as the page was opened
            "sources-TOTAL_FORMS": len(sources),
            "sources-INITIAL_FORMS": len(sources),
            "sources-MIN_NUM_FORMS": 0,
            "sources-MAX_NUM_FORMS": 1000,
        }
        for index, source in enumerate(sources):
            fields.update(
                {
                    f"sources-{index}-id": source.pk,
                    f"sources-{index}-guide": guide.pk,
                    f"sources-{index}-title": source.title,
                    f"sources-{index}-publisher": source.publisher,
                    f"sources-{index}-url": source.url,
                    f"sources-{index}-language": source.language,
                    f"sources-{index}-order": source.order,
                }
            )
        fields.update(overrides)
        return fields

    return data

import pytest

pytestmark = pytest.mark.django_db


def test_guide_list_returns_published_guides_with_the_documented_fields(client, make_guide):
    make_guide(publish=False, title="Draft only")
    response = client.get("/api/v1/guides/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    guides = response.json()
    slugs = [guide["slug"] for guide in guides]
    assert "treatment" in slugs
    assert all(guide["title"] != "Draft only" for guide in guides)
    assert set(guides[0]) == {
        "slug",
        "language",
        "title",
        "summary",
        "html",
        "last_reviewed",
        "next_review_due",
        "reviewed_by",
        "sources",
        "url",
    }


def test_guide_detail_returns_the_published_snapshot(client, make_guide):
    guide = make_guide(title="Published title", body="Published body")
    guide.title = "Unpublished edit"
    guide.save()
    data = client.get(f"/api/v1/guides/{guide.slug}/").json()
    assert data["title"] == "Published title"
    assert "Published body" in data["html"]
    assert data["url"] == f"http://testserver/guides/{guide.slug}/"
    assert data["sources"][0] == {
        "title": "Source 0",
        "publisher": "NHS",
        "url": "https://www.nhs.uk/example-0/",
    }


def test_a_draft_is_not_in_the_api(client, make_guide):
    draft = make_guide(publish=False)
    assert client.get(f"/api/v1/guides/{draft.slug}/").status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_guides_api_is_read_only(client, method):
    response = getattr(client, method)("/api/v1/guides/", data={}, content_type="application/json")
    assert response.status_code == 405


def test_the_api_sets_no_cookie_and_offers_no_browsable_html(client):
    response = client.get("/api/v1/guides/", HTTP_ACCEPT="text/html")
    assert response.cookies == {}
    assert response.status_code in {200, 406}
    if response.status_code == 200:
        assert response["Content-Type"] == "application/json"


def test_schema_documents_the_guide_endpoints(client):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert "/api/v1/guides/" in schema["paths"]
    assert "/api/v1/guides/{slug}/" in schema["paths"]
    assert set(schema["paths"]["/api/v1/guides/"]) == {"get"}


def test_a_clients_indent_request_does_not_shape_the_shared_answer(client, make_guide):
    make_guide()
    asked = client.get("/api/v1/guides/", headers={"accept": "application/json; indent=8"})
    assert asked.status_code == 200
    assert b"\n" not in asked.content
    assert client.get("/api/v1/guides/").content == asked.content

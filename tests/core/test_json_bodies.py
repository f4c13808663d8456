"""Every endpoint that reads a JSON body answers a bad body with a 400, however it is bad."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.views import APIView

pytestmark = pytest.mark.django_db


def json_endpoints(patterns=None, prefix=""):
    """The URL of every API view that takes a POST body, found from the URL configuration."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            yield from json_endpoints(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            view = getattr(entry.callback, "view_class", None)
            if view and issubclass(view, APIView) and hasattr(view, "post"):
                yield "/" + prefix + str(entry.pattern)


ENDPOINTS = sorted(json_endpoints())


def test_the_json_endpoints_are_found():
    assert reverse("api:triage-assess") in ENDPOINTS


@pytest.mark.parametrize("url", ENDPOINTS)
@pytest.mark.parametrize("depth", [1_000, 3_000])
def test_deeply_nested_json_is_a_400_not_a_500(client, url, depth):
    body = '{"findings": ' + "[" * depth + "]" * depth + "}"
    assert len(body) < 8 * 1024  # under the size limit: this is about nesting, not length
    response = client.post(url, data=body, content_type="application/json")
    assert response.status_code == 400
    assert "nested too deeply" in response.json()["detail"]

"""Issue 18: translators see the Spanish glossary from the forms they write Spanish in."""

import pytest

from triage.models import Finding

pytestmark = pytest.mark.django_db


def test_a_translator_opens_the_glossary_from_a_triage_form(client, make_staff_user):
    client.force_login(make_staff_user("tina", group="Editor"))
    finding = Finding.objects.get(code="dark_stool")
    form = client.get(f"/admin/triage/finding/{finding.pk}/change/").content.decode()
    assert 'href="/admin/spanish-glossary/"' in form

    page = client.get("/admin/spanish-glossary/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<table>" in html
    assert "sala de emergencias" in html
    assert "trasero" in html  # the forms never to use are there too


def test_the_glossary_is_for_staff_only(client):
    response = client.get("/admin/spanish-glossary/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]

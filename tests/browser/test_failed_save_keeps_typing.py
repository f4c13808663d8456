"""Issue 19, finding 7: a save that fails keeps what the editor typed.

The audit saw a save answered by the 503 page (the database refused writes) delete the copy of
the form kept in the tab, so the text was gone. Here the live server's SQLite file really
refuses writes while Edna saves; when she opens the guide again, her text is back, with a notice
that it was not saved, and it saves once the database is back."""

from pathlib import Path

import pytest
from django.db import connection
from playwright.sync_api import expect

from guides.models import Guide

from ..core.held import read_only_file
from .test_editors_two_people import change_form, save

pytestmark = pytest.mark.browser


def test_a_save_answered_by_the_503_page_keeps_the_typed_text(site, people):
    edna = people["edna"]
    guide = Guide.objects.get(slug="prevention")
    edna.goto(change_form(site, guide))
    typed = edna.locator("#id_body").input_value() + "\n\nEdna's paragraph, typed in an outage."
    edna.fill("#id_body", typed)

    with read_only_file(Path(connection.settings_dict["NAME"])):
        save(edna, "_continue")
        expect(edna.locator("h1")).to_contain_text("not available right now")
        expect(edna.locator("body")).to_contain_text("nothing was saved")

    # The database takes writes again; Edna opens the guide from the admin.
    edna.goto(change_form(site, guide))
    expect(edna.locator("#staff-restored-notice")).to_contain_text(
        "Your last save did not go through"
    )
    expect(edna.locator("#id_body")).to_have_value(typed)
    expect(edna.locator(".messagelist")).to_have_count(0)  # no "Draft saved." from the failure
    assert "typed in an outage" not in Guide.objects.get(pk=guide.pk).body

    save(edna, "_continue")
    expect(edna.locator(".messagelist")).to_contain_text("Draft saved.")
    assert "typed in an outage" in Guide.objects.get(pk=guide.pk).body

    # Saved: the tab keeps no copy, so nothing is given back later.
    assert edna.evaluate("() => Object.keys(sessionStorage).length") == 0

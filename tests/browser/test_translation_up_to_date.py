"""Issue 20 (editors, round 2), failure 7, in Chromium: a translator opens an out-of-date Spanish
guide, reads on its page what changed in English since she last brought it up to date, says her
save brings it up to date, and the guide list no longer flags it."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from guides.models import SPANISH, Guide
from guides.services import publish_guide

from .test_editors_two_people import change_form, save

pytestmark = pytest.mark.browser

NEW_ENGLISH_WORDS = "Use plenty of lubricant every time."
BOX = "This save brings the translation up to date with the English guide"


def test_a_translator_reads_the_english_change_and_brings_the_translation_up_to_date(site, people):
    edna = people["edna"]
    translation = Guide.objects.get(language=SPANISH, slug="prevencion")
    Guide.objects.filter(pk=translation.pk).update(brought_up_to_date_at=timezone.now())
    english = translation.original
    english.body += f"\n\n{NEW_ENGLISH_WORDS}\n"
    english.save()
    publish_guide(guide=english, reviewer_name="Dr A. Rivera")

    spanish_list = f"{site}/admin/guides/guide/?language__exact={SPANISH}"
    edna.goto(spanish_list)
    row = edna.locator("#result_list tr", has_text=translation.title)
    expect(row).to_contain_text("Out of date")
    row.get_by_role("link", name=translation.title).click()

    panel = edna.get_by_role(
        "region", name="What changed in English since this translation was last brought up to date"
    )
    expect(panel.locator("ins")).to_contain_text([NEW_ENGLISH_WORDS])
    # A translator writes the Spanish for it, states the translation is up to date, and saves.
    body = edna.locator("#id_body")
    body.fill(body.input_value() + "\n\nUsa mucho lubricante cada vez.")
    edna.get_by_label(BOX).check()
    save(edna)

    expect(edna.locator(".messagelist")).to_contain_text(
        "recorded as brought up to date with the English guide"
    )
    edna.goto(spanish_list)
    row = edna.locator("#result_list tr", has_text=translation.title)
    expect(row).to_be_visible()
    expect(row).not_to_contain_text("Out of date")
    edna.goto(change_form(site, translation))
    expect(edna.locator("#id_body")).to_have_value(re.compile("Usa mucho lubricante cada vez."))
    expect(edna.locator(".english-changes")).to_have_count(0)
    assert edna.console.errors == []

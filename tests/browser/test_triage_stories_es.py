"""The same patient stories told in Spanish through the Spanish check (/es/triage/), with and
without JavaScript (version 3 of shared/triage-spec.md). Each person answers by the Spanish
words on the page (the `es` side of each label in test_triage_stories.py) and reaches the level
worked out by hand for their story; the result is read in Spanish: the level's heading, the help
cards by their Spanish names, "Also tell the staff", and each nurse-script line in Spanish and in
English (marked lang="en"), with no «urgencias» standing for urgent care."""

import pytest
from playwright.sync_api import expect

from .story_steps import SPANISH
from .test_triage_stories import (  # noqa: F401 (the module's fixtures)
    MODES,
    STORIES,
    browser_contexts,
    check_privacy,
    check_result,
    site,
    tab,
    walk_story,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.mark.parametrize("tab", MODES, indirect=True)
@pytest.mark.parametrize("story", STORIES, ids=[story.id for story in STORIES])
def test_story_in_spanish(site, story, tab):  # noqa: F811 (the module's fixtures)
    """`story.dicho` is what the person says; the answers are its Spanish labels."""
    page = tab.page
    shown = walk_story(page, site, story, SPANISH, javascript=tab.javascript)
    expect(page.locator("html")).to_have_attribute("lang", "es-US")
    check_result(page, story, SPANISH, shown)
    check_privacy(tab, site, SPANISH.path)
    # The result's own headings are in Spanish.
    expect(page.get_by_role("heading", name=SPANISH.told, exact=True)).to_be_visible()
    if story.level in {"emergency", "er_today"}:
        english = page.get_by_role("heading", name="Also tell the staff", exact=True)
        expect(english).to_have_count(0, timeout=1_000)

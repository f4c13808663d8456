"""The same patient stories through the Spanish check (/es/triage/), with and without
JavaScript: each person ticks the Spanish words of what they ticked in English, and reaches the
level the English check gives (issue 11). The Spanish labels come from the Spanish rule set as
published, found by the finding each English label stands for, so a story never ticks by id."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from triage import seed

from .story_steps import ENGLISH, TOTAL_PAGES, Words, open_check, result_of, walk
from .test_triage_stories import MODES, STORIES, site, walker  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

SPANISH = Words.of("es", "/es/triage/")


def finding_of(english_label: str) -> str:
    """The code of the one finding whose English label holds these words."""
    [code] = [f["code"] for f in seed.FINDINGS if english_label in f["question"]]
    return code


def in_spanish(ticks: dict[int, list[str]]) -> dict[int, list[str]]:
    from triage.rules import published_rule_set

    spanish = published_rule_set("es").finding_by_code
    return {
        page: [spanish[finding_of(label)].question for label in labels]
        for page, labels in ticks.items()
    }


@pytest.mark.parametrize("walker", MODES, indirect=True)
@pytest.mark.parametrize("story", STORIES, ids=[story.id for story in STORIES])
def test_story_in_spanish(site, story, walker):  # noqa: F811 (the module's fixtures)
    javascript, ctx, page, errors = walker
    open_check(page, site, javascript=javascript, words=SPANISH)
    expect(page.locator("html")).to_have_attribute("lang", "es-US")
    shown = walk(page, in_spanish(story.ticks), SPANISH)

    result = result_of(page)
    expect(result).to_have_attribute("data-triage-level", story.level)
    assert shown == (max(story.ticks) if story.level == "emergency" else TOTAL_PAGES)
    if story.er_line is not None:
        er_line = page.get_by_text(SPANISH.er_line)
        expect(er_line).to_be_visible() if story.er_line else expect(er_line).to_be_hidden()
    with translation.override("es"):
        told = translation.gettext("What to tell the nurse or doctor")
    expect(result).to_contain_text(told)
    expect(result).not_to_contain_text(ENGLISH.er_line)
    assert ctx.cookies() == []
    if javascript:
        assert errors == []

"""Warning-sign lists in guides, drawn from the published symptom check (issue 17).

An editor places `!!! signs <level>` on a line of its own; Markdown rendering leaves a marker
paragraph there, and the page (and the guides API) fills it when shown, from the rules the
check gives answers from at that moment. A guide and the check can then never tell a person
two levels for the same sign, and a clinical change to a rule reaches every guide the moment
the check is published, with no guide edit. The marker is filled on show rather than frozen
at the guide's publish, because the page version already moves with every rule publish
(core.versioning), so caches and phones follow."""

import re

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

DIRECTIVE = re.compile(r"^!!! signs[ \t]+(?P<level>[\w-]*)[ \t]*$", re.MULTILINE)
MARKER = "{{signs:{level}}}"
FILLED_MARKER = re.compile(r"<p>\{signs:(?P<level>[\w-]*)\}</p>")
# The care-card colour for each level's kind; self-care has no warning signs of its own.
CARD_KIND = {"emergency": "emergency", "urgent": "urgent", "non-urgent": "non-urgent"}


def mark_sign_lists(markdown: str) -> str:
    """Markdown with each directive turned into a marker paragraph of its own."""
    return DIRECTIVE.sub(lambda match: "\n" + MARKER.format(level=match["level"]) + "\n", markdown)


def directive_levels(markdown: str) -> list[str]:
    return [match["level"] for match in DIRECTIVE.finditer(markdown or "")]


def sign_levels() -> list[str]:
    """The levels a directive may name: those with warning signs in the published check."""
    rule_set = _rule_set()
    return [level.code for level in rule_set.levels if rule_set.sign_list(level.code)]


def unknown_sign_levels(markdown: str) -> list[str]:
    """Levels named by a directive that the check has no warning signs for."""
    named = directive_levels(markdown)
    if not named:
        return []
    known = set(sign_levels())
    return [level for level in named if level not in known]


def fill_sign_lists(html: str, language: str) -> str:
    """The guide's HTML with each marker replaced by its level's care card, in `language`."""
    if not html or "{signs:" not in html:
        return html
    with translation.override(language):
        rule_set = _rule_set(language)
        check_url = reverse("triage:start")
        return FILLED_MARKER.sub(lambda match: sign_card(rule_set, match["level"], check_url), html)


def sign_card(rule_set, level_code: str, check_url: str) -> str:
    level = rule_set.level_by_code.get(level_code)
    signs = rule_set.sign_list(level_code) if level else ()
    if not signs:
        return ""  # refused on save; a rule set changed since shows no empty card
    return render_to_string(
        "includes/care_card.html",
        {
            "kind": CARD_KIND.get(level.kind, "non-urgent"),
            "heading": level.signs_heading,
            "items": signs,
            "extra_class": "care-card--signs",
            "note": translation.gettext(
                "The symptom check also asks what happened and when. That can change where to go."
            ),
            "note_href": check_url,
            "note_link": translation.gettext("Start the symptom check"),
        },
    )


def _rule_set(language: str | None = None):
    from triage.rules import published_rule_set  # triage links to guides: import when used

    return published_rule_set(language)

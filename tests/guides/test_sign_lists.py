"""Guides version 3 (issue 17): the guides' warning-sign lists are the symptom check's own.

A guide places `!!! signs <level>`; the page and the API show that level's heading and every
sign of its rules, from the published check, in the guide's language. Nothing here is written
out by hand: each list is read off the real page and compared with the published rule set, so a
hand-typed list, a stale list or a list in the wrong language fails."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from guides.models import ENGLISH, SPANISH, Guide
from guides.seed import CONTENT_DIR, read_seed_guides
from guides.signs import directive_levels
from triage.models import Rule
from triage.rules import forget_published_rule_set, published_rule_set

pytestmark = pytest.mark.django_db

LANGUAGES = {ENGLISH: "en", SPANISH: "es"}


class CareCards(HTMLParser):
    """Each care card on a page: its classes, its heading's visible and spoken words, and its
    list items."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.cards: list[dict] = []
        self.card = None
        self.depth = 0
        self.where = None
        self.hidden = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "div" and "care-card" in classes and self.card is None:
            self.card = {"classes": classes, "heading": "", "spoken": "", "items": []}
            self.depth = 0
        if self.card is None:
            return
        if tag == "div":
            self.depth += 1
        if tag == "h2":
            self.where = "heading"
        if tag == "span" and "visually-hidden" in classes:
            self.hidden = True
        if tag == "li":
            self.card["items"].append("")
            self.where = "item"

    def handle_endtag(self, tag):
        if self.card is None:
            return
        if tag == "span":
            self.hidden = False
        if tag in {"h2", "li"}:
            self.where = None
        if tag == "div":
            self.depth -= 1
            if self.depth == 0:
                self.cards.append(self.card)
                self.card = None

    def handle_data(self, data):
        if self.card is None:
            return
        if self.where == "heading":
            self.card["spoken" if self.hidden else "heading"] += data
        elif self.where == "item":
            self.card["items"][-1] += data


def care_cards(html: str) -> list[dict]:
    parser = CareCards()
    parser.feed(html)
    for card in parser.cards:
        card["heading"] = " ".join(card["heading"].split())
        card["spoken"] = " ".join(card["spoken"].split())
        card["items"] = [" ".join(item.split()) for item in card["items"]]
    return parser.cards


def sign_cards(html: str) -> list[dict]:
    return [card for card in care_cards(html) if "care-card--signs" in card["classes"]]


def guides_with_sign_lists():
    return [
        (language, seed["slug"])
        for language in LANGUAGES
        for seed in read_seed_guides(language)
        if directive_levels(seed["body"])
    ]


def test_the_launch_guides_show_the_checks_lists_for_every_level_with_signs():
    shown = {
        LANGUAGES[language]: {level for seed in read_seed_guides(language)
                              for level in directive_levels(seed["body"])}
        for language in LANGUAGES
    }  # fmt: skip
    assert shown == {"en": {"emergency", "er_today", "urgent", "soon"}} | {
        "es": {"emergency", "er_today", "urgent", "soon"}
    }


@pytest.mark.parametrize(("language", "slug"), guides_with_sign_lists())
def test_each_sign_list_on_a_guide_page_is_the_published_checks_list(client, language, slug):
    guide = Guide.objects.get(language=language, slug=slug)
    seed = next(seed for seed in read_seed_guides(language) if seed["slug"] == slug)
    rule_set = published_rule_set(LANGUAGES[language])
    page = client.get(guide.get_absolute_url()).content.decode()

    cards = sign_cards(page)

    levels = directive_levels(seed["body"])
    assert [card["heading"] for card in cards] == [
        rule_set.level_by_code[level].signs_heading for level in levels
    ]
    for card, level in zip(cards, levels, strict=True):
        assert card["items"] == list(rule_set.sign_list(level)), (slug, level)
        assert f"care-card--{rule_set.level_by_code[level].kind}" in card["classes"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_api_shows_the_same_lists_as_the_pages(client, language):
    lang = LANGUAGES[language]
    api = client.get(f"/api/v1/guides/?lang={lang}").json()
    rule_set = published_rule_set(lang)
    listed = 0
    for item in api:
        for card in sign_cards(item["html"]):
            level = next(
                level.code for level in rule_set.levels if level.signs_heading == card["heading"]
            )
            assert card["items"] == list(rule_set.sign_list(level))
            listed += 1
    assert listed >= 4


def test_a_published_change_to_a_rule_reaches_the_guides_list_without_a_guide_edit(
    client, publish_rules
):
    guide = Guide.objects.get(language=ENGLISH, slug="when-to-see-a-doctor")
    rule = Rule.objects.get(code="cannot_pee")
    rule.watch_for = "no pee at all for 8 hours"
    rule.save()
    before = client.get(guide.get_absolute_url()).content.decode()
    assert "No pee at all for 8 hours" not in before  # an unpublished edit reaches no one

    publish_rules()
    forget_published_rule_set()

    after = client.get(guide.get_absolute_url()).content.decode()
    items = [item for card in sign_cards(after) for item in card["items"]]
    assert "No pee at all for 8 hours" in items
    assert "Not being able to pee" not in items


def test_a_sign_that_needs_something_about_the_person_says_so():
    rule_set = published_rule_set("en")
    assert "A fever, if your immune system is weak" in rule_set.sign_list("emergency")
    assert "A fever, if 65 or older" in rule_set.sign_list("er_today")


def test_a_spanish_guide_speaks_its_care_card_labels_in_spanish_on_the_page_and_in_the_api(client):
    english_labels = {"Immediate action required:", "Urgent advice:", "Non-urgent advice:"}
    spoken = set()
    for guide in Guide.objects.published(SPANISH):
        page = client.get(guide.get_absolute_url()).content.decode()
        spoken |= {card["spoken"] for card in care_cards(page)}
    for item in client.get("/api/v1/guides/?lang=es").json():
        spoken |= {card["spoken"] for card in care_cards(item["html"])}
    assert spoken, "the Spanish guides show no care card"
    assert not spoken & english_labels, spoken


HAND_WRITTEN_CARD = re.compile(
    r"^!!! (emergency|urgent|non-urgent)\b.*\n((?:[ \t]+.*\n|\n)*)", re.M
)


GUIDE_FILES = sorted(CONTENT_DIR.glob("*.md")) + sorted(CONTENT_DIR.glob("es/*.md"))


@pytest.mark.parametrize("path", GUIDE_FILES, ids=lambda path: path.name)
def test_no_guide_file_keeps_a_hand_written_list_of_warning_signs(path: Path):
    text = path.read_text(encoding="utf-8")
    for match in HAND_WRITTEN_CARD.finditer(text):
        assert not re.search(r"^\s+[-*] ", match.group(2), re.M), (path.name, match.group(0)[:120])
    language = "es" if path.parent.name == "es" else "en"
    rule_set = published_rule_set(language)
    phrases = {
        " ".join(rule.watch_for.lower().split()) for rule in rule_set.rules if rule.watch_for
    }
    items = {
        " ".join(item.lower().strip(" .;").split())
        for item in re.findall(r"^\s*[-*] (.+)$", text, re.M)
    }
    assert not items & phrases, (path.name, items & phrases)


def test_a_directive_naming_no_level_with_signs_is_a_form_error_not_a_blank_card(
    client, make_staff_user, change_form_data
):
    editor = make_staff_user("edna-signs", group="Editor", first_name="Edna", last_name="Okafor")
    client.force_login(editor)
    guide = Guide.objects.get(language=ENGLISH, slug="treatment")
    body = guide.body + "\n!!! signs call_a_friend\n"
    response = client.post(
        f"/admin/guides/guide/{guide.pk}/change/", change_form_data(guide, body=body)
    )
    assert response.status_code == 200
    assert "call_a_friend" in response.content.decode()
    assert "names no level of the symptom check" in response.content.decode()
    guide.refresh_from_db()
    assert "call_a_friend" not in guide.body


def test_a_spanish_sign_card_has_no_english_words(client):
    guide = Guide.objects.get(language=SPANISH, slug="cuando-ver-a-un-medico")
    page = client.get(guide.get_absolute_url()).content.decode()
    cards = sign_cards(page)
    assert len(cards) == 4
    words = " ".join(item for card in cards for item in card["items"])
    assert ", si " in words
    assert not re.search(r"\b(if|and|the)\b", words), words
    assert "The symptom check also asks" not in page
    assert "La revisión de síntomas también pregunta qué pasó y cuándo" in page


def test_the_shared_source_page_lists_the_rules_and_guides_that_cite_it_and_flags_it_once(
    client, make_staff_user
):
    from datetime import date

    from triage.models import Source as TriageSource

    reviewer = make_staff_user("rita-sources", group="Clinical reviewer")
    client.force_login(reviewer)
    source = TriageSource.objects.get(key="cdc-pep-2025")
    TriageSource.objects.filter(pk=source.pk).update(checked_on=date(2024, 1, 1))
    page = client.get(f"/admin/triage/source/{source.pk}/change/").content.decode()
    assert "hiv_pep" in page
    english = Guide.objects.get(language=ENGLISH, slug="sti-protection")
    spanish = Guide.objects.get(language=SPANISH, slug="proteccion-its")
    assert english.title in page
    assert spanish.title in page
    assert "Not checked for 12 months" in page

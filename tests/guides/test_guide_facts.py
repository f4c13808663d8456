"""The facts a clinical review asked the guides to carry (issue 17), one test a fact and
language, read off the real published page as a visitor gets it (tags gone, spaces as one).

The facts and the words that prove each one are data: tests/guides/facts/*.toml, written with
the guides. A fact the page loses, or a Spanish guide that drops a fact its English original
has, fails here."""

import re
import tomllib
from html import unescape
from pathlib import Path

import pytest

from guides.models import ENGLISH, SPANISH, Guide

FACTS_DIR = Path(__file__).parent / "facts"
LANGUAGES = {"en": ENGLISH, "es": SPANISH}


def read_facts() -> dict[str, dict]:
    facts = {}
    for path in sorted(FACTS_DIR.glob("*.toml")):
        with path.open("rb") as file:
            facts.update(tomllib.load(file)["facts"])
    return facts


FACTS = read_facts()
CASES = [
    pytest.param(code, lang, id=f"{code}-{lang}")
    for code, fact in FACTS.items()
    for lang in LANGUAGES
    if lang in fact
]


def visible_text(html: str) -> str:
    main = html.split("<main", 1)[-1]
    text = re.sub(r"<(script|style|template)\b.*?</\1>", " ", main, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", text)).split()).lower()


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "lang"), CASES)
def test_the_published_guide_states_the_fact(client, code, lang):
    where = FACTS[code][lang]
    guide = Guide.objects.published(LANGUAGES[lang]).get(slug=where["slug"])
    text = visible_text(client.get(guide.get_absolute_url()).content.decode())
    missing = [phrase for phrase in where["phrases"] if " ".join(phrase.split()) not in text]
    assert not missing, (code, lang, where["slug"], missing)


def test_every_fact_is_in_both_languages():
    assert len(FACTS) >= 20
    assert [code for code, fact in FACTS.items() if not {"en", "es"} <= set(fact)] == []

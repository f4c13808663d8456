"""The Spanish content (issue 11) is complete and says what the English says, in the same places:
one guide per English guide with the same sources and structure, symptom-check wording for every
code in the symptom check's data files (triage/content/*.toml), and a gettext catalog with every
entry translated. These are data checks only; they need no database and no language wiring."""

import re
import unicodedata
from pathlib import Path

import pytest

from guides.rendering import render_markdown
from guides.seed import CONTENT_DIR, read_seed_file, read_seed_guides
from triage.launch import SPANISH_FIELDS, multiline, read_toml

ROOT = Path(__file__).resolve().parents[1]
SPANISH_DIR = CONTENT_DIR / "es"
CATALOG = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = "{emergency_number}"
# A link inside the Spanish site: a Spanish guide (its slug captured) or the Spanish check.
SPANISH_GUIDE_LINK = re.compile(r"\]\(/es/(?:guides/([a-z0-9-]+)/|triage/)\)")
ANY_INTERNAL_LINK = re.compile(r"\]\((/[^)]*)\)")


def spanish_guides() -> list[dict]:
    return [
        {**read_seed_file(path), "file": path.name} for path in sorted(SPANISH_DIR.glob("*.md"))
    ]


def english_by_slug() -> dict[str, dict]:
    return {guide["slug"]: guide for guide in read_seed_guides()}


def pairs() -> list[tuple[dict, dict]]:
    english_guides = english_by_slug()
    return [(english_guides[guide["translation_of"]], guide) for guide in spanish_guides()]


# Guides


def test_every_english_guide_has_exactly_one_spanish_guide():
    translated = [guide["translation_of"] for guide in spanish_guides()]
    assert sorted(translated) == sorted(english_by_slug())


@pytest.mark.parametrize("guide", spanish_guides(), ids=lambda guide: guide["file"])
def test_a_spanish_guide_has_the_english_front_matter_and_its_own_words(guide):
    original = english_by_slug()[guide["translation_of"]]
    assert guide["order"] == original["order"]
    assert guide["file"].startswith(f"{guide['order']:02d}-{guide['slug']}")
    for field in ("title", "summary", "body"):
        assert guide[field].strip(), field
        assert guide[field] != original[field], field


def test_spanish_slugs_are_unique_lowercase_ascii_and_not_english():
    slugs = [guide["slug"] for guide in spanish_guides()]
    assert len(set(slugs)) == len(slugs)
    for slug in slugs:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug
    assert not set(slugs) & set(english_by_slug())


@pytest.mark.parametrize(("original", "guide"), pairs(), ids=lambda guide: guide["slug"])
def test_a_spanish_guide_cites_its_english_guides_sources_and_may_add_spanish_pages(
    original, guide
):
    """Every source of the English original, in its order; any extra source is a Spanish-language
    page (issue 17), marked language = "es" in the sources table."""
    without_spanish_pages = [source for source in guide["sources"] if source["language"] != "es"]
    assert without_spanish_pages == original["sources"]
    extra = [source for source in guide["sources"] if source not in original["sources"]]
    assert all(source["language"] == "es" for source in extra), extra


@pytest.mark.parametrize(("original", "guide"), pairs(), ids=lambda guide: guide["slug"])
def test_a_spanish_guide_keeps_the_english_structure_and_care_cards(original, guide):
    english_html, spanish_html = render_markdown(original["body"]), render_markdown(guide["body"])
    for kind in ("emergency", "urgent", "non-urgent"):
        card = re.compile(rf"care-card--{kind}(?![\w-])")
        assert len(card.findall(english_html)) == len(card.findall(spanish_html)), kind
    assert spanish_html.count("care-card__heading") == english_html.count("care-card__heading")
    for tag in ("<h2>", "<h3>", "<li>", "<ol>", "<ul>", "<blockquote>", "<strong>"):
        assert spanish_html.count(tag) == english_html.count(tag), tag


@pytest.mark.parametrize(("original", "guide"), pairs(), ids=lambda guide: guide["slug"])
def test_a_spanish_guide_keeps_every_us_number_and_links_to_spanish_guides(original, guide):
    for number in ("911", "800-656-4673", "tel:+18006564673", "72", "100.4"):
        assert guide["body"].count(number) == original["body"].count(number), number
    spanish_slugs = {other["slug"] for other in spanish_guides()}
    internal = ANY_INTERNAL_LINK.findall(guide["body"])
    linked = SPANISH_GUIDE_LINK.findall(guide["body"])
    assert len(linked) == len(internal), internal  # no link to an English page
    assert set(linked) - {""} <= spanish_slugs
    assert len(internal) == len(ANY_INTERNAL_LINK.findall(original["body"]))


# Symptom check wording (triage/content/en.toml and es.toml, read by triage.launch)


def symptom_check() -> tuple[dict, dict]:
    """The English and Spanish launch files of the symptom check, as written."""
    return read_toml("en.toml"), read_toml("es.toml")


def english_entries():
    """(section, code, English item, Spanish item) for every translated item."""
    english_file, spanish_file = symptom_check()
    for section in SPANISH_FIELDS:
        for code, item in english_file[section].items():
            yield section, code, item, spanish_file.get(section, {}).get(code, {})


def spanish_fields():
    """(section, code, field, English, Spanish) for every translated field."""
    for section, code, item, words in english_entries():
        for field in SPANISH_FIELDS[section]:
            yield section, code, field, item[field], words.get(field, "")


def test_the_spanish_wording_has_exactly_the_codes_of_the_symptom_check():
    english_file, spanish_file = symptom_check()
    for section in SPANISH_FIELDS:
        assert list(spanish_file.get(section, {})) == list(english_file[section]), section


def test_every_spanish_entry_has_exactly_the_translated_fields():
    for section, code, _item, words in english_entries():
        extra = {"website"} if section == "services" else set()
        assert set(words) - extra == set(SPANISH_FIELDS[section]), (section, code)
        assert all(isinstance(value, str) for value in words.values()), (section, code)


def test_a_spanish_field_is_empty_exactly_where_the_english_one_is():
    for section, code, field, english, spanish in spanish_fields():
        assert bool(spanish.strip()) == bool(english.strip()), (section, code, field)


def test_the_emergency_number_placeholder_is_where_the_english_has_it():
    for section, code, field, english, spanish in spanish_fields():
        english_count = english.count(PLACEHOLDER)
        assert spanish.count(PLACEHOLDER) == english_count, (section, code, field)
        # No other braces: a typo like {numero_de_emergencia} would reach a page as is.
        assert spanish.count("{") == spanish.count("}") == english_count, (section, code, field)


def test_multi_line_text_keeps_one_item_per_line_as_in_english():
    for section, code, field, english, spanish in spanish_fields():
        english_lines, spanish_lines = multiline(english), multiline(spanish)
        if "\n" in english_lines:
            assert spanish_lines.count("\n") == english_lines.count("\n"), (section, code, field)


def test_no_spanish_label_asks_two_facts_joined_by_y():
    # "y" (or "e") may join parts of one fact, as the English allow-list in
    # tests/triage/test_wording.py does for "and"; never two separate facts. Version 3's labels
    # need no exception.
    allowed: dict[str, str] = {}
    english_file, spanish_file = symptom_check()
    for code, finding in spanish_file["findings"].items():
        label = finding["question"]
        if code in allowed:
            assert re.search(r"\band\b", english_file["findings"][code]["question"]), code
            assert allowed[code] in label, code
            label = label.replace(allowed[code], "")
        assert not re.search(r"\b[yYeE]\b", label), (code, finding["question"])


def test_spanish_labels_keep_the_english_doubt_words():
    # "not sure" must survive: it is what lets a person who does not know tick it.
    english_file, spanish_file = symptom_check()
    for code, finding in english_file["findings"].items():
        if "not sure" in finding["question"]:
            assert "con certeza" in spanish_file["findings"][code]["question"], code


def test_watch_for_phrases_are_lower_case_phrases():
    # They follow a heading ("... si tiene:"), one after another.
    for _section, code, field, _english, spanish in spanish_fields():
        if field == "watch_for" and spanish:
            assert spanish == spanish.strip(), code
            assert not spanish.endswith("."), code
            assert not spanish[0].isupper(), code


def test_the_spanish_wording_keeps_us_brand_names_and_glosses():
    _english, spanish_file = symptom_check()
    findings = spanish_file["findings"]
    hint = findings["blood_thinners"]["hint"]
    for brand in ["Coumadin", "Eliquis", "Xarelto", "Pradaxa", "Plavix", "Brilinta", "Lovenox"]:
        assert brand in hint
    assert "aspirina" in hint
    assert "100.4 °F (38 °C)" in findings["fever"]["hint"]
    unreached = spanish_file["pages"]["about_the_sex"]["unreached"]
    assert "PEP (medicina que puede evitar el VIH" in unreached
    assert "PrEP es una medicina" in findings["on_prep"]["hint"]
    assert "Indetectable quiere decir" in findings["partner_risk"]["hint"]


def test_the_spanish_wording_addresses_the_reader_as_usted():
    # Tú forms that would slip in from a casual translation.
    informal = re.compile(r"\b(tú|tienes|puedes|eres|estás|llama|ve|tu|tus|te)\b", re.IGNORECASE)
    for section, code, field, _english, spanish in spanish_fields():
        if field == "said":
            continue  # first person: what the reader says
        assert not informal.search(spanish), (section, code, field, informal.search(spanish))


# Interface catalog


def read_catalog(path: Path) -> list[dict]:
    """Entries of a .po file: msgid, msgid_plural, msgstr forms and flags. Enough for gettext's
    own output (no msgctxt); polib is not a dependency of this project."""
    entries, current, key = [], None, None

    def unquote(text: str) -> str:
        return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), text[1:-1])

    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if not line:
            if current:
                entries.append(current)
            current, key = None, None
            continue
        current = current or {"flags": set(), "msgid_plural": None, "msgstr": {}}
        if line.startswith("#,"):
            current["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if key[0] == "msgstr":
                current["msgstr"][key[1]] += unquote(line)
            else:
                current[key[0]] += unquote(line)
        else:
            keyword, _, value = line.partition(" ")
            match = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
            key = ("msgstr", int(match[1])) if match else ("msgstr", None)
            if keyword in {"msgid", "msgid_plural"}:
                key = (keyword,)
                current[keyword] = unquote(value)
            else:
                current["msgstr"][key[1]] = unquote(value)
    return entries


def catalog_messages() -> list[dict]:
    return [entry for entry in read_catalog(CATALOG) if entry["msgid"]]


def plural_count() -> int:
    header = next(entry for entry in read_catalog(CATALOG) if entry["msgid"] == "")
    return int(re.search(r"nplurals=(\d+)", header["msgstr"][None])[1])


def test_the_catalog_has_no_fuzzy_and_no_empty_translation():
    messages = catalog_messages()
    assert len(messages) > 300
    assert not any("fuzzy" in entry["flags"] for entry in read_catalog(CATALOG))
    for entry in messages:
        forms = entry["msgstr"]
        if entry["msgid_plural"] is not None:
            assert sorted(forms) == list(range(plural_count())), entry["msgid"]
        assert all(text.strip() for text in forms.values()), entry["msgid"]


def test_the_catalog_keeps_every_placeholder_and_tag():
    patterns = [r"%\(\w+\)s", r"%s", r"\{\w*\}", r"<[^>]+>"]
    for entry in catalog_messages():
        source = entry["msgid"] + (entry["msgid_plural"] or "")
        for pattern in patterns:
            wanted = set(re.findall(pattern, source))
            for text in entry["msgstr"].values():
                assert set(re.findall(pattern, text)) == wanted, (entry["msgid"], pattern)


# Readability (Spanish has no Flesch-Kincaid; textstat's Szigriszt-Pazos/INFLESZ scale is used)


def inflesz(text: str) -> float:
    metrics = pytest.importorskip("textstat.backend.metrics")
    pytest.importorskip("pyphen")
    # Called with the language directly, so textstat's global language (US English, used by
    # guides/readability.py) is never changed.
    return metrics.szigriszt_pazos(text, "es")


# INFLESZ: 65 and up is "bastante fácil" (easy), the band for a general audience.
EASY_SPANISH = 65


@pytest.mark.parametrize("guide", spanish_guides(), ids=lambda guide: guide["slug"])
def test_every_spanish_guide_reads_as_easy_spanish(guide):
    from guides.readability import plain_text

    assert inflesz(plain_text(guide["body"])) >= EASY_SPANISH, guide["slug"]


def test_the_spanish_symptom_check_reads_as_easy_spanish():
    def sentence(text: str) -> str:
        text = text.strip()
        return text if text.endswith((".", "?", "!", ":")) else text + "."

    english_file, spanish_file = symptom_check()
    words = {section: spanish_file.get(section, {}) for section in SPANISH_FIELDS}
    for page in english_file["pages"]:
        parts = [words["pages"][page]["question"]]
        for choice, item in english_file["choices"].items():
            if item["page"] == page:
                parts.append(words["choices"][choice]["question"])
        for code, finding in english_file["findings"].items():
            if finding["page"] == page:
                parts += [words["findings"][code][field] for field in ("question", "hint")]
        text = " ".join(sentence(part) for part in parts if part)
        assert inflesz(text) >= EASY_SPANISH, page
    for level in english_file["levels"]:
        parts = multiline(words["levels"][level]["advice"]).split("\n") + [
            words["rules"][code]["text"]
            for code, rule in english_file["rules"].items()
            if rule["level"] == level
        ]
        text = " ".join(sentence(part) for part in parts).replace(PLACEHOLDER, "911")
        assert inflesz(text) >= EASY_SPANISH, level


def test_spanish_text_is_normalized_unicode():
    # Composed accents (NFC), so search, slugs and screen readers see one form of "é".
    texts = [path.read_text(encoding="utf-8") for path in SPANISH_DIR.glob("*.md")]
    texts += [CATALOG.read_text(encoding="utf-8")]
    texts += [spanish for *_where, spanish in spanish_fields()]
    for text in texts:
        assert unicodedata.normalize("NFC", text) == text


# Forms the bilingual review found in the Spanish guides (issue 17) and the glossary forbids
# (docs/spanish-glossary.md), each with what it was misread as.
FORBIDDEN_IN_GUIDES = {
    "trasero": "the buttocks, not the anus",
    "casi nunca es grave": "promises more than the sources",
    "depende de su estado": "reads as 'your condition'",
    "la pastilla para evitar el embarazo": "reads as any birth control pill",
    "me voy a desmayar": "first person in a list that says usted",
}
FORENSIC_ALONE = re.compile(r"examen forense(?! \()", re.IGNORECASE)


@pytest.mark.parametrize("guide", spanish_guides(), ids=lambda guide: guide["slug"])
def test_a_spanish_guide_avoids_the_forms_the_glossary_forbids(guide):
    text = " ".join(guide["body"].lower().split())
    found = {form: why for form, why in FORBIDDEN_IN_GUIDES.items() if form in text}
    assert found == {}, guide["slug"]
    assert not FORENSIC_ALONE.search(text), guide["slug"]
    assert not re.search(r"\btú\b|\bvete\b|\bllama al\b", text), guide["slug"]


def every_spanish_string() -> list[tuple[str, str]]:
    """(where, text) for every Spanish string a reader can meet: the interface catalog, the
    symptom check's and help services' wording (es.toml) and the guides."""
    strings = [
        (f"django.po: {entry['msgid'][:40]}", form)
        for entry in catalog_messages()
        for form in entry["msgstr"].values()
    ]

    def walk(where: str, value):
        if isinstance(value, str):
            strings.append((where, value))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(f"{where}.{key}", item)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(f"{where}[{index}]", item)

    walk("es.toml", read_toml("es.toml"))
    strings += [(f"guide {guide['slug']}", guide["body"]) for guide in spanish_guides()]
    return strings


def test_no_spanish_string_anywhere_uses_a_form_the_glossary_forbids():
    """Issue 18: the glossary (docs/spanish-glossary.md) holds over every Spanish string."""
    found = []
    for where, text in every_spanish_string():
        plain = " ".join(text.lower().split())
        first_person = where.endswith(".said")  # the nurse script: what the reader says
        found += [
            (where, form)
            for form in FORBIDDEN_IN_GUIDES
            if form in plain and not (first_person and form == "me voy a desmayar")
        ]
        if FORENSIC_ALONE.search(plain):
            found.append((where, "examen forense"))
        if re.search(r"\burgencias?\b", plain) and "orden de urgencia" not in plain:
            found.append((where, "urgencias"))
    assert found == []

"""The launch content files (triage/content/*.toml) are the specification's tables: the same
codes, pages, choices, levels and rules in the same order, every source cited and complete, and a
Spanish file with the same shape as the English one. Data checks only: no database."""

import datetime
import re
import tomllib
from pathlib import Path

import pytest

CONTENT = Path(__file__).resolve().parents[2] / "triage" / "content"
PLACEHOLDER = "{emergency_number}"
# The Spanish wording of each section (triage/content/README.md, "es.toml").
SPANISH_FIELDS = {
    "levels": {"title", "advice", "signs_heading", "safety_net"},
    "pages": {"question", "unreached"},
    "choices": {"question"},
    "findings": {"question", "hint", "said", "tell_staff"},
    "rules": {"text", "watch_for"},
    "services": {"name", "text_to", "opening_hours", "languages", "notes"},
}
SECTIONS = list(SPANISH_FIELDS)


def read(name: str) -> dict:
    with (CONTENT / name).open("rb") as file:
        return tomllib.load(file)


@pytest.fixture(scope="module")
def english():
    return read("en.toml")


@pytest.fixture(scope="module")
def spanish():
    return read("es.toml")


@pytest.fixture(scope="module")
def sources():
    return read("sources.toml")["sources"]


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


# The specification's tables


def test_the_file_says_it_is_version_3(english):
    assert english["spec_version"] == 3


def test_levels_are_the_specifications_in_order_with_their_care_cards(english, spec):
    assert list(english["levels"]) == spec.levels
    kinds = {code: level["kind"] for code, level in english["levels"].items()}
    assert kinds == {
        "emergency": "emergency",
        "er_today": "emergency",
        "urgent": "urgent",
        "soon": "non-urgent",
        "self_care": "advice",
    }


def test_pages_are_the_specifications_in_order(english, spec):
    assert list(english["pages"]) == spec.pages


def test_single_choices_have_their_page_options_and_not_sure_option(english, spec):
    assert list(english["choices"]) == list(spec.choices)
    for code, (page, options, not_sure) in spec.choices.items():
        choice = english["choices"][code]
        assert (choice["page"], choice["not_sure"]) == (page, not_sure), code
        listed = [c for c, finding in english["findings"].items() if finding["choice"] == code]
        assert listed == options, code


def test_every_answer_has_its_page_and_choice_in_the_specifications_order(english, spec):
    listed = [
        (code, finding["page"], finding["choice"] or None)
        for code, finding in english["findings"].items()
    ]
    assert listed == [(code, spec.page_of[code], spec.choice_of[code]) for code in spec.codes]
    assert len(listed) == 53


def test_answers_are_listed_page_by_page_in_page_order(english, spec):
    pages = [finding["page"] for finding in english["findings"].values()]
    assert pages == sorted(pages, key=spec.pages.index)


def test_every_rule_has_the_specifications_answers_and_level_in_its_order(english, spec):
    assert list(english["rules"]) == spec.rule_codes
    assert len(spec.rule_codes) == 66
    for code, rule in english["rules"].items():
        row = spec.rules[code]
        assert set(rule["all_of"]) == row.all_of, code
        assert set(rule["any_of"]) == row.any_of, code
        assert len(rule["all_of"]) == len(row.all_of), code  # no code twice
        assert len(rule["any_of"]) == len(row.any_of), code
        assert rule["level"] == row.level, code


def test_rules_are_listed_most_urgent_first(english, spec):
    levels = [rule["level"] for rule in english["rules"].values()]
    assert levels == sorted(levels, key=spec.levels.index)


def test_a_rule_names_only_answers_of_the_check(english):
    codes = set(english["findings"])
    for code, rule in english["rules"].items():
        assert set(rule["all_of"]) | set(rule["any_of"]) <= codes, code
        assert rule["all_of"] or rule["any_of"], code


# Sources


def test_every_rule_cites_sources_that_exist(english, sources):
    for code, rule in english["rules"].items():
        assert rule["sources"], code
        missing = [key for key in rule["sources"] if key not in sources]
        assert missing == [], code


def test_every_source_is_complete_with_a_secure_address_and_a_date(sources):
    for key, source in sources.items():
        assert source["publisher"].strip(), key
        assert source["title"].strip(), key
        assert re.fullmatch(r"https://[^\s/]+\.[^\s]+", source["url"]), key
        assert isinstance(source["checked_on"], datetime.date), key
        assert isinstance(source["confirmed"], bool), key


def test_every_source_is_cited_by_a_rule_or_a_guide_and_every_citation_is_in_the_table(
    english, sources
):
    """One table for the check and the guides (issue 17): nothing in it unused, nothing cited
    that it lacks."""
    from guides.seed import cited_source_keys

    by_rules = {key for rule in english["rules"].values() for key in rule["sources"]}
    by_guides = cited_source_keys()
    assert sorted(set(sources) - by_rules - by_guides) == []
    assert sorted((by_rules | by_guides) - set(sources)) == []
    assert all(sources[key].get("language", "en") in {"en", "es"} for key in sources)


# Publishers the specification names whose document could not be found; the stand-in source
# must say so in its note for the reviewer (sources.toml), and the closing note reports it.
STAND_INS = {("still_worried", "AAFP"): "aafp-safety-netting"}


def test_every_rule_cites_the_publishers_the_specification_names(english, sources, spec):
    for (code, name), key in STAND_INS.items():
        assert key in english["rules"][code]["sources"], code
        assert f"No {name}" in sources[key].get("note", ""), key
    for code, rule in english["rules"].items():
        cited = " ".join(
            f"{sources[key]['publisher']} {sources[key]['title']}"
            for key in rule["sources"]
            if key in sources
        ).lower()
        named = [name for name in spec.publishers if name in spec.rules[code].sources]
        assert named, (code, "the test's publisher table misses this rule's sources")
        missing = [
            name
            for name in named
            if spec.publishers[name].lower() not in cited and (code, name) not in STAND_INS
        ]
        assert missing == [], (code, missing)


def test_no_rule_text_or_source_says_as_above(english, spanish, sources):
    texts = [rule["text"] for rule in english["rules"].values()]
    texts += [rule.get("text", "") for rule in spanish["rules"].values()]
    texts += [f"{s['publisher']} {s['title']}" for s in sources.values()]
    assert [text for text in texts if "as above" in text.lower()] == []


# Safety net, nurse script


def developable(code: str, spec) -> bool:
    """A sign a person can still develop (spec, "Safety net"): a tick on page 1 other than
    object_stuck, a tick on page 4 or 5, and the two signs that follow an answer."""
    if code in ("strangulation_signs", "pregnancy_signs"):
        return True
    if spec.choice_of[code] is not None or code == "object_stuck":
        return False
    return spec.page_of[code] in ("emergency", "today", "soon")


def test_watch_for_is_empty_exactly_for_rules_whose_answers_are_all_history(english, spec):
    for code, rule in english["rules"].items():
        can_develop = any(developable(c, spec) for c in spec.rules[code].needs)
        assert bool(rule["watch_for"].strip()) == can_develop, code
        assert isinstance(rule["watch_for_order"], int), code


def test_watch_for_orders_are_unique_within_a_level(english):
    for level in english["levels"]:
        orders = [
            rule["watch_for_order"]
            for rule in english["rules"].values()
            if rule["level"] == level and rule["watch_for"]
        ]
        assert len(orders) == len(set(orders)), level


def test_develops_says_which_signs_a_person_can_still_get(english, spec):
    expected = {code: "always" if developable(code, spec) else "" for code in spec.codes}
    expected.update(strangulation_signs="strangled", pregnancy_signs="pregnant")
    assert {code: f["develops"] for code, f in english["findings"].items()} == expected


def test_exactly_the_specifications_lines_can_be_hidden(english, spec):
    private = {code for code, finding in english["findings"].items() if finding["private"]}
    assert private == spec.private


def test_every_answer_has_words_and_a_line_for_the_nurse(english):
    for code, finding in english["findings"].items():
        assert finding["question"].strip(), code
        assert finding["said"].strip(), code


# Help services


def test_every_service_is_linked_to_levels_rules_and_answers_that_exist(english):
    levels, rules, findings = (set(english[s]) for s in ("levels", "rules", "findings"))
    for key, service in english["services"].items():
        assert service["levels"], key
        assert set(service["levels"]) <= levels, key
        assert set(service["rules"]) <= rules, key
        assert set(service["findings"]) <= findings, key
        if service["website"]:
            assert service["website"].startswith("https://"), key


def test_the_pep_cards_come_with_exactly_the_pep_rules(english, spec):
    for key in ("pep-at-the-er", "pep-today", "pepline"):
        assert set(english["services"][key]["rules"]) == spec.pep_rules, key


# Spanish


def test_spanish_has_exactly_the_english_codes_in_the_same_order(english, spanish):
    for section in SECTIONS:
        assert list(spanish.get(section, {})) == list(english[section]), section


def test_every_spanish_item_has_exactly_the_translated_fields(english, spanish):
    for section in SECTIONS:
        for code, item in spanish.get(section, {}).items():
            fields = set(item) - ({"website"} if section == "services" else set())
            assert fields == SPANISH_FIELDS[section], (section, code)
            assert all(isinstance(value, str) for value in item.values()), (section, code)


def translated_pairs(english, spanish):
    """(section, code, field, English, Spanish) for every translated field."""
    for section in SECTIONS:
        for code, item in english[section].items():
            words = spanish.get(section, {}).get(code, {})
            for field in sorted(SPANISH_FIELDS[section]):
                yield section, code, field, item[field], words.get(field)


def test_a_spanish_field_is_empty_exactly_where_the_english_one_is(english, spanish):
    wrong = [
        (section, code, field)
        for section, code, field, en, es in translated_pairs(english, spanish)
        if es is None or bool(es.strip()) != bool(en.strip())
    ]
    assert wrong == []


def test_spanish_multi_line_fields_have_the_english_number_of_lines(english, spanish):
    wrong = [
        (section, code, field, len(lines(en)), len(lines(es or "")))
        for section, code, field, en, es in translated_pairs(english, spanish)
        if "\n" in en.strip() and len(lines(en)) != len(lines(es or ""))
    ]
    assert wrong == []


def test_the_emergency_number_is_where_the_english_has_it(english, spanish):
    wrong = []
    for section, code, field, en, es in translated_pairs(english, spanish):
        es = es or ""
        if es.count(PLACEHOLDER) != en.count(PLACEHOLDER):
            wrong.append((section, code, field))
        # No other braces: a typo like {numero_de_emergencia} would reach a page as is.
        if not es.count("{") == es.count("}") == es.count(PLACEHOLDER):
            wrong.append((section, code, field, "braces"))
    assert wrong == []


def test_a_spanish_website_is_a_secure_address(spanish):
    for key, service in spanish.get("services", {}).items():
        if service.get("website"):
            assert service["website"].startswith("https://"), key

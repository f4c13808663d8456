"""The bench's symptom-check walk reads the form a person sees, not the copies the first page
keeps in <template>s for the phone; a wrong read would count the wrong clicks and bytes."""

from bench.triage_pass import (
    NO_JS_TARGET,
    TARGET,
    CheckPage,
    answer_page_rows,
    downloaded,
    verdict,
)

FIRST_PAGE = """
<div data-module="triage-form" data-rules-url="/api/v1/triage/?lang=es">
<form method="post" action="/es/triage/" data-triage-form>
  <input type="hidden" name="findings" value="carried">
  <input type="hidden" name="step" value="bleeding">
  <input type="checkbox" name="findings" value="heavy_bleeding">
  <input type="checkbox" name="none" value="bleeding" data-exclusive>
  <button type="submit" name="back" value="1">Back</button>
</form>
<template data-triage-group="pain"><form data-triage-form action="/elsewhere/">
  <input type="hidden" name="step" value="pain"><input type="checkbox" name="none" value="pain">
</form></template>
<template data-triage-result="emergency"><div data-triage-level="emergency"></div></template>
</div>
"""


def test_the_first_page_is_read_outside_its_templates():
    page = CheckPage(FIRST_PAGE)
    assert page.action == "/es/triage/"
    assert page.rules_url == "/api/v1/triage/?lang=es"
    assert page.hidden == [("findings", "carried"), ("step", "bleeding")]
    assert page.signs == ["heavy_bleeding"]
    assert page.none == "bleeding"
    assert page.level is None  # the result shells are templates, not a result


def test_a_result_page_has_a_level_and_no_form():
    page = CheckPage('<div class="triage-result" data-triage-level="urgent"><form></form></div>')
    assert (page.level, page.action) == ("urgent", None)


def test_with_scripts_a_pass_costs_the_first_visit_and_the_rules_whatever_is_answered():
    found = {
        "scripted": {"requests": 15, "total": 20_000},
        "plain": {"requests": 9, "total": 8_000},
        "rules": 6_000,
    }
    walked = {"posts": [(16_384, "gzip")] * 5}
    assert downloaded(found, walked, scripts=True) == (16, 26_000)
    assert downloaded(found, walked, scripts=False) == (14, 8_000 + 5 * 16_384)
    assert (verdict(TARGET - 1), verdict(TARGET)) == ("PASS", "FAIL")
    assert verdict(NO_JS_TARGET - 1, NO_JS_TARGET) == "PASS"


def test_each_answer_page_is_reported_with_its_size_on_the_wire():
    found = {
        "none": {"posts": [(16_384, "gzip")] * 5},
        "emergency": {"posts": [(16_384, "gzip")]},
        "uncompressed": (98_304, "identity"),
    }
    rows = answer_page_rows("English", found)
    assert rows[0] == ["English: None of these", "16384 " * 4 + "16384", "gzip", "yes", "PASS"]
    assert rows[1][3:] == ["yes", "PASS"]
    assert rows[2][:3] == ["English: no compression accepted", "98304", "identity"]
    found["none"]["posts"][1] = (30_000, "gzip")
    assert answer_page_rows("English", found)[0][3:] == ["NO", "FAIL"]

"""The check without JavaScript, through Django's test client: the form contract of the
specification (version 3), page by page, as a browser without JavaScript would submit it, and
what every result carries."""

import html
import re
from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.django_db

START = "/triage/"
RESULT = "/triage/result/"
ES_RESULT = "/es/triage/result/"

# Options that raise nothing by themselves (context), for stories that must answer every page.
NEUTRAL = {"when": "when_later", "age": "age_18_to_44"}


class FormReader(HTMLParser):
    """The check's form on a page: where it posts, hidden fields, and the boxes offered."""

    def __init__(self, html: str):
        super().__init__()
        self.action = None
        self.method = None
        self.hidden: list[tuple[str, str]] = []
        self.boxes: list[tuple[str, str]] = []
        self.radios: list[str] = []
        self.checked: list[tuple[str, str]] = []
        self.in_form = False
        self.in_template = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "template":
            self.in_template += 1
        if self.in_template:
            return
        if tag == "form" and "data-triage-form" in attributes:
            self.in_form = True
            self.action, self.method = attributes["action"], attributes["method"]
        elif tag == "input" and self.in_form:
            pair = (attributes["name"], attributes["value"])
            (self.hidden if attributes["type"] == "hidden" else self.boxes).append(pair)
            if attributes["type"] == "radio":
                self.radios.append(attributes["value"])
            if "checked" in attributes:
                self.checked.append(pair)

    def handle_endtag(self, tag):
        if tag == "template":
            self.in_template -= 1
        elif tag == "form":
            self.in_form = False


def answer(client, response, *codes: str, button: str | None = None):
    """Tick the given boxes and radio on the page shown (or "None of these" if no tick) and
    submit, with everything the page carries in hidden fields, as a browser would."""
    form = FormReader(response.content.decode())
    assert form.method == "post"
    offered = [value for name, value in form.boxes if name == "findings"]
    for code in codes:
        assert code in offered, f"{code} is not asked on this page"
    data: dict[str, list[str]] = {}
    for name, value in form.hidden + form.checked:  # a browser sends the ticks already in place
        data.setdefault(name, []).append(value)
    if any(code in form.radios for code in codes):  # a radio replaces the one chosen before
        data["findings"] = [v for v in data.get("findings", []) if v not in form.radios]
    data.setdefault("findings", []).extend(c for c in codes if c not in data["findings"])
    ticked = [v for v in data["findings"] if v in offered and v not in form.radios]
    if not ticked and "none" not in dict(form.checked) and button is None:
        data.setdefault("none", []).append(
            next(value for name, value in form.boxes if name == "none")
        )
    if button:
        data[button] = ["1"]
    return client.post(START if button else form.action, data)


def without_templates(response) -> str:
    return re.sub(r"<template.*?</template>", "", response.content.decode(), flags=re.S)


def level_of(response) -> str | None:
    """The level marked on the result shown, if the page shows one (not a <template>)."""
    found = re.search(
        r'<div class="triage-result" data-triage-level="([a-z_]+)"', without_templates(response)
    )
    return found.group(1) if found else None


def text_of(response) -> str:
    return html.unescape(without_templates(response))


def walk(client, pages: list[list[str]], start: str = START):
    """Answer page after page; returns the final response and the number of question pages."""
    response = client.get(start)
    screens = 0
    for codes in pages:
        assert level_of(response) is None
        screens += 1
        response = answer(client, response, *codes)
        assert response.status_code == 200
        if level_of(response):
            break
    return response, screens


def story(spec, findings) -> list[str]:
    """The answers, with a context option for each single choice they leave unanswered."""
    given = list(findings)
    for choice, (_page, options, _not_sure) in spec.choices.items():
        if not set(options) & set(given):
            given.append(NEUTRAL[choice])
    return given


def pages_for(spec, findings) -> list[list[str]]:
    """The five pages' answers for a set of findings, each on the page that asks it."""
    return [[c for c in spec.findings_on(page) if c in findings] for page in spec.pages]


def section(page: str, marker: str) -> str:
    """The inside of the element (section, list, item or div) that carries the given attribute,
    nested elements of its kind included; empty if the page has none."""
    found = re.search(rf"<(section|ul|div|li)\b[^>]*{marker}[^>]*>", page)
    if not found:
        return ""
    tag, depth, position = found.group(1), 1, found.end()
    for tag_match in re.finditer(rf"<(/?){tag}\b[^>]*>", page[position:]):
        depth += -1 if tag_match.group(1) else 1
        if depth == 0:
            return page[position : position + tag_match.start()]
    return page[position:]


def services_on(response) -> list[str]:
    return re.findall(r'data-service="([^"]+)"', without_templates(response))


def net_groups(response) -> dict[str, list[str]]:
    """The safety net: each group's level, and its signs in order."""
    groups = re.findall(
        r'data-result-net="([a-z_]+)"><h3[^>]*>.*?</h3>\s*<ul>(.*?)</ul>', text_of(response), re.S
    )
    return {level: re.findall(r"<li>(.*?)</li>", signs, re.S) for level, signs in groups}


# The form, page by page


PATHS = [
    ([["heavy_bleeding"]], "emergency", 1),
    ([["shock_signs", "object_stuck"]], "emergency", 1),
    ([[], ["when_later"], ["pregnancy_signs"]], "emergency", 3),  # age left unanswered
    ([[], ["fist_or_object", "when_later"], ["age_18_to_44"], ["belly_pain"]], "emergency", 4),
    (
        [[], ["condomless", "partner_risk", "when_48h"], ["age_18_to_44"], [], []],
        "urgent",
        5,
    ),
    (
        [[], ["condomless", "partner_risk", "when_2_to_3_days"], ["age_18_to_44"], [], []],
        "er_today",
        5,
    ),
    (
        [[], ["non_consensual", "when_later"], ["age_18_to_44"], ["dark_stool"], ["sti_symptoms"]],
        "er_today",
        5,
    ),
    ([[], ["non_consensual", "when_later"], ["age_18_to_44"], [], []], "urgent", 5),
    ([[], ["condomless", "partner_risk", "when_later"], ["age_18_to_44"], [], []], "soon", 5),
    ([[], ["when_later"], ["age_45_to_64"], [], ["lump_or_piles"]], "soon", 5),
    ([[], ["when_later"], ["age_14_to_17"], [], []], "soon", 5),
    ([[], ["when_later"], ["age_13_or_under"], [], []], "urgent", 5),
    ([[], ["condomless", "when_later"], ["age_18_to_44"], [], []], "self_care", 5),
    ([[], ["when_later"], ["age_18_to_44"], [], []], "self_care", 5),
]


@pytest.mark.parametrize(("pages", "level", "screens"), PATHS)
def test_each_path_reaches_its_level(client, spec, pages, level, screens):
    assert spec.level([code for page in pages for code in page]) == level  # the story is right
    response, asked = walk(client, pages)
    assert level_of(response) == level
    assert asked == screens <= 5


def test_every_emergency_sign_goes_straight_to_the_emergency_result(client, spec):
    for code in spec.codes_on("emergency"):
        response = answer(client, client.get(START), code)
        assert level_of(response) == "emergency"


def test_every_rule_through_the_pages_gives_its_level_and_its_reason(
    client, spec, rules, spec_rule
):
    findings = story(spec, spec.rules[spec_rule].answers())
    level = spec.rules[spec_rule].level
    assert spec.assess(findings)[0] == level
    response, _ = walk(client, pages_for(spec, findings))
    assert level_of(response) == level
    reasons = section(text_of(response), "data-result-reasons")
    assert rules.rule_by_code[spec_rule].text in reasons


def test_first_page_asks_the_emergency_signs_with_none_of_these(client, spec):
    response = client.get(START)
    form = FormReader(response.content.decode())
    assert [v for n, v in form.boxes if n == "findings"] == spec.codes_on("emergency")
    assert form.radios == []
    assert ("none", "emergency") in form.boxes
    assert "None of these" in response.content.decode()
    assert "question 1 of 5" in response.content.decode()


def test_each_page_asks_its_ticks_then_its_single_choice_in_the_specifications_order(client, spec):
    response = client.get(START)
    for number, page in enumerate(spec.pages, start=1):
        form = FormReader(response.content.decode())
        assert f"question {number} of 5" in response.content.decode()
        assert [v for n, v in form.boxes if n == "findings"] == spec.findings_on(page)
        options = [c for c in spec.findings_on(page) if spec.choice_of[c]]
        assert form.radios == options
        assert ("none", page) in form.boxes  # every page's ticks have "None of these"
        choice = [spec.choice_of[c] for c in options[:1]]
        response = answer(client, response, *(NEUTRAL[c] for c in choice))


def test_earlier_answers_travel_in_hidden_fields_not_the_url(client):
    response = client.get(START)
    response = answer(client, response)  # no emergency signs
    response = answer(client, response, "condomless", "when_48h")
    form = FormReader(response.content.decode())
    assert sorted(v for n, v in form.hidden if n == "findings") == ["condomless", "when_48h"]
    assert ("none", "emergency") in form.hidden
    assert form.action == START
    assert response.request["QUERY_STRING"] == ""


def test_back_shows_the_page_before_with_its_answers_and_keeps_the_rest(client):
    response = client.get(START)
    response = answer(client, response)
    response = answer(client, response, "condomless", "partner_risk", "when_later")
    response = answer(client, response, "pregnant", "age_18_to_44")  # now on page 4
    response = answer(client, response, button="back")
    page = response.content.decode()
    assert "question 3 of 5" in page
    assert re.search(r'value="pregnant" [^>]*checked', page)
    assert re.search(r'value="age_18_to_44" [^>]*checked', page)
    form = FormReader(page)
    assert sorted(v for n, v in form.hidden if n == "findings") == [
        "condomless",
        "partner_risk",
        "when_later",
    ]
    response = answer(client, response, button="back")
    page = response.content.decode()
    assert "question 2 of 5" in page
    for code in ("condomless", "partner_risk", "when_later"):
        assert re.search(rf'value="{code}" [^>]*checked', page)
    # Going forward again keeps every answer: none is lost on the way back.
    response = answer(client, response)
    assert re.search(r'value="pregnant" [^>]*checked', response.content.decode())
    assert re.search(r'value="age_18_to_44" [^>]*checked', response.content.decode())


def test_change_your_answers_goes_to_the_first_page_with_every_answer(client):
    response, _ = walk(client, [[], ["non_consensual", "when_later"], ["age_18_to_44"], [], []])
    assert level_of(response) == "urgent"
    assert "Change your answers" in response.content.decode()
    form = re.search(r"<form[^>]*data-result-change>.*?</form>", response.content.decode(), re.S)
    fields = re.findall(r'name="(findings|none)" value="([a-z_0-9]+)"', form.group(0))
    assert ("findings", "non_consensual") in fields
    assert ("findings", "when_later") in fields
    data: dict[str, list[str]] = {"change": ["1"]}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    again = client.post(START, data)
    page = again.content.decode()
    assert "question 1 of 5" in page
    assert re.search(r'id="none-emergency" [^>]*checked', page)
    assert ("findings", "non_consensual") in FormReader(page).hidden


@pytest.mark.parametrize(
    ("data", "question"),
    [
        ({"step": "about_the_sex", "none": ["emergency", "about_the_sex"]}, "when"),
        (
            {"step": "about_the_sex", "none": ["emergency"], "findings": ["condomless"]},
            "when",
        ),
        (
            {
                "step": "about_you",
                "none": ["emergency", "about_the_sex", "about_you"],
                "findings": ["when_later"],
            },
            "age",
        ),
    ],
    ids=["page-2-none", "page-2-tick", "page-3-none"],
)
def test_pages_2_and_3_ask_for_their_single_choice_naming_the_question(
    client, rules, data, question
):
    response = client.post(START, data)
    assert response.status_code == 200
    assert level_of(response) is None
    page = text_of(response)
    assert 'role="alert"' in page
    error = re.search(r'class="error-summary__list">(.*?)</ul>', page, re.S).group(1)
    assert rules.choice_by_code[question].question in error
    assert f'name="step" value="{data["step"]}"' in page
    form = FormReader(page)
    assert ("none", "emergency") in form.hidden
    for code in data.get("findings", []):  # what was answered stays answered
        assert (("findings", code) in form.hidden) or (("findings", code) in form.checked)
    assert form.radios  # the options are on the page again, under the same field name
    assert all(("findings", option) in form.boxes for option in form.radios)
    # Choosing one moves on.
    moved = answer(client, response, NEUTRAL[question])
    assert level_of(moved) is None
    assert "question" in moved.content.decode()
    assert f'name="step" value="{data["step"]}"' not in moved.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"step": "about_the_sex", "findings": ["heavy_bleeding"], "none": ["about_the_sex"]},
        {
            "step": "about_you",
            "findings": ["when_later", "pregnancy_signs"],
            "none": ["emergency", "about_the_sex", "about_you"],
        },
        {"step": "about_you", "findings": ["pregnancy_signs"], "none": ["emergency"]},
        {"step": "emergency", "findings": ["danger_signs"], "none": ["emergency"]},
    ],
    ids=["carried-sign-page-2", "page-3-with-none-of-these", "page-3-no-age", "page-1-with-none"],
)
def test_answers_that_match_an_emergency_rule_go_straight_to_the_result(client, data):
    """Principle 4: an unanswered single choice, or "None of these" also ticked, never holds
    back an emergency result."""
    response = client.post(START, data)
    assert response.status_code == 200
    assert level_of(response) == "emergency"


def test_a_missing_single_choice_is_never_an_error_and_counts_as_not_sure(client, spec, rules):
    for findings in (["condomless", "partner_risk"], ["shared_needles"], ["fever"], []):
        response = client.post(RESULT, {"findings": findings})
        assert response.status_code == 200
        level, codes = spec.assess(findings)
        assert level_of(response) == level
        reasons = section(text_of(response), "data-result-reasons")
        for code in codes:
            assert rules.rule_by_code[code].text in reasons
    assert level_of(client.post(RESULT, {"findings": ["condomless", "partner_risk"]})) == (
        "er_today"  # timing not given: the PEP window may be closing
    )


@pytest.mark.parametrize(
    ("url", "data"),
    [
        (RESULT, {"findings": ["when_48h", "when_later"]}),
        (RESULT, {"findings": ["age_13_or_under", "age_65_plus", "fever"]}),
        (
            START,
            {
                "step": "about_you",
                "findings": ["when_later", "age_13_or_under", "age_65_plus"],
                "none": ["emergency", "about_the_sex", "about_you"],
            },
        ),
    ],
)
def test_two_options_of_one_single_choice_are_refused_naming_both(client, spec, url, data):
    response = client.post(url, data)
    assert response.status_code == 400
    assert level_of(response) is None
    page = response.content.decode()
    chosen = [code for code in data["findings"] if spec.choice_of[code]]
    both = [
        code
        for code in chosen
        if [spec.choice_of[c] for c in chosen].count(spec.choice_of[code]) == 2
    ]
    assert len(both) == 2
    assert ", ".join(sorted(both)) in page
    assert "no-store" in response["Cache-Control"]


def test_the_check_sets_no_cookie_and_keeps_no_session(client):
    response, _ = walk(
        client, [[], ["when_later"], ["age_18_to_44"], ["bloody_diarrhea"], ["sti_symptoms"]]
    )
    assert level_of(response) == "urgent"
    assert client.cookies == {}
    assert response.cookies == {}
    from django.contrib.sessions.models import Session

    assert not Session.objects.exists()


def test_form_works_with_csrf_checks_enforced(spec):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(RESULT, {"findings": ["object_stuck"]})
    assert response.status_code == 200
    assert level_of(response) == "emergency"
    assert client.post(START, {"step": "emergency", "none": "emergency"}).status_code == 200


def test_pages_with_answers_are_never_stored(client):
    step = client.post(START, {"step": "emergency", "none": "emergency"})
    asked_again = client.post(START, {"step": "about_the_sex", "none": "about_the_sex"})
    result = client.post(RESULT, {"findings": ["sti_symptoms"]})
    bad = client.post(RESULT, {"findings": ["nope"]})
    two = client.post(RESULT, {"findings": ["when_48h", "when_unsure"]})
    for response in (step, asked_again, result, bad, two):
        assert "no-store" in response["Cache-Control"]


def test_result_contract_answers_200_with_the_level_marked(client, spec):
    for findings in (
        [],
        ["lump_or_piles"],
        ["dark_stool", "bowel_changes"],
        ["non_consensual", "when_later"],
        ["fever", "age_65_plus"],
        ["shared_needles", "when_2_to_3_days"],
        spec.ticks,
    ):
        response = client.post(RESULT, {"findings": findings})
        assert response.status_code == 200
        assert level_of(response) == spec.assess(findings)[0]
    assert {level_of(client.post(RESULT, {"findings": [c]})) for c in spec.ticks} | {
        "self_care"
    } == set(spec.levels)  # all five levels are reached


# What every result carries


def test_result_says_why_what_to_do_and_what_would_change_it(client, spec, rules):
    findings = story(spec, ["sti_symptoms", "bleeding_persists"])
    response = client.post(RESULT, {"findings": findings})
    assert level_of(response) == "soon"
    page = text_of(response)
    soon = rules.level_by_code["soon"]
    assert soon.title in page
    assert all(line in page for line in soon.advice)
    # Reasons: the matching rules, in the specification's order, with their sources.
    reasons = section(page, "data-result-reasons")
    persists, sti = (rules.rule_by_code[c].text for c in ("bleeding_persists", "sti_symptoms"))
    assert 0 <= reasons.index(persists) < reasons.index(sti)
    assert "What you told us" in page
    assert spec.publishers["CDC"] in reasons
    assert spec.publishers["Mayo Clinic"] in reasons
    # The safety net: one group per more urgent level, headed by that level's action.
    assert "If things change" in page
    groups = net_groups(response)
    assert list(groups) == ["emergency", "er_today", "urgent"]
    for level in groups:
        assert rules.level_by_code[level].signs_heading in page
        assert 0 < len(groups[level]) <= 8
    assert rules.rule_by_code["heavy_bleeding"].watch_for in groups["emergency"]
    assert rules.rule_by_code["dark_stool"].watch_for in groups["er_today"]
    assert rules.rule_by_code["fever"].watch_for in groups["urgent"]
    signs = [sign for group in groups.values() for sign in group]
    assert len(signs) == len(set(signs))  # a sign appears once
    # strangled and pregnant were not ticked on pages that were reached.
    assert rules.rule_by_code["strangulation_signs"].watch_for not in signs
    assert rules.rule_by_code["pregnancy_signs"].watch_for not in signs
    # "Until then": home care, the self-care level's steps.
    home = section(page, 'aria-labelledby="result-home"')
    assert "Until then" in page
    assert all(line in home for line in rules.level_by_code["self_care"].advice)
    assert "/guides/at-the-appointment/" in page
    assert "Also tell the staff" not in page


def test_the_safety_net_lists_first_the_signs_that_follow_the_persons_own_answers(
    client, spec, rules
):
    weak = client.post(RESULT, {"findings": story(spec, ["weak_immune_system"])})
    assert level_of(weak) == "urgent"
    assert net_groups(weak)["emergency"][0] == rules.rule_by_code["fever_weak_immunity"].watch_for
    pregnant = client.post(RESULT, {"findings": story(spec, ["pregnant"])})
    assert level_of(pregnant) == "soon"
    assert net_groups(pregnant)["emergency"][0] == rules.rule_by_code["pregnancy_signs"].watch_for
    strangled = client.post(RESULT, {"findings": story(spec, ["strangled"])})
    assert level_of(strangled) == "er_today"
    assert rules.rule_by_code["strangulation_signs"].watch_for in net_groups(strangled)["emergency"]


def test_self_care_result_carries_home_care_help_and_every_level_of_warning_signs(client, rules):
    response = client.post(RESULT, {})
    assert level_of(response) == "self_care"
    page = text_of(response)
    assert all(line in page for line in rules.level_by_code["self_care"].advice)
    assert list(net_groups(response)) == ["emergency", "er_today", "urgent", "soon"]
    assert "Where to get help" in page
    assert "Nothing you told us needs care from a doctor right now." in page
    assert "Also tell the staff" not in page
    assert "Until then" not in page


def test_the_nurse_script_says_each_answer_in_the_order_asked(client, spec, rules):
    response = client.post(RESULT, {"findings": ["lump_or_piles", "age_45_to_64"]})
    page = text_of(response)
    assert "What to tell the nurse or doctor" in page
    told = section(page, "data-result-script")
    age, lump = (rules.finding_by_code[c].said for c in ("age_45_to_64", "lump_or_piles"))
    assert 0 <= told.index(age) < told.index(lump)
    assert "Print or save this page" in page
    assert "A saved or printed page stays on this device" in page
    nothing = text_of(client.post(RESULT, {}))
    assert "None of the signs it asked about." in nothing


def test_an_english_result_has_no_second_english_line_and_no_interpreter_request(client):
    """The English beside each line, and the request for an interpreter, are for Spanish
    pages (spec, "What to tell the nurse or doctor")."""
    page = text_of(client.post(RESULT, {"findings": ["lump_or_piles", "age_45_to_64"]}))
    told = section(page, 'aria-labelledby="result-tell"')
    assert 'lang="en"' not in told
    assert "interpreter" not in told


def test_the_nurse_script_says_nothing_for_questions_never_reached(client, rules):
    response = client.post(START, {"step": "emergency", "findings": ["heavy_bleeding"]})
    assert level_of(response) == "emergency"
    told = section(text_of(response), "data-result-script")
    assert rules.finding_by_code["heavy_bleeding"].said in told
    for code in ("when_unsure", "age_unsaid"):
        assert rules.finding_by_code[code].said not in told
    assert told.count("<li") == 1


def test_private_nurse_script_lines_can_be_hidden_and_others_cannot(client, spec, rules):
    assert {f.code for f in rules.findings if f.private} == spec.private
    findings = [*sorted(spec.private), "lump_or_piles", "when_later", "age_14_to_17"]
    page = client.post(RESULT, {"findings": findings}).content.decode()
    for code in spec.private:
        assert re.search(rf'<input[^>]*type="checkbox"[^>]*id="hide-{code}"', page), code
    for code in ("lump_or_piles", "when_later", "age_14_to_17"):
        assert f'id="hide-{code}"' not in page


def test_a_spanish_result_is_in_spanish_with_the_english_lines_for_the_nurse(
    client, spec, rules, rules_es
):
    findings = story(spec, ["leaking_poop", "non_consensual"])
    response = client.post(ES_RESULT, {"findings": findings})
    assert response.status_code == 200
    assert level_of(response) == "er_today"
    page = text_of(response)
    assert 'lang="es' in page[:300]
    assert rules_es.level_by_code["er_today"].title in page
    assert "sala de emergencias" in page
    reasons = section(page, "data-result-reasons")
    assert rules_es.rule_by_code["leaking_poop"].text in reasons
    assert rules.rule_by_code["leaking_poop"].text not in reasons
    told = section(page, 'aria-labelledby="result-tell"')
    assert "Necesito un intérprete" in told
    for code in ("leaking_poop", "non_consensual"):
        assert rules_es.finding_by_code[code].said in told
        english = re.escape(rules.finding_by_code[code].said)
        assert re.search(rf'<span[^>]*lang="en"[^>]*>{english}</span>', told), code
    assert "https://rainn.org/es" in page  # RAINN's Spanish service
    assert 'action="/es/triage/"' in page  # "Change your answers" stays in Spanish


def test_an_er_today_result_sends_to_the_emergency_room_and_never_to_urgent_care(client, spec):
    er = "Go to an emergency room today, not an urgent care center."
    response = client.post(RESULT, {"findings": story(spec, ["leaking_poop"])})
    assert level_of(response) == "er_today"
    assert er in text_of(response)
    assert "emergency-room" in services_on(response)
    assert "urgent-care" not in services_on(response)
    assert "EMTALA" in text_of(response)
    urgent = client.post(RESULT, {"findings": story(spec, ["bloody_diarrhea"])})
    assert level_of(urgent) == "urgent"
    assert er not in text_of(urgent)


FORBIDDEN = {
    "emergency": ["urgent care", "clinic", "same-day doctor", "call first", "next few days"],
    "urgent": ["next few days"],
}
FORBIDDEN["er_today"] = FORBIDDEN["emergency"] + ["school nurse"]
FORBIDDEN["emergency"].append("school nurse")


def cards_and_reasons(response) -> str:
    """The level card, the reasons (without their sources) and the help cards, as text."""
    page = without_templates(response)
    result = page[page.index('<div class="triage-result"') :]
    for marker in (
        'aria-labelledby="result-staff"',
        'aria-labelledby="result-change"',
        'aria-labelledby="result-home"',
        'aria-labelledby="result-tell"',
        'aria-labelledby="result-read"',
    ):
        result = re.sub(rf"<section[^>]*{marker}.*?</section>", "", result, flags=re.S)
    result = re.sub(r"<details.*?</details>", "", result, flags=re.S)
    result = re.sub(r"<form.*?</form>", "", result, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", result)))


@pytest.mark.parametrize("level", ["emergency", "er_today", "urgent"])
def test_no_card_reason_or_help_names_a_place_the_level_forbids(client, spec, level):
    """Principle 5, for every rule of the level alone and with each PEP rule beside it."""
    stories = [story(spec, spec.rules[code].answers()) for code in spec.rules_at(level)]
    stories += [
        story(spec, [*spec.rules[code].answers(), *spec.rules[pep].answers()])
        for code in spec.rules_at(level)[:3]
        for pep in sorted(spec.pep_rules)
    ]
    for findings in stories:
        if not spec.valid(findings) or spec.level(findings) != level:
            continue
        response = client.post(RESULT, {"findings": findings})
        assert level_of(response) == level
        words = re.sub(r"\bnot\b[^.;:]*?urgent care", "", cards_and_reasons(response), flags=re.I)
        for word in FORBIDDEN[level]:
            assert word not in words.lower(), (findings, word)


HELP_BY_LEVEL = [
    (["heavy_bleeding"], "emergency", ["emergency-number", "crisis-988"], ["urgent-care"]),
    (
        ["leaking_poop"],
        "er_today",
        ["emergency-room", "crisis-988"],
        ["urgent-care", "sexual-health-clinic-today", "find-a-clinic"],
    ),
    (
        ["bloody_diarrhea"],
        "urgent",
        ["urgent-care", "sexual-health-clinic-today", "er-at-night", "crisis-988"],
        ["pep-today", "pepline", "find-a-clinic"],
    ),
    (
        ["lump_or_piles"],
        "soon",
        ["find-a-clinic", "planned-parenthood", "cdc-info", "crisis-988"],
        ["urgent-care", "emergency-room"],
    ),
    (
        [],
        "self_care",
        ["find-a-clinic", "planned-parenthood", "cdc-info", "crisis-988"],
        ["urgent-care", "emergency-room"],
    ),
]


@pytest.mark.parametrize(("findings", "level", "shown", "not_shown"), HELP_BY_LEVEL)
def test_every_level_says_where_to_get_help(client, spec, findings, level, shown, not_shown):
    response = client.post(RESULT, {"findings": story(spec, findings)})
    assert level_of(response) == level
    page = text_of(response)
    assert "Where to get help" in page
    assert set(shown) <= set(services_on(response))
    assert not set(not_shown) & set(services_on(response))
    assert 'href="tel:988"' in page  # on every result
    assert "888-448-4911" not in page  # the PEPline only with a PEP rule
    if level in ("emergency", "er_today"):
        assert "EMTALA" in page
    if level in ("soon", "self_care"):
        assert "https://gettested.cdc.gov/" in page
        assert 'href="tel:18002307526"' in page  # Planned Parenthood
        assert 'href="tel:8002324636"' in page  # CDC-INFO
    if level == "emergency":
        assert 'href="tel:911"' in page


@pytest.mark.parametrize(
    ("findings", "level", "pep_card", "other_pep_card"),
    [
        (["condomless", "partner_risk", "when_48h"], "urgent", "pep-today", "pep-at-the-er"),
        (["shared_needles", "when_48h"], "urgent", "pep-today", "pep-at-the-er"),
        (
            ["condomless", "partner_risk", "when_2_to_3_days"],
            "er_today",
            "pep-at-the-er",
            "pep-today",
        ),
        (["non_consensual", "when_48h"], "er_today", "pep-at-the-er", "pep-today"),
        (
            ["heavy_bleeding", "condomless", "partner_risk", "when_48h"],
            "emergency",
            "pep-at-the-er",
            "pep-today",
        ),
    ],
)
def test_a_pep_rule_brings_a_where_to_get_pep_card_and_the_pepline(
    client, spec, findings, level, pep_card, other_pep_card
):
    findings = story(spec, findings)
    assert set(spec.assess(findings)[1]) & spec.pep_rules
    response = client.post(RESULT, {"findings": findings})
    assert level_of(response) == level
    shown = services_on(response)
    assert pep_card in shown
    assert other_pep_card not in shown
    page = text_of(response)
    card = section(page, f'data-service="{pep_card}"')
    assert "888-448-4911" in page  # for the clinician
    if level == "urgent":
        # An emergency room first; others only if they say on the phone they can start it.
        assert shown.index("pep-today") < shown.index("urgent-care")
        assert card.index("emergency room") < card.index("call first")
    else:
        assert "HIV PEP" in card
        assert "urgent care" not in card.lower()
        assert "call first" not in card


TEL = {
    "rainn": 'href="tel:8006564673"',
    "domestic violence": 'href="tel:8007997233"',
    "childhelp": 'href="tel:18004224453"',
    "trevor": 'href="tel:18664887386"',
    "trafficking": 'href="tel:18883737888"',
}


@pytest.mark.parametrize(
    ("findings", "brought"),
    [
        (["dark_stool"], set()),
        (["heavy_bleeding"], set()),
        (["non_consensual"], {"rainn"}),
        (["non_consensual", "when_48h"], {"rainn"}),
        (["strangled"], {"domestic violence"}),
        (["strangulation_signs"], {"domestic violence"}),
        (["age_13_or_under"], {"childhelp", "trevor"}),
        (["age_14_to_17"], {"trevor"}),
        (["older_partner", "age_14_to_17"], {"childhelp", "trevor"}),
        (["traded_sex"], {"trafficking"}),
        (["traded_sex", "age_14_to_17"], {"trafficking", "childhelp", "trevor"}),
    ],
)
def test_support_lines_come_with_the_reasons_that_bring_them(client, spec, findings, brought):
    page = client.post(RESULT, {"findings": story(spec, findings)}).content.decode()
    for name, link in TEL.items():
        assert (link in page) == (name in brought), name


def test_also_tell_the_staff_prompts_for_the_pages_never_reached(client):
    response = client.post(START, {"step": "emergency", "findings": ["object_stuck"]})
    assert level_of(response) == "emergency"
    page = text_of(response)
    assert "Do not drive yourself" in page
    staff = section(page, "data-result-staff")
    for words in ("blood thinner", "pregnant", "HIV", "diabetes", "poppers", "forensic", "72"):
        assert words in staff, words
    # Lines, not cards: no PEP or assault support card on every emergency.
    assert 'href="tel:8006564673"' not in page
    assert not {"pep-at-the-er", "pepline", "rainn"} & set(services_on(response))


def test_also_tell_the_staff_lists_the_answers_given_and_only_unreached_prompts(
    client, spec, rules
):
    findings = story(spec, ["blood_thinners", "still_bleeding"])
    response = client.post(RESULT, {"findings": findings})
    assert level_of(response) == "er_today"
    staff = section(text_of(response), "data-result-staff")
    assert rules.finding_by_code["blood_thinners"].tell_staff
    assert rules.finding_by_code["blood_thinners"].tell_staff in staff
    for page in ("about_the_sex", "about_you"):  # reached: no prompt for them
        for line in rules.page_by_code[page].unreached:
            assert line not in staff


@pytest.mark.parametrize("findings", [["fever"], ["lump_or_piles"], []])
def test_also_tell_the_staff_is_only_on_emergency_and_er_today_results(client, spec, findings):
    page = text_of(client.post(RESULT, {"findings": story(spec, findings)}))
    assert "Also tell the staff" not in page


def test_only_the_soon_result_has_until_then(client, spec):
    soon = text_of(client.post(RESULT, {"findings": story(spec, ["lump_or_piles"])}))
    urgent = text_of(client.post(RESULT, {"findings": story(spec, ["fever"])}))
    assert "Until then" in soon
    assert "Until then" not in urgent


def test_emergency_result_puts_the_call_link_before_everything_else(client):
    page = client.post(RESULT, {"findings": ["severe_abdominal_pain"]}).content.decode()
    main = page[page.index('<main id="main"') :]
    first_link = re.search(r'<a [^>]*href="([^"]+)"', main).group(1)
    assert first_link == "tel:911"
    assert main.index('href="tel:911"') < main.index("<h1")


def test_emergency_number_comes_from_settings(client, settings):
    settings.EMERGENCY_NUMBER = "112"
    page = client.post(RESULT, {"findings": ["heavy_bleeding"]}).content.decode()
    assert 'href="tel:112"' in page
    assert "Call 112" in page


# Refusals: never taken for "no signs", never repeating what was sent


def test_retired_codes_are_refused_by_name(client, spec):
    assert set(spec.retired_v2) <= set(spec.retired)
    for code in spec.retired:
        response = client.post(RESULT, {"findings": [code]})
        assert response.status_code == 400
        assert code in response.content.decode()
        assert "older version of the check" in response.content.decode()


def test_unknown_code_gives_a_400_page_that_does_not_repeat_it(client):
    """Another site's form could post any text as a code; the page must not show its words."""
    spoof = "You are fine. Do not call 911, call 555-0100 instead"
    response = client.post(RESULT, {"findings": ["heavy_bleeding", spoof, "<script>x</script>"]})
    assert response.status_code == 400
    page = response.content.decode()
    assert "555-0100" not in page
    assert "script&gt;" not in page
    assert "<script>x" not in page
    assert "not part of this check" in page
    assert "Start the check again" in page


def test_unknown_code_on_a_question_page_gives_a_400(client):
    response = client.post(START, {"step": "emergency", "findings": ["bogus"]})
    assert response.status_code == 400
    assert "bogus" not in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"step": "self_care"},
        {"step": "nope"},
        {"step": ""},
        {},
        {"step": "soon", "none": ""},
        {"step": "soon", "none": "urgent"},
        {"step": "urgent", "none": "urgent"},
        {"none": "soon"},
    ],
)
def test_a_question_page_that_does_not_exist_gives_a_400(client, data):
    response = client.post(START, data)
    assert response.status_code == 400
    assert "start again" in response.content.decode()


def test_a_page_sent_without_an_answer_is_shown_again_with_an_error(client):
    response = client.post(START, {"step": "about_you", "none": "emergency"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'role="alert"' in page
    assert "None of these" in page
    assert level_of(response) is None
    assert 'name="step" value="about_you"' in page
    assert ("none", "emergency") in FormReader(page).hidden


def test_the_last_page_sent_without_an_answer_keeps_earlier_answers(client):
    response = client.post(RESULT, {"step": "soon", "findings": ["dark_stool"]})
    assert response.status_code == 200
    assert level_of(response) is None
    form = FormReader(response.content.decode())
    assert ("findings", "dark_stool") in form.hidden


def test_none_of_these_with_a_sign_on_the_same_page_is_an_error(client):
    response = client.post(
        START, {"step": "today", "none": "today", "findings": ["fever", "pregnant"]}
    )
    page = response.content.decode()
    assert level_of(response) is None
    assert 'role="alert"' in page
    assert "“None of these” and a sign" in page
    assert re.search(r'value="fever" [^>]*checked', page)  # what was ticked stays ticked
    assert ("findings", "pregnant") in FormReader(page).hidden


def test_result_address_without_answers_starts_the_check_again(client):
    response = client.get(RESULT)
    assert response.status_code == 302
    assert response["Location"] == START


def test_get_help_lists_services_with_call_links(client):
    from django.urls import reverse

    response = client.get(reverse("get-help"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="tel:911"' in page
    assert 'href="tel:8006564673"' in page
    assert "https://gettested.cdc.gov/" in page
    assert 'href="tel:988"' in page


def test_the_form_leaves_no_finding_code_in_the_logs(client, caplog, spec):
    caplog.set_level("DEBUG")
    walk(
        client,
        [[], ["condomless", "non_consensual", "when_48h"], ["pregnant", "age_14_to_17"], [], []],
    )
    client.post(START, {"step": "emergency", "findings": ["object_stuck"]})
    client.post(START, {"step": "about_the_sex", "findings": ["strangled"], "none": "emergency"})
    client.post(RESULT, {"findings": [*spec.codes, "not_a_code"]})
    client.post(RESULT, {"findings": ["when_48h", "when_later"]})
    client.post(START, {"step": "today", "findings": ["heavy_bleeding"]})
    logged = "\n".join(
        f"{record.getMessage()} {record.args} {record.__dict__}" for record in caplog.records
    )
    for code in spec.codes:
        assert code not in logged


def test_answers_are_hidden_from_error_reports(client):
    from django.views.debug import SafeExceptionReporterFilter

    response = client.post(RESULT, {"findings": ["non_consensual"]})
    request = response.wsgi_request
    assert request.sensitive_post_parameters == "__ALL__"
    cleaned = SafeExceptionReporterFilter().get_post_parameters(request)
    assert "non_consensual" not in str(dict(cleaned))


UNREADABLE_BODIES = {
    "json": ('{"findings": ["heavy_bleeding"]}', "application/json"),
    "plain text": ("findings=heavy_bleeding", "text/plain"),
    "bytes": ("findings=heavy_bleeding", "application/octet-stream"),
    "form of nothing": ("&&&&", "application/x-www-form-urlencoded"),
    "wrong boundary": (
        '--other\r\nContent-Disposition: form-data; name="findings"\r\n\r\nheavy_bleeding\r\n'
        "--other--\r\n",
        "multipart/form-data; boundary=declared",
    ),
    "misspelt field": ("finding=heavy_bleeding", "application/x-www-form-urlencoded"),
}


@pytest.mark.parametrize("url", [START, RESULT])
@pytest.mark.parametrize("body", UNREADABLE_BODIES.values(), ids=UNREADABLE_BODIES.keys())
def test_answers_that_cannot_be_read_are_refused_not_taken_for_no_signs(client, url, body):
    # Django reads such a body as an empty form; on the result page that would mean self-care.
    data, content_type = body
    response = client.post(url, data, content_type=content_type)
    assert response.status_code in (400, 415)
    assert level_of(response) is None
    assert "We could not read your answers" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_a_body_of_another_type_is_415_and_says_to_send_a_form(client):
    response = client.post(RESULT, "{}", content_type="application/json")
    assert response.status_code == 415
    assert "Send the answers as a form" in response.content.decode()


def test_a_misspelt_field_is_refused_without_repeating_it(client):
    response = client.post(RESULT, {"finding": "heavy_bleeding", "Call 555-0100 instead": "1"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "fields that this check does not use" in page
    assert "555-0100" not in page


@pytest.mark.parametrize(
    "data",
    [
        {"step": ""},
        {"step": "emergency", "none": "emergency"},
        {"step": "today", "none": "today"},
        {"none": "soon"},
    ],
)
def test_the_result_takes_only_what_the_last_page_sends(client, data):
    """Answers from an earlier page skipped the later questions; a "None of these" sent without
    its page answers nothing. Neither may end in self-care."""
    response = client.post(RESULT, data)
    assert response.status_code == 400
    assert level_of(response) is None


def test_none_of_these_for_another_page_does_not_answer_the_last_one(client):
    response = client.post(RESULT, {"step": "soon", "none": "today"})
    assert level_of(response) is None
    assert 'role="alert"' in response.content.decode()


@pytest.mark.parametrize("url", [START, RESULT])
def test_answers_sent_in_chunks_are_refused_with_411(client, url):
    response = client.post(
        url,
        "findings=heavy_bleeding",
        "application/x-www-form-urlencoded",
        headers={"Transfer-Encoding": "chunked"},
    )
    assert response.status_code == 411
    assert level_of(response) is None


def test_an_empty_form_is_no_signs_in_either_encoding(client):
    assert level_of(client.post(RESULT)) == "self_care"  # no body, no type: nothing was sent
    empty_urlencoded = client.generic(
        "POST", RESULT, b"", content_type="application/x-www-form-urlencoded"
    )
    assert level_of(empty_urlencoded) == "self_care"
    assert level_of(client.post(RESULT, {})) == "self_care"  # multipart: its closing boundary

"""The check without JavaScript, through Django's test client: the form contract of the
specification, page by page, as a browser without JavaScript would submit it."""

import html
import re
from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.django_db

START = "/triage/"
RESULT = "/triage/result/"


class FormReader(HTMLParser):
    """The check's form on a page: where it posts, hidden fields, and the tick boxes offered."""

    def __init__(self, html: str):
        super().__init__()
        self.action = None
        self.method = None
        self.hidden: list[tuple[str, str]] = []
        self.boxes: list[tuple[str, str]] = []
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
            if "checked" in attributes:
                self.checked.append(pair)

    def handle_endtag(self, tag):
        if tag == "template":
            self.in_template -= 1
        elif tag == "form":
            self.in_form = False


def answer(client, response, *codes: str, button: str | None = None):
    """Tick the given signs on the page shown (or "None of these" if none) and submit, with
    everything the page carries in hidden fields, as a browser would."""
    form = FormReader(response.content.decode())
    assert form.method == "post"
    offered = [value for name, value in form.boxes if name == "findings"]
    for code in codes:
        assert code in offered, f"{code} is not asked on this page"
    data: dict[str, list[str]] = {}
    for name, value in form.hidden + form.checked:  # a browser sends the ticks already in place
        data.setdefault(name, []).append(value)
    data.setdefault("findings", []).extend(c for c in codes if c not in data["findings"])
    if not codes and not form.checked and button is None:
        data.setdefault("none", []).append(
            next(value for name, value in form.boxes if name == "none")
        )
    if button:
        data[button] = ["1"]
    return client.post(START if button else form.action, data)


def level_of(response) -> str | None:
    """The level marked on the result shown, if the page shows one (not a <template>)."""
    page = re.sub(r"<template.*?</template>", "", response.content.decode(), flags=re.S)
    found = re.search(r'<div class="triage-result" data-triage-level="([a-z_]+)"', page)
    return found.group(1) if found else None


def walk(client, pages: list[list[str]]):
    """Answer page after page; returns the final response and the number of question pages."""
    response = client.get(START)
    screens = 0
    for codes in pages:
        assert level_of(response) is None
        screens += 1
        response = answer(client, response, *codes)
        assert response.status_code == 200
        if level_of(response):
            break
    return response, screens


def pages_for(spec, findings) -> list[list[str]]:
    """The five pages' answers for a set of findings, each on the page that asks it."""
    return [[c for c in spec.codes_on(page) if c in findings] for page in spec.pages]


PATHS = [
    ([["heavy_bleeding"]], "emergency", 1),
    ([["shock_signs", "object_stuck"]], "emergency", 1),
    ([[], ["condomless", "partner_risk", "no_prep", "within_72h"], [], [], []], "urgent", 5),
    ([[], ["fist_or_object"], [], ["belly_pain"]], "emergency", 4),
    ([[], ["non_consensual"], [], ["dark_stool"], ["sti_symptoms"]], "urgent", 5),
    ([[], ["condomless", "partner_risk"], [], [], []], "soon", 5),
    ([[], [], ["age_45_plus"], [], ["lump_or_piles"]], "soon", 5),
    ([[], ["condomless"], ["under_18"], [], []], "self_care", 5),
    ([[], [], [], [], []], "self_care", 5),
]


@pytest.mark.parametrize(("pages", "level", "screens"), PATHS)
def test_each_path_reaches_its_level(client, pages, level, screens):
    response, asked = walk(client, pages)
    assert level_of(response) == level
    assert asked == screens <= 5


def test_every_emergency_sign_goes_straight_to_the_emergency_result(client, spec):
    for code in spec.codes_on("emergency"):
        response = answer(client, client.get(START), code)
        assert level_of(response) == "emergency"


def test_every_rule_through_the_pages_gives_its_level(client, spec, spec_rule):
    all_of, level, _ = spec.rules[spec_rule]
    response, _ = walk(client, pages_for(spec, all_of))
    assert level_of(response) == level


def test_first_page_asks_the_emergency_signs_with_none_of_these(client, spec):
    response = client.get(START)
    form = FormReader(response.content.decode())
    assert [v for n, v in form.boxes if n == "findings"] == spec.codes_on("emergency")
    assert ("none", "emergency") in form.boxes
    assert "None of these" in response.content.decode()
    assert "question 1 of 5" in response.content.decode()


def test_each_page_asks_its_findings_in_the_specifications_order(client, spec):
    response = client.get(START)
    for number, page in enumerate(spec.pages, start=1):
        form = FormReader(response.content.decode())
        assert f"question {number} of 5" in response.content.decode()
        assert [v for n, v in form.boxes if n == "findings"] == spec.codes_on(page)
        response = answer(client, response)


def test_earlier_answers_travel_in_hidden_fields_not_the_url(client):
    response = client.get(START)
    response = answer(client, response)  # no emergency signs
    response = answer(client, response, "condomless", "within_72h")
    form = FormReader(response.content.decode())
    assert sorted(v for n, v in form.hidden if n == "findings") == ["condomless", "within_72h"]
    assert ("none", "emergency") in form.hidden
    assert form.action == START
    assert response.request["QUERY_STRING"] == ""


def test_back_shows_the_page_before_with_its_ticks_and_keeps_the_rest(client):
    response = client.get(START)
    response = answer(client, response)
    response = answer(client, response, "condomless", "partner_risk")
    response = answer(client, response, "pregnant")  # now on page 4
    response = answer(client, response, button="back")
    page = response.content.decode()
    assert "question 3 of 5" in page
    assert re.search(r'value="pregnant" [^>]*checked', page)
    form = FormReader(page)
    assert sorted(v for n, v in form.hidden if n == "findings") == ["condomless", "partner_risk"]
    response = answer(client, response, button="back")
    page = response.content.decode()
    assert "question 2 of 5" in page
    assert re.search(r'value="condomless" [^>]*checked', page)
    assert re.search(r'value="partner_risk" [^>]*checked', page)
    # Going forward again keeps every answer: none is lost on the way back.
    response = answer(client, response)
    assert re.search(r'value="pregnant" [^>]*checked', response.content.decode())


def test_change_your_answers_goes_to_the_first_page_with_every_answer(client):
    response, _ = walk(client, [[], ["non_consensual"], [], [], []])
    assert level_of(response) == "urgent"
    assert "Change your answers" in response.content.decode()
    form = re.search(r"<form[^>]*data-result-change>.*?</form>", response.content.decode(), re.S)
    fields = re.findall(r'name="(findings|none)" value="([a-z_0-9]+)"', form.group(0))
    assert ("findings", "non_consensual") in fields
    data: dict[str, list[str]] = {"change": ["1"]}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    again = client.post(START, data)
    page = again.content.decode()
    assert "question 1 of 5" in page
    assert re.search(r'id="none-emergency" [^>]*checked', page)
    assert ("findings", "non_consensual") in FormReader(page).hidden


def test_the_check_sets_no_cookie_and_keeps_no_session(client):
    response, _ = walk(client, [[], [], [], ["dark_stool"], ["sti_symptoms"]])
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
    result = client.post(RESULT, {"findings": ["sti_symptoms"]})
    bad = client.post(RESULT, {"findings": ["nope"]})
    for response in (step, result, bad):
        assert "no-store" in response["Cache-Control"]


def test_result_contract_answers_200_with_the_level_marked(client, spec):
    for findings in ([], ["lump_or_piles"], ["dark_stool", "bowel_changes"], spec.codes):
        response = client.post(RESULT, {"findings": findings})
        assert response.status_code == 200
        assert level_of(response) == spec.assess(findings)[0]


def test_result_says_why_what_to_do_and_what_would_change_it(client, rules):
    response = client.post(RESULT, {"findings": ["sti_symptoms", "bleeding_persists"]})
    page = html.unescape(response.content.decode())
    soon = rules.level_by_code["soon"]
    assert soon.title in page
    assert all(line in page for line in soon.advice)
    # Reasons: the matching rules, in the specification's order, with their sources.
    reasons = re.search(r"data-result-reasons>(.*?)</ul>", page, re.S).group(1)
    persists, sti = (rules.rule_by_code[c].text for c in ("bleeding_persists", "sti_symptoms"))
    assert reasons.index(persists) < reasons.index(sti)
    assert "CDC: Sexually Transmitted Infections Treatment Guidelines" in page
    # The safety net names the signs that would move the person up a level.
    for code in ("heavy_bleeding", "object_stuck", "dark_stool", "non_consensual"):
        assert rules.finding_by_code[code].text in page
    assert "Call 911 now if you have:" in page
    assert "Get medical help today if you get:" in page
    assert "/guides/when-to-see-a-doctor/" in page
    assert "/guides/at-the-appointment/" in page
    assert "gettested.cdc.gov" in page


def test_self_care_result_lists_every_warning_sign_and_no_empty_help_heading(client, rules):
    page = html.unescape(client.post(RESULT, {}).content.decode())
    assert level_of_text(page) == "self_care"
    for level in ("emergency", "urgent", "soon"):
        for sign in rules.signs(level):
            assert sign in page
    for heading in ("Call 911 now if", "Get medical help today if", "in the next few days if"):
        assert heading in page
    assert "Where to get help" not in page


def test_every_result_says_what_to_tell_the_nurse_in_the_order_asked(client, rules):
    page = html.unescape(
        client.post(RESULT, {"findings": ["lump_or_piles", "age_45_plus"]}).content.decode()
    )
    told = re.search(r"data-result-told>(.*?)</ul>", page, re.S).group(1)
    age, lump = (rules.finding_by_code[c].text for c in ("age_45_plus", "lump_or_piles"))
    assert 0 <= told.index(age) < told.index(lump)
    assert "What to tell the nurse or doctor" in page
    nothing = client.post(RESULT, {}).content.decode()
    assert "none of the signs it asked about" in nothing


def test_an_urgent_result_names_the_emergency_room_when_a_rule_says_so(client):
    er = "Go to an emergency room today, not an urgent care center."
    assert er in client.post(RESULT, {"findings": ["leaking_poop"]}).content.decode()
    assert er not in client.post(RESULT, {"findings": ["bloody_diarrhea"]}).content.decode()


def test_the_emergency_result_always_carries_pep_and_assault_support(client):
    page = html.unescape(client.post(RESULT, {"findings": ["heavy_bleeding"]}).content.decode())
    assert "ask for PEP to prevent HIV" in page
    assert "without your consent" in page
    assert 'href="tel:8006564673"' in page  # RAINN
    assert "PEP to prevent HIV" in page
    assert "Do not drive yourself" in page


def test_under_18s_get_youth_advice_and_lines_whatever_the_level(client):
    for findings in (["under_18"], ["under_18", "heavy_bleeding"], ["under_18", "fever"]):
        page = client.post(RESULT, {"findings": findings}).content.decode()
        assert "care as a young person" in page
        assert 'href="tel:18004224453"' in page  # Childhelp
        assert 'href="tel:18664887386"' in page  # The Trevor Project
    assert "tel:18004224453" not in client.post(RESULT, {"findings": ["fever"]}).content.decode()


def level_of_text(page: str) -> str:
    return re.search(r'data-triage-level="([a-z_]+)"', page).group(1)


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


def test_sexual_assault_support_and_pep_show_for_non_consensual_sex(client):
    page = client.post(RESULT, {"findings": ["non_consensual"]}).content.decode()
    assert 'href="tel:8006564673"' in page
    assert "PEP to prevent HIV" in page
    other = client.post(RESULT, {"findings": ["dark_stool"]}).content.decode()
    assert "tel:8006564673" not in other
    assert "PEP to prevent HIV" not in other
    pep = client.post(RESULT, {"findings": ["shared_needles", "within_72h"]}).content.decode()
    assert "PEP to prevent HIV" in pep
    assert "888-448-4911" not in pep  # the PEPline is for clinicians only


def test_retired_version_1_codes_are_refused_by_name(client, spec):
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
    assert "988" not in page


def test_the_form_leaves_no_finding_code_in_the_logs(client, caplog, spec):
    caplog.set_level("DEBUG")
    walk(client, [[], ["condomless", "non_consensual"], ["pregnant"], [], ["sti_symptoms"]])
    client.post(START, {"step": "emergency", "findings": ["object_stuck"]})
    client.post(RESULT, {"findings": [*spec.codes, "not_a_code"]})
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

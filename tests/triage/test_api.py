import http.client
import json
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ASSESS = "/api/v1/triage/assess/"
RULES = "/api/v1/triage/"


def post_json(client, body, **extra):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(ASSESS, data=data, content_type="application/json", **extra)


def test_urls_keep_the_names_the_site_relies_on():
    assert reverse("api:triage-rules") == RULES
    assert reverse("api:triage-assess") == ASSESS


NEUTRAL = {"when": "when_later", "age": "age_18_to_44"}


def story(spec, findings) -> list[str]:
    """The answers, with a context option for each single choice they leave unanswered."""
    given = list(findings)
    for choice, (_page, options, _not_sure) in spec.choices.items():
        if not set(options) & set(given):
            given.append(NEUTRAL[choice])
    return given


def test_assess_answers_level_reasons_and_version_only(client, rules):
    findings = ["condomless", "partner_risk", "when_48h", "cannot_pee"]
    response = post_json(client, {"findings": findings})
    assert response.status_code == 200
    assert response.json() == {
        "level": "er_today",
        "reasons": [
            {"code": code, "text": rules.rule_by_code[code].text}
            for code in ("cannot_pee", "hiv_pep", "sti_hiv_test")
        ],
        "version": rules.version,
    }


def test_assess_with_no_findings_is_self_care(client):
    response = post_json(client, {"findings": []})
    assert response.status_code == 200
    assert response.json()["level"] == "self_care"
    assert response.json()["reasons"] == []


def test_assess_gives_each_rule_its_level_and_the_reasons_in_order(client, spec, spec_rule):
    findings = story(spec, spec.rules[spec_rule].answers())
    response = post_json(client, {"findings": findings})
    assert response.status_code == 200
    assert response.json()["level"] == spec.rules[spec_rule].level == spec.level(findings)
    assert [reason["code"] for reason in response.json()["reasons"]] == spec.matching(findings)


def test_a_missing_single_choice_is_never_an_error_and_counts_as_not_sure(client, spec, spec_rule):
    findings = spec.rules[spec_rule].answers()  # a choice it does not need is left unanswered
    response = post_json(client, {"findings": findings})
    assert response.status_code == 200
    level, codes = spec.assess(findings)
    assert response.json()["level"] == level
    assert [reason["code"] for reason in response.json()["reasons"]] == codes


@pytest.mark.parametrize(
    ("findings", "level"),
    [
        (["condomless", "partner_risk"], "er_today"),  # timing unknown: the window may close
        (["shared_needles"], "er_today"),
        (["fever"], "urgent"),  # age unsaid: the adult reading
        ([], "self_care"),
    ],
)
def test_no_answer_to_a_single_choice_is_its_not_sure_option(client, spec, findings, level):
    assert spec.level(findings) == level
    assert post_json(client, {"findings": findings}).json()["level"] == level


def test_retired_codes_are_a_400_naming_them(client, spec):
    response = post_json(client, {"findings": ["hiv_exposure", "age_50_plus"]})
    assert response.status_code == 400
    message = response.json()["findings"][0]
    assert "older version of the check" in message
    assert "age_50_plus, hiv_exposure" in message


@pytest.mark.parametrize(
    "code", ["within_72h", "age_45_plus", "under_18", "pregnancy_warning", "no_prep"]
)
def test_each_version_2_code_is_a_400_naming_it_as_retired(client, spec, code):
    assert code in spec.retired_v2
    response = post_json(client, {"findings": ["fever", code]})
    assert response.status_code == 400
    [message] = response.json()["findings"]
    assert "older version of the check" in message
    assert code in message
    assert "fever" not in message


@pytest.mark.parametrize(
    "pair",
    [
        ["when_48h", "when_unsure"],
        ["age_14_to_17", "age_65_plus"],
        ["when_later", "when_3_to_5_days"],
    ],
)
def test_two_options_of_one_single_choice_are_a_400_naming_both(client, pair):
    response = post_json(client, {"findings": ["sti_symptoms", *pair]})
    assert response.status_code == 400
    [message] = response.json()["findings"]
    assert ", ".join(sorted(pair)) in message
    assert "sti_symptoms" not in message


def test_one_option_of_each_single_choice_is_fine(client):
    response = post_json(client, {"findings": ["when_48h", "age_65_plus", "fever"]})
    assert response.status_code == 200
    assert response.json()["level"] == "er_today"  # older_fever


def test_assess_counts_duplicates_once(client):
    response = post_json(client, {"findings": ["object_stuck", "object_stuck"]})
    assert response.status_code == 200
    assert [reason["code"] for reason in response.json()["reasons"]] == ["object_stuck"]


def test_assess_is_never_stored_by_a_cache_and_sets_no_cookie(client):
    response = post_json(client, {"findings": ["shock_signs"]})
    assert "no-store" in response["Cache-Control"]
    assert response.cookies == {}
    assert client.cookies == {}


def test_malformed_json_is_a_400(client):
    response = post_json(client, '{"findings": ["heavy_bleeding"')
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]


@pytest.mark.parametrize("body", ["[]", '"heavy_bleeding"', "42", "null", "true"])
def test_a_body_that_is_not_an_object_is_a_400(client, body):
    response = post_json(client, body)
    assert response.status_code == 400
    assert response.json()


@pytest.mark.parametrize("findings", ["heavy_bleeding", {"heavy_bleeding": True}, 3, None])
def test_findings_that_is_not_a_list_is_a_400_naming_it(client, findings):
    response = post_json(client, {"findings": findings})
    assert response.status_code == 400
    assert "findings" in response.json()


def test_missing_findings_is_a_400(client):
    response = post_json(client, {"finding": ["heavy_bleeding"]})
    assert response.status_code == 400
    assert "findings" in response.json()


@pytest.mark.parametrize("item", [5, None, True, ["heavy_bleeding"], {"code": "x"}, 1.5])
def test_findings_that_are_not_strings_are_a_400(client, item):
    response = post_json(client, {"findings": ["sti_symptoms", item]})
    assert response.status_code == 400
    assert "string" in json.dumps(response.json())


def test_unknown_codes_are_a_400_naming_them(client):
    response = post_json(client, {"findings": ["heavy_bleeding", "made_up", "<b>x</b>"]})
    assert response.status_code == 400
    message = " ".join(response.json()["findings"])
    assert "made_up" in message
    assert "<b>x</b>" in message
    assert "heavy_bleeding" not in message


def test_a_huge_body_is_refused_before_it_is_read(client):
    huge = json.dumps({"findings": ["heavy_bleeding"] * 200_000})
    response = post_json(client, huge)
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]


def test_a_body_sent_in_chunks_is_411_not_an_empty_list(client):
    response = post_json(
        client, {"findings": ["heavy_bleeding"]}, headers={"Transfer-Encoding": "chunked"}
    )
    assert response.status_code == 411
    assert "Content-Length" in response.json()["detail"]


def raw_post(base_url: str, send) -> tuple[int, bytes]:
    """A POST written by hand over a real connection, for bodies no test client can send."""
    url = urlsplit(base_url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    try:
        send(connection)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("path", "content_type", "body"),
    [
        (ASSESS, "application/json", b'{"findings": ["heavy_bleeding"]}'),
        ("/triage/result/", "application/x-www-form-urlencoded", b"findings=heavy_bleeding"),
    ],
)
def test_chunked_bodies_over_real_http_are_refused(live_server, path, content_type, body):
    """Through a real server, where the WSGI handler sees no Content-Length at all."""
    status, answer = raw_post(
        live_server.url,
        lambda connection: connection.request(
            "POST",
            path,
            body=iter([body]),
            headers={"Content-Type": content_type},
            encode_chunked=True,
        ),
    )
    assert status == 411
    assert b"heavy_bleeding" not in answer


def test_a_form_without_a_length_over_real_http_is_refused(site):
    """A client that leaves out Content-Length: the server reads no body, so the answers are
    lost; the result page must refuse, not say self-care."""

    def send(connection):
        connection.putrequest("POST", "/triage/result/")
        connection.putheader("Content-Type", "application/x-www-form-urlencoded")
        connection.putheader("Connection", "close")
        connection.endheaders(b"findings=heavy_bleeding")

    status, answer = raw_post(site, send)
    assert status == 411
    assert b"data-triage-level" not in answer


def test_too_many_findings_is_a_400(client):
    response = post_json(client, {"findings": ["sti_symptoms"] * 101})
    assert response.status_code == 400


def test_a_body_that_is_not_json_is_refused(client):
    response = client.post(ASSESS, data={"findings": "heavy_bleeding"})
    assert response.status_code == 415


def test_assess_only_accepts_post(client):
    assert client.get(ASSESS).status_code == 405


def test_rule_set_has_the_published_shape(client, spec):
    response = client.get(RULES)
    assert response.status_code == 200
    assert response.cookies == {}
    rule_set = response.json()
    assert len(rule_set["version"]) == 16
    assert rule_set["default_level"] == "self_care"
    assert [level["code"] for level in rule_set["levels"]] == spec.levels
    assert all(level["advice"] and level["title"] for level in rule_set["levels"])
    assert [group["code"] for group in rule_set["groups"]] == spec.pages
    assert all(group["question"] for group in rule_set["groups"])
    assert [(c["code"], c["group"], c["not_sure"]) for c in rule_set["choices"]] == [
        (code, page, not_sure) for code, (page, _options, not_sure) in spec.choices.items()
    ]
    assert all(choice["question"] for choice in rule_set["choices"])
    assert [(f["code"], f["group"], f["choice"]) for f in rule_set["findings"]] == [
        (code, spec.page_of[code], spec.choice_of[code]) for code in spec.codes
    ]
    for finding in rule_set["findings"]:
        assert {"code", "group", "choice", "question", "hint", "said", "order"} <= set(finding)
        assert all(finding[key] for key in ("question", "said")), finding["code"]
    assert [rule["code"] for rule in rule_set["rules"]] == spec.rule_codes
    for rule in rule_set["rules"]:
        expected = spec.rules[rule["code"]]
        assert rule["level"] == expected.level
        assert (set(rule["all_of"]), set(rule["any_of"])) == (expected.all_of, expected.any_of)
        assert {"text", "watch_for", "watch_for_order", "sources", "order"} <= set(rule)
        assert rule["text"]
        assert rule["sources"]
        for source in rule["sources"]:
            assert set(source) >= {"publisher", "title", "url", "checked_on", "confirmed"}
            assert source["url"].startswith("https://")
            assert isinstance(source["confirmed"], bool)
        assert "as above" not in json.dumps(rule).lower()
    assert "setting" not in json.dumps(rule_set)
    assert {service["kind"] for service in rule_set["services"]} >= {
        "emergency",
        "er",
        "urgent_care",
        "pep",
        "sexual_assault",
        "sexual_health",
        "crisis",
    }


def test_rule_set_shows_the_deployments_emergency_number(client, settings):
    settings.EMERGENCY_NUMBER = "112"
    rule_set = client.get(RULES).json()
    emergency = rule_set["levels"][0]
    assert "call 112" in emergency["signs_heading"]
    assert "{emergency_number}" not in json.dumps(rule_set)


@pytest.fixture
def rules_read_every_time(settings):
    """Each process remembers the rule set for PAGE_VERSION_TTL; with none, every request reads
    the database, so these tests see what the version covers, not how long it is remembered."""
    settings.PAGE_VERSION_TTL = 0


def test_rule_set_version_changes_when_a_finding_wording_is_published(
    client, rules_read_every_time, publish_rules
):
    from triage.models import Finding

    before = client.get(RULES).json()["version"]
    Finding.objects.filter(code="lump_or_piles").update(hint="Piles are hemorrhoids.")
    assert client.get(RULES).json()["version"] == before  # an editor's draft reaches no one
    publish_rules()
    after = client.get(RULES).json()
    assert after["version"] != before
    assert post_json(client, {"findings": []}).json()["version"] == after["version"]


@pytest.mark.parametrize(
    "change",
    [
        lambda: (
            __import__("triage.models")
            .models.Level.objects.filter(code="soon")
            .update(title="See a doctor this week")
        ),
        lambda: (
            __import__("triage.models")
            .models.Finding.objects.filter(code="age_45_to_64")
            .update(order=99)
        ),
        lambda: (
            __import__("triage.models")
            .models.Rule.objects.filter(code="fever")
            .update(level=__import__("triage.models").models.Level.objects.get(code="er_today"))
        ),
        lambda: (
            __import__("triage.models")
            .models.Rule.objects.filter(code="fever")
            .update(watch_for="a fever or chills")
        ),
        lambda: (
            __import__("triage.models")
            .models.Source.objects.filter(rules__code="fever")
            .update(confirmed=True)
        ),
        lambda: (
            __import__("triage.models")
            .models.Choice.objects.filter(code="when")
            .update(question="When did it happen?")
        ),
        lambda: (
            __import__("triage.models")
            .models.HelpService.objects.filter(kind="sexual_assault")
            .update(phone="800-000-0000")
        ),
    ],
    ids=[
        "level-title",
        "finding-order",
        "rule-level",
        "rule-watch-for",
        "source-confirmed",
        "choice-question",
        "service-phone",
    ],
)
def test_rule_set_version_changes_when_anything_in_it_is_published(
    client, rules_read_every_time, change, publish_rules
):
    before = client.get(RULES).json()["version"]
    change()
    assert client.get(RULES).json()["version"] == before
    publish_rules()
    assert client.get(RULES).json()["version"] != before


def test_rule_set_version_is_stable_without_changes(client):
    assert client.get(RULES).json()["version"] == client.get(RULES).json()["version"]


def test_a_rule_published_in_this_process_is_used_at_once(client, settings, publish_rules):
    from triage.models import Level, Rule

    settings.PAGE_VERSION_TTL = 3600
    assert post_json(client, {"findings": ["age_45_to_64"]}).json()["level"] == "soon"
    rule = Rule.objects.get(code="age_45_plus")
    rule.level = Level.objects.get(code="urgent")
    rule.save()  # as the admin does
    assert post_json(client, {"findings": ["age_45_to_64"]}).json()["level"] == "soon"
    publish_rules()
    assert post_json(client, {"findings": ["age_45_to_64"]}).json()["level"] == "urgent"


def test_a_rule_published_elsewhere_is_used_once_the_site_version_is_read_again(client, settings):
    """Another server's save sends no signal here. Each process reads the site version again
    once per PAGE_VERSION_TTL, and that read refreshes the rules the answers come from."""
    from core.versioning import content_version
    from triage.models import Level, Publication, Rule
    from triage.publishing import payload_version
    from triage.rules import working_payload

    settings.PAGE_VERSION_TTL = 3600
    assert post_json(client, {"findings": ["age_45_to_64"]}).json()["level"] == "soon"
    Rule.objects.filter(code="age_45_plus").update(level=Level.objects.get(code="urgent"))
    payload = working_payload()  # published by another server: no signal reaches this one
    Publication.objects.bulk_create(
        [Publication(version=payload_version(payload), payload=payload)]
    )
    assert post_json(client, {"findings": ["age_45_to_64"]}).json()["level"] == "soon"
    content_version()  # what core.caching.page_version() reads once its TTL has passed
    assert post_json(client, {"findings": ["age_45_to_64"]}).json()["level"] == "urgent"


def test_schema_covers_both_endpoints(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    rules = schema["paths"]["/api/v1/triage/"]["get"]
    assess = schema["paths"]["/api/v1/triage/assess/"]["post"]
    assert "200" in rules["responses"]
    assert {"200", "400", "411", "413"} <= set(assess["responses"])
    components = schema["components"]["schemas"]
    request_ref = assess["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    request_schema = components[request_ref.rsplit("/", 1)[1]]
    assert request_schema["properties"]["findings"]["type"] == "array"
    code_ref = request_schema["properties"]["findings"]["items"]["$ref"]
    assert components[code_ref.rsplit("/", 1)[1]]["type"] == "string"
    output_ref = assess["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert set(components[output_ref.rsplit("/", 1)[1]]["properties"]) == {
        "level",
        "reasons",
        "version",
    }
    rules_ref = rules["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert {"version", "levels", "groups", "choices", "findings", "rules"} <= set(
        components[rules_ref.rsplit("/", 1)[1]]["properties"]
    )


def test_assessments_leave_no_finding_code_in_the_logs(client, caplog, spec):
    caplog.set_level("DEBUG")
    post_json(client, {"findings": spec.codes})
    post_json(client, {"findings": [*spec.codes, "unknown_code_x"]})
    post_json(client, '{"findings": ["heavy_bleeding", ')
    post_json(client, {"findings": ["heavy_bleeding", 5]})
    logged = "\n".join(
        f"{record.getMessage()} {record.args} {record.__dict__}" for record in caplog.records
    )
    for code in spec.codes:
        assert code not in logged


def test_the_rule_set_and_reasons_come_in_spanish_with_lang_es(client):
    english, spanish = client.get(RULES).json(), client.get(RULES, {"lang": "es"}).json()
    assert [r["code"] for r in spanish["rules"]] == [r["code"] for r in english["rules"]]
    assert spanish["groups"][0]["question"].startswith("Durante el sexo")
    assert spanish["version"] != english["version"]
    answer = post_json(client, {"findings": ["fever"], "lang": "es"}).json()
    assert answer["level"] == "urgent"
    assert (
        answer["reasons"][0]["text"]
        == spanish["rules"][[r["code"] for r in spanish["rules"]].index("fever")]["text"]
    )


@pytest.mark.parametrize("lang", ["fr", "ES", "", "es-US"])
def test_an_unknown_language_is_a_400_naming_the_languages_offered(client, lang):
    for response in (
        client.get(RULES, {"lang": lang}),
        post_json(client, {"findings": [], "lang": lang}),
    ):
        assert response.status_code == 400
        assert "en, es" in response.json()["lang"][0]


def test_the_spanish_rule_set_is_a_cached_public_page_of_its_own(client, settings):
    settings.PAGE_CACHE_ENABLED = True
    first = client.get(RULES, {"lang": "es"})
    assert "no-store" not in first["Cache-Control"]
    assert (
        client.get(RULES, {"lang": "es"}, headers={"if-none-match": first["ETag"]}).status_code
        == 304
    )
    assert client.get(RULES, {"lang": "fr"})["Cache-Control"].startswith("no-store") or (
        client.get(RULES, {"lang": "fr"}).status_code == 400
    )
    assert client.get(RULES).json()["version"] != first.json()["version"]


def test_the_language_in_the_address_wins_over_the_bodys(client, rules, rules_es):
    body = {"findings": ["fever"], "lang": "en"}
    spanish = client.post(
        ASSESS + "?lang=es", data=json.dumps(body), content_type="application/json"
    ).json()
    assert spanish["reasons"][0]["text"] == rules_es.rule_by_code["fever"].text
    english = client.post(
        ASSESS + "?lang=en",
        data=json.dumps({**body, "lang": "es"}),
        content_type="application/json",
    ).json()
    assert english["reasons"][0]["text"] == rules.rule_by_code["fever"].text
    assert rules_es.rule_by_code["fever"].text != rules.rule_by_code["fever"].text


@pytest.mark.parametrize("where", ["address", "body"])
@pytest.mark.parametrize(
    ("findings", "spanish_words"),
    [
        (["made_up"], "No se reconoce este hallazgo: made_up"),
        (["no_prep"], "versión anterior"),
        (["when_48h", "when_later"], "Elija solo una respuesta"),
        ("fever", "debe ser una lista"),
    ],
)
def test_errors_come_in_the_language_asked_for(client, where, findings, spanish_words):
    body = {"findings": findings}
    url = ASSESS + "?lang=es" if where == "address" else ASSESS
    if where == "body":
        body["lang"] = "es"
    response = client.post(url, data=json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert spanish_words in " ".join(response.json()["findings"])


def test_an_unknown_language_in_the_address_of_an_assessment_is_a_400(client):
    response = client.post(
        ASSESS + "?lang=fr", data=json.dumps({"findings": []}), content_type="application/json"
    )
    assert response.status_code == 400
    assert "en, es" in response.json()["lang"][0]

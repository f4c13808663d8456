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


def test_assess_answers_level_setting_reasons_and_version(client, rules):
    findings = ["condomless", "partner_risk", "no_prep", "within_72h", "cannot_pee"]
    response = post_json(client, {"findings": findings})
    assert response.status_code == 200
    assert response.json() == {
        "level": "urgent",
        "setting": "er",
        "reasons": [
            {"code": code, "text": rules.rule_by_code[code].text}
            for code in ("hiv_pep", "cannot_pee", "sti_hiv_test")
        ],
        "version": rules.version,
    }


def test_assess_with_no_findings_is_self_care(client):
    response = post_json(client, {"findings": []})
    assert response.status_code == 200
    assert response.json()["level"] == "self_care"
    assert response.json()["reasons"] == []


def test_assess_gives_each_rule_its_level(client, spec, spec_rule):
    all_of, level, _ = spec.rules[spec_rule]
    response = post_json(client, {"findings": sorted(all_of)})
    assert response.json()["level"] == level
    assert spec_rule in [reason["code"] for reason in response.json()["reasons"]]


def test_retired_codes_are_a_400_naming_them(client, spec):
    response = post_json(client, {"findings": ["hiv_exposure", "age_50_plus"]})
    assert response.status_code == 400
    message = response.json()["findings"][0]
    assert "older version of the check" in message
    assert "age_50_plus, hiv_exposure" in message


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
    assert [(f["code"], f["group"]) for f in rule_set["findings"]] == [
        (code, spec.page_of[code]) for code in spec.codes
    ]
    for finding in rule_set["findings"]:
        assert all(finding[key] for key in ("question", "text")), finding["code"]
    assert [rule["code"] for rule in rule_set["rules"]] == spec.rule_codes
    for rule in rule_set["rules"]:
        all_of, level, setting = spec.rules[rule["code"]]
        assert (set(rule["all_of"]), rule["level"]) == (all_of, level)
        assert rule["setting"] == (setting or "any")
        assert rule["text"]
        assert rule["sources"]
    assert {service["kind"] for service in rule_set["services"]} >= {
        "emergency",
        "pep",
        "sexual_assault",
        "sexual_health",
    }


def test_rule_set_shows_the_deployments_emergency_number(client, settings):
    settings.EMERGENCY_NUMBER = "112"
    rule_set = client.get(RULES).json()
    emergency = rule_set["levels"][0]
    assert "Call 112 now" in emergency["signs_heading"]
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
            .models.Finding.objects.filter(code="age_45_plus")
            .update(order=99)
        ),
        lambda: (
            __import__("triage.models")
            .models.Rule.objects.filter(code="fever")
            .update(setting="er")
        ),
        lambda: (
            __import__("triage.models")
            .models.HelpService.objects.filter(kind="sexual_assault")
            .update(phone="800-000-0000")
        ),
    ],
    ids=["level-title", "finding-order", "rule-setting", "service-phone"],
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
    assert post_json(client, {"findings": ["age_45_plus"]}).json()["level"] == "soon"
    rule = Rule.objects.get(code="age_45_plus")
    rule.level = Level.objects.get(code="urgent")
    rule.save()  # as the admin does
    assert post_json(client, {"findings": ["age_45_plus"]}).json()["level"] == "soon"
    publish_rules()
    assert post_json(client, {"findings": ["age_45_plus"]}).json()["level"] == "urgent"


def test_a_rule_published_elsewhere_is_used_once_the_site_version_is_read_again(client, settings):
    """Another server's save sends no signal here. Each process reads the site version again
    once per PAGE_VERSION_TTL, and that read refreshes the rules the answers come from."""
    from core.versioning import content_version
    from triage.models import Level, Publication, Rule
    from triage.publishing import payload_version
    from triage.rules import working_payload

    settings.PAGE_VERSION_TTL = 3600
    assert post_json(client, {"findings": ["age_45_plus"]}).json()["level"] == "soon"
    Rule.objects.filter(code="age_45_plus").update(level=Level.objects.get(code="urgent"))
    payload = working_payload()  # published by another server: no signal reaches this one
    Publication.objects.bulk_create(
        [Publication(version=payload_version(payload), payload=payload)]
    )
    assert post_json(client, {"findings": ["age_45_plus"]}).json()["level"] == "soon"
    content_version()  # what core.caching.page_version() reads once its TTL has passed
    assert post_json(client, {"findings": ["age_45_plus"]}).json()["level"] == "urgent"


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
        "setting",
        "reasons",
        "version",
    }
    rules_ref = rules["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert {"version", "levels", "groups", "findings", "rules"} <= set(
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
    assert spanish["groups"][0]["question"].startswith("Desde el sexo")
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

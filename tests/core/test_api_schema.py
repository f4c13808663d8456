"""The OpenAPI schema says what the API does: the finding codes as an enum read from the
published rule set, one error shape, and every status the API answers. schemathesis checks it
against a live gunicorn server with every check it has."""

import subprocess
import sys
from pathlib import Path

import pytest

SCHEMA = "/api/v1/schema/"
ASSESS = "/api/v1/triage/assess/"


@pytest.fixture
def schema(client, db):
    return client.get(SCHEMA, {"format": "json"}).json()


def test_finding_codes_are_an_enum_of_the_published_rule_set(schema):
    from triage.rules import published_rule_set

    enum = schema["components"]["schemas"]["FindingCode"]["enum"]
    assert enum == [finding.code for finding in published_rule_set().findings]


def test_every_status_the_api_answers_is_documented(schema):
    paths = schema["paths"]
    assert {"200", "400", "406", "411", "413", "415"} <= set(paths[ASSESS]["post"]["responses"])
    assert {"200", "404", "406"} <= set(paths["/api/v1/guides/{slug}/"]["get"]["responses"])
    assert {"200", "406"} <= set(paths["/api/v1/triage/"]["get"]["responses"])


def test_a_bad_item_of_the_list_gets_the_documented_error_shape(client, db):
    response = client.post(
        ASSESS, {"findings": ["heavy_bleeding", 5, 6]}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"findings": ["Each finding must be a code written as a string."]}


@pytest.mark.parametrize("path", ["/api/v1/guides/not a slug/", "/api/v1/guides/missing/"])
def test_an_api_address_that_names_nothing_is_a_json_404(client, db, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


def test_schemathesis_finds_nothing(production_server, tmp_path):
    """Every check, a fixed seed and a bounded number of examples: a few seconds."""
    result = subprocess.run(  # noqa: S603 (schemathesis from our own environment)
        [
            str(Path(sys.executable).parent / "st"),
            "run",
            f"http://127.0.0.1:{production_server.port}{SCHEMA}",
            "--checks=all",
            "--seed=20261128",
            "--max-examples=30",
            "--workers=1",
            "--generation-deterministic",
        ],
        cwd=tmp_path,  # its report folder
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "passed" in result.stdout

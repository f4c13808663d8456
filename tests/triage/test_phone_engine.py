"""The phone's engine (static/triage/engine.mjs) gives exactly what the server gives: the level,
the reasons in order, the help services, the safety net, "Also tell the staff", home care and the
nurse script, in both languages, for every single answer, every pair, and 2,000 random sets,
each for a check that reached every page and, for an emergency, one that ended at the page of
the emergency answer. The expected values come from triage/engine.py and triage/results.py on
the published rule set; tests/js/engine.test.mjs compares them under `node --test`.

Needs Node: skipped locally without `node`, but a failure under CI (CI set), so this agreement
can never silently go untested."""

import itertools
import json
import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from triage.engine import evaluate
from triage.results import compose
from triage.rules import published_rule_set

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("en", "es")
RANDOM_SETS = 2000


@pytest.fixture
def node() -> str:
    path = shutil.which("node")
    if path is None:
        message = "Node.js (`node`) not found: install Debian's nodejs package."
        if os.environ.get("CI"):
            pytest.fail(message + " The phone engine's test is required under CI.", pytrace=False)
        pytest.skip(message + " The phone engine's test is skipped locally.")
    return path


def answer_sets(rule_set, rng: random.Random):
    """Every single answer, every pair (never two options of one choice), then random sets as a
    person could give them: any ticks, at most one option of each single choice."""
    codes = [finding.code for finding in rule_set.findings]
    choice_of = {finding.code: finding.choice for finding in rule_set.findings}
    ticks = [finding.code for finding in rule_set.findings if finding.choice is None]
    yield []
    yield from ([code] for code in codes)
    for first, second in itertools.combinations(codes, 2):
        if choice_of[first] is None or choice_of[first] != choice_of[second]:
            yield [first, second]
    for _ in range(RANDOM_SETS):
        findings = rng.sample(ticks, rng.randint(0, 12))
        for choice in rule_set.choices:
            if rng.random() < 0.75:
                findings.append(rng.choice(rule_set.options(choice.code)).code)
        rng.shuffle(findings)
        yield findings


def ending_page(rule_set, findings) -> str:
    """The page at which a person giving these answers, page by page, reaches an emergency."""
    for page in rule_set.pages:
        seen = rule_set.pages_up_to(page.code)
        so_far = [code for code in findings if rule_set.finding_by_code[code].group in seen]
        if evaluate(rule_set, so_far).level == rule_set.most_urgent:
            return page.code
    raise AssertionError(f"not an emergency: {findings}")


def expected(rule_set, findings, reached) -> dict:
    result = compose(rule_set, evaluate(rule_set, findings), reached)
    return {
        "level": result.level.code,
        "reasons": [rule.code for rule in result.reasons],
        "services": [service.key for service in result.services],
        "safety_net": [[group.level.code, list(group.signs)] for group in result.safety_net],
        "tell_staff": list(result.tell_staff),
        "home_care": list(result.home_care),
        "script": [finding.code for finding in result.script],
    }


def cases_for(language: str) -> list[dict]:
    rule_set = published_rule_set(language)
    every_page = rule_set.pages_up_to(None)
    rng = random.Random(20261205)  # noqa: S311 - a repeatable sample of test inputs
    cases = []
    for findings in answer_sets(rule_set, rng):
        reached_sets = [every_page]
        if evaluate(rule_set, findings).level == rule_set.most_urgent:
            reached_sets.append(rule_set.pages_up_to(ending_page(rule_set, findings)))
        for reached in reached_sets:
            case = {"lang": language, "findings": findings, "reached": sorted(reached)}
            cases.append({**case, "expected": expected(rule_set, findings, reached)})
    return cases


def test_the_phone_engine_gives_exactly_what_the_server_gives(client, node, tmp_path):
    rule_sets = {}
    for language in LANGUAGES:
        response = client.get(f"/api/v1/triage/?lang={language}")
        assert response.status_code == 200
        rule_sets[language] = response.json()
        assert rule_sets[language]["version"] == published_rule_set(language).version
    cases = [case for language in LANGUAGES for case in cases_for(language)]
    levels = {case["expected"]["level"] for case in cases}
    assert levels == {"emergency", "er_today", "urgent", "soon", "self_care"}
    assert any(len(case["reached"]) < len(rule_sets["en"]["groups"]) for case in cases)
    fixture = tmp_path / "triage-fixture.json"
    fixture.write_text(json.dumps({"rule_sets": rule_sets, "cases": cases}, ensure_ascii=False))

    run = subprocess.run(  # noqa: S603 - node, on the project's own test files
        [node, "--test", "tests/js/"],
        cwd=ROOT,
        env={**os.environ, "TRIAGE_FIXTURE": str(fixture)},
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-20000:]
    assert "# skipped 0" in output, output[-20000:]

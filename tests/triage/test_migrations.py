"""Migration 0013 moves a database on version 2 of the specification onto version 3, on a real
database: the schema is taken back to version 2, filled as a version 2 deployment would be (the
launch rules, an editor's published wording, a service of its own), and migrated forward again.
Schema changes need a transactional test, which pytest-django runs after the others and which
leaves the database empty (tests that need the launch content load it again, see
tests/conftest.py); the fixture migrates forward again whatever happens."""

from importlib import import_module

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

VERSION_2 = [("triage", "0011_spanish_wording")]
v2 = import_module("triage.migrations._v2")
spanish_wording = import_module("triage.migrations.0011_spanish_wording")
v3 = import_module("triage.migrations.0013_v3_rules")

EDITED_HINT = "A sore lump by your bottom that grows (an editor's words)."
EDITED_QUESTION = "Lots of blood (an editor's words)"
EDITED_RULE_TEXT = "An editor's words for this reason."


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def leaves():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def unchanged_rule(spec) -> str | None:
    """A rule whose answers and level version 3 kept, found the way 0013's same_rule decides it
    (an urgent rule set to the emergency room is version 3's er_today)."""
    for rule in v2.RULES:
        row = spec.rules.get(rule["code"])
        if row is None or row.any_of:
            continue
        level = "er_today" if rule.get("setting") == "er" else rule["level"]
        if set(rule["findings"]) == row.all_of and level == row.level:
            return rule["code"]
    return None


def fill_as_version_2(apps, *, edited_rules: list[str]) -> None:
    """The version 2 launch rules with their Spanish, an editor's published wording, a service
    of the deployment's own, and a publication of it all."""
    models = {name: apps.get_model("triage", name) for name in ("Page", "Level", "Finding")}
    models.update({name: apps.get_model("triage", name) for name in ("Rule", "HelpService")})
    models["Guide"] = apps.get_model("guides", "Guide")
    v2.load_seed_rules(models, number=settings.EMERGENCY_NUMBER)
    spanish_wording.add_spanish_wording(apps, None)

    finding, rule = models["Finding"], models["Rule"]
    finding.objects.filter(code="abscess").update(hint=EDITED_HINT)  # (a) meaning kept
    finding.objects.filter(code="heavy_bleeding").update(question=EDITED_QUESTION)  # (b) changed
    rule.objects.filter(code__in=edited_rules).update(text=EDITED_RULE_TEXT)
    models["HelpService"].objects.create(
        name="Local clinic", kind="sexual_health", notes="Call us first.", order=99
    )

    fields = ("question", "hint", "text", "question_es", "hint_es", "text_es")
    payload = {
        "findings": [
            {"code": f.code, **{field: getattr(f, field) for field in fields}}
            for f in finding.objects.all()
        ],
        "rules": [
            {"code": r.code, "text": r.text, "text_es": r.text_es} for r in rule.objects.all()
        ],
    }
    apps.get_model("triage", "Publication").objects.create(
        version="version-2-edit", payload=payload, note="An editor's wording"
    )


@pytest.fixture
def version_2_schema(django_db_blocker):
    """Takes the schema back to version 2, empty of version 3's rows, and forward again after."""
    from triage import models

    for name in ("Publication", "HelpService", "Rule", "Finding", "Choice", "Source", "Page"):
        model = getattr(models, name)
        model.objects.all().delete()
        if hasattr(model, "history"):
            model.history.all().delete()
    models.Level.objects.all().delete()
    models.Level.history.all().delete()
    try:
        yield migrate(VERSION_2)
    finally:
        migrate(leaves())
        from triage.rules import forget_published_rule_set

        forget_published_rule_set()


@pytest.mark.django_db(transaction=True)
def test_a_version_2_database_moves_to_version_3(version_2_schema, spec):
    from triage.engine import assess
    from triage.models import Finding, HelpService, Publication, Rule
    from triage.rules import forget_published_rule_set, published_rule_set

    kept_rule = unchanged_rule(spec)
    fill_as_version_2(version_2_schema, edited_rules=[kept_rule] if kept_rule else [])
    assert "abscess" in v3.UNCHANGED_FINDINGS
    assert "heavy_bleeding" not in v3.UNCHANGED_FINDINGS
    migrate(leaves())
    forget_published_rule_set()
    launch = published_rule_set("en")

    # (a) A finding whose meaning version 3 kept keeps the editor's published words.
    assert Finding.objects.get(code="abscess").hint == EDITED_HINT
    assert launch.finding_by_code["abscess"].hint == EDITED_HINT
    # (b) A changed finding gets version 3's words; the editor's are kept aside for a reviewer.
    heavy = Finding.objects.get(code="heavy_bleeding")
    assert heavy.question != EDITED_QUESTION
    assert heavy.question == launch.finding_by_code["heavy_bleeding"].question
    assert heavy.earlier_wording.get("question") == EDITED_QUESTION
    assert "A lot of blood" in heavy.question
    # (c) A rule with the same answers and level keeps the editor's words. (Version 2 has such
    # rules, e.g. shock_signs; unchanged_rule finds one, so this part always runs.)
    assert kept_rule is not None
    assert Rule.objects.get(code=kept_rule).text == EDITED_RULE_TEXT
    assert launch.rule_by_code[kept_rule].text == EDITED_RULE_TEXT

    codes = set(Finding.objects.values_list("code", flat=True))
    assert codes == set(spec.codes)
    assert not codes & set(spec.retired_v2)
    assert set(Rule.objects.values_list("code", flat=True)) == set(spec.rule_codes)
    assert [f.code for f in launch.findings] == spec.codes
    assert [r.code for r in launch.rules] == spec.rule_codes

    for findings in (
        ["fist_or_object"],
        ["condomless", "partner_risk", "when_48h"],
        ["age_13_or_under", "when_later"],
        ["fever", "age_65_plus"],
        ["lump_or_piles"],
    ):
        assert assess(findings).level == spec.level(findings), findings

    keys = list(HelpService.objects.values_list("key", flat=True))
    assert all(keys)
    assert len(keys) == len(set(keys))
    assert HelpService.objects.filter(key="crisis-988", phone="988").exists()
    own = HelpService.objects.get(name="Local clinic")
    assert (own.notes, own.kind) == ("Call us first.", "sexual_health")
    assert own.key

    latest = Publication.objects.latest_first().first()
    assert [rule["code"] for rule in latest.payload["rules"]] == spec.rule_codes
    assert [finding["code"] for finding in latest.payload["findings"]] == spec.codes

    # The launch services in version 3's order (the PEP card before the urgent care card).
    from triage.launch import read_content

    order = [item["key"] for item in read_content()["services"]]
    shown = [service.key for service in launch.services if service.key in order]
    assert shown == order


@pytest.mark.django_db(transaction=True)
def test_the_editors_earlier_words_never_reach_the_public_for_a_changed_rule(
    version_2_schema, spec
):
    from triage.models import Rule
    from triage.rules import forget_published_rule_set, published_rule_set

    changed = "belly_pain"  # version 2: urgent; version 3: er_today, so not the same rule
    v2_rule = next(rule for rule in v2.RULES if rule["code"] == changed)
    assert not v3.same_rule(v2_rule, {"all_of": ["belly_pain"], "any_of": [], "level": "er_today"})
    fill_as_version_2(version_2_schema, edited_rules=[changed])
    migrate(leaves())
    forget_published_rule_set()

    rule = Rule.objects.get(code=changed)
    if rule.text == EDITED_RULE_TEXT:
        pytest.fail("an editor's words were carried onto a rule whose row changed")
    assert published_rule_set("en").rule_by_code[changed].text != EDITED_RULE_TEXT
    assert rule.earlier_wording.get("text") == EDITED_RULE_TEXT

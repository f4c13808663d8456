"""Migration 0005 moves a database on version 1 of the specification onto version 2, on a real
database: the schema is taken back to version 1, filled as a version 1 deployment would be
(with editors' changes), and migrated forward again. Schema changes need a transactional test,
which pytest-django runs after the others and which leaves the database empty (tests that need
the launch content load it again, see tests/conftest.py)."""

from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from triage.engine import assess
from triage.seed import LEVELS

VERSION_1 = [("triage", "0003_editor_groups")]
v2 = import_module("triage.migrations.0005_v2_rules")


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def leaves():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def fill_as_version_1(apps, *, replaced_services=False):
    level_model = apps.get_model("triage", "Level")
    finding_model = apps.get_model("triage", "Finding")
    service_model = apps.get_model("triage", "HelpService")
    levels = {}
    for seed in LEVELS:
        code = seed["code"]
        level, _ = level_model.objects.get_or_create(
            code=code, defaults={"order": seed["order"], "kind": seed["kind"]}
        )
        for field, value in v2.V1_LEVELS[code].items():
            setattr(level, field, value)
        levels[code] = level
    levels["soon"].title = "See a doctor this week"  # an editor's change
    for level in levels.values():
        level.save()

    def finding(code, level, **wording):
        return finding_model.objects.create(
            code=code, group=levels[level], level=levels[level], sources="NHS", **wording
        )

    finding("heavy_bleeding", "emergency", **{**v2.V1_FINDINGS["heavy_bleeding"], "hint": "Mine"})
    finding("lump_or_piles", "soon", **v2.V1_FINDINGS["lump_or_piles"])
    finding("blood_thinners", "urgent", **{**v2.V1_FINDINGS["blood_thinners"], "text": "edited"})
    exposure = finding("hiv_exposure", "urgent", question="Q", text="t")
    if replaced_services:
        service_model.objects.create(name="Local clinic", kind="sexual_health", notes="Call us.")
        return
    for name, fields in v2.V1_SERVICES.items():
        service = service_model.objects.create(name=name, kind="emergency", **fields)
        if name == "PEP to prevent HIV":
            service.findings.add(exposure)


@pytest.fixture
def version_1_schema(django_db_blocker):
    """Takes the schema back to version 1, empty of version 2's rows, and forward again after."""
    from triage.models import Finding, HelpService, Page, Rule

    for model in (HelpService, Rule, Finding, Page):
        model.objects.all().delete()
        model.history.all().delete()
    yield migrate(VERSION_1)
    migrate(leaves())


@pytest.mark.django_db(transaction=True)
def test_version_1_database_moves_to_version_2_keeping_editors_wording(version_1_schema):
    from triage.models import Finding, HelpService, Level, Rule
    from triage.seed import FINDINGS, RULES

    fill_as_version_1(version_1_schema)
    migrate(leaves())

    seeds = {seed["code"]: seed for seed in FINDINGS}
    assert Finding.objects.count() == len(FINDINGS)
    assert Rule.objects.count() == len(RULES)
    assert not Finding.objects.filter(code="hiv_exposure").exists()
    heavy = Finding.objects.get(code="heavy_bleeding")
    assert heavy.hint == "Mine"  # the editor's words stay
    assert heavy.question == seeds["heavy_bleeding"]["question"]  # launch words move on
    assert heavy.page.code == "emergency"
    # Version 1's two-part question was the hazard: version 2's words replace even an edit.
    thinners = Finding.objects.get(code="blood_thinners")
    assert (thinners.question, thinners.text) == (
        seeds["blood_thinners"]["question"],
        seeds["blood_thinners"]["text"],
    )
    soon = Level.objects.get(code="soon")
    assert soon.title == "See a doctor this week"
    assert soon.advice == next(s for s in LEVELS if s["code"] == "soon")["advice"]
    pep = HelpService.objects.get(name="PEP to prevent HIV")
    assert {rule.code for rule in pep.rules.all()} >= {"hiv_pep", "non_consensual"}
    assert "888-448-4911" not in pep.notes
    assert HelpService.objects.filter(findings__code="under_18").count() == 2
    assert assess(["blood_thinners", "lump_or_piles"]).level == "urgent"


@pytest.mark.django_db(transaction=True)
def test_a_deployments_own_services_are_left_alone(version_1_schema):
    from triage.models import HelpService, Rule

    fill_as_version_1(version_1_schema, replaced_services=True)
    migrate(leaves())

    assert list(HelpService.objects.values_list("name", flat=True)) == ["Local clinic"]
    assert Rule.objects.filter(code="hiv_pep").exists()

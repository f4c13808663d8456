"""0018 gives black, tarry poop plainer Spanish on an existing database, keeping an editor's
own words, in the working copy only (the public sees it when a reviewer publishes)."""

from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from triage.models import Finding, Rule
from triage.rules import published_rule_set

MIGRATION = "0018_spanish_dark_stool_words"
migration = import_module(f"triage.migrations.{MIGRATION}")

pytestmark = pytest.mark.django_db


@pytest.fixture
def migration_apps():
    loader = MigrationExecutor(connection).loader
    return loader.project_state(("triage", MIGRATION), at_end=False).apps


def test_launch_words_change_and_an_editors_words_stay(migration_apps):
    _, _, old_question, new_question = migration.CHANGES[0]
    _, _, old_watch, new_watch = migration.CHANGES[2]
    Finding.objects.filter(code="dark_stool").update(question_es=old_question)
    Rule.objects.filter(code="dark_stool").update(watch_for_es="las palabras de una editora")

    migration.forwards(migration_apps, None)

    finding = Finding.objects.get(code="dark_stool")
    assert finding.question_es == new_question
    assert finding.history.first().history_change_reason == migration.REASON
    assert Rule.objects.get(code="dark_stool").watch_for_es == "las palabras de una editora"


def test_a_fresh_database_already_has_the_plainer_words_published():
    finding = published_rule_set("es").finding_by_code["dark_stool"]
    assert "alquitrán" not in finding.question
    assert "negra que se pega" in finding.question

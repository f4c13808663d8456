"""Editors may correct sources and single-choice wording; clinical reviewers may do everything
with them, including confirming a source (see 0003 for the groups)."""

from importlib import import_module

from django.db import migrations

editor_groups = import_module("triage.migrations.0003_editor_groups")
MODELS = ("choice", "source")


def add_groups(apps, schema_editor):
    editor_groups.add_groups(apps, schema_editor, models=MODELS)


def remove_permissions(apps, schema_editor):
    editor_groups.remove_permissions(apps, schema_editor, models=MODELS)


class Migration(migrations.Migration):
    dependencies = [("triage", "0014_v3_remove_version_2_fields")]

    operations = [migrations.RunPython(add_groups, remove_permissions)]

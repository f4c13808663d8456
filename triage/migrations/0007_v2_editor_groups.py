"""The Editor and Clinical reviewer groups get the same rights on pages and rules as on the
other triage models (see 0003)."""

from importlib import import_module

from django.db import migrations

editor_groups = import_module("triage.migrations.0003_editor_groups")
MODELS = ("page", "rule")


def add_groups(apps, schema_editor):
    editor_groups.add_groups(apps, schema_editor, models=MODELS)


def remove_permissions(apps, schema_editor):
    editor_groups.remove_permissions(apps, schema_editor, models=MODELS)


class Migration(migrations.Migration):
    dependencies = [("triage", "0006_v2_remove_version_1_fields")]

    operations = [migrations.RunPython(add_groups, remove_permissions)]

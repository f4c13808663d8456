"""Editors and reviewers read suggested revisions and take or dismiss them (both are changes to
the working copy only, so editors may); nobody adds or deletes them by hand."""

from importlib import import_module

from django.db import migrations

roles = import_module("guides.migrations.0004_editorial_roles")
PERMISSIONS = ["view_suggestedrevision", "change_suggestedrevision"]


def grant(apps, schema_editor):
    roles.grant_permissions(apps, {roles.EDITOR: PERMISSIONS, roles.CLINICAL_REVIEWER: PERMISSIONS})


class Migration(migrations.Migration):
    dependencies = [("guides", "0005_source_accessed_on_and_suggested_revisions")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

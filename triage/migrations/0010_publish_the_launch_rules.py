"""The rules in the database become the first publication (they are the specification's
launch rules and what the public saw until now), and clinical reviewers may publish."""

from importlib import import_module

from django.db import migrations

editor_groups = import_module("triage.migrations.0003_editor_groups")


def publish_launch_rules(apps, schema_editor):
    from triage.publishing import payload_version
    from triage.rules import working_payload

    editor_groups.add_groups(apps, schema_editor, models=("publication",))
    permission = apps.get_model("auth", "Permission").objects.get(
        content_type__app_label="triage", codename="publish_rules"
    )
    for group in apps.get_model("auth", "Group").objects.filter(name="Clinical reviewer"):
        group.permissions.add(permission)

    names = ("Level", "Page", "Finding", "Rule", "HelpService")
    models = {name: apps.get_model("triage", name) for name in names}
    publication_model = apps.get_model("triage", "Publication")
    if models["Level"].objects.exists() and not publication_model.objects.exists():
        payload = working_payload(models)
        publication_model.objects.create(
            version=payload_version(payload), payload=payload, note="Launch rules (version 2)"
        )


class Migration(migrations.Migration):
    dependencies = [("triage", "0009_publications"), ("guides", "0007_guides_v2_content")]

    operations = [migrations.RunPython(publish_launch_rules, migrations.RunPython.noop)]

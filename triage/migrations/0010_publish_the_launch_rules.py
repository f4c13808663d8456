"""Clinical reviewers may publish the symptom check. (Until version 3 this also published the
version 2 launch rules; a fresh database now gets its first publication from 0013, with
version 3, and databases that ran this earlier keep the publication it made.)"""

from importlib import import_module

from django.db import migrations

editor_groups = import_module("triage.migrations.0003_editor_groups")


def publish_launch_rules(apps, schema_editor):
    editor_groups.add_groups(apps, schema_editor, models=("publication",))
    permission = apps.get_model("auth", "Permission").objects.get(
        content_type__app_label="triage", codename="publish_rules"
    )
    for group in apps.get_model("auth", "Group").objects.filter(name="Clinical reviewer"):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("triage", "0009_publications"), ("guides", "0007_guides_v2_content")]

    operations = [migrations.RunPython(publish_launch_rules, migrations.RunPython.noop)]

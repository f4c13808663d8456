from django.conf import settings
from django.db import migrations


def load_launch_rules(apps, schema_editor):
    from triage.seed import load_seed_rules

    load_seed_rules(
        apps.get_model("triage", "Level"),
        apps.get_model("triage", "Finding"),
        apps.get_model("triage", "HelpService"),
        apps.get_model("guides", "Guide"),
        number=settings.EMERGENCY_NUMBER,
    )


class Migration(migrations.Migration):
    dependencies = [("triage", "0001_initial"), ("guides", "0002_seed_content")]

    operations = [migrations.RunPython(load_launch_rules, migrations.RunPython.noop)]

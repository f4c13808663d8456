"""Results that send people to a doctor or clinic link the new guide on what happens at the
appointment (guides 0007). Only adds a link; an editor's choice of guides is otherwise kept."""

from django.db import migrations

SLUG = "at-the-appointment"
LEVELS = ["urgent", "soon"]


def link_guide(apps, schema_editor):
    guide = apps.get_model("guides", "Guide").objects.filter(slug=SLUG).first()
    if guide is None:
        return
    for level in apps.get_model("triage", "Level").objects.filter(code__in=LEVELS):
        level.guides.add(guide)


class Migration(migrations.Migration):
    dependencies = [("triage", "0007_v2_editor_groups"), ("guides", "0007_guides_v2_content")]

    operations = [migrations.RunPython(link_guide, migrations.RunPython.noop)]

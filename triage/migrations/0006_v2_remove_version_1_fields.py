import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Version 1's fields go once migration 0005 has moved their data onto version 2."""

    dependencies = [("triage", "0005_v2_rules")]

    operations = [
        migrations.AlterModelOptions(
            name="finding",
            options={
                "ordering": ["page__order", "order", "code"],
                "permissions": [
                    ("change_finding_level", "Can make clinical changes to triage rules")
                ],
                "verbose_name": "finding",
                "verbose_name_plural": "findings",
            },
        ),
        migrations.RemoveField(
            model_name="finding",
            name="group",
        ),
        migrations.RemoveField(
            model_name="finding",
            name="level",
        ),
        migrations.RemoveField(
            model_name="finding",
            name="sources",
        ),
        migrations.RemoveField(
            model_name="historicalfinding",
            name="group",
        ),
        migrations.RemoveField(
            model_name="historicalfinding",
            name="level",
        ),
        migrations.RemoveField(
            model_name="historicalfinding",
            name="sources",
        ),
        migrations.RemoveField(
            model_name="historicallevel",
            name="question",
        ),
        migrations.RemoveField(
            model_name="level",
            name="question",
        ),
        migrations.AlterField(
            model_name="finding",
            name="page",
            field=models.ForeignKey(
                help_text="The page it is asked on. A clinical change.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="findings",
                to="triage.page",
                verbose_name="asked on",
            ),
        ),
    ]

"""A level's history keeps the guides it links, as rules and help services keep theirs."""

import django.db.models.deletion
import simple_history.models
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("guides", "0013_spanish_guides"),
        ("triage", "0015_v3_editor_groups"),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalLevel_guides",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "guide",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="guides.guide",
                    ),
                ),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="triage.historicallevel",
                    ),
                ),
                (
                    "level",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="triage.level",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalLevel_guides",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
    ]

# Removes the version 2 wording fields that 0013 kept for a reviewer, and makes help services'
# keys unique now that 0013 has given every one a key.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("triage", "0013_v3_rules")]

    operations = [
        migrations.RemoveField(
            model_name="finding",
            name="advice",
        ),
        migrations.RemoveField(
            model_name="finding",
            name="advice_es",
        ),
        migrations.RemoveField(
            model_name="finding",
            name="text",
        ),
        migrations.RemoveField(
            model_name="finding",
            name="text_es",
        ),
        migrations.RemoveField(
            model_name="historicalfinding",
            name="advice",
        ),
        migrations.RemoveField(
            model_name="historicalfinding",
            name="advice_es",
        ),
        migrations.RemoveField(
            model_name="historicalfinding",
            name="text",
        ),
        migrations.RemoveField(
            model_name="historicalfinding",
            name="text_es",
        ),
        migrations.AlterField(
            model_name="helpservice",
            name="key",
            field=models.SlugField(
                help_text="Fixed. How the launch content and migrations know this service.",
                max_length=60,
                unique=True,
                verbose_name="key",
            ),
        ),
        migrations.AlterField(
            model_name="historicalhelpservice",
            name="key",
            field=models.SlugField(
                db_index=True,
                help_text="Fixed. How the launch content and migrations know this service.",
                max_length=60,
                verbose_name="key",
            ),
        ),
    ]

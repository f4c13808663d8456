"""A translation is out of date when its English guide was published after the translation was
last brought up to date (issue 20, failure 7), no longer after its last save. Until now the last
save was the measure, so each existing translation counts as brought up to date when it was last
saved: no flag changes on deploy."""

from django.db import migrations, models
from django.db.models import F, OuterRef, Subquery

ENGLISH = "en-us"


def forwards(apps, schema_editor):
    guide_model = apps.get_model("guides", "Guide")
    # update() leaves updated_at as it is (auto_now applies to save() only).
    guide_model.objects.exclude(language=ENGLISH).update(brought_up_to_date_at=F("updated_at"))
    # Each kept version gets the same date, so the history does not read the next save as
    # "brought up to date" when nobody said so.
    history_model = apps.get_model("guides", "HistoricalGuide")
    history_model.objects.exclude(language=ENGLISH).update(
        brought_up_to_date_at=Subquery(
            guide_model.objects.filter(pk=OuterRef("id")).values("brought_up_to_date_at")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("guides", "0015_guides_v3_content"),
    ]

    operations = [
        migrations.AddField(
            model_name="guide",
            name="brought_up_to_date_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="historicalguide",
            name="brought_up_to_date_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]

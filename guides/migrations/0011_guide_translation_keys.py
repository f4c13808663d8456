"""Each existing guide gets a translation key of its own; its history records get the same."""

import uuid

from django.db import migrations


def forwards(apps, schema_editor):
    guide_model = apps.get_model("guides", "Guide")
    historical_guide = apps.get_model("guides", "HistoricalGuide")
    keys = {}
    for guide in guide_model.objects.filter(translation_key__isnull=True):
        guide.translation_key = keys[guide.pk] = uuid.uuid4()
        guide.save(update_fields=["translation_key"])
    # Records of a guide deleted since keep a key of their own.
    for guide_id in set(
        historical_guide.objects.filter(translation_key__isnull=True).values_list("id", flat=True)
    ):
        historical_guide.objects.filter(id=guide_id, translation_key__isnull=True).update(
            translation_key=keys.get(guide_id) or uuid.uuid4()
        )


class Migration(migrations.Migration):
    dependencies = [("guides", "0010_guide_languages")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

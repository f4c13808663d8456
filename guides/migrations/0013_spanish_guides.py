"""The Spanish guides (issue 11), from guides/content/es/: each published, with its sources and
its launch version in its history, sharing its English original's translation key, and marked
as needing review by a Spanish-speaking clinician until a clinical reviewer signs it off.
A guide already there is left alone. Reversing leaves the data as it is."""

from django.db import migrations
from django.utils import timezone


def forwards(apps, schema_editor):
    from guides.models import SPANISH
    from guides.seed import load_seed_guides

    load_seed_guides(
        apps.get_model("guides", "Guide"),
        apps.get_model("guides", "Source"),
        now=timezone.now(),
        languages=[SPANISH],
        historical_model=apps.get_model("guides", "HistoricalGuide"),
    )


class Migration(migrations.Migration):
    dependencies = [("guides", "0012_guide_translation_key_required")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

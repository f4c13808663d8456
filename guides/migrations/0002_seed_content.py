from django.db import migrations
from django.utils import timezone


def load_launch_guides(apps, schema_editor):
    from guides.seed import load_seed_guides

    load_seed_guides(
        apps.get_model("guides", "Guide"), apps.get_model("guides", "Source"), now=timezone.now()
    )


class Migration(migrations.Migration):
    dependencies = [("guides", "0001_initial")]

    operations = [migrations.RunPython(load_launch_guides, migrations.RunPython.noop)]

"""A translation key is required from now on: Python makes one for a new guide, and so does the
database (guides.models.RandomUUID) for a row added by an older migration's models."""

import uuid

from django.db import migrations, models

import guides.models


class Migration(migrations.Migration):
    dependencies = [("guides", "0011_guide_translation_keys")]

    operations = [
        migrations.AlterField(
            model_name="guide",
            name="translation_key",
            field=models.UUIDField(
                db_default=guides.models.RandomUUID(), db_index=True, default=uuid.uuid4
            ),
        ),
        migrations.AlterField(
            model_name="historicalguide",
            name="translation_key",
            field=models.UUIDField(
                db_default=guides.models.RandomUUID(), db_index=True, default=uuid.uuid4
            ),
        ),
        migrations.AddConstraint(
            model_name="guide",
            constraint=models.UniqueConstraint(
                fields=("language", "slug"),
                name="guide_slug_unique_per_language",
                violation_error_message="Another guide in this language already has this web "
                "address.",
            ),
        ),
        migrations.AddConstraint(
            model_name="guide",
            constraint=models.UniqueConstraint(
                fields=("translation_key", "language"),
                name="guide_one_translation_per_language",
                violation_error_message="This guide already has a version in that language.",
            ),
        ),
    ]

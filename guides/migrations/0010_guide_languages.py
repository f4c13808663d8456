"""Guides get a language (issue 11): every existing guide is English. A translation is a guide
of its own that shares a translation key with its English original; the key is added empty
here, filled by 0011 and required by 0012 (one step each, so PostgreSQL never alters a table
with row changes pending in the same transaction). Slugs become unique per language."""

from django.db import migrations, models

LANGUAGE = models.CharField(
    choices=[("en-us", "English"), ("es", "Spanish")],
    db_default="en-us",
    default="en-us",
    help_text="The language the guide is written in. English guides are at /guides/, Spanish "
    "ones at /es/guides/. Fixed once the guide is saved.",
    max_length=10,
    verbose_name="language",
)
NEEDS_LANGUAGE_REVIEW = models.BooleanField(
    db_default=False,
    default=False,
    editable=False,
    help_text="Set on the Spanish launch guides: published, but not yet checked by a "
    "Spanish-speaking clinician. Cleared when a clinical reviewer marks the guide reviewed or "
    "publishes changed words.",
    verbose_name="needs review by a clinician who reads its language",
)
SLUG = models.SlugField(
    help_text="The last part of the page's address, e.g. what-to-do-now. Filled from the "
    "title. Unique among the guides in the same language.",
    max_length=80,
    verbose_name="web address",
)


class Migration(migrations.Migration):
    dependencies = [("guides", "0009_whole_versions")]

    operations = [
        *[
            operation
            for model_name in ("guide", "historicalguide")
            for operation in (
                migrations.AddField(model_name=model_name, name="language", field=LANGUAGE),
                migrations.AddField(
                    model_name=model_name,
                    name="needs_language_review",
                    field=NEEDS_LANGUAGE_REVIEW,
                ),
                migrations.AddField(
                    model_name=model_name,
                    name="translation_key",
                    field=models.UUIDField(db_index=True, null=True),
                ),
                migrations.AlterField(model_name=model_name, name="slug", field=SLUG),
            )
        ],
    ]

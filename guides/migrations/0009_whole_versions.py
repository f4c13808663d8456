"""Whole versions and a published review record (issue 13); see guides/history_backfill.py.

Existing data: published guides keep showing the review dates and reviewer they showed before;
every history record gains its sources; each launch guide gains its launch text as its first
version. No guide's text, sources or publication changes. Reversing leaves the data as it is."""

from django.db import migrations


def forwards(apps, schema_editor):
    from guides.history_backfill import (
        fill_review_snapshot,
        fill_version_sources,
        record_launch_versions,
    )

    fill_review_snapshot(apps)
    fill_version_sources(apps)
    record_launch_versions(apps)


class Migration(migrations.Migration):
    dependencies = [("guides", "0008_versions_review_snapshot_and_concurrency")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

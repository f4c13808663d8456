"""Guides version 2 (issue 10): current US guidance, safer advice after an assault, and a new
guide, at-the-appointment.

A launch guide that nobody has changed since launch takes the new text from guides/content/,
published, with a record in its history. A guide that an editor or reviewer has changed in any
way keeps every word; the new text waits beside it as a suggested revision (Guides → Suggested
revisions) for an editor to take or dismiss. A fresh database already has the new text from
0002, so this changes nothing there."""

from datetime import date

from django.db import migrations
from django.utils import timezone

REASON = "Guides version 2: current US guidance"
NEW_SLUGS = ["at-the-appointment"]
# The launch text this update replaces, fingerprinted by guides.seed.content_fingerprint at launch.
LAUNCH = {
    "reviewed_on": date(2026, 11, 28),
    "reviewer": "AnalCare editorial team",
    "fingerprints": {
        "why-it-happens": "462f31b334ef91a0b8be20ff6a0c478e0b3db3c46a3e8fc4e0a20188aff23a04",
        "what-to-do-now": "31a2e3848f047d39aa45d7d6cddd08d7b88f7468fafe317f5b436dbefa53dd84",
        "treatment": "73e355e42f643fe38ace7df0b764ca09feeb750458f766c5e339bf014470c0e0",
        "prevention": "7bf75affca1a438d2bec32401058a701e5aa6059f0da8f6864787b5e2eaa819d",
        "sti-protection": "22fe77f587f0ab65f819ee3b8e654d7b5270dec52adbd4e7a32209e51581edc8",
        "when-to-see-a-doctor": "d2f53f297ab6a861719d642d46ab82298fcedad6bf7b517a2d6301b508eefa22",
    },
}


def forwards(apps, schema_editor):
    from guides.seed import update_launch_guides

    update_launch_guides(
        apps, now=timezone.now(), launch=LAUNCH, reason=REASON, new_slugs=NEW_SLUGS
    )


class Migration(migrations.Migration):
    dependencies = [("guides", "0006_suggested_revision_roles")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

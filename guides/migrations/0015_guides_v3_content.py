"""Guides version 3 (issue 17), in English and Spanish: warning-sign lists drawn from the
symptom check (`!!! signs <level>`), the clinical review's fixes, sources from the table shared
with the check, and an honest review record (no clinician has checked the launch text yet).

As in 0007: a launch guide nobody has changed since version 2 takes the new text, published,
with a record in its history; a guide anyone has changed keeps every word, and the new text
waits beside it as a suggested revision. A fresh database has the new text from 0002 and 0013
already, so this changes nothing there."""

from datetime import date

from django.db import migrations
from django.utils import timezone

REASON = "Guides version 3: one source of truth with the symptom check"
# Version 2's launch text, fingerprinted by guides.seed.content_fingerprint at commit 2937a86.
VERSION_2 = {"reviewed_on": date(2026, 12, 2), "reviewer": "AnalCare editorial team"}
FINGERPRINTS = {
    "en-us": {
        "why-it-happens": "e1017c37107def28d50c5f5ffea6166248d106f031f55799f13bc8d9008123e0",
        "what-to-do-now": "2c3ce4b525c908ac259e1c4d52344e3d61d72b02f190bd52efbd0fd838a168a0",
        "treatment": "77d0b886391087a2c29290ec76845343d663fecd697dbd49309d37c87d667892",
        "prevention": "4c4389e12f09907fac883266a66c15d48f8aba7bccfd32f1ee59dc4d56b2eaea",
        "sti-protection": "a327ba25e88f410e07281be1a965216b861018d545f11d94546542e79fa363eb",
        "when-to-see-a-doctor": "3e1094a6ea1ab0940c5fe0f1bf025cca4c8165819315c26317b2ceb9eac7ed17",
        "at-the-appointment": "78aef4b39e27cec7e8aa2d07043b727e4bd4b53a2be05bdb11a293c3c49fce7d",
    },
    "es": {
        "por-que-pasa": "a3c9d96a6de058d192c11a14d2cf00ab0beff3fd4ef562e0edbadca2e032881a",
        "que-hacer-ahora": "b390ed60fc3abae538d0c75331a816654e8f82bfe8a8e5635a479c22d7531a1d",
        "tratamiento": "2668a9197eb80251611b5e248849a4f5145fe99c3205f21d2875fed464ad1334",
        "prevencion": "d57affeb8e7203c91522871b0c4dcb470c24341cba9152ae085e453dd800282a",
        "proteccion-its": "36ba5452ce9ccb6af8069bac6e1b7b4c447fa76663a921dcca2c7e898dc7ce3c",
        "cuando-ver-a-un-medico": "a70793d0b8cbbfcbc94fb1113d14226814fd992d64d936285bd0029a47056a93",
        "en-la-consulta": "4a5de0d6c2ac8c2b02f1c6883ab43249363755faeccf3eede2ec2f92b5a1fab8",
    },
}


def forwards(apps, schema_editor):
    from guides.seed import update_launch_guides

    now = timezone.now()
    # English first: a translation updated after its original is not "out of date".
    for language, fingerprints in FINGERPRINTS.items():
        update_launch_guides(
            apps,
            now=now,
            launch={**VERSION_2, "fingerprints": fingerprints},
            reason=REASON,
            language=language,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("guides", "0014_source_language"),
        ("triage", "0015_v3_editor_groups"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

"""Plainer Spanish for black, tarry poop (issue 17, the bilingual review): «alquitrán» (tar) is
not a word every reader knows, so the answer, the nurse-script line and the watch-for phrase
say «negra que se pega» (black and sticky), with «brea o chapopote» as the familiar words for tar.

A fresh database has the new words from the launch files already. An existing one changes only
the rows whose Spanish is still the launch wording (an editor's own words are kept), in the
working copy: like any change to the check, it reaches the public when a clinical reviewer
publishes it."""

from django.db import migrations

REASON = "Plainer Spanish for black, tarry poop (issue 17)"
CHANGES = [
    (
        "Finding",
        "question_es",
        "Popó que parece alquitrán negro, o de color vino (rojo oscuro)",
        "Popó negra que se pega, como brea o chapopote, o de color vino (rojo oscuro)",
    ),
    (
        "Finding",
        "said_es",
        "Mi popó parece alquitrán negro, o es de color vino.",
        "Mi popó es negra y pegajosa, o es de color vino.",
    ),
    (
        "Rule",
        "watch_for_es",
        "popó que parece alquitrán negro, o de color vino",
        "popó negra que se pega, como brea, o de color vino",
    ),
]


def forwards(apps, schema_editor):
    from django.utils import timezone

    now = timezone.now()
    for model_name, field, launch_words, new_words in CHANGES:
        model = apps.get_model("triage", model_name)
        historical = apps.get_model("triage", f"Historical{model_name}")
        for row in model.objects.filter(code="dark_stool", **{field: launch_words}):
            setattr(row, field, new_words)
            row.save(update_fields=[field])
            historical.objects.create(
                history_date=now,
                history_type="~",
                history_change_reason=REASON,
                history_user=None,
                **{f.attname: getattr(row, f.attname) for f in row._meta.fields},
            )


class Migration(migrations.Migration):
    dependencies = [("triage", "0017_history_as_it_stood")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

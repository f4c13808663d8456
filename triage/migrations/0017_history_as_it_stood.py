"""Every part of the symptom check gets a first history record of its values as they stand, if
it has none: rows made by migrations (the launch content) had no history, so the first edit of
one kept only the new value (issue 20). From now on an edit always leaves the old value in the
history, ready to compare or restore. Many-to-many fields (a rule's answers and sources, where a
service is shown, a level's guides) are recorded with the row."""

from django.db import migrations
from django.utils import timezone

MODELS = ("Level", "Page", "Choice", "Finding", "Rule", "Source", "HelpService")
REASON = "As it stood when its history began"


def m2m_history_models(apps, model):
    found = []
    for field in model._meta.many_to_many:
        try:
            found.append(
                (field, apps.get_model("triage", f"Historical{model.__name__}_{field.name}"))
            )
        except LookupError:
            continue  # not recorded in its history
    return found


def record_as_it_stands(apps, schema_editor):
    now = timezone.now()
    for name in MODELS:
        model = apps.get_model("triage", name)
        historical = apps.get_model("triage", f"Historical{name}")
        recorded = set(historical.objects.values_list("id", flat=True))
        fields = [f for f in historical._meta.fields if not f.name.startswith("history")]
        many = m2m_history_models(apps, model)
        for row in model.objects.exclude(pk__in=recorded).order_by("pk"):
            record = historical.objects.create(
                history_date=now,
                history_type="~",
                history_change_reason=REASON,
                history_user=None,
                **{f.attname: getattr(row, f.attname) for f in fields},
            )
            for field, m2m_history in many:
                through = field.remote_field.through
                links = through.objects.filter(**{field.m2m_field_name(): row.pk})
                m2m_history.objects.bulk_create(
                    m2m_history(
                        history=record,
                        **{f.attname: getattr(link, f.attname) for f in through._meta.fields},
                    )
                    for link in links
                )


class Migration(migrations.Migration):
    dependencies = [("triage", "0016_historicallevel_guides")]

    operations = [migrations.RunPython(record_as_it_stands, migrations.RunPython.noop)]

"""Staff groups for the triage rules. Another app creates the same groups for its own models,
so each migration gets or creates the group and only ever adds permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ("level", "finding", "helpservice")


def group_permissions(models: tuple[str, ...]) -> dict[str, list[str]]:
    return {
        # Wording only: they can change the text (the services guard the clinical fields).
        "Editor": [f"{action}_{model}" for model in models for action in ("view", "change")],
        # Everything, including clinical changes (adding a finding, changing what it leads to).
        "Clinical reviewer": [
            f"{action}_{model}"
            for model in models
            for action in ("view", "add", "change", "delete")
        ]
        + ["change_finding_level"],
    }


def add_groups(apps, schema_editor, models=MODELS):
    # Permissions are normally created after all migrations run; create them now so that a
    # fresh database gets the groups filled in one `migrate`.
    app_config = apps.get_app_config("triage")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name, codenames in group_permissions(models).items():
        group, _ = group_model.objects.get_or_create(name=name)
        group.permissions.add(
            *permission_model.objects.filter(
                content_type__app_label="triage", codename__in=codenames
            )
        )


def remove_permissions(apps, schema_editor, models=MODELS):
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name, codenames in group_permissions(models).items():
        for group in group_model.objects.filter(name=name):
            group.permissions.remove(
                *permission_model.objects.filter(
                    content_type__app_label="triage", codename__in=codenames
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("triage", "0002_seed_rules"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_groups, remove_permissions)]

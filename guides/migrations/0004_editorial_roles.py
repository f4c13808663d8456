"""The two editorial roles as groups. Other apps add their own permissions to the same groups with
get_or_create, so neither migration depends on the other's order."""

from django.db import migrations

EDITOR = "Editor"
CLINICAL_REVIEWER = "Clinical reviewer"

# Editors write drafts and manage sources: nothing they do reaches the public. Deleting a source
# only changes the working copy (the public page keeps its published list of sources). Deleting
# a guide would take a page down, so only reviewers may, and the admin refuses it while the guide
# is published.
EDITOR_PERMISSIONS = [
    "add_guide",
    "change_guide",
    "view_guide",
    "add_source",
    "change_source",
    "delete_source",
    "view_source",
]
REVIEWER_PERMISSIONS = [*EDITOR_PERMISSIONS, "delete_guide", "publish_guide", "review_guide"]


def grant_permissions(apps, roles: dict[str, list[str]]):
    """Give each named group these guides permissions, creating groups and permissions as needed.
    Later migrations call this too, for models added after the roles."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; make sure ours exist now.
    guides_config = apps.get_app_config("guides")
    guides_config.models_module = True
    create_permissions(guides_config, apps=apps, verbosity=0)
    guides_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in roles.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="guides", codename__in=codenames)
        )


def create_roles(apps, schema_editor):
    grant_permissions(apps, {EDITOR: EDITOR_PERMISSIONS, CLINICAL_REVIEWER: REVIEWER_PERMISSIONS})


class Migration(migrations.Migration):
    dependencies = [
        ("guides", "0003_editorial_permissions_and_help"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]

"""Create the first admin account without a prompt, for deployments. Run it on every deploy:
once the account exists, it changes nothing (not even the password)."""

import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

REQUIRED = ("ADMIN_USERNAME", "ADMIN_EMAIL", "ADMIN_PASSWORD")


class Command(BaseCommand):
    help = (
        "Create a superuser from the ADMIN_USERNAME, ADMIN_EMAIL and ADMIN_PASSWORD environment "
        "variables. Does nothing if that username already exists."
    )

    def handle(self, *args, **options):
        missing = [name for name in REQUIRED if not os.environ.get(name, "").strip()]
        if missing:
            raise CommandError(
                "Set these environment variables to create the first admin account: "
                + ", ".join(missing)
            )
        username = os.environ["ADMIN_USERNAME"].strip()
        email = os.environ["ADMIN_EMAIL"].strip()
        password = os.environ["ADMIN_PASSWORD"]

        user_model = get_user_model()
        if user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username}).exists():
            self.stdout.write(f"The admin account {username!r} already exists; left unchanged.")
            return
        try:
            validate_password(
                password, user=user_model(**{user_model.USERNAME_FIELD: username, "email": email})
            )
        except ValidationError as error:
            raise CommandError("ADMIN_PASSWORD is too weak: " + " ".join(error.messages)) from None
        user_model._default_manager.create_superuser(
            **{user_model.USERNAME_FIELD: username}, email=email, password=password
        )
        self.stdout.write(self.style.SUCCESS(f"Created the admin account {username!r}."))

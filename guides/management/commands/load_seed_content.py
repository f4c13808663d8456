from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from guides.models import Guide, Source
from guides.seed import load_seed_guides
from triage import launch


class Command(BaseCommand):
    help = (
        "Add the launch guides (guides/content/) and the launch symptom check (triage/content/) "
        "that are missing; never change existing ones."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        guides = load_seed_guides(Guide, Source, now=timezone.now())
        rows = launch.add_missing(launch.historical(apps), number=settings.EMERGENCY_NUMBER)
        self.stdout.write(
            f"Launch content: {guides} guide(s) added, {rows} symptom-check item(s) added; "
            "existing ones left as they are."
        )

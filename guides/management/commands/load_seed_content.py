from django.core.management.base import BaseCommand
from django.utils import timezone

from guides.models import Guide, Source
from guides.seed import load_seed_guides


class Command(BaseCommand):
    help = "Add launch guides from guides/content/ that are missing; never change existing ones."

    def handle(self, *args, **options):
        added = load_seed_guides(Guide, Source, now=timezone.now())
        self.stdout.write(
            f"Launch content: {added} guide(s) added, existing guides left as they are."
        )

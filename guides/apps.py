from django.apps import AppConfig


class GuidesConfig(AppConfig):
    name = "guides"
    verbose_name = "Guides"

    def ready(self):
        from simple_history.signals import pre_create_historical_record

        from core import review_queue, versioning

        from .models import Guide
        from .versioning import guides_version, newest_change
        from .versions import fill_version_sources
        from .waiting import guides_waiting_for_review

        pre_create_historical_record.connect(
            fill_version_sources, sender=Guide.history.model, dispatch_uid="guide_version_sources"
        )
        review_queue.register(guides_waiting_for_review)
        # Every published guide is part of the site's content version (page caches, ETags, the
        # service worker): core asks this app, and imports none of it.
        versioning.register(
            "guides", versioning.ContentPart(version=guides_version, changed_at=newest_change)
        )

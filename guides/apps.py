from django.apps import AppConfig


class GuidesConfig(AppConfig):
    name = "guides"
    verbose_name = "Guides"

    def ready(self):
        from simple_history.signals import pre_create_historical_record

        from core.review_queue import register

        from .models import Guide
        from .versions import fill_version_sources
        from .waiting import guides_waiting_for_review

        pre_create_historical_record.connect(
            fill_version_sources, sender=Guide.history.model, dispatch_uid="guide_version_sources"
        )
        register(guides_waiting_for_review)

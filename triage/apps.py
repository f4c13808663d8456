from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "triage"
    verbose_name = "Symptom check"

    def ready(self):
        from core.review_queue import register

        from .waiting import triage_waiting_for_review

        register(triage_waiting_for_review)

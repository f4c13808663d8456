from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "triage"
    verbose_name = "Symptom check"

    def ready(self):
        from core import review_queue, versioning

        from .rules import forget_published_rule_set, rule_set_version
        from .waiting import triage_waiting_for_review

        review_queue.register(triage_waiting_for_review)
        # The published rule set is part of the site's content version; a save in this process
        # forgets the remembered rule set with the version.
        versioning.register(
            "triage",
            versioning.ContentPart(version=rule_set_version, forget=forget_published_rule_set),
        )

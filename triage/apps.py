from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "triage"
    verbose_name = "Symptom check"

    def ready(self):
        # The published rule set is part of the site's content version; a save in this process
        # forgets the remembered rule set with the version.
        from core.versioning import ContentPart, register

        from .rules import forget_published_rule_set, rule_set_version

        register("triage", ContentPart(version=rule_set_version, forget=forget_published_rule_set))

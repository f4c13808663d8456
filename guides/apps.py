from django.apps import AppConfig


class GuidesConfig(AppConfig):
    name = "guides"
    verbose_name = "Guides"

    def ready(self):
        # Every published guide is part of the site's content version (page caches, ETags, the
        # service worker): core asks this app, and imports none of it.
        from core.versioning import ContentPart, register

        from .versioning import guides_version, newest_change

        register("guides", ContentPart(version=guides_version, changed_at=newest_change))

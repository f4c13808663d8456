from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from core.languages import HTML_LANG

from .models import Guide


class SiteOriginSitemap(Sitemap):
    """Addresses on SITE_ORIGIN, like the canonical links, not on whatever Host header was
    sent. Alternates name their language as the pages' own hreflang links do (en-US, es-US)."""

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_ORIGIN).netloc

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_ORIGIN).scheme

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            for alternate in url["alternates"]:
                alternate["lang_code"] = HTML_LANG.get(alternate["lang_code"], "x-default")
        return urls


class GuideSitemap(SiteOriginSitemap):
    """Every published guide in every language, each with the addresses of its published
    translations as alternates (a guide's translations have slugs of their own, so Django's
    i18n sitemap, which repeats one address per language, does not fit)."""

    changefreq = "monthly"

    def items(self):
        return Guide.objects.published(language=None).order_by("language", "order", "title")

    def lastmod(self, guide):
        return guide.published_at

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        published = Guide.objects.published(language=None)
        by_key = {}
        for guide in published.filter(
            translation_key__in=[url["item"].translation_key for url in urls]
        ):
            by_key.setdefault(guide.translation_key, []).append(guide)
        for url in urls:
            versions = sorted(by_key[url["item"].translation_key], key=lambda guide: guide.language)
            if len(versions) < 2:
                continue
            url["alternates"] = [
                {
                    "lang_code": HTML_LANG[guide.language],
                    "location": self.address(guide, protocol, domain),
                }
                for guide in versions
            ] + [
                {"lang_code": "x-default", "location": self.address(guide, protocol, domain)}
                for guide in versions
                if guide.language == settings.LANGUAGE_CODE
            ]
        return urls

    @staticmethod
    def address(guide, protocol, domain) -> str:
        return f"{protocol}://{domain}{guide.get_absolute_url()}"


class PageSitemap(SiteOriginSitemap):
    """The other public pages, in each language, with each other as alternates."""

    changefreq = "monthly"
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return ["home", "guides:list", "triage:start", "get-help", "about", "privacy"]

    def location(self, name):
        return reverse(name)

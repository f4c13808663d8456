from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Guide


class SiteOriginSitemap(Sitemap):
    """Addresses on SITE_ORIGIN, like the canonical links, not on whatever Host header was
    sent."""

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_ORIGIN).netloc

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_ORIGIN).scheme


class GuideSitemap(SiteOriginSitemap):
    changefreq = "monthly"

    def items(self):
        return Guide.objects.published()

    def lastmod(self, guide):
        return guide.published_at


class PageSitemap(SiteOriginSitemap):
    changefreq = "monthly"

    def items(self):
        return ["home", "guides:list", "triage:start", "get-help", "about", "privacy"]

    def location(self, name):
        return reverse(name)

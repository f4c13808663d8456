from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Guide


class GuideSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Guide.objects.published()

    def lastmod(self, guide):
        return guide.published_at


class PageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return ["home", "guides:list", "triage:start", "get-help", "about", "privacy"]

    def location(self, name):
        return reverse(name)

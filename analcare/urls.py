from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from core import glossary
from core import views as core_views
from core.caching import cache_public_page
from core.http import read_only
from guides import api as guides_api
from guides import views as guides_views
from guides.sitemaps import GuideSitemap, PageSitemap

api_v1 = [
    path("guides/", cache_public_page(guides_api.GuideListApi.as_view()), name="guide-list"),
    path(
        "guides/<slug:slug>/",
        cache_public_page(guides_api.GuideDetailApi.as_view()),
        name="guide-detail",
    ),
    path("triage/", include("triage.api_urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
]

# The public pages, in English at today's addresses and in Spanish under /es/ (core/languages.py).
public_pages = [
    path("", cache_public_page(guides_views.home), name="home"),
    path("guides/", include("guides.urls")),
    path("triage/", include("triage.urls")),
    path("about/", cache_public_page(core_views.about), name="about"),
    path("get-help/", include("triage.help_urls")),
    path("privacy/", cache_public_page(core_views.privacy), name="privacy"),
    path("", include("offline.page_urls")),
]

urlpatterns = [
    *i18n_patterns(*public_pages, prefix_default_language=False),
    # Staff only (404 for everyone else); robots.txt disallows /preview/.
    path("preview/guides/<slug:slug>/", guides_views.guide_preview, name="guide-preview"),
    path("preview/triage/", include("triage.preview_urls")),
    path("", include("offline.urls")),
    path("api/v1/", include((api_v1, "api"), namespace="api")),
    path(
        "sitemap.xml",
        cache_public_page(read_only(sitemap)),
        {"sitemaps": {"guides": GuideSitemap, "pages": PageSitemap}},
        name="sitemap",
    ),
    path("robots.txt", cache_public_page(core_views.robots_txt), name="robots"),
    path(
        f"{settings.ADMIN_URL}spanish-glossary/",
        admin.site.admin_view(glossary.spanish_glossary),
        name="spanish-glossary",
    ),
    path(settings.ADMIN_URL, admin.site.urls),
]

handler400 = "core.views.bad_request"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

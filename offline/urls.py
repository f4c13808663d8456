from django.urls import path

from core.caching import cache_public_page

from . import views

# Root-level names (no namespace): the worker must live at the site root to control every page.
# Public pages: stored once per content version, compressed, revalidated with ETag and
# Last-Modified, so a phone's routine re-check of the worker is a 304.
urlpatterns = [
    path("serviceworker.js", cache_public_page(views.service_worker), name="serviceworker"),
]

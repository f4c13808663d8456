from django.urls import path

from core.caching import cache_public_page

from . import views

# The manifest and the offline and exit screens are pages like any other: one per language
# (analcare/urls.py), so a Spanish page installs the Spanish app.
urlpatterns = [
    path("manifest.json", cache_public_page(views.manifest), name="manifest"),
    path("offline/", cache_public_page(views.offline_page), name="offline"),
    path("exit/", cache_public_page(views.exit_page), name="exit"),
]

from django.urls import path

from . import views

# Root-level names (no namespace): the worker must live at the site root to control every page.
urlpatterns = [
    path("serviceworker.js", views.service_worker, name="serviceworker"),
    path("manifest.json", views.manifest, name="manifest"),
    path("offline/", views.offline_page, name="offline"),
    path("exit/", views.exit_page, name="exit"),
]

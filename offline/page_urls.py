from django.urls import path

from core.caching import cache_public_page

from . import views

# The offline and exit screens are pages like any other: one per language (analcare/urls.py).
urlpatterns = [
    path("offline/", cache_public_page(views.offline_page), name="offline"),
    path("exit/", cache_public_page(views.exit_page), name="exit"),
]

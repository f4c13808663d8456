from django.urls import path

from core.caching import cache_public_page

from . import views

# Included at /get-help/ without a namespace: the page's name is "get-help".
urlpatterns = [
    path("", cache_public_page(views.get_help), name="get-help"),
]

from django.urls import path

from core.caching import cache_public_page

from . import views

app_name = "triage"
urlpatterns = [
    path("", cache_public_page(views.start), name="start"),
    path("result/", views.result, name="result"),
]

from django.urls import path

from . import views

app_name = "triage-preview"
urlpatterns = [
    path("", views.preview_start, name="start"),
    path("result/", views.preview_result, name="result"),
    path("rules/", views.preview_rules, name="rules"),
]

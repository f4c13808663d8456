from django.urls import path

from . import preview

app_name = "triage-preview"
urlpatterns = [
    path("", preview.start, name="start"),
    path("result/", preview.result, name="result"),
    path("rules/", preview.rules, name="rules"),
    path("get-help/", preview.get_help, name="get-help"),
]

from django.urls import path

from . import api

# Names the rest of the site relies on: api:triage-rules and api:triage-assess.
urlpatterns = [
    path("", api.TriageRulesApi.as_view(), name="triage-rules"),
    path("assess/", api.TriageAssessApi.as_view(), name="triage-assess"),
]

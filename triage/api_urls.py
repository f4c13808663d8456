from django.urls import path

from core.caching import cache_public_page

from . import api

# Names the rest of the site relies on: api:triage-rules and api:triage-assess.
urlpatterns = [
    path("", cache_public_page(api.TriageRulesApi.as_view()), name="triage-rules"),
    path("assess/", api.TriageAssessApi.as_view(), name="triage-assess"),
]

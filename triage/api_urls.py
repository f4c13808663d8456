from django.urls import path

from . import views

# Names the rest of the site relies on: api:triage-rules and api:triage-assess.
urlpatterns = [
    path("", views.rules_placeholder, name="triage-rules"),
]

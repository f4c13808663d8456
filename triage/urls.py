from django.urls import path

from . import views

app_name = "triage"
urlpatterns = [
    path("", views.start, name="start"),
    path("result/", views.result, name="result"),
]

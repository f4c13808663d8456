from django.urls import path

from . import views

# Included at /get-help/ without a namespace: the page's name is "get-help".
urlpatterns = [
    path("", views.get_help, name="get-help"),
]

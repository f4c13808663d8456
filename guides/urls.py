from django.urls import path

from core.caching import cache_public_page

from . import views

app_name = "guides"
urlpatterns = [
    path("", cache_public_page(views.guide_list), name="list"),
    path("<slug:slug>/", cache_public_page(views.guide_detail), name="detail"),
]

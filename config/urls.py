"""The archive's URLs: the admin, the REST API and the public site."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("config.api_urls")),
    path("", include("predictions.urls")),
]

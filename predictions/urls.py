"""The public site's URLs (namespace ``site``)."""

from django.urls import path
from django.views.generic import TemplateView

app_name = "site"

urlpatterns = [
    path("", TemplateView.as_view(template_name="site/home.html"), name="home"),
]

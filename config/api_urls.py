"""The REST API's URLs (namespace ``api``)."""

from django.http import JsonResponse
from django.urls import path, re_path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework import routers
from rest_framework.reverse import reverse

from archive.api.views import CommentViewSet, OutletViewSet
from config.exceptions import error_body
from predictions.api.export import PredictionCsvExportView, PredictionJsonExportView
from predictions.api.sources import ArticleViewSet, DocumentView, PersonViewSet
from predictions.api.views import (
    ClaimViewSet,
    EventViewSet,
    JudgementViewSet,
    OutletLeaderboardView,
    PersonLeaderboardView,
    PredictionViewSet,
)

app_name = "api"


class ArchiveAPIRoot(routers.APIRootView):
    """Public forecasts found in articles and reader comments, who made them, how sure they
    sounded, by when, and how they turned out: the archive's data, open for anyone to read.

    Below are the resources, each a link to its list. Lists filter by the parameters the
    documentation names (a person, outlet or tag that does not exist is a 400 naming the
    filter, never an empty list), order by “ordering”, and page: follow “next” until it is
    null (“page_size” up to each list's stated maximum). Predictions, events and judgements
    page by cursor; the smaller lists also give “count”. “judgements/?current=true” is each
    prediction's judgement that counts. The exports give every accepted prediction with its
    scores as CSV or JSON, with the same filters.

    Reading needs no account; recording and reviewing need an editor's token
    (“Authorization: Token …”). The full reference is at “docs/”, the OpenAPI document at
    “schema/”.
    """

    name = "Prediction Archive API"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        # RFC 8631: where a client finds the documentation and the machine-readable description.
        response["Link"] = (
            f'<{reverse("api:docs", request=request)}>; rel="service-doc", '
            f'<{reverse("api:schema", request=request)}>; rel="service-desc"'
        )
        return response


class ArchiveRouter(routers.DefaultRouter):
    """The default router, whose root also lists the endpoints that are not viewsets."""

    APIRootView = ArchiveAPIRoot

    extra_root_entries = {
        "documents": "documents",
        "leaderboards/people": "leaderboard-people",
        "leaderboards/outlets": "leaderboard-outlets",
        "export/predictions.csv": "export-predictions-csv",
        "export/predictions.json": "export-predictions-json",
        "schema": "schema",
        "docs": "docs",
    }

    def get_api_root_view(self, api_urls=None):
        api_root_dict = {
            prefix: self.routes[0].name.format(basename=basename)
            for prefix, _, basename in self.registry
        }
        api_root_dict.update(self.extra_root_entries)
        return self.APIRootView.as_view(api_root_dict=api_root_dict)


router = ArchiveRouter()
router.include_format_suffixes = False
router.register("outlets", OutletViewSet, basename="outlet")
router.register("people", PersonViewSet, basename="person")
router.register("articles", ArticleViewSet, basename="article")
router.register("comments", CommentViewSet, basename="comment")
router.register("claims", ClaimViewSet, basename="claim")
router.register("predictions", PredictionViewSet, basename="prediction")
router.register("events", EventViewSet, basename="event")
router.register("judgements", JudgementViewSet, basename="judgement")


def not_found(_request, path=""):  # noqa: ARG001 - the URL pattern passes the path
    """Unknown API paths answer in the API's error shape rather than the site's 404 page."""
    return JsonResponse(error_body(code="not_found", message="No such API endpoint."), status=404)


urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up code as a script file, as the CSP requires.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path(
        "redoc/",
        SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html"),
        name="redoc",
    ),
    path("documents/", DocumentView.as_view(), name="documents"),
    path("leaderboards/people/", PersonLeaderboardView.as_view(), name="leaderboard-people"),
    path("leaderboards/outlets/", OutletLeaderboardView.as_view(), name="leaderboard-outlets"),
    path(
        "export/predictions.csv", PredictionCsvExportView.as_view(), name="export-predictions-csv"
    ),
    path(
        "export/predictions.json",
        PredictionJsonExportView.as_view(),
        name="export-predictions-json",
    ),
    *router.urls,
    re_path(r"^(?P<path>.*)$", not_found),
]

"""The public site's URLs (namespace ``site``)."""

from django.urls import path

from predictions import feeds, views, views_index

app_name = "site"

urlpatterns = [
    path("", views.home, name="home"),
    path("leaderboard/", views.leaderboard, name="leaderboard"),
    path("people/", views_index.people, name="people"),
    path("outlets/", views_index.outlets, name="outlets"),
    path("articles/", views_index.articles, name="articles"),
    path("claims/", views_index.claims, name="claims"),
    path("people/<slug:slug>/", views.person, name="person"),
    path("people/<slug:slug>/feed.rss", feeds.PersonFeed(), name="person-rss"),
    path("people/<slug:slug>/feed.atom", feeds.PersonAtomFeed(), name="person-atom"),
    path("outlets/<slug:slug>/", views.outlet, name="outlet"),
    path("articles/<int:pk>/", views.article, name="article"),
    path("predictions/<int:pk>/", views.prediction, name="prediction"),
    path("claims/<int:pk>/", views.claim, name="claim"),
    path("events/", views.events, name="events"),
    path("events/<int:pk>/", views.event, name="event"),
    path("search/", views.search, name="search"),
    path("due/", views.due, name="due"),
    path("feeds/resolved.rss", feeds.ResolvedFeed(), name="resolved-rss"),
    path("feeds/resolved.atom", feeds.ResolvedAtomFeed(), name="resolved-atom"),
    path("feeds/deadlines.ics", feeds.deadlines_calendar, name="deadlines-ics"),
]

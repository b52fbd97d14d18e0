"""document_import: articles, outlets, people and comments stored once, atomically."""

import datetime

import pytest
from django.db import IntegrityError

from archive.errors import DocumentError
from archive.importers.documents import parse_document
from archive.models import Article, Comment, Outlet, Person, PersonAlias
from archive.services import documents, people
from archive.services.documents import ImportOutcome, document_import
from tests.factories import OutletFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def make(**overrides):
    obj = {
        "title": "Harbour bridge vote delayed",
        "url": "https://gull.example.org/bridge",
        "outlet": "The Gull Gazette",
        "authors": ["Mira Holloway"],
        "published": "2023-05-04",
        "body": "Councillor Okafor said the bridge will almost certainly be approved this year.",
        "section": "Local",
        "comments": [
            {
                "author": "tidewatcher",
                "posted": "2023-05-04T18:20:00Z",
                "body": "Never.",
                "parent": None,
            },
            {"author": None, "posted": None, "body": "Same as the pier.", "parent": 0},
            {"author": "TideWatcher", "posted": None, "body": "", "parent": 1},
        ],
    }
    obj.update(overrides)
    return parse_document({k: v for k, v in obj.items() if v is not ...})


def test_import_stores_article_people_and_threaded_comments():
    user = UserFactory()
    outcome = document_import(document=make(), by=user)
    assert isinstance(outcome, ImportOutcome) and outcome.created
    article = outcome.article
    assert article.outlet.name == "The Gull Gazette"
    assert article.outlet.slug == "the-gull-gazette"
    assert [p.name for p in article.authors.all()] == ["Mira Holloway"]
    assert article.authors.get().kind == Person.Kind.PUNDIT
    assert article.published_at == datetime.datetime(2023, 5, 4, tzinfo=datetime.UTC)
    assert article.metadata == {"section": "Local"}
    assert article.source_format == Article.Format.JSON
    assert article.imported_by == user
    assert len(article.content_hash) == 64
    comments = list(article.comments.order_by("position"))
    assert [c.position for c in comments] == [0, 1, 2]
    assert [c.parent_id for c in comments] == [None, comments[0].pk, comments[1].pk]
    assert comments[0].posted_at == datetime.datetime(2023, 5, 4, 18, 20, tzinfo=datetime.UTC)
    assert comments[1].author is None and comments[1].posted_at is None
    # One commenter, whatever the case of the handle, scoped to the outlet.
    assert comments[0].author == comments[2].author
    assert comments[0].author.kind == Person.Kind.COMMENTER
    assert comments[0].author.outlet == article.outlet


def test_same_url_is_a_duplicate_and_writes_nothing():
    first = document_import(document=make())
    counts = (Article.objects.count(), Comment.objects.count(), Person.objects.count())
    again = document_import(document=make(title="A retitled version", outlet="Elsewhere"))
    assert not again.created and again.article == first.article
    assert (Article.objects.count(), Comment.objects.count(), Person.objects.count()) == counts
    assert not Outlet.objects.filter(name="Elsewhere").exists()


def test_same_content_without_url_is_a_duplicate():
    first = document_import(document=make(url=None))
    again = document_import(document=make(url=None, published="2024-01-01"))
    assert not again.created and again.article == first.article
    assert Article.objects.count() == 1


def test_existing_outlet_and_people_are_reused_case_insensitively_and_by_alias():
    outlet = OutletFactory(name="The Gull Gazette", slug="gull")
    pundit = PersonFactory(name="Mira J. Holloway")
    PersonAlias.objects.create(person=pundit, name="Mira Holloway")
    article = document_import(document=make(outlet="the gull GAZETTE")).article
    assert article.outlet == outlet
    assert list(article.authors.all()) == [pundit]
    assert Outlet.objects.count() == 1


def test_commenters_are_scoped_to_their_outlet():
    a = document_import(document=make()).article
    b = document_import(
        document=make(url="https://other.example.org/x", outlet="Other", title="Other")
    ).article
    first = a.comments.get(position=0).author
    second = b.comments.get(position=0).author
    assert first != second
    assert first.name == second.name == "tidewatcher"
    assert first.slug != second.slug


def test_slugs_stay_unique():
    OutletFactory(name="Gull Gazette Ltd", slug="gull-gazette")
    PersonFactory(name="Someone else", slug="mira-holloway")
    article = document_import(document=make(outlet="Gull Gazette")).article
    assert article.outlet.slug == "gull-gazette-2"
    assert article.authors.get().slug == "mira-holloway-2"
    odd = document_import(document=make(url=None, outlet="…", authors=["Мира"], title="T2")).article
    assert odd.outlet.slug == "outlet"
    assert odd.authors.get().slug == "person"


def test_outlet_falls_back_to_the_url_host_else_is_refused():
    article = document_import(
        document=make(outlet=None, url="https://www.ledger.example.org/a")
    ).article
    assert article.outlet.name == "ledger.example.org"
    with pytest.raises(DocumentError, match="^outlet: required") as caught:
        document_import(document=make(outlet=None, url=None, title="No outlet"))
    assert caught.value.field == "outlet"


def test_failure_midway_leaves_no_partial_rows(monkeypatch):
    def failing_update(objs, fields, **kwargs):
        # Outlet, people, article and comments are written by now; the thread links fail.
        assert Comment.objects.count() == 3
        raise IntegrityError("simulated failure while linking replies")

    monkeypatch.setattr(Comment.objects, "bulk_update", failing_update)
    with pytest.raises(IntegrityError):
        document_import(document=make())
    assert Article.objects.count() == 0
    assert Comment.objects.count() == 0
    assert Person.objects.count() == 0
    assert Outlet.objects.count() == 0


def test_query_count_does_not_grow_per_comment(django_assert_max_num_queries):
    document_import(document=make(url=None, title="Warm-up"))  # outlet, author and reader exist
    thread = [
        {"author": "tidewatcher", "body": f"Reply {i}.", "parent": i - 1 if i else None}
        for i in range(200)
    ]
    with django_assert_max_num_queries(20):
        outcome = document_import(document=make(comments=thread))
    assert outcome.article.comments.count() == 200
    last = outcome.article.comments.get(position=199)
    assert last.parent.position == 198


def test_losing_a_race_to_a_concurrent_import_is_a_duplicate(monkeypatch):
    winner = document_import(document=make()).article
    outlets = Outlet.objects.count()
    original = documents.article_find_duplicate
    calls = []

    def racing_find(**kwargs):
        # The first check runs before the concurrent import commits, so it finds nothing.
        calls.append(kwargs)
        return None if len(calls) == 1 else original(**kwargs)

    monkeypatch.setattr(documents, "article_find_duplicate", racing_find)
    outcome = document_import(document=make(outlet="A new outlet from the loser"))
    assert not outcome.created and outcome.article == winner
    assert Article.objects.count() == 1
    # The loser's outlet was rolled back with its savepoint.
    assert Outlet.objects.count() == outlets


def test_handles_with_the_same_slug_in_one_thread_get_distinct_slugs():
    thread = [
        {"author": "Sam!", "body": "a"},
        {"author": "sam?", "body": "b"},
        {"author": "SAM!", "body": "c"},
    ]
    article = document_import(document=make(comments=thread)).article
    people = [c.author for c in article.comments.order_by("position")]
    assert people[0] == people[2] and people[0] != people[1]
    assert {people[0].slug, people[1].slug} == {"sam-the-gull-gazette", "sam-the-gull-gazette-2"}


def test_people_created_meanwhile_are_found_after_the_bulk_insert_fails(monkeypatch):
    existing = document_import(document=make()).article.comments.get(position=0).author
    real_find = people.people_find
    calls = []

    def stale_find(**kwargs):
        calls.append(kwargs)
        return {} if len(calls) == 2 else real_find(**kwargs)  # the commenters' lookup misses

    monkeypatch.setattr(people, "people_find", stale_find)
    article = document_import(document=make(url=None, title="Second thread")).article
    assert article.comments.get(position=0).author == existing
    assert Person.objects.filter(name__iexact="tidewatcher").count() == 1

"""A new outlet's kind: as the document states it, or a blog when named after its only author."""

import pytest

from archive.importers.documents import parse_document
from archive.models import Outlet
from archive.services.documents import document_import, documents_import

pytestmark = pytest.mark.django_db


def _import(**fields) -> Outlet:
    document = {"title": "A title", "body": "A body.", "published": "2024-01-01", **fields}
    return document_import(document=parse_document(document)).article.outlet


def test_an_outlet_named_after_its_only_author_is_a_blog():
    assert _import(outlet="Ann Ferris", authors=["Ann Ferris"]).kind == Outlet.Kind.BLOG


def test_the_document_can_say_what_kind_of_outlet_it_is():
    assert _import(outlet="Dockside Forum", outlet_kind="forum").kind == Outlet.Kind.FORUM


def test_otherwise_a_new_outlet_is_a_newspaper_and_an_existing_one_keeps_its_kind():
    assert _import(outlet="The Gazette", authors=["Ann Ferris"]).kind == Outlet.Kind.NEWSPAPER
    Outlet.objects.filter(name="The Gazette").update(kind=Outlet.Kind.AGENCY)
    again = _import(outlet="The Gazette", outlet_kind="blog", body="Another body.")
    assert again.kind == Outlet.Kind.AGENCY
    odd = _import(outlet="Odd", outlet_kind="zine", body="A third body.")
    assert odd.kind == Outlet.Kind.NEWSPAPER


def test_a_batch_import_gives_new_outlets_their_kinds_too():
    fields = [
        {"outlet": "Ann Ferris", "authors": ["Ann Ferris"]},
        {"outlet": "Dockside Forum", "outlet_kind": "forum"},
        {"outlet": "dockside forum", "outlet_kind": "blog"},  # the first document's kind stands
        {"outlet": "The Gazette"},
    ]
    documents = [
        parse_document({"title": "A title", "body": f"Body {n}.", "published": "2024-01-01", **f})
        for n, f in enumerate(fields)
    ]
    outcomes = documents_import(documents=documents)
    assert [outcome.article.outlet.kind for outcome in outcomes] == [
        Outlet.Kind.BLOG,
        Outlet.Kind.FORUM,
        Outlet.Kind.FORUM,
        Outlet.Kind.NEWSPAPER,
    ]

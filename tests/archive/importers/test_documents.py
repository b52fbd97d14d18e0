"""parse_document: validation of one CONTRACT §1 object, dates, normalisation and content hash."""

import datetime

import pytest

from archive.errors import DocumentError
from archive.importers.documents import (
    CommentData,
    Defaults,
    DocumentData,
    content_hash,
    parse_document,
)

UTC = datetime.UTC


def doc(**overrides):
    base = {
        "title": "Sea wall vote postponed",
        "outlet": "Lowmarsh Ledger",
        "published": "2023-03-01",
        "body": "The vote will probably happen in April.",
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not ...}


def test_minimal_document_gets_the_contract_defaults():
    parsed = parse_document(doc())
    assert isinstance(parsed, DocumentData)
    assert parsed.title == "Sea wall vote postponed"
    assert parsed.url is None
    assert parsed.authors == ()
    assert parsed.language == "en"
    assert parsed.comments == ()
    assert parsed.metadata == {}
    assert parsed.source_format == "json"


def test_full_document_and_unknown_keys_kept_as_metadata():
    parsed = parse_document(
        doc(
            url="https://ledger.example.org/sea-wall",
            authors=["Ansel Reyes", "  Mira   Holloway "],
            language="pt-BR",
            section="Local",
            tags=["tides"],
            comments=[
                {
                    "author": "tidewatcher",
                    "posted": "2023-03-01T18:20:00Z",
                    "body": "No.",
                    "parent": None,
                },
                {"author": None, "posted": None, "body": "", "parent": 0},
                {"author": "", "body": "Unsigned reply."},
            ],
        )
    )
    assert parsed.url == "https://ledger.example.org/sea-wall"
    assert parsed.authors == ("Ansel Reyes", "Mira Holloway")
    assert parsed.language == "pt-BR"
    assert parsed.metadata == {"section": "Local", "tags": ["tides"]}
    assert parsed.comments == (
        CommentData("tidewatcher", datetime.datetime(2023, 3, 1, 18, 20, tzinfo=UTC), "No.", None),
        CommentData(None, None, "", 0),
        CommentData(None, None, "Unsigned reply.", None),
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2014-04-01", datetime.datetime(2014, 4, 1, tzinfo=UTC)),
        ("2014-04-01T18:20:00Z", datetime.datetime(2014, 4, 1, 18, 20, tzinfo=UTC)),
        ("2014-04-01T18:20:00+02:00", datetime.datetime(2014, 4, 1, 16, 20, tzinfo=UTC)),
        ("2014-04-01 18:20", datetime.datetime(2014, 4, 1, 18, 20, tzinfo=UTC)),
    ],
)
def test_published_is_always_aware(value, expected):
    published = parse_document(doc(published=value)).published
    assert published.tzinfo is not None
    assert published == expected


def test_a_date_alone_is_midnight_in_the_archive_time_zone(settings):
    settings.TIME_ZONE = "Europe/Kyiv"
    published = parse_document(doc(published="2014-04-01")).published
    assert published.utcoffset() == datetime.timedelta(hours=3)
    assert (published.year, published.month, published.day, published.hour) == (2014, 4, 1, 0)
    naive = parse_document(doc(published="2014-01-10T12:00:00")).published
    assert naive.utcoffset() == datetime.timedelta(hours=2)


def test_defaults_fill_only_what_the_document_lacks():
    defaults = Defaults(
        published=datetime.datetime(2020, 1, 1, tzinfo=UTC), outlet="Fallback", author="Someone"
    )
    parsed = parse_document(doc(published=..., outlet=...), defaults=defaults)
    assert parsed.published == datetime.datetime(2020, 1, 1, tzinfo=UTC)
    assert parsed.outlet == "Fallback"
    assert parsed.authors == ("Someone",)
    own = parse_document(doc(authors=[]), defaults=defaults)
    assert own.outlet == "Lowmarsh Ledger"
    assert own.authors == ()  # an unsigned article stays unsigned
    assert own.published == datetime.datetime(2023, 3, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ...}, "title: required"),
        ({"title": "   "}, "title: must not be empty"),
        ({"title": 12}, "title: must be a string, not a number"),
        ({"title": "x" * 501}, "title: longer than 500 characters"),
        ({"body": ...}, "body: required"),
        ({"body": ["a"]}, "body: must be a string, not a list"),
        ({"body": "\x00\x01 \n"}, "body: must not be empty"),
        ({"published": ...}, "published: required"),
        ({"published": "yesterday"}, "published: not an ISO 8601 date ('yesterday')"),
        ({"published": "2014-02-30"}, "published: not an ISO 8601 date"),
        ({"published": 2014}, "published: must be an ISO 8601 date string, not a number"),
        ({"url": "ftp://example.org/x"}, "url: not an http(s) URL"),
        ({"url": "not a url"}, "url: not an http(s) URL"),
        ({"url": 5}, "url: must be a string"),
        ({"outlet": {"name": "x"}}, "outlet: must be a string, not an object"),
        ({"authors": "Ansel Reyes"}, "authors: must be a list of names, not a string"),
        ({"authors": ["ok", None]}, "authors[1]: must be a string, not null"),
        ({"language": "english please"}, "language: not a language tag"),
        ({"comments": {}}, "comments: must be a list, not an object"),
        ({"comments": ["text"]}, "comments[0]: must be an object, not a string"),
        ({"comments": [{"body": 3}]}, "comments[0].body: must be a string, not a number"),
        ({"comments": [{"author": 1, "body": ""}]}, "comments[0].author: must be a string"),
        (
            {"comments": [{"posted": "soon", "body": ""}]},
            "comments[0].posted: not an ISO 8601 date",
        ),
        (
            {"comments": [{"body": "a"}, {"body": "b"}, {"body": "c", "parent": 2}]},
            "comments[2].parent: must be the index of an earlier comment",
        ),
        ({"comments": [{"body": "a", "parent": True}]}, "comments[0].parent: must be the index"),
        ({"comments": [{"body": "a", "parent": -1}]}, "comments[0].parent: must be the index"),
    ],
)
def test_errors_name_the_field(overrides, message):
    with pytest.raises(DocumentError) as caught:
        parse_document(doc(**overrides))
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize("obj", [None, [], "text", 3, True])
def test_a_document_must_be_an_object(obj):
    with pytest.raises(DocumentError, match="a document must be a JSON object"):
        parse_document(obj)


def test_limits(settings):
    settings.ARCHIVE_MAX_DOCUMENT_BYTES = 100
    with pytest.raises(DocumentError, match="body: larger than 100 bytes"):
        parse_document(doc(body="é" * 60))
    settings.ARCHIVE_MAX_COMMENTS = 2
    with pytest.raises(DocumentError, match="comments: more than 2 comments"):
        parse_document(doc(comments=[{"body": ""}] * 3))


def test_absurdly_nested_metadata_is_refused_without_recursion():
    nested: list = []
    for _ in range(100_000):
        nested = [nested]
    with pytest.raises(DocumentError, match="nested deeper than"):
        parse_document(doc(extra=nested))


def test_normalisation_keeps_offsets_meaningful():
    parsed = parse_document(
        doc(
            title="  A\x00 title\r\n",
            body="\r\n  First line.\r\nSecond\x07 line \u00a0end.\rLast.  \n\n",
        )
    )
    assert parsed.title == "A title"
    # Line endings and control characters only; inner spacing and no-break spaces are kept.
    assert parsed.body == "First line.\nSecond line \u00a0end.\nLast."
    lone = parse_document(doc(body="half a pair \ud83d here"))
    assert lone.body == "half a pair \ufffd here"


def test_content_hash_ignores_dates_outlet_and_whitespace_but_not_text():
    a = parse_document(doc(comments=[{"author": "x", "body": "Sure."}]))
    b = parse_document(
        doc(
            published="2020-01-01",
            outlet="Another",
            body="The vote  will probably\nhappen in April.",
            comments=[{"author": "x", "body": "Sure.  "}],
        )
    )
    c = parse_document(doc(comments=[{"author": "y", "body": "Sure."}]))
    assert content_hash(a) == content_hash(b)
    assert content_hash(a) != content_hash(c)
    assert len(content_hash(a)) == 64

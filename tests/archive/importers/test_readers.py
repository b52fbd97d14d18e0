"""read_path: format detection from content, every format, and bad input of every kind."""

import datetime
import json
from pathlib import Path

import pytest

from archive.importers.detect import Format, sniff
from archive.importers.documents import Defaults
from archive.importers.readers import read_bytes, read_path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "documents"
GOOD = FIXTURES / "good"
BROKEN = FIXTURES / "broken"
DEFAULTS = Defaults(
    published=datetime.datetime(2023, 3, 1, tzinfo=datetime.UTC), outlet="Lowmarsh Ledger"
)


def read(path, defaults=DEFAULTS):
    return list(read_path(path, defaults=defaults))


def only(results):
    assert len(results) == 1, results
    return results[0]


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ('{"title": "x"}', "a.txt", Format.JSON),
        ('\ufeff  [{"title": "x"}]', "", Format.JSON),
        ('{"a": 1}\n{"a": 2}\n', "batch.jsonl", Format.JSONL),
        ("<?xml version='1.0'?>\n<rss version='2.0'>", "", Format.FEED),
        ("<feed xmlns='http://www.w3.org/2005/Atom'>", "page.html", Format.FEED),
        ("<!DOCTYPE html><html><body>x</body></html>", "page.json.txt", Format.HTML),
        ("<!-- saved page --><div>text</div>", "", Format.HTML),
        ("A title\n\nSome text.", "page.html", Format.TEXT),
        ("not json at all", "data.json", Format.JSON),
    ],
)
def test_format_is_sniffed_from_content(text, name, expected):
    assert sniff(text, name=name) is expected


def test_json_document_with_threaded_comments():
    result = only(read(GOOD / "bridge-vote.json"))
    doc = result.document
    assert result.position == ""
    assert doc.title == "Harbour bridge vote delayed again"
    assert [c.parent for c in doc.comments] == [None, 0, 1]
    assert doc.metadata == {"section": "Local"}


def test_json_list_positions_are_indices():
    results = read(GOOD / "two-columns.json")
    assert [r.position for r in results] == ["[0]", "[1]"]
    assert all(r.document for r in results)


def test_jsonl_skips_blank_lines_and_numbers_lines():
    results = read(GOOD / "ferry.jsonl")
    assert [r.position for r in results] == ["line 1", "line 3"]


def test_json_lines_are_recognised_without_the_extension(tmp_path):
    path = tmp_path / "batch.json"
    path.write_text((GOOD / "ferry.jsonl").read_text())
    assert [r.document.title for r in read(path)] == [
        "Ferry timetable to change",
        "Ferry fares frozen",
    ]


def test_jsonl_with_broken_lines_among_good_ones():
    results = read(BROKEN / "mixed.jsonl", defaults=Defaults())
    good = [r.position for r in results if r.document]
    bad = {r.position: r.error for r in results if r.error}
    assert good == ["line 1", "line 3"]
    assert bad["line 2"].startswith("not valid JSON")
    assert bad["line 4"].startswith("published: not an ISO 8601 date")
    assert bad["line 5"] == "a document must be a JSON object, not a list"
    assert bad["line 6"] == "body: required"


def test_html_page_main_text_and_metadata():
    doc = only(read(GOOD / "page.html", defaults=Defaults())).document
    assert doc.title == "Harbour bridge vote delayed"
    assert doc.authors == ("Mira Holloway",)
    assert doc.outlet == "The Gull Gazette"
    assert doc.url == "https://gull.example.org/2023/05/bridge-page"
    assert doc.published.date() == datetime.date(2023, 5, 4)
    assert doc.language == "en-GB"
    assert doc.source_format == "html"
    assert "almost certainly be approved" in doc.body
    for furniture in ("Navigation link", "tracking pixel", "color: red", "Copyright footer"):
        assert furniture not in doc.body


@pytest.mark.parametrize(
    ("markup", "date"),
    [
        ('<meta property="article:published_time" content="2022-11-02T10:00:00Z">', "2022-11-02"),
        ('<meta name="date" content="2021-06-30">', "2021-06-30"),
    ],
)
def test_html_dates_from_meta_tags(tmp_path, markup, date):
    body = "<p>" + "The tide tables will change next spring, the harbour office says. " * 5 + "</p>"
    path = tmp_path / "p.html"
    path.write_text(
        f"<html><head><title>Tide tables</title>{markup}</head><body>{body}</body></html>"
    )
    doc = only(read(path)).document
    assert doc.published.date().isoformat() == date


def test_html_date_from_time_element(tmp_path):
    body = (
        "<p>" + "The pier will reopen in the summer after repairs, the council says. " * 5 + "</p>"
    )
    path = tmp_path / "p.html"
    path.write_text(
        "<html><head><title>Pier</title></head><body><article><h1>Pier</h1>"
        f'<time datetime="2020-08-14" class="entry-date published">14 August 2020</time>{body}'
        "</article></body></html>"
    )
    doc = only(read(path, defaults=Defaults(outlet="X"))).document
    assert doc.published.date() == datetime.date(2020, 8, 14)


def test_html_without_a_date_needs_published(tmp_path):
    path = tmp_path / "p.html"
    path.write_text(
        "<html><head><title>Undated</title></head><body><p>Some text here.</p></body></html>"
    )
    result = only(read(path, defaults=Defaults()))
    assert result.error.startswith("published: required")
    assert only(read(path)).document.body == "Some text here."


HOSTILE = [
    "<html><head><title>Deep</title></head><body>"
    + "<div>" * 50_000
    + "Deep text."
    + "</div>" * 10
    + "</body></html>",
    "<html><head><title>Unclosed<body><p>Text after an unclosed title</p>",
    "<title>Scripts</title><script>"
    + "var a = '<p>not text</p>';" * 1000
    + "</script><p>Visible.</p><script>",
    "<html><body><p>No title, only <b>bold <i>and italic</b> mismatched</i>.</p><![CDATA[ junk ]]></body>",
    "<html><head><title>Attr</title></head><body><p "
    + 'x="'
    + "a" * 200_000
    + '">Long attribute.</p></body></html>',
    "<html><head><title>Entities</title></head><body><p>&#0; &#xD800; &#99999999; &bogus; &amp;amp;</p></body></html>",
    "<<<<>>>><html<<title>>x</title>",
    "<!DOCTYPE html><html><head><title>Null\x00byte</title></head><body><p>\x00Text\x01.</p></body></html>",
]


@pytest.mark.parametrize("markup", HOSTILE)
def test_hostile_html_gives_a_document_or_one_clear_error(tmp_path, markup):
    path = tmp_path / "hostile.html"
    path.write_text(markup)
    result = only(read(path))
    if result.document is not None:
        doc = result.document
        assert doc.title and doc.body
        assert "\x00" not in doc.body and "<script" not in doc.body
        assert "not text" not in doc.body
    else:
        assert result.error and "\n" not in result.error


def test_rss_entries_are_documents_with_html_reduced_to_text():
    results = read(GOOD / "feed.rss", defaults=Defaults())
    assert [r.position for r in results] == ["entry 1", "entry 2"]
    first, second = (r.document for r in results)
    assert first.title == "Tolls likely on the new bridge"
    assert first.url == "https://ledger.example.org/2023/08/tolls"
    assert first.outlet == "Lowmarsh Ledger"
    assert first.authors == ("Ansel Reyes",)
    assert first.language == "en-gb"
    assert first.published == datetime.datetime(2023, 8, 1, 9, 0, tzinfo=datetime.UTC)
    assert (
        first.body == "Tolls will probably be charged from the first day.\n\nThe council denies it."
    )
    assert first.source_format == "feed"
    assert second.published == datetime.datetime(2023, 8, 2, 9, 30, tzinfo=datetime.UTC)
    assert second.authors == ()


def test_atom_entry():
    doc = only(read(GOOD / "feed.atom", defaults=Defaults())).document
    assert doc.title == "Ferry strike called off"
    assert doc.authors == ("Mira Holloway",)
    assert doc.outlet == "The Gull Gazette"
    assert doc.metadata == {"entry_id": "urn:example:gull:ferry-strike"}
    assert doc.body.startswith("The strike was called off")


def test_a_feed_with_no_entries_is_one_error():
    (result,) = read_bytes(
        b"<rss version='2.0'><channel><title>T</title></channel></rss>", source="f"
    )
    assert result.error.startswith("not a readable feed")


def test_latin1_json_is_decoded():
    doc = only(read(BROKEN / "latin1-encoded.json")).document
    assert doc.authors == ("Hélène Dubois",)
    assert "café" in doc.body and "« Nous verrons »" in doc.body


def test_utf16_with_bom_is_decoded():
    data = json.dumps({"title": "Ébauche", "published": "2023-01-01", "body": "Texte."}).encode(
        "utf-16"
    )
    (result,) = read_bytes(data, source="utf16.json")
    assert result.document.title == "Ébauche"


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("empty.json", "empty file"),
        ("blank.txt", "empty file"),
        ("junk.bin", "not a text file (binary data)"),
        (
            "not-a-document.json",
            "not a document: a JSON file must hold an object or a list of them, not a string",
        ),
        ("truncated.json", "not valid JSON: "),
        ("undated-dump.txt", "published: required"),
    ],
)
def test_unreadable_files_give_one_clear_error(name, error):
    result = only(read(BROKEN / name, defaults=Defaults()))
    assert result.document is None
    assert result.error.startswith(error)
    assert result.describe().startswith(f"{BROKEN / name}: ")


def test_wrong_types_each_named():
    errors = [r.describe() for r in read(BROKEN / "wrong-types.json", defaults=Defaults())]
    source = BROKEN / "wrong-types.json"
    assert errors == [
        f"{source}: [0]: title: must be a string, not a list",
        f"{source}: [1]: published: must be an ISO 8601 date string, not a number",
        f"{source}: [2]: authors: must be a list of names, not a string",
        f"{source}: [3]: comments[0].parent: must be the index of an earlier comment or null",
    ]


@pytest.mark.parametrize("opener", ["[", '{"a":'])
def test_absurdly_nested_json_is_one_clear_error(opener):
    (result,) = read_bytes((opener * 200_000).encode(), source="deep.json")
    assert result.error in {
        "not a document: JSON nested too deeply",
    } or result.error.startswith("not valid JSON")


def test_nested_but_complete_json_is_refused_by_depth():
    data = ("[" * 100_000 + "]" * 100_000).encode()
    (result,) = read_bytes(data, source="deep.json")
    assert result.error == "not a document: JSON nested too deeply"


def test_random_binary_of_many_shapes_never_raises():
    import random

    rng = random.Random(11)
    for size in (1, 3, 17, 300, 5000):
        for _ in range(5):
            data = bytes(rng.randrange(256) for _ in range(size))
            results = list(read_bytes(data, source="junk"))
            assert results and all(r.document or r.error for r in results)


def test_directories_are_walked_in_name_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden.json").write_text("{}")
    (tmp_path / "b" / "2.json").write_text((GOOD / "bridge-vote.json").read_text())
    (tmp_path / "a.jsonl").write_text((GOOD / "ferry.jsonl").read_text())
    sources = [Path(r.source).name for r in read(tmp_path)]
    assert sources == ["a.jsonl", "a.jsonl", "2.json"]

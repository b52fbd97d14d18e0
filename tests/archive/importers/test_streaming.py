"""Big JSON Lines files are read a line at a time, with the same results as small ones."""

import json

from archive.importers.documents import Defaults
from archive.importers.readers import read_path


def lines(count):
    return [
        json.dumps(
            {
                "title": f"Weir report {n}",
                "outlet": "Millrace Monthly",
                "published": "2023-02-01",
                "body": f"The weir will probably hold this winter ({n}).",
                "comments": [{"author": "miller", "body": "It held last year."}],
            }
        )
        for n in range(count)
    ]


def test_a_big_file_streams_to_the_same_documents(tmp_path, settings):
    text = "\n".join(lines(30) + ["", "{broken", "[1]"]) + "\n"
    path = tmp_path / "batch.jsonl"
    path.write_text("\ufeff" + text)
    whole = list(read_path(path, defaults=Defaults()))
    settings.ARCHIVE_STREAM_FROM_BYTES = 100
    streamed = list(read_path(path, defaults=Defaults()))
    assert [(r.position, r.document, r.error) for r in streamed] == [
        (r.position, r.document, r.error) for r in whole
    ]
    assert [r.position for r in streamed if r.error] == ["line 32", "line 33"]


def test_json_lines_are_streamed_without_the_extension(tmp_path, settings):
    settings.ARCHIVE_STREAM_FROM_BYTES = 100
    path = tmp_path / "dump.txt"
    path.write_text("\n".join(lines(3)))
    assert [r.document.title for r in read_path(path, defaults=Defaults())] == [
        "Weir report 0",
        "Weir report 1",
        "Weir report 2",
    ]


def test_an_overlong_line_is_reported_and_skipped(tmp_path, settings):
    settings.ARCHIVE_STREAM_FROM_BYTES = 100
    settings.ARCHIVE_MAX_DOCUMENT_BYTES = 100
    first, second = lines(2)
    huge = json.dumps({"title": "Flood", "body": "x" * 5000, "published": "2023-01-01"})
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([first, huge, second]) + "\n")
    results = list(read_path(path, defaults=Defaults()))
    assert [(r.position, r.error) for r in results] == [
        ("line 1", None),
        ("line 2", "longer than 400 bytes"),
        ("line 3", None),
    ]


def test_a_line_that_is_not_utf8_is_one_error(tmp_path, settings):
    settings.ARCHIVE_STREAM_FROM_BYTES = 10
    first, second = lines(2)
    path = tmp_path / "batch.jsonl"
    path.write_bytes(
        first.encode() + b"\n" + '{"title": "Caf\xe9"}'.encode("latin-1") + b"\n" + second.encode()
    )
    results = list(read_path(path, defaults=Defaults()))
    assert [r.error for r in results] == [None, "not valid UTF-8 text", None]

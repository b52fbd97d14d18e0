"""Command-line options shared by the commands that read document files."""

import argparse
import datetime

from archive.errors import DocumentError
from archive.importers.documents import Defaults, parse_datetime


def _published_arg(value: str) -> datetime.datetime:
    try:
        return parse_datetime(value, "published")
    except DocumentError as error:
        raise argparse.ArgumentTypeError(error.message.removeprefix("published: ")) from None


def add_document_defaults(parser) -> None:
    parser.add_argument(
        "--published", type=_published_arg, help="Publication date for documents that lack one."
    )
    parser.add_argument("--outlet", help="Outlet name for documents that lack one.")
    parser.add_argument("--author", help="Author name for documents that lack one.")


def document_defaults(options) -> Defaults:
    return Defaults(
        published=options.get("published"),
        outlet=options.get("outlet"),
        author=options.get("author"),
    )

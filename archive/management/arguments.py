"""Command-line options shared by the commands that read document files."""

import argparse
import datetime

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from archive.importers.documents import Defaults


def _published(value: str) -> datetime.datetime:
    moment = parse_datetime(value)
    if moment is None:
        day = parse_date(value)
        if day is None:
            raise argparse.ArgumentTypeError(f"not an ISO 8601 date: {value!r}")
        moment = datetime.datetime.combine(day, datetime.time())
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _published_arg(value: str) -> datetime.datetime:
    try:
        return _published(value)
    except ValueError as exc:  # an impossible date such as 2014-02-30
        raise argparse.ArgumentTypeError(f"not a valid date: {value!r} ({exc})") from None


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

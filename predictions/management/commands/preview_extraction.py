"""Print the forecasts the extractor finds in a document file, one JSON object per line.

Nothing is written to the database (CONTRACT §2).
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.importers.documents import Defaults
from archive.importers.readers import read_path
from archive.management.arguments import add_document_defaults, document_defaults
from predictions.extraction import extract
from predictions.selectors.extraction import document_parts


class Command(BaseCommand):
    help = "Show the predictions found in a document file, as JSON lines, without saving anything."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .json, .jsonl, plain-text, HTML or feed document file.")
        add_document_defaults(parser)

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        defaults: Defaults = document_defaults(options)
        failures = []
        for doc_index, result in enumerate(read_path(path, defaults=defaults)):
            if result.document is None:
                failures.append(f"{result.source}: {result.position}: {result.error}")
                continue
            for line in _preview(doc_index, result.document):
                self.stdout.write(json.dumps(line, ensure_ascii=False))
        if failures:
            raise CommandError("; ".join(failures))


def _preview(doc_index, document):
    parts = document_parts(
        title=document.title,
        body=document.body,
        published_at=document.published,
        authors=document.authors,
        outlet=document.outlet,
        comments=((i, c.author, c.posted, c.body) for i, c in enumerate(document.comments)),
    )
    for index, part in parts:
        where = {"part": "article" if index is None else "comment", "comment": index}
        for candidate in extract(part):
            yield {"doc": doc_index, **where, **candidate.as_contract()}

"""Print the forecasts the extractor finds in a document file, one JSON object per line.

Nothing is written to the database (CONTRACT §2).
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from archive.importers.documents import Defaults
from archive.importers.readers import read_path
from archive.management.arguments import add_document_defaults, document_defaults
from predictions.extraction import Part, extract


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
    made_on = timezone.localdate(document.published)
    article = Part(
        text=document.body,
        made_on=made_on,
        kind="article",
        authors=tuple(document.authors),
        outlet=document.outlet,
        title=document.title,
    )
    for candidate in extract(article):
        yield {"doc": doc_index, "part": "article", "comment": None, **candidate.as_contract()}
    for index, comment in enumerate(document.comments):
        if not comment.body.strip():
            continue
        part = Part(
            text=comment.body,
            made_on=timezone.localdate(comment.posted) if comment.posted else made_on,
            kind="comment",
            authors=(comment.author,) if comment.author else (),
            outlet=document.outlet,
            article_text=document.body,
        )
        for candidate in extract(part):
            yield {"doc": doc_index, "part": "comment", "comment": index, **candidate.as_contract()}

"""Import document files (CONTRACT §1 and §3): JSON, JSON Lines, page dumps, HTML pages, feeds.

Each document is imported on its own (atomic per document); a bad one is reported on one line,
``path: position: reason``, and skipped. The run ends with ``Imported N, duplicates N, failed N.``
and a non-zero exit status when anything failed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from kombu.exceptions import OperationalError as KombuOperationalError
from tqdm import tqdm

from archive.importers.readers import iter_files, read_path_or_error
from archive.management.arguments import add_document_defaults, document_defaults
from archive.services.documents import FileImportReport
from archive.tasks import documents_enqueue, import_documents_batch
from predictions.services.extraction import document_file_import_extract
from predictions.tasks import import_and_extract_documents

# The bar appears only on a terminal and only when a run lasts longer than this many seconds.
_PROGRESS_DELAY = 1.0


class Command(BaseCommand):
    # Importing needs only the models; a half-configured URLconf must not stop a data load.
    requires_system_checks = []
    help = "Import documents (JSON, JSONL, plain-text page dumps, HTML pages, RSS/Atom feeds)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Files or directories.")
        add_document_defaults(parser)
        parser.add_argument(
            "--extract", action="store_true", help="Extract candidate predictions after import."
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Read here, import in batches on the Celery workers (CELERY_BROKER_URL), return.",
        )

    def handle(self, *args, **options):
        defaults = document_defaults(options)
        if options["queue"]:
            return self._enqueue(defaults, options)
        counts = {"imported": 0, "duplicates": 0, "failed": 0}
        paths = [Path(p) for p in options["paths"]]
        bar = tqdm(
            unit="doc",
            file=sys.stderr,
            disable=not sys.stderr.isatty() or options["verbosity"] == 0,
            delay=_PROGRESS_DELAY,
            leave=False,
        )
        with bar:
            for path in paths:
                if not path.exists():
                    self._fail(bar, counts, f"{path}: no such file or directory")
                    continue
                for file in iter_files([path]):
                    for report in document_file_import_extract(
                        path=file, defaults=defaults, extract=options["extract"]
                    ):
                        self._report(report, bar, counts, options)
                        bar.update(1)
        summary = (
            f"Imported {counts['imported']}, duplicates {counts['duplicates']}, "
            f"failed {counts['failed']}."
        )
        self.stdout.write(summary)
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} document(s) could not be imported.")

    def _enqueue(self, defaults, options) -> None:
        """``--queue``: read and check every document here, send them to the workers in batches."""
        task = import_and_extract_documents if options["extract"] else import_documents_batch
        paths = [Path(p) for p in options["paths"]]
        missing = [f"{p}: no such file or directory" for p in paths if not p.exists()]
        results = (r for p in paths if p.exists() for r in read_path_or_error(p, defaults=defaults))
        results = tqdm(
            results,
            unit="doc",
            file=sys.stderr,
            disable=not sys.stderr.isatty() or options["verbosity"] == 0,
            delay=_PROGRESS_DELAY,
            leave=False,
        )
        try:
            report = documents_enqueue(results, task=task)
        except KombuOperationalError as error:
            raise CommandError(f"cannot queue the documents: the broker refused: {error}") from None
        for line in missing + report.unreadable:
            self.stderr.write(line)
        failed = len(missing) + len(report.unreadable)
        if report.done is not None:  # no broker: the batches ran here
            failed += report.done.failed
            self.stdout.write(
                f"Imported {len(report.done.imported)}, duplicates {report.done.duplicates}, "
                f"failed {failed}."
            )
        else:
            self.stdout.write(
                f"Queued {report.documents} documents in {report.batches} batches, failed {failed}."
            )
        if failed:
            raise CommandError(f"{failed} document(s) could not be imported.")

    def _report(self, report: FileImportReport, bar, counts: dict, options) -> None:
        if report.failed:
            self._fail(bar, counts, report.read.describe())
            return
        outcome, result = report.outcome, report.read
        counts["imported" if outcome.created else "duplicates"] += 1
        if options["verbosity"] >= 2:
            state = "imported" if outcome.created else "duplicate of"
            where = f"{result.source}: {result.position}" if result.position else result.source
            with bar.external_write_mode(file=sys.stderr):
                self.stdout.write(f"{where}: {state} article {outcome.article.pk}")

    def _fail(self, bar, counts: dict, line: str) -> None:
        counts["failed"] += 1
        with bar.external_write_mode(file=sys.stderr):
            self.stderr.write(line)

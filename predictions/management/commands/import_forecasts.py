"""Import forecast records with probabilities and outcomes (CONTRACT §3).

A PredictionBook export (JSON) or a forecast CSV (``person,statement,made_at,deadline,
probability,outcome,source_url``). Bad entries are reported on one line each, ``path: position:
reason``, and skipped; the run ends with a summary per file and exits non-zero when a file could
not be read or any entry failed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from archive.errors import ArchiveError
from predictions.services.forecasts import forecasts_import

_PROGRESS_DELAY = 1.0


class Command(BaseCommand):
    requires_system_checks = []
    help = "Import forecasts that carry probabilities and outcomes (PredictionBook JSON, CSV)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Forecast files.")

    def handle(self, *args, **options):
        failed = 0
        for raw in options["paths"]:
            path = Path(raw)
            if not path.is_file():
                self.stderr.write(f"{path}: no such file")
                failed += 1
                continue
            bar = tqdm(
                unit="entry",
                file=sys.stderr,
                disable=not sys.stderr.isatty() or options["verbosity"] == 0,
                delay=_PROGRESS_DELAY,
                leave=False,
            )

            def progress(done: int, total: int, bar=bar) -> None:
                bar.total = total
                bar.update(done - bar.n)

            try:
                with bar:
                    result = forecasts_import(path=path, progress=progress)
            except ArchiveError as error:
                self.stderr.write(f"{path}: {error.message}")
                failed += 1
                continue
            for message in result.errors:
                self.stderr.write(f"{path}: {message}")
            failed += len(result.errors)
            self.stdout.write(result.summary())
        if failed:
            raise CommandError(f"{failed} file(s) or entries could not be imported.")

"""Import events (CONTRACT §3): our JSON/CSV formats and Wikipedia Current Events YAML files.

Directories are walked for ``.json``, ``.csv``, ``.yaml`` and ``.yml`` files. A file that cannot
be read is reported on one line, ``path: reason``, and skipped whole; the others are imported in
batches of 2,000 events. Events already in the log (same ``external_id``) are left alone, so the
command can be run again over the same files. It ends with a summary line and a non-zero exit
status when any file failed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from archive.errors import ArchiveError
from predictions.importers.events import EventData, event_files, read_event_file
from predictions.services.events import BATCH_SIZE, events_import

# The bar appears only on a terminal and only when a run lasts longer than this many seconds.
_PROGRESS_DELAY = 1.0


class Command(BaseCommand):
    requires_system_checks = []
    help = "Import events from JSON/CSV files of ours and Wikipedia Current Events YAML files."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Files or directories.")

    def handle(self, *args, **options):
        started = time.perf_counter()
        files: list[Path] = []
        failed = 0
        for path in map(Path, options["paths"]):
            if not path.exists():
                self.stderr.write(f"{path}: no such file or directory")
                failed += 1
                continue
            files.extend(event_files([path]))

        created = existing = read = files_read = 0
        pending: list[EventData] = []
        bar = tqdm(
            files,
            unit="file",
            file=sys.stderr,
            disable=not sys.stderr.isatty() or options["verbosity"] == 0,
            delay=_PROGRESS_DELAY,
            leave=False,
        )

        def flush() -> None:
            nonlocal created, existing, pending
            result = events_import(events=pending)
            created, existing, pending = created + result.created, existing + result.existing, []

        for file in bar:
            try:
                events = read_event_file(file)
            except ArchiveError as error:
                failed += 1
                with bar.external_write_mode(file=sys.stderr):
                    self.stderr.write(f"{file}: {error.message}")
                continue
            read += len(events)
            files_read += 1
            pending.extend(events)
            if len(pending) >= BATCH_SIZE:
                flush()
                bar.set_postfix(events=read, new=created, refresh=False)
        if pending:
            flush()

        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Read {read} events from {files_read} "
            f"file(s): {created} new, {existing} already recorded, {failed} file(s) failed "
            f"({seconds:.1f} s)."
        )
        if failed:
            raise CommandError(f"{failed} file(s) could not be read.")

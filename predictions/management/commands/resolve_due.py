"""List accepted predictions whose deadline has passed without a verdict (CONTRACT §3).

    python manage.py resolve_due [--as-of DATE] [--mark-no]

Prints one line per due prediction (id, deadline, speaker, claim) and a summary. With
``--mark-no`` it judges NO those whose claim an editor has checked as not occurred on or after
the prediction's deadline (``Claim.checked_not_occurred_on``), through the resolution service.
"""

from __future__ import annotations

import datetime
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from archive.errors import ArchiveError
from predictions.models import Prediction
from predictions.selectors.due import predictions_checked_not_occurred, predictions_due
from predictions.services.resolution import prediction_judge


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--as-of: not a date YYYY-MM-DD: {value!r}") from None


class Command(BaseCommand):
    help = (
        "List predictions past their deadline without a verdict; --mark-no judges checked ones NO."
    )

    def add_arguments(self, parser):
        parser.add_argument("--as-of", dest="as_of", help="The day to count from (default today).")
        parser.add_argument(
            "--mark-no",
            action="store_true",
            help="Judge NO those whose claim an editor checked as not occurred by the deadline.",
        )

    def handle(self, *args, **options):
        today = _date(options["as_of"]) if options["as_of"] else timezone.localdate()
        due = predictions_due(today=today)
        count = 0
        for prediction in due.iterator(chunk_size=2000):
            count += 1
            if options["verbosity"] >= 1:
                speaker = (
                    prediction.speaker.name if prediction.speaker_id else prediction.speaker_name
                )
                claim = prediction.claim.text if prediction.claim_id else prediction.claim_text
                self.stdout.write(
                    f"{prediction.pk}\t{prediction.effective_deadline}\t{speaker or '-'}\t{claim[:100]}"
                )
        marked = 0
        if options["mark_no"]:
            checked = list(predictions_checked_not_occurred(today=today))
            for prediction in tqdm(
                checked,
                unit="prediction",
                file=sys.stderr,
                disable=not sys.stderr.isatty(),
                delay=1.0,
            ):
                try:
                    prediction_judge(
                        prediction=prediction,
                        outcome=Prediction.Outcome.NO,
                        note=(
                            f"deadline {prediction.effective_deadline} passed; claim checked as not occurred"
                            f" on {prediction.claim.checked_not_occurred_on}"
                        ),
                        by=None,
                    )
                except ArchiveError as error:
                    self.stderr.write(f"prediction {prediction.pk}: {error.message}")
                    continue
                marked += 1
        summary = f"{count} prediction(s) due as of {today}"
        if options["mark_no"]:
            summary += (
                f"; {marked} marked NO (claim checked as not occurred), {count - marked} left"
            )
        self.stdout.write(summary + ".")

"""The deadline a forecast sentence sets: the date by which its outcome must come true."""

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass

from predictions.extraction.events import KnownEvent

KINDS = ("date", "period_end", "relative", "event", "vague", "none")


@dataclass(frozen=True, slots=True)
class Deadline:
    date: datetime.date | None
    text: str | None
    kind: str


NO_DEADLINE = Deadline(None, None, "none")

_YEAR = re.compile(
    r"\b(?:by|in|before|until)\s+(?:the\s+end\s+of\s+)?((?:19|20)\d\d)\b", re.IGNORECASE
)
_VAGUE = re.compile(r"\b(?:any ?time soon|soon|in the near future)\b", re.IGNORECASE)


def find_deadline(
    sentence: str, made_on: datetime.date, known_events: Sequence[KnownEvent] = ()
) -> Deadline:
    match = _YEAR.search(sentence)
    if match and int(match.group(1)) >= made_on.year:
        return Deadline(datetime.date(int(match.group(1)), 12, 31), match.group(0), "period_end")
    match = _VAGUE.search(sentence)
    if match:
        return Deadline(None, match.group(0), "vague")
    return NO_DEADLINE

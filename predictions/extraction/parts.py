"""What the extractor reads (a document part) and what it returns (a forecast candidate)."""

import datetime
from dataclasses import dataclass
from typing import Literal

from predictions.extraction.events import KnownEvent


@dataclass(frozen=True)
class Part:
    """One body of text with who wrote it and when: an article, or one reader comment."""

    text: str
    made_on: datetime.date
    kind: Literal["article", "comment"]
    authors: tuple[str, ...]
    outlet: str | None
    title: str | None = None
    # For a comment: the article it answers, so text copied from it is not read as the
    # commenter's own forecast.
    article_text: str | None = None
    known_events: tuple[KnownEvent, ...] = ()


@dataclass(frozen=True)
class Candidate:
    """One forecast found in a part; offsets index the part's text (``text[start:end] == quote``)."""

    start: int
    end: int
    quote: str
    speaker: str | None
    speaker_role: str
    claim: str
    polarity: str
    probability: float
    hedge: str | None
    condition: str | None
    deadline: datetime.date | None
    deadline_text: str | None
    deadline_kind: str

    def as_contract(self) -> dict:
        """The CONTRACT §2 fields of this candidate (without doc/part/comment)."""
        return {
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "speaker": self.speaker,
            "speaker_role": self.speaker_role,
            "claim": self.claim,
            "polarity": self.polarity,
            "probability": self.probability,
            "hedge": self.hedge,
            "condition": self.condition,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "deadline_text": self.deadline_text,
            "deadline_kind": self.deadline_kind,
        }

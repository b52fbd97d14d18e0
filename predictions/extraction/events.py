"""Scheduled events the archive already knows, handed to the extractor so deadlines can point at them."""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class KnownEvent:
    title: str
    on: datetime.date
    aliases: tuple[str, ...] = ()

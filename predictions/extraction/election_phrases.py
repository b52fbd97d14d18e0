"""US general elections named without a date: "in the presidential election", "the coming election".

The date is the archive's own rule (``holidays.us_election_day``): the first general election
on or after the statement, in a year divisible by four for a presidential one and in any even
year otherwise. "The next election" is left alone: without a country it may be anyone's.
"""

import datetime
import re

from predictions.extraction.holidays import us_election_day

_ELECTION_PHRASE = re.compile(
    r"(?i:\b(?P<lead>in|at|by|before|until|during|ahead\s+of|for)\s+(?:the|this|next)\s+"
    r"(?P<kind>presidential|general|coming|upcoming|november|fall|autumn|midterm)\s+"
    r"(?:general\s+)?elections?\b)(?!\s+(?:in|of)\s+[A-Z])"
)
_EVERY = {"presidential": 4}


def us_general_election(
    sentence: str, made_on: datetime.date
) -> tuple[datetime.date, str, str] | None:
    """The election day a phrase of ``sentence`` names, its words and its lead preposition."""
    match = _ELECTION_PHRASE.search(sentence)
    if match is None:
        return None
    every = _EVERY.get(match.group("kind").lower(), 2)
    for year in range(made_on.year, made_on.year + every + 1):
        day = us_election_day(year)
        if day is not None and year % every == 0 and day >= made_on:
            lead = " ".join(match.group("lead").lower().split())
            return day, match.group(0), lead
    return None

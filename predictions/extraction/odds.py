"""Explicit numbers for a chance, read as written.

"an 87 percent chance", "a 60% probability", "odds of 3 to 1", "3-1 odds", "a one-in-four
chance", "50-50". A bare percentage is only read as a probability when a chance word is next
to it, so "87 percent of voters" is not a forecast probability. Odds follow the bookmaker's
convention ("3 to 1" is three to one *against*) unless the text says "on" or "in favour".
"""

import re
from dataclasses import dataclass

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "hundred": 100,
    "thousand": 1000, "a": 1, "an": 1,
}  # fmt: skip
_NUM = r"(?:\d{1,4}(?:\.\d{1,3})?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_CHANCE = r"(?:chance|chances|probability|likelihood|odds|likely|risk|shot)"

_PERCENT = re.compile(
    r"\b(?P<n>\d{1,3}(?:\.\d{1,2})?)\s?(?:%|percent\b|per cent\b|pct\b)"
    r"(?:\s+(?:to\s+\d{1,3}\s?(?:%|percent|per cent)\s+)?)?"
    r"(?P<after>[\s-]{0,3}" + _CHANCE + r"\b)?",
    re.IGNORECASE,
)
_CHANCE_OF_PERCENT = re.compile(
    r"\b" + _CHANCE + r"\s+(?:of|at|is|are|was|were|put at|as high as|as low as|about|around|"
    r"roughly|just|only|nearly|almost)?\s{0,2}(?:about\s|around\s|roughly\s)?"
    r"(?P<n>\d{1,3}(?:\.\d{1,2})?)\s?(?:%|percent\b|per cent\b)",
    re.IGNORECASE,
)
_ONE_IN = re.compile(
    r"\b(?P<a>"
    + _NUM
    + r")[\s-]+in[\s-]+(?P<b>"
    + _NUM
    + r")\b(?P<after>[\s-]{0,3}"
    + _CHANCE
    + r"\b)?",
    re.IGNORECASE,
)
_ODDS = re.compile(
    r"\bodds\s+(?:of|are|at|were|is)\s+(?P<a>" + _NUM + r")\s*(?:to|-|:)\s*(?P<b>" + _NUM + r")"
    r"(?P<side>\s+(?:on|in\s+favou?r|against))?"
    r"|\b(?P<a2>"
    + _NUM
    + r")\s*(?:to|-|:)\s*(?P<b2>"
    + _NUM
    + r")\s+(?P<side2>on\s+|against\s+)?odds\b",
    re.IGNORECASE,
)
_EVEN = re.compile(r"\b(?:50[-/ ]50|fifty[- ]fifty|even odds)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Odds:
    probability: float
    text: str
    start: int
    end: int


def _number(word: str) -> float | None:
    word = word.lower()
    if word in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[word])
    try:
        return float(word)
    except ValueError:
        return None


def _clamp(p: float) -> float:
    return min(0.99, max(0.01, round(p, 3)))


def find_odds(sentence: str) -> Odds | None:
    """Return the first explicit chance stated in ``sentence``, or None."""
    found: list[Odds] = []
    for match in _PERCENT.finditer(sentence):
        if match.group("after"):
            value = float(match.group("n")) / 100
            found.append(Odds(_clamp(value), match.group(0).strip(), match.start(), match.end()))
    for match in _CHANCE_OF_PERCENT.finditer(sentence):
        value = float(match.group("n")) / 100
        found.append(Odds(_clamp(value), match.group(0).strip(), match.start(), match.end()))
    for match in _ONE_IN.finditer(sentence):
        a, b = _number(match.group("a")), _number(match.group("b"))
        if match.group("after") and a and b and a < b:
            found.append(Odds(_clamp(a / b), match.group(0).strip(), match.start(), match.end()))
    for match in _ODDS.finditer(sentence):
        a = _number(match.group("a") or match.group("a2"))
        b = _number(match.group("b") or match.group("b2"))
        if not a or not b:
            continue
        side = (match.group("side") or match.group("side2") or "").strip().lower()
        favour = side == "on" or side.startswith("in")
        value = a / (a + b) if favour else b / (a + b)
        found.append(Odds(_clamp(value), match.group(0).strip(), match.start(), match.end()))
    for match in _EVEN.finditer(sentence):
        found.append(Odds(0.5, match.group(0), match.start(), match.end()))
    return min(found, key=lambda odds: odds.start) if found else None

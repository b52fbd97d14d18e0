"""Holidays a forecast may set as its deadline ("before Christmas", "by Thanksgiving", "on Election Day").

Each rule gives the holiday's date in a year, or None in years it does not happen (US general
elections fall in even years, inaugurations in the year after a presidential election).
"""

import calendar
import datetime
import re


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> datetime.date:
    """The `nth` given weekday of a month (nth -1: the last one)."""
    if nth > 0:
        first = datetime.date(year, month, 1)
        return first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    return last - datetime.timedelta(days=(last.weekday() - weekday) % 7)


def _easter(year: int) -> datetime.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    return datetime.date(year, month, (h + l_ - 7 * m + 33 * month + 19) % 32)


def us_election_day(year: int) -> datetime.date | None:
    """The US general election: the Tuesday after the first Monday in November of even years."""
    if year % 2:
        return None
    return _nth_weekday(year, 11, 0, 1) + datetime.timedelta(days=1)


def _inauguration_day(year: int) -> datetime.date | None:
    return datetime.date(year, 1, 20) if year % 4 == 1 else None


def _fixed(month: int, day: int):
    return lambda year: datetime.date(year, month, day)


_HOLIDAYS = {
    "christmas": _fixed(12, 25),
    "christmas day": _fixed(12, 25),
    "christmas eve": _fixed(12, 24),
    "new year": _fixed(1, 1),
    "new year day": _fixed(1, 1),
    "new year eve": _fixed(12, 31),
    "thanksgiving": lambda year: _nth_weekday(year, 11, 3, 4),
    "easter": _easter,
    "easter sunday": _easter,
    "easter monday": lambda year: _easter(year) + datetime.timedelta(days=1),
    "good friday": lambda year: _easter(year) - datetime.timedelta(days=2),
    "halloween": _fixed(10, 31),
    "independence day": _fixed(7, 4),
    "fourth of july": _fixed(7, 4),
    "labor day": lambda year: _nth_weekday(year, 9, 0, 1),
    "memorial day": lambda year: _nth_weekday(year, 5, 0, -1),
    "valentine day": _fixed(2, 14),
    "election day": us_election_day,
    "election night": us_election_day,
    "inauguration day": _inauguration_day,
    "boxing day": _fixed(12, 26),
    "st patrick day": _fixed(3, 17),
    "veterans day": _fixed(11, 11),
    "remembrance day": _fixed(11, 11),
    "bastille day": _fixed(7, 14),
    "guy fawkes": _fixed(11, 5),
    "bonfire night": _fixed(11, 5),
    "hogmanay": _fixed(12, 31),
    "may day": _fixed(5, 1),
}


def holiday_rule(name: str):
    """The date rule for a holiday as written ("Christmas Eve", "New Year's Day", "Labour Day")."""
    key = (
        " ".join(name.lower().replace("’", "'").split())
        .replace("-", " ")
        .replace(".", "")
        .replace("'s", "")
        .replace("labour", "labor")
    )
    key = key.removeprefix("the ")
    key = re.sub(r"\b(new year|valentine|st patrick)s\b", r"\1", key)
    if key.startswith("guy fawkes"):
        key = "guy fawkes"
    return _HOLIDAYS[key]

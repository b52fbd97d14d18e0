"""The calendar values a time expression names: periods, spans and times without a date.

A `Period` is a named stretch of days ("May 2016", "next week", "the end of the year"), a `Span`
an amount of time counted from the statement's date ("within six months"), a `Ref` a time with
no date ("soon", "some day"). The helpers build the periods of the calendar's units; nothing
here reads text.
"""

import calendar
import datetime
from dataclasses import dataclass
from typing import Literal

Prefer = Literal["future", "past", "nearest"]  # which occurrence a date without a year means


GRAINS = (
    "day",
    "weekend",
    "week",
    "month",
    "season",
    "quarter",
    "half",
    "year",
    "decade",
    "century",
)


@dataclass(frozen=True, slots=True)
class Period:
    """A stretch of the calendar as named (`start`..`end`), optionally narrowed by `mod`."""

    start: datetime.date
    end: datetime.date
    grain: str
    mod: str | None = None

    @property
    def first(self) -> datetime.date:
        return _narrow(self)[0]

    @property
    def last(self) -> datetime.date:
        return _narrow(self)[1]


@dataclass(frozen=True, slots=True)
class Span:
    """An amount of time counted from the anchor: ahead (`direction` 1) or back (-1)."""

    months: int
    days: int
    unit: str
    direction: int = 1
    count_given: bool = True  # False for "the coming weeks": an amount we had to assume

    def from_anchor(self, anchor: datetime.date) -> datetime.date:
        moved = add_months(anchor, self.direction * self.months)
        return moved + datetime.timedelta(days=self.direction * self.days)


@dataclass(frozen=True, slots=True)
class Ref:
    """A time without a date: "vague" (soon), "open" (some day), "present", "past", "future"."""

    kind: str


Value = Period | Span | Ref


def period_day(day: datetime.date) -> Period:
    return Period(day, day, "day")


def period_month(year: int, month: int) -> Period:
    return Period(
        datetime.date(year, month, 1),
        datetime.date(year, month, calendar.monthrange(year, month)[1]),
        "month",
    )


def period_year(year: int) -> Period:
    return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31), "year")


def period_half(year: int, half: int) -> Period:
    if half == 1:
        return Period(datetime.date(year, 1, 1), datetime.date(year, 6, 30), "half")
    return Period(datetime.date(year, 7, 1), datetime.date(year, 12, 31), "half")


def period_quarter(year: int, quarter: int) -> Period:
    first = datetime.date(year, 3 * quarter - 2, 1)
    return Period(first, period_month(year, 3 * quarter).end, "quarter")


def period_week(day: datetime.date) -> Period:
    monday = day - datetime.timedelta(days=day.weekday())
    return Period(monday, monday + datetime.timedelta(days=6), "week")


def period_weekend(day: datetime.date) -> Period:
    week = period_week(day)
    return Period(week.end - datetime.timedelta(days=1), week.end, "weekend")


def period_decade(first_year: int) -> Period:
    return Period(datetime.date(first_year, 1, 1), datetime.date(first_year + 9, 12, 31), "decade")


def period_century(first_year: int) -> Period:
    return Period(
        datetime.date(first_year, 1, 1), datetime.date(first_year + 99, 12, 31), "century"
    )


# The astronomical seasons, as readers and the guide's labellers count them: (first month, first
# day) to (last month, last day); winter runs from December of its year into the next.
SEASON_BOUNDS = {
    "SP": ((3, 20), (6, 20)),
    "SU": ((6, 21), (9, 22)),
    "FA": ((9, 23), (12, 20)),
    "WI": ((12, 21), (3, 19)),
}


def period_season(year: int, code: str) -> Period:
    """The season of `year`; winter runs from December of `year` into the next year."""
    (first_month, first_day), (last_month, last_day) = SEASON_BOUNDS[code]
    end_year = year + 1 if code == "WI" else year
    return Period(
        datetime.date(year, first_month, first_day),
        datetime.date(end_year, last_month, last_day),
        "season",
    )


def add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def choose_occurrence(candidates: list[Period], anchor: datetime.date, prefer: Prefer) -> Period:
    """One of the periods a yearless expression may mean: the next, the last or the closest."""
    if prefer == "future":
        upcoming = [period for period in candidates if period.end >= anchor]
        return min(upcoming, key=lambda period: period.start) if upcoming else candidates[-1]
    if prefer == "past":
        gone = [period for period in candidates if period.start <= anchor]
        return max(gone, key=lambda period: period.start) if gone else candidates[0]

    def distance(period: Period) -> int:
        if period.start <= anchor <= period.end:
            return 0
        return min(abs((period.start - anchor).days), abs((period.end - anchor).days))

    return min(candidates, key=distance)


def starts(period: Period) -> datetime.date:
    return period.start


# --- TimeML values --------------------------------------------------------------------------------


def timeml_value(value: Value) -> str | None:
    """The TIMEX3 `value` a period would carry in TimeML (as in TempEval), for measuring."""
    if isinstance(value, Ref):
        return {"present": "PRESENT_REF", "past": "PAST_REF", "future": "FUTURE_REF"}.get(
            value.kind
        )
    if isinstance(value, Span):
        return None
    start, grain = value.start, value.grain
    if grain == "day":
        return start.isoformat()
    if grain in ("week", "weekend"):
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}" + ("-WE" if grain == "weekend" else "")
    if grain == "month":
        return f"{start.year}-{start.month:02d}"
    if grain == "season":
        return f"{start.year}-" + {3: "SP", 6: "SU", 9: "FA", 12: "WI"}[start.month]
    if grain == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if grain == "half":
        return f"{start.year}-H{1 if start.month == 1 else 2}"
    if grain == "year":
        return str(start.year)
    if grain == "decade":
        return str(start.year // 10)
    if grain == "century":
        return str(start.year // 100)
    return None


# --- Narrowing ------------------------------------------------------------------------------------


def _narrow(period: Period) -> tuple[datetime.date, datetime.date]:
    if period.mod is None or period.grain == "day":
        return period.start, period.end
    length = (period.end - period.start).days + 1

    def at(fraction: float) -> datetime.date:
        return period.start + datetime.timedelta(days=int(length * fraction))

    one_day = datetime.timedelta(days=1)
    if period.grain in ("year", "month") and period.mod in ("start", "mid", "end"):
        # Calendar thirds people mean: early 2015 is January to April, mid-May ends on the 15th.
        if period.grain == "year":
            months = {"start": (1, 4), "mid": (5, 6), "end": (9, 12)}[period.mod]
            year = period.start.year
            return period_month(year, months[0]).start, period_month(year, months[1]).end
        days = {"start": (1, 10), "mid": (11, 15), "end": (21, period.end.day)}[period.mod]
        return period.start.replace(day=days[0]), period.start.replace(day=days[1])
    if period.mod == "onset":
        # "by the start of next year": the turn itself, its first month (or twelfth) at most
        if period.grain == "year":
            return period.start, period_month(period.start.year, 1).end
        return period.start, max(period.start, at(1 / 12) - one_day)
    if period.mod == "start":
        return period.start, at(1 / 3) - one_day
    if period.mod == "mid":
        return at(0.4), at(0.5) - one_day
    if period.mod == "end":
        return at(2 / 3), period.end
    if period.mod == "first_half":
        return period.start, at(0.5) - one_day
    if period.mod == "second_half":
        return at(0.5), period.end
    return period.start, period.end

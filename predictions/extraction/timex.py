"""Time expressions in English news text: where they are, and which stretch of the calendar they name.

`find_timexes` (in `timex_patterns`) finds expressions with one compiled pattern (one pass, linear
time); `resolve` turns one into a `Period` (a named stretch of days), a `Span` (an amount of time
counted from the statement's date) or a `Ref` (soon, some day, now) relative to an anchor date
(the values are in `timex_values`). Each form of the pattern has its reader here, registered with
`@resolver(form)`. Months, years, seasons, quarters, weeks and spans are computed directly,
holidays by the rules in `holidays.py`, spelled-out dates ("Sept. 30", "25 May 2014") from
their own fields; only numeric dates ("5/25/2014", whose order dateparser knows) go through
dateparser, one short expression at a time and cached.
Nothing here knows about deadlines: `deadlines.py` decides which expression governs a forecast.
"""

import contextlib
import datetime
import functools
from collections.abc import Callable

import dateparser

from predictions.extraction.holidays import holiday_rule
from predictions.extraction.timex_patterns import (
    ASSUMED_COUNTS,
    FORM_NAMES,
    MONTHS,
    NUMBERS,
    ORDINALS,
    SEASONS,
    WEEKDAYS,
    Timex,
    find_timexes,
)
from predictions.extraction.timex_values import (
    GRAINS,
    Period,
    Prefer,
    Ref,
    Span,
    Value,
    choose_occurrence,
    period_century,
    period_day,
    period_decade,
    period_half,
    period_month,
    period_quarter,
    period_season,
    period_week,
    period_weekend,
    period_year,
    starts,
    timeml_value,
)

__all__ = ["GRAINS", "Period", "Prefer", "Ref", "Span", "Timex", "Value", "find_timexes",
           "resolve", "timeml_value"]  # fmt: skip

# Called positionally as (timex, anchor, prefer); a resolver that does not need one of them names
# it with a leading underscore.
Resolver = Callable[[Timex, datetime.date, Prefer], Value | None]
_RESOLVERS: dict[str, Resolver] = {}


def resolver(form: str) -> Callable[[Resolver], Resolver]:
    """Register the function that reads the expressions of one form of `TIMEX_RE`."""
    if form not in FORM_NAMES:
        raise ValueError(f"no time-expression form {form!r}")

    def register(function: Resolver) -> Resolver:
        _RESOLVERS[form] = function
        return function

    return register


# --- Resolution -----------------------------------------------------------------------------------


def resolve(timex: Timex, anchor: datetime.date, prefer: Prefer = "future") -> Value | None:
    """The period, span or reference `timex` names, read from `anchor`; None if it names no real date."""
    try:
        value = _RESOLVERS[timex.form](timex, anchor, prefer)
    except (ValueError, OverflowError, KeyError):
        return None
    mod = _MOD_NAMES.get(_squash(timex.field("mod") or ""))
    if isinstance(value, Period) and mod:
        if value.grain == "year" and mod in ("first_half", "second_half"):
            half = 1 if mod == "first_half" else 2
            return period_half(value.start.year, half)
        return Period(value.start, value.end, value.grain, mod)
    return value


_MOD_NAMES = {
    "the end of": "end",
    "the very end of": "end",
    "end of": "end",
    "the close of": "end",
    "late": "end",
    "late in": "end",
    "the start of": "onset",
    "start of": "onset",
    "the very start of": "onset",
    "the beginning of": "onset",
    "the very beginning of": "onset",
    "beginning of": "onset",
    "early": "start",
    "early in": "start",
    "the middle of": "mid",
    "mid": "mid",
    "the first half of": "first_half",
    "first half of": "first_half",
    "the second half of": "second_half",
    "second half of": "second_half",
    "the latter half of": "second_half",
    "latter half of": "second_half",
    "the last half of": "second_half",
    "last half of": "second_half",
    "the rest of": "rest",
    "the remainder of": "rest",
    "the balance of": "rest",
    "later": "rest",
    "later in": "rest",
    "earlier": "earlier",
    "earlier in": "earlier",
}


def _squash(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def _year_of(spec: str, anchor: datetime.date) -> int:
    spec = _squash(spec)
    if spec[:1].isdigit():
        return int(spec[:4])
    if spec.startswith(("next", "the coming", "the following")):
        return anchor.year + 1
    if spec.startswith("last"):
        return anchor.year - 1
    return anchor.year


@functools.lru_cache(maxsize=4096)
def _dateparser_day(expression: str, anchor: datetime.date, prefer: Prefer) -> datetime.date | None:
    """Dateparser's reading of one short explicit date, relative to `anchor` (cached)."""
    settings = {
        "RELATIVE_BASE": datetime.datetime.combine(anchor, datetime.time()),
        "PREFER_DATES_FROM": {"future": "future", "past": "past"}.get(prefer, "current_period"),
        "PREFER_DAY_OF_MONTH": "first",
        "DATE_ORDER": "MDY",
        "REQUIRE_PARTS": ["day", "month"],
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PARSERS": ["absolute-time"],
    }
    try:
        parsed = dateparser.parse(expression, languages=["en"], settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date() if parsed else None


def _explicit_day(
    month: int, day: int, year: str | None, anchor: datetime.date, prefer: Prefer
) -> Period:
    """A date the expression spells out: its fields say the day, month and (perhaps) year."""
    if year is not None:
        return period_day(datetime.date(int(year), month, day))
    days = []
    for shift in (-1, 0, 1):
        with contextlib.suppress(ValueError):  # 29 February, or beyond the calendar's years
            days.append(period_day(datetime.date(anchor.year + shift, month, day)))
    if not days:
        raise ValueError(f"no {month}/{day} near {anchor}")
    return choose_occurrence(days, anchor, prefer)


def _mod_length(timex: Timex) -> int:
    mod = timex.field("mod")
    if mod is None:
        return 0
    return timex.text.find(mod) + len(mod) + 1


@resolver("iso")
def _resolve_iso(timex: Timex, _anchor: datetime.date, _prefer: Prefer) -> Value | None:
    return period_day(
        datetime.date(
            int(timex.required("iso_y")), int(timex.required("iso_m")), int(timex.required("iso_d"))
        )
    )


@resolver("numeric")
def _resolve_numeric(timex: Timex, anchor: datetime.date, prefer: Prefer) -> Value | None:
    parsed = _dateparser_day(timex.required("num"), anchor, prefer)
    return period_day(parsed) if parsed else None


@resolver("month_day")
def _resolve_month_day(timex: Timex, anchor: datetime.date, prefer: Prefer) -> Value | None:
    month = MONTHS[timex.required("md_m").rstrip(".").lower()]
    return _explicit_day(month, int(timex.required("md_d")), timex.field("md_y"), anchor, prefer)


@resolver("day_month")
def _resolve_day_month(timex: Timex, anchor: datetime.date, prefer: Prefer) -> Value | None:
    month = MONTHS[timex.required("dm_m").rstrip(".").lower()]
    return _explicit_day(month, int(timex.required("dm_d")), timex.field("dm_y"), anchor, prefer)


@resolver("month_year")
def _resolve_month_year(timex: Timex, anchor: datetime.date, _prefer: Prefer) -> Value | None:
    month = MONTHS[timex.required("my_m").rstrip(".").lower()]
    return period_month(_year_of(timex.required("my_y"), anchor), month)


@resolver("month")
def _resolve_month(timex: Timex, anchor: datetime.date, prefer: Prefer) -> Value | None:
    month = MONTHS[timex.required("mo").lower()]
    return choose_occurrence(
        [period_month(anchor.year + shift, month) for shift in (-1, 0, 1)], anchor, prefer
    )


@resolver("month_rel")
def _resolve_month_rel(timex: Timex, anchor: datetime.date, _prefer: Prefer) -> Value | None:
    month = MONTHS[timex.required("mr_m").lower()]
    rel = _squash(timex.required("mr_rel"))
    candidates = [period_month(anchor.year + shift, month) for shift in (-1, 0, 1)]
    if rel in ("last", "past"):
        return max(
            (period for period in candidates if period.end < anchor.replace(day=1)), key=starts
        )
    if rel == "next":
        return min((period for period in candidates if period.start > anchor), key=starts)
    return choose_occurrence(candidates, anchor, "future")


@resolver("holiday")
def _resolve_holiday(timex: Timex, anchor: datetime.date, prefer: Prefer) -> Value | None:
    rule = holiday_rule(timex.required("hol"))
    year = timex.field("hol_y")
    if year is not None:
        day = rule(int(year))
        return period_day(day) if day else None
    # Years around the anchor, within the calendar's 1..9999.
    years = [anchor.year + shift for shift in range(-4, 5)]
    days = [rule(year) for year in years if datetime.MINYEAR <= year <= datetime.MAXYEAR]
    return choose_occurrence([period_day(day) for day in days if day is not None], anchor, prefer)


@resolver("quarter")
def _resolve_quarter(timex: Timex, anchor: datetime.date, prefer: Prefer) -> Value | None:
    ordinal = timex.field("q_o")
    year_spec = timex.field("q_y2" if ordinal is None else "q_y")
    year = None if year_spec is None else _year_of(year_spec, anchor)
    if ordinal is None:
        number = int(timex.required("q_n")[1])
    else:
        ordinal = ordinal.lower()
        if ordinal == "last" and year is None:  # "last quarter": the one before this one
            this = (anchor.month - 1) // 3 + 1
            return (
                period_quarter(anchor.year, this - 1)
                if this > 1
                else period_quarter(anchor.year - 1, 4)
            )
        number = ORDINALS.get(ordinal, 4)
    if year is not None:
        return period_quarter(year, number)
    return choose_occurrence(
        [period_quarter(anchor.year + shift, number) for shift in (-1, 0, 1)], anchor, prefer
    )


@resolver("century")
def _resolve_century(timex: Timex, _anchor: datetime.date, _prefer: Prefer) -> Value | None:
    return period_century((int(timex.required("cent")) - 1) * 100)


@resolver("decade")
def _resolve_decade(timex: Timex, anchor: datetime.date, _prefer: Prefer) -> Value | None:
    if decade := timex.field("dec"):
        return period_decade(int(decade))
    tens = int(timex.required("dec2"))
    century = anchor.year // 100 * 100
    first = century + tens if century + tens <= anchor.year else century - 100 + tens
    return period_decade(first)


def _shifted(unit: str, anchor: datetime.date, shift: int) -> Period:
    if unit == "year":
        return period_year(anchor.year + shift)
    if unit == "month":
        return _month_shift(anchor, shift)
    if unit == "week":
        return period_week(anchor + datetime.timedelta(weeks=shift))
    if unit == "weekend":
        return period_weekend(anchor + datetime.timedelta(weeks=shift))
    if unit == "decade":
        return period_decade(anchor.year // 10 * 10 + 10 * shift)
    if unit == "century":
        return period_century(anchor.year // 100 * 100 + 100 * shift)
    if unit == "quarter":
        index = anchor.year * 4 + (anchor.month - 1) // 3 + shift
        return period_quarter(index // 4, index % 4 + 1)
    raise ValueError(unit)


def _month_shift(anchor: datetime.date, shift: int) -> Period:
    year, month = divmod(anchor.year * 12 + anchor.month - 1 + shift, 12)
    return period_month(year, month + 1)


@resolver("relative")
def _resolve_relative(timex: Timex, anchor: datetime.date, _prefer: Prefer) -> Value | None:
    rel = _squash(timex.required("rel"))
    unit = timex.required("rel_u").lower()
    if timex.field("rel_at") and rel == "next" and unit in ("year", "month", "week"):
        return _span(1, unit, 1)  # "this time next year": the same day a year on
    if rel in ("the next", "the coming") and unit in ("year", "decade", "month", "week"):
        # "over the next decade": ten years from now, not the calendar decade after this one
        return _span(1, unit, 1)
    shift = {"this": 0, "the current": 0, "last": -1, "the previous": -1}.get(rel, 1)
    return _shifted(unit, anchor, shift)


@resolver("period_end")
def _resolve_period_end(timex: Timex, anchor: datetime.date, _prefer: Prefer) -> Value | None:
    unit = (timex.field("pe_u") or timex.field("pe_u2") or timex.field("pe_u3") or "").lower()
    if unit:
        period = _shifted(unit, anchor, 0)
        return Period(period.start, period.end, period.grain, "end")
    period = _shifted(timex.required("pe_c").lower(), anchor, 0)
    return Period(period.start, period.end, period.grain, "end")


@resolver("unit")
def _resolve_unit(timex: Timex, anchor: datetime.date, _prefer: Prefer) -> Value | None:
    return _shifted(timex.required("un_u").lower(), anchor, 0)


@resolver("season")
def _resolve_season(timex: Timex, anchor: datetime.date, prefer: Prefer) -> Value | None:
    code = SEASONS[timex.required("s").lower()]
    if year := timex.field("s_y"):
        return period_season(int(year), code)
    rel = _squash(timex.field("s_rel") or "")
    candidates = [period_season(anchor.year + shift, code) for shift in (-2, -1, 0, 1)]
    if rel == "last":
        return max((period for period in candidates if period.end < anchor), key=starts)
    if rel == "next":
        return min((period for period in candidates if period.start > anchor), key=starts)
    if rel in ("this", "the coming"):
        return choose_occurrence(candidates, anchor, "future" if rel == "the coming" else "nearest")
    return choose_occurrence(candidates, anchor, prefer)


@resolver("deictic")
def _resolve_deictic(timex: Timex, anchor: datetime.date, _prefer: Prefer) -> Value | None:
    word = _squash(timex.required("dd"))
    offset = {
        "tomorrow": 1,
        "the day after tomorrow": 2,
        "yesterday": -1,
        "the day before yesterday": -2,
        "last night": -1,
    }.get(word, 0)
    return period_day(anchor + datetime.timedelta(days=offset))


@resolver("weekday")
def _resolve_weekday(timex: Timex, anchor: datetime.date, prefer: Prefer) -> Value | None:
    weekday = WEEKDAYS[timex.required("wd").lower()]
    rel = _squash(timex.field("wd_rel") or "")
    ahead = (weekday - anchor.weekday()) % 7
    behind = (anchor.weekday() - weekday) % 7
    if rel == "next":
        return period_day(anchor + datetime.timedelta(days=ahead or 7))
    if rel in ("last", "past"):
        return period_day(anchor - datetime.timedelta(days=behind or 7))
    if rel in ("this", "coming", "this coming"):
        prefer = "future"
    if prefer == "future" or (prefer == "nearest" and ahead < behind):
        return period_day(anchor + datetime.timedelta(days=ahead))
    return period_day(anchor - datetime.timedelta(days=behind))


def _span_count(text: str) -> tuple[int, bool]:
    text = _squash(text)
    if text.isdigit():
        return int(text), True
    return NUMBERS[text], text not in (
        "a few",
        "few",
        "several",
        "a couple",
        "a couple of",
        "couple of",
    )


def _span(count: float, unit: str, direction: int, count_given: bool = True) -> Span:
    unit = unit.lower().rstrip("s")
    months = {"year": 12, "decade": 120}.get(unit, 1 if unit == "month" else 0)
    days = {"day": 1, "week": 7, "hour": 1 / 24}.get(unit, 0)
    whole_months = int(round(count * months))
    return Span(whole_months, int(round(count * days)), unit, direction, count_given)


@resolver("span")
def _resolve_span(timex: Timex, anchor: datetime.date, _prefer: Prefer) -> Value | None:
    count: float
    count, given = _span_count(timex.required("sp_n"))
    if timex.field("sp_half") or timex.field("sp_half2"):
        count += 0.5
    unit = timex.required("sp_u")
    direction_word = _squash(timex.field("sp_dir") or "")
    suffix = _squash(timex.field("sp_suf") or "")
    if suffix in ("ago", "earlier", "before", "back"):
        # "two years ago" names the year it points at, not an amount of time.
        span = _span(count, unit, -1, given)
        day = span.from_anchor(anchor)
        unit = span.unit
        if unit == "day":
            return period_day(day)
        return _shifted(unit, day, 0) if unit in ("week", "month", "year", "decade") else None
    if suffix in ("later", "after"):
        return None  # counted from some other moment the sentence names
    direction = -1 if direction_word.split(" ")[-1] in ("past", "last", "previous") else 1
    return _span(count, unit, direction, given)


@resolver("half_span")
def _resolve_half_span(timex: Timex, _anchor: datetime.date, _prefer: Prefer) -> Value | None:
    text = _squash(timex.required("hs"))
    if "decade" in text:
        return Span(60, 0, "year")
    if "month" in text:
        return Span(0, 15, "day")
    return Span(6, 0, "month")


@resolver("coming")
def _resolve_coming(timex: Timex, _anchor: datetime.date, _prefer: Prefer) -> Value | None:
    unit = (
        timex.field("cs_u")
        or timex.field("cs_u2")
        or timex.field("cs_u3")
        or timex.required("cs_u4")
    )
    unit = unit.lower().rstrip("s")
    return _span(ASSUMED_COUNTS[unit], unit, 1, count_given=False)


@resolver("year")
def _resolve_year(timex: Timex, _anchor: datetime.date, _prefer: Prefer) -> Value | None:
    return period_year(int(timex.required("y")))


@resolver("vague")
def _resolve_vague(_timex: Timex, _anchor: datetime.date, _prefer: Prefer) -> Value | None:
    return Ref("vague")


@resolver("open")
def _resolve_open(timex: Timex, _anchor: datetime.date, _prefer: Prefer) -> Value | None:
    text = _squash(timex.required("op"))
    return Ref("future" if "future" in text else "open")


@resolver("ref")
def _resolve_ref(timex: Timex, _anchor: datetime.date, _prefer: Prefer) -> Value | None:
    text = _squash(timex.required("rf"))
    if "past" in text or text in ("recently", "lately", "at the time"):
        return Ref("past")
    if "future" in text:
        return Ref("future")
    return Ref("present")


missing = set(FORM_NAMES) - set(_RESOLVERS)
if missing:  # every form the pattern can match must have its reader
    raise RuntimeError(f"time-expression forms without a resolver: {sorted(missing)}")

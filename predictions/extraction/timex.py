"""Time expressions in English news text: where they are, and which stretch of the calendar they name.

`find_timexes` finds expressions with compiled patterns (one pass, linear time); `resolve` turns one
into a `Period` (a named stretch of days), a `Span` (an amount of time counted from the statement's
date) or a `Ref` (soon, some day, now) relative to an anchor date. Months, years, seasons,
quarters, weeks and spans are computed here directly, holidays by the rules in `holidays.py`;
only explicit dates ("Sept. 30", "25 May 2014", "5/25/2014") go through dateparser, one short
expression at a time and cached.
Nothing here knows about deadlines: `deadlines.py` decides which expression governs a forecast.
"""

import calendar
import datetime
import functools
import re
from dataclasses import dataclass

import dateparser

from predictions.extraction.holidays import holiday_rule

Prefer = str  # "future", "past" or "nearest": which occurrence an expression without a year means

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
class Timex:
    start: int
    end: int
    text: str
    form: str
    fields: tuple[tuple[str, str], ...]

    def field(self, name: str) -> str | None:
        for key, value in self.fields:
            if key == name:
                return value
        return None


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
        moved = _add_months(anchor, self.direction * self.months)
        return moved + datetime.timedelta(days=self.direction * self.days)


@dataclass(frozen=True, slots=True)
class Ref:
    """A time without a date: "vague" (soon), "open" (some day), "present", "past", "future"."""

    kind: str


Value = Period | Span | Ref


# --- Vocabulary -------------------------------------------------------------------------------

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: number
    for number, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "eighteen": 18,
    "twenty": 20,
    "twenty-four": 24,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "a hundred": 100,
    "a dozen": 12,
    "dozen": 12,
    # Amounts nobody counted: what a reader would take them to mean at the least.
    "a couple of": 2,
    "a couple": 2,
    "couple of": 2,
    "a few": 3,
    "few": 3,
    "several": 5,
}
# "The coming weeks" and its kin: the amount a reader assumes (about four weeks for weeks).
ASSUMED_COUNTS = {"day": 7, "week": 4, "month": 6, "year": 3, "decade": 2}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}

_MONTH_FULL = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\."
_MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR4 = r"(?:1[89]\d\d|20\d\d|21\d\d)(?![\d%])"
_YEAR_REL = (
    r"(?i:(?:this|next|last|the\s+current|the\s+coming|the\s+following)\s+(?:fiscal\s+)?year)"
)
_YEAR_SPEC = rf"(?:{_YEAR4}|{_YEAR_REL}|(?i:the\s+year))"
_NUM = (
    r"(?i:a\s+couple\s+of|couple\s+of|a\s+couple|a\s+few|few|several|a\s+dozen|dozen|a\s+hundred"
    r"|twenty-four|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|eighteen|twenty|thirty|forty|fifty|an|a|\d{1,3}(?!\d))"
)
_UNIT = r"(?i:days?|weeks?|months?|years?|decades?)"
_DAY_PART = r"(?i:\s+(?:night|morning|afternoon|evening))?"

_MOD = (
    r"(?P<mod>(?i:the\s+(?:very\s+)?(?:end|start|beginning|middle|close|rest|remainder|balance)\s+of"
    r"|(?:the\s+)?(?:first|second|latter|last)\s+half\s+of|end\s+of|start\s+of|beginning\s+of"
    r"|later\s+in|earlier\s+in|early\s+in|late\s+in|later|earlier|early|late|mid))[\s-]+"
)

_FORMS = (
    ("iso", r"(?<![\d.])(?P<iso_y>[12]\d{3})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>[0-3]\d)(?![\d-])"),
    ("numeric", r"(?<![\d./])(?P<num>[01]?\d/[0-3]?\d/(?:\d{4}|\d{2}))(?![\d/])"),
    (
        "month_day",
        rf"(?:{_WEEKDAY},?\s+)?(?:the\s+)?(?P<md_m>{_MONTH})\s+(?P<md_d>[0-3]?\d)(?:st|nd|rd|th)?"
        rf"(?![\d:.,]\d)(?!\s*(?:%|percent|per\s+cent))(?:,?\s+(?P<md_y>{_YEAR4}))?",
    ),
    (
        "day_month",
        rf"(?:{_WEEKDAY},?\s+)?(?:the\s+)?(?<![\d.,])(?P<dm_d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?"
        rf"(?P<dm_m>{_MONTH_FULL}|{_MONTH_ABBR})(?:,?\s+(?P<dm_y>{_YEAR4}))?",
    ),
    (
        "month_year",
        rf"(?P<my_m>{_MONTH_FULL}|{_MONTH_ABBR})\s+(?:of\s+)?(?P<my_y>{_YEAR4}|{_YEAR_REL})",
    ),
    (
        "holiday",
        r"(?P<hol>Christmas(?:\s+Day|\s+Eve)?|New\s+Year(?:'s|s)?(?:\s+Day|\s+Eve)?|Thanksgiving(?:\s+Day)?"
        r"|Easter(?:\s+Sunday|\s+Monday)?|Good\s+Friday|Halloween|Independence\s+Day"
        r"|(?:the\s+)?Fourth\s+of\s+July|Labou?r\s+Day|Memorial\s+Day|Valentine(?:'s|s)?\s+Day"
        r"|Election\s+(?:Day|Night)|[Ee]lection[\s-](?:day|night)|Inauguration\s+Day|Boxing\s+Day"
        r"|St\.?\s+Patrick(?:'s|s)?\s+Day|Veterans\s+Day|Remembrance\s+Day|Bastille\s+Day"
        r"|Guy\s+Fawkes(?:\s+Night|\s+Day)?|Bonfire\s+Night|Hogmanay|May\s+Day)(?!\w)"
        rf"(?:,?\s+(?:of\s+)?(?P<hol_y>{_YEAR4}))?",
    ),
    (
        "quarter",
        rf"(?i:(?:the\s+)?(?P<q_o>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+"
        rf"(?:(?:fiscal|financial|calendar)\s+)?quarter)(?:\s+of\s+(?:the\s+)?(?P<q_y>{_YEAR_SPEC}))?"
        rf"|\b(?P<q_n>Q[1-4])(?:\s+(?P<q_y2>{_YEAR4}))?",
    ),
    (
        "century",
        r"(?:the\s+)?(?P<cent>1\d|2[01])(?:st|nd|rd|th)\s+[Cc]entury",
    ),
    ("decade", r"(?:the\s+)?(?P<dec>(?:1[89]|20)\d0)'?s\b|(?:the\s+)?'(?P<dec2>\d0)s\b"),
    (
        "relative",
        r"(?i:(?P<rel>this|next|last|the\s+coming|the\s+current|the\s+following|the\s+previous"
        r"|the\s+very\s+next|the\s+next)\s+(?:(?:fiscal|financial|calendar)\s+)?"
        r"(?P<rel_u>year|month|week(?:end)?|decade|century|quarter))\b",
    ),
    (
        "period_end",
        r"(?i:(?P<pe_u>year|month|week|quarter)(?:'s|s')?[\s-]end|end[\s-]of[\s-](?:the[\s-])?"
        r"(?P<pe_u2>year|month|week|quarter)|(?:the\s+)?turn\s+of\s+the\s+(?P<pe_c>year|decade|century))\b",
    ),
    (
        "season",
        r"(?:(?P<s_rel>(?i:this|next|last|the\s+coming|the))\s+)?"
        r"(?P<s>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)"
        rf"(?:\s+(?:of\s+)?(?P<s_y>{_YEAR4}))?(?!\w)",
    ),
    (
        "deictic",
        r"(?P<dd>(?i:the\s+day\s+after\s+tomorrow|the\s+day\s+before\s+yesterday|tomorrow|tonight"
        rf"|today|yesterday|last\s+night|this\s+(?:morning|afternoon|evening)))(?!\w){_DAY_PART}",
    ),
    (
        "weekday",
        rf"(?:(?P<wd_rel>(?i:this\s+coming|this|next|last|coming|past))\s+)?(?P<wd>{_WEEKDAY})(?!\w){_DAY_PART}",
    ),
    (
        "month_rel",
        rf"(?P<mr_rel>(?i:this|next|last|coming|this\s+coming|past))\s+(?P<mr_m>{_MONTH_FULL})\b",
    ),
    ("month", rf"(?P<mo>{_MONTH_FULL})(?![\w-])"),
    (
        "span",
        rf"(?:(?P<sp_dir>(?i:the\s+next|the\s+coming|the\s+following|the\s+past|the\s+last|the\s+previous"
        rf"|the\s+first|the\s+final|next|coming|past|last))\s+)?(?P<sp_n>{_NUM})\s+(?P<sp_half>(?i:and\s+a\s+half\s+))?"
        rf"(?P<sp_u>{_UNIT})(?P<sp_half2>(?i:\s+and\s+a\s+half))?"
        r"(?P<sp_suf>(?i:(?:'s|s'|’s|s’|'|’)?\s+time|\s+from\s+now|\s+hence|\s+ago|\s+later|\s+earlier"
        r"|\s+before|\s+after|\s+ahead|\s+back))?(?!\w)",
    ),
    ("half_span", r"(?P<hs>(?i:half\s+a\s+(?:year|decade|month)|a\s+half[\s-]year))\b"),
    (
        "coming",
        r"(?i:(?:the\s+)?(?:coming|next\s+several|next\s+few|following)\s+(?P<cs_u>days|weeks|months|years|decades)"
        r"|the\s+(?P<cs_u2>days|weeks|months|years)\s+(?:ahead|to\s+come))\b",
    ),
    ("unit", r"(?i:the\s+(?P<un_u>year|month|week|decade|quarter|century))\b"),
    (
        "year",
        rf"(?<![\d$£€.,:/])(?P<y>{_YEAR4})(?!\s*(?:%|percent|per\s+cent)|[.,:/]\d"
        r"|\s*(?:GMT|BST|UTC|CET|CEST|[ECMP][SD]?T|hrs|hours|h)\b)",
    ),
    (
        "vague",
        r"(?P<vg>(?i:any\s*time\s+soon|any\s+day\s+now|sooner\s+rather\s+than\s+later|(?<!as\s)(?<!too\s)soon(?!\s+as)"
        r"|shortly|imminently|before\s+long|in\s+short\s+order|in\s+the\s+(?:near|not[\s-]too[\s-]distant"
        r"|not[\s-]so[\s-]distant|immediate|foreseeable)\s+future|in\s+the\s+short\s+(?:term|run)))(?!\w)",
    ),
    (
        "open",
        r"(?P<op>(?i:at\s+some\s+(?:point|stage|time)(?:\s+in\s+the\s+future)?|some\s*day|one\s+of\s+these\s+days"
        r"|sooner\s+or\s+later|eventually|ultimately|in\s+the\s+long\s+(?:run|term)|in\s+the\s+end"
        r"|in\s+due\s+course|down\s+the\s+(?:road|line)|in\s+the\s+(?:distant\s+)?future|in\s+years\s+to\s+come"
        r"|one\s+day(?=,)))(?!\w)",
    ),
    (
        "ref",
        r"(?P<rf>(?i:right\s+now|now|nowadays|currently|at\s+present|at\s+the\s+moment|these\s+days"
        r"|recently|lately|in\s+the\s+past|the\s+past|the\s+future|at\s+the\s+time))(?!\w)",
    ),
)
FORM_NAMES = tuple(name for name, _ in _FORMS)
_CORE = "|".join(f"(?P<F_{name}>{pattern})" for name, pattern in _FORMS)
# The named groups each form may fill (and the modifier), read back into `Timex.fields`.
_FORM_GROUPS = {name: ("mod", *re.findall(r"\(\?P<(\w+)>", pattern)) for name, pattern in _FORMS}
TIMEX_RE = re.compile(rf"(?<![\w'’])(?:{_MOD})?(?:{_CORE})")

# Context a bare year, "May" or "March" needs before it to be a time: "in 2020", "by May", not
# "2000 troops" or "it may rain".
_CONTEXT_BEFORE = re.compile(
    r"(?i:\b(?:in|by|before|until|till|since|of|from|through|to|and|or|during|after|early|mid|late|"
    r"spring|summer|autumn|fall|winter|fiscal|around|for|between|than|as\s+of|beyond|last|next|this|"
    r"that|end|start|beginning|middle|ahead|within|on|at|circa|year|years|the|until\s+after|a|an|his|her"
    r"|its|their|our))"
    r"[\s-]+$|[-–(]\s*$|^\s*$"
)
_MONTH_CONTEXT_BEFORE = re.compile(
    r"(?i:\b(?:in|by|before|until|till|since|of|from|through|to|and|or|during|after|early|mid|late|"
    r"around|for|between|than|as\s+of|beyond|last|next|this|end|start|beginning|middle|ahead|within|"
    r"until\s+after))[\s-]+$|[-–(]\s*$"
)
_FALL_SPRING_AS_NOUN = re.compile(r"\s+of\s+(?!(?:1[89]|20)\d\d)", re.IGNORECASE)


_MORE_FIRST_WORDS = """
        the a an this next last coming past early earlier late later mid end start beginning first
        second third fourth final latter 1st 2nd 3rd 4th q1 q2 q3 q4 half today tonight tomorrow
        yesterday christmas new thanksgiving easter good halloween independence fourth labor labour
        memorial valentine valentines valentine's election inauguration boxing st veterans remembrance
        bastille guy bonfire hogmanay any anytime soon sooner shortly imminently before in at some
        someday one eventually ultimately down right now nowadays currently these recently lately year
        month week quarter turn couple few several dozen following
"""
# Words an expression can begin with. Trying the pattern only where one of them (or a digit)
# starts a word keeps the scan several times faster than trying it at every character.
_FIRST_WORDS = frozenset(
    (
        *MONTHS,
        *WEEKDAYS,
        *SEASONS,
        *(name.split()[0] for name in NUMBERS),
        *_MORE_FIRST_WORDS.split(),
    )
)
_WORD_START = re.compile(r"[^\W_]+|'\d")


def find_timexes(text: str) -> list[Timex]:
    """Every time expression in `text`, left to right, without overlaps."""
    found = []
    resume = 0
    for word in _WORD_START.finditer(text):
        at = word.start()
        if at < resume:
            continue
        token = word.group()
        if not (token[0].isdigit() or token[0] == "'" or token.lower() in _FIRST_WORDS):
            continue
        match = TIMEX_RE.match(text, at)
        if match is None:
            continue
        timex = _timex(match, text)
        if timex is not None:
            found.append(timex)
            resume = match.end()
    return found


def _timex(match: re.Match, text: str) -> Timex | None:
    form = match.lastgroup[2:]  # the form's own group closes last: "F_<form>"
    if not _plausible(form, match, text):
        return None
    fields = tuple(
        (key, value) for key in _FORM_GROUPS[form] if (value := match.group(key)) is not None
    )
    return Timex(match.start(), match.end(), match.group(), form, fields)


def _find_timexes_everywhere(text: str) -> list[Timex]:
    """The same search tried at every character: the reference `find_timexes` must agree with."""
    found = []
    position = 0
    while (match := TIMEX_RE.search(text, position)) is not None:
        timex = _timex(match, text)
        if timex is None:
            position = match.start() + 1  # a rejected match may hide one that starts inside it
        else:
            found.append(timex)
            position = match.end()
    return found


def _plausible(form: str, match: re.Match, text: str) -> bool:
    before = text[max(0, match.start() - 16) : match.start()]
    if form == "year":
        return match.group("mod") is not None or _CONTEXT_BEFORE.search(before) is not None
    if form == "month" and match.group("mo") in ("May", "March"):
        return match.group("mod") is not None or _MONTH_CONTEXT_BEFORE.search(before) is not None
    if form == "season":
        word = match.group("s").lower()
        if (
            match.group("s_rel") is None
            and match.group("s_y") is None
            and match.group("mod") is None
        ):
            return word not in ("fall", "spring") and _CONTEXT_BEFORE.search(before) is not None
        if match.group("s_y") is None and _FALL_SPRING_AS_NOUN.match(text, match.end()):
            return False  # "the fall of the regime"
    if form == "unit":
        return match.group("mod") is not None
    if (
        form == "span"
        and match.group("sp_n").lower() in ("a", "an")
        and match.group("sp_dir") is None
    ):
        # "a day" is a time only in a construction like "in a day" or "a year ago"
        return match.group("sp_suf") is not None or re.search(
            r"(?i:\b(?:in|within|inside|for|over)\s+)$", before
        )
    return True


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
            return _half(value.start.year, half)
        return Period(value.start, value.end, value.grain, mod)
    return value


_MOD_NAMES = {
    "the end of": "end",
    "the very end of": "end",
    "end of": "end",
    "the close of": "end",
    "late": "end",
    "late in": "end",
    "the start of": "start",
    "start of": "start",
    "the very start of": "start",
    "the beginning of": "start",
    "the very beginning of": "start",
    "beginning of": "start",
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


def _day(day: datetime.date) -> Period:
    return Period(day, day, "day")


def _month(year: int, month: int) -> Period:
    return Period(
        datetime.date(year, month, 1),
        datetime.date(year, month, calendar.monthrange(year, month)[1]),
        "month",
    )


def _year(year: int) -> Period:
    return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31), "year")


def _half(year: int, half: int) -> Period:
    if half == 1:
        return Period(datetime.date(year, 1, 1), datetime.date(year, 6, 30), "half")
    return Period(datetime.date(year, 7, 1), datetime.date(year, 12, 31), "half")


def _quarter(year: int, quarter: int) -> Period:
    first = datetime.date(year, 3 * quarter - 2, 1)
    return Period(first, _month(year, 3 * quarter).end, "quarter")


def _week(day: datetime.date) -> Period:
    monday = day - datetime.timedelta(days=day.weekday())
    return Period(monday, monday + datetime.timedelta(days=6), "week")


def _weekend(day: datetime.date) -> Period:
    week = _week(day)
    return Period(week.end - datetime.timedelta(days=1), week.end, "weekend")


def _decade(first_year: int) -> Period:
    return Period(datetime.date(first_year, 1, 1), datetime.date(first_year + 9, 12, 31), "decade")


def _century(first_year: int) -> Period:
    return Period(
        datetime.date(first_year, 1, 1), datetime.date(first_year + 99, 12, 31), "century"
    )


def _season(year: int, code: str) -> Period:
    """The season of `year`; winter runs from December of `year` into the next year."""
    if code == "WI":
        end_year = year + 1
        return Period(
            datetime.date(year, 12, 1),
            datetime.date(end_year, 2, calendar.monthrange(end_year, 2)[1]),
            "season",
        )
    first_month = {"SP": 3, "SU": 6, "FA": 9}[code]
    return Period(datetime.date(year, first_month, 1), _month(year, first_month + 2).end, "season")


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _choose(candidates: list[Period], anchor: datetime.date, prefer: Prefer) -> Period:
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


def _starts(period: Period) -> datetime.date:
    return period.start


def _year_of(spec: str | None, anchor: datetime.date) -> int | None:
    if spec is None:
        return None
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


def _explicit_day(timex: Timex, month: int, day: int, year: str | None, anchor, prefer) -> Period:
    parsed = _dateparser_day(_squash(timex.text[_mod_length(timex) :]), anchor, prefer)
    if parsed is not None:
        return _day(parsed)
    # Dateparser declined (an unusual spelling): the day, month and year are already known.
    if year is not None:
        return _day(datetime.date(int(year), month, day))
    return _choose(
        [_day(datetime.date(anchor.year + shift, month, day)) for shift in (-1, 0, 1)],
        anchor,
        prefer,
    )


def _mod_length(timex: Timex) -> int:
    mod = timex.field("mod")
    if mod is None:
        return 0
    return timex.text.find(mod) + len(mod) + 1


def _resolve_iso(timex, anchor, prefer):
    return _day(
        datetime.date(
            int(timex.field("iso_y")), int(timex.field("iso_m")), int(timex.field("iso_d"))
        )
    )


def _resolve_numeric(timex, anchor, prefer):
    parsed = _dateparser_day(timex.field("num"), anchor, prefer)
    return _day(parsed) if parsed else None


def _resolve_month_day(timex, anchor, prefer):
    month = MONTHS[timex.field("md_m").rstrip(".").lower()]
    return _explicit_day(
        timex, month, int(timex.field("md_d")), timex.field("md_y"), anchor, prefer
    )


def _resolve_day_month(timex, anchor, prefer):
    month = MONTHS[timex.field("dm_m").rstrip(".").lower()]
    return _explicit_day(
        timex, month, int(timex.field("dm_d")), timex.field("dm_y"), anchor, prefer
    )


def _resolve_month_year(timex, anchor, prefer):
    month = MONTHS[timex.field("my_m").rstrip(".").lower()]
    return _month(_year_of(timex.field("my_y"), anchor), month)


def _resolve_month(timex, anchor, prefer):
    month = MONTHS[timex.field("mo").lower()]
    return _choose([_month(anchor.year + shift, month) for shift in (-1, 0, 1)], anchor, prefer)


def _resolve_month_rel(timex, anchor, prefer):
    month = MONTHS[timex.field("mr_m").lower()]
    rel = _squash(timex.field("mr_rel"))
    candidates = [_month(anchor.year + shift, month) for shift in (-1, 0, 1)]
    if rel in ("last", "past"):
        return max(
            (period for period in candidates if period.end < anchor.replace(day=1)), key=_starts
        )
    if rel == "next":
        return min((period for period in candidates if period.start > anchor), key=_starts)
    return _choose(candidates, anchor, "future")


def _resolve_holiday(timex, anchor, prefer):
    rule = holiday_rule(timex.field("hol"))
    year = timex.field("hol_y")
    if year is not None:
        day = rule(int(year))
        return _day(day) if day else None
    days = [rule(anchor.year + shift) for shift in range(-4, 5)]
    return _choose([_day(day) for day in days if day is not None], anchor, prefer)


def _resolve_quarter(timex, anchor, prefer):
    ordinal = timex.field("q_o")
    if ordinal is None:
        number = int(timex.field("q_n")[1])
        year = _year_of(timex.field("q_y2"), anchor)
    else:
        ordinal = ordinal.lower()
        year = _year_of(timex.field("q_y"), anchor)
        if ordinal == "last" and year is None:  # "last quarter": the one before this one
            this = (anchor.month - 1) // 3 + 1
            return _quarter(anchor.year, this - 1) if this > 1 else _quarter(anchor.year - 1, 4)
        number = ORDINALS.get(ordinal, 4)
    if year is not None:
        return _quarter(year, number)
    return _choose([_quarter(anchor.year + shift, number) for shift in (-1, 0, 1)], anchor, prefer)


def _resolve_century(timex, anchor, prefer):
    return _century((int(timex.field("cent")) - 1) * 100)


def _resolve_decade(timex, anchor, prefer):
    if timex.field("dec"):
        return _decade(int(timex.field("dec")))
    tens = int(timex.field("dec2"))
    century = anchor.year // 100 * 100
    first = century + tens if century + tens <= anchor.year else century - 100 + tens
    return _decade(first)


def _shifted(unit: str, anchor: datetime.date, shift: int) -> Period:
    if unit == "year":
        return _year(anchor.year + shift)
    if unit == "month":
        return _month_shift(anchor, shift)
    if unit == "week":
        return _week(anchor + datetime.timedelta(weeks=shift))
    if unit == "weekend":
        return _weekend(anchor + datetime.timedelta(weeks=shift))
    if unit == "decade":
        return _decade(anchor.year // 10 * 10 + 10 * shift)
    if unit == "century":
        return _century(anchor.year // 100 * 100 + 100 * shift)
    if unit == "quarter":
        index = anchor.year * 4 + (anchor.month - 1) // 3 + shift
        return _quarter(index // 4, index % 4 + 1)
    raise ValueError(unit)


def _month_shift(anchor: datetime.date, shift: int) -> Period:
    year, month = divmod(anchor.year * 12 + anchor.month - 1 + shift, 12)
    return _month(year, month + 1)


def _resolve_relative(timex, anchor, prefer):
    rel = _squash(timex.field("rel"))
    unit = timex.field("rel_u").lower()
    if rel in ("the next", "the coming") and unit in ("year", "decade", "month", "week"):
        # "over the next decade": ten years from now, not the calendar decade after this one
        return _span(1, unit, 1)
    shift = {"this": 0, "the current": 0, "last": -1, "the previous": -1}.get(rel, 1)
    return _shifted(unit, anchor, shift)


def _resolve_period_end(timex, anchor, prefer):
    unit = (timex.field("pe_u") or timex.field("pe_u2") or "").lower()
    if unit:
        period = _shifted(unit, anchor, 0)
        return Period(period.start, period.end, period.grain, "end")
    period = _shifted(timex.field("pe_c").lower(), anchor, 0)
    return Period(period.start, period.end, period.grain, "end")


def _resolve_unit(timex, anchor, prefer):
    return _shifted(timex.field("un_u").lower(), anchor, 0)


def _resolve_season(timex, anchor, prefer):
    code = SEASONS[timex.field("s").lower()]
    if timex.field("s_y"):
        return _season(int(timex.field("s_y")), code)
    rel = _squash(timex.field("s_rel") or "")
    candidates = [_season(anchor.year + shift, code) for shift in (-2, -1, 0, 1)]
    if rel == "last":
        return max((period for period in candidates if period.end < anchor), key=_starts)
    if rel == "next":
        return min((period for period in candidates if period.start > anchor), key=_starts)
    if rel in ("this", "the coming"):
        return _choose(candidates, anchor, "future" if rel == "the coming" else "nearest")
    return _choose(candidates, anchor, prefer)


def _resolve_deictic(timex, anchor, prefer):
    word = _squash(timex.field("dd"))
    offset = {
        "tomorrow": 1,
        "the day after tomorrow": 2,
        "yesterday": -1,
        "the day before yesterday": -2,
        "last night": -1,
    }.get(word, 0)
    return _day(anchor + datetime.timedelta(days=offset))


def _resolve_weekday(timex, anchor, prefer):
    weekday = WEEKDAYS[timex.field("wd").lower()]
    rel = _squash(timex.field("wd_rel") or "")
    ahead = (weekday - anchor.weekday()) % 7
    behind = (anchor.weekday() - weekday) % 7
    if rel == "next":
        return _day(anchor + datetime.timedelta(days=ahead or 7))
    if rel in ("last", "past"):
        return _day(anchor - datetime.timedelta(days=behind or 7))
    if rel in ("this", "coming", "this coming"):
        prefer = "future"
    if prefer == "future" or (prefer == "nearest" and ahead < behind):
        return _day(anchor + datetime.timedelta(days=ahead))
    return _day(anchor - datetime.timedelta(days=behind))


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
    days = {"day": 1, "week": 7}.get(unit, 0)
    whole_months = int(round(count * months))
    return Span(whole_months, int(round(count * days)), unit, direction, count_given)


def _resolve_span(timex, anchor, prefer):
    count, given = _span_count(timex.field("sp_n"))
    if timex.field("sp_half") or timex.field("sp_half2"):
        count += 0.5
    unit = timex.field("sp_u")
    direction_word = _squash(timex.field("sp_dir") or "")
    suffix = _squash(timex.field("sp_suf") or "")
    if suffix in ("ago", "earlier", "before", "back"):
        # "two years ago" names the year it points at, not an amount of time.
        span = _span(count, unit, -1, given)
        day = span.from_anchor(anchor)
        unit = span.unit
        if unit == "day":
            return _day(day)
        return _shifted(unit, day, 0) if unit in ("week", "month", "year", "decade") else None
    if suffix in ("later", "after"):
        return None  # counted from some other moment the sentence names
    direction = -1 if direction_word.split(" ")[-1] in ("past", "last", "previous") else 1
    return _span(count, unit, direction, given)


def _resolve_half_span(timex, anchor, prefer):
    text = _squash(timex.field("hs"))
    if "decade" in text:
        return Span(60, 0, "year")
    if "month" in text:
        return Span(0, 15, "day")
    return Span(6, 0, "month")


def _resolve_coming(timex, anchor, prefer):
    unit = (timex.field("cs_u") or timex.field("cs_u2")).lower().rstrip("s")
    return _span(ASSUMED_COUNTS[unit], unit, 1, count_given=False)


def _resolve_year(timex, anchor, prefer):
    return _year(int(timex.field("y")))


def _resolve_vague(timex, anchor, prefer):
    return Ref("vague")


def _resolve_open(timex, anchor, prefer):
    text = _squash(timex.field("op"))
    return Ref("future" if "future" in text else "open")


def _resolve_ref(timex, anchor, prefer):
    text = _squash(timex.field("rf"))
    if "past" in text or text in ("recently", "lately", "at the time"):
        return Ref("past")
    if "future" in text:
        return Ref("future")
    return Ref("present")


_RESOLVERS = {name: globals()[f"_resolve_{name}"] for name in FORM_NAMES}


# --- TimeML values --------------------------------------------------------------------------------


def timeml_value(value: Value, anchor: datetime.date) -> str | None:
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
            return _month(year, months[0]).start, _month(year, months[1]).end
        days = {"start": (1, 10), "mid": (11, 15), "end": (21, period.end.day)}[period.mod]
        return period.start.replace(day=days[0]), period.start.replace(day=days[1])
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

"""Where the time expressions of English news text are: one compiled pattern, one linear pass.

`find_timexes` returns each expression with its form ("month_day", "season", "span", …) and the
pieces the pattern captured; `timex.resolve` turns them into calendar values. Every form is one
alternative of `TIMEX_RE`, tried only where a word that can begin an expression starts.
"""

import re
from dataclasses import dataclass


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

    def required(self, name: str) -> str:
        """A group the expression's form always captures (`field` for one it may leave out)."""
        value = self.field(name)
        if value is None:  # the form's pattern is wrong, not the text: fail loudly
            raise RuntimeError(f"{self.form!r} expression {self.text!r} without its {name!r}")
        return value


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
_UNIT = r"(?i:hours?|days?|weeks?|months?|years?|decades?)"
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
        r"(?i:(?P<rel_at>this\s+time\s+)?(?P<rel>this|next|last|the\s+coming|the\s+current|the\s+following|the\s+previous"
        r"|the\s+very\s+next|the\s+next)\s+(?:(?:fiscal|financial|calendar)\s+)?"
        r"(?P<rel_u>year|month|week(?:end)?|decade|century|quarter))\b",
    ),
    (
        "period_end",
        r"(?i:(?P<pe_u>year|month|week|quarter)(?:'s|s')?[\s-]end|end[\s-]of[\s-](?:the[\s-])?"
        r"(?P<pe_u2>year|month|week|quarter)|(?:the\s+)?turn\s+of\s+the\s+(?P<pe_c>year|decade|century)"
        r"|the\s+(?P<pe_u3>year|month|week)\s+is\s+(?:out|over|up))\b",
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
        r"|the\s+(?P<cs_u2>days|weeks|months|years)\s+(?:ahead|to\s+come)"
        r"|a\s+matter\s+of\s+(?P<cs_u3>days|weeks|months)|within\s+(?P<cs_u4>days|weeks|months))\b",
    ),
    ("unit", r"(?i:the\s+(?P<un_u>year|month|weekend|week|decade|quarter|century))\b"),
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
        month week quarter turn couple few several dozen following within
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
    if match.lastgroup is None:  # every alternative of TIMEX_RE is a named "F_<form>" group
        raise RuntimeError(f"time expression {match.group()!r} matched outside any form")
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
        # "the year" needs a modifier to be a time ("the end of the year"); "the weekend" does not
        return match.group("mod") is not None or match.group("un_u").lower() == "weekend"
    if (
        form == "span"
        and match.group("sp_n").lower() in ("a", "an")
        and match.group("sp_dir") is None
    ):
        # "a day" is a time only in a construction like "in a day" or "a year ago"
        return (
            match.group("sp_suf") is not None
            or re.search(r"(?i:\b(?:in|within|inside|for|over)\s+)$", before) is not None
        )
    return True

"""Who makes a statement: the author, the outlet's staff, the commenter, or a quoted source.

News puts most forecasts in someone else's mouth, so the source is read from the text:
"X said (that) …", "… , X said", "said X", "according to X", "X predicted that …",
"X told reporters …", transcript lines ("SMITH: …"), and quotations whose attribution sits
in another sentence of the same quotation or in the sentence that introduces it ("X said:").
Pronouns ("he", "she", "they") go to the last person named or quoted; surnames, titles
("Sen. Warren", "Mr. Obama") and roles ("the senator") go to the full name given earlier.
Everything else belongs to the part's author: the article's authors (or the outlet's staff
when unsigned) or the commenter.
"""

import re
from dataclasses import dataclass, field

from predictions.extraction.cues import normalise
from predictions.extraction.sentences import Sentence

_SPEECH_VERBS = (
    r"said|says|say|told|tells|added|adds|noted|notes|argued|argues|warned|warns|predicted|"
    r"predicts|predict|expects|expect|believes|believe|thinks|think|wrote|writes|explained|"
    r"insisted|insists|claimed|claims|suggested|suggests|acknowledged|stated|states|declared|"
    r"asserted|contended|contends|cautioned|estimated|estimates|projected|projects|forecast|"
    r"forecasts|concluded|conceded|replied|responded|tweeted|announced|maintains|maintained|"
    r"recalled|stressed|emphasized|observed|vowed|promised|pledged|hopes|fears|worries|"
    r"worried|doubts|doubted|reported|reports|predicting|expecting|figures|figured|assured|"
    r"assures|guaranteed|guarantees|bet|bets|agreed|agrees|admitted|admits|continued|"
    r"mused|joked|quipped|complained|countered|boasted|bragged|declared|adding|saying|"
    r"telling|arguing|warning|noting|insisting|explaining|suggesting|speculated|speculates|"
    r"is\s+confident|are\s+confident|was\s+confident|were\s+confident|is\s+predicting|"
    r"are\s+predicting|was\s+predicting|has\s+predicted|have\s+predicted|had\s+predicted|"
    r"has\s+said|have\s+said|had\s+said|has\s+warned|have\s+warned|has\s+argued|"
    r"pointed\s+out|made\s+clear|went\s+on|would\s+say|says\s+in|said\s+in"
)
_VERB_RE = re.compile(r"\b(?:" + _SPEECH_VERBS + r")\b")

_TITLES = (
    r"(?:Sen|Sens|Rep|Reps|Gov|Gen|Dr|Mr|Mrs|Ms|Lt|Col|Sgt|Adm|Capt|Prof|Rev|Hon|Amb|Supt|Atty)\.?"
    r"|President|Vice\s+President|Secretary|Speaker|Senator|Governor|Mayor|Chairman|"
    r"Chairwoman|Director|Justice|Judge|Pope|Prime\s+Minister|Minister|Ambassador|"
    r"Representative|Congressman|Congresswoman|Councilman|Commissioner|Chancellor|King|Queen|"
    r"Prince|Sheriff|General|Admiral|Attorney\s+General|Chief\s+Justice|Leader|Majority\s+Leader|"
    r"Minority\s+Leader|Democratic|Republican|GOP|Former|former|Candidate|Nominee|Professor"
)
_INNER_TITLE = re.compile(
    r"^.*\b(?:Leader|Secretary|Speaker|President|Senator|Governor|Chairman|Chairwoman|"
    r"Director|Minister|Spokesman|Spokeswoman|Sen\.|Rep\.|Gov\.|Mr\.|Mrs\.|Ms\.|Dr\.|Gen\.)\s+"
    r"(?=[A-Z])"
)
_TITLE_PREFIX = re.compile(r"^(?:(?:" + _TITLES + r")\s+)+")
_CAP = r"[A-Z][A-Za-z'\-]*(?:\.(?=\s+[A-Z]))?"
# A run of capitalised words with the small words names carry inside them.
_NAME_RUN = re.compile(
    r"(?:" + _CAP + r"|[A-Z]\.)(?:\s+(?:" + _CAP + r"|[A-Z]\.|de|van|von|der|del|la|le|da|bin|"
    r"al|of|the|for|and|&)(?=\s+[A-Z&]|$)|\s+(?:" + _CAP + r"|[A-Z]\.)){0,6}"
)
_PERSON = re.compile(
    r"\b(?:(?:" + _TITLES + r")\s+)?(?P<name>[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?"
    r"(?:\s+(?:[A-Z]\.\s+)?(?:[A-Z][a-z]+|[A-Z][a-z]*[A-Z][a-z]+)(?:[-'][A-Z][a-z]+)?){1,2})\b"
)
# Pronouns, articles and connectives: never a name, nor the first word of one.
_FUNCTION_WORDS = frozenset(
    [
        "The",
        "This",
        "That",
        "These",
        "Those",
        "It",
        "He",
        "She",
        "They",
        "We",
        "I",
        "In",
        "On",
        "At",
        "If",
        "When",
        "But",
        "And",
    ]
)
# Words that make a capitalised run an organisation, a place or a date, not a person.
_NOT_PERSON_WORDS = (
    frozenset(
        [
            "Center",
            "Centre",
            "Institute",
            "Party",
            "House",
            "Department",
            "Committee",
            "Association",
            "University",
            "News",
            "Times",
            "Post",
            "Court",
            "Congress",
            "Senate",
            "Foundation",
            "Inc",
            "Company",
            "Bank",
            "Council",
            "Union",
            "Campaign",
            "Street",
            "States",
            "America",
            "American",
            "Americans",
            "Republicans",
            "Democrats",
            "Republican",
            "Democratic",
            "Office",
            "Administration",
            "Agency",
            "Board",
            "Service",
            "Group",
            "Club",
            "Fund",
            "Reserve",
            "Journal",
            "Press",
            "Network",
            "Media",
            "Review",
            "Report",
            "County",
            "City",
            "State",
            "States",
            "Capitol",
            "Hill",
            "Valley",
            "Coast",
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
            "Day",
            "Election",
            "Poll",
            "Debate",
            "Act",
            "Bill",
            "Plan",
            "Care",
            "Obamacare",
            "Twitter",
            "Facebook",
            "North",
            "South",
            "East",
            "West",
            "New",
            "United",
            "Kingdom",
            "Union",
            "Federal",
            "National",
            "International",
            "Russian",
            "Ukrainian",
            "European",
            "Mexican",
            "Chinese",
            "Sept",
            "Oct",
            "Nov",
            "Dec",
            "Jan",
            "Feb",
            "Aug",
            "Fox",
            "CNN",
            "NBC",
            "ABC",
            "CBS",
            "MSNBC",
            "Clinton's",
            "Trump's",
            "White",
            "Black",
            "Street",
            "Times",
            "Wall",
            "Supreme",
            "Ohio",
            "Florida",
            "Pennsylvania",
            "Virginia",
            "Carolina",
            "York",
            "Texas",
        ]
    )
    | _FUNCTION_WORDS
)
_FIRST_WORDS_NOT_NAMES = _FUNCTION_WORDS | frozenset(
    [
        "As",
        "For",
        "With",
        "After",
        "Before",
        "While",
        "Although",
        "Though",
        "Because",
        "So",
        "Yet",
        "Still",
        "However",
        "Meanwhile",
        "Now",
        "Then",
        "There",
        "Here",
        "What",
        "Why",
        "How",
        "Who",
        "Where",
        "Asked",
        "Speaking",
        "According",
        "Even",
        "Also",
        "Only",
        "Just",
        "Like",
        "Unlike",
        "Despite",
        "During",
        "Since",
        "Until",
        "Under",
        "Over",
        "Among",
        "Without",
        "Within",
        "Whether",
        "Both",
        "Either",
        "Neither",
        "Every",
        "Each",
        "Many",
        "Most",
        "Some",
        "Several",
        "Few",
        "Other",
        "Another",
        "Such",
        "No",
        "Not",
        "Our",
        "Their",
        "His",
        "Her",
        "Its",
        "My",
        "Your",
    ]
)
_ROLE_NP = re.compile(
    r"\b(?P<np>(?:the|a|an|many|some|most|several|other|few|two|three|top|senior|local|"
    r"federal|state|campaign|party|union|company|white\s+house|administration|democratic|"
    r"republican|gop|u\.s\.|independent|political|economic)?\s*(?:[a-z\-]+\s+){0,2}"
    r"(?:senator|governor|president|spokesman|spokeswoman|spokesperson|official|officials|"
    r"analyst|analysts|expert|experts|economist|economists|campaign|aide|aides|adviser|advisers|"
    r"advisor|advisors|strategist|strategists|observer|observers|pollster|pollsters|candidate|"
    r"nominee|lawmaker|lawmakers|democrats|republicans|source|sources|critic|critics|supporter|"
    r"supporters|voters|residents|leader|leaders|administration|committee|company|firm|judge|"
    r"court|agency|report|study|poll|survey|forecasters|investors|traders|diplomats|diplomat|"
    r"scientists|researchers|activists|officers|executives|attorneys|lawyers|prosecutors|"
    r"organizers|organisers|people|many|others|some|most))\s*$"
)
_PRONOUN = re.compile(r"\b(?P<p>he|she|they|it|I|we|He|She|They|It|We)\s*$")
# "I", "I'm", "we'd", "us": the one speaking, never a name. Outside a quotation that is the
# part's author; inside one, the person quoted. ("US", capitalised whole, is a country.)
_FIRST_PERSON = r"(?:I|[Ww]e|[Mm]e|[Uu]s)(?:['’](?:m|d|ll|ve|re|s))?"
_FIRST_PERSON_WORD = re.compile(r"(?<![\w'’])" + _FIRST_PERSON + r"(?![\w'’])")
_FIRST_PERSON_END = re.compile(r"(?<![\w'’.])" + _FIRST_PERSON + r"\s*$")


def is_first_person(name: str) -> bool:
    """Whether ``name`` is a first-person pronoun (with any contraction) and not a name."""
    return bool(_FIRST_PERSON_WORD.fullmatch(name.strip(" ,\"'“”")))


@dataclass(frozen=True, slots=True)
class Attribution:
    speaker: str | None
    role: str  # "author", "commenter", "quoted"
    # Offsets within the sentence of the attribution words ("Smith said", "according to
    # Smith"), to be left out of the claim; None when the author speaks.
    span: tuple[int, int] | None = None


@dataclass
class DocumentPeople:
    """People named in one part, with where each was first named, for pronouns and surnames."""

    text: str
    mentions: list[tuple[int, str]] = field(default_factory=list)  # (offset, full name)
    by_surname: dict[str, str] = field(default_factory=dict)
    speakers: list[tuple[int, str]] = field(default_factory=list)  # (offset, speaker)

    @classmethod
    def read(cls, text: str) -> "DocumentPeople":
        people = cls(text)
        for match in _PERSON.finditer(text):
            name = match.group("name")
            words = name.split()
            if words[0] in _FIRST_WORDS_NOT_NAMES or any(w in _NOT_PERSON_WORDS for w in words):
                continue
            people.mentions.append((match.start("name"), name))
            people.by_surname.setdefault(words[-1].lower(), name)
        # Later mentions by surname alone ("Scott responded") point at the full name.
        for match in re.finditer(r"\b[A-Z][a-z]+\b", text):
            full = people.by_surname.get(match.group(0).lower())
            if full:
                people.mentions.append((match.start(), full))
        people.mentions.sort()
        return people

    def full_name(self, name: str) -> str:
        """Expand a surname or titled name ("Mr. Obama", "PENCE") to the full name given."""
        bare = _TITLE_PREFIX.sub("", name).strip()
        # "Senate Majority Leader Mitch McConnell": the name follows the last title word.
        bare = _INNER_TITLE.sub("", bare) or bare
        words = bare.split()
        if not words:
            return name
        if len(words) == 1 or bare.isupper():
            found = self.by_surname.get(words[-1].lower().strip("'s"))
            if found:
                return found
            if bare.isupper():
                return bare.title()
        return bare

    def last_person(self, before: int) -> str | None:
        """The person named or quoted most recently before offset ``before``."""
        last_named = None
        last_named_at = -1
        for offset, name in self.mentions:
            if offset >= before:
                break
            last_named, last_named_at = name, offset
        for offset, speaker in reversed(self.speakers):
            if offset < before:
                if offset > last_named_at and _looks_like_person(speaker):
                    return speaker
                break
        return last_named


def _looks_like_person(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,3}", name))


_TIME_WORDS = re.compile(
    r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December|Jan|Feb|Aug|Sept|Oct|"
    r"Nov|Dec|Today|Yesterday|Tonight|Last|This|Next|On|In|At)\b"
)


def _clean_np(np: str) -> str | None:
    np = re.sub(r"\s+", " ", np).strip(" ,\"'()")
    np = re.sub(r"^(?:the|a|an|and|but|so|also|then)\s+", "", np, flags=re.IGNORECASE)
    np = re.sub(r"\s*\([^)]*\)$", "", np)
    return np or None


def _speaker_before(text: str, end: int, people: DocumentPeople, at: int) -> str | None:
    """The subject just before a speech verb ending at ``end`` (exclusive)."""
    head = text[max(0, end - 160) : end].rstrip()
    head = re.sub(r"\s*\([^()]{0,40}\)$", "", head)  # "(R-Ind.)"
    head = re.sub(r"\s+(?:also|later|then|now|once|previously|recently|again|has|have|had|"
                  r"repeatedly|often|has\s+long|long|flatly|publicly|privately|confidently|"
                  r"boldly|firmly|specifically|earlier)$", "", head)  # fmt: skip
    if head.endswith(","):
        # "Kevin McKinley, a planner in Wisconsin, said": skip the appositive.
        inner = head[:-1]
        comma = inner.rfind(",")
        if comma >= 0 and len(inner) - comma < 110:
            head = inner[:comma]
        else:
            return None
    if _FIRST_PERSON_END.search(head):
        return "__self__"
    pronoun = _PRONOUN.search(head)
    if pronoun:
        word = pronoun.group("p").lower()
        if word in ("i", "we"):
            return "__self__"
        return people.last_person(at)
    run = None
    for match in _NAME_RUN.finditer(head, max(0, len(head) - 90)):
        if match.end() == len(head):
            run = match.group(0)
    if run and _TIME_WORDS.match(run):
        run = None
    if run:
        run = _TITLE_PREFIX.sub("", run).strip()
        run = re.sub(r"^(?:" + "|".join(_FIRST_WORDS_NOT_NAMES) + r")\s+", "", run)
        if run and run not in _FIRST_WORDS_NOT_NAMES:
            return people.full_name(run)
    role = _ROLE_NP.search(head)
    if role:
        np = _clean_np(role.group("np"))
        if np and re.search(r"senator|governor|president|candidate|nominee|judge", np):
            return people.last_person(at) or np
        return np
    return None


def _speaker_after(text: str, start: int, people: DocumentPeople, at: int) -> str | None:
    """The name right after "said"/"according to" starting at ``start``."""
    tail = text[start : start + 120].lstrip()
    if _FIRST_PERSON_WORD.match(tail):
        return "__self__"
    pronoun = re.match(r"(he|she|they)\b", tail)
    if pronoun:
        return people.last_person(at)
    tail = re.sub(
        r"^(?:(?:the|a|an)\s+)?(?:[a-z\-]+\s+){0,4}(?=(?:" + _TITLES + r")\s+[A-Z])", "", tail
    )
    match = _NAME_RUN.match(tail)
    if match:
        run = _TITLE_PREFIX.sub("", match.group(0)).strip()
        if run and run not in _FIRST_WORDS_NOT_NAMES and not _TIME_WORDS.match(run):
            return people.full_name(run)
    role = re.match(
        r"(?:the|a|an|many|some|most|several)?\s*(?:[a-z\-]+\s+){0,2}(?:[a-z]+s|spokesman|"
        r"spokeswoman|official|analyst|expert|source|report|study|poll|survey|campaign)\b",
        tail,
    )
    if role:
        return _clean_np(role.group(0))
    return None


_AFTER_CONTENT = re.compile(
    r"[,\"]\s*\"?\s*(?P<who>[^,\"]{1,70}?(?:,\s*[^,\"]{1,40},)?)\s+(?P<verb>"
    + _SPEECH_VERBS
    + r")\b[^\"]{0,80}$"
)
_AFTER_CONTENT_INVERTED = re.compile(
    r"[,\"]\s*\"?\s*(?P<verb>said|says|added|wrote|writes|argued|predicted|warned|noted|"
    r"explained|insisted|tweeted|continued|concluded)\s+(?P<rest>.{1,120})$"
)
_ACCORDING = re.compile(r"\baccording\s+to\s+", re.IGNORECASE)
_TRANSCRIPT = re.compile(
    r"^\"?\s*(?P<who>[A-Z][A-Z.'\- ]{1,40}|[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}):\s"
)


def attribute(
    text: str,
    sentences: list[Sentence],
    index: int,
    cue_start: int,
    people: DocumentPeople,
    default: Attribution,
    cue_end: int | None = None,
) -> Attribution:
    """Return who says the forecast at ``cue_start`` (offset within sentence ``index``).

    ``cue_end`` lets an expectation verb be its own attribution ("analysts expect …").
    """
    sentence = sentences[index]
    plain = normalise(sentence.text)
    found = _in_sentence(plain, cue_start, people, sentence.start, inside=False, cue_end=cue_end)
    if found is None and _cue_in_quote(text, sentence, cue_start):
        found = _for_quotation(text, sentences, index, people)
    if found is None:
        found = _transcript(text, sentences, index, people)
    if found is None:
        return default
    speaker, span = found
    if speaker is not None and is_first_person(speaker):
        speaker = "__self__"
    if speaker == "__self__" and _cue_in_quote(text, sentence, cue_start):
        # "I think …" inside a quotation: the quoted person, named around the quotation.
        quoted = _for_quotation(text, sentences, index, people)
        if quoted is not None and quoted[0] and not is_first_person(quoted[0]):
            speaker = quoted[0]
    if speaker == "__self__" or speaker is None:
        return default
    people.speakers.append((sentence.start, speaker))
    return Attribution(speaker, "quoted", span)


def _cue_in_quote(text: str, sentence: Sentence, cue_start: int) -> bool:
    if sentence.quote_group is None:
        return False
    if sentence.inside_quote:
        return True
    before = normalise(sentence.text[:cue_start])
    if before.count('"') % 2 == 1:
        return True
    # A quotation opened in an earlier sentence and closed later in this one.
    after = normalise(sentence.text[cue_start:])
    return after.count('"') % 2 == 1 and before.count('"') == 0


def _in_sentence(
    plain: str,
    cue_start: int,
    people: DocumentPeople,
    offset: int,
    inside: bool,
    cue_end: int | None = None,
) -> tuple[str | None, tuple[int, int]] | None:
    # "According to X, ..." or "..., according to X."
    for match in _ACCORDING.finditer(plain):
        who = _speaker_after(plain, match.end(), people, offset)
        if who:
            end = plain.find(",", match.end())
            end = len(plain) if end < 0 or match.start() > cue_start else end
            return who, (match.start(), end)
    # "..., X said." after the content.
    if cue_start < len(plain):
        # The attribution closes the sentence: look only at its last stretch.
        tail_start = max(cue_start, len(plain) - 220)
        tail = plain[tail_start:]
        match = _AFTER_CONTENT.search(tail)
        if match and _ok_subject(match.group("who")):
            who_end = tail_start + match.start("verb")
            who = _speaker_before(plain, who_end, people, offset)
            if who:
                return who, (tail_start + match.start(), len(plain))
        match = _AFTER_CONTENT_INVERTED.search(tail)
        if match:
            who = _speaker_after(plain, tail_start + match.start("rest"), people, offset)
            if who:
                return who, (tail_start + match.start(), len(plain))
    # "X said (that) ..." before the content: the nearest speech verb before the cue.
    best = None
    for match in _VERB_RE.finditer(plain, 0, max(cue_start, cue_end or 0)):
        if plain[match.start() : cue_start].count('"') % 2 == 1 and '"' in plain[: match.start()]:
            continue
        best = match
    if (
        best is not None
        and best.group(0).endswith("ing")
        and plain[: best.start()].rstrip().endswith(",")
    ):
        # "Leaders have embraced the idea, warning that …": the sentence's subject speaks.
        who = _leading_subject(plain, people, offset)
        if who:
            return who, (best.start(), best.end())
    if best is not None:
        who = _speaker_before(plain, best.start(), people, offset)
        span_end = best.end()
        that = re.match(r"\s*(?:that\b|,|:)?", plain[span_end:])
        span_end += that.end() if that else 0
        if who:
            return who, (0, span_end)
        if best.group(0) in ("said", "says", "told", "added", "wrote", "predicted", "argued"):
            who = _speaker_after(plain, best.end(), people, offset)
            if who and who != "__self__":
                return who, (0, span_end)
    return None


_LEADING_SUBJECT = re.compile(
    r"^\W*(?:(?:The|A|An)\s+)?(?P<np>(?:[A-Z][\w.'\-]*\s+){0,4}"
    r"(?:(?!(?:was|has|is|does|says|thinks|seems|looks|appears)\b)[a-z]+s\b|[A-Z][\w.'\-]*))"
)


def _leading_subject(plain: str, people: DocumentPeople, at: int) -> str | None:
    pronoun = re.match(r"\W*(he|she|they)\b", plain, re.IGNORECASE)
    if pronoun:
        return people.last_person(at)
    match = _LEADING_SUBJECT.match(plain)
    if not match or match.group("np").split()[0] in _FIRST_WORDS_NOT_NAMES:
        return None
    if is_first_person(match.group("np").split()[0]):
        return "__self__"
    return people.full_name(_TITLE_PREFIX.sub("", match.group("np")).strip())


def _ok_subject(who: str) -> bool:
    who = who.strip()
    words = who.split()
    if not words or len(words) > 9:
        return False
    return bool(
        re.match(r"^(?:he|she|they|I|we|it)$", who)
        or re.search(r"[A-Z]", who)
        or _ROLE_NP.search(who)
    )


def _for_quotation(
    text: str, sentences: list[Sentence], index: int, people: DocumentPeople
) -> tuple[str | None, tuple[int, int] | None] | None:
    group = sentences[index].quote_group
    # Other sentences of the same quotation, nearest first, then the neighbours just outside.
    members = [i for i in range(max(0, index - 6), min(len(sentences), index + 7))
               if sentences[i].quote_group == group and i != index]  # fmt: skip
    members.sort(key=lambda i: abs(i - index))
    for i in members + ([index] if sentences[index].quote_group is not None else []):
        plain = normalise(sentences[i].text)
        # Only words outside the quotation marks can name its speaker.
        outside = _outside_quotes(plain)
        if not outside.strip(" ,.\"'"):
            continue
        intro = re.match(r"^([^\"]{3,200}?):\s*\"", outside)
        if intro:
            # "Ada Park was blunt: “…”": the clause introducing the quotation names its speaker.
            who = _in_sentence(
                intro.group(1), len(intro.group(1)), people, sentences[i].start, inside=False
            )
            who = who[0] if who else _leading_subject(intro.group(1), people, sentences[i].start)
            if who and who != "__self__":
                return who, None
        if i == index:
            continue
        found = _in_sentence(outside, len(outside), people, sentences[i].start, inside=False)
        if found is None:
            found = _in_sentence(outside, 0, people, sentences[i].start, inside=False)
        if found and found[0]:
            return found[0], None
    # "Smith said:" or "Smith warned." in the sentence that opens the quotation.
    if index > 0:
        first = min([index, *members])
        if first > 0 and sentences[first - 1].paragraph == sentences[first].paragraph:
            plain = normalise(sentences[first - 1].text)
            outside = _outside_quotes(plain)
            found = _in_sentence(
                outside, len(outside), people, sentences[first - 1].start, inside=False
            )
            if found and found[0]:
                return found[0], None
    # A paragraph that continues the previous paragraph's quotation: its speaker.
    first = min([index, *members])
    if first > 0 and sentences[first].text[:1] in '"“':
        previous_paragraph = sentences[first].paragraph - 1
        for j in range(first - 1, max(-1, first - 8), -1):
            if sentences[j].paragraph < previous_paragraph:
                break
            plain = normalise(sentences[j].text)
            outside = _outside_quotes(plain)
            found = _in_sentence(outside, len(outside), people, sentences[j].start, inside=False)
            if found and found[0]:
                return found[0], None
    return None


def _outside_quotes(plain: str) -> str:
    """Replace each quoted stretch by an empty quotation: only the words around it remain."""
    return re.sub(r'"[^"]*(?:"|$)', '"" ', plain)


def _transcript(
    text: str, sentences: list[Sentence], index: int, people: DocumentPeople
) -> tuple[str | None, None] | None:
    paragraph = sentences[index].paragraph
    first = index
    while first > 0 and sentences[first - 1].paragraph == paragraph:
        first -= 1
    match = _TRANSCRIPT.match(normalise(sentences[first].text))
    if not match:
        return None
    who = match.group("who").strip()
    if who.lower() in ("note", "update", "correction", "editor's note", "source", "photo"):
        return None
    return people.full_name(who), None

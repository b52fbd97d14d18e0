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
from dataclasses import dataclass
from typing import Final

from predictions.extraction.cues import normalise
from predictions.extraction.people import (
    FIRST_WORDS_NOT_NAMES,
    NOT_PERSON_WORDS,
    TITLE_PREFIX,
    TITLES,
    DocumentPeople,
    plausible_speaker,
)
from predictions.extraction.sentences import Sentence

# What the speaker readers return for "I"/"we": the one speaking, whoever that is here (the
# part's author outside a quotation, the person quoted inside one).
SELF: Final = "<first person>"

_SPEECH_VERBS = (
    r"said|says|say|told|tells|added|adds|noted|notes|argued|argues|warned|warns|predicted|"
    r"predicts|predict|expects|expect|believes|believe|thinks|think|wrote|writes|explained|"
    r"insisted|insists|claimed|claims|suggested|suggests|acknowledged|stated|states|declared|"
    r"asserted|contended|contends|cautioned|estimated|estimates|projected|projects|forecast|"
    r"forecasts|concluded|conceded|replied|responded|tweeted|announced|maintains|maintained|"
    r"recalled|stressed|emphasized|observed|vowed|promised|pledged|hopes|fears|worries|"
    r"worried|doubts|doubted|reported|reports|predicting|expecting|figures|figured|assured|"
    r"assures|guaranteed|guarantees|bet|bets|agreed|agrees|admitted|admits|continued|projecting|"
    r"anticipates|anticipating|foresees|insist|argue|warn|note|claim|suggest|contend|maintain|"
    r"acknowledge|agree|fear|worry|doubt|estimate|explain|"
    r"mused|joked|quipped|complained|countered|boasted|bragged|declared|adding|saying|"
    r"telling|arguing|warning|noting|insisting|explaining|suggesting|speculated|speculates|"
    r"is\s+confident|are\s+confident|was\s+confident|were\s+confident|is\s+predicting|"
    r"convinced|is\s+sure|are\s+sure|was\s+sure|were\s+sure|"
    r"are\s+predicting|was\s+predicting|has\s+predicted|have\s+predicted|had\s+predicted|"
    r"has\s+said|have\s+said|had\s+said|has\s+warned|have\s+warned|has\s+argued|"
    r"pointed\s+out|made\s+clear|went\s+on|would\s+say|says\s+in|said\s+in"
)
SPEECH_VERBS: Final = _SPEECH_VERBS
# "think tank" is a noun, not a verb of saying.
_VERB_RE = re.compile(r"\b(?:" + _SPEECH_VERBS + r")\b(?!\s+tanks?\b)")

_CAP = r"[A-Z][A-Za-z'\-]*(?:\.(?=\s+[A-Z]))?"
# A run of capitalised words with the small words names carry inside them.
_NAME_RUN = re.compile(
    r"(?:" + _CAP + r"|[A-Z]\.)(?:\s+(?:" + _CAP + r"|[A-Z]\.|de|van|von|der|del|la|le|da|bin|"
    r"al|of|the|for|and|&)(?=\s+[A-Z&]|$)|\s+(?:" + _CAP + r"|[A-Z]\.)){0,6}"
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
_PRONOUN = re.compile(
    r"\b(?P<p>he|she|they|it|I|we|He|She|They|It|We)(?:['’](?:s|ll|d|re|ve))?\s*$"
)
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
    # "Aides have also", "she had previously": every auxiliary and adverb, not only the last.
    head = _AUXILIARIES.sub("", head)
    # "Clinton is continuing to insist", "Smith went on to say": the subject comes first.
    head = _CATENATIVE.sub("", head)
    if head.endswith(","):
        # "Kevin McKinley, a planner in Wisconsin, said": skip the appositive.
        inner = head[:-1]
        comma = inner.rfind(",")
        if comma >= 0 and len(inner) - comma < 110:
            head = inner[:comma]
            # "Ada Park, speaking at a rally in Dayton, Ohio, said": an appositive with a comma
            # of its own; what opens in lowercase after a comma is not the subject.
            comma = head.rfind(",")
            if comma >= 0 and len(head) - comma < 110 and re.match(r"\s+[a-z]", head[comma + 1 :]):
                head = head[:comma]
        else:
            return None
    if _FIRST_PERSON_END.search(head):
        return SELF
    pronoun = _PRONOUN.search(head)
    if pronoun:
        word = pronoun.group("p").lower()
        if word in ("i", "we"):
            return SELF
        return people.last_person(at + max(0, end - 160) + pronoun.start(), word)
    run = None
    for match in _NAME_RUN.finditer(head, max(0, len(head) - 90)):
        if match.end() == len(head):
            run = match.group(0)
    if run and _TIME_WORDS.match(run):
        run = None
    if run:
        run = TITLE_PREFIX.sub("", run).strip()
        run = re.sub(r"^(?:" + "|".join(FIRST_WORDS_NOT_NAMES) + r")\s+", "", run)
        if run and run not in FIRST_WORDS_NOT_NAMES:
            return people.full_name(run)
    role = _ROLE_NP.search(head)
    if role:
        np = _clean_np(role.group("np"))
        if np and re.search(r"senator|governor|president|candidate|nominee|judge", np):
            return people.last_person(at) or np
        return np
    first = head.split()[0] if head.split() else ""
    if (
        end <= len(head) + 1
        and _SUBJECT_NP.fullmatch(head.strip())
        # "The minister said": a short description opening with an article speaks too.
        and (first not in FIRST_WORDS_NOT_NAMES or (first in _ARTICLES and len(head.split()) <= 4))
        and not first.endswith(("n't", "n’t"))
        and not is_first_person(first)
    ):
        # The whole clause before the verb is its subject: "Bush and his rivals … have said".
        return _clean_np(head)
    return None


_ARTICLES = frozenset(["The", "A", "An"])
_AUXILIARIES = re.compile(
    r"(?:\s+(?:also|later|then|now|once|previously|recently|again|has|have|had|repeatedly|"
    r"often|long|flatly|publicly|privately|confidently|boldly|firmly|specifically|earlier|is|"
    r"are|was|were|been|even|still|more|increasingly|all|both|already|reportedly))+$"
)
_CATENATIVE = re.compile(
    r"\s+(?:(?:is|are|was|were|has|have|had)\s+)?(?:continuing|continues|continued|went\s+on|"
    r"goes\s+on|appeared|appears|seemed|seems|tried|tries|began|begins|started|starts|"
    r"proceeded|used)\s+to$"
)
# A short noun phrase with a name or a capital in it and no verb: a subject that speaks.
_SUBJECT_NP = re.compile(
    r"(?=[^,;:\"]*[A-Z])(?!.*\b(?:is|are|was|were|will|would|be|been|has|have|had|that|which|who|"
    r"if|when|because|it|this)\b)[A-Z][\w.'’\-]*(?:\s+[\w.'’\-]+){0,9}"
)


_TIME_THEN_CONTENT = re.compile(
    r"(?:(?:this|last|next)\s+(?:week|month|year|morning|afternoon|evening|weekend)|today|"
    r"yesterday|tonight|on\s+[A-Z]\w+day)\b[\s,]*(?:that\b|[a-z])"
)


def _speaker_after(text: str, start: int, people: DocumentPeople, at: int) -> str | None:
    """The name right after "said"/"according to" starting at ``start``."""
    tail = text[start : start + 120].lstrip()
    if _TIME_THEN_CONTENT.match(tail):
        return None  # "said this week that …": the content follows, not a speaker
    if _FIRST_PERSON_WORD.match(tail):
        return SELF
    pronoun = re.match(r"(he|she|they)\b", tail)
    if pronoun:
        return people.last_person(at + start, pronoun.group(1))
    tail = re.sub(
        r"^(?:(?:the|a|an)\s+)?(?:[a-z\-]+\s+){0,4}(?=(?:" + TITLES + r")\s+[A-Z])", "", tail
    )
    # "Democratic strategist Simon Rosenberg, president of …": the first run that is a name.
    for match in _NAME_RUN.finditer(tail[:80]):
        if match.start() and not _DESCRIBING.fullmatch(tail[: match.start()]):
            break
        run = TITLE_PREFIX.sub("", match.group(0) + " ").strip()
        words = run.split()
        if not run or run in FIRST_WORDS_NOT_NAMES or _TIME_WORDS.match(run):
            continue
        if all(word in NOT_PERSON_WORDS for word in words):
            continue
        return people.full_name(run)
    role = _ROLE_AFTER.match(tail)
    if role:
        return _clean_np(role.group(0))
    return None


# Words between a speech verb and the name it introduces: "said Democratic strategist …",
# "said veteran organiser …" (a few words, none a preposition: "said in a statement Monday").
_DESCRIBING = re.compile(
    r"(?:(?!(?:in|on|at|to|for|of|with|by|from|during|after|before|that|when|while)\b)"
    r"[\w.'\-]+\s+){0,5}"
)
_ROLE_NOUNS = (
    r"spokesman|spokeswoman|spokesperson|official|analyst|expert|source|report|study|poll|"
    r"survey|campaign|aide|adviser|advisor|strategist|pollster|economist|operative|"
    r"consultant|insider|observer|lawmaker|member|organizer|organiser|executive|person"
)
_ROLE_AFTER = re.compile(
    r"(?!(?:in|at|on|to|for|of|with|by|from|during|after|before)\b)"
    r"(?:the|a|an|one|two|three|many|some|most|several|another|other)?\s*"
    r"(?:[\w\-.']+\s+){0,4}?(?:[a-z]+s|" + _ROLE_NOUNS + r")\b"
)


_AFTER_CONTENT = re.compile(
    r"[,\"]\s*\"?\s*(?P<who>[^,\"]{1,70}?(?:,\s*[^,\"]{1,90},)?)\s+(?P<verb>"
    + _SPEECH_VERBS
    + r")\b(?!\s+tanks?\b)(?:[^\"]|\"[^\"]{0,40}\"){0,200}$"
)
# "…," said Smith: the verbs that put the speaker after them.
_VERBS_BEFORE_SPEAKER = frozenset(["said", "says", "told", "added", "wrote", "predicted", "argued"])
# How far from the end of a sentence an attribution that follows its content may start.
_AFTER_REACH = 400
_AFTER_CONTENT_INVERTED = re.compile(
    r"[,\"]\s*\"?\s*(?P<verb>said|says|added|wrote|writes|argued|predicted|warned|noted|"
    r"explained|insisted|tweeted|continued|concluded)\s+(?P<rest>.{1,120})$"
)
_ACCORDING = re.compile(r"\baccording\s+to\s+", re.IGNORECASE)
_TRANSCRIPT = re.compile(
    r"^\"?\s*(?P<who>[A-Z][A-Z.'\- ]{1,40}|[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}):\s"
)


def read_speaker(
    sentences: list[Sentence],
    index: int,
    cue_start: int,
    people: DocumentPeople,
    default: Attribution,
    cue_end: int | None = None,
) -> Attribution:
    """The speaker the rules read for the cue at ``cue_start``, without recording it."""
    sentence = sentences[index]
    plain = normalise(sentence.text)
    found: tuple[str | None, tuple[int, int] | None] | None = _plausible(
        _in_sentence(plain, cue_start, people, sentence.start, cue_end=cue_end)
    )
    quoted = cue_in_quote(sentence, cue_start)
    if found is None and quoted:
        found = _plausible(_for_quotation(sentences, index, people)) or _plausible(
            _previous_speaker(sentences, index, people)
        )
    if found is None:
        found = _plausible(_transcript(sentences, index, people))
    if found is None:
        return default
    speaker, span = found
    if speaker is not None and is_first_person(speaker):
        speaker = SELF
    if speaker == SELF and quoted:
        # "I think …" inside a quotation: the quoted person, named around the quotation,
        # first by the sentence's own words outside it ('Smith told reporters, "I think …"').
        around = (
            _named_outside_quotes(plain, people, sentence.start)
            or _for_quotation(sentences, index, people)
            or _previous_speaker(sentences, index, people)
        )
        if around is not None and around[0] and not is_first_person(around[0]):
            speaker = around[0]
    if speaker == SELF or speaker is None:
        return default
    return Attribution(speaker, "quoted", span)


_MaybeSpan = tuple[str | None, tuple[int, int] | None]


def _plausible(found: _MaybeSpan | None) -> _MaybeSpan | None:
    """``found`` unless its speaker is a fragment of a clause ("that was", "Proposal For")."""
    if found is None or found[0] is None or found[0] == SELF or plausible_speaker(found[0]):
        return found
    return None


def _named_outside_quotes(plain: str, people: DocumentPeople, offset: int) -> "_Found | None":
    outside = _outside_quotes(plain)
    found = _in_sentence(outside, len(outside), people, offset)
    if found and found[0] and found[0] != SELF and not is_first_person(found[0]):
        return found
    return None


def cue_in_quote(sentence: Sentence, cue_start: int) -> bool:
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


_Found = tuple[str | None, tuple[int, int]]
# What may stand between the verb of saying and its content: "announced today that …".
_VERB_TO_CONTENT = re.compile(
    r"(?:\s+(?:today|yesterday|tonight|again|also|recently|publicly|privately|repeatedly|"
    r"on\s+[A-Z]\w+day|this\s+(?:week|month|morning|year)|last\s+(?:week|month|year)))*"
    r"\s*(?:that\b|,|:)?"
)


def _in_sentence(
    plain: str,
    cue_start: int,
    people: DocumentPeople,
    offset: int,
    cue_end: int | None = None,
) -> _Found | None:
    """The speaker the sentence itself names for the cue at ``cue_start``, with its span."""
    return (
        _according_to(plain, cue_start, people, offset)
        or _after_content(plain, cue_start, people, offset)
        or _before_content(plain, cue_start, people, offset, cue_end)
    )


def _according_to(plain: str, cue_start: int, people: DocumentPeople, offset: int) -> _Found | None:
    """ "According to X, …" or "…, according to X." """
    for match in _ACCORDING.finditer(plain):
        who = _speaker_after(plain, match.end(), people, offset)
        if who:
            end = plain.find(",", match.end())
            end = len(plain) if end < 0 or match.start() > cue_start else end
            return who, (match.start(), end)
    return None


def _after_content(
    plain: str, cue_start: int, people: DocumentPeople, offset: int
) -> _Found | None:
    """ "…, X said." or "…, said X, a planner." after the content."""
    if cue_start >= len(plain):
        return None
    # The attribution closes the sentence: look only at its last stretch.
    tail_start = max(cue_start, len(plain) - _AFTER_REACH)
    tail = plain[tail_start:]
    match = _AFTER_CONTENT.search(tail)
    if match and _ok_subject(match.group("who")):
        who = _speaker_before(plain, tail_start + match.start("verb"), people, offset)
        if who:
            return who, (tail_start + match.start(), len(plain))
    match = _AFTER_CONTENT_INVERTED.search(tail)
    if match:
        who = _speaker_after(plain, tail_start + match.start("rest"), people, offset)
        if who:
            return who, (tail_start + match.start(), len(plain))
    return None


def _before_content(
    plain: str, cue_start: int, people: DocumentPeople, offset: int, cue_end: int | None
) -> _Found | None:
    """ "X said (that) …" before the content: the nearest speech verb with a subject."""
    verbs = [
        match
        for match in _VERB_RE.finditer(plain, 0, max(cue_start, cue_end or 0))
        if not (
            plain[match.start() : cue_start].count('"') % 2 == 1 and '"' in plain[: match.start()]
        )
    ]
    for verb in reversed(verbs):
        span_end = verb.end()
        that = _VERB_TO_CONTENT.match(plain[span_end:])
        span_end += that.end() if that else 0
        if verb.group(0).endswith("ing") and plain[: verb.start()].rstrip().endswith(","):
            # "Leaders have embraced the idea, warning that …": the clause's subject speaks,
            # the nearest clause that has one ("As results came in, he spoke, predicting …").
            clauses = plain[: verb.start()].rstrip()[:-1].split(",")
            for number, clause in enumerate(reversed(clauses)):
                at = offset + sum(len(c) + 1 for c in clauses[: len(clauses) - number - 1])
                who = _leading_subject(clause.lstrip(), people, at)
                if who:
                    return who, (verb.start(), verb.end())
        who = _speaker_before(plain, verb.start(), people, offset)
        if who is None and re.search(r"\s(?:and|but)$", plain[: verb.start()].rstrip()):
            # "Ada Park was quick to back it and said …": the first clause's subject speaks.
            who = _leading_subject(plain, people, offset)
        if who:
            return who, (0, span_end)
        if verb.group(0) in _VERBS_BEFORE_SPEAKER:
            who = _speaker_after(plain, verb.end(), people, offset)
            if who and who != SELF:
                return who, (0, span_end)
    return None


_LEADING_SUBJECT = re.compile(
    r"^\W*(?:(?:The|A|An)\s+)?(?P<np>(?:[A-Z][\w.'\-]*\s+){0,4}"
    r"(?:(?!(?:was|has|is|does|says|thinks|seems|looks|appears)\b)[a-z]+s\b|[A-Z][\w.'\-]*))"
)


def _leading_subject(plain: str, people: DocumentPeople, at: int) -> str | None:
    pronoun = re.match(r"\W*(he|she|they)\b", plain, re.IGNORECASE)
    if pronoun:
        return people.last_person(at, pronoun.group(1))
    match = _LEADING_SUBJECT.match(plain)
    if not match or match.group("np").split()[0] in FIRST_WORDS_NOT_NAMES:
        return None
    if is_first_person(match.group("np").split()[0]):
        return SELF
    return people.full_name(TITLE_PREFIX.sub("", match.group("np")).strip())


def _ok_subject(who: str) -> bool:
    who = who.strip()
    words = who.split()
    # A name with an appositive ("Ada Park, an analyst at Example Bank,") may run longer.
    if not words or len(words) > (18 if "," in who else 9):
        return False
    return bool(
        re.match(r"^(?:he|she|they|I|we|it)$", who)
        or re.search(r"[A-Z]", who)
        or _ROLE_NP.search(who)
    )


def _for_quotation(
    sentences: list[Sentence], index: int, people: DocumentPeople
) -> tuple[str | None, tuple[int, int] | None] | None:
    group = sentences[index].quote_group
    # Other sentences of the same quotation, nearest first, then the neighbours just outside.
    members = [i for i in range(max(0, index - 6), min(len(sentences), index + 7))
               if sentences[i].quote_group == group and i != index]  # fmt: skip
    members.sort(key=lambda i: abs(i - index))
    for i in members + ([index] if sentences[index].quote_group is not None else []):
        if sentences[i].inside_quote:
            continue  # wholly quoted: its words are the speaker's, not about them
        plain = normalise(sentences[i].text)
        # Only words outside the quotation marks can name its speaker.
        outside = _outside_quotes(plain)
        if not outside.strip(" ,.\"'"):
            continue
        intro = re.match(r"^([^\"]{3,200}?):\s*\"", outside)
        if intro:
            # "Ada Park was blunt: “…”": the clause introducing the quotation names its speaker.
            named = _in_sentence(intro.group(1), len(intro.group(1)), people, sentences[i].start)
            who = (
                named[0] if named else _leading_subject(intro.group(1), people, sentences[i].start)
            )
            if who and who != SELF:
                return who, None
        if i == index:
            continue
        found = _in_sentence(outside, len(outside), people, sentences[i].start)
        if found is None:
            found = _in_sentence(outside, 0, people, sentences[i].start)
        if found and found[0] and found[0] != SELF:
            return found[0], None
    # "Smith said:" or "Smith warned." in the sentence that opens the quotation.
    if index > 0:
        first = min([index, *members])
        if first > 0 and sentences[first - 1].paragraph == sentences[first].paragraph:
            plain = normalise(sentences[first - 1].text)
            outside = _outside_quotes(plain)
            found = _in_sentence(outside, len(outside), people, sentences[first - 1].start)
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
            found = _in_sentence(outside, len(outside), people, sentences[j].start)
            if found and found[0]:
                return found[0], None
    return None


def _previous_speaker(
    sentences: list[Sentence], index: int, people: DocumentPeople
) -> tuple[str, None] | None:
    """The speaker last named before a quotation that names none: the one still talking.

    News runs a speaker's quotations on over several paragraphs after naming them once
    ("Smith said. ¶ “…” ¶ “…”"); the nearest earlier attribution, within a few paragraphs,
    is theirs.
    """
    paragraph = sentences[index].paragraph
    for j in range(index - 1, max(-1, index - _PREVIOUS_SPEAKER_REACH), -1):
        if sentences[j].paragraph < paragraph - 3:
            break
        outside = _outside_quotes(normalise(sentences[j].text))
        if not _VERB_RE.search(outside):
            continue
        found = _in_sentence(outside, len(outside), people, sentences[j].start) or _in_sentence(
            outside, 0, people, sentences[j].start
        )
        if found and found[0] and found[0] != SELF and not is_first_person(found[0]):
            return found[0], None
    return None


# How many sentences back a quotation's speaker may have been named.
_PREVIOUS_SPEAKER_REACH = 10


def _outside_quotes(plain: str) -> str:
    """Replace each quoted stretch by an empty quotation: only the words around it remain.

    A sentence that opens inside a quotation begun earlier ('Nobody doubts it," said Smith.')
    has one mark too few: its first mark closes, so its first words are quoted too.
    """
    if plain.count('"') % 2 == 1 and _CLOSES_FIRST.match(plain):
        plain = '"' + plain
    return re.sub(r'"[^"]*(?:"|$)', '"" ', plain)


# The first quotation mark right after a word or punctuation, then a space or the end: a
# closing mark.
_CLOSES_FIRST = re.compile(r'[^"]*[^\s"]"(?=\s|$)')


def _transcript(
    sentences: list[Sentence], index: int, people: DocumentPeople
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

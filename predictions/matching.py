"""Text similarity between claims and events: which event may settle which claim.

Pure: strings in, scores out, no ORM (the selectors in ``predictions.selectors.claims`` choose
the candidates from the database and rank them here). A claim ("Ukraine will hold a
presidential election") and the event that settles it ("Voters in Ukraine go to the polls in
the presidential election") share few words, and the shared ones that matter are rare, so
words are reduced to rough stems, stop words are dropped, and each shared stem counts by its
rarity among the texts being compared (an idf weight): "Ukraine" outweighs "new".
"""

from __future__ import annotations

import datetime
import functools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from predictions import outcome_uses
from predictions.synonyms import OUTCOMES, equivalents, normalise_phrases, surface_forms

_STOP_WORDS_TEXT = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each either every
    few for from further had has have having he her here hers herself him himself his how i if
    in into is it its itself just least less let many may me might more most much must my
    myself neither never no nor not now of off on once one only or other ought our ours
    ourselves out over own per same shall she should since so some such than that the their
    theirs them themselves then there these they this those through to too under until up upon
    us very was we were what when where whether which while who whom whose why will with within
    without would yet you your yours yourself yourselves
    said says say year years day days week weeks month months time next last new first second
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?")
# Longest first: the first suffix that leaves a stem of three letters or more is removed.
_SUFFIXES = (
    "ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ian", "ia", "es", "ed", "s"
)  # fmt: skip
_VOWEL_SION = re.compile(r"(?<=[aeiou])sion$")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A rough stem, enough to meet "elections"/"election", "invades"/"invasion", "Russia"/"Russian"."""
    word = word.casefold().replace("\u2019", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 6 and _VOWEL_SION.search(word):  # invasion → invad(e), decision → decid(e)
        return word[:-4] + "d"
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            # "-es" follows a hissing sound ("taxes", "marches"); elsewhere the "e" is the
            # word's own, so that "votes" meets "vote" and "rates" "rate".
            if suffix == "es" and not word[:-2].endswith(("s", "x", "z", "ch", "sh")):
                suffix = "s"
            word = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                word += "y"
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def content_words(text: str) -> list[str]:
    """The words of ``text`` that are not stop words, unstemmed and unrepeated (for search)."""
    words = (w for w in _WORD.findall(text) if len(w) > 1 and w.casefold() not in STOP_WORDS)
    return list(dict.fromkeys(words))


def tokens(text: str) -> list[str]:
    """Content-word stems of ``text``, in order, stop words and one-letter words dropped."""
    out = []
    for word in _WORD.findall(text):
        lowered = word.casefold()
        if lowered in STOP_WORDS or len(lowered) < 2:
            continue
        out.append(stem(lowered))
    return out


@dataclass(frozen=True)
class Weights:
    """Inverse document frequencies over a set of texts; unseen stems weigh the most."""

    documents: int
    frequencies: dict[str, int]

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Weights:
        frequencies: Counter[str] = Counter()
        count = 0
        for text in texts:
            frequencies.update(set(tokens(text)))
            count += 1
        return cls(count, dict(frequencies))

    def of(self, token: str) -> float:
        return math.log((1 + self.documents) / (1 + self.frequencies.get(token, 0))) + 1.0


def similarity(a: str, b: str, weights: Weights | None = None) -> float:
    """Weighted overlap of the content stems of ``a`` and ``b``, from 0 (none) to 1 (same)."""
    weights = weights or Weights(0, {})
    left, right = set(tokens(a)), set(tokens(b))
    if not left or not right:
        return 0.0
    shared = sum(weights.of(t) for t in left & right)
    norm = math.sqrt(sum(weights.of(t) for t in left) * sum(weights.of(t) for t in right))
    return shared / norm


def rank(
    query: str,
    candidates: Sequence[tuple[Hashable, str]],
    *,
    limit: int = 10,
    minimum: float = 0.1,
) -> list[tuple[Hashable, float]]:
    """The keys of the ``candidates`` most similar to ``query``, best first, with scores.

    Rarity is measured over the candidates and the query together, so a word every candidate
    shares (they were found by it) counts for less than one only the best ones share.
    """
    weights = Weights.from_texts([query, *(text for _, text in candidates)])
    scored = [(key, similarity(query, text, weights)) for key, text in candidates]
    scored = [(key, score) for key, score in scored if score >= minimum]
    scored.sort(key=lambda pair: -pair[1])
    return scored[:limit]


def search_terms(text: str, *, count: int = 6) -> list[str]:
    """The ``count`` most telling stems of ``text`` (longest first), to find candidates with."""
    unique = dict.fromkeys(t for t in tokens(text) if len(t) >= 3)
    return sorted(unique, key=len, reverse=True)[:count]


# Events that settle a claim -------------------------------------------------------------------
#
# An event log holds years of events, and the one that settles a claim rarely repeats the
# claim's words: its story heading does ("2031 Harbour Cup" above "the Gulls defeat the
# Herons 3-2"), and its verbs are the outcome's other names ("defeats" for "will win"). So an
# event is matched on its sentences and its headings, words are reduced to the canonical words
# of ``predictions.synonyms``, sentences that only expect something are left out, and the day
# it happened counts: after the forecast was made, and near the deadline rather than long after.

# Sentences that expect, predict or poll rather than report: never evidence that it happened.
_FORECAST = re.compile(
    r"""\b(?:is|are|was|were|seem|seems|appears?)\s+(?:now\s+|widely\s+|still\s+)?
        (?:forecast(?:ed)?|expected|predicted|likely|unlikely|poised|set|tipped|favou?red|
        anticipated|on\s+course|on\s+track)\s+to\b
      | \bpolls?\s+(?:suggest|show|indicate|predict|forecast|point|project)s?\b
      | \b(?:exit|opinion)\s+polls?\b[^.]*?\b(?:suggest|forecast|predict|indicate|show|project)
      | \b(?:forecasts?|predicts?|expects?)\s+(?:a|an|that|the)\b
      | \b(?:analysts|economists|experts|observers|pollsters)\s+(?:say\s+)?
        (?:expect|predict|forecast|believe)
      | \b(?:hopes?|fears?|speculation|expectations?)\s+that\b
      | \b(?:says?|said|warns?|claims?|claiming|believes?|thinks?|predicts?)\s+
        (?:that\s+)?[^.;]{0,60}?\bwill\b
      | \bwill\b[^.;]{0,80}\bif\b
      | \b(?:chance|chances|possibility|odds)\s+(?:that|of)\b
      | \b(?:projected|forecast|expected|predicted)\b[^.;]{0,60}\b(?:exit|opinion)\s+polls?\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Sentences that report a step towards an outcome (the vote being held, a campaign, a bid)
# rather than the outcome: evidence, but weaker than the result.
_UNDER_WAY = re.compile(
    r"""\b(?:go|goes|went|head|heads|return|returns)\s+to\s+the\s+polls\b
      | \bpolls\s+(?:open|close)\b
      | \bvoting\s+(?:begins|starts|opens|continues|is\s+under\s*way|gets\s+under\s*way)\b
      | \bcast\s+(?:their\s+)?(?:votes|ballots)\b
      | \bface\s+off\b | \bdebates?\b | \bcampaign(?:s|ing)?\b
      | \bprepar(?:e|es|ed|ing)\s+(?:to|for)\b
      | \b(?:apply|applies|applied)\s+(?:to|for)\b
      | \b(?:hold|holds|held)\s+(?:a|an|its|their)\s+(?:\w+\s+)?(?:referendum|election|vote)\b
      | (?-i:\b(?:upcoming|ahead\s+of|scheduled|planned)\b)
      | \b(?:semi|quarter)-?finals?\b | \b(?:go|goes|went|advance|advances|advanced)\s+
        (?:through\s+)?to\s+the\s+(?:final|next\s+round)\b | \bqualif(?:y|ies|ied)\s+for\b
      | \b(?:approves?|approved|ratif(?:y|ies|ied)|votes?\s+to\s+(?:accept|approve|ratify))\b
        [^.;]{0,50}\b(?:accession|bid|application|membership)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
UNDER_WAY = 0.5
# A beginning (a trial, a hearing, a tournament) and a win that only takes one on ("defeats
# Denmark to reach the final") are steps too, unless beginning or reaching is the claim's outcome;
# a beginning still to come ("she will begin her term") is not.
_STARTS = re.compile(
    r"""(?<!will\s)(?<!would\s)(?<!to\s)
        \b(?:begins?|began|starts?|started|commences?|gets\s+under\s*way)\b
      | \bto\s+(?:reach|advance\s+to|progress\s+to)\s+the\b
      | \b(?:advances?|advanced)\s+to\s+the\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
# An announcement that something will happen ("confirms that the country will withdraw") is
# often the decision itself, but is not yet the outcome.
_ANNOUNCED = re.compile(
    r"\b(?:announces?|announced|confirms?|states?)\s+(?:that\s+)?[^.;]{0,60}?\bwill\b",
    re.IGNORECASE,
)
ANNOUNCED = 0.75
# An event whose sentence has the claim's subject doing the claim's outcome ("Macron wins",
# "Sweden joins") reports the outcome itself, not the talk around it.
SUBJECT_ACTS = 1.4
# How many content words may stand between the subject and the outcome ("Trump and North
# Korean Chairman Kim Jong-un meet").
SUBJECT_REACH = 8
# An event that reports the outcome done that day ("deposes", "is elected") counts more than
# one that names it in passing, and one that names it only as past or to come counts less
# ("the deposed president", "after he resigned", "the decision to overturn").
# How many of the candidates best by their words alone are read closely.
READ_CLOSELY = 150
USE_WEIGHTS = {outcome_uses.ACT: 1.25, outcome_uses.NAMED: 1.0, outcome_uses.ASIDE: 0.6}
_NUMBER = re.compile(r"\d+")
_YEAR = re.compile(r"(?:1[89]|2[01])\d\d")
_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[\"\u201c(A-Z0-9])")
# A heading's words count for less than the sentence's: it names the story, not the outcome.
HEADING_WEIGHT = 0.6
# How much an event's unshared words count against it (0.5 is the cosine's geometric mean;
# lower, because the event that settles a claim often says much else besides).
PRECISION_WEIGHT = 0.15
# After a stated deadline an event matters less (it may settle the claim as not having happened
# in time); its weight halves for each ``AFTER_DEADLINE_HALF_LIFE`` days past the deadline.
AFTER_DEADLINE = 0.6
AFTER_DEADLINE_HALF_LIFE = 120.0
# With no deadline, a slow fade with distance from the forecast breaks ties towards the
# first event that could settle it.
OPEN_HALF_LIFE = 1100.0
# Before a deadline the earlier of two equal matches is likelier to be the outcome itself
# (what follows refers back to it); a slow fade.
WINDOW_HALF_LIFE = 1100.0


def is_forecast(sentence: str) -> bool:
    """Whether ``sentence`` expects or predicts something rather than reporting it."""
    return bool(_FORECAST.search(sentence))


def under_way(text: str) -> bool:
    """Whether ``text`` reports a step towards an outcome (a vote held, a campaign, a bid)."""
    return bool(_UNDER_WAY.search(text))


def starts(text: str, parts: ClaimParts) -> bool:
    """Whether ``text`` reports a beginning, or a win taken only to reach something, that is
    not itself the claim's outcome ("the trial begins" for "will be convicted")."""
    return any(not parts.outcome & concepts(m.group()) for m in _STARTS.finditer(text))


def evidence(text: str) -> str:
    """The sentences of an event's text that report something (forecast sentences dropped)."""
    return " ".join(s for s in _SENTENCES.split(text) if s.strip() and not is_forecast(s))


def _unaccented(text: str) -> str:
    """``text`` without diacritics, so that "Erdoğan" meets "Erdogan"."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _spelling(token: str) -> str:
    """One spelling for British and American forms of a stem: "programm"/"program", "labour"."""
    if token.endswith("mm"):
        return token[:-1]
    if len(token) > 5 and token.endswith("our"):
        return token[:-3] + "or"
    return token


@functools.lru_cache(maxsize=65536)
def _word_concepts(word: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_spelling(stem(c)) for c in equivalents(word)))


@dataclass(frozen=True)
class Reading:
    """A text as its words (lower case, with the punctuation that ends clauses) and its
    content words: each as its index among the words and the stems of its canonical words."""

    words: list[str]
    content: list[tuple[int, tuple[str, ...]]]


def read(text: str) -> Reading:
    words = outcome_uses.words_of(normalise_phrases(_unaccented(text)))
    content = []
    for i, word in enumerate(words):
        # "President-elect" names the office, not an election held that day.
        word = word.removesuffix("-elect")
        if word in STOP_WORDS or len(word) < 2 or not _WORD.fullmatch(word):
            continue
        # Years name the occasion; other numbers (tallies, percentages) only lengthen the text.
        if _NUMBER.fullmatch(word) and not _YEAR.fullmatch(word):
            continue
        content.append((i, _word_concepts(word)))
    return Reading(words, content)


def _concept_words(text: str) -> list[tuple[str, ...]]:
    """The content words of ``text`` in order, each as the stems of its canonical words."""
    return [concepts for _, concepts in read(text).content]


@functools.lru_cache(maxsize=4096)
def _heading_concepts(heading: str) -> frozenset[str]:
    # Headings repeat across thousands of events ("Brexit", "Politics and elections").
    return frozenset(concepts(heading))


def concepts(text: str) -> set[str]:
    """Content stems of ``text`` with names and outcome verbs reduced to canonical words."""
    return {token for word in _concept_words(text) for token in word}


_WILL = re.compile(r"\b(?:will|won't|would|shall|is\s+going\s+to|are\s+going\s+to)\b", re.I)
_OUTCOME_STEMS = frozenset(_spelling(stem(word)) for word in OUTCOMES)


@dataclass(frozen=True)
class ClaimParts:
    """A claim read as who (its subject) will do what (its outcome words), and all its stems."""

    subject: frozenset[str]
    outcome: frozenset[str]
    stems: frozenset[str]


def claim_parts(claim: str) -> ClaimParts:
    """Split "X will do Y" into X's stems and the outcome's (the listed outcome words, or the
    first word after "will")."""
    stems = frozenset(concepts(claim))
    split = _WILL.search(claim)
    before = concepts(claim[: split.start()]) if split else set()
    after = _concept_words(claim[split.end() :]) if split else _concept_words(claim)
    outcome = {t for word in after for t in word if t in _OUTCOME_STEMS}
    if not outcome and after:
        outcome = set(after[0])
    subject = (before or stems) - outcome
    return ClaimParts(frozenset(subject), frozenset(outcome), stems)


def subject_acts(text: str | Reading, parts: ClaimParts, *, reach: int | None = None) -> bool:
    """Whether ``text`` names the claim's subject and, within ``reach`` words after, does its
    outcome that day ("Egypt's army deposes", not "the army's deposed president")."""
    if not parts.subject or not parts.outcome:
        return False
    reading = read(text) if isinstance(text, str) else text
    reach = SUBJECT_REACH if reach is None else reach
    last_subject = None
    for i, (at, word) in enumerate(reading.content):
        if (
            parts.outcome.intersection(word)
            and last_subject is not None
            and i - last_subject <= reach
            and outcome_uses.use_of(reading.words, at) == outcome_uses.ACT
        ):
            return True
        if parts.subject.intersection(word) and not outcome_uses.in_time_clause(reading.words, at):
            last_subject = i
    return False


def outcome_use(text: str | Reading, parts: ClaimParts) -> str | None:
    """How ``text`` uses the claim's outcome at best (``outcome_uses.ACT``, ``NAMED`` or
    ``ASIDE``), or None when it does not name it."""
    reading = read(text) if isinstance(text, str) else text
    uses = {
        outcome_uses.use_of(reading.words, at)
        for at, word in reading.content
        if parts.outcome.intersection(word)
    }
    return outcome_uses.strongest(uses)


def event_search_groups(text: str) -> list[list[str]]:
    """Words to find an event by, one group for each content word of the claim: the word and
    its other names.

    Other names of places and bodies are searched ("EU" by "European Union"); those of
    outcome verbs are not (the subject's words find the event, the ranking reads its verb).
    """
    groups: list[list[str]] = []
    seen: set[str] = set()
    for word in _WORD.findall(normalise_phrases(text)):
        # "Turkey's" is searched as "Turkey" (and "Turkish").
        lowered = word.casefold().replace("\u2019", "'").removesuffix("'s")
        if lowered in STOP_WORDS or len(lowered) < 2:
            continue
        group: dict[str, None] = {}
        # Short words ("eu") are not searched for themselves, only by their longer names.
        for canonical in equivalents(lowered):
            others = () if canonical in OUTCOMES else surface_forms(canonical)
            for form in (lowered, canonical, *others):
                if len(form) >= 3 and form not in seen:
                    group[form] = None
        if group:
            seen.update(group)
            groups.append(list(group))
    return groups


def event_search_words(text: str) -> list[str]:
    """The words of ``event_search_groups``, in one list."""
    return [word for group in event_search_groups(text) for word in group]


@dataclass(frozen=True)
class EventText:
    """What the matcher reads of one event."""

    key: Hashable
    text: str
    occurred_on: datetime.date
    headings: tuple[str, ...] = ()


def timing(
    occurred_on: datetime.date,
    *,
    made_on: datetime.date | None,
    deadline: datetime.date | None,
) -> float:
    """How much the day of an event counts for a claim made on ``made_on``: 0 before it."""
    if made_on is not None and occurred_on < made_on:
        return 0.0
    if deadline is not None:
        if occurred_on <= deadline:
            return 0.5 ** ((occurred_on - made_on).days / WINDOW_HALF_LIFE) if made_on else 1.0
        late = (occurred_on - deadline).days
        return AFTER_DEADLINE * 0.5 ** (late / AFTER_DEADLINE_HALF_LIFE)
    if made_on is None:
        return 1.0
    return 0.5 ** ((occurred_on - made_on).days / OPEN_HALF_LIFE)


def _said(text: str) -> frozenset[str]:
    """The concepts of ``text``, quickly (forecast sentences included)."""
    words = _WORD.findall(normalise_phrases(_unaccented(text)))
    found: set[str] = set()
    for word in words:
        lowered = word.casefold().replace("\u2019", "'")
        if lowered in STOP_WORDS or len(lowered) < 2:
            continue
        if _NUMBER.fullmatch(lowered) and not _YEAR.fullmatch(lowered):
            continue
        found.update(_word_concepts(lowered))
    return frozenset(found)


def _factor(reported: str, reading: Reading, parts: ClaimParts) -> float:
    """What the event's way of reporting the outcome makes of its word score, at most 1."""
    use = outcome_use(reading, parts)
    weight = USE_WEIGHTS.get(use, 1.0) if use is not None else 1.0
    step = (
        UNDER_WAY
        if under_way(reported) or starts(reported, parts)
        else ANNOUNCED
        if _ANNOUNCED.search(reported)
        else 0
    )
    # A step towards the outcome already counts less, whatever its tense.
    factor = step * (1.0 if use == outcome_uses.ASIDE else weight) if step else weight
    if subject_acts(reading, parts):
        factor *= SUBJECT_ACTS
    return factor / (SUBJECT_ACTS * USE_WEIGHTS[outcome_uses.ACT])  # the most factors give


def rank_events(
    claim: str,
    candidates: Sequence[EventText],
    *,
    made_on: datetime.date | None = None,
    deadline: datetime.date | None = None,
    limit: int = 10,
    minimum: float = 0.1,
) -> list[tuple[Hashable, float]]:
    """The keys of the events most likely to settle ``claim``, best first, with 0-1 scores.

    An event scores by the claim's words it shares, each by its rarity among the candidates
    (words only its headings share count ``HEADING_WEIGHT``): mostly the share of the claim's
    weight it covers, a little the share of its own (``PRECISION_WEIGHT``). That is multiplied
    by ``timing``, by ``UNDER_WAY`` for a step towards the outcome, and by ``SUBJECT_ACTS``
    when the claim's subject does the claim's outcome in it. Sentences that are forecasts are
    not read, and an event with nothing else is left out.
    """
    parts = claim_parts(claim)
    wanted = frozenset(parts.stems)
    if not wanted:
        return []
    # First every candidate by its words alone, then the best of them closely: their
    # forecast sentences, the use of the outcome, who does it (the costly part).
    documents = []
    for event in candidates:
        said = _said(event.text)
        heading = set().union(*(_heading_concepts(h) for h in event.headings)) - said
        if said:
            documents.append((event, said, heading))
    frequencies: Counter[str] = Counter()
    for _, said, heading in documents:
        frequencies.update(said | heading)
    weights = Weights(len(documents) + 1, dict(frequencies))
    claim_weight = sum(weights.of(t) for t in wanted)

    def overlap(said: frozenset[str], heading: set[str]) -> float:
        shared = sum(weights.of(t) for t in wanted & said)
        shared += HEADING_WEIGHT * sum(weights.of(t) for t in wanted & heading)
        if not shared:
            return 0.0
        size = sum(weights.of(t) for t in said) + HEADING_WEIGHT * sum(
            weights.of(t) for t in heading
        )
        return (shared / claim_weight) ** (1 - PRECISION_WEIGHT) * (
            shared / size
        ) ** PRECISION_WEIGHT

    first = []
    for event, said, heading in documents:
        score = overlap(said, heading)
        if score:
            when = timing(event.occurred_on, made_on=made_on, deadline=deadline)
            first.append((score * when, when, event, heading))
    first.sort(key=lambda row: -row[0])
    scored = []
    for _, when, event, heading in first[: max(READ_CLOSELY, limit)]:
        reported = evidence(event.text)
        reading = read(reported)
        reported_said = frozenset(token for _, word in reading.content for token in word)
        if not reported_said:
            continue
        score = (
            overlap(reported_said, heading - reported_said)
            * when
            * _factor(reported, reading, parts)
        )
        if score >= minimum:
            scored.append((event.key, score))
    scored.sort(key=lambda pair: -pair[1])
    return scored[:limit]

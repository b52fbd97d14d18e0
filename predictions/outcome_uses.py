"""How an event's sentence uses a claim's outcome word: done that day, done before, or only talked of.

Pure: text in, a verdict out, no Django. An event log reports the day's news in the present
tense ("Egypt's military deposes the president", "Sweden joins NATO", "the games are
postponed") and refers back to earlier news in the past tense, as a modifier or in a clause
of time ("the deposed president", "two weeks after the president was deposed", "since the
court's decision to overturn"). Talk of something to come puts the word after "to" or a modal
("the decision to overturn", "a chance that the summit may not occur") or after "for" and "any"
("calls for his resignation", "a voice in any deal"). So each use of an outcome word is read
from its own form and the few words before it in its clause:

- ``ACT``: a present or perfect verb (``wins``, ``approve``, ``is elected``, ``has been
  postponed``), or an outcome noun that a result verb takes (``announces her resignation``,
  ``reaches a deal``, ``concedes defeat``);
- ``ASIDE``: a past form with no present auxiliary (``deposed``, ``was elected``, ``won``), a use
  after a word of time (after, following, since, amid) or of asking (``requests that he step
  down``), or one after ``to``, a modal, ``for`` or ``any``;
- ``NAMED``: a noun used otherwise (``the withdrawal agreement bill``), neither.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

ACT = "act"
ASIDE = "aside"
NAMED = "named"

# "President-elect" is one word, a title: the election is behind it, not the day's news.
_TOKEN = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?(?:-elect\b)?|[,;:()\"\u201c\u201d\u2013\u2014]")
_BOUNDARY = frozenset(',;:()"\u201c\u201d\u2013\u2014')
# A clause of time: what follows it happened before the day's news, or is its background;
# a clause of doubt ("whether it can leave") only supposes it.
_TIME_WORDS = frozenset(
    ["after", "following", "since", "amid", "despite", "until", "whether", "if", "unless"]
)
# Asking for an outcome ("requests that the president step down", "demands his
# resignation") is not the outcome.
_REQUESTS = frozenset(
    [
        "ask",
        "asks",
        "demand",
        "demands",
        "request",
        "requests",
        "urge",
        "urges",
        "want",
        "wants",
        "seek",
        "seeks",
        "insist",
        "insists",
        "recommend",
        "recommends",
        "propose",
        "proposes",
        "petition",
        "petitions",
    ]
)
# How far back in its clause a word of time still governs a use.
_TIME_REACH = 8
_PROSPECTIVE = frozenset(
    [
        "to",
        "will",
        "would",
        "could",
        "may",
        "might",
        "can",
        "should",
        "shall",
        "must",
        "cannot",
        "won't",
        "wouldn't",
    ]
)
_PRESENT_AUXILIARIES = frozenset(
    ["is", "are", "has", "have", "been", "be", "being", "gets", "get", "becomes", "become"]
)
_PAST_AUXILIARIES = frozenset(["was", "were", "had"])
# Words that may stand between an auxiliary and its verb ("is formally elected").
_ADVERB = re.compile(r"[a-z]+ly|also|now|then|just|not|never|already|again")
_DETERMINERS = frozenset(
    ["a", "an", "the", "his", "her", "their", "its", "our", "this", "that", "these", "those"]
)
# Words after which, or before which, a past form is a modifier or a clause's object.
_FUNCTION_WORDS = _DETERMINERS | frozenset(
    [
        "of",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "as",
        "former",
        "newly",
        "recently",
        "ex",
        "and",
        "or",
    ]
)
# Words before a noun that make it something sought or possible, not something done.
_SOUGHT = frozenset(["for", "any", "possible", "potential", "proposed", "towards", "toward"])
# Verbs that, taking an outcome noun, report the outcome itself.
_RESULT_VERBS = frozenset(
    [
        "announce",
        "announces",
        "reach",
        "reaches",
        "sign",
        "signs",
        "complete",
        "completes",
        "conclude",
        "concludes",
        "concede",
        "concedes",
        "tender",
        "tenders",
        "submit",
        "submits",
        "accept",
        "accepts",
        "secure",
        "secures",
        "seal",
        "seals",
        "achieve",
        "achieves",
        "claim",
        "claims",
        "clinch",
        "clinches",
        "finalise",
        "finalises",
        "finalize",
        "finalizes",
        "formalise",
        "formalises",
        "formalize",
        "formalizes",
        "confirm",
        "confirms",
        "approve",
        "approves",
        "begin",
        "begins",
        "start",
        "starts",
        "launch",
        "launches",
        "order",
        "orders",
        "adopt",
        "adopts",
        "ratify",
        "ratifies",
    ]
)
_NOUN_SUFFIXES = ("tion", "sion", "ment", "ments", "al", "als", "ance", "ence", "ship", "ory")
_NOUNS = frozenset(
    [
        "deal",
        "deals",
        "accord",
        "accords",
        "pact",
        "summit",
        "summits",
        "meeting",
        "meetings",
        "landslide",
        "champion",
        "champions",
        "member",
        "members",
        "winner",
        "winners",
        "liftoff",
        "touchdown",
        "ouster",
        "exit",
        "flight",
        "landing",
        "lander",
        "victory",
        "win",
        "defeat",
    ]
)
_IRREGULAR_PAST = frozenset(
    [
        "won",
        "withdrew",
        "withdrawn",
        "left",
        "took",
        "taken",
        "fell",
        "fallen",
        "met",
        "flew",
        "flown",
        "overthrew",
        "overthrown",
        "beaten",
        "struck",
        "quit",
        "seized",
    ]
)


def _is_past_form(word: str) -> bool:
    return word in _IRREGULAR_PAST or (word.endswith("ed") and len(word) > 4)


def _is_noun(word: str, before: str | None, after: str | None) -> bool:
    if word in _NOUNS:
        if word not in ("win", "defeat", "exit", "deal", "deals"):
            return True
        # "the Gulls defeat the Herons", "Labour win": a verb when nothing that goes before a
        # noun precedes it and an object or the clause's end follows ("a global deal on").
        if before is None or before in _DETERMINERS or before in _RESULT_VERBS:
            return True
        return not (after is None or after in _DETERMINERS or after in _BOUNDARY)
    return word.endswith(_NOUN_SUFFIXES)


def use_of(words: list[str], at: int) -> str:
    """How the word at ``words[at]`` (lower case, punctuation as its own items) is used."""
    word = words[at]
    clause: list[str] = []
    for earlier in reversed(words[:at]):
        if earlier in _BOUNDARY:
            break
        clause.append(earlier)  # nearest first
    if any(w in _TIME_WORDS or w in _REQUESTS for w in clause[:_TIME_REACH]):
        return ASIDE
    # The nearest word before it that is not an adverb.
    before = next((w for w in clause if not _ADVERB.fullmatch(w)), None)
    if before in _PROSPECTIVE:
        # Networks calling an election ("is projected to win") report its result; one who
        # announces the intention to resign, or confirms that it will leave, has decided.
        if before == "to" and clause[clause.index("to") + 1 : clause.index("to") + 2] == [
            "projected"
        ]:
            return ACT
        return NAMED if any(w in _RESULT_VERBS for w in clause[:6]) else ASIDE
    if _is_noun(word, before, words[at + 1] if at + 1 < len(words) else None):
        near = clause[:3]
        if any(w in _SOUGHT for w in near):
            return ASIDE
        if any(w in _RESULT_VERBS for w in near) or _done_to(words[at + 1 : at + 5]):
            return ACT
        return NAMED
    if word.endswith("ing"):
        return ASIDE if before in ("for", "of", "on", "about") else ACT
    if _is_past_form(word):
        if before in _PRESENT_AUXILIARIES:
            return ACT
        following = words[at + 1] if at + 1 < len(words) else None
        modifies = following is not None and following not in _BOUNDARY | _FUNCTION_WORDS
        # "the deposed president", "admits that he won": an earlier outcome; a main verb in
        # the past ("the board raised its rate") may still be the day's news.
        if modifies or before in _FUNCTION_WORDS or "that" in clause[:_TIME_REACH]:
            return ASIDE
        return NAMED
    if before in _PAST_AUXILIARIES:
        return ASIDE
    return ACT


def _done_to(after: list[str]) -> bool:
    """Whether the words after a noun say it is done now ("the deal is signed", "is reached")."""
    verbs = [w for w in after if not _ADVERB.fullmatch(w)]
    if not verbs or verbs[0] not in ("is", "are", "has", "have"):
        return False
    rest = verbs[1:]
    if rest[:1] == ["been"]:
        rest = rest[1:]
    return bool(rest) and _is_past_form(rest[0])


def in_time_clause(words: list[str], at: int) -> bool:
    """Whether ``words[at]`` stands in a clause of time ("since the court's decision")."""
    for distance, earlier in enumerate(reversed(words[:at])):
        if earlier in _BOUNDARY or distance >= _TIME_REACH:
            return False
        if earlier in _TIME_WORDS:
            return True
    return False


def words_of(text: str) -> list[str]:
    """``text`` as lower-case words and the punctuation that ends clauses."""
    return [token.casefold().replace("\u2019", "'") for token in _TOKEN.findall(text)]


def strongest(uses: Iterable[str]) -> str | None:
    """The strongest of ``uses`` (``ACT`` over ``NAMED`` over ``ASIDE``), None if there are none."""
    found = set(uses)
    for use in (ACT, NAMED, ASIDE):
        if use in found:
            return use
    return None

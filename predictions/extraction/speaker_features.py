"""The people who may have said a forecast, each with the features the speaker model weighs.

For a forecast at a cue, every person the text names in the sentence, in up to
``_BACK_SENTENCES`` sentences before it (no further than ``_BACK_PARAGRAPHS`` paragraphs)
and in the next ``_AHEAD_SENTENCES``, is a *mention*: a full name or surname the
``DocumentPeople`` index knows, or a "he"/"she"/"they" resolved through it. The byline (the
part's author) and whatever the rules chose (``attribution.read_speaker``: it may be a role such
as "analysts" that no mention carries) are mentions too. Each mention gets binary features:
where it is (sentence and paragraph distance, before or after the cue), whether a verb of
saying follows or precedes it, whether it or the cue sits inside quotation marks, whether it
opens its sentence, how often the text names it, whether the rules chose it.

The same functions build the training examples (``bench/train_attribution.py``) and the
runtime's, so what the weights were fitted on is what they score.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from predictions.extraction.attribution import (
    SELF,
    SPEECH_VERBS,
    Attribution,
    cue_in_quote,
    is_first_person,
)
from predictions.extraction.cues import normalise
from predictions.extraction.people import DocumentPeople, Mention
from predictions.extraction.sentences import Sentence

# The byline's mention carries this name until the part's default speaker replaces it.
AUTHOR: Final = "<author>"

_BACK_SENTENCES = 8
_BACK_PARAGRAPHS = 3
_AHEAD_SENTENCES = 2

_VERB_AFTER = re.compile(
    r"^[\w.'\-]*(?:\s*\([^()]{0,40}\))?(?:,[^,\"]{1,90},)?\s+(?:(?:also|later|then|has|have|"
    r"had|had\s+previously|once|repeatedly|is|was|were|are)\s+)?(?:" + SPEECH_VERBS + r")\b"
)
_VERB_BEFORE = re.compile(
    r"\b(?:said|says|added|wrote|writes|argued|predicted|warned|noted|explained|insisted|"
    r"tweeted|continued|concluded|told)\s+(?:[\w.'\-]+\s+){0,4}$"
)
_ACCORDING_BEFORE = re.compile(r"\baccording\s+to\s+(?:[\w.'\-]+\s+){0,4}$", re.IGNORECASE)
_ANY_VERB = re.compile(r"\b(?:" + SPEECH_VERBS + r")\b")
_POSSESSIVE = re.compile(r"[\w\-]+'s\b")
_PRONOUNS = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]hey)\b")


@dataclass(frozen=True, slots=True)
class Choice:
    """One mention of a possible speaker and its features (names of the weights)."""

    name: str
    features: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Context:
    """What every mention's features are read against: the forecast and the rules' answer."""

    index: int
    cue_start: int
    cue_quoted: bool
    rule: Attribution
    rule_kind: str  # "span" (named in the sentence), "around" (quotation), "default"


def context(sentences: list[Sentence], index: int, cue_start: int, rule: Attribution) -> Context:
    if rule.role == "author" or rule.speaker is None:
        kind = "default"
    elif rule.span is not None:
        kind = "span"
    else:
        kind = "around"
    return Context(index, cue_start, cue_in_quote(sentences[index], cue_start), rule, kind)


def mentions(sentences: list[Sentence], people: DocumentPeople, ctx: Context) -> list[Choice]:
    """Every possible speaker's mentions around the forecast, with their features."""
    frequency = people.name_frequency()
    found = [_author(ctx)]
    if ctx.rule_kind != "default" and ctx.rule.speaker:
        found.append(
            Choice(ctx.rule.speaker, _with_cue(ctx, ("rulename", "rule:" + ctx.rule_kind)))
        )
    here = sentences[ctx.index]
    for j in _window(sentences, ctx.index):
        sentence = sentences[j]
        for mention, pronoun in _named(sentence, people):
            found.append(
                Choice(
                    mention.name,
                    _features(sentences, people, ctx, here, j, mention, pronoun, frequency),
                )
            )
    return found


def _author(ctx: Context) -> Choice:
    return Choice(AUTHOR, _with_cue(ctx, ("author", "author:rule:" + ctx.rule_kind)))


def _with_cue(ctx: Context, features: tuple[str, ...]) -> tuple[str, ...]:
    quoted = "cueq" if ctx.cue_quoted else "cueo"
    return features + tuple(f + "|" + quoted for f in features)


def _window(sentences: list[Sentence], index: int) -> Iterator[int]:
    paragraph = sentences[index].paragraph
    for j in range(
        max(0, index - _BACK_SENTENCES), min(len(sentences), index + 1 + _AHEAD_SENTENCES)
    ):
        if sentences[j].paragraph < paragraph - _BACK_PARAGRAPHS:
            continue
        if j > index and sentences[j].paragraph > paragraph + 1:
            break
        yield j


def _named(sentence: Sentence, people: DocumentPeople) -> Iterator[tuple[Mention, bool]]:
    """Mentions in one sentence: names, and pronouns as the person they resolve to."""
    yield from (
        (mention, False) for mention in people.mentions_between(sentence.start, sentence.end)
    )
    for match in _PRONOUNS.finditer(sentence.text):
        at = sentence.start + match.start()
        name = people.last_person(at, match.group(0).lower())
        if name and not is_first_person(name) and name != SELF:
            yield Mention(at, name), True


def _features(
    sentences: list[Sentence],
    people: DocumentPeople,
    ctx: Context,
    here: Sentence,
    j: int,
    mention: Mention,
    pronoun: bool,
    frequency: dict[str, int],
) -> tuple[str, ...]:
    sentence = sentences[j]
    at = mention.offset - sentence.start
    plain = normalise(sentence.text)
    after = plain[at:]
    before = plain[max(0, at - 60) : at]
    distance = j - ctx.index
    out = ["d" + _bucket(distance, (-8, -5, -3, -2, -1, 0, 1))]
    out.append("p" + _bucket(sentence.paragraph - here.paragraph, (-3, -2, -1, 0)))
    quoted = cue_in_quote(sentence, at)
    out.append("inq" if quoted else "outq")
    if distance == 0:
        side = "before" if at < ctx.cue_start else "after"
        out.append("side:" + side)
        gap = abs(ctx.cue_start - at)
        out.append("gap" + _bucket(gap, (20, 60, 120, 250)))
        # "Trump will win": a name before the cue with no verb of saying between is the
        # forecast's topic; "Trump said he will win": its speaker.
        between = plain[at : ctx.cue_start] if at < ctx.cue_start else plain[ctx.cue_start : at]
        verb = "v" if _ANY_VERB.search(between) else "n"
        out.append(f"between:{side}:{verb}")
        out.append(f"between:{side}:{verb}:" + _bucket(gap, (20, 60, 120)))
    elif here.quote_group is not None and sentence.quote_group == here.quote_group:
        out.append("samequote")
    verb_after = bool(_VERB_AFTER.match(after))
    verb_before = bool(_VERB_BEFORE.search(before))
    if verb_after:
        out.append("vafter")
    if verb_before:
        out.append("vbefore")
    if _ACCORDING_BEFORE.search(before):
        out.append("according")
    if _POSSESSIVE.match(after):
        out.append("poss")
    if people.is_subject(mention):
        out.append("subject")
    if pronoun:
        out.append("pronoun")
    if _ANY_VERB.search(_outside_quotes(plain)):
        out.append("verbsent")
    out.append("freq" + _bucket(frequency.get(mention.name, 1), (1, 3, 6)))
    if ctx.rule_kind != "default" and ctx.rule.speaker and _same(ctx.rule.speaker, mention.name):
        out.append("rule:" + ctx.rule_kind)
    # Pairs the position alone cannot tell apart: a name saying something in the quotation's
    # own sentence, a name quoted inside the speaker's words.
    where = "d" + _bucket(distance, (-3, -1, 0, 1))
    spoke = "v" if verb_after or verb_before else "n"
    out += [
        where + spoke,
        where + ("inq" if quoted else "outq") + ("|cueq" if ctx.cue_quoted else "|cueo"),
        spoke + ("|cueq" if ctx.cue_quoted else "|cueo"),
    ]
    # What the rules found changes what a mention's position means: with no attribution
    # found, a name in the forecast's own sentence is usually its topic, not its speaker.
    return tuple(out) + tuple(f + "|r" + ctx.rule_kind for f in out)


def _bucket(value: int, edges: tuple[int, ...]) -> str:
    """``value``'s bucket: "<=e" for the first edge it does not exceed, ">last" beyond."""
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def _outside_quotes(plain: str) -> str:
    return re.sub(r'"[^"]*(?:"|$)', '"" ', plain)


def _same(a: str, b: str) -> bool:
    """Same person: the same words, or one's last word among the other's."""
    x = re.findall(r"[a-z]+", a.lower().replace("'s", ""))
    y = re.findall(r"[a-z]+", b.lower().replace("'s", ""))
    return bool(x and y and (x == y or x[-1] in y or y[-1] in x))

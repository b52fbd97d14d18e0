"""Who said a news forecast: the rules' reading, re-ranked by a model learned from PolNeAR.

``attribution.read_speaker`` reads the speaker by rules. When they find none for a forecast
inside quotation marks (a long quotation whose speaker is named paragraphs away, or only
through a pronoun), the byline is almost never the speaker: there the byline and every person
named or referred to around the forecast are possible speakers (``speaker_features``), and a
conditional logit model (one weight per binary feature, a mention's score the sum of its
features' weights, a person's probability the softmax mass of all their mentions) picks the
likeliest. It was fitted on the Source/Cue/Content spans of PolNeAR's train articles
(``bench/train_attribution.py`` rebuilds ``speaker_weights.json``; the data and its licence
are described there). Elsewhere the rules' answer stands: measured on held-out articles, the
model chose no better among the people the rules had found, and outside quotation marks it
took the author's own forecasts ("Trump will win") from the author. Comments keep the rules
throughout: a commenter's forecast is theirs unless the rules find a named source.

Scoring is a few dictionary look-ups per mention, for the few sentences that forecast.
"""

import json
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Final

from predictions.extraction import speaker_features
from predictions.extraction.attribution import Attribution, read_speaker
from predictions.extraction.people import DocumentPeople
from predictions.extraction.sentences import Sentence
from predictions.extraction.speaker_features import AUTHOR, Choice

WEIGHTS_PATH: Final = Path(__file__).with_name("speaker_weights.json")

_state = {"rules_only": False}


@contextmanager
def rules_only() -> Iterator[None]:
    """Within this block, speakers are the rules' alone (to measure what the model adds)."""
    previous = _state["rules_only"]
    _state["rules_only"] = True
    try:
        yield
    finally:
        _state["rules_only"] = previous


@cache
def weights() -> dict[str, float]:
    """The shipped weights, read once."""
    with open(WEIGHTS_PATH, encoding="utf-8") as handle:
        data = json.load(handle)
    return {name: float(value) for name, value in data["weights"].items()}


def attribute(
    sentences: list[Sentence],
    index: int,
    cue_start: int,
    people: DocumentPeople,
    default: Attribution,
    cue_end: int | None = None,
) -> Attribution:
    """Return who says the forecast at ``cue_start`` (offset within sentence ``index``)."""
    rule = read_speaker(sentences, index, cue_start, people, default, cue_end)
    found = rule
    if default.role == "author" and not _state["rules_only"]:
        found = choose(sentences, index, cue_start, people, rule, default, weights())
    if found.role == "quoted" and found.speaker is not None:
        people.heard(sentences[index].start, found.speaker)
    return found


def choose(
    sentences: list[Sentence],
    index: int,
    cue_start: int,
    people: DocumentPeople,
    rule: Attribution,
    default: Attribution,
    weight: dict[str, float],
) -> Attribution:
    """The likeliest speaker under ``weight``, as an attribution."""
    ctx = speaker_features.context(sentences, index, cue_start, rule)
    if ctx.rule_kind != "default" or not ctx.cue_quoted:
        # Where the rules name a speaker, or the forecast stands outside quotation marks,
        # the model did no better than the rules on held-out articles: theirs stands.
        return rule
    choices = speaker_features.mentions(sentences, people, ctx)
    best, _ = best_person(choices, weight)
    if best == AUTHOR:
        return default
    return Attribution(best, "quoted", None)


def probabilities(choices: list[Choice], weight: dict[str, float]) -> list[float]:
    """Each mention's share of the softmax over all of them."""
    scores = [sum(weight.get(f, 0.0) for f in choice.features) for choice in choices]
    top = max(scores)
    exps = [math.exp(score - top) for score in scores]
    total = sum(exps)
    return [e / total for e in exps]


def best_person(choices: list[Choice], weight: dict[str, float]) -> tuple[str, float]:
    """The person (or ``AUTHOR``) with the most probability mass over their mentions.

    Mentions of one person are joined by surname; the person is named by their longest
    name. Ties go to the earlier choice (the byline, then the rules' answer), so the choice
    is deterministic.
    """
    mass: dict[str, float] = {}
    names: dict[str, str] = {}
    for choice, p in zip(choices, probabilities(choices, weight), strict=True):
        key = person_key(choice.name)
        mass[key] = mass.get(key, 0.0) + p
        if len(choice.name) > len(names.get(key, "")):
            names[key] = choice.name
    best = max(mass, key=lambda key: mass[key])  # first of equals: dicts keep order
    return names[best], mass[best]


def person_key(name: str) -> str:
    """What mentions of one person share: the last word of the name, lower-cased."""
    if name == AUTHOR:
        return AUTHOR
    words = re.findall(r"[a-z]+", name.lower().replace("'s", ""))
    return words[-1] if words else name

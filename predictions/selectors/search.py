"""The site's search: claims, forecasts, people, outlets, articles and events, best match first.

A query is words and "quoted phrases"; every one must match. PostgreSQL ranks the long texts
(claims, forecasts, articles, events) by full-text relevance, title before body; SQLite, for a
first run, ranks by how many of the terms each row has in its weightier fields. Names (people,
outlets) match by substring on both, exact names first. A query that finds nothing is offered a
spelling that does ("did you mean"), from pg_trgm word similarity on PostgreSQL and rapidfuzz
over the archive's names on SQLite.
"""

from __future__ import annotations

import functools
import operator
import re
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from rapidfuzz import fuzz, process

from archive.models import Article, Outlet, Person
from predictions.models import Claim, Event, Prediction, Tag
from predictions.selectors.events import events_search

MIN_QUERY_LENGTH = 2
MAX_TERMS = 8
# A word is corrected only to one this close (rapidfuzz ratio, 0-100) and this long.
SUGGESTION_CUTOFF = 75
SUGGESTION_MIN_LENGTH = 4
# Names read for spelling suggestions on SQLite, per kind.
VOCABULARY_ROWS = 5000
TRIGRAM_WORD_THRESHOLD = 0.3

_PHRASE = re.compile(r'"([^"]+)"')

# The fields each kind is searched in, with their weights (4 highest); on PostgreSQL each set's
# unweighted vector is a full-text index (migrations archive 0002, predictions 0004 and 0009).
CLAIM_FIELDS = {"text": 4, "description": 2}
PREDICTION_FIELDS = {"claim_text": 4, "quote": 3, "speaker_name": 2}
ARTICLE_FIELDS = {"title": 4, "body": 1}
EVENT_FIELDS = {"title": 4, "description": 2}


@dataclass
class SearchResults:
    query: str
    searched: bool = False
    claims: list = field(default_factory=list)
    predictions: list = field(default_factory=list)
    people: list = field(default_factory=list)
    outlets: list = field(default_factory=list)
    articles: list = field(default_factory=list)
    events: list = field(default_factory=list)
    suggestion: str = ""

    @property
    def count(self) -> int:
        return sum(
            len(group)
            for group in (
                self.claims,
                self.predictions,
                self.people,
                self.outlets,
                self.articles,
                self.events,
            )
        )


def search_terms(query: str) -> list[str]:
    """The query's "quoted phrases" and loose words, in order, at most ``MAX_TERMS``."""
    terms = [" ".join(phrase.split()) for phrase in _PHRASE.findall(query)]
    loose = _PHRASE.sub(" ", query).replace('"', " ")
    terms += [word.strip(".,;:!?()") for word in loose.split()]
    return [term for term in terms if term][:MAX_TERMS]


def _contains_every(terms: list[str], fields: tuple[str, ...]) -> Q:
    condition = Q()
    for term in terms:
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": term})
        condition &= any_field
    return condition


def _weight(terms: list[str], weights: dict[str, int]):
    """The sum over terms and fields of the field's weight where the field contains the term."""
    return sum(
        (
            Case(When(**{f"{name}__icontains": term}, then=weight), default=0)
            for term in terms
            for name, weight in weights.items()
        ),
        start=Value(0, output_field=IntegerField()),
    )


def _ranked(queryset: QuerySet, *, terms: list[str], weights: dict, newest: str):
    """Rows matching every term, most relevant first (``weights`` maps field → weight 1-4)."""
    if connection.vendor == "postgresql":
        # Found through the unweighted vector, which the full-text indexes hold; ranked by the
        # weighted one, on the rows found only.
        letters = {4: "A", 3: "B", 2: "C", 1: "D"}
        parts = [
            SearchVector(name, weight=letters[weight], config="english")
            for name, weight in weights.items()
        ]
        weighted: Any = functools.reduce(operator.add, parts)
        text = " ".join(f'"{t}"' if " " in t else t for t in terms)
        search = SearchQuery(text, config="english", search_type="websearch")
        return (
            queryset.alias(document=SearchVector(*weights, config="english"))
            .filter(document=search)
            .annotate(relevance=SearchRank(weighted, search))
            .order_by("-relevance", F(newest).desc(nulls_last=True), "-pk")
        )
    return (
        queryset.filter(_contains_every(terms, tuple(weights)))
        .annotate(relevance=_weight(terms, weights))
        .order_by("-relevance", F(newest).desc(nulls_last=True), "-pk")
    )


def _by_name(queryset: QuerySet, *, query: str, terms: list[str], fields: tuple[str, ...]):
    """Rows whose name (or alias) contains every term: the exact name, then its beginning."""
    first = fields[0]
    return (
        queryset.filter(_contains_every(terms, fields))
        .annotate(
            relevance=Case(
                When(**{f"{first}__iexact": query}, then=3),
                When(**{f"{first}__istartswith": query}, then=2),
                When(_contains_every(terms, (first,)), then=1),
                default=0,
            )
        )
        .order_by("-relevance", first, "pk")
    )


def _events(terms: list[str]) -> QuerySet[Event]:
    if connection.vendor == "postgresql":
        # Through the full-text index on title and description.
        return events_search(q=" ".join(f'"{t}"' if " " in t else t for t in terms))
    return _ranked(
        Event.objects.all(),
        terms=terms,
        weights=EVENT_FIELDS,
        newest="occurred_on",
    )


def _found(query: str, terms: list[str], limit: int) -> SearchResults:
    results = SearchResults(query=query, searched=True)
    results.claims = list(
        _ranked(
            Claim.objects.all(),
            terms=terms,
            weights=CLAIM_FIELDS,
            newest="created_at",
        )[:limit]
    )
    results.predictions = list(
        _ranked(
            Prediction.objects.accepted().with_relations(),
            terms=terms,
            weights=PREDICTION_FIELDS,
            newest="made_at",
        )[:limit]
    )
    results.people = list(
        _by_name(
            Person.objects.select_related("outlet"),
            query=query,
            terms=terms,
            fields=("name", "aliases__name"),
        )
        .distinct()
        .order_by("-relevance", "name", "pk")[:limit]
    )
    results.outlets = list(
        _by_name(Outlet.objects.all(), query=query, terms=terms, fields=("name", "homepage"))[
            :limit
        ]
    )
    results.articles = list(
        _ranked(
            Article.objects.select_related("outlet").defer("body", "metadata"),
            terms=terms,
            weights=ARTICLE_FIELDS,
            newest="published_at",
        )[:limit]
    )
    results.events = list(_events(terms).prefetch_related("tags")[:limit])
    return results


def _similar(queryset: QuerySet, column: str, word: str) -> QuerySet:
    return (
        queryset.annotate(likeness=TrigramWordSimilarity(word, column))
        .filter(likeness__gte=TRIGRAM_WORD_THRESHOLD)
        .order_by("-likeness")
        .values_list(column, flat=True)[:5]
    )


def _near_words_postgresql(word: str) -> list[str]:
    """Names and claim texts holding a word like ``word`` (pg_trgm word similarity), one query."""
    parts = [
        _similar(model.objects.all(), column, word)
        for model, column in ((Person, "name"), (Outlet, "name"), (Tag, "name"), (Claim, "text"))
    ]
    return list(parts[0].union(*parts[1:], all=True))


def _vocabulary_sqlite() -> list[str]:
    """The archive's names and claim texts, in one query (SQLite is for small archives)."""
    parts = [
        model.objects.order_by().values_list(column, flat=True)
        for model, column in (
            (Person, "name"),
            (Outlet, "name"),
            (Tag, "name"),
            (Event, "title"),
            (Claim, "text"),
        )
    ]
    return list(parts[0].union(*parts[1:])[: VOCABULARY_ROWS * len(parts)])


def _words(texts: list[str]) -> list[str]:
    return sorted({w for text in texts for w in re.findall(r"[^\W\d_][\w'-]+", text)})


def _correction(word: str, vocabulary: list[str]) -> str | None:
    if len(word) < SUGGESTION_MIN_LENGTH or not vocabulary:
        return None
    best = process.extractOne(
        word.casefold(),
        vocabulary,
        scorer=fuzz.ratio,
        processor=str.casefold,
        score_cutoff=SUGGESTION_CUTOFF,
    )
    if best is None or best[0].casefold() == word.casefold():
        return None
    return best[0]


def spelling_suggestion(terms: list[str]) -> str:
    """The query with each word that looks misspelled replaced by the archive's nearest word."""
    sqlite_vocabulary: list[str] | None = None
    changed = False
    corrected = []
    for term in terms:
        words = []
        for word in term.split():
            if connection.vendor == "postgresql":
                vocabulary = _words(_near_words_postgresql(word))
            else:
                if sqlite_vocabulary is None:
                    sqlite_vocabulary = _words(_vocabulary_sqlite())
                vocabulary = sqlite_vocabulary
            better = _correction(word, vocabulary)
            changed |= better is not None
            words.append(better or word)
        phrase = " ".join(words)
        corrected.append(f'"{phrase}"' if " " in term else phrase)
    return " ".join(corrected) if changed else ""


def site_search(*, query: str, limit: int = 20) -> SearchResults:
    """What the archive holds for ``query``; when nothing, a corrected query that finds some."""
    query = " ".join(query.split())[:200]
    terms = search_terms(query)
    if len(query) < MIN_QUERY_LENGTH or not terms:
        return SearchResults(query=query)
    results = _found(query, terms, limit)
    if results.count == 0:
        suggestion = spelling_suggestion(terms)
        if suggestion and _found(suggestion, search_terms(suggestion), 1).count:
            results.suggestion = suggestion
    return results

"""An invented, demo-sized archive for the site's tests and screenshots.

Outlets, people, articles with comments, claims (resolved and open), predictions quoting the
text at the right offsets, judgements with events, and leaderboard rows. Every sentence here
is made up for the tests.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from archive.models import Outlet, Person
from predictions.models import Claim, Event, Prediction
from predictions.services.resolution import claim_resolve
from predictions.services.scores import leaderboards_recompute
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    CommenterFactory,
    CommentFactory,
    EventFactory,
    OutletFactory,
    PersonFactory,
    TagFactory,
)

# (probability, sentence template): {S} the subject, {s} it lower-cased, {P} the predicate,
# {D} the deadline words. The hedge is the phrase in brackets.
HEDGES = [
    (0.92, "almost certainly", "{S} will almost certainly {P} {D}."),
    (0.8, "very probably", "{S} will very probably {P} {D}."),
    (0.7, "I expect", "I expect {s} to {P} {D}."),
    (0.6, "may well", "{S} may well {P} {D}."),
    (0.35, "seems doubtful", "It seems doubtful that {s} will {P} {D}."),
    (0.2, "unlikely", "{S} is unlikely to {P} {D}."),
    (0.08, "almost no chance", "There is almost no chance that {s} will {P} {D}."),
]

FILLER = [
    "Officials spent the week repeating the same careful lines to anyone who would listen.",
    "The numbers published on Tuesday did little to settle the argument either way.",
    "Behind closed doors, the mood among advisers is said to be tense but not desperate.",
    "Markets shrugged, as markets often do when the news is neither good nor bad.",
    "Readers will remember how confidently the opposite was predicted last spring.",
]


@dataclass(frozen=True)
class ClaimSpec:
    key: str
    subject: str
    predicate: str
    deadline_text: str
    deadline: datetime.date
    happened: bool | None  # None: still open
    on: datetime.date | None = None
    tag: str = "politics"


def _claims(today: datetime.date) -> list[ClaimSpec]:
    soon = today + datetime.timedelta(days=20)
    later = today + datetime.timedelta(days=45)
    return [
        ClaimSpec(
            "rates",
            "The central bank",
            "raise interest rates",
            "before the end of June",
            datetime.date(2023, 6, 30),
            True,
            datetime.date(2023, 5, 4),
            "economy",
        ),
        ClaimSpec(
            "coalition",
            "The coalition government",
            "collapse",
            "before the summer recess",
            datetime.date(2023, 7, 20),
            False,
            datetime.date(2023, 7, 20),
        ),
        ClaimSpec(
            "bridge",
            "The harbour bridge",
            "reopen to traffic",
            "by December",
            datetime.date(2022, 12, 31),
            True,
            datetime.date(2022, 11, 20),
            "transport",
        ),
        ClaimSpec(
            "inflation",
            "Inflation",
            "fall below three per cent",
            "this year",
            datetime.date(2023, 12, 31),
            False,
            datetime.date(2023, 12, 31),
            "economy",
        ),
        ClaimSpec(
            "mayor",
            "The mayor",
            "resign",
            "before the autumn",
            datetime.date(2023, 9, 22),
            True,
            datetime.date(2023, 8, 30),
        ),
        ClaimSpec(
            "team",
            "The national team",
            "qualify for the finals",
            "next year",
            datetime.date(2023, 11, 30),
            True,
            datetime.date(2023, 10, 14),
            "sport",
        ),
        ClaimSpec(
            "strike",
            "The rail strike",
            "end",
            "within a month",
            datetime.date(2023, 3, 15),
            False,
            datetime.date(2023, 3, 15),
            "transport",
        ),
        ClaimSpec(
            "budget",
            "Parliament",
            "pass the budget",
            "by the end of March",
            datetime.date(2023, 3, 31),
            True,
            datetime.date(2023, 3, 28),
            "economy",
        ),
        ClaimSpec(
            "ceasefire", "The two sides", "sign a ceasefire", "within three weeks", soon, None
        ),
        ClaimSpec(
            "terminal",
            "The new airport terminal",
            "open",
            "before the holidays",
            later,
            None,
            None,
            "transport",
        ),
    ]


# Person name, outlet name, a skill between 0 and 1 (how often they lean the right way).
PEOPLE = [
    ("Margaret Holloway", "The Daily Ledger", 0.95),
    ("Tomás Reyes", "The Evening Courier", 0.8),
    ("Priya Natarajan", "Signal and Noise", 0.7),
    ("Henrik Lund", "The Daily Ledger", 0.55),
    ("Ada Okafor", "The Evening Courier", 0.35),
]


def _sentence(spec: ClaimSpec, probability: float) -> tuple[str, str, float]:
    p, hedge, template = min(HEDGES, key=lambda h: abs(h[0] - probability))
    text = template.format(
        S=spec.subject,
        s=spec.subject[0].lower() + spec.subject[1:],
        P=spec.predicate,
        D=spec.deadline_text,
    )
    return text, hedge, p


def _probability(skill: float, happened: bool | None, index: int) -> float:
    """A forecast that leans the right way about ``skill`` of the time, deterministically."""
    right = ((index * 37) % 100) / 100 < skill
    lean_yes = happened if right else not happened
    if happened is None:
        lean_yes = index % 2 == 0
    strength = [0.92, 0.8, 0.7, 0.6][index % 4]
    return strength if lean_yes else 1 - strength


def build_demo_archive(*, today: datetime.date | None = None, editor=None) -> dict:
    """Create the invented archive; returns the main objects by name for the tests."""
    today = today or timezone.localdate()
    tags = {name: TagFactory(name=name) for name in ("politics", "economy", "transport", "sport")}
    outlets: dict[str, Outlet] = {}
    people: dict[str, Person] = {}
    for name, outlet_name, _ in PEOPLE:
        if outlet_name not in outlets:
            kind = Outlet.Kind.BLOG if "Signal" in outlet_name else Outlet.Kind.NEWSPAPER
            outlets[outlet_name] = OutletFactory(name=outlet_name, kind=kind)
        people[name] = PersonFactory(name=name, description=f"Writes for {outlet_name}.")

    specs = _claims(today)
    claims: dict[str, Claim] = {}
    events: dict[str, Event] = {}
    for spec in specs:
        claim = ClaimFactory(text=f"{spec.subject} will {spec.predicate} {spec.deadline_text}")
        claim.tags.set([tags[spec.tag]])
        if spec.happened is True:
            event = EventFactory(
                title=f"{spec.subject} {spec.predicate.split()[0]}s"
                if spec.key not in ("rates", "budget")
                else f"{spec.subject} acts: {spec.predicate}",
                occurred_on=spec.on,
                description="Recorded from the day's reports.",
                sources=[f"https://records.example.org/{spec.key}"],
            )
            event.tags.set([tags[spec.tag]])
            events[spec.key] = event
        claims[spec.key] = claim

    predictions: list[Prediction] = []
    first_article = None
    index = 0
    for p_index, (name, outlet_name, skill) in enumerate(PEOPLE):
        person = people[name]
        # Two columns each, every one making several forecasts among plain paragraphs.
        for column in range(2):
            chosen = [s for j, s in enumerate(specs) if (j + p_index + column) % 2 == 0]
            published = timezone.make_aware(
                datetime.datetime(2022, 9 + column * 2, 3 + p_index, 9, 0)
            )
            paragraphs, spans = [], []
            offset = 0
            for j, spec in enumerate(chosen):
                filler = FILLER[(j + p_index) % len(FILLER)]
                text, hedge, p = _sentence(spec, _probability(skill, spec.happened, index))
                index += 1
                paragraph = f"{filler} {text} That, at least, is how it looks from here."
                start = offset + len(filler) + 1
                spans.append((start, text, hedge, p, spec))
                paragraphs.append(paragraph)
                offset += len(paragraph) + 2
            body = "\n\n".join(paragraphs)
            article = ArticleFactory(
                outlet=outlets[outlet_name],
                title=f"{name.split()[0]}'s week: what comes next ({column + 1})",
                body=body,
                published_at=published,
                authors=[person],
            )
            first_article = first_article or article
            for start, text, hedge, p, spec in spans:
                assert body[start : start + len(text)] == text
                predictions.append(
                    _prediction(
                        article,
                        None,
                        person,
                        start,
                        text,
                        hedge,
                        p,
                        spec,
                        claims[spec.key],
                        published,
                    )
                )

    # Reader comments with forecasts of their own, one a reply to another.
    article = first_article
    reader = CommenterFactory(name="quietobserver", outlet=article.outlet)
    first = CommentFactory(
        article=article,
        author=reader,
        position=0,
        body="Good piece. The central bank will almost certainly raise interest rates before the end of June.",
    )
    CommentFactory(
        article=article, author=None, position=1, parent=first, body="We shall see. I am less sure."
    )
    text = "The central bank will almost certainly raise interest rates before the end of June."
    predictions.append(
        _prediction(
            article,
            first,
            reader,
            first.body.index(text),
            text,
            "almost certainly",
            0.92,
            specs[0],
            claims["rates"],
            article.published_at,
            role=Prediction.Role.COMMENTER,
        )
    )

    # Resolved the way an editor resolves them, then scored by the service as after a commit.
    for spec in specs:
        if spec.happened is not None:
            claim_resolve(
                claim=claims[spec.key],
                state=Claim.State.OCCURRED if spec.happened else Claim.State.NOT_OCCURRED,
                on=spec.on,
                event=events.get(spec.key),
                note="Resolved with the claim.",
                by=editor,
            )
    leaderboards_recompute()
    for prediction in predictions:
        prediction.refresh_from_db()
    return {
        "people": people,
        "outlets": outlets,
        "claims": claims,
        "events": events,
        "predictions": predictions,
        "article": first_article,
        "reader": reader,
        "tags": tags,
    }


def _prediction(article, comment, person, start, text, hedge, p, spec, claim, made_at, role=None):
    return Prediction.objects.create(
        article=article,
        comment=comment,
        quote=text,
        start=start,
        end=start + len(text),
        speaker=person,
        speaker_name=person.name,
        speaker_role=role or Prediction.Role.AUTHOR,
        claim=claim,
        claim_text=claim.text,
        polarity=Prediction.Polarity.NEGATIVE if p < 0.5 else Prediction.Polarity.POSITIVE,
        probability=p,
        hedge=hedge,
        made_at=made_at,
        deadline=spec.deadline,
        deadline_text=spec.deadline_text,
        deadline_kind=Prediction.DeadlineKind.PERIOD_END,
        status=Prediction.Status.ACCEPTED,
        extractor_version="test",
    )

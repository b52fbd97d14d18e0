"""Load the demo story in ``examples/`` through the services, and create a demo editor login.

``make demo`` runs this after ``migrate``. Every step goes through the same service functions as
the admin, the API and the other commands: events are recorded, documents imported, candidates
extracted, the extractor's clear mistakes corrected and its misses recorded by hand
(``examples/corrections.json``, as an editor would in the admin), the candidates that
``examples/resolutions.json`` names accepted into shared claims, and those claims resolved
against the recorded events. Only the ``editors`` group and the ``demo`` user are written
directly (they are not archive data).

Running it again changes nothing: events carry stable ids, documents are duplicates by URL or
content, articles already extracted are not extracted again, corrections apply only to
candidates, a forecast already covered is not added again, accepted predictions keep their
claims, and resolved claims are left alone.

When ``../shared/corpus/seeds/`` exists, the two seed articles are loaded the same way with
``examples/seeds/``. They are third-party text: read from the corpus at run time, never copied.
"""

from __future__ import annotations

import datetime
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date

from archive.importers.documents import Defaults
from archive.importers.readers import iter_files
from archive.models import Article, Comment
from archive.services.documents import document_file_import
from predictions.models import Claim, Event, Prediction
from predictions.selectors.claims import claim_suggestions
from predictions.services.claims import claim_create
from predictions.services.events import event_record
from predictions.services.extraction import article_extract
from predictions.services.recording import prediction_record
from predictions.services.resolution import claim_resolve
from predictions.services.review import prediction_accept, prediction_correct
from predictions.services.scores import leaderboards_deferred, leaderboards_recompute
from predictions.services.speakers import speaker_find

EDITORS_GROUP = "editors"
EDITOR_PERMISSIONS = (
    "archive.import_document",
    "predictions.review_prediction",
    "predictions.resolve_claim",
    # What an editor needs in the admin besides the three actions above.
    "archive.view_article",
    "archive.change_article",
    "archive.view_comment",
    "archive.view_person",
    "archive.change_person",
    "archive.add_person",
    "archive.view_outlet",
    "archive.change_outlet",
    "predictions.view_prediction",
    "predictions.change_prediction",
    "predictions.view_claim",
    "predictions.add_claim",
    "predictions.change_claim",
    "predictions.view_event",
    "predictions.add_event",
    "predictions.change_event",
    "predictions.view_judgement",
    "predictions.view_tag",
    "predictions.add_tag",
)
DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo"  # noqa: S105 - the documented login of a local demo
# The seed folder holds each article twice (page dump and JSON twin); the JSON carries the date.
SEED_PATTERN = "*.json"
_OPEN = "open"
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def normalise(text: str) -> str:
    """Lower case, straight apostrophes and single spaces: how phrases are matched."""
    return re.sub(r"\s+", " ", text.translate(_APOSTROPHES)).strip().casefold()


@dataclass
class Resolution:
    """One entry of a ``resolutions.json``: which candidates form a claim, and how it ended."""

    phrases: tuple[str, ...]
    state: str
    claim_text: str | None = None
    on: str | None = None
    event: str | None = None
    note: str = ""
    predictions: list[Prediction] = field(default_factory=list)
    matched: set[str] = field(default_factory=set)

    @classmethod
    def from_json(cls, obj: dict, *, source: Path) -> Resolution:
        phrases = obj.get("claim_contains")
        if isinstance(phrases, str):
            phrases = [phrases]
        if not phrases or not all(isinstance(p, str) and p.strip() for p in phrases):
            raise CommandError(f"{source}: claim_contains must be a phrase or a list of phrases")
        state = obj.get("state")
        if state not in (Claim.State.OCCURRED, Claim.State.NOT_OCCURRED, _OPEN):
            raise CommandError(f"{source}: state must be occurred, not_occurred or open")
        if state != _OPEN and not obj.get("on"):
            raise CommandError(f"{source}: {phrases[0]!r} needs the day it was resolved on")
        return cls(
            phrases=tuple(normalise(p) for p in phrases),
            state=state,
            claim_text=obj.get("claim"),
            on=obj.get("on"),
            event=obj.get("event"),
            note=obj.get("note", ""),
        )


def match_predictions(predictions: Iterable[Prediction], resolutions: Sequence[Resolution]) -> None:
    """Give each prediction to the resolution with the longest phrase found in its quote or claim.

    The longest phrase wins so that "ekwueme will win by a landslide" is not taken by the shorter
    "ekwueme will win" of another claim.
    """
    for prediction in predictions:
        texts = (normalise(prediction.quote), normalise(prediction.claim_text))
        best: tuple[int, Resolution, str] | None = None
        for resolution in resolutions:
            for phrase in resolution.phrases:
                if any(phrase in text for text in texts) and (
                    best is None or len(phrase) > best[0]
                ):
                    best = (len(phrase), resolution, phrase)
        if best is not None:
            best[1].predictions.append(prediction)
            best[1].matched.add(best[2])


@dataclass
class Tally:
    events_new: int = 0
    events_known: int = 0
    imported: int = 0
    duplicates: int = 0
    failed: int = 0
    extracted_articles: int = 0
    candidates: int = 0
    accepted: int = 0
    already_accepted: int = 0
    claims: set[int] = field(default_factory=set)
    resolved: int = 0
    already_resolved: int = 0
    judgements: int = 0
    corrected: int = 0
    added: int = 0
    missing: list[str] = field(default_factory=list)


class Command(BaseCommand):
    help = (
        "Load the demo story in examples/ (and the seed articles of ../shared/corpus/seeds/ when "
        "present) through the services, and create the demo editor login. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-seeds", action="store_true", help="Skip the seed articles of the shared corpus."
        )
        parser.add_argument(
            "--password",
            help=f"Password of the '{DEMO_USERNAME}' user (default: {DEMO_PASSWORD} for a new user; "
            "an existing user's password is only changed when this is given).",
        )
        parser.add_argument(
            "--allow-demo-login",
            action="store_true",
            help=f"Create the '{DEMO_USERNAME}' superuser with the well-known password even though"
            " debug is off (without it, that needs DJANGO_DEBUG=1 or --password).",
        )
        parser.add_argument(
            "--examples",
            type=Path,
            default=Path(settings.BASE_DIR) / "examples",
            help="The folder of the demo story (default: examples/ of the project).",
        )
        parser.add_argument(
            "--seeds",
            type=Path,
            default=Path(settings.BASE_DIR).parent / "shared" / "corpus" / "seeds",
            help="The seed articles (default: ../shared/corpus/seeds/; skipped when absent).",
        )

    def handle(self, *args, **options):
        examples: Path = options["examples"]
        if not (examples / "documents").is_dir():
            raise CommandError(f"{examples}/documents: no such folder")
        self._check_login_is_wanted(options["password"], allow=options["allow_demo_login"])
        editor, shown_password = self._editor(options["password"])
        self.stdout.write(
            f"Editors group '{EDITORS_GROUP}' ({', '.join(EDITOR_PERMISSIONS)}) "
            f"and superuser '{DEMO_USERNAME}' ready."
        )
        with leaderboards_deferred():
            self._load(
                "Demo story",
                documents=sorted(iter_files([examples / "documents"])),
                options_file=examples / "import_options.json",
                events_file=examples / "events.json",
                resolutions_file=examples / "resolutions.json",
                corrections_file=examples / "corrections.json",
                by=editor,
            )
            seeds: Path = options["seeds"]
            if not options["no_seeds"] and seeds.is_dir():
                self._load(
                    "Seed articles",
                    documents=sorted(seeds.glob(SEED_PATTERN)),
                    options_file=None,
                    events_file=examples / "seeds" / "events.json",
                    resolutions_file=examples / "seeds" / "resolutions.json",
                    corrections_file=None,
                    by=editor,
                )
        rows = leaderboards_recompute()
        self.stdout.write(f"Leaderboards: {rows} rows recomputed.")
        host = os.environ.get("HOST", "127.0.0.1")
        port = os.environ.get("PORT", "8000")
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: http://{host}:{port}/admin/  user: {DEMO_USERNAME}  "
                f"password: {shown_password}"
            )
        )

    # The login -----------------------------------------------------------------------------

    def _check_login_is_wanted(self, password: str | None, *, allow: bool) -> None:
        """Refuse a superuser anyone can guess on a site that is not a local demo."""
        if settings.DEBUG or allow or password is not None:
            return
        if get_user_model().objects.filter(username=DEMO_USERNAME).exists():
            return
        raise CommandError(
            f"refusing to create the superuser '{DEMO_USERNAME}' with the password "
            f"'{DEMO_PASSWORD}' while debug is off: run the demo with DJANGO_DEBUG=1 (as make demo"
            " does), choose a password with --password, or pass --allow-demo-login"
        )

    @transaction.atomic
    def _editor(self, password: str | None):
        """The editors group and the demo superuser in it; returns the user and its password.

        An existing user's password is changed only when ``--password`` is given, so a rerun
        never undoes a password someone chose; the login line then says so.
        """
        group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
        wanted = []
        for dotted in EDITOR_PERMISSIONS:
            app_label, codename = dotted.split(".")
            try:
                wanted.append(
                    Permission.objects.get(content_type__app_label=app_label, codename=codename)
                )
            except Permission.DoesNotExist:
                raise CommandError(f"permission {dotted} is missing: run migrate first") from None
        group.permissions.add(*wanted)

        User = get_user_model()
        user = User.objects.filter(username=DEMO_USERNAME).first()
        if user is None:
            user = User.objects.create_superuser(
                username=DEMO_USERNAME,
                email=f"{DEMO_USERNAME}@example.org",
                password=password or DEMO_PASSWORD,
            )
        elif password is not None and not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        user.groups.add(group)
        if password is not None:
            return user, password
        return user, DEMO_PASSWORD if user.check_password(DEMO_PASSWORD) else "(unchanged)"

    # One story: events, documents, extraction, review, resolution ----------------------------

    def _load(
        self, label, *, documents, options_file, events_file, resolutions_file, corrections_file, by
    ) -> None:
        tally = Tally()
        events = self._record_events(self._read_json(events_file), tally=tally, by=by)
        articles = self._import(documents, self._import_options(options_file), tally=tally, by=by)
        self._extract(articles, tally=tally)
        resolutions = [
            Resolution.from_json(obj, source=resolutions_file)
            for obj in self._read_json(resolutions_file)
        ]
        predictions = (
            Prediction.objects.filter(article__in=articles)
            .exclude(status=Prediction.Status.REJECTED)
            .select_related("claim", "article", "comment")
            .order_by("made_at", "article_id", "comment__position", "start")
        )
        # What the extractor missed is measured before an editor adds anything by hand.
        found = [p for p in predictions if p.source == Prediction.Source.EXTRACTED]
        match_predictions(found, resolutions)
        tally.missing = [p for r in resolutions for p in r.phrases if p not in r.matched]
        if corrections_file is not None and corrections_file.exists():
            corrections = self._read_json(corrections_file)
            self._correct(found, corrections.get("corrections", []), tally=tally, by=by)
            self._add(articles, corrections.get("additions", []), tally=tally, by=by)
        for resolution in resolutions:
            resolution.predictions.clear()
            resolution.matched.clear()
        match_predictions(predictions.all(), resolutions)
        for resolution in resolutions:
            self._review(resolution, events=events, tally=tally, by=by)
        self._report(label, tally)

    def _read_json(self, path: Path):
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"{path}: {error}") from None

    def _import_options(self, path: Path | None) -> dict[str, Defaults]:
        if path is None or not path.exists():
            return {}
        options = {}
        for name, given in self._read_json(path).items():
            published = None
            day = None
            if given.get("published"):
                day = parse_date(given["published"])
            elif isinstance(given.get("published_days_ago"), int):
                # The story's present: dated from today, so its deadlines are always ahead.
                day = timezone.localdate() - datetime.timedelta(days=given["published_days_ago"])
            if day is not None:
                published = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
            options[name] = Defaults(
                published=published, outlet=given.get("outlet"), author=given.get("author")
            )
        return options

    def _record_events(self, rows: list[dict], *, tally: Tally, by) -> dict[str, Event]:
        """Record each event once (by its id); return them by id and by title."""
        events: dict[str, Event] = {}
        for row in rows:
            external_id = row.get("id")
            event = Event.objects.filter(external_id=external_id).first() if external_id else None
            if event is None:
                event = event_record(
                    title=row["title"],
                    occurred_on=parse_date(row["occurred_on"]),
                    description=row.get("description", ""),
                    sources=tuple(row.get("sources", ())),
                    tags=tuple(row.get("tags", ())),
                    external_id=external_id,
                    by=by,
                )
                tally.events_new += 1
            else:
                tally.events_known += 1
            events[event.title] = event
            if external_id:
                events[external_id] = event
        return events

    def _import(self, files, options: dict[str, Defaults], *, tally: Tally, by) -> list[Article]:
        articles: list[Article] = []
        for file in files:
            defaults = options.get(Path(file).name, Defaults())
            for report in document_file_import(path=Path(file), defaults=defaults, by=by):
                if report.failed:
                    tally.failed += 1
                    self.stderr.write(report.read.describe())
                    continue
                if report.outcome.created:
                    tally.imported += 1
                else:
                    tally.duplicates += 1
                articles.append(report.outcome.article)
        return articles

    def _extract(self, articles: list[Article], *, tally: Tally) -> None:
        for article in articles:
            article.refresh_from_db(fields=["extracted_at"])
            if article.extracted_at is not None:
                continue
            result = article_extract(article=article)
            tally.extracted_articles += 1
            tally.candidates += result.created

    def _correct(self, predictions, corrections: list[dict], *, tally: Tally, by) -> None:
        """Fix what the extractor got wrong in a candidate, as an editor would in the admin."""
        for correction in corrections:
            phrase = normalise(correction["quote_contains"])
            for prediction in predictions:
                if prediction.status != Prediction.Status.CANDIDATE:
                    continue
                if phrase not in normalise(prediction.quote):
                    continue
                changes = {}
                for name in ("speaker_role", "polarity", "probability"):
                    if name in correction and getattr(prediction, name) != correction[name]:
                        changes[name] = correction[name]
                name = correction.get("speaker")
                if name and prediction.speaker_name != name:
                    changes["speaker_name"] = name
                    changes["speaker"] = speaker_find(name=name, article=prediction.article)
                if changes:
                    prediction_correct(prediction=prediction, by=by, **changes)
                    tally.corrected += 1

    def _add(self, articles: list[Article], additions: list[dict], *, tally: Tally, by) -> None:
        """Record by hand the forecasts the extractor missed, unless something covers them."""
        for addition in additions:
            article, comment, start = self._locate(articles, addition["quote"])
            end = start + len(addition["quote"])
            covered = Prediction.objects.filter(
                article=article, comment=comment, start__lt=end, end__gt=start
            ).exists()
            if covered:
                continue
            role = addition.get("speaker_role", Prediction.Role.AUTHOR)
            if role == Prediction.Role.COMMENTER:
                speaker = comment.author if comment is not None else None
            else:
                speaker = speaker_find(name=addition.get("speaker", ""), article=article)
            deadline = addition.get("deadline")
            prediction_record(
                article=article,
                comment=comment,
                quote=addition["quote"],
                occurrence=1,  # _locate found its first occurrence
                claim=addition["claim"],
                probability=addition["probability"],
                speaker=speaker or addition.get("speaker"),
                speaker_role=role,
                polarity=addition.get("polarity", Prediction.Polarity.POSITIVE),
                hedge=addition.get("hedge", ""),
                deadline=parse_date(deadline) if deadline else None,
                deadline_text=addition.get("deadline_text", ""),
                by=by,
            )
            tally.added += 1

    def _locate(self, articles: list[Article], quote: str) -> tuple[Article, Comment | None, int]:
        """The one article or comment whose text contains ``quote``, and where."""
        places = []
        for article in articles:
            if quote in article.body:
                places.append((article, None, article.body.index(quote)))
            for comment in article.comments.select_related("author"):
                if quote in comment.body:
                    places.append((article, comment, comment.body.index(quote)))
        if len(places) != 1:
            raise CommandError(f"{quote!r}: found {len(places)} times in the demo documents")
        return places[0]

    def _review(self, resolution: Resolution, *, events: dict[str, Event], tally: Tally, by):
        """Accept the resolution's candidates into one claim, then resolve it."""
        if not resolution.predictions:
            return
        accepted = [
            p
            for p in resolution.predictions
            if p.status == Prediction.Status.ACCEPTED and p.claim_id
        ]
        claim = accepted[0].claim if accepted else None
        event = events.get(resolution.event) if resolution.event else None
        if resolution.event and event is None:
            raise CommandError(f"event {resolution.event!r} is not in the events file")
        if claim is None and resolution.claim_text:
            claim = self._claim(resolution.claim_text, event=event, by=by)
        for prediction in resolution.predictions:
            if prediction.status == Prediction.Status.ACCEPTED:
                tally.already_accepted += 1
                continue
            prediction = prediction_accept(prediction=prediction, by=by, claim=claim)
            claim = claim or prediction.claim
            tally.accepted += 1
        tally.claims.add(claim.pk)

        if resolution.state == _OPEN:
            return
        claim.refresh_from_db()
        if claim.state != Claim.State.OPEN:
            tally.already_resolved += 1
            return
        on = timezone.localdate() if resolution.on == "today" else parse_date(resolution.on)
        judgements = claim_resolve(
            claim=claim, state=resolution.state, on=on, event=event, note=resolution.note, by=by
        )
        tally.resolved += 1
        tally.judgements += len(judgements)

    def _claim(self, text: str, *, event: Event | None, by) -> Claim:
        """The claim stating ``text``: an existing one the archive suggests, else a new one."""
        for suggestion, _score in claim_suggestions(text=text, limit=3):
            if normalise(suggestion.text) == normalise(text):
                return suggestion
        tags = [tag.name for tag in event.tags.all()] if event is not None else []
        return claim_create(text=text, tags=tags, by=by)

    def _report(self, label: str, tally: Tally) -> None:
        write = self.stdout.write
        write(f"{label}:")
        write(f"  events: {tally.events_new} recorded, {tally.events_known} already recorded")
        write(
            f"  documents: {tally.imported} imported, {tally.duplicates} duplicates, "
            f"{tally.failed} failed"
        )
        write(
            f"  extraction: {tally.candidates} candidates from {tally.extracted_articles} articles"
        )
        if tally.missing:
            write(f"  missed by the extractor ({len(tally.missing)}):")
            for phrase in tally.missing:
                write(f"    - {phrase}")
        write(
            f"  review: {tally.corrected} candidates corrected, {tally.added} predictions added "
            f"by hand, {tally.accepted} accepted ({tally.already_accepted} already accepted) "
            f"into {len(tally.claims)} claims"
        )
        write(
            f"  resolution: {tally.resolved} claims resolved with {tally.judgements} judgements "
            f"({tally.already_resolved} already resolved)"
        )

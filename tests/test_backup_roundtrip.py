"""A dump of the whole archive loads back exactly, history included (README, "Backup and restore").

The dump is the one the README documents: ``dumpdata --natural-foreign`` without content types,
permissions, the admin log and sessions (a freshly migrated database makes its own). It is
loaded into the emptied database, which is then dumped again: the two dumps must be identical.
"""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from predictions.models import ClaimResolution, Judgement, LeaderboardEntry, Prediction
from predictions.services.resolution import claim_resolve, claim_unresolve
from predictions.services.review import prediction_reject
from predictions.services.scores import leaderboards_recompute
from tests.api.conftest import grant
from tests.factories import (
    ClaimFactory,
    CommentFactory,
    EventFactory,
    PredictionFactory,
    TagFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

EXCLUDE = ["contenttypes", "auth.permission", "admin.logentry", "sessions"]


def _dump() -> str:
    out = io.StringIO()
    call_command(
        "dumpdata",
        "--natural-foreign",
        *[f"--exclude={name}" for name in EXCLUDE],
        "--indent=1",
        stdout=out,
    )
    # Django's JSON encoder writes times to the millisecond and leaves ".000" out only when the
    # microseconds are 0: a time of 1-999 µs is written ".000Z" before the round trip and "Z"
    # after it. The same instant at the dump's precision, so the two spellings are one here.
    return re.sub(r'\.000(Z|[+-]\d\d:\d\d)"', r'\1"', out.getvalue())


def _archive_with_a_corrected_history():
    """Resolve, un-resolve, reject one prediction, resolve again: the sequence that broke."""
    editor = grant(UserFactory(username="chief"), "review", "resolve")
    claim = ClaimFactory()
    claim.tags.add(TagFactory(name="elections"))
    event = EventFactory(occurred_on=datetime.date(2015, 1, 10))
    kept = PredictionFactory(claim=claim, probability=0.9)
    comment = CommentFactory()
    dropped = PredictionFactory(
        claim=claim,
        article=comment.article,
        comment=comment,
        quote="the mayor will resign",
        start=8,
        probability=0.3,
    )
    claim_resolve(claim=claim, state="occurred", on=None, event=event, by=editor)
    claim_unresolve(claim=claim, note="wrong event", by=editor)
    prediction_reject(prediction=dropped, by=editor, note="not a forecast")
    claim_resolve(claim=claim, state="occurred", on=datetime.date(2015, 2, 1), by=editor)
    leaderboards_recompute()
    return kept, dropped


def test_dump_and_load_restore_the_archive_exactly(tmp_path):
    kept, dropped = _archive_with_a_corrected_history()
    assert Judgement.objects.filter(prediction=dropped).count() == 2  # yes, then withdrawn
    before = _dump()
    backup = tmp_path / "archive.json"
    backup.write_text(before)

    call_command("flush", interactive=False, verbosity=0)
    assert not Prediction.objects.exists()
    call_command("loaddata", str(backup), verbosity=0)

    assert _dump() == before
    assert ClaimResolution.objects.count() == 3
    assert LeaderboardEntry.objects.exists()
    kept.refresh_from_db()
    assert kept.outcome == "yes"


def test_the_database_still_refuses_a_new_judgement_of_a_rejected_prediction():
    _, dropped = _archive_with_a_corrected_history()
    with pytest.raises(IntegrityError), transaction.atomic():
        Judgement.objects.create(prediction=dropped, outcome="yes", judged_at=timezone.now())


def test_the_database_refuses_to_delete_a_judgement():
    kept, _ = _archive_with_a_corrected_history()
    judgement = kept.judgements.first()
    table = Judgement._meta.db_table
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [judgement.pk])  # noqa: S608
    assert Judgement.objects.filter(pk=judgement.pk).exists()

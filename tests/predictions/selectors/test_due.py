"""Due predictions and the resolve_due command."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from predictions.selectors.due import predictions_due, predictions_due_soon
from tests.factories import CandidateFactory, ClaimFactory, PredictionFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2015, 6, 1)


def test_due_and_due_soon(django_assert_num_queries):
    past = PredictionFactory(deadline=datetime.date(2015, 3, 31))
    PredictionFactory(deadline=None)
    soon = PredictionFactory(deadline=datetime.date(2015, 6, 20))
    CandidateFactory(deadline=datetime.date(2015, 1, 1))
    judged = PredictionFactory(deadline=datetime.date(2015, 1, 1))
    from predictions.services.resolution import prediction_judge

    prediction_judge(prediction=judged, outcome="no", by=None)
    with django_assert_num_queries(1):
        rows = [(p, p.speaker.name, p.claim.text) for p in predictions_due(today=TODAY)]
    assert [p for p, *_ in rows] == [past]
    assert list(predictions_due_soon(days=30, today=TODAY)) == [soon]
    assert list(predictions_due_soon(days=5, today=TODAY)) == []


def test_resolve_due_lists_and_marks_checked_claims_no():
    checked = ClaimFactory(checked_not_occurred_on=datetime.date(2015, 5, 1))
    marked = PredictionFactory(claim=checked, deadline=datetime.date(2015, 3, 31), probability=0.7)
    # Checked before this prediction's deadline: it may still have come true in time.
    early_check = ClaimFactory(checked_not_occurred_on=datetime.date(2015, 1, 1))
    left = PredictionFactory(claim=early_check, deadline=datetime.date(2015, 3, 31))
    out = io.StringIO()
    call_command("resolve_due", "--as-of", "2015-06-01", stdout=out)
    text = out.getvalue()
    assert f"{marked.pk}\t2015-03-31\t{marked.speaker.name}\t{checked.text}" in text
    assert text.strip().endswith("2 prediction(s) due as of 2015-06-01.")

    out = io.StringIO()
    call_command("resolve_due", "--as-of", "2015-06-01", "--mark-no", stdout=out)
    assert "1 marked NO" in out.getvalue()
    marked.refresh_from_db()
    left.refresh_from_db()
    assert marked.outcome == "no" and marked.brier == pytest.approx(0.49)
    assert marked.judgements.get().note.startswith("deadline 2015-03-31 passed")
    assert left.outcome is None
    out = io.StringIO()
    call_command("resolve_due", "--as-of", "2015-06-01", "--mark-no", stdout=out)
    assert "1 prediction(s) due" in out.getvalue() and "0 marked NO" in out.getvalue()


def test_resolve_due_bad_date():
    with pytest.raises(CommandError, match="--as-of"):
        call_command("resolve_due", "--as-of", "soon")

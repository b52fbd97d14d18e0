"""The rules that turn a claim's resolution into one prediction's outcome (DESIGN.md, "Resolve").

Pure: states and dates in, an outcome (or ``None``, "no verdict yet") out. The resolution service
applies them to every accepted prediction of a claim at once; tests run them as a table.

Outcomes are relative to the claim, never to what the speaker said: a prediction's probability
is already P(claim), so "yes" means the claim came true by this prediction's deadline whatever
its polarity.
"""

from __future__ import annotations

import datetime

# A claim's states (``Claim.State`` is built from these).
OPEN = "open"
OCCURRED = "occurred"
NOT_OCCURRED = "not_occurred"
ANNULLED = "annulled"
AMBIGUOUS = "ambiguous"
CLAIM_STATES = (OPEN, OCCURRED, NOT_OCCURRED, ANNULLED, AMBIGUOUS)

# A prediction's outcomes (``Prediction.Outcome`` and ``Judgement.Outcome`` are built from these).
YES = "yes"
NO = "no"
OUTCOMES = (YES, NO, AMBIGUOUS, ANNULLED)
# The outcomes a prediction is scored on: the claim came true by the deadline, or it did not.
SCORED_OUTCOMES = (YES, NO)
VOID_OUTCOMES = (AMBIGUOUS, ANNULLED)

# A condition in one of these states never held, so a forecast made on it cannot be scored.
FAILED_CONDITION_STATES = frozenset({NOT_OCCURRED, ANNULLED})


def effective_deadline(
    *,
    deadline: datetime.date | None,
    made_on: datetime.date | None,
    horizon_days: int,
) -> datetime.date | None:
    """The day a forecast is judged by: its own deadline, else ``horizon_days`` after it was made.

    None only when neither is known. A horizon past the end of the calendar is the calendar's
    last day.
    """
    if deadline is not None:
        return deadline
    if made_on is None:
        return None
    try:
        return made_on + datetime.timedelta(days=horizon_days)
    except OverflowError:
        return datetime.date.max


def outcome_for(
    *,
    state: str,
    on: datetime.date | None,
    deadline: datetime.date | None,
    condition_state: str | None = None,
) -> str | None:
    """The outcome of one prediction of a claim in ``state`` (resolved ``on``), or None.

    ``deadline`` is the prediction's effective deadline (``effective_deadline``): None only for
    a forecast with neither a deadline nor a day it was made. ``condition_state`` is the state
    of the claim the prediction was conditioned on (None when
    it had no condition claim). A prediction whose condition is still open waits for it: the
    forecast "if X then Y" says nothing until X is known.
    """
    if condition_state in FAILED_CONDITION_STATES:
        return ANNULLED
    if state == OPEN:
        return None
    if condition_state == OPEN:
        return None
    if condition_state == AMBIGUOUS:
        return AMBIGUOUS
    if state == ANNULLED:
        return ANNULLED
    if state == AMBIGUOUS:
        return AMBIGUOUS
    if state == OCCURRED:
        if on is None:
            raise ValueError("an occurred claim needs the day it occurred")
        if deadline is None or on <= deadline:
            return YES
        return NO
    if state == NOT_OCCURRED:
        if on is None:
            raise ValueError("a claim that did not occur needs the day it was checked")
        # A deadline after ``on`` is still running.
        if deadline is not None and deadline <= on:
            return NO
        return None
    raise ValueError(f"unknown claim state {state!r}")

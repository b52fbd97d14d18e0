"""Pure forecast extraction: a document part in, forecast candidates out (no database).

``extract(part)`` finds the sentences that forecast something, who says so, the claim, how
sure they sound and by when. The pieces live in modules named by role: ``sentences``,
``cues`` (with one finder per cue kind in ``cue_kinds`` and ``cue_outlook``, plans in
``plans``, and what a commenter reports from other texts in ``quoting``), ``odds``,
``hedges`` with ``lexicon``, ``attribution`` with the ``people`` a text names and the learned
``speaker_model`` (its features in ``speaker_features``, its weights in
``speaker_weights.json``), ``conditions``, ``claims``, ``deadlines`` with ``timex``
(``timex_patterns``, ``timex_values``), ``holidays`` and ``election_phrases``; ``pipeline``
joins them.
"""

from predictions.extraction.events import KnownEvent
from predictions.extraction.parts import Candidate, Part
from predictions.extraction.pipeline import extract

# Recorded on every saved prediction; raise it when a change alters what is extracted.
EXTRACTOR_VERSION = "2.1"

__all__ = ["EXTRACTOR_VERSION", "Candidate", "KnownEvent", "Part", "extract"]

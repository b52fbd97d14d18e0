"""Pure scoring maths: numbers in, numbers and dataclasses out. No Django here.

- ``rules``: Brier and log score of one forecast (the log clamped, see ``LOG_EPSILON``).
- ``calibration``: calibration bins over 0-100%.
- ``decomposition``: the Murphy decomposition of the Brier score.
- ``intervals``: confidence intervals for a mean Brier score and for frequencies.
- ``ranking``: the small-sample adjustment boards rank by.
"""

from predictions.scoring.calibration import (
    DEFAULT_BINS,
    BinSums,
    CalibrationBin,
    bin_index,
    bins_from_sums,
    calibration_bins,
)
from predictions.scoring.decomposition import Decomposition, murphy_decomposition
from predictions.scoring.intervals import (
    Interval,
    bootstrap_mean_interval,
    mean_interval,
    wilson_interval,
)
from predictions.scoring.ranking import DEFAULT_PRIOR_WEIGHT, Standing, assign_ranks, shrunk_mean
from predictions.scoring.rules import EVEN, LOG_EPSILON, brier, clamp, is_correct, log_score

__all__ = [
    "DEFAULT_BINS",
    "DEFAULT_PRIOR_WEIGHT",
    "EVEN",
    "LOG_EPSILON",
    "BinSums",
    "CalibrationBin",
    "Decomposition",
    "Interval",
    "Standing",
    "assign_ranks",
    "bin_index",
    "bins_from_sums",
    "bootstrap_mean_interval",
    "brier",
    "calibration_bins",
    "clamp",
    "is_correct",
    "log_score",
    "mean_interval",
    "murphy_decomposition",
    "shrunk_mean",
    "wilson_interval",
]

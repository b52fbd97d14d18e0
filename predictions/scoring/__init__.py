"""Pure scoring maths: numbers in, numbers and dataclasses out. No Django here.

- ``rules``: Brier and log score of one forecast (the log clamped, see ``LOG_EPSILON``).
- ``calibration``: calibration bins over 0-100%.
- ``decomposition``: the Murphy decomposition of the Brier score.
- ``intervals``: confidence intervals for a mean Brier score and for frequencies.
- ``ranking``: the small-sample adjustment boards rank by.
- ``sums``: the exact integer sums a stored board row is updated by.
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
from predictions.scoring.ranking import (
    DEFAULT_PRIOR_WEIGHT,
    Standing,
    assign_ranks,
    shrunk_mean,
    shrunk_total,
)
from predictions.scoring.rules import EVEN, LOG_EPSILON, brier, clamp, is_correct, log_score
from predictions.scoring.sums import SCALE, RowSums, to_fixed

__all__ = [
    "DEFAULT_BINS",
    "DEFAULT_PRIOR_WEIGHT",
    "EVEN",
    "SCALE",
    "LOG_EPSILON",
    "BinSums",
    "CalibrationBin",
    "Decomposition",
    "Interval",
    "RowSums",
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
    "shrunk_total",
    "to_fixed",
    "wilson_interval",
]

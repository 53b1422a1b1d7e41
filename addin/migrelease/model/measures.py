"""The release's measures: pure, element-wise over scalars, lists and numpy arrays of any shape.

"Not available" is NaN: a missing input or a zero denominator gives NaN, never 0 and never inf.
Percentages and rates carry one decimal, rounded as Excel's ROUND does.
"""

from __future__ import annotations

import numpy as np

from migrelease.model.rounding import excel_round

PERCENT_DECIMALS = 1


def _as_float_array(values) -> np.ndarray:
    return np.asarray(values, dtype=float)


def _finish(result: np.ndarray):
    result = np.asarray(result, dtype=float)
    if not np.isfinite(result).all():  # the common all-finite case costs one pass, no copy
        result = np.where(np.isfinite(result), result, np.nan)
    return result.item() if result.ndim == 0 else result


def _safe_ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """numerator / denominator, NaN where the denominator is 0 (one pass: the division skips those cells)."""
    shape = np.broadcast_shapes(numerator.shape, denominator.shape)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return np.divide(numerator, denominator, out=np.full(shape, np.nan), where=denominator != 0)


def balance(arrivals, departures):
    """Net migration: arrivals - departures."""
    return _finish(_as_float_array(arrivals) - _as_float_array(departures))


def share(part, total):
    """part as a percentage of total, one decimal."""
    ratio = _safe_ratio(_as_float_array(part), _as_float_array(total))
    return _finish(excel_round(ratio * 100.0, PERCENT_DECIMALS))


def change(current, previous):
    """Change of current versus previous (the same period a year earlier) in %, one decimal."""
    ratio = _safe_ratio(_as_float_array(current), _as_float_array(previous))
    return _finish(excel_round((ratio - 1.0) * 100.0, PERCENT_DECIMALS))


def intensity(migrants, population, months=12):
    """Migrants per 1,000 population, annualised from `months` months, one decimal."""
    months = _as_float_array(months)
    annualising = _safe_ratio(np.full(np.shape(months), 12.0), np.where(months > 0, months, 0.0))
    per_thousand = _safe_ratio(_as_float_array(migrants), _as_float_array(population)) * 1000.0
    return _finish(excel_round(per_thousand * annualising, PERCENT_DECIMALS))


def times(current, previous):
    """How many times current is of previous (for "increased 2.4 times"), one decimal."""
    ratio = _safe_ratio(_as_float_array(current), _as_float_array(previous))
    return _finish(excel_round(ratio, PERCENT_DECIMALS))

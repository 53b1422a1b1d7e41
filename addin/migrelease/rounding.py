"""Rounding exactly as Excel's ROUND shows it: half away from zero, on the 15-significant-digit value."""

from __future__ import annotations

import numpy as np

# Excel rounds the decimal value it displays (15 significant digits), so 1.005 -> 1.01 although the binary
# double is 1.00499999999999989... A relative nudge of 1e-15 turns such binary near-ties into ties while
# leaving every value that differs from a tie within 15 significant digits untouched.
_FIFTEEN_DIGIT_NUDGE = 1e-15


def excel_round(values, digits: int = 1):
    """ROUND(values, digits) element-wise; NaN (not available) stays NaN, infinities become NaN."""
    x = np.asarray(values, dtype=float)
    scale = 10.0**digits
    with np.errstate(over="ignore", invalid="ignore"):
        magnitude = np.abs(x) * scale
        rounded = np.floor(magnitude * (1.0 + _FIFTEEN_DIGIT_NUDGE) + 0.5) / scale
    result = np.copysign(rounded, x)
    result = np.where(np.isfinite(result), result, np.nan)
    return result.item() if result.ndim == 0 else result

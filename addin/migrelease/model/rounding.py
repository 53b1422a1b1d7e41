"""Rounding exactly as Excel's ROUND shows it: half away from zero, on the 15-significant-digit value.

Excel rounds the decimal number it displays, which has 15 significant digits: ROUND(1.005, 2) is 1.01 although
the binary double is 1.00499999999999989…, and ROUND((10225/10000-1)*100, 1) is 2.3 although the double is
2.2499999999999964. So the value is first taken to 15 significant digits as an exact integer N (a double holds
integers below 2**53 exactly), and that integer is rounded half away from zero.
"""

from __future__ import annotations

import numpy as np

SIGNIFICANT_DIGITS = 15


def excel_round(values, digits: int = 1):
    """ROUND(values, digits) element-wise; NaN (not available) stays NaN, infinities become NaN."""
    x = np.asarray(values, dtype=float)
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        magnitude = np.abs(x)
        positive = np.isfinite(magnitude) & (magnitude > 0)
        exponent = np.floor(np.log10(np.where(positive, magnitude, 1.0)))
        # N has exactly 15 digits: magnitude = N * 10**(exponent - 14)
        shift = (SIGNIFICANT_DIGITS - 1) - exponent
        digits15 = np.round(magnitude * 10.0**shift)
        too_long = digits15 >= 10.0**SIGNIFICANT_DIGITS  # log10 undershot at an exact power of ten
        shift = np.where(too_long, shift - 1, shift)
        digits15 = np.where(too_long, np.round(magnitude * 10.0**shift), digits15)
        # Round N to `digits` decimals: drop the last (shift - digits) of its digits, half away from zero.
        dropped = shift - digits
        kept = np.where(dropped > 0, np.floor(digits15 / 10.0**dropped + 0.5), digits15)
        rounded = np.where(dropped > 0, kept / 10.0**digits, magnitude)
        result = np.where(positive, np.copysign(rounded, x), np.where(magnitude == 0, 0.0 * x, np.nan))
    return result.item() if result.ndim == 0 else result

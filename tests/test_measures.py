import math
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pytest

from migrelease.model.measures import balance, change, intensity, share, times
from migrelease.model.rounding import excel_round


@pytest.mark.parametrize("value, digits, expected", [
    (2.25, 1, 2.3), (-2.25, 1, -2.3), (2.35, 1, 2.4), (-0.05, 1, -0.1), (0.04999, 1, 0.0),
    (1.005, 2, 1.01), (2.675, 2, 2.68), (-2.675, 2, -2.68), (0.285, 2, 0.29), (1.0049, 2, 1.0),
    (8.345, 2, 8.35), ((10225 / 10000 - 1) * 100, 1, 2.3), ((2045 / 2000 - 1) * 100, 1, 2.3), (1234.5, 0, 1235.0), (-1234.5, 0, -1235.0), (0.0, 1, 0.0),
])
def test_excel_round_half_away_from_zero_on_displayed_value(value, digits, expected):
    assert excel_round(value, digits) == expected


def test_excel_round_matches_decimal_rounding_of_the_15_digit_value():
    rng = np.random.default_rng(7)
    values = np.concatenate([rng.integers(-10**6, 10**6, 5000) / 1000.0, rng.integers(-10**5, 10**5, 5000) / 200.0])
    ours = excel_round(values, 2)
    reference = [float(Decimal(f"{v:.15g}").quantize(Decimal("0.01"), ROUND_HALF_UP)) for v in values]
    assert np.array_equal(ours, np.array(reference))


def test_measures_against_hand_computed_values():
    assert balance(6197, 989) == 5208
    assert change(6197, 4922) == 25.9  # 25.904...
    assert change(989, 1123) == -11.9  # -11.932...
    assert share(4425, 6197) == 71.4
    assert share(570, 989) == 57.6
    assert change(9, 8) == 12.5 and change(1, 8) == -87.5
    assert share(1, 8) == 12.5 and share(1, 16) == 6.3  # 6.25 -> 6.3, half away from zero
    assert change(8, 16) == -50.0
    assert intensity(250, 20_000, months=3) == 50.0  # 12.5 per 1,000 in 3 months -> 50 a year
    assert intensity(1, 3000) == 0.3
    assert times(24, 10) == 2.4


@pytest.mark.parametrize("fn", [share, change, intensity, times])
def test_zero_or_missing_denominator_is_not_available(fn):
    for denominator in (0, None, math.nan):
        result = fn(5, denominator)
        assert math.isnan(result), (fn.__name__, denominator, result)
    assert math.isnan(fn(None, 5))


def test_intensity_with_zero_months_is_not_available():
    assert math.isnan(intensity(5, 100, months=0))


def test_measures_are_elementwise_over_any_shape():
    current = np.array([[6197, 10], [0, 5]])
    previous = np.array([[4922, 0], [3, 5]])
    result = change(current, previous)
    assert result.shape == (2, 2)
    assert result[0, 0] == 25.9 and math.isnan(result[0, 1]) and result[1, 0] == -100.0 and result[1, 1] == 0.0
    assert list(balance([1, 2, None], [0, 5, 1])[:2]) == [1.0, -3.0]
    assert isinstance(share(1, 4), float)
    big = np.arange(1, 1_000_001, dtype=float).reshape(1000, 1000)
    assert change(big, big).shape == (1000, 1000) and not np.any(change(big, big))


def test_no_infinity_ever():
    values = change(np.array([1e308, 5, -5]), np.array([1e-308, 0, 0]))
    assert not np.isinf(values).any()



def test_change_follows_excels_float_formula_not_exact_arithmetic():
    # (4698/4320 - 1) * 100 is 8.75 exactly, but Excel (and LibreOffice) evaluate it in binary as
    # 8.74999999999999 at 15 digits, so =ROUND((4698/4320-1)*100,1) shows 8.7: the release must too.
    assert change(4698, 4320) == 8.7
    assert share(35, 400) == 8.8  # 8.75 here survives the float formula: a tie, away from zero

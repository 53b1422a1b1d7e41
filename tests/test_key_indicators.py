"""Every number the key points quote is a value of the Key indicators sheet, whichever sentence the data calls
for — also "increased N times" and "decreased N times", which the sample never needs."""

from __future__ import annotations

import re

import pytest

from migrelease.filedoor.csv_source import read_csv_table
from migrelease.model.facts import DATA, validate
from migrelease.sheets.blocks import Formula
from migrelease.sheets.key_sheets import KEY_INDICATORS_SHEET
from migrelease.sheets.plan import plan_refresh

from conftest import SAMPLE_DATA


def _plan(factor: dict[tuple[str, str], float]):
    """The sample with this year's January–March counts of (flow, direction) multiplied by a factor."""
    facts = validate(read_csv_table(SAMPLE_DATA), DATA).copy()
    for (flow, direction), multiplier in factor.items():
        rows = (facts["year"] == 2026) & (facts["flow"] == flow) & (facts["direction"] == direction)
        facts.loc[rows, "people"] = (facts.loc[rows, "people"] * multiplier).round().astype(facts["people"].dtype)
    return plan_refresh(facts, None, None, None, "sheet 'Data'", {})


def _indicator_values(plan) -> set[str]:
    layout = next(layout for layout in plan.layouts if layout.name == KEY_INDICATORS_SHEET)
    values = set()
    for block in layout.blocks:
        for row in block.values:
            for value in row:
                if isinstance(value, Formula) and isinstance(value.value, (int, float)):
                    number = float(value.value)
                    values.add(f"{number:.1f}".replace(".", ",").removesuffix(",0"))
    return values


@pytest.mark.parametrize("factor, words", [
    ({("cis", "arrival"): 3.0, ("other", "arrival"): 3.0}, "increased"),
    ({("cis", "departure"): 0.2, ("other", "departure"): 0.2}, "decreased"),
    ({("interregional", "arrival"): 3, ("intraregional", "arrival"): 3,
      ("interregional", "departure"): 3, ("intraregional", "departure"): 3}, "increased"),
])
def test_times_in_the_text_are_key_indicator_values(factor, words):
    plan = _plan(factor)
    text = " ".join(plan.release.key_points["en"])
    quoted = re.findall(rf"{words} (\d+(?:,\d+)?) times", text)
    assert quoted, text
    assert set(quoted) <= _indicator_values(plan), (quoted, text)

"""Validated facts as a cube: period x region x flow x direction, with derived flows and the country total.

Every figure the release shows comes from `MigrationCube.figures`, so the tables and the text cannot disagree.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from migrelease.model.facts import DIRECTIONS, FLOWS
from migrelease.model.measures import balance
from migrelease.model.periods import Span
from migrelease.model.regions import regions

# Derived flows as sums of the four input flows.
FLOW_GROUPS: dict[str, tuple[str, ...]] = {
    "cis": ("cis",),
    "other": ("other",),
    "external": ("cis", "other"),
    "interregional": ("interregional",),
    "intraregional": ("intraregional",),
    "internal": ("interregional", "intraregional"),
    "all": FLOWS,
}
MEASURES = ("arrival", "departure", "balance")


class MigrationCube:
    """Counts by month (and by year where the data has annual rows) for every region, flow and direction."""

    def __init__(self, facts: pd.DataFrame):
        region_position = {region.kato: i for i, region in enumerate(regions())}
        flow_position = {flow: i for i, flow in enumerate(FLOWS)}
        direction_position = {direction: i for i, direction in enumerate(DIRECTIONS)}
        shape_per_period = (len(region_position), len(FLOWS), len(DIRECTIONS))

        def fill(rows: pd.DataFrame, period_keys: list) -> np.ndarray:
            grid = np.full((len(period_keys), *shape_per_period), np.nan)
            period_position = {key: i for i, key in enumerate(period_keys)}
            keys = rows["year"].to_numpy() * 100 + rows["month"].to_numpy()
            grid[
                np.array([period_position[key] for key in keys], dtype=np.int64),
                rows["region"].map(region_position).to_numpy(dtype=np.int64),
                rows["flow"].map(flow_position).to_numpy(dtype=np.int64),
                rows["direction"].map(direction_position).to_numpy(dtype=np.int64),
            ] = rows["people"].to_numpy(dtype=float)
            return grid

        monthly_rows = facts[facts["month"] > 0]
        annual_rows = facts[facts["month"] == 0]
        self._month_keys = sorted(set((monthly_rows["year"] * 100 + monthly_rows["month"]).tolist()))
        self._year_keys = sorted(set((annual_rows["year"] * 100).tolist()))
        self._months = fill(monthly_rows, self._month_keys)
        self._years = fill(annual_rows, self._year_keys)
        self._month_index = {key: i for i, key in enumerate(self._month_keys)}
        self._year_index = {key // 100: i for i, key in enumerate(self._year_keys)}
        self._empty = np.full(shape_per_period, np.nan)

    # --- what the data covers -------------------------------------------------------------------------
    @property
    def latest_month(self) -> tuple[int, int] | None:
        if not self._month_keys:
            return None
        return divmod(self._month_keys[-1], 100)

    @property
    def years(self) -> list[int]:
        """Every year the data touches, from the first to the last, gaps included."""
        touched = {key // 100 for key in self._month_keys} | set(self._year_index)
        return list(range(min(touched), max(touched) + 1)) if touched else []

    def has_month(self, year: int, month: int) -> bool:
        return year * 100 + month in self._month_index

    # --- figures ----------------------------------------------------------------------------------------
    def _month_grid(self, year: int, month: int) -> np.ndarray:
        index = self._month_index.get(year * 100 + month)
        return self._empty if index is None else self._months[index]

    def _span_grid(self, span: Span) -> np.ndarray:
        """region x flow x direction counts for a span; NaN where any month of it is missing."""
        summed = np.sum([self._month_grid(span.year, month) for month in span.months], axis=0)
        if span.is_full_year and span.year in self._year_index:
            annual = self._years[self._year_index[span.year]]
            summed = np.where(np.isnan(annual), summed, annual)
        return summed

    def figures(self, span: Span, flow_group: str, measure: str) -> np.ndarray:
        """Country first, then the 20 regions in table order; NaN = not available."""
        flows = [FLOWS.index(flow) for flow in FLOW_GROUPS[flow_group]]
        by_direction = self._span_grid(span)[:, flows, :].sum(axis=1)
        if measure == "balance":
            by_region = balance(by_direction[:, 0], by_direction[:, 1])
        else:
            by_region = by_direction[:, DIRECTIONS.index(measure)]
        return np.concatenate([[by_region.sum()], by_region])

    def monthly_grid(self) -> tuple[list[tuple[int, int]], np.ndarray]:
        """All month keys and the raw month x region x flow x direction array (for consistency checks)."""
        return [divmod(key, 100) for key in self._month_keys], self._months

    def annual_grid(self) -> tuple[list[int], np.ndarray]:
        return [key // 100 for key in self._year_keys], self._years

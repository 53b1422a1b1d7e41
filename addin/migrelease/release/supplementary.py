"""Supplementary figures from the optional input sheets: migration intensity per 1,000 population (Population)
and the structure of external migration by ethnic group (Ethnicity), computed once per release with the release's
measures; NaN = not available."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from migrelease.model.cube import MEASURES, MigrationCube
from migrelease.model.measures import intensity, share
from migrelease.model.periods import Span
from migrelease.model.regions import COUNTRY, Region, regions

# The flow groups whose intensity the release shows, and the codes of their sheets (like the dynamic tables'
# codes, sheet names are codes, the same in every language).
INTENSITY_SHEETS = {"external": "Rate_Ext", "internal": "Rate_Int"}
INTENSITY_FLOWS = tuple(INTENSITY_SHEETS)
ETHNIC_SHEET = "Ethnic"


@dataclass(frozen=True)
class IntensityFrame:
    """Counts and annualised rates per 1,000 population of one flow for the release period, by region."""
    flow_group: str
    span: Span
    rows: tuple[Region, ...]  # the country, then the 20 regions
    population: np.ndarray  # on 1 January of span.year; NaN = not available
    counts: dict[str, np.ndarray]  # measure -> people
    rates: dict[str, np.ndarray]  # measure -> per 1,000 population, annualised, one decimal


@dataclass(frozen=True)
class EthnicFrame:
    """External arrivals and departures by ethnic group for the release period, and their shares in %."""
    span: Span
    groups: tuple[str, ...]  # as first met in the Ethnicity sheet
    counts: dict[str, np.ndarray]  # direction -> people by group
    totals: dict[str, float]  # direction -> all groups
    shares: dict[str, np.ndarray]  # direction -> % of the total by group


def population_on_1_january(population: pd.DataFrame, year: int) -> np.ndarray:
    """Country (sum of the regions; NaN if any is missing), then the 20 regions."""
    of_year = population[population["year"] == year]
    by_region = dict(zip(of_year["region"], of_year["population"].astype(float)))
    values = np.array([by_region.get(region.kato, np.nan) for region in regions()])
    return np.concatenate([[values.sum()], values])


def intensity_frame(cube: MigrationCube, population: pd.DataFrame, span: Span, flow_group: str) -> IntensityFrame:
    on_1_january = population_on_1_january(population, span.year)
    counts = {measure: cube.figures(span, flow_group, measure) for measure in MEASURES}
    rates = {measure: np.asarray(intensity(counts[measure], on_1_january, span.month_count), dtype=float)
             for measure in MEASURES}
    return IntensityFrame(flow_group, span, (COUNTRY, *regions()), on_1_january, counts, rates)


def _period_counts(ethnicity: pd.DataFrame, span: Span, direction: str, groups: tuple[str, ...]) -> np.ndarray:
    rows = ethnicity[(ethnicity["direction"] == direction) & (ethnicity["year"] == span.year)]
    annual = rows[rows["month"] == 0]
    if span.is_full_year and len(annual):
        by_group = dict(zip(annual["ethnic_group"], annual["people"].astype(float)))
        return np.array([by_group.get(group, np.nan) for group in groups])
    monthly = rows[rows["month"].isin(list(span.months))]
    values = []
    for group in groups:
        of_group = monthly[monthly["ethnic_group"] == group]
        complete = set(of_group["month"]) == set(span.months)
        values.append(float(of_group["people"].sum()) if complete else np.nan)
    return np.array(values)


def ethnic_frame(ethnicity: pd.DataFrame, span: Span) -> EthnicFrame:
    groups = tuple(dict.fromkeys(ethnicity["ethnic_group"]))
    counts, totals, shares = {}, {}, {}
    for direction in ("arrival", "departure"):
        counts[direction] = _period_counts(ethnicity, span, direction, groups)
        totals[direction] = float(counts[direction].sum())  # NaN when any group is not available
        shares[direction] = np.asarray(share(counts[direction], totals[direction]), dtype=float)
    return EthnicFrame(span, groups, counts, totals, shares)


def intensity_frames(cube: MigrationCube, population: pd.DataFrame | None, span: Span) -> dict[str, IntensityFrame]:
    """Intensity of external and internal migration, when there is a Population sheet ({} otherwise)."""
    if population is None:
        return {}
    return {flow: intensity_frame(cube, population, span, flow) for flow in INTENSITY_FLOWS}

"""Supplementary tables from the optional input sheets: migration intensity per 1,000 population (Population)
and the structure of external migration by ethnic group (Ethnicity), as data frames and as sheet layouts.

Each is computed once per release (kept in `release.extras`) with the release's measures; NaN = not available.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .cube import MEASURES
from .layout import (HEADER_ROW, NOT_AVAILABLE, SOURCE_LINE, Block, ExcelTable, SheetLayout, cell_value,
                     span_label, wrapped_height)
from .measures import intensity, share
from .periods import Span
from .publication import NOTE_ETHNIC, NOTE_INTENSITY, NOTE_X, note
from .regions import COUNTRY, Region, regions
from .release import Release

INTENSITY_FLOWS = {"external": ("Rate_Ext", "external migration"),
                   "internal": ("Rate_Int", "internal migration")}
MEASURE_LABELS = {"arrival": "Arrivals", "departure": "Departures", "balance": "Net migration"}
ALL_GROUPS = "All ethnic groups"


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


def intensity_frame(release: Release, flow_group: str) -> IntensityFrame:
    span = release.span
    population = population_on_1_january(release.population, span.year)
    counts = {measure: release.cube.figures(span, flow_group, measure) for measure in MEASURES}
    rates = {measure: np.asarray(intensity(counts[measure], population, span.month_count), dtype=float)
             for measure in MEASURES}
    return IntensityFrame(flow_group, span, (COUNTRY, *regions()), population, counts, rates)


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


def ethnic_frame(release: Release) -> EthnicFrame:
    ethnicity = release.ethnicity
    groups = tuple(dict.fromkeys(ethnicity["ethnic_group"]))
    counts, totals, shares = {}, {}, {}
    for direction in ("arrival", "departure"):
        counts[direction] = _period_counts(ethnicity, release.span, direction, groups)
        totals[direction] = float(counts[direction].sum())  # NaN when any group is not available
        shares[direction] = np.asarray(share(counts[direction], totals[direction]), dtype=float)
    return EthnicFrame(release.span, groups, counts, totals, shares)


def intensity_frames(release: Release) -> dict[str, IntensityFrame]:
    if release.population is None:
        return {}
    if "intensity" not in release.extras:
        release.extras["intensity"] = {flow: intensity_frame(release, flow) for flow in INTENSITY_FLOWS}
    return release.extras["intensity"]


def ethnic_structure(release: Release) -> EthnicFrame | None:
    if release.ethnicity is None:
        return None
    if "ethnic" not in release.extras:
        release.extras["ethnic"] = ethnic_frame(release)
    return release.extras["ethnic"]


# --- sheets -----------------------------------------------------------------------------------------------

def _info_lines(period: str, unit: str) -> tuple:
    return ((f"Period: {period}",), (f"Unit: {unit}",), (SOURCE_LINE,),
            (f"Not available figures are shown as {NOT_AVAILABLE} {note(NOTE_X)}",))


def intensity_title(frame: IntensityFrame) -> str:
    return (f"Intensity of {INTENSITY_FLOWS[frame.flow_group][1]} per 1,000 population, "
            f"{span_label(frame.span)} (annualised)")


def intensity_sheet(frame: IntensityFrame) -> SheetLayout:
    name = INTENSITY_FLOWS[frame.flow_group][0]
    period = span_label(frame.span)
    header = ("Region", f"Population on 1 January {frame.span.year} (people)",
              *(f"{MEASURE_LABELS[m]} (people)" for m in MEASURES),
              *(f"{MEASURE_LABELS[m]} (per 1,000 population)" for m in MEASURES))
    counts = tuple((cell_value(population), *(cell_value(frame.counts[m][i]) for m in MEASURES))
                   for i, population in enumerate(frame.population))
    rates = tuple(tuple(cell_value(frame.rates[m][i]) for m in MEASURES) for i in range(len(frame.rows)))
    last_row = HEADER_ROW + len(frame.rows)
    return SheetLayout(
        name=name,
        description=intensity_title(frame),
        blocks=(
            Block(1, 1, ((f"{intensity_title(frame)} {note(NOTE_INTENSITY)}",),), "title"),
            Block(2, 1, _info_lines(period, "people; migrants per 1,000 population a year (rates)"), "info"),
            Block(HEADER_ROW, 1, (header,), "header"),
            Block(HEADER_ROW + 1, 1, tuple((region.name_en,) for region in frame.rows), "label"),
            Block(HEADER_ROW + 1, 2, counts, "count"),
            Block(HEADER_ROW + 1, 6, rates, "percent"),
        ),
        tables=(ExcelTable(f"T_{name}", HEADER_ROW, 1, last_row, len(header)),),
        column_widths={1: 30, **{column: 16 for column in range(2, len(header) + 1)}},
        row_heights={HEADER_ROW: max(wrapped_height(text, 16) for text in header)},
    )


def ethnic_title(frame: EthnicFrame) -> str:
    return (f"The structure of external migration by selected ethnic groups, as a percentage of the total, "
            f"{span_label(frame.span)}")


ETHNIC_SHEET = "Ethnic"


def ethnic_sheet(frame: EthnicFrame) -> SheetLayout:
    header = ("Ethnic group", "Arrivals (people)", "Arrivals (% of total)", "Departures (people)",
              "Departures (% of total)")
    # The groups come first, right under the header, so the chart's source is one block; the total row closes.
    rows = [(group, cell_value(frame.counts["arrival"][i]), cell_value(frame.shares["arrival"][i]),
             cell_value(frame.counts["departure"][i]), cell_value(frame.shares["departure"][i]))
            for i, group in enumerate(frame.groups)]
    rows.append((ALL_GROUPS, cell_value(frame.totals["arrival"]),
                 cell_value(100.0 if frame.totals["arrival"] > 0 else np.nan),
                 cell_value(frame.totals["departure"]),
                 cell_value(100.0 if frame.totals["departure"] > 0 else np.nan)))
    first = HEADER_ROW + 1
    blocks = [
        Block(1, 1, ((f"{ethnic_title(frame)} {note(NOTE_ETHNIC)}",),), "title"),
        Block(2, 1, _info_lines(span_label(frame.span), "people; % of all external arrivals or departures"),
              "info"),
        Block(HEADER_ROW, 1, (header,), "header"),
        Block(first, 1, tuple((row[0],) for row in rows), "label"),
    ]
    for column in range(1, 5):
        blocks.append(Block(first, column + 1, tuple((row[column],) for row in rows),
                            "count" if column % 2 else "percent"))
    return SheetLayout(
        name=ETHNIC_SHEET,
        description="The structure of external migration by selected ethnic groups, % of the total",
        blocks=tuple(blocks),
        tables=(ExcelTable("T_Ethnic", HEADER_ROW, 1, HEADER_ROW + len(rows), len(header)),),
        column_widths={1: 24, **{column: 18 for column in range(2, len(header) + 1)}},
        row_heights={HEADER_ROW: max(wrapped_height(text, 18) for text in header)},
    )


def supplementary_sheets(release: Release) -> list[SheetLayout]:
    """The intensity sheets when a Population sheet exists, the ethnic structure when an Ethnicity sheet does."""
    sheets = [intensity_sheet(frame) for frame in intensity_frames(release).values()]
    frame = ethnic_structure(release)
    if frame is not None:
        sheets.append(ethnic_sheet(frame))
    return sheets

"""Completeness of the data for the periods a release states: every region x flow x direction of every month of
the reporting span and of its comparison span (or the annual row, when the span is a whole year).

A figure summed over missing rows is false, not "smaller": so a gap is an error unless the user says what it means
(`--missing-rows zero`: an export that leaves out zero counts) or asks for a release that shows what it cannot know
as not available (`--allow-incomplete`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from migrelease.model.facts import DIRECTIONS, FLOWS
from migrelease.model.periods import Span
from migrelease.model.problems import Problem
from migrelease.model.regions import regions

COMBINATIONS = tuple((flow, direction) for flow in FLOWS for direction in DIRECTIONS)
MISSING_ROWS_CHOICES = ("error", "zero")
# A new month more than this after the data's previous latest month is far likelier a typed year than real data.
MAX_MONTHS_AHEAD = 12


def month_label(year: int, month: int) -> str:
    return f"{year}" if month == 0 else f"{year}-{month:02d}"


@dataclass(frozen=True)
class Gap:
    """Rows a span needs that the data lacks: for one region and one month (month 0 = the whole year)."""
    region: str  # KATO
    year: int
    month: int
    missing: tuple[tuple[str, str], ...]  # (flow, direction) pairs, in COMBINATIONS order


def _present_keys(facts: pd.DataFrame) -> set[tuple]:
    return set(zip(facts["year"].tolist(), facts["month"].tolist(), facts["region"].tolist(),
                   facts["flow"].tolist(), facts["direction"].tolist()))


def find_gaps(facts: pd.DataFrame, spans: list[Span]) -> list[Gap]:
    """Every (region, month) of `spans` with rows missing; a whole-year span is complete for a region × flow ×
    direction that has its annual row."""
    present = _present_keys(facts)
    gaps = []
    for span in spans:
        for region in regions():
            annual = {pair for pair in COMBINATIONS if (span.year, 0, region.kato, *pair) in present} \
                if span.is_full_year else set()
            for month in span.months:
                missing = tuple(pair for pair in COMBINATIONS if pair not in annual
                                and (span.year, month, region.kato, *pair) not in present)
                if missing:
                    gaps.append(Gap(region.kato, span.year, month, missing))
    return gaps


def _month_range(year: int, months: list[int]) -> str:
    first, last = month_label(year, months[0]), month_label(year, months[-1])
    return first if first == last else f"{first} to {last}"


def _runs(months: list[int]) -> list[list[int]]:
    """[1, 2, 3, 5] -> [[1, 2, 3], [5]]"""
    runs: list[list[int]] = []
    for month in months:
        if runs and runs[-1][-1] == month - 1:
            runs[-1].append(month)
        else:
            runs.append([month])
    return runs


def _what_is_missing(missing: tuple[tuple[str, str], ...]) -> str:
    if len(missing) == len(COMBINATIONS):
        return f"all {len(COMBINATIONS)} flow × direction rows missing"
    listed = ", ".join(f"{flow} {direction}" for flow, direction in missing)
    return f"{len(missing)} of {len(COMBINATIONS)} flow × direction rows missing ({listed})"


def describe_gaps(gaps: list[Gap], facts: pd.DataFrame) -> list[str]:
    """Gaps grouped so a person can read them: a month no region has is one line; a year given only as annual rows
    one line; else one line per region and run of months with the same rows missing."""
    by_year: dict[int, list[Gap]] = {}
    for gap in gaps:
        by_year.setdefault(gap.year, []).append(gap)
    names = {region.kato: region.name_en for region in regions()}
    annual_years = set(facts.loc[facts["month"] == 0, "year"].tolist())
    monthly = set(zip(facts.loc[facts["month"] > 0, "year"].tolist(), facts.loc[facts["month"] > 0, "month"].tolist()))
    lines = []
    for year, year_gaps in sorted(by_year.items()):
        empty_months = sorted({gap.month for gap in year_gaps if (year, gap.month) not in monthly})
        for run in _runs(empty_months):
            if year in annual_years and not any((year, month) in monthly for month in range(1, 13)):
                lines.append(f"{_month_range(year, run)}: no monthly rows — {year} is given only as whole-year "
                             f"rows, which cannot give part of the year")
            else:
                lines.append(f"{_month_range(year, run)}: no rows for any region")
        by_region: dict[tuple[str, tuple], list[int]] = {}
        for gap in year_gaps:
            if gap.month not in empty_months:
                by_region.setdefault((gap.region, gap.missing), []).append(gap.month)
        order = {kato: position for position, kato in enumerate(names)}
        for (region, missing), months in sorted(by_region.items(), key=lambda item: (order[item[0][0]], item[1])):
            for run in _runs(sorted(months)):
                lines.append(f"{names[region]}, {_month_range(year, run)}: {_what_is_missing(missing)}")
    return lines


FIX = ("the reporting period and the same period a year earlier need every region × flow × direction of every "
       "month: add the missing rows; or, if your export leaves out zero counts, refresh with --missing-rows zero "
       "(or set 'Missing rows' to zero on the Settings sheet); or refresh with --allow-incomplete, which shows "
       "every figure that needs them as not available")


def completeness_problems(gaps: list[Gap], facts: pd.DataFrame, source: str) -> list[Problem]:
    """The gaps as problems a person can act on: one per group, then how to fix them."""
    if not gaps:
        return []
    return [*(Problem(source, None, None, line) for line in describe_gaps(gaps, facts)),
            Problem(source, None, None, FIX)]


def with_absent_rows_as_zero(facts: pd.DataFrame) -> pd.DataFrame:
    """`--missing-rows zero`: every region × flow × direction absent from a month (or a whole year) that the data
    has for some region is a row with 0 people. A month no row has stays absent: nothing says it is zero."""
    periods = facts[["year", "month"]].drop_duplicates()
    grid = pd.MultiIndex.from_product([range(len(periods)), [region.kato for region in regions()], FLOWS, DIRECTIONS],
                                      names=["period", "region", "flow", "direction"]).to_frame(index=False)
    grid["year"] = periods["year"].to_numpy()[grid["period"]]
    grid["month"] = periods["month"].to_numpy()[grid["period"]]
    keys = ["year", "month", "region", "flow", "direction"]
    merged = grid[keys].merge(facts, on=keys, how="left")
    merged["people"] = merged["people"].fillna(0).astype(np.int64)
    return merged[list(facts.columns)]


MAX_ROWS_LISTED = 10  # of the rows holding one implausible period


def implausible_periods(facts: pd.DataFrame, today: dt.date, source: str) -> list[Problem]:
    """A period after the current month, or a latest period more than a year after the data's previous latest one:
    a typed year (2062 for 2026), not data. A whole year counts as its December."""
    counts = facts.groupby(["year", "month"]).size()
    ends = sorted({(year, month or 12): (year, month) for year, month in counts.index}.items())
    problems = []

    def each_row(period, message: str) -> list[Problem]:
        """The message at every row (CSV line) holding `period`, the first ones listed, the rest counted."""
        rows = facts.index[(facts["year"] == period[0]) & (facts["month"] == period[1])].tolist()
        listed = [Problem(source, int(row), "period", message) for row in rows[:MAX_ROWS_LISTED]]
        if len(rows) > MAX_ROWS_LISTED:
            listed.append(Problem(source, None, "period", f"… and {len(rows) - MAX_ROWS_LISTED} more rows with "
                                                          f"{month_label(*period)}"))
        return listed

    future = [(end, period) for end, period in ends if end > (today.year, today.month)]
    for _, period in future:
        problems += each_row(period, f"{month_label(*period)} is in the future — a typo?")
    past = [(end, period) for end, period in ends if end <= (today.year, today.month)]
    if len(past) >= 2:
        ((year, month), latest), ((previous_year, previous_month), previous) = past[-1], past[-2]
        ahead = (year - previous_year) * 12 + month - previous_month
        if ahead > MAX_MONTHS_AHEAD:
            problems += each_row(latest, f"{month_label(*latest)} is {ahead} months after the data's previous "
                                         f"latest period {month_label(*previous)} — a typo?")
    return problems


def plausible(facts: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame:
    """The facts without the periods `implausible_periods` refused (so the other checks still run in one pass)."""
    if not problems:
        return facts
    refused = {problem.message.split(" ", 1)[0] for problem in problems}
    labels = [month_label(year, month) for year, month in zip(facts["year"].tolist(), facts["month"].tolist())]
    return facts[[label not in refused for label in labels]]

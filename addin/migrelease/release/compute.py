"""One computation of the whole release from validated inputs: the same immutable object feeds every door.

Everything a refresh shows is computed here, up front — tables, key figures and text, the supplementary frames —
so nothing downstream adds to it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

import pandas as pd

from migrelease.model.completeness import (MISSING_ROWS_CHOICES, Gap, completeness_problems, find_gaps,
                                           implausible_periods, plausible, with_absent_rows_as_zero)
from migrelease.model.cube import MigrationCube
from migrelease.model.periods import Span, parse_reporting_period
from migrelease.model.problems import InputProblems, Problem
from migrelease.model.tables import TableFrame, build_all_tables
from migrelease.release.supplementary import EthnicFrame, IntensityFrame, ethnic_frame, intensity_frames
from migrelease.text.keypoints import KeyFigures, draft_key_points, key_figures
from migrelease.text.lang import LANGUAGES


SETTING_MISSING_ROWS = "Missing rows"  # Settings key: "zero" = an absent row means 0 people (--missing-rows)


@dataclass(frozen=True)
class RefreshOptions:
    """How a refresh treats incomplete data: `missing_rows` "error" (a gap stops it) or "zero" (an absent row of a
    month the data has is 0 people); `allow_incomplete` refreshes despite gaps, every figure that needs a missing
    row not available. `today` dates the future-period rule (None: the computer's date)."""
    missing_rows: str = "error"
    allow_incomplete: bool = False
    today: dt.date | None = None


def resolve_options(settings: Mapping[str, str], missing_rows: str | None = None, allow_incomplete: bool = False,
                    today: dt.date | None = None) -> RefreshOptions:
    """The command line's choice, else the Settings sheet's ('Missing rows'), else "error"."""
    if missing_rows is None:
        found = next((value for key, value in settings.items()
                      if key.strip().casefold() == SETTING_MISSING_ROWS.casefold()), None)
        missing_rows = (found or "error").strip().casefold()
        if missing_rows not in MISSING_ROWS_CHOICES:
            raise InputProblems([Problem("sheet 'Settings'", None, SETTING_MISSING_ROWS,
                                         f"'{found}' is not one of: {', '.join(MISSING_ROWS_CHOICES)}")])
    return RefreshOptions(missing_rows, allow_incomplete, today)


@dataclass(frozen=True)
class Release:
    year: int
    month: int
    cube: MigrationCube
    tables: Mapping[str, TableFrame]
    figures: KeyFigures
    key_points: Mapping[str, tuple[str, ...]]  # language -> paragraphs
    population: pd.DataFrame | None = None
    ethnicity: pd.DataFrame | None = None
    intensity: Mapping[str, IntensityFrame] = field(default_factory=dict)  # flow group -> frame; {} w/o Population
    ethnic: EthnicFrame | None = None  # None without an Ethnicity sheet
    settings: Mapping[str, str] = field(default_factory=dict)  # the Settings sheet's key/value pairs
    lang: str = "en"  # the edition's language: every sheet's words, the page (the stamp records it)
    options: RefreshOptions = RefreshOptions()
    gaps: tuple[Gap, ...] = ()  # rows the reporting and comparison periods lack (only with allow_incomplete)

    @property
    def span(self) -> Span:
        return Span(self.year, 1, self.month)


def reporting_month(cube: MigrationCube, period: str | None, source: str) -> tuple[int, int]:
    """The month the release runs to: --period, else the data's latest month."""
    if period:
        try:
            year, month = parse_reporting_period(period)
        except ValueError as error:
            raise InputProblems([Problem("option --period", None, None, str(error))]) from None
        if not cube.has_month(year, month):
            raise InputProblems([Problem(source, None, None, f"has no rows for the period {period}")])
        return year, month
    latest = cube.latest_month
    if latest is None:
        raise InputProblems([Problem(source, None, "period",
                                     "has no monthly rows (YYYY-MM): the release runs to the latest month")])
    return latest


def compute_release(facts: pd.DataFrame, period: str | None = None, source: str = "sheet 'Data'",
                    population: pd.DataFrame | None = None, ethnicity: pd.DataFrame | None = None,
                    languages: tuple[str, ...] = LANGUAGES, settings: Mapping[str, str] | None = None,
                    lang: str = "en", options: RefreshOptions = RefreshOptions()) -> Release:
    """Raises InputProblems listing every problem at once: implausible periods, rows missing from the reporting
    or comparison period (unless `options` say what they mean)."""
    if lang not in LANGUAGES:
        raise ValueError(f"language '{lang}' is not available; choose one of {', '.join(LANGUAGES)}")
    problems = implausible_periods(facts, options.today or dt.date.today(), source)
    facts = plausible(facts, problems)
    if options.missing_rows == "zero":
        facts = with_absent_rows_as_zero(facts)
    cube = MigrationCube(facts)
    try:
        year, month = reporting_month(cube, period, source)
    except InputProblems as error:
        raise InputProblems(problems + error.problems) from None
    span = Span(year, 1, month)
    gaps = tuple(find_gaps(facts, [span, span.same_period_a_year_earlier()]))
    if not options.allow_incomplete:
        problems += completeness_problems(list(gaps), facts, source)
    if problems:
        raise InputProblems(problems)
    tables = build_all_tables(cube, year, month)
    figures = key_figures(tables, cube, year, month)
    return Release(
        year, month, cube, MappingProxyType(tables), figures,
        MappingProxyType({lang: tuple(draft_key_points(figures, lang)) for lang in languages}),
        population, ethnicity,
        intensity=MappingProxyType(intensity_frames(cube, population, span)),
        ethnic=None if ethnicity is None else ethnic_frame(ethnicity, span),
        settings=MappingProxyType(dict(settings or {})),
        lang=lang,
        options=options,
        gaps=gaps,
    )

"""One computation of the whole release from validated inputs: the same object feeds both doors."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .cube import MigrationCube
from .keypoints import KeyFigures, draft_key_points, key_figures
from .lang import LANGUAGES
from .periods import Span, parse_reporting_period
from .problems import InputProblems, Problem
from .tables import TableFrame, build_all_tables


@dataclass(frozen=True)
class Release:
    year: int
    month: int
    cube: MigrationCube
    tables: dict[str, TableFrame]
    figures: KeyFigures
    key_points: dict[str, list[str]]  # language -> paragraphs
    population: pd.DataFrame | None = None
    ethnicity: pd.DataFrame | None = None
    extras: dict = field(default_factory=dict)

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
                    languages: tuple[str, ...] = LANGUAGES) -> Release:
    cube = MigrationCube(facts)
    year, month = reporting_month(cube, period, source)
    tables = build_all_tables(cube, year, month)
    figures = key_figures(tables, cube, year, month)
    return Release(year, month, cube, tables, figures,
                   {lang: draft_key_points(figures, lang) for lang in languages}, population, ethnicity)

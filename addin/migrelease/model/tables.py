"""The 21 dynamic tables of the release, declared as data, and the one builder that makes them."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from migrelease.model.cube import MigrationCube
from migrelease.model.periods import Span
from migrelease.model.regions import COUNTRY, Region, regions


@dataclass(frozen=True)
class DynamicTableSpec:
    code: str  # short code; also the table's sheet name
    title: str  # the name the release lists
    flow_group: str  # key of cube.FLOW_GROUPS
    measure: str  # arrival, departure or balance
    frequency: str  # "annual" or "monthly"


_FLOW_TITLES = {
    # flow group: (code, arrival title, departure title, balance title)
    "all": ("All", "Arrival of migrants in all flows", "Departure of migrants in all flows",
            "Balance of migration for all flows"),
    "external": ("Ext", "External migration for all flows - arrival", "External migration for all flows - departure",
                 "Balance of external migration for all flows"),
    "cis": ("CIS", "Migration with CIS countries - arrival", "Migration with CIS countries - departure",
            "Balance of migration with CIS countries"),
    "other": ("Oth", "Migration with other countries - arrival", "Migration with other countries - departure",
              "Balance of migration with other countries"),
    "internal": ("Int", "Internal migration for all flows - arrival", "Internal migration for all flows - departure",
                 "Balance of internal migration for all flows"),
}
_MEASURE_CODES = {"arrival": "Arr", "departure": "Dep", "balance": "Bal"}
_FREQUENCIES = {"annual": ("Y", ("all", "external", "cis", "other", "internal")),
                "monthly": ("M", ("external", "internal"))}

TABLE_SPECS: tuple[DynamicTableSpec, ...] = tuple(
    DynamicTableSpec(f"{prefix}_{_FLOW_TITLES[flow][0]}_{_MEASURE_CODES[measure]}",
                     _FLOW_TITLES[flow][1 + position], flow, measure, frequency)
    for frequency, (prefix, flows) in _FREQUENCIES.items()
    for flow in flows
    for position, measure in enumerate(("arrival", "departure", "balance"))
)


def table_code(frequency: str, flow_group: str, measure: str) -> str:
    """The code of the table of `measure` for `flow_group` at `frequency`, e.g. ("annual", "external",
    "arrival") -> "Y_Ext_Arr": modules name tables by what they hold, never by a retyped code."""
    for spec in TABLE_SPECS:
        if (spec.frequency, spec.flow_group, spec.measure) == (frequency, flow_group, measure):
            return spec.code
    raise KeyError(f"no {frequency} table of {measure} for {flow_group} migration")


def find_table_spec(name_or_code: str) -> DynamicTableSpec:
    """A table by its short code (Y_Ext_Arr) or release title; a monthly table by title + ' by month'."""
    wanted = " ".join(str(name_or_code).casefold().split())
    for spec in TABLE_SPECS:
        title = spec.title.casefold()
        titles = {title, f"{title}, by year"} if spec.frequency == "annual" else {f"{title} by month",
                                                                                 f"{title}, by month"}
        if wanted == spec.code.casefold() or wanted in titles:
            return spec
    raise KeyError(f"'{name_or_code}' is not a dynamic table; use a code such as "
                   f"{', '.join(spec.code for spec in TABLE_SPECS[:3])}, … or a release title")


@dataclass(frozen=True)
class TableFrame:
    spec: DynamicTableSpec
    columns: tuple[Span, ...]
    rows: tuple[Region, ...]  # the country, then the 20 regions
    values: np.ndarray  # len(rows) x len(columns); NaN = not available


def table_columns(cube: MigrationCube, frequency: str, year: int, month: int) -> tuple[Span, ...]:
    """Annual tables: every year of the data before the current one, then the current period and the same period
    a year earlier (when it is not a whole year). Monthly tables: every month of the previous and current year."""
    if frequency == "monthly":
        return tuple(Span(year - 1, m, m) for m in range(1, 13)) + tuple(Span(year, m, m) for m in range(1, month + 1))
    full_years = tuple(Span(y) for y in cube.years if y < year)
    current = Span(year, 1, month)
    if current.is_full_year:
        return full_years + (current,)
    return full_years + (current.same_period_a_year_earlier(), current)


def build_table(cube: MigrationCube, spec: DynamicTableSpec, year: int, month: int) -> TableFrame:
    columns = table_columns(cube, spec.frequency, year, month)
    values = np.column_stack([cube.figures(span, spec.flow_group, spec.measure) for span in columns])
    return TableFrame(spec, columns, (COUNTRY, *regions()), values)


def build_all_tables(cube: MigrationCube, year: int, month: int) -> dict[str, TableFrame]:
    return {spec.code: build_table(cube, spec, year, month) for spec in TABLE_SPECS}

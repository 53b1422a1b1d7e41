"""From raw rows (a sheet or a CSV) to validated, tidy facts.

Each input table is declared as data (its columns and how a cell is read); one validator serves them all,
collecting every problem with the row and column the user sees.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Callable

import numpy as np
import pandas as pd

from migrelease.model.periods import parse_data_period
from migrelease.model.problems import InputProblems, Problem
from migrelease.model.regions import ACCEPTED_FORMS, closest_region_name, find_region

FLOWS = ("cis", "other", "interregional", "intraregional")
DIRECTIONS = ("arrival", "departure")
# Far above any region's count (Kazakhstan has ~20 million people): a larger figure is a typing slip.
MAX_PLAUSIBLE_COUNT = 100_000_000
MAX_PLAUSIBLE_POPULATION = 1_000_000_000


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or (
        isinstance(value, str) and not value.strip())


def read_period(value):
    """A data period -> (year, month); month 0 means the whole year. A date cell means its month."""
    if isinstance(value, (dt.date, dt.datetime, pd.Timestamp)):
        return value.year, value.month
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a period (YYYY-MM or YYYY)")
    if isinstance(value, (int, np.integer)) or (isinstance(value, float) and value.is_integer()):
        value = str(int(value))
    parsed = parse_data_period(str(value))
    if parsed is None or not 1900 <= parsed[0] <= 2100:
        raise ValueError(f"'{value}' is not a period: write YYYY-MM for a month or YYYY for a whole year")
    return parsed


def read_region(value):
    region = find_region(value)
    if region is None:
        guess = closest_region_name(value)
        raise ValueError(f"'{value}' is not one of the 20 regions"
                         + (f" (did you mean '{guess}'?)" if guess else "")
                         + f": write {ACCEPTED_FORMS}; the country total is computed, not entered")
    return region.kato


def _read_choice(choices: tuple[str, ...], plural_ok: bool = False):
    def read(value):
        text = str(value).strip().casefold()
        if plural_ok and text.endswith("s") and text[:-1] in choices:
            text = text[:-1]
        if text not in choices:
            raise ValueError(f"'{value}' is not one of: {', '.join(choices)}")
        return text
    return read


def _read_whole_number(limit: int):
    def read(value):
        if isinstance(value, bool):
            raise ValueError(f"{value!r} is not a whole number")
        if isinstance(value, str):
            text = value.strip()
            if not text.lstrip("-").isdigit():
                raise ValueError(f"'{value}' is not a whole number (digits only, no spaces or separators)")
            value = int(text)
        elif isinstance(value, (int, np.integer)):
            value = int(value)
        elif isinstance(value, (float, np.floating)):
            if not math.isfinite(value) or not float(value).is_integer():
                raise ValueError(f"{value!r} is not a whole number")
            value = int(value)
        else:
            raise ValueError(f"'{value}' is not a whole number")
        if value < 0:
            raise ValueError(f"{value} is negative: counts of people are 0 or more")
        if value > limit:
            raise ValueError(f"{value} is implausibly large (more than {limit})")
        return value
    return read


def read_year(value):
    year = _read_whole_number(2100)(value)
    if year < 1900:
        raise ValueError(f"'{value}' is not a year (YYYY)")
    return year


def read_text_label(value):
    text = str(value).strip()
    if len(text) > 200:
        raise ValueError("is longer than 200 characters")
    return text


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    read: Callable  # raw cell value -> clean value, or ValueError with what is wrong


@dataclass(frozen=True)
class TableSpec:
    """One input table: its sheet name, its columns, and which columns identify a row."""
    sheet: str
    columns: tuple[ColumnSpec, ...]
    key: tuple[str, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)


DATA = TableSpec("Data", (
    ColumnSpec("period", read_period),
    ColumnSpec("region", read_region),
    ColumnSpec("flow", _read_choice(FLOWS)),
    ColumnSpec("direction", _read_choice(DIRECTIONS, plural_ok=True)),
    ColumnSpec("people", _read_whole_number(MAX_PLAUSIBLE_COUNT)),
), key=("period", "region", "flow", "direction"))

POPULATION = TableSpec("Population", (
    ColumnSpec("year", read_year),
    ColumnSpec("region", read_region),
    ColumnSpec("population", _read_whole_number(MAX_PLAUSIBLE_POPULATION)),
), key=("year", "region"))

ETHNICITY = TableSpec("Ethnicity", (
    ColumnSpec("period", read_period),
    ColumnSpec("direction", _read_choice(DIRECTIONS, plural_ok=True)),
    ColumnSpec("ethnic_group", read_text_label),
    ColumnSpec("people", _read_whole_number(MAX_PLAUSIBLE_COUNT)),
), key=("period", "direction", "ethnic_group"))


@dataclass(frozen=True)
class RawTable:
    """Cells as read from a sheet or CSV, before validation, and where they came from."""
    source: str  # "sheet 'Data'" / "file 'data.csv'"
    header: list  # header cells as found
    rows: list[list]  # data rows (cells)
    first_row_number: int  # the row/line number the user sees for rows[0]
    column_labels: list[str] | None = None  # sheet column letters matching header; None for CSV


SOURCE_ROW = "row"  # the index of a validated frame: the sheet row or CSV line of each fact


def _column_label(raw: RawTable, position: int, name: str) -> str:
    if raw.column_labels is not None:
        return f"{raw.column_labels[position]} ({name})"
    return name


def validate(raw: RawTable, spec: TableSpec) -> pd.DataFrame:
    """Validated rows as a DataFrame with spec's columns (periods as (year, month) split into two columns).

    Raises InputProblems listing every problem: missing columns, blanks, unreadable cells, duplicates.
    """
    frame, problems = validate_partially(raw, spec)
    if problems:
        raise InputProblems(problems)
    return frame


def validate_partially(raw: RawTable, spec: TableSpec) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Every problem of the table in one list (duplicates among them), and the rows that have none as a frame
    (None when the header itself is unusable) — for `migrelease validate`, which checks what it can of the rest."""
    header = [str(cell).strip().casefold() if not _is_blank(cell) else "" for cell in raw.header]
    problems: list[Problem] = []
    positions: dict[str, int] = {}
    header_row = raw.first_row_number - 1
    for column in spec.columns:
        found = [position for position, name in enumerate(header) if name == column.name]
        if not found:
            problems.append(Problem(raw.source, header_row, column.name,
                                    f"column '{column.name}' is missing from the header "
                                    f"(expected: {', '.join(spec.column_names)})"))
        elif len(found) > 1:
            labels = " and ".join(_column_label(raw, position, column.name) for position in found)
            problems.append(Problem(raw.source, header_row, column.name,
                                    f"column '{column.name}' appears {len(found)} times ({labels}): keep one"))
        else:
            positions[column.name] = found[0]
    if problems:
        return None, problems
    if not raw.rows:
        return None, [Problem(raw.source, None, None, "has no data rows under its header")]

    width = max(positions.values()) + 1
    cells = [list(row[:width]) + [None] * (width - len(row)) for row in raw.rows]
    clean_columns: dict[str, list] = {}
    bad_rows: set[int] = set()
    for column in spec.columns:
        position = positions[column.name]
        label = _column_label(raw, position, column.name)
        values, bad = _read_column([row[position] for row in cells], column.read)
        clean_columns[column.name] = values
        bad_rows.update(offset for offset, _ in bad)
        problems.extend(Problem(raw.source, raw.first_row_number + offset, label, message)
                        for offset, message in bad)
    problems.extend(_duplicates(raw, spec, clean_columns, check_blanks=bool(bad_rows)))
    problems.sort(key=lambda problem: (problem.row or 0, problem.column or ""))
    keep = [offset for offset in range(len(cells)) if offset not in bad_rows]
    if bad_rows:  # the sound rows only (validate lists the problems and checks what it can of the rest)
        clean_columns = {name: [values[offset] for offset in keep] for name, values in clean_columns.items()}
    # Each fact keeps the row (or CSV line) it came from as its index, so later checks can say where it is.
    frame = pd.DataFrame(clean_columns, index=pd.Index([raw.first_row_number + offset for offset in keep],
                                                       name=SOURCE_ROW))
    if "period" in frame:
        periods = frame["period"].tolist()
        frame["year"] = np.array([period[0] for period in periods], dtype=np.int64)
        frame["month"] = np.array([period[1] for period in periods], dtype=np.int64)
        frame = frame.drop(columns="period")
    return frame, problems


def _read_column(cells: list, read: Callable) -> tuple[list, list[tuple[int, str]]]:
    """Each cell read once per distinct value (a column of 70,000 cells has a few hundred): the clean values
    (None where unreadable) and (offset, what is wrong) for every bad cell."""
    if any(type(cell) is bool for cell in cells):
        # True == 1 for hashing: keep booleans apart from the numbers they would be merged with.
        cells = [f"{cell}" if type(cell) is bool else cell for cell in cells]
    codes, distinct = pd.factorize(pd.Series(cells, dtype=object), use_na_sentinel=True)
    results = []
    for value in distinct:
        if _is_blank(value):
            results.append(ValueError("is blank"))
            continue
        try:
            results.append(read(value))
        except ValueError as error:
            results.append(error)
    failed = np.array([isinstance(result, ValueError) for result in results] + [True], dtype=bool)
    results.append(ValueError("is blank"))  # code -1: None or NaN
    clean = [results[code] for code in codes]
    bad = [(int(offset), str(clean[offset])) for offset in np.nonzero(failed[codes])[0]]
    for offset, _ in bad:
        clean[offset] = None
    return clean, bad


def _duplicates(raw: RawTable, spec: TableSpec, clean_columns: dict[str, list], check_blanks: bool = True
                ) -> list[Problem]:
    first_seen: dict[tuple, int] = {}
    problems = []
    keys = zip(*(clean_columns[name] for name in spec.key))
    word = "line" if raw.source.startswith("file") else "row"  # as Problem.__str__ names the place
    for offset, key in enumerate(keys):
        if check_blanks and any(part is None for part in key):
            continue  # a key cell that cannot be read is already a problem of its own
        row = raw.first_row_number + offset
        if key in first_seen:
            problems.append(Problem(raw.source, row, None,
                                    f"duplicates {word} {first_seen[key]} (same {', '.join(spec.key)})"))
        else:
            first_seen[key] = row
    return problems


def validate_all(tables: list[tuple[RawTable | None, TableSpec]]) -> list[pd.DataFrame | None]:
    """Validate every input table (None = absent), collecting the problems of all of them before raising."""
    problems, results = [], []
    for raw, spec in tables:
        if raw is None:
            results.append(None)
            continue
        try:
            results.append(validate(raw, spec))
        except InputProblems as error:
            problems.extend(error.problems)
            results.append(None)
    if problems:
        raise InputProblems(problems)
    return results

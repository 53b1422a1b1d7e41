"""Input sheets of a workbook file (Data, Population, Ethnicity, Settings) read with python-calamine."""

from __future__ import annotations

from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook

from migrelease.model.facts import RawTable, TableSpec
from migrelease.model.a1 import find_sheet
from migrelease.model.input_rows import raw_table_from_rows
from migrelease.model.problems import InputProblems, Problem
from migrelease.sheets.settings import SETTINGS_SHEET, settings_from_rows


def open_for_reading(path: Path) -> CalamineWorkbook:
    try:
        return CalamineWorkbook.from_path(str(path))
    except (CalamineError, OSError) as error:  # damage of any kind, as calamine's own errors
        raise InputProblems([Problem(f"file '{path.name}'", None, None,
                                     f"cannot be read as a workbook ({error})")]) from None


def find_sheet_name(book: CalamineWorkbook, wanted: str) -> str | None:
    return find_sheet(book.sheet_names, wanted)


def read_sheet_table(book: CalamineWorkbook, spec: TableSpec, required: bool = True) -> RawTable | None:
    """The sheet named spec.sheet; its header is the first row holding any of spec's column names."""
    name = find_sheet_name(book, spec.sheet)
    if name is None:
        if required:
            raise InputProblems.missing_sheet(spec)
        return None
    return raw_table_from_rows(name, sheet_rows(book, name), spec)


def sheet_rows(book: CalamineWorkbook, name: str) -> list[list]:
    """Every row of the sheet `name`; a damaged sheet (bad XML, a part larger than it claims) is a problem."""
    try:
        return book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except (CalamineError, OSError) as error:  # damage of any kind, as calamine's own errors
        raise InputProblems([Problem(f"sheet '{name}'", None, None, f"cannot be read ({error})")]) from None


def book_settings(book: CalamineWorkbook) -> dict[str, str]:
    """The key/value pairs of a workbook's Settings sheet ({} if there is none)."""
    name = find_sheet_name(book, SETTINGS_SHEET)
    return {} if name is None else settings_from_rows(sheet_rows(book, name))

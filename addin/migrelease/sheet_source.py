"""Input sheets of a workbook file (Data, Population, Ethnicity) as RawTables, read with python-calamine."""

from __future__ import annotations

from pathlib import Path

from python_calamine import CalamineWorkbook

from .facts import RawTable, TableSpec
from .layout import column_letter
from .problems import InputProblems, Problem


def open_for_reading(path: Path) -> CalamineWorkbook:
    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as error:  # calamine raises its own error types for every kind of damage
        raise InputProblems([Problem(f"file '{path.name}'", None, None,
                                     f"cannot be read as a workbook ({error})")]) from None


def find_sheet_name(book: CalamineWorkbook, wanted: str) -> str | None:
    for name in book.sheet_names:
        if name.strip().casefold() == wanted.casefold():
            return name
    return None


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
    except Exception as error:  # calamine raises its own error types for every kind of damage
        raise InputProblems([Problem(f"sheet '{name}'", None, None, f"cannot be read ({error})")]) from None


def raw_table_from_rows(sheet_name: str, rows: list[list], spec: TableSpec, top_row: int = 1,
                        left_column: int = 1) -> RawTable:
    """Cells of a sheet region whose top-left cell is (top_row, left_column): the header is the first row
    holding any of spec's column names; row numbers and column letters are the ones Excel shows."""
    source = f"sheet '{sheet_name}'"
    wanted = set(spec.column_names)
    header_index = next((i for i, row in enumerate(rows)
                         if any(isinstance(cell, str) and cell.strip().casefold() in wanted for cell in row)), None)
    if header_index is None:
        raise InputProblems([Problem(source, top_row, None, f"has no header row with the columns "
                                                            f"{', '.join(spec.column_names)}")])
    header = list(rows[header_index])
    body = [list(row) for row in rows[header_index + 1:]]
    while body and all(cell in ("", None) for cell in body[-1]):
        body.pop()
    return RawTable(source, header, body, first_row_number=top_row + header_index + 1,
                    column_labels=[column_letter(left_column + i) for i in range(len(header))])

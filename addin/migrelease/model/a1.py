"""A1 references and sheet names as Excel treats them: the one place that spells a column as letters, a cell or a
range as text, and finds a sheet by its name regardless of letter case."""

from __future__ import annotations

from typing import Iterable


def column_letter(column: int) -> str:
    """1 -> 'A', 27 -> 'AA'."""
    letters = ""
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def column_number(letters: str) -> int:
    """'A' -> 1, 'AA' -> 27."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def cell_position(address: str) -> tuple[int, int]:
    """'F2' -> (2, 6): the row and column of a cell address (no sheet, no $)."""
    letters = address.rstrip("0123456789")
    return int(address[len(letters):]), column_number(letters)


def cell_address(row: int, column: int) -> str:
    return f"{column_letter(column)}{row}"


def range_address(first_row: int, first_column: int, last_row: int, last_column: int) -> str:
    return f"{cell_address(first_row, first_column)}:{cell_address(last_row, last_column)}"


def quoted_sheet(name: str) -> str:
    """A sheet name as a formula refers to it: quoted when it holds anything but letters, digits and _."""
    if name.replace("_", "").isalnum() and not name[0].isdigit():
        return name
    return "'" + name.replace("'", "''") + "'"


def sheet_reference(sheet: str, row: int, column: int) -> str:
    """e.g. Y_Ext_Arr!N7 or 'Key indicators'!B5."""
    return f"{quoted_sheet(sheet)}!{cell_address(row, column)}"


def find_sheet(names: Iterable[str], wanted: str) -> str | None:
    """The actual name of the sheet called `wanted` (Excel's sheet names ignore letter case and we ignore
    surrounding spaces), or None."""
    folded = wanted.strip().casefold()
    return next((name for name in names if name.strip().casefold() == folded), None)

"""The building blocks of the release workbook as pure data: cells in rectangular blocks, Excel tables, charts,
and what a sheet looks like on screen and on paper.

Every writer engine writes exactly these; none decides content. Values are numbers, text, None, `Formula` or
`Hyperlink` — text is always written as text, never as a formula.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from migrelease.model.a1 import cell_address, range_address
from migrelease.sheets.theme import THEME

NOT_AVAILABLE = "[x]"
HEADER_ROW = 6  # of every dynamic-table sheet: title, period, unit, source and notes lines come first


@dataclass(frozen=True)
class Formula:
    """A formula the layout defines (only these may become formula cells), with the value it computes: written as
    the cell's cached value, so every reader that does not recalculate shows the figure."""
    text: str
    value: float | str | None = None

    def __post_init__(self):
        if not self.text.startswith("="):
            raise ValueError(f"a formula starts with '=': {self.text!r}")


@dataclass(frozen=True)
class Hyperlink:
    """A cell showing `text` that links to `target`: "#'Sheet'!A1" inside the workbook, else a URL."""
    text: str
    target: str

    @property
    def is_internal(self) -> bool:
        return self.target.startswith("#")


def sheet_link(sheet: str, text: str | None = None) -> Hyperlink:
    """A link to cell A1 of `sheet` in this workbook."""
    return Hyperlink(text or sheet, "#'" + sheet.replace("'", "''") + "'!A1")


@dataclass(frozen=True)
class Block:
    row: int  # 1-based top-left cell
    column: int
    values: tuple[tuple, ...]  # rows of cell values
    style: str  # a name in theme.THEME

    def __post_init__(self):
        if self.style not in THEME:
            raise ValueError(f"block at {cell_address(self.row, self.column)}: no cell style '{self.style}'")

    @property
    def height(self) -> int:
        return len(self.values)

    @property
    def width(self) -> int:
        return max((len(row) for row in self.values), default=0)


@dataclass(frozen=True)
class ExcelTable:
    name: str
    first_row: int  # the header row
    first_column: int
    last_row: int
    last_column: int

    @property
    def address(self) -> str:
        return range_address(self.first_row, self.first_column, self.last_row, self.last_column)


@dataclass(frozen=True)
class Chart:
    """A native clustered bar or column chart over cells of the workbook: categories and series share rows
    first_row..last_row of `source_sheet`; each series is one column with its name in header_row."""
    title: str
    kind: str  # "column" (vertical bars) or "bar" (horizontal)
    anchor: str  # top-left cell on the chart's sheet
    source_sheet: str
    header_row: int
    first_row: int
    last_row: int
    category_column: int
    series_columns: tuple[int, ...]
    value_axis_title: str
    category_axis_title: str | None = None
    width_cm: float = 24
    height_cm: float = 11
    category_labels_low: bool = True  # category labels below the plot area, not on the zero line over negative bars

    def source_address(self) -> str:
        """The category column and the series columns, header row included, as one (possibly split) range: split
        where the columns skip one, and between the header row and the first row when the chart's rows start
        further down (Excel charts such a range as if the gaps were not there)."""
        columns = (self.category_column, *self.series_columns)
        column_runs, start = [], columns[0]
        for previous, column in zip(columns, columns[1:] + (None,)):
            if column != previous + 1:
                column_runs.append((start, previous))
                start = column
        row_runs = ([(self.header_row, self.last_row)] if self.first_row == self.header_row + 1
                    else [(self.header_row, self.header_row), (self.first_row, self.last_row)])
        return ",".join(range_address(top, left, bottom, right)
                        for top, bottom in row_runs for left, right in column_runs)


@dataclass(frozen=True)
class PrintSetup:
    """How a sheet prints: paper, orientation, fitted to `fit_width` pages across (0 = as many as it takes) and
    `fit_height` down, with `repeat_rows` (first, last) printed atop every page."""
    orientation: str = "landscape"
    paper: str = "A4"
    fit_width: int = 1
    fit_height: int = 0
    repeat_rows: tuple[int, int] | None = None


@dataclass(frozen=True)
class SheetLayout:
    name: str
    description: str  # one line, for the Contents sheet
    blocks: tuple[Block, ...]
    tables: tuple[ExcelTable, ...] = ()
    column_widths: dict[int, float] = field(default_factory=dict)
    row_heights: dict[int, float] = field(default_factory=dict)  # points; rows of wrapped text need them
    charts: tuple[Chart, ...] = ()
    freeze_panes: tuple[int, int] | None = None  # (row, column) of the first cell that scrolls
    print_setup: PrintSetup | None = None
    visibility: str = "visible"  # "visible", "hidden" or "veryHidden"

    @property
    def code_name(self) -> str:
        """The sheet's VBA code name: its name as an identifier (Excel keeps it when a user renames the tab)."""
        identifier = re.sub(r"\W", "_", self.name, flags=re.ASCII)
        return identifier if identifier[:1].isalpha() else "S_" + identifier

    def cell(self, row: int, column: int):
        """The value the layout puts at (row, column), or None."""
        for block in self.blocks:
            if block.row <= row < block.row + block.height and block.column <= column < block.column + block.width:
                values = block.values[row - block.row]
                offset = column - block.column
                return values[offset] if offset < len(values) else None
        return None

    def table_headers(self, table: ExcelTable) -> list[str]:
        """The header texts of `table`, from its header row (Excel tables need one unique text per column)."""
        headers = []
        for column in range(table.first_column, table.last_column + 1):
            value = self.cell(table.first_row, column)
            headers.append(str(value.text if isinstance(value, Hyperlink) else value))
        return headers

    def column_of(self, table: ExcelTable, header: str) -> int:
        """The sheet column of `table` whose header is `header`."""
        headers = self.table_headers(table)
        if header not in headers:
            raise KeyError(f"table {table.name} has no column '{header}' (it has {', '.join(headers)})")
        return table.first_column + headers.index(header)

    def table(self, name: str) -> ExcelTable:
        return next(table for table in self.tables if table.name == name)

    @property
    def last_column(self) -> int:
        return max((block.column + block.width - 1 for block in self.blocks), default=1)


def key_value_blocks(title: str, info: str, header: tuple[str, str], rows, header_row: int) -> tuple[Block, ...]:
    """A sheet of settings-like pairs: title, one line of explanation, then a header row over key | value."""
    return (
        Block(1, 1, ((title,),), "title"),
        Block(2, 1, ((info,),), "info"),
        Block(header_row, 1, (header,), "header"),
        Block(header_row + 1, 1, tuple((key,) for key, _ in rows), "label"),
        Block(header_row + 1, 2, tuple((value,) for _, value in rows), "text"),
    )


def wrapped_height(text: str, width: float, line_height: float = 15.0) -> float:
    """The height in points of a row whose cell wraps `text` in a column `width` characters wide."""
    lines = sum(max(1, math.ceil(len(part) / max(width * 1.05, 1))) for part in str(text).split("\n"))
    return line_height * lines


def cell_value(value: float):
    """A figure as a cell: whole numbers as int, not available as [x]."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NOT_AVAILABLE
    return int(value) if float(value).is_integer() else float(value)

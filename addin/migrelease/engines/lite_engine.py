"""The xlwings Lite engine of the writer interface: layouts into the workbook open in Excel on the web, on Mac or
on Windows, through xlwings' remote engine — every write becomes an action that the add-in applies with Office.js.

What goes through xlwings' Book API is shared with the Windows button's engine (`xlwings_api`). The rest is the
remote engine's own way, or not possible there:
- a rewritten sheet has been cleared of values and formats, so only the style properties that differ from Excel's
  defaults are sent: one setValues per block, then at most one action per property;
- column widths go out in points, the remote engine's unit, converted from the layout's widths in characters as
  Excel converts them; widths and heights are sent once per run of equal neighbours;
- frozen panes are given as the frozen range (Office.js' freezeAt), and a chart's position is computed from the
  widths and heights before its anchor (the remote engine cannot read where a cell is);
- the remote engine has no action for borders, alignment, underline, print set-up or chart titles, and knows
  only visible and hidden sheets: those are left out (README, "What differs from the Windows button").
"""

from __future__ import annotations

from itertools import groupby
from typing import Sequence

from migrelease.engines.xlwings_api import XlwingsApiWriter
from migrelease.model.a1 import cell_position, column_letter
from migrelease.sheets.blocks import Chart, PrintSetup, SheetLayout
from migrelease.sheets.theme import CellStyle, Font, column_pixels

DEFAULT_FONT = Font()
POINTS_PER_PIXEL = 0.75
DEFAULT_ROW_POINTS = 15.0  # Excel's default row height with Calibri 11
DEFAULT_COLUMN_POINTS = 48.0  # Excel's default column: 8.43 characters, 64 pixels


def column_width_points(width: float) -> float:
    """A column width as the file stores it (characters, padding included) in points, at 3/4 point a pixel."""
    return column_pixels(width) * POINTS_PER_PIXEL


def frozen_range(row: int, column: int) -> str:
    """The range Office.js' freezeAt freezes so that (row, column) is the first cell that scrolls."""
    if column <= 1:
        return f"1:{row - 1}"
    if row <= 1:
        return f"A:{column_letter(column - 1)}"
    return f"A1:{column_letter(column - 1)}{row - 1}"


def runs(settings: dict[int, float]):
    """(first, last, value) of each run of consecutive rows or columns with the same value."""
    ordered = sorted(settings.items())
    for _, run in groupby(enumerate(ordered), key=lambda item: (item[1][0] - item[0], item[1][1])):
        members = [index_and_value for _, index_and_value in run]
        yield members[0][0], members[-1][0], members[0][1]


class LiteWriter(XlwingsApiWriter):
    def write(self, layouts: Sequence[SheetLayout], after=None) -> None:
        self._layouts = {layout.name: layout for layout in layouts}
        self._widths: dict[str, tuple] = {}
        self._heights: dict[str, tuple] = {}
        super().write(layouts, after)

    def apply_style(self, target, cell_style: CellStyle) -> None:
        font = cell_style.font
        if cell_style.number_format != "General":
            target.number_format = cell_style.number_format
        if font.bold:
            target.font.bold = True
        if font.italic:
            target.font.italic = True
        if font.size != DEFAULT_FONT.size:
            target.font.size = font.size
        if font.color:
            target.font.color = "#" + font.color
        if cell_style.fill:
            target.color = "#" + cell_style.fill
        if cell_style.wrap:
            target.wrap_text = True

    def set_column_width(self, sheet, column: int, width: float) -> None:
        self._widths.setdefault(sheet.name, (sheet, {}))[1][column] = column_width_points(width)

    def set_row_height(self, sheet, row: int, height: float) -> None:
        self._heights.setdefault(sheet.name, (sheet, {}))[1][row] = height

    def freeze_panes(self, sheet, row: int, column: int) -> None:
        sheet.freeze_panes.freeze_at(frozen_range(row, column))

    def set_print_setup(self, sheet, setup: PrintSetup) -> None:
        """Office.js has page layout settings, but xlwings' remote engine sends none of them."""

    def set_visibility(self, sheet, visibility: str) -> None:
        sheet.visible = visibility == "visible"  # "veryHidden" is hidden: the remote engine knows no other

    def chart_position(self, sheet, chart: Chart) -> tuple[float, float]:
        layout = self._layouts[sheet.name]
        row, column = cell_position(chart.anchor)
        left = sum(column_width_points(layout.column_widths[number]) if number in layout.column_widths
                   else DEFAULT_COLUMN_POINTS for number in range(1, column))
        top = sum(layout.row_heights.get(number, DEFAULT_ROW_POINTS) for number in range(1, row))
        return left, top

    def set_chart_title(self, excel_chart, title: str) -> None:
        """The remote engine has no chart title: Excel shows the chart without one."""

    def add_chart(self, sheet, chart: Chart) -> None:
        if "," in chart.source_address():
            # The remote engine gives a chart one block of cells as its source (Office.js' charts.add).
            print(f"{sheet.name}: the chart '{chart.title}' is not drawn in xlwings Lite: its columns "
                  f"{chart.source_address()} are not one block of cells")
            return
        super().add_chart(sheet, chart)

    def finish(self, layouts: Sequence[SheetLayout]) -> None:
        """Widths and heights last, one action per run of equal neighbours (a table's year columns: one)."""
        for sheet, widths in self._widths.values():
            for first, last, points in runs(widths):
                sheet.range(f"{column_letter(first)}1:{column_letter(last)}1").column_width = points
        for sheet, heights in self._heights.values():
            for first, last, points in runs(heights):
                sheet.range(f"A{first}:A{last}").row_height = points

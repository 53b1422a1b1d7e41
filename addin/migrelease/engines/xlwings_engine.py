"""The xlwings engine of the writer interface: layouts into a workbook open in Excel (the Windows button).

What xlwings' own API covers (values, links, tables, heights, charts: `xlwings_api`, shared with the xlwings Lite
engine; number format, font, fill colour, wrap, widths) goes through it; alignment, borders, frozen panes, print
set-up, visibility and chart titles go through Excel's object model (`.api`), as xlwings' documentation advises
for what its API does not cover.
"""

from __future__ import annotations

from typing import Sequence

from migrelease.engines.xlwings_api import XlwingsApiWriter
from migrelease.model.a1 import column_letter
from migrelease.sheets.blocks import Chart, PrintSetup, SheetLayout
from migrelease.sheets.theme import CellStyle, column_characters

# Excel's object-model constants (XlHAlign, XlVAlign, XlBordersIndex, XlLineStyle, XlBorderWeight,
# XlPageOrientation, XlPaperSize, XlSheetVisibility).
HORIZONTAL = {"left": -4131, "center": -4108, "right": -4152}
VERTICAL = {"top": -4160, "center": -4108}
EDGE_BOTTOM, CONTINUOUS, THIN = 9, 1, 2
ORIENTATION = {"portrait": 1, "landscape": 2}
PAPER = {"A4": 9}
VISIBILITY = {"visible": -1, "hidden": 0, "veryHidden": 2}
XL_CATEGORY, XL_TICK_LABEL_POSITION_LOW = 1, -4134  # XlAxisType, XlTickLabelPosition


def bgr(colour: str) -> int:
    """RRGGBB as the integer Excel's object model takes (blue, green, red bytes)."""
    red, green, blue = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    return red + (green << 8) + (blue << 16)


class XlwingsWriter(XlwingsApiWriter):
    def apply_style(self, target, cell_style: CellStyle) -> None:
        font = cell_style.font
        target.number_format = cell_style.number_format
        target.font.bold = font.bold
        target.font.italic = font.italic
        target.font.size = font.size
        if font.color:
            target.font.color = "#" + font.color
        if font.underline:
            target.api.Font.Underline = 2  # xlUnderlineStyleSingle
        if cell_style.fill:
            target.color = "#" + cell_style.fill
        target.wrap_text = cell_style.wrap
        if cell_style.horizontal:
            target.api.HorizontalAlignment = HORIZONTAL[cell_style.horizontal]
        if cell_style.vertical:
            target.api.VerticalAlignment = VERTICAL[cell_style.vertical]
        if cell_style.bottom_border:
            edge = target.api.Borders(EDGE_BOTTOM)
            edge.LineStyle, edge.Weight, edge.Color = CONTINUOUS, THIN, bgr(cell_style.bottom_border.color)

    def set_column_width(self, sheet, column: int, width: float) -> None:
        sheet.range(f"{column_letter(column)}1").column_width = column_characters(width)  # Excel's shown width

    def freeze_panes(self, sheet, row: int, column: int) -> None:
        """Excel freezes panes per window, on the active sheet (xlwings 0.37 has no freeze_panes on Windows)."""
        sheet.api.Activate()  # Excel's own activation: the caller's book is the active one
        window = self.book.app.api.ActiveWindow
        window.FreezePanes = False
        window.ScrollRow, window.ScrollColumn = 1, 1
        window.SplitRow, window.SplitColumn = row - 1, column - 1
        window.FreezePanes = True

    def set_print_setup(self, sheet, setup: PrintSetup) -> None:
        page = sheet.api.PageSetup
        page.Orientation = ORIENTATION[setup.orientation]
        page.PaperSize = PAPER[setup.paper]
        page.Zoom = False  # FitToPages* apply only with Zoom off
        page.FitToPagesWide = setup.fit_width or False
        page.FitToPagesTall = setup.fit_height or False
        if setup.repeat_rows:
            page.PrintTitleRows = f"${setup.repeat_rows[0]}:${setup.repeat_rows[1]}"

    def set_visibility(self, sheet, visibility: str) -> None:
        sheet.api.Visible = VISIBILITY[visibility]

    def chart_position(self, sheet, chart: Chart) -> tuple[float, float]:
        anchor = sheet.range(chart.anchor)
        return anchor.left, anchor.top

    def set_chart_title(self, excel_chart, title: str) -> None:
        excel_chart.api[1].HasTitle = True
        excel_chart.api[1].ChartTitle.Text = title

    def set_category_labels_low(self, excel_chart) -> None:
        excel_chart.api[1].Axes(XL_CATEGORY).TickLabelPosition = XL_TICK_LABEL_POSITION_LOW

    def write(self, layouts: Sequence[SheetLayout], after=None) -> None:
        self._active = self.book.sheets.active
        super().write(layouts, after)

    def finish(self, layouts: Sequence[SheetLayout]) -> None:
        self._active.api.Activate()  # freezing panes activated sheets: the user stays where they were

"""The xlwings engine of the writer interface: layouts into a workbook open in Excel (the Windows button).

One `Range.value` assignment per block, then the block's style set on the whole block at once. What xlwings'
own API covers (values, number format, font, fill colour, wrap, widths, heights, tables, hyperlinks, freeze
panes, visibility) goes through it; alignment, borders and print set-up go through Excel's object model
(`.api`), as xlwings' documentation advises for what its API does not cover.
"""

from __future__ import annotations

from typing import Sequence

from migrelease.model.a1 import column_letter
from migrelease.sheets.blocks import Block, Chart, ExcelTable, Formula, Hyperlink, PrintSetup, SheetLayout
from migrelease.sheets.theme import TABLE_STYLE, CellStyle
from migrelease.sheets.writer import LayoutWriter

# Excel's object-model constants (XlHAlign, XlVAlign, XlBordersIndex, XlLineStyle, XlBorderWeight,
# XlPageOrientation, XlPaperSize, XlSheetVisibility).
HORIZONTAL = {"left": -4131, "center": -4108, "right": -4152}
VERTICAL = {"top": -4160, "center": -4108}
EDGE_BOTTOM, CONTINUOUS, THIN = 9, 1, 2
ORIENTATION = {"portrait": 1, "landscape": 2}
PAPER = {"A4": 9}
VISIBILITY = {"visible": -1, "hidden": 0, "veryHidden": 2}
_CM_TO_POINTS = 72 / 2.54
_CHART_TYPES = {"column": "column_clustered", "bar": "bar_clustered"}
# Excel's constants (XlAxisType, XlTickLabelPosition), as Microsoft documents them.
_XL_CATEGORY = 1
_XL_TICK_LABEL_POSITION_LOW = -4134


def excel_value(value):
    """Our formulas stay formulas; all other text is written as text. Excel reads a string assigned to
    Range.value as typed input ("=…" a formula, "2015" a number, "March 2026" a date), so text gets the
    apostrophe prefix, which Excel keeps out of the cell's value."""
    if isinstance(value, Formula):
        return value.text
    if isinstance(value, Hyperlink):  # its text here; the link itself is added after the block is written
        return excel_value(value.text)
    if isinstance(value, str) and value:
        return "'" + value
    return value


def bgr(colour: str) -> int:
    """RRGGBB as the integer Excel's object model takes (blue, green, red bytes)."""
    red, green, blue = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    return red + (green << 8) + (blue << 16)


class XlwingsWriter(LayoutWriter):
    def __init__(self, book):
        self.book = book

    def sheet_for(self, layout: SheetLayout, previous):
        existing = {sheet.name: sheet for sheet in self.book.sheets}
        if layout.name in existing:
            sheet = existing[layout.name]
            sheet.clear()  # contents and formats: a rewritten sheet keeps nothing of the last refresh
            return sheet
        if previous is not None:
            return self.book.sheets.add(layout.name, after=previous)
        return self.book.sheets.add(layout.name, before=self.book.sheets[0])

    def write_block(self, sheet, block: Block, cell_style: CellStyle) -> None:
        target = sheet.range((block.row, block.column)).resize(block.height, block.width)
        target.value = [[excel_value(value) for value in row] for row in block.values]
        for row_offset, row in enumerate(block.values):
            for column_offset, value in enumerate(row):
                if isinstance(value, Hyperlink):  # "#'Sheet'!A1" links inside the workbook, as in the file door
                    target[row_offset, column_offset].add_hyperlink(value.target, value.text)
        self.apply_style(target, cell_style)

    @staticmethod
    def apply_style(target, cell_style: CellStyle) -> None:
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

    def add_table(self, sheet, table: ExcelTable, headers: list[str]) -> None:
        existing = {excel_table.name: excel_table for excel_table in sheet.tables}
        if table.name in existing:
            existing[table.name].resize(sheet.range(table.address))
        else:
            sheet.tables.add(source=sheet.range(table.address), name=table.name, table_style_name=TABLE_STYLE)

    def set_column_width(self, sheet, column: int, width: float) -> None:
        sheet.range(f"{column_letter(column)}1").column_width = width

    def set_row_height(self, sheet, row: int, height: float) -> None:
        sheet.range(f"A{row}").row_height = height

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

    def add_chart(self, sheet, chart: Chart) -> None:
        """The layout's charts, in order: an existing chart of the sheet is pointed at the refreshed cells, a
        missing one is added."""
        index = self._charts_written.setdefault(sheet.name, 0)
        self._charts_written[sheet.name] += 1
        if index < sheet.charts.count:
            excel_chart = sheet.charts[index]
        else:
            anchor = sheet.range(chart.anchor)
            excel_chart = sheet.charts.add(anchor.left, anchor.top, chart.width_cm * _CM_TO_POINTS,
                                           chart.height_cm * _CM_TO_POINTS)
        excel_chart.chart_type = _CHART_TYPES[chart.kind]
        excel_chart.set_source_data(self.book.sheets[chart.source_sheet].range(chart.source_address()))
        excel_chart.api[1].HasTitle = True
        excel_chart.api[1].ChartTitle.Text = chart.title
        if chart.category_labels_low:
            excel_chart.api[1].Axes(_XL_CATEGORY).TickLabelPosition = _XL_TICK_LABEL_POSITION_LOW

    def write(self, layouts: Sequence[SheetLayout], after=None) -> None:
        self._charts_written: dict[str, int] = {}
        self._active = self.book.sheets.active
        super().write(layouts, after)

    def finish(self, layouts: Sequence[SheetLayout]) -> None:
        self._active.api.Activate()  # freezing panes activated sheets: the user stays where they were

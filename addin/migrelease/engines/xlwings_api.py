"""What both xlwings engines of the writer interface do through xlwings' own Book API: the COM engine of the
Windows button (`xlwings_engine`) and the remote engine of xlwings Lite (`lite_engine`).

One `Range.value` assignment per block, then the block's links and its style on the whole block at once; an
existing sheet is cleared and rewritten in place, its Excel tables resized; charts are added or re-pointed in
the layout's order. How a style, frozen panes, print set-up, visibility and a chart's position and title reach
Excel differs between the two engines (COM's object model; Office.js actions) and is theirs to say.
"""

from __future__ import annotations

from abc import abstractmethod
from typing import Sequence

from migrelease.sheets.blocks import Block, Chart, ExcelTable, Formula, Hyperlink, SheetLayout
from migrelease.sheets.theme import TABLE_STYLE, CellStyle
from migrelease.sheets.writer import LayoutWriter

CM_TO_POINTS = 72 / 2.54
CHART_TYPES = {"column": "column_clustered", "bar": "bar_clustered"}


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


class XlwingsApiWriter(LayoutWriter):
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

    @abstractmethod
    def apply_style(self, target, cell_style: CellStyle) -> None:
        """The theme's style on the whole block `target` (an xlwings Range)."""

    def add_table(self, sheet, table: ExcelTable, headers: list[str]) -> None:
        existing = {excel_table.name: excel_table for excel_table in sheet.tables}
        if table.name in existing:
            existing[table.name].resize(sheet.range(table.address))
        else:
            sheet.tables.add(source=sheet.range(table.address), name=table.name, table_style_name=TABLE_STYLE)

    def set_row_height(self, sheet, row: int, height: float) -> None:
        sheet.range(f"A{row}").row_height = height

    def add_chart(self, sheet, chart: Chart) -> None:
        """The layout's charts, in order: an existing chart of the sheet is pointed at the refreshed cells, a
        missing one is added."""
        index = self._charts_written.setdefault(sheet.name, 0)
        self._charts_written[sheet.name] += 1
        if index < sheet.charts.count:
            excel_chart = sheet.charts[index]
        else:
            left, top = self.chart_position(sheet, chart)
            excel_chart = sheet.charts.add(left, top, chart.width_cm * CM_TO_POINTS, chart.height_cm * CM_TO_POINTS)
        excel_chart.chart_type = CHART_TYPES[chart.kind]
        excel_chart.set_source_data(self.book.sheets[chart.source_sheet].range(chart.source_address()))
        self.set_chart_title(excel_chart, chart.title)
        if chart.category_labels_low:
            self.set_category_labels_low(excel_chart)

    def set_category_labels_low(self, excel_chart) -> None:
        """Category labels below the plot area; an engine without access to the chart's axes leaves Excel's
        default (next to the axis)."""

    @abstractmethod
    def chart_position(self, sheet, chart: Chart) -> tuple[float, float]:
        """(left, top) in points of the chart's anchor cell."""

    @abstractmethod
    def set_chart_title(self, excel_chart, title: str) -> None:
        ...

    def write(self, layouts: Sequence[SheetLayout], after=None) -> None:
        self._charts_written: dict[str, int] = {}
        super().write(layouts, after)

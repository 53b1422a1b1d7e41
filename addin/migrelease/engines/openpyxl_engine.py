"""The openpyxl engine of the writer interface: layouts into an openpyxl workbook, keeping everything else in it."""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from openpyxl.chart import BarChart, Reference, Series
from openpyxl.chart.series import SeriesLabel, StrRef
from openpyxl.utils.cell import absolute_coordinate, quote_sheetname
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.workbook import Workbook
from openpyxl.worksheet.hyperlink import Hyperlink as CellHyperlink
from openpyxl.worksheet.table import Table, TableStyleInfo

from migrelease.model.a1 import cell_address, column_letter
from migrelease.sheets.blocks import Block, Chart, ExcelTable, Formula, Hyperlink, PrintSetup, SheetLayout
from migrelease.sheets.theme import TABLE_STYLE, CellStyle
from migrelease.sheets.writer import LayoutWriter

_PAPER_SIZES = {"A4": 9}


@lru_cache(maxsize=None)
def openpyxl_style(cell_style: CellStyle) -> dict:
    """The theme's neutral style as openpyxl attributes (cached: openpyxl shares equal style objects)."""
    font = cell_style.font
    attributes = {
        "font": Font(bold=font.bold, italic=font.italic, size=font.size, color=font.color,
                     underline="single" if font.underline else None),
        "number_format": cell_style.number_format,
        "alignment": Alignment(horizontal=cell_style.horizontal, vertical=cell_style.vertical,
                               wrap_text=cell_style.wrap or None),
    }
    if cell_style.fill:
        attributes["fill"] = PatternFill("solid", fgColor=cell_style.fill)
    if cell_style.bottom_border:
        attributes["border"] = Border(bottom=Side(style=cell_style.bottom_border.style,
                                                  color=cell_style.bottom_border.color))
    return attributes


def set_cell(cell, value) -> None:
    """Our formulas become formulas; any text, even one starting with '=', stays text."""
    if isinstance(value, Formula):
        cell.value = value.text
        return
    if isinstance(value, Hyperlink):
        set_cell(cell, value.text)
        if value.is_internal:
            cell.hyperlink = CellHyperlink(ref=cell.coordinate, location=value.target[1:], display=value.text)
        else:
            cell.hyperlink = value.target
        return
    cell.value = value
    if isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"


class OpenpyxlWriter(LayoutWriter):
    def __init__(self, workbook: Workbook):
        self.workbook = workbook

    def sheet_for(self, layout: SheetLayout, previous):
        workbook = self.workbook
        if layout.name in workbook.sheetnames:
            index = workbook.sheetnames.index(layout.name)
            workbook.remove(workbook[layout.name])
            return workbook.create_sheet(layout.name, index)
        index = workbook.sheetnames.index(previous.title) + 1 if previous is not None else 0
        return workbook.create_sheet(layout.name, index)

    def write_block(self, sheet, block: Block, cell_style: CellStyle) -> None:
        attributes = openpyxl_style(cell_style)
        for row_offset, row in enumerate(block.values):
            for column_offset, value in enumerate(row):
                cell = sheet.cell(block.row + row_offset, block.column + column_offset)
                set_cell(cell, value)
                for attribute, setting in attributes.items():
                    setattr(cell, attribute, setting)

    def add_table(self, sheet, table: ExcelTable, headers: list[str]) -> None:
        excel_table = Table(displayName=table.name, ref=table.address)
        excel_table.tableStyleInfo = TableStyleInfo(name=TABLE_STYLE, showRowStripes=True)
        sheet.add_table(excel_table)

    def set_column_width(self, sheet, column: int, width: float) -> None:
        sheet.column_dimensions[column_letter(column)].width = width

    def set_row_height(self, sheet, row: int, height: float) -> None:
        sheet.row_dimensions[row].height = height

    def freeze_panes(self, sheet, row: int, column: int) -> None:
        sheet.freeze_panes = cell_address(row, column)

    def set_print_setup(self, sheet, setup: PrintSetup) -> None:
        sheet.page_setup.orientation = setup.orientation
        sheet.page_setup.paperSize = _PAPER_SIZES[setup.paper]
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = setup.fit_width, setup.fit_height
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        if setup.repeat_rows:
            sheet.print_title_rows = f"{setup.repeat_rows[0]}:{setup.repeat_rows[1]}"

    def set_visibility(self, sheet, visibility: str) -> None:
        sheet.sheet_state = visibility

    def add_chart(self, sheet, chart: Chart) -> None:
        source = self.workbook[chart.source_sheet]
        bar = BarChart()
        bar.type, bar.grouping = ("col" if chart.kind == "column" else "bar"), "clustered"
        bar.title = chart.title
        bar.y_axis.title = chart.value_axis_title
        if chart.category_axis_title:
            bar.x_axis.title = chart.category_axis_title
        for column in chart.series_columns:
            # The values are the chart's rows; the name is the header cell (the rows may start below the header).
            series = Series(Reference(source, min_col=column, min_row=chart.first_row, max_row=chart.last_row))
            series.tx = SeriesLabel(strRef=StrRef(f"{quote_sheetname(source.title)}!"
                                                  f"{absolute_coordinate(cell_address(chart.header_row, column))}"))
            bar.series.append(series)
        bar.set_categories(Reference(source, min_col=chart.category_column, min_row=chart.first_row,
                                     max_row=chart.last_row))
        if chart.category_labels_low:
            bar.x_axis.tickLblPos = "low"  # the category axis, whichever way the bars run
        bar.width, bar.height = chart.width_cm, chart.height_cm
        # openpyxl 3.1 writes <c:delete val="1"/> for axes unless told otherwise, and Excel then hides them.
        bar.x_axis.delete = False
        bar.y_axis.delete = False
        sheet.add_chart(bar, chart.anchor)

    def finish(self, layouts: Sequence[SheetLayout]) -> None:
        # Open on the first sheet, with only that tab selected (a new sheet inserted in front must not leave two
        # tabs grouped).
        self.workbook.active = 0
        for sheet in self.workbook.worksheets:
            sheet.sheet_view.tabSelected = sheet is self.workbook.worksheets[0]


def write_layouts(workbook: Workbook, layouts: Sequence[SheetLayout]) -> None:
    OpenpyxlWriter(workbook).write(layouts)

"""The file door's writer: a release layout into an openpyxl workbook, keeping everything else in it."""

from __future__ import annotations

from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.workbook import Workbook
from openpyxl.worksheet.hyperlink import Hyperlink as CellHyperlink
from openpyxl.worksheet.table import Table, TableStyleInfo

from .layout import NUMBER_FORMATS, ChartSpec, Formula, Hyperlink, SheetLayout, column_letter

_THIN = Side(style="thin", color="808080")
_CELL_STYLES = {
    "title": {"font": Font(bold=True, size=14)},
    "subtitle": {"font": Font(bold=True, size=12)},
    "info": {},
    "header": {"font": Font(bold=True), "alignment": Alignment(wrap_text=True, vertical="top"),
               "border": Border(bottom=_THIN), "fill": PatternFill("solid", fgColor="DDEBF7")},
    "label": {},
    "count": {"number_format": NUMBER_FORMATS["count"], "alignment": Alignment(horizontal="right")},
    "percent": {"number_format": NUMBER_FORMATS["percent"], "alignment": Alignment(horizontal="right")},
    "indicator": {"number_format": NUMBER_FORMATS["indicator"], "alignment": Alignment(horizontal="right")},
    "text": {"number_format": NUMBER_FORMATS["text"]},
    "wrap": {"alignment": Alignment(wrap_text=True, vertical="top")},
    "link": {"font": Font(color="0563C1", underline="single")},
}


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


def _place_sheet(workbook: Workbook, layout: SheetLayout, after: str | None):
    """A fresh sheet for `layout`, where the old one was, else after the previous generated sheet."""
    if layout.name in workbook.sheetnames:
        old = workbook[layout.name]
        index = workbook.sheetnames.index(layout.name)
        workbook.remove(old)
        return workbook.create_sheet(layout.name, index)
    index = workbook.sheetnames.index(after) + 1 if after in workbook.sheetnames else 0
    return workbook.create_sheet(layout.name, index)


def write_sheet(workbook: Workbook, layout: SheetLayout, after: str | None = None):
    sheet = _place_sheet(workbook, layout, after)
    for block in layout.blocks:
        style = _CELL_STYLES[block.style]
        for row_offset, row in enumerate(block.values):
            for column_offset, value in enumerate(row):
                cell = sheet.cell(block.row + row_offset, block.column + column_offset)
                set_cell(cell, value)
                for attribute, setting in style.items():
                    setattr(cell, attribute, setting)
    for table in layout.tables:
        reference = (f"{column_letter(table.first_column)}{table.first_row}:"
                     f"{column_letter(table.last_column)}{table.last_row}")
        excel_table = Table(displayName=table.name, ref=reference)
        excel_table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
        sheet.add_table(excel_table)
    for column, width in layout.column_widths.items():
        sheet.column_dimensions[column_letter(column)].width = width
    for row, height in layout.row_heights.items():
        sheet.row_dimensions[row].height = height
    if layout.tables:
        first = layout.tables[0]
        sheet.freeze_panes = f"{column_letter(first.first_column + 1)}{first.first_row + 1}"
        # Printed, a table is one page wide, landscape, its header repeated on every page.
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_title_rows = f"{first.first_row}:{first.first_row}"
    return sheet


def add_chart(workbook: Workbook, sheet, spec: ChartSpec) -> None:
    source = workbook[spec.source_sheet]
    chart = BarChart()
    chart.type, chart.grouping = ("col" if spec.kind == "column" else "bar"), "clustered"
    chart.title = spec.title
    chart.y_axis.title = spec.value_axis_title
    if spec.category_axis_title:
        chart.x_axis.title = spec.category_axis_title
    for column in spec.series_columns:
        values = Reference(source, min_col=column, min_row=spec.header_row, max_row=spec.last_row)
        chart.add_data(values, titles_from_data=True)
    chart.set_categories(Reference(source, min_col=spec.category_column, min_row=spec.first_row,
                                   max_row=spec.last_row))
    chart.width, chart.height = spec.width_cm, spec.height_cm
    # openpyxl 3.1 writes <c:delete val="1"/> for axes unless told otherwise, and Excel then hides them.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    sheet.add_chart(chart, spec.anchor)


def write_layout(workbook: Workbook, layouts: list[SheetLayout]) -> None:
    previous = None
    for layout in layouts:
        write_sheet(workbook, layout, after=previous)
        previous = layout.name
    # Charts last: their series may refer to any sheet of the layout.
    for layout in layouts:
        for spec in layout.charts:
            add_chart(workbook, workbook[layout.name], spec)
    # Open on the first sheet, with only that tab selected (a new sheet inserted in front must not leave two
    # tabs grouped).
    workbook.active = 0
    for sheet in workbook.worksheets:
        sheet.sheet_view.tabSelected = sheet is workbook.worksheets[0]

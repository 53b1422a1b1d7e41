"""The XlsxWriter engine of the writer interface: layouts into a new workbook (the build, the public copy).

XlsxWriter writes a workbook from scratch, sheet by sheet, so sheets are added in layout order and nothing is
rewritten in place. Formulas are written with the value they carry, so the file shows figures before any
recalculation.
"""

from __future__ import annotations

from functools import lru_cache

from migrelease.sheets.blocks import Block, Chart, ExcelTable, Formula, Hyperlink, PrintSetup, SheetLayout
from migrelease.sheets.theme import TABLE_STYLE, CellStyle, column_characters, style
from migrelease.sheets.writer import LayoutWriter

_PAPER_SIZES = {"A4": 9}
_CHART_TYPES = {"column": "column", "bar": "bar"}


def xlsxwriter_properties(cell_style: CellStyle) -> dict:
    """The theme's neutral style as XlsxWriter format properties."""
    font = cell_style.font
    properties = {"bold": font.bold, "italic": font.italic, "font_size": font.size,
                  "num_format": cell_style.number_format, "text_wrap": cell_style.wrap}
    if font.color:
        properties["font_color"] = "#" + font.color
    if font.underline:
        properties["underline"] = 1
    if cell_style.fill:
        properties.update(bg_color="#" + cell_style.fill, pattern=1)
    if cell_style.bottom_border:
        properties.update(bottom=1, bottom_color="#" + cell_style.bottom_border.color)
    if cell_style.horizontal:
        properties["align"] = cell_style.horizontal
    if cell_style.vertical:
        properties["valign"] = {"center": "vcenter"}.get(cell_style.vertical, cell_style.vertical)
    return properties


def xlsxwriter_table_style(name: str) -> str:
    """'TableStyleLight9' -> 'Table Style Light 9', as XlsxWriter names Excel's built-in table styles."""
    for kind in ("Light", "Medium", "Dark"):
        prefix = f"TableStyle{kind}"
        if name.startswith(prefix):
            return f"Table Style {kind} {name[len(prefix):]}"
    return name


class XlsxWriterWriter(LayoutWriter):
    def __init__(self, workbook):
        self.workbook = workbook
        self._format = lru_cache(maxsize=None)(lambda cell_style: workbook.add_format(
            xlsxwriter_properties(cell_style)))

    def sheet_for(self, layout: SheetLayout, previous):
        return self.workbook.add_worksheet(layout.name)

    def write_block(self, sheet, block: Block, cell_style: CellStyle) -> None:
        cell_format = self._format(cell_style)
        for row_offset, row in enumerate(block.values):
            for column_offset, value in enumerate(row):
                row_index, column_index = block.row - 1 + row_offset, block.column - 1 + column_offset
                if isinstance(value, Formula):
                    cached = "" if value.value is None else value.value
                    sheet.write_formula(row_index, column_index, value.text, cell_format, cached)
                elif isinstance(value, Hyperlink):
                    url = f"internal:{value.target[1:]}" if value.is_internal else value.target
                    sheet.write_url(row_index, column_index, url, cell_format, value.text)
                elif isinstance(value, str):
                    sheet.write_string(row_index, column_index, value, cell_format)
                elif value is None:
                    sheet.write_blank(row_index, column_index, None, cell_format)
                else:
                    sheet.write_number(row_index, column_index, value, cell_format)

    def add_table(self, sheet, table: ExcelTable, headers: list[str]) -> None:
        header_format = self._format(style("header"))  # XlsxWriter writes the header cells itself
        sheet.add_table(table.first_row - 1, table.first_column - 1, table.last_row - 1, table.last_column - 1,
                        {"name": table.name, "style": xlsxwriter_table_style(TABLE_STYLE),
                         "columns": [{"header": header, "header_format": header_format} for header in headers]})

    def set_column_width(self, sheet, column: int, width: float) -> None:
        sheet.set_column(column - 1, column - 1, column_characters(width))  # XlsxWriter adds the padding back

    def set_row_height(self, sheet, row: int, height: float) -> None:
        sheet.set_row(row - 1, height)

    def freeze_panes(self, sheet, row: int, column: int) -> None:
        sheet.freeze_panes(row - 1, column - 1)

    def set_print_setup(self, sheet, setup: PrintSetup) -> None:
        if setup.orientation == "landscape":
            sheet.set_landscape()
        else:
            sheet.set_portrait()
        sheet.set_paper(_PAPER_SIZES[setup.paper])
        sheet.fit_to_pages(setup.fit_width, setup.fit_height)
        if setup.repeat_rows:
            sheet.repeat_rows(setup.repeat_rows[0] - 1, setup.repeat_rows[1] - 1)

    def set_visibility(self, sheet, visibility: str) -> None:
        if visibility == "veryHidden":
            sheet.very_hidden()
        else:
            sheet.hide()

    def add_chart(self, sheet, chart: Chart) -> None:
        excel_chart = self.workbook.add_chart({"type": _CHART_TYPES[chart.kind]})
        for column in chart.series_columns:
            excel_chart.add_series({
                "name": [chart.source_sheet, chart.header_row - 1, column - 1],
                "categories": [chart.source_sheet, chart.first_row - 1, chart.category_column - 1,
                               chart.last_row - 1, chart.category_column - 1],
                "values": [chart.source_sheet, chart.first_row - 1, column - 1, chart.last_row - 1, column - 1],
            })
        excel_chart.set_title({"name": chart.title})
        value_axis, category_axis = ("set_y_axis", "set_x_axis") if chart.kind == "column" else (
            "set_x_axis", "set_y_axis")
        getattr(excel_chart, value_axis)({"name": chart.value_axis_title})
        category_options = {"name": chart.category_axis_title} if chart.category_axis_title else {}
        if chart.category_labels_low:
            category_options["label_position"] = "low"
        if category_options:
            getattr(excel_chart, category_axis)(category_options)
        excel_chart.set_size({"x_scale": chart.width_cm / 12.7, "y_scale": chart.height_cm / 7.62})
        sheet.insert_chart(chart.anchor, excel_chart)

"""The one button: refresh the open workbook in Excel through xlwings, writing what the file door writes.

Reads each input sheet once, computes everything with the core, and only then writes: one `Range.value`
assignment per layout block, with screen updating and calculation off. Bad data writes nothing and shows one
message listing every problem.
"""

from __future__ import annotations

import xlwings as xw

from .facts import DATA, ETHNICITY, POPULATION, validate_all
from .layout import NUMBER_FORMATS, Formula, Hyperlink, SheetLayout, column_letter
from .problems import InputProblems
from .publication import SETTINGS_SHEET, settings_from_rows, settings_sheet
from .refresh_plan import plan_refresh
from .sheet_source import raw_table_from_rows

_BOLD_STYLES = {"title", "subtitle", "header"}


def _read_input(book, spec, required: bool):
    names = {sheet.name.casefold(): sheet for sheet in book.sheets}
    sheet = names.get(spec.sheet.casefold())
    if sheet is None:
        if required:
            raise InputProblems.missing_sheet(spec)
        return None
    used = sheet.used_range
    rows = used.options(ndim=2).value  # the one read of this sheet
    return raw_table_from_rows(sheet.name, rows, spec, top_row=used.row, left_column=used.column)


def _excel_value(value):
    """Our formulas stay formulas; all other text is written as text. Excel reads a string assigned to
    Range.value as typed input ("=…" a formula, "2015" a number, "March 2026" a date), so text gets the
    apostrophe prefix, which Excel keeps out of the cell's value."""
    if isinstance(value, Formula):
        return value.text
    if isinstance(value, Hyperlink):  # its text here; the link itself is added after the block is written
        return _excel_value(value.text)
    if isinstance(value, str) and value:
        return "'" + value
    return value


def _sheet_for(book, layout: SheetLayout, after):
    existing = {sheet.name: sheet for sheet in book.sheets}
    if layout.name in existing:
        sheet = existing[layout.name]
        sheet.cells.clear_contents()
        return sheet
    return book.sheets.add(layout.name, after=after) if after is not None else book.sheets.add(
        layout.name, before=book.sheets[0])


def write_sheet_layout(book, layout: SheetLayout, after=None):
    sheet = _sheet_for(book, layout, after)
    for block in layout.blocks:
        target = sheet.range((block.row, block.column)).resize(block.height, block.width)
        target.value = [[_excel_value(value) for value in row] for row in block.values]
        for row_offset, row in enumerate(block.values):
            for column_offset, value in enumerate(row):
                if isinstance(value, Hyperlink):  # "#'Sheet'!A1" links inside the workbook, as in the file door
                    target[row_offset, column_offset].add_hyperlink(value.target, value.text)
        if block.style in NUMBER_FORMATS:
            target.number_format = NUMBER_FORMATS[block.style]
        if block.style in _BOLD_STYLES:
            target.font.bold = True
    existing_tables = {table.name: table for table in sheet.tables}
    for table in layout.tables:
        address = (f"{column_letter(table.first_column)}{table.first_row}:"
                   f"{column_letter(table.last_column)}{table.last_row}")
        if table.name in existing_tables:
            existing_tables[table.name].resize(sheet.range(address))
        else:
            sheet.tables.add(source=sheet.range(address), name=table.name)
    for column, width in layout.column_widths.items():
        sheet.range(f"{column_letter(column)}1").column_width = width
    for row, height in layout.row_heights.items():
        sheet.range(f"A{row}").row_height = height
    return sheet


_CM_TO_POINTS = 72 / 2.54
_CHART_TYPES = {"column": "column_clustered", "bar": "bar_clustered"}


def _set_chart_title(chart, title: str) -> None:
    """Chart titles are outside xlwings' API: set them through Excel's object model where there is one."""
    chart_object = chart.api[1] if isinstance(chart.api, tuple) else None
    if chart_object is not None:
        chart_object.HasTitle = True
        chart_object.ChartTitle.Text = title


def write_charts(book, sheet, layout: SheetLayout) -> None:
    """The layout's charts, in order: an existing chart of the sheet is pointed at the refreshed cells, a missing
    one is added."""
    for index, spec in enumerate(layout.charts):
        if index < sheet.charts.count:
            chart = sheet.charts[index]
        else:
            anchor = sheet.range(spec.anchor)
            chart = sheet.charts.add(anchor.left, anchor.top, spec.width_cm * _CM_TO_POINTS,
                                     spec.height_cm * _CM_TO_POINTS)
        chart.chart_type = _CHART_TYPES[spec.kind]
        chart.set_source_data(book.sheets[spec.source_sheet].range(spec.source_address()))
        _set_chart_title(chart, spec.title)


def _read_settings(book) -> dict[str, str]:
    sheet = next((sheet for sheet in book.sheets if sheet.name.casefold() == SETTINGS_SHEET.casefold()), None)
    return {} if sheet is None else settings_from_rows(sheet.used_range.options(ndim=2).value)


def refresh(book=None):
    """Refresh every generated sheet of the workbook (the 'Refresh release' button runs this)."""
    book = book or xw.Book.caller()
    app = book.app
    try:
        app.status_bar = "Refresh release: reading the data sheets…"
        facts, population, ethnicity = validate_all([
            (_read_input(book, DATA, required=True), DATA),
            (_read_input(book, POPULATION, required=False), POPULATION),
            (_read_input(book, ETHNICITY, required=False), ETHNICITY),
        ])
        app.status_bar = "Refresh release: computing tables, key points and checks…"
        plan = plan_refresh(facts, population, ethnicity, None, "sheet 'Data'", _read_settings(book))
    except InputProblems as error:
        app.status_bar = False
        app.alert(error.report(), title="Refresh release: the data has problems", mode="critical")
        return None
    with app.properties(screen_updating=False, calculation="manual"):
        previous = None
        for number, layout in enumerate(plan.layouts, start=1):
            app.status_bar = f"Refresh release: writing {layout.name} ({number} of {len(plan.layouts)})…"
            previous = write_sheet_layout(book, layout, after=previous)
        for layout in plan.layouts:  # charts last: their series may refer to any sheet of the layout
            if layout.charts:
                write_charts(book, book.sheets[layout.name], layout)
        if not any(sheet.name.casefold() == SETTINGS_SHEET.casefold() for sheet in book.sheets):
            write_sheet_layout(book, settings_sheet(), after=book.sheets[len(book.sheets) - 1])
    app.calculate()
    app.status_bar = False
    if plan.warnings:
        app.alert("\n".join(plan.warnings), title="Refresh release: figures to review", mode="info")
    return plan.release

"""The one button: refresh the open workbook in Excel through xlwings, writing what the file door writes.

Reads each input sheet once, computes everything with the core, and only then writes: one `Range.value`
assignment per layout block, with screen updating and calculation off. Bad data writes nothing and shows one
message listing every problem.
"""

from __future__ import annotations

import xlwings as xw

from .facts import DATA, ETHNICITY, POPULATION, validate_all
from .layout import NUMBER_FORMATS, Formula, Hyperlink, SheetLayout, column_letter, release_layout
from .problems import InputProblems
from .release import compute_release
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
    return sheet


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
        app.status_bar = "Refresh release: computing tables and key points…"
        release = compute_release(facts, None, "sheet 'Data'", population, ethnicity)
        layouts = release_layout(release)
    except InputProblems as error:
        app.status_bar = False
        app.alert(error.report(), title="Refresh release: the data has problems", mode="critical")
        return None
    with app.properties(screen_updating=False, calculation="manual"):
        previous = None
        for number, layout in enumerate(layouts, start=1):
            app.status_bar = f"Refresh release: writing {layout.name} ({number} of {len(layouts)})…"
            previous = write_sheet_layout(book, layout, after=previous)
    app.calculate()
    app.status_bar = False
    return release

"""The one button: refresh the open workbook in Excel through xlwings, writing what the file door writes.

Reads each input sheet once, computes everything with the core, and only then writes: one `Range.value`
assignment per layout block, with screen updating and calculation off. Bad data writes nothing and shows one
message listing every problem.
"""

from __future__ import annotations

import xlwings as xw

from migrelease.engines.xlwings_engine import XlwingsWriter
from migrelease.model.a1 import find_sheet
from migrelease.model.facts import DATA, ETHNICITY, POPULATION, validate_all
from migrelease.model.input_rows import raw_table_from_rows
from migrelease.model.problems import InputProblems
from migrelease.release.compute import resolve_options
from migrelease.sheets.plan import RefreshPlan, plan_refresh
from migrelease.sheets.settings import SETTINGS_SHEET, settings_from_rows, settings_sheet


def _sheet(book, name: str):
    actual = find_sheet([sheet.name for sheet in book.sheets], name)
    return None if actual is None else book.sheets[actual]


def _read_input(book, spec, required: bool):
    sheet = _sheet(book, spec.sheet)
    if sheet is None:
        if required:
            raise InputProblems.missing_sheet(spec)
        return None
    used = sheet.used_range
    rows = used.options(ndim=2).value  # the one read of this sheet
    return raw_table_from_rows(sheet.name, rows, spec, top_row=used.row, left_column=used.column)


def _read_settings(book) -> dict[str, str]:
    sheet = _sheet(book, SETTINGS_SHEET)
    return {} if sheet is None else settings_from_rows(sheet.used_range.options(ndim=2).value)


def refresh(book=None) -> RefreshPlan | None:
    """Refresh every generated sheet of the workbook (the 'Refresh release' button runs this); returns what was
    written, or None when the data has problems (shown to the user, nothing written)."""
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
        settings = _read_settings(book)
        plan = plan_refresh(facts, population, ethnicity, None, "sheet 'Data'", settings, resolve_options(settings),
                            door="excel")
    except InputProblems as error:
        app.status_bar = False
        app.alert(error.report(), title="Refresh release: the data has problems", mode="critical")
        return None
    with app.properties(screen_updating=False, calculation="manual"):
        writer = XlwingsWriter(book)
        writer.progress = lambda name, number, count: setattr(
            app, "status_bar", f"Refresh release: writing {name} ({number} of {count})…")
        writer.write(plan.layouts)
        if _sheet(book, SETTINGS_SHEET) is None:
            writer.write([settings_sheet()], after=book.sheets[len(book.sheets) - 1])
    app.calculate()
    app.status_bar = False
    if plan.warnings:
        app.alert("\n".join(plan.warnings), title="Refresh release: figures to review", mode="info")
    return plan

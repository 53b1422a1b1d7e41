"""A refresh of a workbook open in Excel through xlwings' Book API: the one sequence both Excel doors run — the
Windows button (`macros`, COM engine) and xlwings Lite (`lite`, remote engine) — each with its writer engine.

Reads each input sheet once, computes everything with the core, and only then writes. Bad data writes nothing
and shows one alert listing every problem; the review warnings come in one alert after the writes.
"""

from __future__ import annotations

import contextlib
from typing import Callable, ContextManager

from migrelease.model.a1 import find_sheet
from migrelease.model.facts import DATA, ETHNICITY, POPULATION, validate_all
from migrelease.model.input_rows import raw_table_from_rows
from migrelease.model.problems import InputProblems
from migrelease.release.compute import resolve_options
from migrelease.sheets.plan import RefreshPlan, plan_refresh
from migrelease.sheets.settings import SETTINGS_SHEET, created_settings, settings_from_rows, settings_sheet
from migrelease.sheets.writer import LayoutWriter

PROBLEMS_TITLE = "Refresh release: the data has problems"
WARNINGS_TITLE = "Refresh release: figures to review"
REVISIONS_TITLE = "Refresh release: published figures revised"


def book_sheet(book, name: str):
    actual = find_sheet([sheet.name for sheet in book.sheets], name)
    return None if actual is None else book.sheets[actual]


def read_input(book, spec, required: bool):
    sheet = book_sheet(book, spec.sheet)
    if sheet is None:
        if required:
            raise InputProblems.missing_sheet(spec)
        return None
    used = sheet.used_range
    rows = used.options(ndim=2).value  # the one read of this sheet
    return raw_table_from_rows(sheet.name, rows, spec, top_row=used.row, left_column=used.column)


def read_settings(book) -> dict[str, str]:
    sheet = book_sheet(book, SETTINGS_SHEET)
    return {} if sheet is None else settings_from_rows(sheet.used_range.options(ndim=2).value)


def _nowhere(text: str | bool) -> None:
    """Where a door has no status bar or message log."""


def refresh_book(book, writer: LayoutWriter, status: Callable[[str | bool], None] = _nowhere,
                 writing: Callable[[], ContextManager] = contextlib.nullcontext,
                 echo: Callable[[str], None] = _nowhere, door: str = "excel") -> RefreshPlan | None:
    """Refresh every generated sheet of `book` with `writer`. Returns what was written, or None when the data has
    problems (shown, nothing written). `status` shows a stage (False: done); `writing()` wraps the writes; `echo`
    also gets the text of each alert (xlwings Lite: print, which its Output pane shows); `door` is recorded in
    the release stamp ("excel" or "lite")."""
    app = book.app
    try:
        status("Refresh release: reading the data sheets…")
        facts, population, ethnicity = validate_all([
            (read_input(book, DATA, required=True), DATA),
            (read_input(book, POPULATION, required=False), POPULATION),
            (read_input(book, ETHNICITY, required=False), ETHNICITY),
        ])
        status("Refresh release: computing tables, key points and checks…")
        # a Settings sheet this refresh creates is fingerprinted as it will be, as the file door does
        settings = read_settings(book) if book_sheet(book, SETTINGS_SHEET) is not None else created_settings()
        plan = plan_refresh(facts, population, ethnicity, None, "sheet 'Data'", settings,
                            options=resolve_options(settings),
                            door=door)
    except InputProblems as error:
        status(False)
        echo(error.report())
        app.alert(error.report(), title=PROBLEMS_TITLE, mode="critical")
        return None
    with writing():
        writer.write(plan.layouts)
        if book_sheet(book, SETTINGS_SHEET) is None:
            writer.write([settings_sheet()], after=book.sheets[len(book.sheets) - 1])
    app.calculate()
    status(False)
    if plan.warnings:
        echo("\n".join(plan.warnings))
        app.alert("\n".join(plan.warnings), title=WARNINGS_TITLE, mode="info")
    echo(plan.revisions.summary())
    if plan.revisions.items:
        app.alert(plan.revisions.summary(), title=REVISIONS_TITLE, mode="info")
    return plan

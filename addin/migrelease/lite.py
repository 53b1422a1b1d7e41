"""The release in Excel on the web, on Mac and on Windows without a local Python: the xlwings Lite door.

The workbook's main.py in the xlwings Lite add-in is `from migrelease.lite import *`. That brings in
- the script `refresh_release`, the same refresh as the Windows button and the command line (read the input
  sheets, check them — bad data: one alert listing every problem, nothing written — compute, write every
  generated sheet through the writer interface, then the review warnings in one alert);
- the custom functions MIG_BALANCE, MIG_SHARE, MIG_CHANGE, MIG_INTENSITY, MIG_TABLE and MIG_KEYPOINTS, with the
  arguments and answers of the COM UDFs (`migrelease.udfs`), but real Excel errors (#VALUE!) where COM has to
  write '#VALUE! …' text; ranges in, dynamic arrays out.

Everything runs in the browser (Pyodide). This module imports nothing that has no Pyodide build: no calamine,
openpyxl or matplotlib (the file door's), no pywin32. xlwings' real decorators come from `xlwings.server`, the
module xlwings Lite itself runs on (`from xlwings import script, func` are the same objects inside Lite).
"""

from __future__ import annotations

import functools

import xlwings as xw
from xlwings.server import arg, func, script

from migrelease.engines.lite_engine import LiteWriter
from migrelease.engines.xlwings_book import refresh_book
from migrelease.model import measures
from migrelease.sheets.worksheet_functions import (EXCEL_ERROR_TEXTS, ExcelErrors, keypoint_rows, measure_cells,
                                                   table_rows, with_help)

__all__ = ["refresh_release", "MIG_BALANCE", "MIG_SHARE", "MIG_CHANGE", "MIG_INTENSITY", "MIG_TABLE",
           "MIG_KEYPOINTS"]

ERRORS = ExcelErrors(texts=EXCEL_ERROR_TEXTS)
VALUE_ERROR = "#VALUE!"  # a custom function's answer that xlwings hands to Excel as its real #VALUE! error


def _answer(function: str, compute):
    """`compute(problem)`'s rows; the reasons behind its #VALUE! cells are printed once each (xlwings Lite shows
    printed text in its Output pane: the one place a custom function can say why)."""
    reasons: dict[str, None] = {}

    def problem(reason: str) -> str:
        reasons[reason] = None
        return VALUE_ERROR

    rows = compute(problem)
    for reason in reasons:
        print(f"{function}: #VALUE! {reason}")
    return rows


def _measure(function: str, measure, *inputs):
    return _answer(function, lambda problem: measure_cells(measure, inputs, ERRORS, empty=None, problem=problem))


@script
def refresh_release(book: xw.Book):
    """Refresh every generated sheet of the release from the Data, Population, Ethnicity and Settings sheets."""
    refresh_book(book, LiteWriter(book), echo=print, door="lite")


described = functools.partial(with_help, arg)
# Ranges of figures arrive as 2-D lists, error cells as their text, so that they give #VALUE! as on Windows.
figures = functools.partial(with_help, arg, ndim=2, err_to_str=True)


@func
@figures("arrivals", "departures")
def MIG_BALANCE(arrivals, departures):
    """Net migration: arrivals minus departures."""
    return _measure("MIG_BALANCE", measures.balance, arrivals, departures)


@func
@figures("part", "total")
def MIG_SHARE(part, total):
    """Share of part in total, in %, one decimal (Excel rounding). Zero or empty total: empty."""
    return _measure("MIG_SHARE", measures.share, part, total)


@func
@figures("current", "previous")
def MIG_CHANGE(current, previous):
    """Change versus the same period a year earlier, in %, one decimal. Zero or empty previous: empty."""
    return _measure("MIG_CHANGE", measures.change, current, previous)


@func
@figures("migrants", "population")
@described("months")
def MIG_INTENSITY(migrants, population, months=12):
    """Migration intensity per 1,000 population, annualised, one decimal."""
    return _measure("MIG_INTENSITY", measures.intensity, migrants, population, 12 if months is None else months)


@func
@described("data", ndim=2)
@described("table", "period")
def MIG_TABLE(data, table, period=None):
    """One dynamic table of the release, spilled with its header row and region column."""
    return _answer("MIG_TABLE", lambda problem: table_rows(data, table, period, problem))


@func
@described("data", ndim=2)
@described("period", "lang")
def MIG_KEYPOINTS(data, period=None, lang="en"):
    """The drafted key points of the release, one paragraph per cell, spilled down a column."""
    return _answer("MIG_KEYPOINTS", lambda problem: keypoint_rows(data, period, lang, problem))

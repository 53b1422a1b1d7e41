"""Excel worksheet functions (xlwings UDFs): thin wrappers over the answers in `sheets.worksheet_functions`,
which the xlwings Lite door's custom functions share.

Each measure takes a single cell or a whole range and returns the same shape, computed in one vectorised call.
Empty cells and not-available figures ([x]) give empty cells; text where a number belongs gives a short
'#VALUE! …' message (COM UDFs cannot return true Excel error values). No type hints on the signatures:
xlwings 0.37 mishandles them.

The measures take their cells "raw", as COM hands them over, and return raw values: xlwings' default conversion
cleans every cell one by one in Python, which over a 1000x1000 range costs ten times the computation itself.
What that cleaning would catch — Excel error values, which COM delivers as negative integer codes — is caught
here, vectorised.
"""

from __future__ import annotations

import functools

try:  # the real decorators need pywin32 (Windows, or stubs in tests and the workbook build)
    from xlwings.udfs import xlarg as arg, xlfunc as func, xlret as ret
except ImportError:  # elsewhere xlwings' own func/arg/ret are no-ops, which is all a server refresh needs
    from xlwings import arg, func, ret

from migrelease.model import measures
from migrelease.sheets.worksheet_functions import ExcelErrors, keypoint_rows, measure_cells, table_rows, with_help

CATEGORY = "Migration release"

# Excel's error values as COM hands them to a "raw" argument (xlwings' own table, _xlwindows.py).
EXCEL_ERRORS = {-2146826281: "#DIV/0!", -2146826246: "#N/A", -2146826259: "#NAME?", -2146826288: "#NULL!",
                -2146826252: "#NUM!", -2146826265: "#REF!", -2146826273: "#VALUE!"}
COM_ERRORS = ExcelErrors(codes=EXCEL_ERRORS)


def _value_error(reason: str) -> str:
    """COM UDFs cannot return Excel's error values: the reason as text Excel users recognise."""
    return f"#VALUE! {reason}"


def _elementwise(measure, *inputs):
    """COM-ready rows: floats, "" where empty (an empty Variant would show as 0 in an array formula), text for
    messages; 2-D even for one cell, as xlwings' default conversion would hand it to Excel."""
    return measure_cells(measure, inputs, COM_ERRORS, empty="", problem=_value_error)


described = functools.partial(with_help, arg)
# Figures arrive "raw", as COM hands them over (see above).
figures = functools.partial(with_help, arg, convert="raw")


@func(category=CATEGORY)
@figures("arrivals", "departures")
@ret("raw")
def MIG_BALANCE(arrivals, departures):
    """Net migration: arrivals minus departures."""
    return _elementwise(measures.balance, arrivals, departures)


@func(category=CATEGORY)
@figures("part", "total")
@ret("raw")
def MIG_SHARE(part, total):
    """Share of part in total, in %, one decimal (Excel rounding). Zero or empty total: empty."""
    return _elementwise(measures.share, part, total)


@func(category=CATEGORY)
@figures("current", "previous")
@ret("raw")
def MIG_CHANGE(current, previous):
    """Change versus the same period a year earlier, in %, one decimal. Zero or empty previous: empty."""
    return _elementwise(measures.change, current, previous)


@func(category=CATEGORY)
@figures("migrants", "population")
@described("months")
@ret("raw")
def MIG_INTENSITY(migrants, population, months=12):
    """Migration intensity per 1,000 population, annualised, one decimal."""
    months = 12 if months is None else months
    return _elementwise(lambda m, p, n: measures.intensity(m, p, n), migrants, population, months)


@func(category=CATEGORY)
@described("data", ndim=2)
@described("table", "period")
def MIG_TABLE(data, table, period=None):
    """One dynamic table of the release, spilled with its header row and region column."""
    return table_rows(data, table, period, _value_error)


@func(category=CATEGORY)
@described("data", ndim=2)
@described("period", "lang")
def MIG_KEYPOINTS(data, period=None, lang="en"):
    """The drafted key points of the release, one paragraph per cell, spilled down a column."""
    return keypoint_rows(data, period, lang, _value_error)

"""Excel worksheet functions (xlwings UDFs): thin wrappers over the core's measures, tables and key points.

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

import numbers

import numpy as np

try:  # the real decorators need pywin32 (Windows, or stubs in tests and the workbook build)
    from xlwings.udfs import xlarg as arg, xlfunc as func, xlret as ret
except ImportError:  # elsewhere xlwings' own func/arg/ret are no-ops, which is all a server refresh needs
    from xlwings import arg, func, ret

from migrelease.model import measures
from migrelease.model.facts import DATA, RawTable, validate
from migrelease.model.problems import InputProblems
from migrelease.model.tables import build_table, find_table_spec
from migrelease.release.compute import compute_release
from migrelease.sheets.blocks import NOT_AVAILABLE, cell_value
from migrelease.text.keypoints import draft_key_points
from migrelease.text.lang import language_pack
from migrelease.text.period_labels import span_label

CATEGORY = "Migration release"


# Excel's error values as COM hands them to a "raw" argument (xlwings' own table, _xlwindows.py).
EXCEL_ERRORS = {-2146826281: "#DIV/0!", -2146826246: "#N/A", -2146826259: "#NAME?", -2146826288: "#NULL!",
                -2146826252: "#NUM!", -2146826265: "#REF!", -2146826273: "#VALUE!"}
_ERROR_CODES = np.array(sorted(EXCEL_ERRORS), dtype=float)
_HIGHEST_ERROR_CODE = _ERROR_CODES[-1]


def _cells(values) -> tuple[np.ndarray, np.ndarray]:
    """A scalar or 2-D list of cells -> (floats with NaN for empty/[x], messages for text that is not a number)."""
    grid = np.array(values, dtype=object, ndmin=2)
    numbers_ = np.full(grid.shape, np.nan)
    messages = np.full(grid.shape, None, dtype=object)
    flat_numbers, flat_messages = numbers_.reshape(-1), messages.reshape(-1)
    for position, cell in enumerate(grid.reshape(-1)):
        if isinstance(cell, numbers.Real) and not isinstance(cell, bool):
            if cell in EXCEL_ERRORS:
                flat_messages[position] = f"#VALUE! the input is {EXCEL_ERRORS[cell]}"
            else:
                flat_numbers[position] = cell
        elif isinstance(cell, str) and cell.strip() not in ("", NOT_AVAILABLE):
            flat_messages[position] = f"#VALUE! '{cell}' is not a number"
        elif isinstance(cell, bool):
            flat_messages[position] = f"#VALUE! {cell} is not a number"
        elif cell is not None and not isinstance(cell, str):
            flat_messages[position] = f"#VALUE! '{cell}' is not a number"
    return numbers_, messages


def _fast_cells(values) -> tuple[np.ndarray, np.ndarray | None]:
    """The common case, all numbers (or empty), converted in one numpy call; else the per-cell path."""
    try:
        grid = np.array(values, dtype=float, ndmin=2)  # None -> NaN
    except (TypeError, ValueError):
        return _cells(values)
    # Error codes are below -2e9, so one min() pass clears the common case without a look-up per cell.
    if np.nanmin(grid, initial=0.0) <= _HIGHEST_ERROR_CODE and np.isin(grid, _ERROR_CODES).any():
        return _cells(values)
    return grid, None


def _elementwise(measure, *inputs):
    """Apply a measure to scalars/ranges; the answer has the shape of the largest input, as COM-ready rows
    (floats, "" for empty, text for messages)."""
    converted = [_fast_cells(value) for value in inputs]
    try:
        shape = np.broadcast_shapes(*(grid.shape for grid, _ in converted))
    except ValueError:
        return [["#VALUE! the ranges have different sizes"]]
    result = np.broadcast_to(np.asarray(measure(*(grid for grid, _ in converted)), dtype=float), shape)
    output = result.tolist()
    for row, column in zip(*np.nonzero(np.isnan(result))):
        output[row][column] = ""  # an empty Variant would show as 0 in an array formula

    for _, messages in converted:
        if messages is not None:
            messages = np.broadcast_to(messages, shape)
            for row, column in zip(*np.nonzero(messages != None)):  # noqa: E711 (element-wise test)
                output[row][column] = messages[row, column]
    return output  # 2-D even for one cell, as xlwings' default conversion would hand it to Excel


@func(category=CATEGORY)
@arg("arrivals", "raw", doc="Arrivals: a cell or a range")
@arg("departures", "raw", doc="Departures: a cell or a range of the same size")
@ret("raw")
def MIG_BALANCE(arrivals, departures):
    """Net migration: arrivals minus departures."""
    return _elementwise(measures.balance, arrivals, departures)


@func(category=CATEGORY)
@arg("part", "raw", doc="The part, e.g. arrivals from CIS countries")
@arg("total", "raw", doc="The total, e.g. all external arrivals")
@ret("raw")
def MIG_SHARE(part, total):
    """Share of part in total, in %, one decimal (Excel rounding). Zero or empty total: empty."""
    return _elementwise(measures.share, part, total)


@func(category=CATEGORY)
@arg("current", "raw", doc="The figure for the current period")
@arg("previous", "raw", doc="The figure for the same period a year earlier")
@ret("raw")
def MIG_CHANGE(current, previous):
    """Change versus the same period a year earlier, in %, one decimal. Zero or empty previous: empty."""
    return _elementwise(measures.change, current, previous)


@func(category=CATEGORY)
@arg("migrants", "raw", doc="Arrivals, departures or net migration in the period")
@arg("population", "raw", doc="Population on 1 January")
@arg("months", doc="Months the period covers (default 12); the rate is annualised")
@ret("raw")
def MIG_INTENSITY(migrants, population, months=12):
    """Migration intensity per 1,000 population, annualised, one decimal."""
    months = 12 if months is None else months
    return _elementwise(lambda m, p, n: measures.intensity(m, p, n), migrants, population, months)


def _release_from_range(data, period, languages):
    rows = [list(row) for row in data]
    raw = RawTable("the data range", rows[0] if rows else [], rows[1:], first_row_number=2)
    facts = validate(raw, DATA)
    return compute_release(facts, period or None, raw.source, languages=languages)


def _problem_column(error: InputProblems) -> list[list[str]]:
    return [[f"#VALUE! {problem}"] for problem in error.problems]


@func(category=CATEGORY)
@arg("data", ndim=2, doc="The Data range with its header row: period, region, flow, direction, people")
@arg("table", doc="Table code (e.g. Y_Ext_Arr) or its release title")
@arg("period", doc="Reporting month YYYY-MM (default: the latest in the data)")
def MIG_TABLE(data, table, period=None):
    """One dynamic table of the release, spilled with its header row and region column."""
    try:
        spec = find_table_spec(table)
    except KeyError as error:  # not a table's code or title
        return f"#VALUE! {error.args[0]}"
    try:
        release = _release_from_range(data, period, languages=())
    except InputProblems as error:
        return _problem_column(error)
    frame = build_table(release.cube, spec, release.year, release.month)
    header = ["Region", *(span_label(span) for span in frame.columns)]
    return [header, *([region.name_en, *(cell_value(v) for v in row)] for region, row in zip(frame.rows,
                                                                                             frame.values))]


@func(category=CATEGORY)
@arg("data", ndim=2, doc="The Data range with its header row: period, region, flow, direction, people")
@arg("period", doc="Reporting month YYYY-MM (default: the latest in the data)")
@arg("lang", doc="en, ru or kk (default en)")
def MIG_KEYPOINTS(data, period=None, lang="en"):
    """The drafted key points of the release, one paragraph per cell, spilled down a column."""
    try:
        language_pack(lang or "en")
    except ValueError as error:  # not one of the languages
        return f"#VALUE! {error}"
    try:
        release = _release_from_range(data, period, languages=())
    except InputProblems as error:
        return _problem_column(error)
    return [[paragraph] for paragraph in draft_key_points(release.figures, lang or "en")]

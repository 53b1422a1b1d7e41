"""What the MIG_ worksheet functions answer, as pure data, for both Excel doors: the COM UDFs of the Windows
button (`migrelease.udfs`) and the custom functions of xlwings Lite (`migrelease.lite`).

Each door only converts Excel's cells in and the answer out: it says how Excel's error cells reach it
(`ExcelErrors`), what an empty answer is, and how a cell that cannot be answered looks — `problem(reason)`: the
COM door writes '#VALUE! reason' text (COM UDFs cannot return error values), the Lite door Excel's real #VALUE!.
An empty answer (empty input, not available, a zero denominator) is never 0.

The measures are computed in one vectorised call over whole ranges: the common case, a range of numbers, is
converted with one numpy call; only a range holding text, booleans or Excel errors is read cell by cell.
"""

from __future__ import annotations

import numbers
from typing import Callable, Iterable, Mapping

import numpy as np

from migrelease.model.facts import DATA, RawTable, validate
from migrelease.model.problems import InputProblems
from migrelease.model.tables import build_table, find_table_spec
from migrelease.release.compute import compute_release
from migrelease.sheets.blocks import NOT_AVAILABLE, cell_value
from migrelease.text.keypoints import draft_key_points
from migrelease.text.lang import language_pack
from migrelease.text.period_labels import span_label

# What each argument of the MIG_ functions is, as Excel's function help shows it (both doors declare these).
ARGUMENT_HELP = {
    "arrivals": "Arrivals: a cell or a range",
    "departures": "Departures: a cell or a range of the same size",
    "part": "The part, e.g. arrivals from CIS countries",
    "total": "The total, e.g. all external arrivals",
    "current": "The figure for the current period",
    "previous": "The figure for the same period a year earlier",
    "migrants": "Arrivals, departures or net migration in the period",
    "population": "Population on 1 January",
    "months": "Months the period covers (default 12); the rate is annualised",
    "data": "The Data range with its header row: period, region, flow, direction, people",
    "table": "Table code (e.g. Y_Ext_Arr) or its release title",
    "period": "Reporting month YYYY-MM (default: the latest in the data)",
    "lang": "en, ru or kk (default en)",
}


def with_help(arg, *names, **options):
    """A door's argument decorator (xlwings' @arg) applied to each named argument, with its help text and
    `options` (e.g. how the cells are converted)."""
    def decorate(function):
        for name in reversed(names):
            function = arg(name, doc=ARGUMENT_HELP[name], **options)(function)
        return function
    return decorate


# Excel's error values as text (how xlwings Lite hands an error cell to a function).
EXCEL_ERROR_TEXTS = frozenset({"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"})


class ExcelErrors:
    """How a door hands Excel's error cells to a function: COM as negative integer codes, xlwings Lite as their
    text ("#DIV/0!")."""

    def __init__(self, codes: Mapping[float, str] | None = None, texts: Iterable[str] = ()):
        self.codes = dict(codes or {})
        self.texts = frozenset(texts)
        self._code_array = np.array(sorted(self.codes), dtype=float)

    def error_of(self, cell) -> str | None:
        if isinstance(cell, str):
            return cell if cell in self.texts else None
        return self.codes.get(cell) if self.codes else None

    def may_hold_code(self, grid: np.ndarray) -> bool:
        """Whether a grid of numbers may hold an error code (codes lie below -2e9, so one min() pass clears the
        common case without a look-up per cell)."""
        if not self.codes:
            return False
        return bool(np.nanmin(grid, initial=0.0) <= self._code_array[-1] and np.isin(grid, self._code_array).any())


def _cells_one_by_one(values, errors: ExcelErrors) -> tuple[np.ndarray, np.ndarray]:
    grid = np.array(values, dtype=object, ndmin=2)
    figures = np.full(grid.shape, np.nan)
    problems = np.full(grid.shape, None, dtype=object)
    flat_figures, flat_problems = figures.reshape(-1), problems.reshape(-1)
    for position, cell in enumerate(grid.reshape(-1)):
        error = errors.error_of(cell)
        if error is not None:
            flat_problems[position] = f"the input is {error}"
        elif isinstance(cell, bool):
            flat_problems[position] = f"{cell} is not a number"
        elif isinstance(cell, numbers.Real):
            flat_figures[position] = cell
        elif isinstance(cell, str):
            if cell.strip() not in ("", NOT_AVAILABLE):
                flat_problems[position] = f"'{cell}' is not a number"
        elif cell is not None:
            flat_problems[position] = f"'{cell}' is not a number"
    return figures, problems


def read_cells(values, errors: ExcelErrors) -> tuple[np.ndarray, np.ndarray | None]:
    """A scalar or 2-D list of cells -> (floats, NaN for empty and [x]; reasons for cells that are not numbers,
    or None when every cell is a number or empty)."""
    try:
        grid = np.array(values, dtype=float, ndmin=2)  # None -> NaN
    except (TypeError, ValueError):
        return _cells_one_by_one(values, errors)
    if errors.may_hold_code(grid):
        return _cells_one_by_one(values, errors)
    return grid, None


def measure_cells(measure: Callable, inputs, errors: ExcelErrors, empty, problem: Callable[[str], object]):
    """`measure` over cells and ranges: rows of the shape of the largest input, ready for the door to return
    (`empty` where the answer is not available, `problem(reason)` where an input is not a number)."""
    converted = [read_cells(value, errors) for value in inputs]
    try:
        shape = np.broadcast_shapes(*(grid.shape for grid, _ in converted))
    except ValueError:
        return [[problem("the ranges have different sizes")]]
    result = np.broadcast_to(np.asarray(measure(*(grid for grid, _ in converted)), dtype=float), shape)
    rows = result.tolist()
    for row, column in zip(*np.nonzero(np.isnan(result))):
        rows[row][column] = empty
    for _, reasons in converted:
        if reasons is not None:
            reasons = np.broadcast_to(reasons, shape)
            for row, column in zip(*np.nonzero(reasons != None)):  # noqa: E711 (element-wise test)
                rows[row][column] = problem(reasons[row, column])
    return rows


def _release_from_range(data, period, languages):
    rows = [list(row) for row in data]
    raw = RawTable("the data range", rows[0] if rows else [], rows[1:], first_row_number=2)
    return compute_release(validate(raw, DATA), period or None, raw.source, languages=languages)


def table_rows(data, table, period, problem: Callable[[str], object]) -> list[list]:
    """MIG_TABLE: the dynamic table with its header row and region column; a problem per cell of one column."""
    try:
        spec = find_table_spec(table)
    except KeyError as error:  # not a table's code or title
        return [[problem(error.args[0])]]
    try:
        release = _release_from_range(data, period, languages=())
    except InputProblems as error:
        return [[problem(str(item))] for item in error.problems]
    frame = build_table(release.cube, spec, release.year, release.month)
    header = ["Region", *(span_label(span) for span in frame.columns)]
    return [header, *([region.name_en, *(cell_value(value) for value in row)]
                      for region, row in zip(frame.rows, frame.values))]


def keypoint_rows(data, period, lang, problem: Callable[[str], object]) -> list[list]:
    """MIG_KEYPOINTS: one paragraph per row."""
    lang = lang or "en"
    try:
        language_pack(lang)
    except ValueError as error:  # not one of the languages
        return [[problem(str(error))]]
    try:
        release = _release_from_range(data, period, languages=())
    except InputProblems as error:
        return [[problem(str(item))] for item in error.problems]
    return [[paragraph] for paragraph in draft_key_points(release.figures, lang)]

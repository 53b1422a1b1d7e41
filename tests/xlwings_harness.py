"""Run xlwings code without Excel: the real UDF decorators and conversion pipeline, and an in-memory workbook.

Three parts, each usable on its own (tests and benchmarks import this module):

- `stub_pywin32()` / `fresh_import(name)`: minimal stand-ins for pywin32 so that `import xlwings.udfs` works off
  Windows; a module imported fresh under them gets xlwings' real `xlfunc/xlarg/xlret` (hence `__xlfunc__`).
- `call_like_excel(func, *com_args)`: call a UDF the way `xlwings.udfs.call_udf` does when Excel calls it: COM
  values in (a bare scalar for one cell, tuples of tuples for a range, None for an empty cell, floats for
  numbers), `xlwings.conversion.read` per argument, `xlwings.conversion.write` on the result, through an engine
  named "excel" whose data cleaning mirrors xlwings' Windows engine.
- The "memory" engine: an xlwings engine (`xw.engines.add`) holding workbooks as cell grids, so the real Book/
  Sheet/Range API runs against it. Writing through `Range.value` behaves like Excel: a string is taken as typed
  input (a leading apostrophe marks text, "=" starts a formula, "2015" or "March 2026" become a number or a date)
  unless the cell's number format is Text, and objects COM cannot carry raise TypeError. Every `Range.value`
  write is logged with the app's screen updating and calculation at that moment. `load_workbook` fills a book
  from an .xlsx/.xlsm file (openpyxl), `dump_book`/`dump_openpyxl` give {sheet: {coordinate: value}}.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import importlib
import itertools
import types
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import xlwings as xw
from xlwings import base_classes, conversion
from xlwings.utils import a1_to_tuples, col_name

from migrelease.build.pywin32_stubs import restoring_modules, stub_pywin32

try:
    import numpy as np
except ImportError:  # pragma: no cover
    np = None
try:
    import pandas as pd
except ImportError:  # pragma: no cover
    pd = None

MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384
COM_MISSING = -2147352572  # what the VBA wrapper passes for an optional argument left out
CELL_ERRORS = {  # COM's codes for error cells, as in xlwings._xlwindows
    -2146826281: "#DIV/0!",
    -2146826246: "#N/A",
    -2146826259: "#NAME?",
    -2146826288: "#NULL!",
    -2146826252: "#NUM!",
    -2146826265: "#REF!",
    -2146826273: "#VALUE!",
}
ERROR_CODES = {text: code for code, text in CELL_ERRORS.items()}

# --------------------------------------------------------------------------------------------------------------
# pywin32 stand-ins


@contextlib.contextmanager
def fresh_import(module_name: str):
    """Yield `module_name` imported anew under the pywin32 stubs (so it binds xlwings' real UDF decorators);
    afterwards sys.modules holds whatever it held before. Use as `with fresh_import("migrelease.udfs") as udfs:`
    or from a pytest fixture that yields inside the block."""
    with stub_pywin32(), restoring_modules((module_name,)):
        sys.modules.pop(module_name, None)
        yield importlib.import_module(module_name)


# --------------------------------------------------------------------------------------------------------------
# Data cleaning as xlwings' Windows engine does it (xlwings/_xlwindows.py), without pywin32

TIME_TYPES = (dt.date, dt.datetime) + ((np.datetime64,) if np is not None else ())


def _to_datetime(value):
    if np is not None and isinstance(value, np.datetime64):
        value = pd.Timestamp(value).to_pydatetime() if pd is not None else value.astype(dt.datetime)
    if pd is not None and isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if type(value) is dt.date:
        value = dt.datetime(value.year, value.month, value.day)
    return value.replace(tzinfo=None)


def _clean_element(value, datetime_builder, empty_as, number_builder, err_to_str):
    if value in ("", None):
        return empty_as
    if isinstance(value, TIME_TYPES):
        value = _to_datetime(value)
        return datetime_builder(year=value.year, month=value.month, day=value.day, hour=value.hour,
                                minute=value.minute, second=value.second, microsecond=value.microsecond,
                                tzinfo=None)
    if number_builder is not None and isinstance(value, float):
        return number_builder(value)
    if isinstance(value, int) and value in CELL_ERRORS:
        return CELL_ERRORS[value] if err_to_str else None
    return value


def clean_value_data(data, datetime_builder, empty_as, number_builder, err_to_str):
    """COM values read from Excel -> Python values (Engine.clean_value_data of _xlwindows)."""
    return [[_clean_element(cell, datetime_builder, empty_as, number_builder, err_to_str) for cell in row]
            for row in data]


def prepare_xl_data_element(value, options=None):
    """A Python value about to be written -> what pywin32 hands to Excel (Engine.prepare_xl_data_element of
    _xlwindows): dates as naive datetimes, None/NaN/NaT as "", numpy numbers as float."""
    kind = type(value)
    if kind is str or kind is int or kind is bool:  # the common cases first, with the same answers
        return value
    if kind is float:
        return "" if value != value else value
    if isinstance(value, TIME_TYPES) or (pd is not None and isinstance(value, pd.Timestamp)):
        if pd is not None and value is pd.NaT:
            return ""
        return _to_datetime(value)
    if pd is not None and not isinstance(value, (list, tuple, dict)) and pd.api.types.is_scalar(value) \
            and pd.isna(value):
        return ""
    if np is not None and isinstance(value, (np.floating, float)) and np.isnan(value):
        return ""
    if np is not None and isinstance(value, np.number):
        return float(value)
    if value is None:
        return ""
    return value


class _ComApps(base_classes.Apps):
    def keys(self):
        return []

    def __iter__(self):
        return iter(())

    def __len__(self):
        return 0

    def add(self, *args, **kwargs):
        raise RuntimeError("no Excel here: the 'excel' engine of tests/xlwings_harness.py only converts UDF values")


class ComDataEngine:
    """The "excel" engine xlwings' conversion pipeline asks for when it converts UDF arguments and results (it has
    no range then): data cleaning only, no apps."""

    name = "excel"
    type = "desktop"
    apps = _ComApps()
    clean_value_data = staticmethod(clean_value_data)
    prepare_xl_data_element = staticmethod(prepare_xl_data_element)


def register_excel_engine() -> None:
    """Register the "excel" engine unless one is registered already (e.g. the real one on Windows)."""
    if "excel" not in xw.engines.engines_by_name:
        xw.engines.add(xw.main.Engine(impl=ComDataEngine()))


def call_like_excel(func, *com_args):
    """Call the UDF `func` as Excel does through xlwings.udfs.call_udf: the VBA wrapper passes every declared
    argument (COM_MISSING for optional ones left out), each is read with the argument's options, the result is
    written with the return options. Returns what goes back to Excel: a 2-D list (a 1x1 list shows as one cell)."""
    register_excel_engine()
    info = func.__xlfunc__
    args_info, ret_info = info["args"], info["ret"]
    com_args = list(com_args)
    if not any(arg["vararg"] for arg in args_info):
        com_args += [COM_MISSING] * (len(args_info) - len(com_args))
    args = []
    for position, arg in enumerate(com_args):
        arg_info = args_info[min(position, len(args_info) - 1)]
        if isinstance(arg, int) and arg == COM_MISSING:
            args.append(arg_info.get("optional", None))
        else:
            args.append(conversion.read(None, arg, arg_info["options"]))
    result = func(*args)
    return conversion.write(result, None, ret_info["options"])


def com_range(rows) -> tuple | object:
    """A grid of Python values as COM hands a multi-cell range to a UDF: tuple of tuples, numbers as float,
    empty cells as None. A 1x1 grid becomes the bare scalar, as COM passes a single cell."""
    def com(value):
        if isinstance(value, bool) or value is None or isinstance(value, (str, dt.date)):
            return value
        if isinstance(value, (int, float)) or (np is not None and isinstance(value, np.number)):
            return float(value)
        return value

    grid = tuple(tuple(com(value) for value in row) for row in rows)
    if len(grid) == 1 and len(grid[0]) == 1:
        return grid[0][0]
    return grid


# --------------------------------------------------------------------------------------------------------------
# Excel's reading of typed input (what Range.Value = "text" does)

@dataclass(frozen=True)
class FormulaCell:
    text: str  # "=…"
    cached: object = None  # the last calculated value, when known (loaded from a file)


@dataclass(frozen=True)
class ErrorCell:
    text: str  # "#N/A", …


_MONTHS = {name.lower(): number for number, name in enumerate(
    ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"), start=1)}
_MONTHS.update({name[:3]: number for name, number in list(_MONTHS.items())})
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_NUMBER = re.compile(r"^\s*([+-]?)\$?((\d{1,3}(,\d{3})+|\d+)(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*(%?)\s*$")
_DATES = (
    (re.compile(rf"^\s*{_MONTH}[\s\-/]+(\d{{4}})\s*$", re.I), lambda m: (int(m[2]), _MONTHS[m[1].lower()], 1)),
    (re.compile(rf"^\s*(\d{{1,2}})[\s\-/]+{_MONTH}[\s\-/,]+(\d{{4}})\s*$", re.I),
     lambda m: (int(m[3]), _MONTHS[m[2].lower()], int(m[1]))),
    (re.compile(rf"^\s*{_MONTH}\s+(\d{{1,2}}),?\s+(\d{{4}})\s*$", re.I),
     lambda m: (int(m[3]), _MONTHS[m[1].lower()], int(m[2]))),
    (re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$"), lambda m: (int(m[1]), int(m[2]), int(m[3]))),
    (re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$"), lambda m: (int(m[3]), int(m[1]), int(m[2]))),
)


def excel_typed_input(text: str):
    """What a cell holds after Range.Value = text (en-US Excel, General format): "" empties it, a leading
    apostrophe keeps the rest as text, "=" (or "+"/"-" before a non-number) makes a formula, and numbers,
    percentages, TRUE/FALSE, error literals and common date forms are converted. Anything else stays text."""
    if text == "":
        return None
    if text.startswith("'"):
        return text[1:]
    if text.startswith("=") and len(text) > 1:
        return FormulaCell(text)
    number = _NUMBER.match(text)
    if number:
        value = float(number[1] + number[2].replace(",", "") + (number[6] or ""))
        return value / 100 if number[7] else value
    if text[:1] in "+-" and len(text) > 1:
        return FormulaCell("=" + text)
    if text.strip().upper() in ("TRUE", "FALSE"):
        return text.strip().upper() == "TRUE"
    if text.strip().upper() in ERROR_CODES:
        return ErrorCell(text.strip().upper())
    for pattern, parts in _DATES:
        match = pattern.match(text)
        if match:
            try:
                return dt.datetime(*parts(match))
            except ValueError:
                return text
    return text


# --------------------------------------------------------------------------------------------------------------
# The in-memory engine

@dataclass
class ValueWrite:
    """One Range.value assignment that reached the engine."""
    sheet: str
    address: str  # e.g. "A6:N6"
    shape: tuple[int, int]
    screen_updating: bool
    calculation: str


def _address(row, column, rows=1, columns=1, absolute=False):
    dollar = "$" if absolute else ""
    first = f"{dollar}{col_name(column)}{dollar}{row}"
    if rows == 1 and columns == 1:
        return first
    return f"{first}:{dollar}{col_name(column + columns - 1)}{dollar}{row + rows - 1}"


class _OwnApi:
    """The memory objects stand in for Excel's COM objects as well: `.api` is the object itself."""

    @property
    def api(self):
        return self


class _Renamable(_OwnApi):
    """Sheets and tables: a name the code may change, as in Excel."""

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, value):
        self._name = value


class MemoryEngine:
    name = "memory"
    type = "desktop"
    clean_value_data = staticmethod(clean_value_data)
    prepare_xl_data_element = staticmethod(prepare_xl_data_element)

    def __init__(self):
        self._apps = MemoryApps(self)

    @property
    def apps(self):
        return self._apps


class MemoryApps(base_classes.Apps):
    def __init__(self, engine):
        self.engine = engine
        self._apps = []

    def keys(self):
        return [app.pid for app in self._apps]

    def add(self, spec=None, add_book=True, xl=None, visible=None):
        app = MemoryApp(self, add_book=add_book)
        self._apps.insert(0, app)
        return app

    def __iter__(self):
        return iter(list(self._apps))

    def __len__(self):
        return len(self._apps)

    def __getitem__(self, pid):
        for app in self._apps:
            if app.pid == pid:
                return app
        raise KeyError(pid)

    @staticmethod
    def cleanup():
        pass


class MemoryApp(_OwnApi):  # plain attributes where base_classes.App has abstract properties
    _pids = itertools.count(90_000)

    def __init__(self, apps, add_book=True):
        self.apps = apps
        self._pid = next(self._pids)
        self._books = MemoryBooks(self)
        self.screen_updating = True
        self.display_alerts = True
        self.enable_events = True
        self.interactive = True
        self.visible = False
        self._calculation = "automatic"
        self._status_bar = False
        self.status_history: list = []  # every value the status bar was set to
        self.alerts: list[dict] = []  # every app.alert: prompt, title, buttons, mode
        self.calculations = 0  # app.calculate() calls
        self.alert_answer = "ok"
        self.ActiveWindow = MemoryWindow(self)
        if add_book:
            self._books.add()

    @property
    def engine(self):
        return self.apps.engine

    @property
    def pid(self):
        return self._pid

    @property
    def books(self):
        return self._books

    @property
    def version(self):
        return "16.0"

    @property
    def selection(self):
        return None

    @property
    def hwnd(self):
        return None

    @property
    def path(self):
        return ""

    @property
    def startup_path(self):
        return ""

    def activate(self, steal_focus=False):
        pass

    def quit(self):
        if self in self.apps._apps:
            self.apps._apps.remove(self)

    def kill(self):
        self.quit()

    @property
    def calculation(self):
        return self._calculation

    @calculation.setter
    def calculation(self, value):
        if value not in ("automatic", "manual", "semiautomatic"):
            raise ValueError(f"calculation must be automatic, manual or semiautomatic, not {value!r}")
        self._calculation = value

    def calculate(self):
        self.calculations += 1

    @property
    def status_bar(self):
        return self._status_bar

    @status_bar.setter
    def status_bar(self, value):
        self._status_bar = value
        self.status_history.append(value)

    @property
    def cut_copy_mode(self):
        return None

    @cut_copy_mode.setter
    def cut_copy_mode(self, value):
        pass

    def alert(self, prompt, title, buttons, mode, callback):
        self.alerts.append({"prompt": prompt, "title": title, "buttons": buttons, "mode": mode})
        return self.alert_answer

    def run(self, macro, args):
        raise NotImplementedError("the memory engine runs no VBA")


class _NamedCollection(_OwnApi):
    """What xlwings asks of a collection (sheets, tables, charts): a 1-based index or a case-insensitive name,
    its length, iteration (over a copy, so members may be deleted meanwhile) and membership."""

    def _members(self) -> list:
        raise NotImplementedError

    def __call__(self, key):
        if isinstance(key, int):
            return self._members()[key - 1]
        for member in self._members():
            if member.name.casefold() == key.casefold():
                return member
        raise KeyError(key)

    def __len__(self):
        return len(self._members())

    def __iter__(self):
        return iter(list(self._members()))

    def __contains__(self, key):
        return any(member.name.casefold() == key.casefold() for member in self._members())


class MemoryBooks(_NamedCollection, base_classes.Books):
    def __init__(self, app):
        self.app = app
        self._books = []
        self._counter = itertools.count(1)

    @property
    def active(self):
        return self._books[0] if self._books else None

    def add(self, name=None, sheet_names=("Sheet1",)):
        book = MemoryBook(self, name or f"Book{next(self._counter)}", sheet_names)
        self._books.insert(0, book)
        return book

    def open(self, fullname=None, **kwargs):
        raise NotImplementedError("use xlwings_harness.load_workbook(path)")

    def _members(self):
        return self._books


class MemoryBook(_OwnApi, base_classes.Book):
    def __init__(self, books, name, sheet_names=("Sheet1",)):
        self.books = books
        self._name = name
        self._sheets = MemorySheets(self)
        self.value_writes: list[ValueWrite] = []  # every Range.value write, in order
        for sheet_name in sheet_names:
            self._sheets.add(name=sheet_name, after=self._sheets._sheets[-1] if self._sheets._sheets else None)

    @property
    def name(self):
        return self._name

    @property
    def fullname(self):
        return self._name

    @property
    def sheets(self):
        return self._sheets

    @property
    def app(self):
        return self.books.app

    @property
    def names(self):
        raise NotImplementedError("the memory engine has no defined names")

    def close(self):
        self.books._books.remove(self)

    def save(self, path=None, password=None):
        raise NotImplementedError("use xlwings_harness.dump_book(book)")

    def activate(self):
        self.books._books.remove(self)
        self.books._books.insert(0, self)

    def table_names(self):
        return {table.name.casefold() for sheet in self._sheets._sheets for table in sheet._tables._tables}


class MemorySheets(_NamedCollection, base_classes.Sheets):
    def __init__(self, book):
        self.book = book
        self._sheets: list[MemorySheet] = []
        self._active = None

    @property
    def active(self):
        return self._active

    def add(self, before=None, after=None, name=None):
        if name is None:
            existing = {sheet.name.casefold() for sheet in self._sheets}
            name = next(f"Sheet{n}" for n in itertools.count(1) if f"sheet{n}" not in existing)
        elif name in self:
            raise ValueError(f"Sheet named '{name}' already present in workbook")
        sheet = MemorySheet(self, name)
        if before is not None:
            self._sheets.insert(self._sheets.index(before), sheet)
        elif after is not None:
            self._sheets.insert(self._sheets.index(after) + 1, sheet)
        else:  # Excel puts a new sheet before the active one
            position = self._sheets.index(self._active) if self._active in self._sheets else 0
            self._sheets.insert(position, sheet)
        self._active = sheet
        return sheet

    def _members(self):
        return self._sheets


class MemorySheet(_Renamable, base_classes.Sheet):
    def __init__(self, sheets, name):
        self.sheets = sheets
        self._name = name
        self.cells_: dict[tuple[int, int], object] = {}  # (row, column) -> value, FormulaCell or ErrorCell
        self.number_formats: dict[tuple[int, int], str] = {}
        self.bold: dict[tuple[int, int], bool] = {}
        # every other cell property the writers set: property -> (row, column) -> value
        self.styles: dict[str, dict[tuple[int, int], object]] = {name: {} for name in STYLE_PROPERTIES}
        self.frozen_at: tuple[int, int] | None = None  # (SplitRow, SplitColumn) of a frozen window
        self.PageSetup = MemoryPageSetup()
        self.Visible = -1  # xlSheetVisible
        self.column_widths: dict[int, float] = {}
        self.row_heights: dict[int, float] = {}
        self.hyperlinks: dict[tuple[int, int], str] = {}
        self._tables = MemoryTables(self)
        self._charts = MemoryCharts(self)

    @property
    def book(self):
        return self.sheets.book

    @property
    def index(self):
        return self.sheets._sheets.index(self) + 1

    def range(self, arg1, arg2=None):
        if isinstance(arg1, str) and "," in arg1 and arg2 is None:  # a multi-area range, as Excel allows
            areas = [_corners(self, area) for area in arg1.split(",")]
            top, left = min(a[0][0] for a in areas), min(a[0][1] for a in areas)
            bottom, right = max(a[1][0] for a in areas), max(a[1][1] for a in areas)
            bounding = MemoryRange(self, top, left, bottom - top + 1, right - left + 1)
            bounding.areas = arg1.replace("$", "")
            return bounding
        first = _corners(self, arg1)
        if arg2 is None:
            (row1, column1), (row2, column2) = first
        else:
            second = _corners(self, arg2)
            row1, column1 = min(first[0][0], second[0][0]), min(first[0][1], second[0][1])
            row2, column2 = max(first[1][0], second[1][0]), max(first[1][1], second[1][1])
        return MemoryRange(self, row1, column1, row2 - row1 + 1, column2 - column1 + 1)

    @property
    def cells(self):
        return MemoryRange(self, 1, 1, MAX_ROWS, MAX_COLUMNS)

    @property
    def used_range(self):
        if not self.cells_:
            return MemoryRange(self, 1, 1, 1, 1)
        rows = [row for row, _ in self.cells_]
        columns = [column for _, column in self.cells_]
        return MemoryRange(self, min(rows), min(columns), max(rows) - min(rows) + 1,
                           max(columns) - min(columns) + 1)

    @property
    def tables(self):
        return self._tables

    @property
    def charts(self):
        return self._charts

    def activate(self):
        self.sheets._active = self

    Activate = activate  # Worksheet.Activate through `.api`

    def select(self):
        self.activate()

    def clear_contents(self):
        self.cells_.clear()

    def clear_formats(self):
        self.number_formats.clear()
        self.bold.clear()
        for mapping in self.styles.values():
            mapping.clear()

    def clear(self):
        self.clear_contents()
        self.clear_formats()

    def delete(self):
        self.sheets._sheets.remove(self)
        if self.sheets._active is self:
            self.sheets._active = self.sheets._sheets[0] if self.sheets._sheets else None

    def autofit(self, axis=None):
        pass

    @property
    def visible(self):
        return True

    @visible.setter
    def visible(self, value):
        pass


def _corners(sheet, arg):
    """((row1, column1), (row2, column2)) of an A1 address, a (row, column) tuple or a range impl."""
    if isinstance(arg, MemoryRange):
        return (arg.row, arg.column), (arg.row + arg.rows - 1, arg.column + arg.columns - 1)
    if isinstance(arg, str):
        first, second = a1_to_tuples(arg.replace("$", ""))
        if first is None:
            raise ValueError(f"'{arg}' is not an address (the memory engine has no names)")
        return first, second or first
    if isinstance(arg, tuple) and len(arg) == 2:
        return arg, arg
    if isinstance(arg, tuple) and len(arg) == 4:
        row, column, rows, columns = arg
        return (row, column), (row + rows - 1, column + columns - 1)
    raise TypeError(f"cannot make a range of {arg!r}")


_COM_TYPES = (type(None), bool, int, float, str, dt.datetime, dt.date)


class MemoryRange(_OwnApi, base_classes.Range):
    def __init__(self, sheet, row, column, rows=1, columns=1):
        if not (1 <= row and 1 <= column and row + rows - 1 <= MAX_ROWS and column + columns - 1 <= MAX_COLUMNS):
            raise ValueError(f"range outside the sheet: row {row}, column {column}, {rows}x{columns}")
        self.sheet = sheet
        self._row, self._column, self.rows_, self.columns_ = row, column, rows, columns
        self.options = {}

    @property
    def rows(self):
        return self.rows_

    @property
    def columns(self):
        return self.columns_

    def _positions(self):
        for row in range(self._row, self._row + self.rows_):
            for column in range(self._column, self._column + self.columns_):
                yield row, column

    def _stored_positions(self, mapping):
        """The keys of `mapping` inside this range (fast for whole-sheet ranges)."""
        return [(row, column) for row, column in mapping
                if self._row <= row < self._row + self.rows_ and self._column <= column < self._column + self.columns_]

    def __bool__(self):
        return True

    def __len__(self):
        return self.rows_ * self.columns_

    @property
    def row(self):
        return self._row

    @property
    def column(self):
        return self._column

    @property
    def shape(self):
        return self.rows_, self.columns_

    @property
    def coords(self):
        return self.sheet.name, self._row, self._column, self.rows_, self.columns_

    @property
    def address(self):
        return _address(self._row, self._column, self.rows_, self.columns_, absolute=True)

    @property
    def left(self):
        return (self._column - 1) * POINTS_PER_COLUMN

    @property
    def top(self):
        return (self._row - 1) * POINTS_PER_ROW

    def get_address(self, row_absolute=True, col_absolute=True, external=False):
        address = _address(self._row, self._column, self.rows_, self.columns_)
        if row_absolute or col_absolute:
            address = re.sub(r"([A-Z]+)(\d+)", lambda m: ("$" if col_absolute else "") + m[1] +
                             ("$" if row_absolute else "") + m[2], address)
        return f"[{self.sheet.book.name}]{self.sheet.name}!{address}" if external else address

    def __call__(self, arg1, arg2=None):
        if arg2 is None:
            row, column = divmod(arg1 - 1, self.columns_)
            return MemoryRange(self.sheet, self._row + row, self._column + column)
        return MemoryRange(self.sheet, self._row + arg1 - 1, self._column + arg2 - 1)

    # values ------------------------------------------------------------------------------------------------
    def _read_cell(self, position):
        value = self.sheet.cells_.get(position)
        if isinstance(value, FormulaCell):
            value = value.cached
        if isinstance(value, ErrorCell):
            return ERROR_CODES[value.text]
        if isinstance(value, int) and not isinstance(value, bool):
            return float(value)  # Excel holds every number as a double
        return value

    @property
    def raw_value(self):
        if len(self) > 10_000_000:
            raise MemoryError("reading a whole sheet: use used_range")
        rows = tuple(tuple(self._read_cell((row, column))
                           for column in range(self._column, self._column + self.columns_))
                     for row in range(self._row, self._row + self.rows_))
        return rows[0][0] if len(self) == 1 else rows

    @raw_value.setter
    def raw_value(self, data):
        grid = data if isinstance(data, (list, tuple)) else [[data]]
        grid = [row if isinstance(row, (list, tuple)) else [row] for row in grid]
        cells = []
        for row_offset in range(self.rows_):
            for column_offset in range(self.columns_):
                if row_offset < len(grid) and column_offset < len(grid[row_offset]):
                    value = grid[row_offset][column_offset]
                elif len(grid) == 1 and len(grid[0]) == 1:
                    value = grid[0][0]  # a scalar fills the range
                else:
                    value = ErrorCell("#N/A")  # Excel fills the rest of a larger range with #N/A
                if not isinstance(value, _COM_TYPES + (ErrorCell,)):  # COM refuses the whole call
                    raise TypeError(f"Objects of type '{type(value).__name__}' can not be converted to a COM "
                                    "VARIANT")
                cells.append(((self._row + row_offset, self._column + column_offset), value))
        app = self.sheet.book.app
        self.sheet.book.value_writes.append(ValueWrite(self.sheet.name, self.get_address(False, False),
                                                       self.shape, app.screen_updating, app.calculation))
        for position, value in cells:
            self._store(position, value)

    def _store(self, position, value):
        if isinstance(value, str) and self.sheet.number_formats.get(position) != "@":
            value = excel_typed_input(value)
        elif isinstance(value, str) and value == "":
            value = None
        if type(value) is dt.date:
            value = dt.datetime(value.year, value.month, value.day)
        if value is None:
            self.sheet.cells_.pop(position, None)
        else:
            self.sheet.cells_[position] = value

    def clear_contents(self):
        for position in self._stored_positions(self.sheet.cells_):
            del self.sheet.cells_[position]

    def clear_formats(self):
        for mapping in (self.sheet.number_formats, self.sheet.bold, *self.sheet.styles.values()):
            for position in self._stored_positions(mapping):
                del mapping[position]

    # properties outside xlwings' API, set through Excel's object model (`.api` is the range itself) -------------
    def _set_style(self, name, value):
        self._check_size(name)
        for position in self._positions():
            self.sheet.styles[name][position] = value

    def _get_style(self, name, default=None):
        values = {self.sheet.styles[name].get(position, default) for position in self._positions()}
        return values.pop() if len(values) == 1 else None

    color = property(lambda self: self._get_style("fill"), lambda self, rgb: self._set_style("fill", _hex(rgb)))
    wrap_text = property(lambda self: self._get_style("wrap", False),
                         lambda self, value: self._set_style("wrap", bool(value)))
    HorizontalAlignment = property(lambda self: self._get_style("horizontal", XL_GENERAL),
                                   lambda self, value: self._set_style("horizontal", value))
    VerticalAlignment = property(lambda self: self._get_style("vertical", XL_BOTTOM),
                                 lambda self, value: self._set_style("vertical", value))

    @property
    def Font(self):
        return MemoryComFont(self)

    def Borders(self, index):
        return MemoryBorder(self, index)

    def clear(self):
        self.clear_contents()
        self.clear_formats()

    @property
    def formula(self):
        def text(position):
            value = self.sheet.cells_.get(position)
            if isinstance(value, FormulaCell):
                return value.text
            if isinstance(value, ErrorCell):
                return value.text
            return "" if value is None else str(value)

        rows = tuple(tuple(text((row, column)) for column in range(self._column, self._column + self.columns_))
                     for row in range(self._row, self._row + self.rows_))
        return rows[0][0] if len(self) == 1 else rows

    @formula.setter
    def formula(self, value):
        self.raw_value = value

    formula2 = formula

    @property
    def has_array(self):
        return False

    # formats -----------------------------------------------------------------------------------------------
    def _check_size(self, what):
        if len(self) > 1_000_000:
            raise NotImplementedError(f"the memory engine sets {what} on ranges of up to a million cells")

    @property
    def number_format(self):
        formats = {self.sheet.number_formats.get(position, "General") for position in self._positions()}
        return formats.pop() if len(formats) == 1 else None

    @number_format.setter
    def number_format(self, value):
        self._check_size("number formats")
        for position in self._positions():
            self.sheet.number_formats[position] = value

    @property
    def font(self):
        return MemoryFont(self)

    @property
    def column_width(self):
        widths = {self.sheet.column_widths.get(column, 8.43)
                  for column in range(self._column, self._column + self.columns_)}
        return widths.pop() if len(widths) == 1 else None

    @column_width.setter
    def column_width(self, value):
        for column in range(self._column, self._column + self.columns_):
            self.sheet.column_widths[column] = value

    @property
    def row_height(self):
        heights = {self.sheet.row_heights.get(row, 15.0) for row in range(self._row, self._row + self.rows_)}
        return heights.pop() if len(heights) == 1 else None

    @row_height.setter
    def row_height(self, value):
        for row in range(self._row, self._row + self.rows_):
            self.sheet.row_heights[row] = value

    @property
    def hyperlink(self):
        return self.sheet.hyperlinks.get((self._row, self._column))

    def add_hyperlink(self, address, text_to_display=None, screen_tip=None):
        self.sheet.hyperlinks[(self._row, self._column)] = address
        self._store((self._row, self._column), "'" + (address if text_to_display is None else text_to_display))

    def autofit(self, axis=None):
        pass

    def select(self):
        pass


class MemoryFont(_OwnApi, base_classes.Font):
    def __init__(self, rng):
        self.range = rng

    @property
    def bold(self):
        values = {self.range.sheet.bold.get(position, False) for position in self.range._positions()}
        return values.pop() if len(values) == 1 else None

    @bold.setter
    def bold(self, value):
        self.range._check_size("fonts")
        for position in self.range._positions():
            self.range.sheet.bold[position] = bool(value)

    italic = property(lambda self: self.range._get_style("italic", False),
                      lambda self, value: self.range._set_style("italic", bool(value)))
    size = property(lambda self: self.range._get_style("size", 11.0),
                    lambda self, value: self.range._set_style("size", float(value)))
    color = property(lambda self: self.range._get_style("font_color"),
                     lambda self, rgb: self.range._set_style("font_color", _hex(rgb)))


class MemoryComFont:
    """Range.api.Font: what xlwings' Font does not cover (the underline)."""

    def __init__(self, rng):
        self.range = rng

    Underline = property(lambda self: self.range._get_style("underline", XL_UNDERLINE_NONE),
                         lambda self, value: self.range._set_style("underline", value))


class MemoryBorder:
    """Range.api.Borders(index): one edge's line style, weight and colour, recorded as one tuple per cell."""

    def __init__(self, rng, index):
        self.range, self.index = rng, index

    def _set(self, part, value):
        name = f"border_{self.index}"
        for position in self.range._positions():
            current = dict(self.range.sheet.styles[name].get(position, ()))
            current[part] = value
            self.range.sheet.styles[name][position] = tuple(sorted(current.items()))

    LineStyle = property(None, lambda self, value: self._set("LineStyle", value))
    Weight = property(None, lambda self, value: self._set("Weight", value))
    Color = property(None, lambda self, value: self._set("Color", value))


class MemoryPageSetup:
    """Worksheet.PageSetup: the print settings, as attributes."""

    def __init__(self):
        self.Orientation, self.PaperSize, self.Zoom = 1, 9, 100
        self.FitToPagesWide, self.FitToPagesTall, self.PrintTitleRows = 1, 1, ""


class MemoryWindow:
    """Application.ActiveWindow: freezing panes splits the active sheet's window."""

    def __init__(self, app):
        self.app = app
        self.SplitRow = self.SplitColumn = 0
        self.ScrollRow = self.ScrollColumn = 1

    def _sheet(self):
        return self.app.books.active.sheets.active

    @property
    def FreezePanes(self):
        return self._sheet().frozen_at is not None

    @FreezePanes.setter
    def FreezePanes(self, value):
        self._sheet().frozen_at = (self.SplitRow, self.SplitColumn) if value else None


def _hex(rgb) -> str | None:
    """A colour as xlwings passes it (an (r, g, b) tuple or '#RRGGBB') -> 'RRGGBB'."""
    if rgb is None:
        return None
    if isinstance(rgb, str):
        return rgb.lstrip("#").upper()
    return "".join(f"{part:02X}" for part in rgb)


XL_GENERAL, XL_BOTTOM, XL_UNDERLINE_NONE = 1, -4107, -4142
STYLE_PROPERTIES = ("italic", "size", "font_color", "underline", "fill", "wrap", "horizontal", "vertical",
                    "border_9")


class MemoryTables(_NamedCollection, base_classes.Tables):
    def __init__(self, sheet):
        self.sheet = sheet
        self._tables: list[MemoryTable] = []

    @property
    def parent(self):
        return self.sheet

    def add(self, source=None, name=None, source_type=None, link_source=None, has_headers=True,
            destination=None, table_style_name="TableStyleMedium2"):
        name = name or f"Table{sum(len(sheet.tables) for sheet in self.sheet.book.sheets) + 1}"
        if name.casefold() in self.sheet.book.table_names():
            raise ValueError(f"a table named '{name}' exists already in the workbook")
        rng = source.impl if hasattr(source, "impl") else source
        for table in self._tables:
            if _overlap(table.range, rng):
                raise ValueError(f"table '{name}' would overlap table '{table.name}'")
        table = MemoryTable(self, name, rng, table_style_name)
        self._tables.append(table)
        return table

    def _members(self):
        return self._tables


def _overlap(first, second):
    return not (first.row + first.rows - 1 < second.row or second.row + second.rows - 1 < first.row or
                first.column + first.columns - 1 < second.column or second.column + second.columns - 1 < first.column)


class MemoryTable(_Renamable):
    def __init__(self, tables, name, rng, table_style):
        self.tables = tables
        self._name = name
        self.range = rng
        self.table_style = table_style
        self.show_headers = True
        self.show_totals = False

    display_name = _Renamable.name

    @property
    def parent(self):
        return self.tables.sheet

    @property
    def header_row_range(self):
        return self.range.sheet.range((self.range.row, self.range.column),
                                      (self.range.row, self.range.column + self.range.columns - 1))

    @property
    def data_body_range(self):
        if self.range.rows < 2:
            return None
        sheet = self.range.sheet
        return sheet.range((self.range.row + 1, self.range.column),
                           (self.range.row + self.range.rows - 1, self.range.column + self.range.columns - 1))

    @property
    def totals_row_range(self):
        return None

    @property
    def insert_row_range(self):
        return None

    def resize(self, range):
        self.range = range.impl if hasattr(range, "impl") else range


_ENGINE: MemoryEngine | None = None


def memory_engine() -> MemoryEngine:
    """The one "memory" engine, registered with xlwings on first use."""
    global _ENGINE
    if _ENGINE is None:
        existing = xw.engines.engines_by_name.get("memory")
        if existing is not None and isinstance(existing.impl, MemoryEngine):
            _ENGINE = existing.impl
        else:
            _ENGINE = MemoryEngine()
            xw.engines.add(xw.main.Engine(impl=_ENGINE))
    return _ENGINE


def new_book(name: str = "Book1.xlsm", sheet_names=("Sheet1",)) -> xw.Book:
    """An empty book in a new memory app (one app per book keeps tests independent)."""
    app = memory_engine().apps.add(add_book=False)
    return xw.Book(impl=app.books.add(name=name, sheet_names=sheet_names))


@dataclass
class _SheetSnapshot:
    name: str
    cells: dict = field(default_factory=dict)
    number_formats: dict = field(default_factory=dict)
    bold: dict = field(default_factory=dict)
    column_widths: dict = field(default_factory=dict)
    tables: list = field(default_factory=list)  # (name, ref, style)


@functools.lru_cache(maxsize=8)
def _read_file(path: str, modified_ns: int, size: int) -> tuple[_SheetSnapshot, ...]:
    import openpyxl
    from openpyxl.utils import column_index_from_string

    workbook = openpyxl.load_workbook(path)
    cached = None  # formulas' last values, read only when there are formulas
    snapshots = []
    for sheet in workbook.worksheets:
        snapshot = _SheetSnapshot(sheet.title)
        for row in sheet.iter_rows():
            for cell in row:
                position = (cell.row, cell.column)
                if cell.has_style:
                    if cell.number_format != "General":
                        snapshot.number_formats[position] = cell.number_format
                    if cell.font is not None and cell.font.b:
                        snapshot.bold[position] = True
                if cell.value is None:
                    continue
                if cell.data_type == "f":
                    if cached is None:
                        cached = openpyxl.load_workbook(path, data_only=True)
                    snapshot.cells[position] = FormulaCell(str(cell.value),
                                                           cached[sheet.title].cell(cell.row, cell.column).value)
                elif cell.data_type == "e":
                    snapshot.cells[position] = ErrorCell(str(cell.value))
                else:
                    snapshot.cells[position] = cell.value
        for letter, dimension in sheet.column_dimensions.items():
            if dimension.customWidth and dimension.width:
                snapshot.column_widths[column_index_from_string(letter)] = dimension.width
        for table in sheet.tables.values():
            snapshot.tables.append((table.displayName, table.ref,
                                    table.tableStyleInfo.name if table.tableStyleInfo else None))
        snapshots.append(snapshot)
    return tuple(snapshots)


def load_workbook(path: str | Path, name: str | None = None) -> xw.Book:
    """A memory book holding the cell values (formulas with their cached values), number formats, bold fonts,
    column widths and tables of an .xlsx/.xlsm file. Each call gives an independent book (the file is parsed
    once while it is unchanged)."""
    path = Path(path)
    status = path.stat()
    snapshots = _read_file(str(path.resolve()), status.st_mtime_ns, status.st_size)
    book = new_book(name or path.name, sheet_names=[snapshot.name for snapshot in snapshots])
    for snapshot in snapshots:
        target = book.sheets[snapshot.name].impl
        target.cells_.update(snapshot.cells)
        target.number_formats.update(snapshot.number_formats)
        target.bold.update(snapshot.bold)
        target.column_widths.update(snapshot.column_widths)
        for table_name, ref, style in snapshot.tables:
            (row1, column1), (row2, column2) = a1_to_tuples(ref)
            target.tables._tables.append(MemoryTable(target.tables, table_name,
                                                     MemoryRange(target, row1, column1, row2 - row1 + 1,
                                                                 column2 - column1 + 1), style))
    book.sheets[0].impl.activate()
    return book


def _dump_value(value):
    if isinstance(value, FormulaCell):
        return value.text
    if isinstance(value, ErrorCell):
        return value.text
    return value


def dump_book(book, sheets=None) -> dict[str, dict[str, object]]:
    """{sheet: {"A1": value}} of the non-empty cells; formulas as their text ("=…")."""
    impl = book.impl if hasattr(book, "impl") else book
    wanted = None if sheets is None else set(sheets)
    return {sheet.name: {f"{col_name(column)}{row}": _dump_value(value)
                         for (row, column), value in sorted(sheet.cells_.items())}
            for sheet in impl.sheets if wanted is None or sheet.name in wanted}


@functools.lru_cache(maxsize=8)
def _openpyxl_cells(path: str, modified_ns: int, size: int) -> dict[str, dict[str, object]]:
    import openpyxl

    workbook = openpyxl.load_workbook(path)
    return {sheet.title: {cell.coordinate: cell.value for row in sheet.iter_rows() for cell in row
                          if cell.value is not None}
            for sheet in workbook.worksheets}


def dump_openpyxl(path: str | Path, sheets=None) -> dict[str, dict[str, object]]:
    """The same view of a workbook file, read with openpyxl (formulas as their text), in the file's sheet order."""
    path = Path(path)
    status = path.stat()
    cells = _openpyxl_cells(str(path.resolve()), status.st_mtime_ns, status.st_size)
    wanted = None if sheets is None else set(sheets)
    return {name: dict(values) for name, values in cells.items() if wanted is None or name in wanted}


@contextlib.contextmanager
def mock_caller(book: xw.Book):
    """`xw.Book.caller()` returns `book` inside the block (Book.set_mock_caller), and is unset afterwards."""
    had, previous = hasattr(xw.Book, "_mock_caller"), getattr(xw.Book, "_mock_caller", None)
    book.set_mock_caller()
    try:
        yield book
    finally:
        if had:
            xw.Book._mock_caller = previous
        else:
            del xw.Book._mock_caller


# --- charts ------------------------------------------------------------------------------------------------------

POINTS_PER_ROW, POINTS_PER_COLUMN = 15.0, 48.0
XL_TICK_LABELS_LOW, XL_TICK_LABELS_NEXT_TO_AXIS = -4134, 4  # XlTickLabelPosition, as Microsoft documents it


class MemoryChart:
    def __init__(self, charts, left, top, width, height):
        self.charts = charts
        self.left, self.top, self.width, self.height = left, top, width, height
        self.name = f"Chart {len(charts._charts) + 1}"
        self.chart_type = "column_clustered"
        self.source: str | None = None  # 'Sheet'!A1:B2 (areas joined by commas)
        self.HasTitle = False
        self.ChartTitle = types.SimpleNamespace(Text="")
        self._axes: dict[int, types.SimpleNamespace] = {}

    def Axes(self, kind):
        """Chart.Axes(xlCategory=1 | xlValue=2); a new axis has its labels next to it (xlNextToAxis = 4)."""
        return self._axes.setdefault(kind, types.SimpleNamespace(TickLabelPosition=XL_TICK_LABELS_NEXT_TO_AXIS))

    @property
    def category_labels(self) -> str:
        """Where the category labels sit, in the terms of the file format: "low" or "nextTo"."""
        return {XL_TICK_LABELS_LOW: "low"}.get(self.Axes(1).TickLabelPosition, "nextTo")

    @property
    def api(self):
        """As on Windows: (the ChartObject, its Chart); the title is the Chart's."""
        return self, self

    @property
    def title(self) -> str | None:
        return self.ChartTitle.Text if self.HasTitle else None

    @property
    def parent(self):
        return self.charts.sheet

    def set_source_data(self, rng, plot_by=None):
        self.source = f"'{rng.sheet.name}'!" + getattr(rng, "areas", rng.address.replace("$", ""))

    def delete(self):
        self.charts._charts.remove(self)


class MemoryCharts(_NamedCollection):
    def __init__(self, sheet):
        self.sheet = sheet
        self._charts: list[MemoryChart] = []

    def add(self, left=0, top=0, width=355, height=211, chart_type=None, source=None, plot_by=None, name=None,
            anchor=None, style=None):
        """xlwings 0.37.3+ hands its impl the chart's type, source, name and style too."""
        chart = MemoryChart(self, left, top, width, height)
        if chart_type is not None:
            chart.chart_type = chart_type
        if source is not None:
            chart.source = f"'{source.sheet.name}'!" + source.address.replace("$", "")
        if name is not None:
            chart.name = name
        self._charts.append(chart)
        return chart

    def _members(self):
        return self._charts


# --- door parity: every property a writer sets, read back the same way from both doors ---------------------------

# Excel's object-model constants, as Microsoft documents them (XlHAlign, XlVAlign, XlUnderlineStyle,
# XlPageOrientation), read back into the names openpyxl uses for the same settings.
_HORIZONTAL_NAMES = {-4131: "left", -4108: "center", -4152: "right", XL_GENERAL: None}
_VERTICAL_NAMES = {-4160: "top", -4108: "center", XL_BOTTOM: None}
_UNDERLINE_NAMES = {2: "single", XL_UNDERLINE_NONE: None}
_ORIENTATION_NAMES = {1: "portrait", 2: "landscape"}


def _bgr_to_hex(value: int) -> str:
    return f"{value & 0xFF:02X}{(value >> 8) & 0xFF:02X}{(value >> 16) & 0xFF:02X}"


def _cell_style(number_format, bold, italic, size, color, underline, fill, border, wrap, horizontal, vertical):
    return {"number_format": number_format, "bold": bool(bold), "italic": bool(italic), "size": float(size),
            "font_color": color, "underline": underline, "fill": fill, "bottom_border": border, "wrap": bool(wrap),
            "horizontal": horizontal, "vertical": vertical}


def memory_sheet_properties(sheet) -> dict:
    """Everything the button wrote on one memory sheet, in neutral terms."""
    styles = sheet.styles
    positions = set(sheet.cells_) | set(sheet.number_formats) | set(sheet.bold)
    for mapping in styles.values():
        positions |= set(mapping)
    cells = {}
    for position in sorted(positions):
        border = dict(styles["border_9"].get(position, ()))
        cells[f"{col_name(position[1])}{position[0]}"] = {
            "value": _dump_value(sheet.cells_.get(position)),
            **_cell_style(sheet.number_formats.get(position, "General"), sheet.bold.get(position, False),
                          styles["italic"].get(position, False), styles["size"].get(position, 11.0),
                          styles["font_color"].get(position), _UNDERLINE_NAMES[styles["underline"].get(
                              position, XL_UNDERLINE_NONE)], styles["fill"].get(position),
                          _bgr_to_hex(border["Color"]) if border.get("LineStyle") == 1 and border.get("Weight") == 2
                          else None, styles["wrap"].get(position, False),
                          _HORIZONTAL_NAMES[styles["horizontal"].get(position, XL_GENERAL)],
                          _VERTICAL_NAMES[styles["vertical"].get(position, XL_BOTTOM)])}
    page = sheet.PageSetup
    return {
        "cells": cells,
        "column_widths": dict(sorted(sheet.column_widths.items())),
        "row_heights": dict(sorted(sheet.row_heights.items())),
        "freeze": None if sheet.frozen_at is None else (sheet.frozen_at[0] + 1, sheet.frozen_at[1] + 1),
        "print": None if page.Zoom is not False else {
            "orientation": _ORIENTATION_NAMES[page.Orientation], "paper": page.PaperSize,
            "fit": (page.FitToPagesWide or 0, page.FitToPagesTall or 0),
            "repeat_rows": page.PrintTitleRows.replace("$", "") or None},
        "visibility": {-1: "visible", 0: "hidden", 2: "veryHidden"}[sheet.Visible],
        "tables": sorted((table.name, table.range.get_address(False, False), table.table_style)
                         for table in sheet.tables),
        "charts": [(chart.title, chart.chart_type, chart.source, chart.category_labels) for chart in sheet.charts],
    }


def _shown_width(stored: float) -> float:
    """The width Excel shows (what Range.ColumnWidth sets) for a stored <col width>, by ECMA-376 Part 1
    §18.3.1.13 for Calibri 11 (7-pixel digits, 5 pixels of padding)."""
    pixels = int(((256 * stored + int(128 / 7)) / 256) * 7)
    return int((pixels - 5) / 7 * 100 + 0.5) / 100


def _openpyxl_color(color) -> str | None:
    if color is None or color.type != "rgb" or color.rgb in (None, "00000000"):
        return None
    return color.rgb[-6:].upper()


def file_sheet_properties(workbook, name: str) -> dict:
    """Everything the file door wrote on one sheet, read back with openpyxl, in the same neutral terms."""
    sheet = workbook[name]
    cells = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is None and not cell.has_style:
                continue
            font, alignment, fill = cell.font, cell.alignment, cell.fill
            bottom = cell.border.bottom
            cells[cell.coordinate] = {
                "value": cell.value,
                **_cell_style(cell.number_format, font.b, font.i, font.sz or 11.0, _openpyxl_color(font.color),
                              font.u, _openpyxl_color(fill.fgColor) if fill.fill_type == "solid" else None,
                              _openpyxl_color(bottom.color) if bottom is not None and bottom.style == "thin"
                              else None, alignment.wrap_text, alignment.horizontal, alignment.vertical)}
    from openpyxl.utils import column_index_from_string
    freeze = None
    if sheet.freeze_panes:
        from openpyxl.utils.cell import coordinate_from_string
        letter, row = coordinate_from_string(sheet.freeze_panes)
        freeze = (row, column_index_from_string(letter))
    setup = sheet.page_setup
    fitted = sheet.sheet_properties.pageSetUpPr is not None and sheet.sheet_properties.pageSetUpPr.fitToPage
    return {
        "cells": cells,
        "column_widths": {column_index_from_string(letter): _shown_width(dimension.width)
                          for letter, dimension in sorted(sheet.column_dimensions.items(),
                                                          key=lambda item: column_index_from_string(item[0]))
                          if dimension.customWidth},
        "row_heights": {row: dimension.height for row, dimension in sorted(sheet.row_dimensions.items())
                        if dimension.height is not None},
        "freeze": freeze,
        "print": None if not fitted else {
            "orientation": setup.orientation, "paper": int(setup.paperSize),
            "fit": (int(setup.fitToWidth), int(setup.fitToHeight)),
            "repeat_rows": sheet.print_title_rows.replace("$", "") if sheet.print_title_rows else None},
        "visibility": sheet.sheet_state,
        "tables": sorted((table.displayName, table.ref, table.tableStyleInfo.name if table.tableStyleInfo else None)
                         for table in sheet.tables.values()),
        "charts": [_openpyxl_chart(workbook, chart) for chart in sheet._charts],
    }


def _openpyxl_chart(workbook, chart) -> tuple:
    """(title, type, source, category labels) of a chart the file door wrote, its source as the one range the
    button passes to set_source_data: the category column and the series columns, the series' header row and
    their rows."""
    from openpyxl.utils import column_index_from_string
    from openpyxl.utils.cell import coordinate_from_string

    def text(rich):
        return "".join(run.t for paragraph in rich.p for run in (paragraph.r or []))

    def corners(reference):
        first, last = reference.split("!")[1].replace("$", "").split(":")
        return coordinate_from_string(first), coordinate_from_string(last)

    title = text(chart.title.tx.rich) if chart.title is not None else None
    kind = {"col": "column_clustered", "bar": "bar_clustered"}[chart.type]
    category = chart.series[0].cat
    category_ref = (category.numRef or category.strRef).f
    sheet = category_ref.split("!")[0].strip("'")
    (category_letter, _), _ = corners(category_ref)
    (_, first_row), (_, last_row) = corners(chart.series[0].val.numRef.f)
    header_row = coordinate_from_string(chart.series[0].tx.strRef.f.split("!")[1].replace("$", ""))[1]
    columns = [column_index_from_string(category_letter)] + [
        column_index_from_string(corners(series.val.numRef.f)[0][0]) for series in chart.series]
    column_runs, start = [], columns[0]
    for previous, column in zip(columns, columns[1:] + [None]):
        if column != previous + 1:
            column_runs.append((start, previous))
            start = column
    row_runs = [(header_row, last_row)] if first_row == header_row + 1 else [(header_row, header_row),
                                                                             (first_row, last_row)]
    areas = [f"{col_name(left)}{top}:{col_name(right)}{bottom}" for top, bottom in row_runs
             for left, right in column_runs]
    return title, kind, f"'{sheet}'!" + ",".join(areas), chart.x_axis.tickLblPos or "nextTo"

"""Run the xlwings Lite door without Excel: xlwings' real remote engine, payloads shaped as the add-in sends them,
and an in-memory model of the workbook that applies the actions a script returns.

- `remote_engine()`: XLWINGS_LICENSE_KEY=noncommercial (xlwings PRO's PolyForm Noncommercial licence) in this
  process only, and xlwings' remote engine registered even if xlwings was imported before the key was set.
- `payload_from_workbook(path)`: the JSON the add-in's Office.js client sends for a script (its getBookData): every
  sheet's used range from A1 as Office.js `range.values` gives it ("" for an empty cell, dates as ISO text, the
  value of a formula), its tables and visibility.
- `function_call(name, *args)`: the body the add-in sends for a custom function: every argument a 2-D list (the
  functions are registered with matrix dimensionality), empty cells None, an error cell as Excel's error object.
- `OfficeBook`: the workbook as cells, formats and objects; `apply(actions)` replays `book.json()["actions"]` the
  way the add-in's client does (a string written by setValues is read as typed input: "=" starts a formula, a
  leading apostrophe keeps text). An action the model does not know raises, so the door cannot emit something
  no test has looked at.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import sys
import types
from dataclasses import dataclass, field

import openpyxl
from openpyxl.utils import get_column_letter, range_boundaries

from xlwings_harness import ErrorCell, FormulaCell, excel_typed_input

LICENCE = {"XLWINGS_LICENSE_KEY": "noncommercial"}
VISIBILITY = {"visible": "Visible", "hidden": "Hidden", "veryHidden": "VeryHidden"}
EXCEL_ERROR_TYPES = {"#DIV/0!": "Div0", "#N/A": "NotAvailable", "#NAME?": "Name", "#NULL!": "Null", "#NUM!": "Num",
                     "#REF!": "Ref", "#VALUE!": "Value"}


class JsNull:
    """Pyodide's sentinel for JavaScript's null, which no value is outside Pyodide."""


def _pyodide_ffi_stand_in() -> dict:
    """xlwings' Office.js engine asks `from pyodide.ffi import JsNull` once per cell; in Pyodide that import is
    cached, elsewhere each failing import searches sys.path (2 s for the 20,000 cells of the sample Data range).
    A stand-in module with the sentinel answers the same (no cell is a JsNull) at Pyodide's speed."""
    pyodide, ffi = types.ModuleType("pyodide"), types.ModuleType("pyodide.ffi")
    ffi.JsNull, pyodide.ffi = JsNull, ffi
    return {"pyodide": pyodide, "pyodide.ffi": ffi}


@contextlib.contextmanager
def remote_engine():
    """The licence key in the environment while the block runs, and xlwings' remote engine available."""
    saved = {key: os.environ.get(key) for key in LICENCE}
    os.environ.update(LICENCE)
    stand_ins = _pyodide_ffi_stand_in()
    saved_modules = {name: sys.modules.get(name) for name in stand_ins}
    sys.modules.update(stand_ins)
    try:
        import xlwings as xw
        from xlwings.pro import _xlofficejs, _xlremote  # validates the key

        # xlwings registers these at its first import only if the key was set then
        for impl in (_xlremote.engine, _xlofficejs.engine):
            if impl.name not in [engine.name for engine in xw.engines]:
                xw.engines.add(xw.main.Engine(impl=impl))
        yield xw
    finally:
        for name, module in saved_modules.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _office_value(value):
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(value, dt.date):
        return f"{value.isoformat()}T00:00:00.000Z"
    if isinstance(value, dt.time):
        return value.strftime("1899-12-30T%H:%M:%S.000Z")
    return value


def _sheet_payload(sheet) -> dict:
    rows = [[_office_value(cell) for cell in row]
            for row in sheet.iter_rows(min_row=1, min_col=1, max_row=sheet.max_row, max_col=sheet.max_column,
                                       values_only=True)]
    tables = []
    for table in sheet.tables.values():
        min_col, min_row, max_col, max_row = range_boundaries(table.ref)
        first, last = get_column_letter(min_col), get_column_letter(max_col)
        tables.append({
            "name": table.name,
            "range_address": table.ref,
            "header_row_range_address": f"{first}{min_row}:{last}{min_row}",
            "data_body_range_address": f"{first}{min_row + 1}:{last}{max_row}",
            "total_row_range_address": None,
            "show_headers": True,
            "show_totals": False,
            "table_style": table.tableStyleInfo.name if table.tableStyleInfo else "",
            "show_autofilter": True,
        })
    return {"name": sheet.title, "visibility": VISIBILITY[sheet.sheet_state], "values": rows or [[""]],
            "pictures": [], "shapes": [], "charts": [], "notes": [], "tables": tables, "print_area": None}


def payload_from_workbook(path, version: str) -> dict:
    """The add-in's request for a script over the workbook at `path` (its cached values: what Excel shows)."""
    workbook = openpyxl.load_workbook(path, data_only=True)
    return {
        "client": "Office.js",
        "version": version,
        "book": {"name": os.path.basename(str(path)), "active_sheet_index": 0, "selection": "A1"},
        "names": [],
        "sheets": [_sheet_payload(sheet) for sheet in workbook.worksheets],
    }


def excel_error(text: str) -> dict:
    """An error cell as the custom-functions runtime hands it to a function."""
    return {"type": "Error", "basicValue": text, "errorType": EXCEL_ERROR_TYPES[text]}


def as_argument(value):
    """One argument as the add-in sends it: a 2-D list (a single cell is [[value]]); None stays None (omitted)."""
    if value is None or (isinstance(value, list) and value and isinstance(value[0], list)):
        return value
    if isinstance(value, list):
        return [value]
    return [[value]]


def function_call(module, name: str, *args, version: str):
    from xlwings.server import custom_functions_call

    body = {"client": "Office.js", "func_name": name, "args": [as_argument(arg) for arg in args],
            "caller_address": "[Book1.xlsx]Sheet1!A1", "session_id": "test", "culture_info_name": "en-US",
            "date_format": "M/d/yyyy", "version": version, "runtime": "1.4"}
    return asyncio.run(custom_functions_call(body, module))


def script_call(module, name: str, payload: dict):
    """Run a script as the Lite runtime does; the actions it returns."""
    import xlwings as xw
    from xlwings.server import custom_scripts_call

    book = xw.Book(json=payload)
    book = asyncio.run(custom_scripts_call(module=module, script_name=name, typehint_to_value={xw.Book: book},
                                           args=[]))
    return book.json()["actions"]


# ---------------------------------------------------------------------------------------------------------------
# The workbook as the add-in leaves it

@dataclass
class OfficeSheet:
    name: str
    visibility: str = "Visible"
    cells: dict = field(default_factory=dict)  # (row, column) 1-based -> value / FormulaCell
    number_formats: dict = field(default_factory=dict)
    fonts: dict = field(default_factory=dict)  # (row, column) -> {property: value}
    fills: dict = field(default_factory=dict)
    wrap: dict = field(default_factory=dict)
    column_widths: dict = field(default_factory=dict)
    row_heights: dict = field(default_factory=dict)
    hyperlinks: dict = field(default_factory=dict)  # (row, column) -> (address, text)
    tables: dict = field(default_factory=dict)  # name -> "A6:N27"
    charts: list = field(default_factory=list)
    freeze_at: str | None = None
    print_area: str | None = None


def _cells(action):
    first_row, first_column = action["start_row"] + 1, action["start_column"] + 1
    for row in range(first_row, first_row + action["row_count"]):
        for column in range(first_column, first_column + action["column_count"]):
            yield row, column


class OfficeBook:
    def __init__(self, payload: dict):
        self.sheets: list[OfficeSheet] = []
        self.alerts: list[dict] = []
        for sheet in payload["sheets"]:
            model = OfficeSheet(sheet["name"], sheet.get("visibility", "Visible"))
            for row_number, row in enumerate(sheet["values"], start=1):
                for column_number, value in enumerate(row, start=1):
                    if value != "":
                        model.cells[(row_number, column_number)] = value
            model.tables = {table["name"]: table["range_address"].replace("$", "") for table in sheet["tables"]}
            self.sheets.append(model)

    def dump(self, sheets=None) -> dict[str, dict[str, object]]:
        """{sheet: {"A1": value}} of the non-empty cells, formulas as their text: the view `dump_openpyxl` gives
        of a file, in the book's sheet order."""
        wanted = None if sheets is None else set(sheets)
        return {sheet.name: {f"{get_column_letter(column)}{row}": cell_text(value)
                             for (row, column), value in sorted(sheet.cells.items())}
                for sheet in self.sheets if wanted is None or sheet.name in wanted}

    def sheet(self, name: str) -> OfficeSheet:
        return next(sheet for sheet in self.sheets if sheet.name == name)

    def apply(self, actions):
        for action in actions:
            handler = getattr(self, "_" + action["func"], None)
            if handler is None:
                raise NotImplementedError(f"the model does not apply '{action['func']}': {action}")
            handler(action, self.sheets[action["sheet_position"]] if action["sheet_position"] is not None else None)
        return self

    # one handler per action the door may emit (names as in the add-in's client)
    def _addSheet(self, action, _):
        position, name = action["args"]
        self.sheets.insert(position, OfficeSheet(name))

    def _setValues(self, action, sheet):
        values = iter(value for row in action["values"] for value in row)
        for cell in _cells(action):
            value = next(values)
            value = excel_typed_input(value) if isinstance(value, str) else value
            if value is None:
                sheet.cells.pop(cell, None)
            else:
                sheet.cells[cell] = value

    def _rangeClearContents(self, action, sheet):
        rows = range(action["start_row"] + 1, action["start_row"] + action["row_count"] + 1)
        columns = range(action["start_column"] + 1, action["start_column"] + action["column_count"] + 1)
        for cell in [cell for cell in sheet.cells if cell[0] in rows and cell[1] in columns]:
            del sheet.cells[cell]
        for cell in [cell for cell in sheet.hyperlinks if cell[0] in rows and cell[1] in columns]:
            del sheet.hyperlinks[cell]

    def _sheetClear(self, _action, sheet):
        for part in (sheet.cells, sheet.number_formats, sheet.fonts, sheet.fills, sheet.wrap, sheet.hyperlinks):
            part.clear()

    def _calculate(self, _action, _sheet):
        """Excel recalculates; the model keeps formulas as text."""

    def _setNumberFormat(self, action, sheet):
        for cell in _cells(action):
            sheet.number_formats[cell] = action["args"][0]

    def _setFontProperty(self, action, sheet):
        prop, value = action["args"]
        for cell in _cells(action):
            sheet.fonts.setdefault(cell, {})[prop] = value

    def _setRangeColor(self, action, sheet):
        for cell in _cells(action):
            sheet.fills[cell] = action["args"][0]

    def _setWrapText(self, action, sheet):
        for cell in _cells(action):
            sheet.wrap[cell] = action["args"][0]

    def _setColumnWidth(self, action, sheet):
        for column in range(action["start_column"] + 1, action["start_column"] + action["column_count"] + 1):
            sheet.column_widths[column] = action["args"][0]

    def _setRowHeight(self, action, sheet):
        for row in range(action["start_row"] + 1, action["start_row"] + action["row_count"] + 1):
            sheet.row_heights[row] = action["args"][0]

    def _addHyperlink(self, action, sheet):
        address, text, _tip = action["args"]
        sheet.hyperlinks[(action["start_row"] + 1, action["start_column"] + 1)] = (address, text)

    def _addTable(self, action, sheet):
        address, _has_headers, _style, name = action["args"]
        sheet.tables[name] = address.replace("$", "")

    def _resizeTable(self, action, sheet):
        index, address = action["args"]
        name = list(sheet.tables)[index]
        sheet.tables[name] = address.replace("$", "")

    def _freezePaneAtRange(self, action, sheet):
        sheet.freeze_at = action["args"][0]

    def _setPrintArea(self, action, sheet):
        sheet.print_area = action["args"][0]

    def _setSheetVisibility(self, action, sheet):
        sheet.visibility = action["args"][0]

    def _addChart(self, action, sheet):
        # xlwings 0.37.3+ adds plot_by, anchor and style after these
        name, chart_type, source_sheet, source_address, left, top, width, height = action["args"][:8]
        sheet.charts.append({"name": name, "type": chart_type, "source": (source_sheet, source_address),
                             "position": (left, top, width, height)})

    def _setChartType(self, action, sheet):
        index, chart_type = action["args"]
        sheet.charts[index]["type"] = chart_type

    def _setChartSourceData(self, action, sheet):
        index, source_sheet, source_address = action["args"]
        sheet.charts[index]["source"] = (source_sheet, source_address)

    def _alert(self, action, _):
        prompt, title, buttons, mode, _callback = action["args"]
        self.alerts.append({"prompt": prompt, "title": title, "buttons": buttons, "mode": mode})


def cell_text(value):
    """A cell as `dump_openpyxl` shows it: formulas and error values as their text."""
    return value.text if isinstance(value, (FormulaCell, ErrorCell)) else value

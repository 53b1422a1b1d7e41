"""The xlwings Lite door, `migrelease.lite`, on xlwings' real remote engine (tests/lite_harness.py): payloads shaped
as the add-in sends them, the actions the script returns replayed on a model of the workbook. The refresh writes,
cell for cell and format for format as far as the remote engine carries formats, what the file door writes; the
custom functions answer as the COM UDFs, errors included; bad data gives one alert and no write."""

import json
import re
import shutil
import subprocess
import sys
import textwrap
import importlib.metadata
import types

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string
from packaging.markers import default_environment
from packaging.requirements import Requirement

from migrelease import cli
from migrelease.engines.lite_engine import column_width_points, frozen_range
from migrelease.filedoor.refresh import refresh_workbook
from migrelease.model.problems import InputProblems
from migrelease.sheets.settings import settings_sheet

from conftest import SAMPLE_INPUTS, write_unrefreshed_workbook
from lite_harness import OfficeBook, excel_error, function_call, payload_from_workbook, remote_engine, script_call
from xlwings_harness import COM_MISSING, call_like_excel, com_range, dump_openpyxl, fresh_import

INPUTS = SAMPLE_INPUTS
VALUE_ERROR = {"type": "Error", "errorType": "Value"}  # Excel's #VALUE! as custom functions return it


@pytest.fixture(scope="module")
def xw():
    with remote_engine() as module:
        yield module


@pytest.fixture(scope="module")
def lite(xw):
    import migrelease.lite

    return migrelease.lite


@pytest.fixture(scope="module")
def input_workbook(tmp_path_factory):
    return write_unrefreshed_workbook(tmp_path_factory.mktemp("lite") / "release.xlsx")


@pytest.fixture(scope="module")
def file_door_plan(input_workbook, tmp_path_factory):
    """(path, plan) of the same workbook refreshed by the file door."""
    path = tmp_path_factory.mktemp("lite_file_door") / input_workbook.name
    shutil.copyfile(input_workbook, path)
    return path, refresh_workbook(path)


@pytest.fixture(scope="module")
def file_door(file_door_plan):
    return file_door_plan[0]


@pytest.fixture(scope="module")
def payload(xw, input_workbook):
    return payload_from_workbook(input_workbook, xw.__version__)


@pytest.fixture(scope="module")
def refreshed(lite, payload):
    """(actions, the book model after them) of one refresh_release run as the add-in runs it."""
    actions = script_call(lite, "refresh_release", json.loads(json.dumps(payload)))
    return actions, OfficeBook(payload).apply(actions)


@pytest.fixture(scope="module")
def generated(file_door):
    workbook = openpyxl.load_workbook(file_door)
    return [name for name in workbook.sheetnames if name not in ("My notes", *INPUTS)]


# --- the same workbook as the file door ----------------------------------------------------------------------

def test_lite_writes_the_cells_the_file_door_writes(refreshed, file_door, generated):
    _, book = refreshed
    assert len(generated) >= 5 + 21
    assert [sheet.name for sheet in book.sheets] == list(dump_openpyxl(file_door))
    lite, file = book.dump(generated), dump_openpyxl(file_door, generated)
    # the release stamp names the door that wrote it; everything else in it (fingerprints included) is equal
    assert (lite["_Release"].pop("B8"), file["_Release"].pop("B8")) == ("lite", "file")
    for name in generated:
        assert lite[name] == file[name], name
    assert sum(len(cells) for cells in lite.values()) > 5000
    assert book.dump(["My notes", *INPUTS]) == dump_openpyxl(file_door, ["My notes", *INPUTS])


def test_formats_match_the_file_door_as_far_as_the_remote_engine_carries_them(refreshed, file_door, generated):
    _, book = refreshed
    workbook = openpyxl.load_workbook(file_door)
    for name in generated:
        model, sheet = book.sheet(name), workbook[name]
        for row in sheet.iter_rows():
            for cell in row:
                key, where = (cell.row, cell.column), (name, cell.coordinate)
                assert model.number_formats.get(key, "General") == cell.number_format, where
                font = model.fonts.get(key, {})
                assert font.get("bold", False) == bool(cell.font.b), where
                assert font.get("italic", False) == bool(cell.font.i), where
                assert font.get("size", 11) == cell.font.sz, where
                fill = cell.fill.fgColor.rgb[-6:] if cell.fill.fill_type == "solid" else None
                lite_fill = model.fills.get(key)
                assert (lite_fill[1:].upper() if lite_fill else None) == fill, where
                assert model.wrap.get(key, False) == bool(cell.alignment.wrap_text), where
        file_links = {(cell.row, cell.column): "#" + cell.hyperlink.location if cell.hyperlink.location
                      else cell.hyperlink.target for row in sheet.iter_rows() for cell in row if cell.hyperlink}
        assert {key: address for key, (address, _) in model.hyperlinks.items()} == file_links, name
        file_widths = {column_index_from_string(letter): dimension.width
                       for letter, dimension in sheet.column_dimensions.items() if dimension.customWidth}
        assert model.column_widths == {column: column_width_points(width) for column, width in file_widths.items()}
        file_heights = {row: dimension.height for row, dimension in sheet.row_dimensions.items()
                        if dimension.height is not None}
        assert model.row_heights == file_heights, name
        assert model.tables == {table.displayName: table.ref for table in sheet.tables.values()}, name
        if sheet.freeze_panes:
            first = openpyxl.utils.cell.coordinate_to_tuple(sheet.freeze_panes)
            assert model.freeze_at == frozen_range(*first), name
        else:
            assert model.freeze_at is None, name
    assert book.sheet("Contents").hyperlinks


def test_column_widths_in_points_as_excel_converts_characters():
    # Excel's default column, 8.43 characters, is stored as 9.140625 (with the padding): 64 pixels = 48 points.
    assert column_width_points(9.140625) == 48.0
    assert column_width_points(12) == 63.0  # Excel shows it as "11.29 (84 pixels)"


def test_frozen_range_freezes_what_lies_before_the_first_scrolling_cell():
    assert frozen_range(7, 2) == "A1:A6"
    assert frozen_range(7, 1) == "1:6"
    assert frozen_range(1, 3) == "A:B"


def test_one_set_values_per_layout_block(refreshed, file_door_plan):
    actions, _ = refreshed
    # the input workbook has no Settings sheet: the refresh adds the default one, as the file door does
    layouts = [*file_door_plan[1].layouts, settings_sheet()]
    writes = [action for action in actions if action["func"] == "setValues"]
    assert [(write["start_row"] + 1, write["start_column"] + 1, write["row_count"], write["column_count"])
            for write in writes] == [(block.row, block.column, block.height, block.width)
                                     for layout in layouts for block in layout.blocks]


def test_a_second_refresh_resizes_the_tables_instead_of_adding_them(lite, xw, refreshed, file_door, tmp_path):
    path = tmp_path / "refreshed.xlsx"
    shutil.copyfile(file_door, path)
    payload = payload_from_workbook(path, xw.__version__)
    actions = script_call(lite, "refresh_release", payload)
    kinds = {action["func"] for action in actions}
    assert "resizeTable" in kinds and "addTable" not in kinds and "addSheet" not in kinds
    _, first = refreshed
    again = OfficeBook(payload).apply(actions)
    names = [sheet.name for sheet in first.sheets]
    assert again.dump(names) == first.dump(names)


# --- charts ----------------------------------------------------------------------------------------------------

def test_charts_over_one_block_of_cells_are_drawn_the_others_reported(lite, payload, file_door_plan, capsys):
    actions = script_call(lite, "refresh_release", json.loads(json.dumps(payload)))
    charts = [chart for layout in file_door_plan[1].layouts for chart in layout.charts]
    drawn = [chart for chart in charts if "," not in chart.source_address()]
    left_out = [chart for chart in charts if "," in chart.source_address()]
    assert drawn and left_out  # the sample has both kinds
    added = [action["args"] for action in actions if action["func"] == "addChart"]
    assert [(args[2], args[3].replace("$", "")) for args in added] == [
        (chart.source_sheet, chart.source_address()) for chart in drawn]
    assert all(args[1] == "ColumnClustered" and args[4] > 0 and args[5] > 0 for args in added)
    printed = capsys.readouterr().out
    assert all(f"'{chart.title}' is not drawn" in printed for chart in left_out)


def test_an_existing_chart_is_pointed_at_the_refreshed_cells(lite, xw, file_door):
    payload = payload_from_workbook(file_door, xw.__version__)  # openpyxl reads no charts: add the sheet's own
    charts_sheet = next(sheet for sheet in payload["sheets"] if sheet["name"] == "Charts")
    charts_sheet["charts"] = [{"name": "Chart 1", "chart_type": "BarClustered", "left": 400.0, "top": 15.0,
                               "width": 600.0, "height": 300.0}]
    actions = script_call(lite, "refresh_release", payload)
    kinds = [action["func"] for action in actions]
    assert "addChart" not in kinds
    position = kinds.index("setChartSourceData")
    assert actions[position - 1]["args"] == [0, "ColumnClustered"]  # setChartType, on the first chart
    assert actions[position]["args"][:2] == [0, "Charts"]


# --- bad data and warnings ------------------------------------------------------------------------------------

def test_bad_data_gives_one_alert_with_every_problem_and_writes_nothing(lite, payload, input_workbook, tmp_path,
                                                                       capsys):
    bad = json.loads(json.dumps(payload))
    data = next(sheet for sheet in bad["sheets"] if sheet["name"] == "Data")
    header = data["values"][0]
    data["values"][2][header.index("people")] = "abc"  # sheet row 3
    data["values"][8][header.index("region")] = "Atlantis"  # sheet row 9
    actions = script_call(lite, "refresh_release", bad)
    assert [action["func"] for action in actions] == ["alert"]
    prompt, title, _, mode, _ = actions[0]["args"]
    assert mode == "critical" and "problems" in title
    # the file door names the same problems in the same words
    path = tmp_path / "bad.xlsx"
    shutil.copyfile(input_workbook, path)
    workbook = openpyxl.load_workbook(path)
    workbook["Data"].cell(3, header.index("people") + 1).value = "abc"
    workbook["Data"].cell(9, header.index("region") + 1).value = "Atlantis"
    workbook.save(path)
    with pytest.raises(InputProblems) as error:
        refresh_workbook(path)
    assert prompt == error.value.report()
    assert "row 3" in prompt and "row 9" in prompt
    assert prompt in capsys.readouterr().out  # also in the add-in's Output pane


def test_a_missing_data_sheet_gives_one_alert(lite, payload):
    without = json.loads(json.dumps(payload))
    without["sheets"] = [sheet for sheet in without["sheets"] if sheet["name"] != "Data"]
    actions = script_call(lite, "refresh_release", without)
    assert [action["func"] for action in actions] == ["alert"]
    assert "'Data'" in actions[0]["args"][0]


def test_warnings_come_in_one_alert_after_the_writes(refreshed):
    actions, _ = refreshed
    alerts = [action for action in actions if action["func"] == "alert"]
    assert len(alerts) == 1 and actions[-1] is alerts[0]
    prompt, title, _, mode, _ = alerts[0]["args"]
    assert mode == "info" and "review" in title and prompt.strip()


# --- the custom functions answer as the COM UDFs --------------------------------------------------------------

@pytest.fixture(scope="module")
def udfs():
    with fresh_import("migrelease.udfs") as module:
        yield module


def _as_com(value):
    """A Lite argument as COM hands it over: ranges as tuples, error cells as COM's error codes."""
    from xlwings_harness import ERROR_CODES

    if isinstance(value, dict):
        return float(ERROR_CODES[value["basicValue"]])
    if isinstance(value, list):
        return com_range([[_as_com(cell) for cell in row] for row in value])
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _com_as_lite(cell):
    """What the Lite door must answer where COM answers `cell`."""
    if isinstance(cell, str) and cell.startswith("#VALUE!"):
        return VALUE_ERROR
    return cell


MEASURE_CASES = [
    ("MIG_CHANGE", 6197, 4922),
    ("MIG_BALANCE", 6197, 5000),
    ("MIG_SHARE", 25, 200),
    ("MIG_INTENSITY", 30, 1000, 3),
    ("MIG_INTENSITY", 30, 1000, None),
    ("MIG_CHANGE", [[110, 120, 130], [90, 100, 50]], [[100, 100, 100], [100, 0, None]]),
    ("MIG_SHARE", [[10, 20]], 200),
    ("MIG_BALANCE", [[1, 2]], [[1, 2, 3]]),
    ("MIG_CHANGE", [[None, "[x]", "abc", True]], [[100, 100, 100, 100]]),
    ("MIG_CHANGE", [[5, excel_error("#DIV/0!"), excel_error("#N/A")]], [[4, 4, 4]]),
    ("MIG_SHARE", 2.25, 100), ("MIG_SHARE", -2.25, 100),
    ("MIG_CHANGE", 4698, 4320),
]


@pytest.mark.parametrize("case", MEASURE_CASES, ids=lambda case: f"{case[0]}{case[1:]}")
def test_measures_answer_as_the_com_udfs_with_real_errors(lite, xw, udfs, case):
    name, *args = case
    com_args = [COM_MISSING if arg is None else _as_com(arg) for arg in args]
    expected = [[_com_as_lite(cell) for cell in row] for row in call_like_excel(getattr(udfs, name), *com_args)]
    assert function_call(lite, name, *args, version=xw.__version__) == expected


@pytest.mark.parametrize("table, period", [("Y_Ext_Arr", None), ("M_Int_Bal", None), ("Y_All_Bal", "2025-12"),
                                           ("Nonsense", None)])
def test_mig_table_answers_as_the_com_udf(lite, xw, udfs, sample_rows, table, period):
    expected = [[_com_as_lite(cell) for cell in row]
                for row in call_like_excel(udfs.MIG_TABLE, com_range(sample_rows), table,
                                           COM_MISSING if period is None else period)]
    assert function_call(lite, "MIG_TABLE", sample_rows, table, period, version=xw.__version__) == expected
    assert (len(expected) == 22) == (table != "Nonsense")


def test_mig_table_with_bad_data_gives_an_error_per_problem(lite, xw, udfs, sample_rows):
    rows = [list(row) for row in sample_rows]
    rows[2][rows[0].index("people")] = "abc"
    rows[4][rows[0].index("region")] = "Atlantis"
    com = call_like_excel(udfs.MIG_TABLE, com_range(rows), "Y_Ext_Arr")
    lite_answer = function_call(lite, "MIG_TABLE", rows, "Y_Ext_Arr", None, version=xw.__version__)
    assert len(com) >= 2 and lite_answer == [[VALUE_ERROR]] * len(com)


@pytest.mark.parametrize("lang", ["en", "ru", "kk", "xx", None])
def test_mig_keypoints_answers_as_the_com_udf(lite, xw, udfs, sample_rows, lang):
    expected = [[_com_as_lite(cell) for cell in row]
                for row in call_like_excel(udfs.MIG_KEYPOINTS, com_range(sample_rows), COM_MISSING,
                                           COM_MISSING if lang is None else lang)]
    assert function_call(lite, "MIG_KEYPOINTS", sample_rows, None, lang, version=xw.__version__) == expected


# --- what the add-in sees: main.py, requirements.txt, Pyodide ---------------------------------------------------

def test_main_py_gives_the_add_in_the_script_and_the_six_functions(xw, capsys, lite):
    from xlwings.server import custom_functions_meta, custom_scripts_meta

    assert cli.main(["lite-code", "--wheel-url", "https://example.org/migrelease-0.1.0-py3-none-any.whl"]) == 0
    files = re.split(r"^# --- (\S+) .*---$", capsys.readouterr().out, flags=re.M)[1:]
    files = dict(zip(files[::2], files[1::2]))
    assert list(files) == ["main.py", "requirements.txt"]
    main_py, requirements = files["main.py"], files["requirements.txt"]
    main = types.ModuleType("main")
    exec(main_py, main.__dict__)
    functions = {function["name"] for function in custom_functions_meta(main)["functions"]}
    assert functions == {"MIG_BALANCE", "MIG_SHARE", "MIG_CHANGE", "MIG_INTENSITY", "MIG_TABLE", "MIG_KEYPOINTS"}
    assert [script["function_name"] for script in custom_scripts_meta(main)] == ["refresh_release"]
    lines = [Requirement(line) for line in requirements.splitlines() if line.strip() and not line.startswith("#")]
    assert {line.name for line in lines} == {"xlwings", "migrelease"}
    assert next(line for line in lines if line.name == "migrelease").url.endswith("py3-none-any.whl")


def _pyodide_environment():
    environment = default_environment()
    environment.update(sys_platform="emscripten", platform_system="Emscripten", platform_machine="wasm32")
    return environment


# Packages xlwings Lite can install: Pyodide's own builds (pyodide-recipes 314: numpy, pandas, …) or pure-Python
# wheels on PyPI.
PYODIDE_BUILDS = {"numpy", "pandas"}
PURE_PYTHON = {"babel", "xlwings"}


def test_under_pyodide_migrelease_requires_only_what_lite_can_install():
    """The installed distribution's Requires-Dist: what micropip reads from the wheel."""
    requirements = [Requirement(text) for text in importlib.metadata.requires("migrelease")]
    requirements = [req for req in requirements if not (req.marker and "extra" in str(req.marker))]
    environment = _pyodide_environment()
    in_browser = {req.name.lower() for req in requirements if req.marker is None or req.marker.evaluate(environment)}
    assert in_browser <= PYODIDE_BUILDS | PURE_PYTHON
    everywhere = {req.name.lower() for req in requirements if req.marker is None or req.marker.evaluate()}
    assert {"python-calamine", "openpyxl", "matplotlib", "xlwings"} <= everywhere  # README command 1
    xlwings = [req for req in requirements if req.name == "xlwings" and req.marker and req.marker.evaluate()]
    assert xlwings and str(xlwings[0].specifier).startswith("==")  # the button's pin, off Pyodide only


def test_the_lite_door_imports_nothing_without_a_pyodide_build(tmp_path, xw, input_workbook):
    """In a fresh interpreter where the file door's and the Windows button's packages cannot be imported, the door
    imports, refreshes and computes."""
    payload_path = tmp_path / "payload.json"
    payload_path.write_text(json.dumps(payload_from_workbook(input_workbook, xw.__version__)), encoding="utf-8")
    script = textwrap.dedent(f"""
        import asyncio, json, os, sys
        for name in ("python_calamine", "openpyxl", "matplotlib", "lxml", "defusedxml", "xlsxwriter", "oletools",
                     "pythoncom", "pywintypes", "win32com", "xlwingslib"):
            sys.modules[name] = None
        os.environ["XLWINGS_LICENSE_KEY"] = "noncommercial"
        import xlwings as xw
        from xlwings.server import custom_scripts_call
        import migrelease.lite as lite
        book = xw.Book(json=json.loads(open({str(payload_path)!r}, encoding="utf-8").read()))
        book = asyncio.run(custom_scripts_call(lite, "refresh_release", typehint_to_value={{xw.Book: book}}))
        actions = book.json()["actions"]
        print("RESULT", sum(action["func"] == "setValues" for action in actions), lite.MIG_CHANGE(6197, 4922))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    _, writes, change = done.stdout.splitlines()[-1].split(maxsplit=2)
    assert int(writes) > 100 and change.strip() == "[[25.9]]"


"""The release workbook built from text sources (migrelease build-workbook, migrelease.build.workbook).

Judged by independent readers: zipfile for the package, oletools (read_vba_modules) for the VBA project,
openpyxl for sheets and code names, and headless LibreOffice through UNO for the button: it lists the modules,
reports the button's macro binding, and presses the button in a variant whose `xlwings` module is a stub.
"""

from __future__ import annotations

import inspect
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlwings

from migrelease.build.vbaproject import VbaModule, module_stream_text, read_vba_modules
from migrelease.build.workbook import (
    BUTTON_CAPTION,
    BUTTON_SHEET,
    REFRESH_MACRO,
    SHEET_CODE_NAMES,
    VBA_SOURCE_DIR,
    XLWINGS_CONF,
    XLWINGS_CONF_SHEET,
    build_workbook,
    release_vba_modules,
    sheet_code_names,
    udf_wrapper_module,
)

from libreoffice_uno import run_in_libreoffice

REPOSITORY = Path(__file__).resolve().parents[1]
COMMITTED = REPOSITORY / "workbook" / "migration_release.xlsm"
REFRESH_COMMAND = "import migrelease.macros; migrelease.macros.refresh()"
UDF_NAMES = {"MIG_BALANCE", "MIG_SHARE", "MIG_CHANGE", "MIG_INTENSITY", "MIG_TABLE", "MIG_KEYPOINTS"}
VOLATILE_PARTS = {"docProps/core.xml"}  # dates (fixed by the builder, changed by any later save)
VML = "xl/drawings/vmlDrawing1.vml"
RECORDED_CELL = "F12"  # where the stub RunPython writes its command


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "migrelease.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=REPOSITORY)


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The release workbook built into a temporary folder through the command line."""
    out = tmp_path_factory.mktemp("build") / "migration_release.xlsm"
    result = run_cli("build-workbook", "--out", out)
    assert result.returncode == 0, result.stderr
    assert f"Built {out}" in result.stdout
    return out


@pytest.fixture(scope="module")
def built_modules(built) -> dict[str, str]:
    return read_vba_modules(built)


# --- reproducible, and the committed file matches its sources --------------------------------------------------

def test_committed_workbook_matches_its_sources(built):
    assert COMMITTED.exists(), "workbook/migration_release.xlsm is missing: run `migrelease build-workbook`"
    ours, committed = members(built), members(COMMITTED)
    assert sorted(committed) == sorted(ours), "run `migrelease build-workbook` and commit the workbook"
    stale = [name for name in ours if name not in VOLATILE_PARTS and ours[name] != committed[name]]
    assert not stale, f"parts differ from a fresh build {stale}: run `migrelease build-workbook` and commit it"


def test_two_builds_are_byte_identical(built, tmp_path):
    again = build_workbook(tmp_path / "again.xlsm")
    assert again.read_bytes() == built.read_bytes()


# --- the VBA project -------------------------------------------------------------------------------------------

def test_olevba_reads_every_module_back_as_built(built, built_modules):
    """One document module per sheet (generated sheets included, as Excel keeps them), then the others."""
    code_names = sheet_code_names(built)
    assert set(SHEET_CODE_NAMES.values()) < set(code_names) and "Cover" in code_names
    expected = release_vba_modules(sheet_code_names=code_names)
    assert list(built_modules) == [module.name for module in expected]
    assert {"ThisWorkbook", *code_names, "Release", "xlwings", "Dictionary", "xlwings_udfs"} == set(built_modules)
    for module in expected:
        assert built_modules[module.name] == module_stream_text(module), module.name


def test_each_vba_source_file_equals_its_module_byte_for_byte(built_modules):
    sources = sorted(VBA_SOURCE_DIR.glob("*.bas"))
    assert [path.name for path in sources] == ["Release.bas"]
    for path in sources:
        data = path.read_bytes()
        assert data.startswith(f'Attribute VB_Name = "{path.stem}"\r\n'.encode())
        assert b"\n" not in data.replace(b"\r\n", b""), f"{path.name} must keep CRLF line endings"
        module = VbaModule(path.stem, "standard", data.decode("cp1252"))
        assert module_stream_text(module).encode("cp1252") == data
        assert built_modules[path.stem].encode("cp1252") == data


def test_refresh_release_calls_run_python_with_the_refresh_command(built_modules):
    release = built_modules["Release"]
    body = re.search(r"^Public Sub RefreshRelease\(\)\r\n(.*?)^End Sub", release, re.DOTALL | re.MULTILINE)
    assert body is not None
    assert body.group(1).strip() == f'RunPython "{REFRESH_COMMAND}"'
    assert re.search(r"^Public Function RunPython\(PythonCommand As String\)", built_modules["xlwings"],
                     re.MULTILINE)


def _wrapped_functions(module_text: str) -> dict[str, str]:
    return dict(re.findall(r"^Function (\w+)\((.*)\)\r$", module_text, re.MULTILINE))


def _expected_vba_arguments(function) -> str:
    return ", ".join(("Optional " if parameter.default is not inspect.Parameter.empty else "") + name
                     for name, parameter in inspect.signature(function).parameters.items())


def test_udf_wrappers_have_every_function_with_its_arguments(built_modules):
    import migrelease.udfs as udfs

    text = built_modules["xlwings_udfs"]
    assert text.startswith('Attribute VB_Name = "xlwings_udfs"\r\n')
    wrapped = _wrapped_functions(text)
    assert set(wrapped) == UDF_NAMES
    assert wrapped["MIG_CHANGE"] == "current, previous"
    assert wrapped["MIG_BALANCE"] == "arrivals, departures"
    for name, arguments in wrapped.items():
        assert arguments == _expected_vba_arguments(getattr(udfs, name)), name
        call_arguments = ", ".join(argument.removeprefix("Optional ") for argument in arguments.split(", "))
        assert (f'{name} = XLPy.CallUDF("migrelease.udfs", "{name}", Array({call_arguments}), ThisWorkbook, '
                "Application.Caller)") in text


STAND_IN_UDFS = '''
import xlwings as xw


@xw.func
@xw.arg("values", ndim=2, doc="a range")
def MIG_DEMO(values, scale=1):
    """A stand-in UDF."""
    return values


@xw.func(volatile=True)
def MIG_NOW(*parts):
    return len(parts)


def not_a_udf(x):
    return x
'''


def test_wrappers_come_from_xlwings_own_generator_and_leave_sys_modules_as_they_were(tmp_path, monkeypatch):
    (tmp_path / "standin_udfs.py").write_text(STAND_IN_UDFS)
    monkeypatch.syspath_prepend(str(tmp_path))
    before = set(sys.modules)
    no_op_func = xlwings.func
    module = udf_wrapper_module(("standin_udfs",))
    assert (module.name, module.kind) == ("xlwings_udfs", "standard")
    assert _wrapped_functions(module_stream_text(module)) == {"MIG_DEMO": "values, Optional scale",
                                                               "MIG_NOW": "ParamArray parts()"}
    assert "Application.Volatile" in module.source
    assert 'XLPy.CallUDF("standin_udfs", "MIG_DEMO", Array(values, scale), ThisWorkbook' in module.source
    # The stubs for pywin32, xlwings.udfs and the re-imported module are gone; xw.func is the no-op again.
    assert set(sys.modules) - before == set()
    assert xlwings.func is no_op_func
    if sys.platform != "win32":
        assert "pythoncom" not in sys.modules and "xlwings.udfs" not in sys.modules


def test_a_module_without_udfs_is_refused(tmp_path, monkeypatch):
    (tmp_path / "no_udfs.py").write_text("def plain(x):\n    return x\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ValueError, match="no xlwings functions"):
        udf_wrapper_module(("no_udfs",))


# --- sheets, code names, the button, xlwings.conf --------------------------------------------------------------

def test_workbook_sheets_code_names_and_settings(built):
    book = openpyxl.load_workbook(built, keep_vba=True)
    names = book.sheetnames
    assert names[0] == "Cover" and names[-5:] == ["Data", "Population", "Ethnicity", "Settings", "xlwings.conf"]
    assert book.code_name == "ThisWorkbook"
    for name, code_name in SHEET_CODE_NAMES.items():
        assert book[name].sheet_properties.codeName == code_name
    assert book.active.title == BUTTON_SHEET
    assert [sheet.title for sheet in book.worksheets if sheet.views.sheetView[0].tabSelected] == [BUTTON_SHEET]
    data = book["Data"]
    assert [cell.value for cell in data[1]] == ["period", "region", "flow", "direction", "people"]
    assert data["A2"].value == "2015" and data["A2"].number_format == "@" and data["E2"].value == 192
    assert data.tables["T_Data"].ref == f"A1:E{data.max_row}"
    assert "T_Population" in book["Population"].tables and "T_Ethnicity" in book["Ethnicity"].tables
    assert "T_Settings" in book["Settings"].tables


def test_xlwings_conf_sheet_is_what_xlwings_reads(built):
    sheet = openpyxl.load_workbook(built, keep_vba=True)[XLWINGS_CONF_SHEET]
    # xlwings' GetConfigFromSheet: keys from A1 down to the first empty cell, values in column B.
    rows = []
    for key, value in sheet.iter_rows(min_col=1, max_col=2, values_only=True):
        if key is None:
            break
        rows.append((key, value))
    assert rows == list(XLWINGS_CONF)
    settings = {key.upper(): value for key, value in rows}
    assert settings["UDF MODULES"] == "migrelease.udfs"
    assert settings["INTERPRETER_WIN"] is None  # blank: python from PATH
    xlwings_bas = (Path(xlwings.__file__).parent / "xlwings.bas").read_text("cp1252")
    for key in settings:  # every key is one xlwings 0.37's VBA module asks for
        assert f'GetConfig("{key}"' in xlwings_bas, key


def test_button_on_the_settings_sheet_is_bound_to_refresh_release(built):
    parts = members(built)
    vml = parts[VML].decode()
    assert f"<x:FmlaMacro>[0]!{REFRESH_MACRO}</x:FmlaMacro>" in vml and BUTTON_CAPTION in vml
    book = openpyxl.load_workbook(built, keep_vba=True)
    assert book[BUTTON_SHEET].legacy_drawing == VML
    assert [sheet.title for sheet in book.worksheets if sheet.legacy_drawing] == [BUTTON_SHEET]


def test_openpyxl_round_trip_and_cli_refresh_keep_the_vba_project_and_the_button(built, tmp_path):
    original = members(built)
    copy = tmp_path / "copy.xlsm"
    shutil.copyfile(built, copy)
    book = openpyxl.load_workbook(copy, keep_vba=True)
    book.save(copy)
    for step in ("openpyxl round trip", "migrelease refresh"):
        if step == "migrelease refresh":
            result = run_cli("refresh", copy)
            assert result.returncode == 0, result.stderr
        after = members(copy)
        assert after["xl/vbaProject.bin"] == original["xl/vbaProject.bin"], step
        assert after[VML] == original[VML], step
        reopened = openpyxl.load_workbook(copy, keep_vba=True)
        assert reopened[BUTTON_SHEET].legacy_drawing == VML, step
        assert reopened.code_name == "ThisWorkbook", step
        assert reopened["Settings"].sheet_properties.codeName == "SettingsSheet", step
    assert read_vba_modules(copy) == read_vba_modules(built)


# --- LibreOffice: the modules, the button's binding, and pressing it --------------------------------------------

LIST_MODULES_AND_BUTTON = r'''
library = document.BasicLibraries.getByName("VBAProject")
for name in library.getElementNames():
    print("module", name, library.getByName(name).splitlines()[0])
sheet = document.Sheets.getByName("Settings")
print("shapes", sheet.DrawPage.Count)
forms = sheet.DrawPage.Forms
for form_index in range(forms.Count):
    form = forms.getByIndex(form_index)
    for index in range(form.Count):
        control = form.getByIndex(index)
        print("button", control.ImplementationName, control.Label)
        for event in form.getScriptEvents(index):
            print("event", event.ListenerType, event.EventMethod, event.ScriptType, event.ScriptCode)
'''

BOUND_SCRIPT = f"vnd.sun.star.script:VBAProject.Release.{REFRESH_MACRO}?language=Basic&location=document"


def test_libreoffice_lists_the_modules_and_shows_the_button_bound_to_refresh_release(built, tmp_path):
    lines = run_in_libreoffice(built, LIST_MODULES_AND_BUTTON, tmp_path)
    modules = sorted(line for line in lines if line.startswith("module "))
    document_modules = ["ThisWorkbook", *sheet_code_names(built)]
    assert modules == sorted(
        [f"module {name} Rem Attribute VBA_ModuleType=VBADocumentModule" for name in document_modules]
        + [f"module {name} Rem Attribute VBA_ModuleType=VBAModule" for name in ("Release", "xlwings", "xlwings_udfs")]
        + ["module Dictionary Rem Attribute VBA_ModuleType=VBAClassModule"])
    assert "shapes 1" in lines
    assert f"button com.sun.star.form.OButtonModel {BUTTON_CAPTION}" in lines
    assert f"event XActionListener actionPerformed Script {BOUND_SCRIPT}" in lines


# LibreOffice Basic cannot compile xlwings' Dictionary class (nor run its standalone module: conditional
# compilation and Windows API declarations), and a module that does not compile stops every macro of the
# project. So this variant, built by the same builder, swaps both for a stub RunPython that records its command
# in a cell; Release and the generated xlwings_udfs module are the real ones.
STUB_XLWINGS = (
    'Attribute VB_Name = "xlwings"\r\n'
    "Option Explicit\r\n"
    "' Test stand-in for xlwings' standalone module: records the command instead of running Python.\r\n"
    "Public Function RunPython(PythonCommand As String)\r\n"
    f'    ThisWorkbook.Worksheets("{BUTTON_SHEET}").Range("{RECORDED_CELL}").Value = PythonCommand\r\n'
    "End Function\r\n"
    "\r\n"
    "Public Sub ImportPythonUDFs()\r\n"
    "End Sub\r\n"
)

PRESS_THE_BUTTON = r'''
controller = document.getCurrentController()
sheet = document.Sheets.getByName("Settings")
print("active", controller.getActiveSheet().Name)
print("before", repr(sheet.getCellRangeByName("CELL").String))
form = sheet.DrawPage.Forms.getByIndex(0)
button = controller.getControl(form.getByIndex(0))
actions = button.getAccessibleContext()
print("action", actions.getAccessibleActionDescription(0))
actions.doAccessibleAction(0)  # what a mouse click on the button does: fire its action event
print("after", repr(sheet.getCellRangeByName("CELL").String))
'''.replace("CELL", RECORDED_CELL)


def test_pressing_the_button_runs_refresh_release_which_calls_run_python(tmp_path):
    variant = build_workbook(tmp_path / "stub_variant.xlsm",
                             xlwings_modules=[VbaModule("xlwings", "standard", STUB_XLWINGS)])
    modules = read_vba_modules(variant)
    assert modules["xlwings"] == STUB_XLWINGS and "Dictionary" not in modules
    assert modules["Release"].encode("cp1252") == (VBA_SOURCE_DIR / "Release.bas").read_bytes()
    assert "MIG_CHANGE" in _wrapped_functions(modules["xlwings_udfs"])
    lines = run_in_libreoffice(variant, PRESS_THE_BUTTON, tmp_path / "office")
    assert lines == ["active Settings", "before ''", "action press", f"after {REFRESH_COMMAND!r}"]

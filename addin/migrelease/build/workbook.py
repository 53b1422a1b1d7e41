"""Build the release workbook (workbook/migration_release.xlsm) reproducibly from its text sources.

    vba/*.bas ───────────────┐
    xlwings' standalone      ├─► vbaProject.bin (migrelease.build.vbaproject)
    module + Dictionary      │
    migrelease.udfs ─► xlwings' own VBA wrapper generator ─► module xlwings_udfs
                                        │
    sample CSVs, Settings layout, ──► XlsxWriter: input sheets, Settings with the "Refresh release" button,
    xlwings.conf                       xlwings.conf sheet, code names, the VBA project
                                        │
                          refresh_workbook (the file door) writes every generated sheet, each with a code name
                                        │
                          the VBA project again, with a document module for every sheet's code name (as Excel
                          keeps them); normalised zip: fixed member order, dates and document properties

The refresh carries every part it does not own byte for byte (vbaProject.bin, the button's VML drawing, the input
sheets).  Building twice gives byte-identical files (with the same zlib).

The button sits on the Settings sheet, a sheet the builder owns and the refresh never rewrites (the generated
sheets, Cover first, are inserted before it); the workbook opens on that sheet.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import importlib.metadata
import io
import re
import sys
import tempfile
import types
import zipfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterator, Sequence


import xlsxwriter

from migrelease.build.pywin32_stubs import restoring_modules, stub_pywin32
from migrelease.build.vbaproject import VbaModule, build_vba_project, xlwings_vba_modules
from migrelease.engines.xlsxwriter_engine import XlsxWriterWriter, xlsxwriter_properties, xlsxwriter_table_style
from migrelease.filedoor.csv_source import read_csv_frame
from migrelease.filedoor.package import SourcePackage
from migrelease.filedoor.refresh import refresh_workbook
from migrelease.filedoor.surgery import code_name_of
from migrelease.filedoor.workbook_part import sheet_parts
from migrelease.model.facts import DATA, ETHNICITY, POPULATION, TableSpec
from migrelease.model.input_rows import sheet_rows
from migrelease.sheets.settings import SETTING_LANGUAGE, settings_sheet
from migrelease.sheets.theme import TABLE_STYLE, style

REPOSITORY = Path(__file__).resolve().parents[3]
VBA_SOURCE_DIR = REPOSITORY / "vba"
DEFAULT_OUT = Path("workbook/migration_release.xlsm")
WORKBOOK_NAME = "migration_release.xlsm"

UDF_MODULES = ("migrelease.udfs",)
UDF_WRAPPER_MODULE = "xlwings_udfs"  # the name xlwings' ImportPythonUDFs gives the module
REFRESH_MACRO = "RefreshRelease"
BUTTON_CAPTION = "Refresh release"
BUTTON_SHEET = "Settings"
BUTTON_CELL = "D4"
XLWINGS_CONF_SHEET = "xlwings.conf"
XLWINGS_VERSION = importlib.metadata.version("xlwings")  # the pinned one: its VBA module goes into the workbook

# Document properties and dates written into the package, fixed so that two builds are identical.
BUILD_DATE = dt.datetime(2026, 1, 1)
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
PROPERTIES = {
    "title": "The migration of the population of the Republic of Kazakhstan",
    "subject": "Statistical release workbook (built by migrelease build-workbook)",
    "author": "migrelease",
    "company": "Bureau of National Statistics",
    "comments": "Illustrative sample data, not official statistics. Press 'Refresh release' on the Settings sheet.",
    "created": BUILD_DATE,
}

# The xlwings.conf sheet as xlwings' GetConfigFromSheet reads it: keys in column A from A1 down (no header row;
# the first empty cell in column A ends the settings), values in column B; keys are matched case-insensitively.
# A blank value counts as set: blank Interpreter_Win falls back to the "Interpreter" setting, else `python`
# (RunPython) / `pythonw` (UDFs) found on PATH.
XLWINGS_CONF = (
    ("Interpreter_Win", None),
    ("Interpreter_Mac", None),
    ("PYTHONPATH", None),
    ("Conda Path", None),
    ("Conda Env", None),
    ("UDF Modules", ";".join(UDF_MODULES)),
    ("Debug UDFs", False),
    ("Use UDF Server", False),
    ("Show Console", False),
)
XLWINGS_CONF_NOTES = (
    "How to fill in these settings (xlwings reads them from cell A1 down; keep the keys in column A "
    "without gaps):",
    f"Interpreter_Win: full path of python.exe of the environment where migrelease and xlwings {XLWINGS_VERSION} are "
    r"installed, e.g. C:\Users\me\venvs\migrelease\Scripts\python.exe. Blank: python from PATH.",
    "Interpreter_Mac: the same for macOS (not supported by this release workbook).",
    "PYTHONPATH: extra folders for Python modules (blank: none needed when migrelease is pip-installed).",
    "Conda Path / Conda Env: only when Python comes from Anaconda/Miniconda, e.g. C:\\Users\\me\\miniconda3 "
    "and base.",
    "UDF Modules: the Python module with the worksheet functions (MIG_BALANCE, MIG_SHARE, MIG_CHANGE, "
    "MIG_INTENSITY, MIG_TABLE, MIG_KEYPOINTS). Do not change.",
    "Debug UDFs, Use UDF Server, Show Console: xlwings' troubleshooting switches; leave FALSE.",
)

# Code names (the VBA names of the sheets); the builder's sheets, in workbook order.
INPUT_SHEETS = ((DATA, "sample_data.csv", "DataSheet"),
                (POPULATION, "sample_population.csv", "PopulationSheet"),
                (ETHNICITY, "sample_ethnicity.csv", "EthnicitySheet"))
SHEET_CODE_NAMES = {**{spec.sheet: code_name for spec, _, code_name in INPUT_SHEETS},
                    BUTTON_SHEET: "SettingsSheet", XLWINGS_CONF_SHEET: "XlwingsConfSheet"}
WORKBOOK_CODE_NAME = "ThisWorkbook"
# Input columns kept as text so that periods such as 2026-03 are never turned into dates or numbers.
TEXT_COLUMNS = {"period"}

_TEXT_FORMAT = {"num_format": "@"}
_HEADER_FORMAT = xlsxwriter_properties(style("header"))
_TABLE_STYLE = xlsxwriter_table_style(TABLE_STYLE)


# --- VBA modules --------------------------------------------------------------------------------------

def vba_source_modules(directory: Path = VBA_SOURCE_DIR) -> list[VbaModule]:
    """The standard (.bas) and class (.cls) modules kept as text in vba/, by file name."""
    if not (directory / "Release.bas").is_file():
        raise FileNotFoundError(f"{directory / 'Release.bas'} is missing: build the workbook from a checkout of the "
                                "migrelease repository (the VBA sources are not part of the installed package)")
    modules = []
    for path in sorted(directory.glob("*.bas")) + sorted(directory.glob("*.cls")):
        text = path.read_bytes().decode("cp1252")
        declared = re.match(r'(?:VERSION 1\.0 CLASS\r?\n.*?\nEND\r?\n)?Attribute VB_Name = "([^"]+)"', text,
                            re.DOTALL)
        if declared is None:
            raise ValueError(f"{path}: a VBA source starts with Attribute VB_Name = \"...\"")
        modules.append(VbaModule(declared.group(1), "standard" if path.suffix == ".bas" else "class", text))
    return modules


_MISSING = object()


@contextlib.contextmanager
def real_xlwings_udfs() -> Iterator[types.ModuleType]:
    """xlwings.udfs with its real decorators, importable without pywin32; sys.modules is restored afterwards.

    On Linux/macOS `xw.func`, `xw.arg`, ... are no-ops; here they are the real ones (xlfunc, xlarg, ...), so a
    UDF module imported inside the block gets its `__xlfunc__` descriptions.
    """
    import xlwings

    with stub_pywin32():
        udfs = importlib.import_module("xlwings.udfs")
        decorators = {"func": udfs.xlfunc, "arg": udfs.xlarg, "ret": udfs.xlret, "sub": udfs.xlsub}
        previous = {name: getattr(xlwings, name, _MISSING) for name in decorators}
        for name, decorator in decorators.items():
            setattr(xlwings, name, decorator)
        try:
            yield udfs
        finally:
            for name, value in previous.items():
                if value is _MISSING:
                    delattr(xlwings, name)
                else:
                    setattr(xlwings, name, value)


@dataclass(frozen=True)
class _WorkbookName:
    """What generate_vba_wrapper asks of the workbook: its Name (".xlam" -> ActiveWorkbook, else ThisWorkbook)."""
    Name: str


def udf_wrapper_module(module_names: Sequence[str] = UDF_MODULES,
                       workbook_name: str = WORKBOOK_NAME) -> VbaModule:
    """The module xlwings_udfs exactly as xlwings' ImportPythonUDFs writes it, generated without Excel.

    The header lines are those of xlwings.udfs.import_udfs; the wrappers come from xlwings' own
    generate_vba_wrapper.  (ImportPythonUDFs in Excel also sets the Function Wizard's descriptions with
    Application.MacroOptions; that needs Excel and is not done here.)
    """
    with real_xlwings_udfs() as udfs, restoring_modules(tuple(module_names)):
        from xlwings.utils import VBAWriter

        text = io.StringIO()
        writer = VBAWriter(text)
        writer.writeln(f'Attribute VB_Name = "{UDF_WRAPPER_MODULE}"')
        writer.writeln("'Autogenerated code by xlwings - changes will be lost with next import!")
        writer.writeln("""#Const App = "Microsoft Excel" 'Adjust when using outside of Excel""")
        for module_name in module_names:
            sys.modules.pop(module_name, None)  # re-imported, so that its decorators are the real ones
            module = importlib.import_module(module_name)
            if not any(hasattr(getattr(module, name), "__xlfunc__") for name in dir(module)):
                raise ValueError(f"module {module_name} has no xlwings functions (@xw.func)")
            udfs.generate_vba_wrapper(module_name, module, text, _WorkbookName(workbook_name))
    return VbaModule(UDF_WRAPPER_MODULE, "standard", text.getvalue())


def document_modules(sheet_code_names: Sequence[str]) -> list[VbaModule]:
    """ThisWorkbook and one (empty) document module per sheet code name."""
    return [VbaModule(WORKBOOK_CODE_NAME, "document", ""),
            *(VbaModule(name, "document", "") for name in sheet_code_names)]


def release_vba_modules(xlwings_modules: Sequence[VbaModule] | None = None,
                        udf_modules: Sequence[str] = UDF_MODULES,
                        vba_dir: Path = VBA_SOURCE_DIR,
                        sheet_code_names: Sequence[str] = tuple(SHEET_CODE_NAMES.values())) -> list[VbaModule]:
    """Every module of the release workbook's VBA project, in project order: a document module for the workbook
    and for each sheet code name (as Excel keeps them), then the standard and class modules."""
    xlwings_modules = xlwings_vba_modules() if xlwings_modules is None else list(xlwings_modules)
    wrappers = [udf_wrapper_module(udf_modules)] if udf_modules else []
    return [*document_modules(list(sheet_code_names)), *vba_source_modules(vba_dir), *xlwings_modules, *wrappers]


# --- sheets -------------------------------------------------------------------------------------------

def _sample_rows(spec: TableSpec, file_name: str) -> list[list]:
    """The embedded sample, validated, as its input sheet shows it (without the header)."""
    source = Path(str(resources.files("migrelease").joinpath(f"data/{file_name}")))
    return sheet_rows(spec, read_csv_frame(source, spec))[1:]


def _write_input_sheet(workbook, spec: TableSpec, rows: list[list], formats) -> None:
    sheet = workbook.add_worksheet(spec.sheet)
    sheet.set_vba_name(SHEET_CODE_NAMES[spec.sheet])
    for column, name in enumerate(spec.column_names):
        text = name in TEXT_COLUMNS
        sheet.set_column(column, column, 16 if name in ("region", "ethnic_group") else 12,
                         formats["text"] if text else None)
        for row_number, row in enumerate(rows, start=1):
            value = row[column]
            if text:
                sheet.write_string(row_number, column, value, formats["text"])
            elif isinstance(value, int):
                sheet.write_number(row_number, column, value)
            else:
                sheet.write_string(row_number, column, value)
    sheet.add_table(0, 0, len(rows), len(spec.column_names) - 1, {
        "name": f"T_{spec.sheet}", "style": _TABLE_STYLE,
        "columns": [{"header": name, "header_format": formats["header"]} for name in spec.column_names],
    })
    sheet.freeze_panes(1, 0)


def _write_xlwings_conf(workbook, formats) -> None:
    sheet = workbook.add_worksheet(XLWINGS_CONF_SHEET)
    sheet.set_vba_name(SHEET_CODE_NAMES[XLWINGS_CONF_SHEET])
    sheet.set_column(0, 0, 18)
    sheet.set_column(1, 1, 60, formats["text"])
    for row, (key, value) in enumerate(XLWINGS_CONF):
        sheet.write_string(row, 0, key)
        if isinstance(value, bool):
            sheet.write_boolean(row, 1, value)
        elif value is None:
            sheet.write_blank(row, 1, None, formats["text"])
        else:
            sheet.write_string(row, 1, value, formats["text"])
    first_note = len(XLWINGS_CONF) + 2  # one empty row ends the settings
    for offset, text in enumerate(XLWINGS_CONF_NOTES):
        sheet.write_string(first_note + offset, 0, text, formats["subtitle" if offset == 0 else "info"])


def write_source_workbook(path: Path, vba_project: bytes, lang: str = "en") -> None:
    """The workbook before its first refresh: input sheets, Settings with the button, xlwings.conf, macros."""
    with tempfile.TemporaryDirectory() as scratch:
        bin_path = Path(scratch) / "vbaProject.bin"
        bin_path.write_bytes(vba_project)
        workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                                   "strings_to_urls": False})
        workbook.set_properties(PROPERTIES)
        workbook.add_vba_project(str(bin_path))
        workbook.set_vba_name(WORKBOOK_CODE_NAME)
        formats = {"text": workbook.add_format(_TEXT_FORMAT), "header": workbook.add_format(_HEADER_FORMAT),
                    "subtitle": workbook.add_format(xlsxwriter_properties(style("subtitle"))),
                    "info": workbook.add_format(xlsxwriter_properties(style("info")))}
        for spec, file_name, _ in INPUT_SHEETS:
            _write_input_sheet(workbook, spec, _sample_rows(spec, file_name), formats)
        XlsxWriterWriter(workbook).write([settings_sheet({SETTING_LANGUAGE: lang})])
        settings = workbook.get_worksheet_by_name(BUTTON_SHEET)
        settings.set_vba_name(SHEET_CODE_NAMES[BUTTON_SHEET])
        settings.insert_button(BUTTON_CELL, {"macro": REFRESH_MACRO, "caption": BUTTON_CAPTION,
                                             "width": 160, "height": 36})
        settings.activate()
        _write_xlwings_conf(workbook, formats)
        workbook.close()


# --- after the refresh ----------------------------------------------------------------------------------

def sheet_code_names(path: Path) -> list[str]:
    """The code name of every sheet of the workbook at `path`, in workbook order (the refresh gives each generated
    sheet one; the builder gives its own sheets theirs)."""
    with SourcePackage(path) as package:
        names = [code_name_of(package, part) for _, part in sheet_parts(package, package.main_part())]
    missing = [index for index, name in enumerate(names) if not name]
    if missing:
        raise ValueError(f"sheets at positions {missing} of {path} have no code name")
    return names


_CORE_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
_CONTENT_DEFAULT = re.compile(rb"<Default [^>]*/>")


def _sorted_content_defaults(content_types: bytes) -> bytes:
    """openpyxl writes the <Default Extension=...> entries in set order, which varies from run to run."""
    defaults = _CONTENT_DEFAULT.findall(content_types)
    ordered = iter(sorted(defaults))
    return _CONTENT_DEFAULT.sub(lambda match: next(ordered), content_types)


# XlsxWriter asks for a full recalculation on load and names Excel 2007's calculation engine; every formula of the
# release carries its value, so the built workbook names the engine of Excel 2019 and later (which then shows the
# stored values instead of recalculating: MIG_ formulas need the macros, which are off until Enable Content).
_CALCULATION = re.compile(rb"<calcPr\b[^>]*/>")
CALCULATION_PROPERTIES = b'<calcPr calcId="191029"/>'


def normalise_package(path: Path, vba_project: bytes | None = None) -> None:
    """Rewrite the .xlsm with a fixed member order, zip dates, modification date and content-type order, the
    calculation properties above, and `vba_project` as its VBA project when given."""
    with zipfile.ZipFile(path) as package:
        members = {info.filename: package.read(info) for info in package.infolist()}
    if vba_project is not None:
        members["xl/vbaProject.bin"] = vba_project
    members["xl/workbook.xml"] = _CALCULATION.sub(CALCULATION_PROPERTIES, members["xl/workbook.xml"], count=1)
    if "docProps/core.xml" in members:
        stamp = BUILD_DATE.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
        members["docProps/core.xml"] = _CORE_MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", members["docProps/core.xml"])
    members["[Content_Types].xml"] = _sorted_content_defaults(members["[Content_Types].xml"])
    first = ["[Content_Types].xml", "_rels/.rels"]
    order = [name for name in first if name in members] + sorted(name for name in members if name not in first)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name in order:
            info = zipfile.ZipInfo(name, _ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            package.writestr(info, members[name])
    path.write_bytes(buffer.getvalue())


# The release stamp of the shipped workbook: a fixed time, so two builds are byte-identical.
BUILD_STAMP_TIME = dt.datetime(2026, 5, 12, 14, 3, tzinfo=dt.timezone.utc)


def build_workbook(out: str | Path = DEFAULT_OUT, *, xlwings_modules: Sequence[VbaModule] | None = None,
                   udf_modules: Sequence[str] = UDF_MODULES, vba_dir: Path = VBA_SOURCE_DIR,
                   refresh: bool = True, lang: str = "en") -> Path:
    """Build the release workbook at `out` from the text sources, in `lang` (the Settings sheet's Language, so
    the button refreshes in it too); returns its path.

    xlwings_modules replaces xlwings' standalone module and Dictionary class (tests swap in a stub RunPython);
    udf_modules=() leaves out the xlwings_udfs wrappers; refresh=False stops before the generated sheets.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_name(f".~build-{out.name}")
    try:
        write_source_workbook(temporary, build_vba_project(release_vba_modules(xlwings_modules, udf_modules,
                                                                               vba_dir)), lang)
        if refresh:
            # keeps the active sheet: the workbook opens on the button's sheet; a fixed stamp time (two builds agree)
            refresh_workbook(temporary, now=BUILD_STAMP_TIME)
        # One document module per sheet, generated sheets included, as Excel keeps them.
        modules = release_vba_modules(xlwings_modules, udf_modules, vba_dir, sheet_code_names(temporary))
        normalise_package(temporary, build_vba_project(modules))
        temporary.replace(out)
    finally:
        temporary.unlink(missing_ok=True)
    return out

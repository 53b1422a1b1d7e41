"""The file door: refresh a release workbook file in place (no Excel needed), atomically.

Everything is read, validated and computed before the file is opened for writing; the new workbook is written
to a temporary file in the same folder, flushed to disk and renamed over the old one, so a failure at any
point leaves the old workbook byte-identical.
"""

from __future__ import annotations

import glob
import io
import os
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import openpyxl
from openpyxl.packaging.custom import StringProperty
from openpyxl.utils.exceptions import InvalidFileException

from migrelease.engines.openpyxl_engine import OpenpyxlWriter
from migrelease.filedoor.calamine_source import book_settings, open_for_reading, read_sheet_table
from migrelease.filedoor.chart_images import write_chart_pngs
from migrelease.filedoor.csv_source import read_csv_table
from migrelease.filedoor.package_splice import SheetCells, load_shell, sheet_cells_from_rows, splice
from migrelease.model.a1 import find_sheet
from migrelease.model.facts import DATA, ETHNICITY, POPULATION, validate_all
from migrelease.model.input_rows import sheet_rows
from migrelease.model.problems import InputProblems, Problem
from migrelease.release.compute import Release
from migrelease.sheets.plan import RefreshPlan, plan_refresh
from migrelease.sheets.settings import SETTINGS_SHEET, settings_sheet

INPUT_SPECS = (DATA, POPULATION, ETHNICITY)
MACRO_CONTENT_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
WORKBOOK_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
# A release workbook is a few MB; these limits refuse zip bombs before any XML is parsed.
MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200

Progress = Callable[[str], None]


def file_problem(path: Path, message: str) -> InputProblems:
    return InputProblems([Problem(f"file '{path.name}'", None, None, message)])


# A DTD is how XML entity expansion ("billion laughs") and external entities get in; Open Packaging forbids DTDs
# in a package's XML, so any part declaring one is refused before a parser (calamine, lxml, expat) sees it.
_DTD_MARKERS = tuple(marker.encode(encoding) for marker in ("<!DOCTYPE", "<!ENTITY")
                     for encoding in ("utf-8", "utf-16-le", "utf-16-be"))
_XML_PART_ENDINGS = (".xml", ".rels", ".vml")


def _declares_a_dtd(package: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    """Scan one XML part, streamed (sizes are checked first, and zipfile stops at the declared size)."""
    if not member.filename.lower().endswith(_XML_PART_ENDINGS):
        return False
    overlap = max(len(marker) for marker in _DTD_MARKERS)
    tail = b""
    with package.open(member) as part:
        while chunk := part.read(2**20):
            window = tail + chunk
            if any(marker in window for marker in _DTD_MARKERS):
                return True
            tail = window[-overlap:]
    return False


def check_workbook_file(path: Path, for_writing: bool = True) -> None:
    """Refuse what is not a safe, writable .xlsx/.xlsm before anything is read or computed."""
    if not path.exists():
        raise file_problem(path, "does not exist")
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise file_problem(path, "is not an .xlsm or .xlsx workbook")
    if not zipfile.is_zipfile(path):
        raise file_problem(path, "is not an Excel workbook (not a valid .xlsx/.xlsm package; is it corrupt?)")
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
            total = sum(member.file_size for member in members)
            if total > MAX_UNCOMPRESSED_BYTES:
                raise file_problem(path, f"unpacks to {total // 2**20} MB, more than a release workbook can be")
            for member in members:
                if member.file_size > 2**20 and member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1):
                    raise file_problem(path, f"part '{member.filename}' is compressed suspiciously well "
                                              f"({member.file_size // max(member.compress_size, 1)}:1): refused")
            names = {member.filename for member in members}
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                raise file_problem(path, "is not an Excel workbook (no workbook part inside)")
            content_types = package.read("[Content_Types].xml").decode("utf-8", "replace")
            for member in members:
                if _declares_a_dtd(package, member):
                    raise file_problem(path, f"part '{member.filename}' declares a DTD or XML entities "
                                              "(<!DOCTYPE>), which Excel never writes: refused")
    except zipfile.BadZipFile as error:
        raise file_problem(path, f"is corrupt ({error})") from None
    if path.suffix.lower() == ".xlsm" and MACRO_CONTENT_TYPE not in content_types:
        raise file_problem(path, "is named .xlsm but is not a macro-enabled workbook (an .xlsx renamed?); "
                                  "save it from Excel as 'Excel Macro-Enabled Workbook'")
    if path.suffix.lower() == ".xlsx" and MACRO_CONTENT_TYPE in content_types:
        raise file_problem(path, "is named .xlsx but holds macros; name it .xlsm")
    if for_writing:
        lock = path.with_name("~$" + path.name)
        if lock.exists():
            raise file_problem(path, f"is open in Excel (lock file '{lock.name}'); close it and try again")
        if not os.access(path.parent, os.W_OK) or not os.access(path, os.W_OK):
            raise file_problem(path, "cannot be written (read-only file or folder)")


@dataclass(frozen=True)
class ReleaseInputs:
    facts: object
    population: object | None
    ethnicity: object | None
    data_source: str
    settings: dict[str, str]


def read_inputs(workbook: Path | None, data_csv: Path | None = None) -> ReleaseInputs:
    """Every input of a release, read with one opening of the workbook: the data sheets and the Settings."""
    data_raw = population_raw = ethnicity_raw = None
    settings = {}
    if workbook is not None:
        book = open_for_reading(workbook)
        if data_csv is None:
            data_raw = read_sheet_table(book, DATA)
        population_raw = read_sheet_table(book, POPULATION, required=False)
        ethnicity_raw = read_sheet_table(book, ETHNICITY, required=False)
        settings = book_settings(book)
    if data_csv is not None:
        data_raw = read_csv_table(data_csv)
    facts, population, ethnicity = validate_all([(data_raw, DATA), (population_raw, POPULATION),
                                                  (ethnicity_raw, ETHNICITY)])
    return ReleaseInputs(facts, population, ethnicity, data_raw.source, settings)


def data_sheet_cells(facts) -> SheetCells:
    """The Data sheet's cells for validated facts (when the data comes from a CSV), written without openpyxl
    so that tens of thousands of rows cost no more than copying them."""
    return sheet_cells_from_rows(sheet_rows(DATA, facts))


TEMPORARY_PREFIX = ".~migrelease-"
STALE_TEMPORARY_SECONDS = 15 * 60  # a save takes seconds: an older temporary file is a killed refresh's


def _temporary_prefix(path: Path) -> str:
    return f"{TEMPORARY_PREFIX}{path.stem[:100]}-"  # the name stays within any file system's limit


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Delete the temporary files a killed refresh of `path` left in its folder (older than 15 minutes, so a
    refresh running right now is never disturbed); returns what was deleted."""
    removed = []
    now = time.time()
    for candidate in path.parent.glob(glob.escape(_temporary_prefix(path)) + "*" + glob.escape(path.suffix)):
        try:
            if now - candidate.stat().st_mtime > STALE_TEMPORARY_SECONDS:
                candidate.unlink()
                removed.append(candidate)
        except OSError:
            pass
    return removed


def save_atomically(workbook: openpyxl.Workbook, path: Path, sheet_cells: dict[str, SheetCells] | None = None
                    ) -> None:
    """Save to a temporary file beside `path`, flush it, rename it over `path`; `sheet_cells` are put back into
    the sheets whose cells openpyxl never loaded (see package_splice)."""
    remove_stale_temporaries(path)
    handle, temporary = tempfile.mkstemp(prefix=_temporary_prefix(path), suffix=path.suffix, dir=path.parent)
    os.close(handle)
    try:
        if sheet_cells:
            saved = io.BytesIO()
            workbook.save(saved)
            splice(saved.getvalue(), sheet_cells, temporary)
        else:
            workbook.save(temporary)
        with open(temporary, "rb") as written:
            os.fsync(written.fileno())
        os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    try:  # make the rename durable; Windows cannot open a folder (os.replace is enough there)
        directory = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(directory)
    except OSError:
        pass
    finally:
        os.close(directory)


PERIOD_PROPERTY = "migrelease period"  # custom document property: the reporting month of the last refresh
# What openpyxl raises for a package it cannot make sense of (a damaged zip, missing or malformed parts).
OPENPYXL_LOAD_ERRORS = (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, SyntaxError)


def stamp_period(workbook: openpyxl.Workbook, release: Release) -> None:
    """Record the refreshed reporting month (YYYY-MM) in the workbook's custom document properties."""
    properties = workbook.custom_doc_props
    for existing in [prop for prop in properties.props if prop.name == PERIOD_PROPERTY]:
        properties.props.remove(existing)
    properties.append(StringProperty(name=PERIOD_PROPERTY, value=f"{release.year}-{release.month:02d}"))


def stamped_period(workbook: openpyxl.Workbook) -> str | None:
    for prop in workbook.custom_doc_props.props:
        if prop.name == PERIOD_PROPERTY:
            return str(prop.value)
    return None


def ensure_settings_sheet(workbook: openpyxl.Workbook) -> bool:
    """Add a default Settings sheet at the end of a workbook that has none; True if added."""
    if find_sheet(workbook.sheetnames, SETTINGS_SHEET) is not None:
        return False
    OpenpyxlWriter(workbook).write([settings_sheet()], after=workbook.worksheets[-1])
    return True


def refresh_workbook(path: str | Path, data_csv: str | Path | None = None, period: str | None = None,
                     progress: Progress = lambda message: None, charts_dir: str | Path | None = None,
                     lang: str | None = None) -> RefreshPlan:
    """Refresh every generated sheet of the workbook at `path` in place, in `lang` (default: the Settings
    sheet's Language, else English); returns what was written."""
    path = Path(path)
    check_workbook_file(path)
    progress(f"reading {('file ' + Path(data_csv).name) if data_csv else 'sheet Data'}")
    inputs = read_inputs(path, Path(data_csv) if data_csv else None)
    progress("computing tables, key points and checks")
    plan = plan_refresh(inputs.facts, inputs.population, inputs.ethnicity, period, inputs.data_source,
                        inputs.settings, lang)
    progress("writing sheets")
    input_sheets = {spec.sheet for spec in INPUT_SPECS}
    shell, stash = load_shell(path, input_sheets | {layout.name for layout in plan.layouts})
    try:
        workbook = openpyxl.load_workbook(shell, keep_vba=path.suffix.lower() == ".xlsm", keep_links=True)
    except OPENPYXL_LOAD_ERRORS as error:
        raise file_problem(path, f"cannot be opened ({error})") from None
    kept_cells = {name: cells for name, cells in stash.items() if name.casefold() in
                  {sheet.casefold() for sheet in input_sheets}}
    if data_csv is not None:
        data_sheet = find_sheet(workbook.sheetnames, DATA.sheet) or workbook.create_sheet(DATA.sheet).title
        kept_cells[data_sheet] = data_sheet_cells(inputs.facts)
    OpenpyxlWriter(workbook).write(plan.layouts)
    ensure_settings_sheet(workbook)
    stamp_period(workbook, plan.release)
    progress("saving")
    save_atomically(workbook, path, kept_cells)
    if charts_dir is not None:
        progress("writing chart images")
        write_chart_pngs(plan.release, charts_dir)
    return plan

"""The file door: refresh a release workbook file in place (no Excel needed), atomically.

Everything is read, validated and computed before the file is opened for writing; the new workbook is written
to a temporary file in the same folder, flushed to disk and renamed over the old one, so a failure at any
point leaves the old workbook byte-identical.
"""

from __future__ import annotations

import codecs
import datetime as dt
import glob
import os
import posixpath
import stat
import tempfile
import time
import zipfile
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable

from lxml import etree
from openpyxl.utils.exceptions import InvalidFileException
from python_calamine import CalamineError, CalamineWorkbook

from migrelease.filedoor.calamine_source import book_settings, find_sheet_name, read_sheet_table
from migrelease.filedoor.calamine_source import sheet_rows as book_sheet_rows
from migrelease.filedoor.chart_images import write_chart_pngs
from migrelease.filedoor.csv_source import read_csv_table
from migrelease.filedoor.guard import FileIdentity, exclusive
from migrelease.filedoor.staging import check_target_folder, commit, staged
from migrelease.filedoor.input_package import input_package, shared_strings_size
from migrelease.filedoor.package import PackageError, SourcePackage, write_package
from migrelease.filedoor.surgery import DataReplacement, WorkbookRefresh
from migrelease.model.facts import DATA, ETHNICITY, POPULATION, validate_all
from migrelease.model.input_rows import sheet_rows
from migrelease.model.problems import InputProblems, Problem
from migrelease.release.compute import resolve_options
from migrelease.sheets.plan import RefreshPlan, plan_refresh
from migrelease.sheets.release_sheet import RELEASE_SHEET
from migrelease.sheets.settings import (SETTING_LANGUAGE, SETTING_NEXT_PUBLICATION, SETTING_PUBLICATION,
                                        SETTINGS_SHEET, created_settings, settings_sheet)

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
# in a package's XML, so any part declaring one is refused before a parser (calamine, lxml) sees it. XML allows a
# DTD only in the prolog, before the root element, so the prolog is all that is read: a part of any size costs a
# few bytes (a DOCTYPE after the root element is not a DTD but malformed XML, which every parser rejects).
_XML_PART_ENDINGS = (".xml", ".rels", ".vml")
# An encrypted .xlsx/.xlsm is not a zip but an OLE compound file holding an "EncryptedPackage" stream (MS-OFFCRYPTO).
_COMPOUND_FILE = bytes.fromhex("d0cf11e0a1b11ae1")
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_PROLOG_CHUNK = 4096


def _prolog_codec(start: bytes) -> str:
    if start.startswith((codecs.BOM_UTF16_LE, b"<\x00")):
        return "utf-16-le"
    if start.startswith((codecs.BOM_UTF16_BE, b"\x00<")):
        return "utf-16-be"
    return "utf-8"


def _declares_a_dtd(package: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    """Whether the part's prolog (what precedes its root element) holds a declaration (<!DOCTYPE ...>)."""
    if not member.filename.lower().endswith(_XML_PART_ENDINGS):
        return False
    with package.open(member) as part:
        first = part.read(_PROLOG_CHUNK)
        decoder = codecs.getincrementaldecoder(_prolog_codec(first))(errors="replace")
        text, position, exhausted = decoder.decode(first).lstrip("\ufeff"), 0, False
        while True:
            while position < len(text) and text[position].isspace():
                position += 1
            closing = "?>" if text.startswith("<?", position) else "-->" if text.startswith("<!--", position) else None
            if closing is not None:
                end = text.find(closing, position + 2)
                if end != -1:
                    position = end + len(closing)
                    continue
            elif exhausted or len(text) - position >= len("<!DOCTYPE"):
                return text.startswith("<!", position)  # the root element, or a declaration
            chunk = part.read(_PROLOG_CHUNK)
            exhausted = not chunk
            if exhausted and closing is not None:
                return False  # an unterminated comment: no declaration, and no parser will accept it
            text, position = text[position:] + decoder.decode(chunk, final=exhausted), 0


def check_workbook_file(path: Path, for_writing: bool = True) -> None:
    """Refuse what is not a safe, writable .xlsx/.xlsm before anything is read or computed."""
    if not path.exists():
        raise file_problem(path, "does not exist")
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise file_problem(path, "is not an .xlsm or .xlsx workbook")
    if not zipfile.is_zipfile(path):
        with open(path, "rb") as handle:
            compound = handle.read(len(_COMPOUND_FILE)) == _COMPOUND_FILE
        if compound and _ENCRYPTED_STREAM in path.read_bytes():
            raise file_problem(path, "is password-protected: remove the password and try again "
                                     "(Excel: File > Info > Protect Workbook > Encrypt with Password, clear it)")
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
            totals = _input_tables_with_totals(package)
    except zipfile.BadZipFile as error:
        raise file_problem(path, f"is corrupt ({error})") from None
    if totals:
        raise InputProblems([Problem(f"sheet '{sheet}'", None, None, f"its Excel table '{table}' has a totals row, "
                                     "which would be read as data: switch off the totals row (Table Design > "
                                     "Total Row)") for sheet, table in totals])
    if path.suffix.lower() == ".xlsm" and MACRO_CONTENT_TYPE not in content_types:
        raise file_problem(path, "is named .xlsm but is not a macro-enabled workbook (an .xlsx renamed?); "
                                  "save it from Excel as 'Excel Macro-Enabled Workbook'")
    if path.suffix.lower() == ".xlsx" and MACRO_CONTENT_TYPE in content_types:
        raise file_problem(path, "is named .xlsx but holds macros; name it .xlsm")
    if for_writing:
        for lock, program in ((path.with_name("~$" + path.name), "Excel"),
                              (path.with_name(f".~lock.{path.name}#"), "LibreOffice")):
            if lock.exists():
                raise file_problem(path, f"is open in {program} (lock file '{lock.name}'); close it and try again")
        # By its mode bits, not os.access: as root os.access says every file is writable.
        if not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            raise file_problem(path, "is read-only (its permissions forbid writing): make it writable and try again")
        if not os.access(path.parent, os.W_OK) or not os.access(path, os.W_OK):
            raise file_problem(path, "cannot be written (read-only file or folder)")


_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "p": "http://schemas.openxmlformats.org/package/2006/relationships"}


def _relationships(package: zipfile.ZipFile, part: str) -> dict[str, str]:
    """Relationship id -> target part path of `part` ({} when it has none)."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if rels not in package.namelist():
        return {}
    root = etree.fromstring(package.read(rels))
    return {rel.get("Id"): posixpath.normpath(posixpath.join(folder, rel.get("Target"))).lstrip("/")
            for rel in root.findall("p:Relationship", _NS) if rel.get("TargetMode") != "External"}


def _input_tables_with_totals(package: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet, table) for each Excel table with a totals row on an input sheet (Data, Population, Ethnicity)."""
    inputs = {spec.sheet.casefold() for spec in INPUT_SPECS}
    workbook = etree.fromstring(package.read("xl/workbook.xml"))
    targets = _relationships(package, "xl/workbook.xml")
    found = []
    for sheet in workbook.iterfind("m:sheets/m:sheet", _NS):
        name, part = sheet.get("name", ""), targets.get(sheet.get(f"{{{_NS['r']}}}id"))
        if name.casefold() not in inputs or part is None:
            continue
        for table_part in _relationships(package, part).values():
            if table_part.startswith("xl/tables/") and table_part in package.namelist():
                table = etree.fromstring(package.read(table_part))
                if int(table.get("totalsRowCount", "0") or 0) > 0:
                    found.append((name, table.get("displayName") or table.get("name") or "?"))
    return found


def formula_cells_without_value(path: Path, sheet_name: str) -> set[str]:
    """Cells ("E5") of the sheet holding a formula but no stored result — a file saved by a program that does not
    calculate (openpyxl, a script): every reader that does not recalculate sees them blank."""
    with zipfile.ZipFile(path) as package:
        workbook = etree.fromstring(package.read("xl/workbook.xml"))
        targets = _relationships(package, "xl/workbook.xml")
        part = next((targets.get(sheet.get(f"{{{_NS['r']}}}id")) for sheet in workbook.iterfind("m:sheets/m:sheet", _NS)
                     if sheet.get("name", "").casefold() == sheet_name.casefold()), None)
        if part is None or part not in package.namelist():
            return set()
        found = set()
        with package.open(part) as stream:
            for _, cell in etree.iterparse(stream, tag=f"{{{_NS['m']}}}c"):
                value = cell.find("m:v", _NS)
                if cell.find("m:f", _NS) is not None and (value is None or not (value.text or "").strip()):
                    found.add(cell.get("r"))
                cell.clear()
        return found


_FORMULA_WITHOUT_VALUE = ("is a formula with no computed value (the file was saved by a program that does not "
                          "calculate): open the workbook in Excel or LibreOffice and save it, or enter the value")


def explain_blank_formulas(path: Path, problems: list[Problem]) -> list[Problem]:
    """Problems where a 'blank' cell is really a formula without a stored value say so, and how to fix it."""
    blanks = {problem.source for problem in problems if problem.message == "is blank" and
              problem.source.startswith("sheet '") and problem.row is not None and problem.column}
    formulas = {source: formula_cells_without_value(path, source[len("sheet '"):-1]) for source in blanks}
    return [Problem(problem.source, problem.row, problem.column, _FORMULA_WITHOUT_VALUE)
            if problem.message == "is blank" and f"{str(problem.column).split(' ')[0]}{problem.row}"
            in formulas.get(problem.source, ()) else problem for problem in problems]


@dataclass(frozen=True)
class ReleaseInputs:
    facts: object
    population: object | None
    ethnicity: object | None
    data_source: str
    settings: dict[str, str]
    release_rows: list[list] | None = None  # the `_Release` sheet's rows (the stamp); None: no such sheet
    has_settings: bool = False  # the workbook has a Settings sheet (else a refresh creates one)


INPUT_SHEETS = (*(spec.sheet for spec in INPUT_SPECS), SETTINGS_SHEET, RELEASE_SHEET)


# Up to this size calamine reads the shared-string table itself; above it, only the items the input sheets use
# reach it (input_package), so that a user's sheet full of text costs no memory.
SLIM_SHARED_STRINGS_BYTES = 16 * 2**20


def open_for_reading(path: Path) -> CalamineWorkbook:
    """The reader over the workbook's input sheets."""
    try:
        with SourcePackage(path) as package:
            if shared_strings_size(package) > SLIM_SHARED_STRINGS_BYTES:
                return CalamineWorkbook.from_filelike(input_package(package, INPUT_SHEETS))
        return CalamineWorkbook.from_path(str(path))
    except zipfile.BadZipFile as error:
        raise file_problem(path, f"is corrupt ({error})") from None
    except (PackageError, etree.XMLSyntaxError, CalamineError, OSError) as error:
        raise file_problem(path, f"cannot be read as a workbook ({error})") from None


def read_inputs(workbook: Path | None, data_csv: Path | None = None) -> ReleaseInputs:
    """Every input of a release, read with one opening of the workbook: the data sheets and the Settings."""
    data_raw = population_raw = ethnicity_raw = None
    settings, release_rows, has_settings = {}, None, False
    if workbook is not None:
        book = open_for_reading(workbook)
        if data_csv is None:
            data_raw = read_sheet_table(book, DATA)
        population_raw = read_sheet_table(book, POPULATION, required=False)
        ethnicity_raw = read_sheet_table(book, ETHNICITY, required=False)
        settings = book_settings(book)
        has_settings = find_sheet_name(book, SETTINGS_SHEET) is not None
        name = find_sheet_name(book, RELEASE_SHEET)
        release_rows = None if name is None else book_sheet_rows(book, name)
    if data_csv is not None:
        data_raw = read_csv_table(data_csv)
    try:
        facts, population, ethnicity = validate_all([(data_raw, DATA), (population_raw, POPULATION),
                                                      (ethnicity_raw, ETHNICITY)])
    except InputProblems as error:
        if workbook is None:
            raise
        raise InputProblems(explain_blank_formulas(workbook, error.problems)) from None
    return ReleaseInputs(facts, population, ethnicity, data_raw.source, settings, release_rows, has_settings)


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


def _fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable; Windows cannot open a folder (os.replace is enough there)."""
    try:
        directory = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(directory)
    except OSError:
        pass
    finally:
        os.close(directory)


def write_beside(path: Path, write: Callable[[BinaryIO], None]) -> Path:
    """A temporary file in `path`'s folder holding what `write(stream)` wrote, flushed to disk; removed again if
    anything fails."""
    remove_stale_temporaries(path)
    handle, temporary = tempfile.mkstemp(prefix=_temporary_prefix(path), suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(handle, "w+b") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, path.stat().st_mode & 0o777)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return Path(temporary)


def replace_atomically(temporary: Path, path: Path, confirm_before_replace: Callable[[], None] | None = None
                       ) -> None:
    """Rename `temporary` over `path` (after `confirm_before_replace()`, which may refuse by raising: then the
    temporary file is removed and `path` is left as it was), and make the rename durable."""
    try:
        if confirm_before_replace is not None:
            confirm_before_replace()
        os.replace(temporary, path)
    except BaseException:
        if temporary.exists():
            temporary.unlink()
        raise
    _fsync_folder(path.parent)


def save_atomically(workbook, path: Path) -> None:
    """Save an openpyxl workbook (the public copy) the same atomic way."""
    replace_atomically(write_beside(path, workbook.save), path)


# What openpyxl raises for a package it cannot make sense of (a damaged zip, missing or malformed parts).
OPENPYXL_LOAD_ERRORS = (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, SyntaxError)


def read_date_option(text: str | None, option: str) -> str | None:
    """--published / --next: a date written DD.MM.YYYY, as the Settings sheet holds it."""
    if text is None:
        return None
    try:
        return dt.datetime.strptime(text.strip(), "%d.%m.%Y").strftime("%d.%m.%Y")
    except ValueError:
        raise InputProblems([Problem(f"option {option}", None, None,
                                     f"'{text}' is not a date written DD.MM.YYYY (e.g. 12.05.2026)")]) from None


def date_settings(published: str | None, next_publication: str | None) -> dict[str, str]:
    """The Settings the --published and --next options set (checked first)."""
    dates = {SETTING_PUBLICATION: read_date_option(published, "--published"),
             SETTING_NEXT_PUBLICATION: read_date_option(next_publication, "--next")}
    return {key: value for key, value in dates.items() if value is not None}


def with_settings(settings: dict[str, str], updates: dict[str, str]) -> dict[str, str]:
    """`settings` with `updates` written over the keys they name (case-insensitively)."""
    merged = {key: value for key, value in settings.items()
              if key.casefold() not in {name.casefold() for name in updates}}
    return {**merged, **updates}


def refresh_workbook(path: str | Path, data_csv: str | Path | None = None, period: str | None = None,
                     progress: Progress = lambda message: None, charts_dir: str | Path | None = None,
                     lang: str | None = None, *, missing_rows: str | None = None, allow_incomplete: bool = False,
                     published: str | None = None, next_publication: str | None = None,
                     now: dt.datetime | None = None, today: dt.date | None = None) -> RefreshPlan:
    """Refresh every generated sheet of the workbook at `path` in place, in `lang` (default: the Settings
    sheet's Language, else English); returns what was written.

    Only the generated sheets and what they own are written; every other part of the package is carried byte
    for byte (surgery.py). Holds the workbook's lock for the whole run, so refreshes of one file queue instead of
    mixing; confirms just before replacing it that the file is the one that was read. Everything that can fail —
    options, reading, validation, computation, the chart images — runs before the workbook is touched.
    """
    path = Path(path)
    check_workbook_file(path)
    dates = date_settings(published, next_publication)
    charts = Path(charts_dir) if charts_dir is not None else None
    if charts is not None:
        check_target_folder(charts, "--charts")
    with exclusive(path, on_wait=progress):
        identity = FileIdentity.of(path)
        progress(f"reading {('file ' + Path(data_csv).name) if data_csv else 'sheet Data'}")
        inputs = read_inputs(path, Path(data_csv) if data_csv else None)
        # Dates and a language asked for are written to the Settings sheet (so the button keeps them); the stamp
        # fingerprints the Settings the workbook will hold — a sheet created now holds its defaults and these.
        updates = {**dates, **({SETTING_LANGUAGE: lang} if lang else {})}
        settings = with_settings(inputs.settings if inputs.has_settings else created_settings(updates), updates)
        options = resolve_options(settings, missing_rows, allow_incomplete, today)
        progress("computing tables, key points and checks")
        plan = plan_refresh(inputs.facts, inputs.population, inputs.ethnicity, period, inputs.data_source,
                            settings, lang=lang, options=options, door="file", now=now)
        with (staged(charts) if charts is not None else nullcontext()) as chart_staging:
            if charts is not None:
                progress("drawing the charts")
                write_chart_pngs(plan.release, chart_staging)
            progress("writing sheets")
            data = DataReplacement(DATA.sheet, sheet_rows(DATA, inputs.facts)) if data_csv is not None else None
            try:
                with SourcePackage(path) as package:
                    changes = WorkbookRefresh(package, plan.layouts, created_once=(settings_sheet(updates),),
                                              data=data, settings_updates=updates).changes()
                    progress("saving")
                    # The source package is closed before the rename: Windows cannot replace an open file.
                    temporary = write_beside(path, lambda stream: write_package(package, stream, changes.replaced,
                                                                                changes.dropped, changes.added))
            except zipfile.BadZipFile as error:
                raise file_problem(path, f"is corrupt ({error})") from None
            except (PackageError, etree.XMLSyntaxError) as error:
                raise file_problem(path, f"cannot be opened ({error})") from None
            replace_atomically(temporary, path, confirm_before_replace=lambda: identity.confirm(path))
            if charts is not None:
                commit(chart_staging, charts)
    return plan

"""The file door: refresh a release workbook file in place (no Excel needed), atomically.

Everything is read, validated and computed before the file is opened for writing; the new workbook is written
to a temporary file in the same folder, flushed to disk and renamed over the old one, so a failure at any
point leaves the old workbook byte-identical.
"""

from __future__ import annotations

import codecs
import glob
import os
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable

from lxml import etree
from openpyxl.utils.exceptions import InvalidFileException
from python_calamine import CalamineError, CalamineWorkbook

from migrelease.filedoor.calamine_source import book_settings, read_sheet_table
from migrelease.filedoor.chart_images import write_chart_pngs
from migrelease.filedoor.csv_source import read_csv_table
from migrelease.filedoor.input_package import input_package, shared_strings_size
from migrelease.filedoor.package import PackageError, SourcePackage, write_package
from migrelease.filedoor.surgery import DataReplacement, WorkbookRefresh
from migrelease.model.facts import DATA, ETHNICITY, POPULATION, validate_all
from migrelease.model.input_rows import sheet_rows
from migrelease.model.problems import InputProblems, Problem
from migrelease.sheets.plan import RefreshPlan, plan_refresh
from migrelease.sheets.settings import SETTING_LANGUAGE, SETTINGS_SHEET, settings_sheet

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


INPUT_SHEETS = (*(spec.sheet for spec in INPUT_SPECS), SETTINGS_SHEET)


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


PERIOD_PROPERTY = "migrelease period"  # custom document property: the reporting month of the last refresh
# What openpyxl raises for a package it cannot make sense of (a damaged zip, missing or malformed parts).
OPENPYXL_LOAD_ERRORS = (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, SyntaxError)


def stamped_period(workbook) -> str | None:
    """The period stamped by the last refresh, read from an openpyxl workbook's custom properties."""
    for prop in workbook.custom_doc_props.props:
        if prop.name == PERIOD_PROPERTY:
            return str(prop.value)
    return None


def refresh_workbook(path: str | Path, data_csv: str | Path | None = None, period: str | None = None,
                     progress: Progress = lambda message: None, charts_dir: str | Path | None = None,
                     lang: str | None = None) -> RefreshPlan:
    """Refresh every generated sheet of the workbook at `path` in place, in `lang` (default: the Settings
    sheet's Language, else English); returns what was written.

    Only the generated sheets and what they own are written; every other part of the package is carried byte
    for byte (surgery.py). Nothing is written before every input is read, validated and checked.
    """
    path = Path(path)
    check_workbook_file(path)
    progress(f"reading {('file ' + Path(data_csv).name) if data_csv else 'sheet Data'}")
    inputs = read_inputs(path, Path(data_csv) if data_csv else None)
    progress("computing tables, key points and checks")
    plan = plan_refresh(inputs.facts, inputs.population, inputs.ethnicity, period, inputs.data_source,
                        inputs.settings, lang)
    progress("writing sheets")
    data = DataReplacement(DATA.sheet, sheet_rows(DATA, inputs.facts)) if data_csv is not None else None
    properties = {PERIOD_PROPERTY: f"{plan.release.year}-{plan.release.month:02d}"}
    try:
        with SourcePackage(path) as package:
            # A language asked for is written to the Settings sheet, so that the button keeps it.
            settings_updates = {SETTING_LANGUAGE: plan.lang} if lang else {}
            changes = WorkbookRefresh(package, plan.layouts, created_once=(settings_sheet(settings_updates),),
                                      data=data, properties=properties,
                                      settings_updates=settings_updates).changes()
            progress("saving")
            # The source package is closed before the rename: Windows cannot replace a file that is open.
            temporary = write_beside(path, lambda stream: write_package(package, stream, changes.replaced,
                                                                        changes.dropped, changes.added))
    except zipfile.BadZipFile as error:
        raise file_problem(path, f"is corrupt ({error})") from None
    except (PackageError, etree.XMLSyntaxError) as error:
        raise file_problem(path, f"cannot be opened ({error})") from None
    replace_atomically(temporary, path)
    if charts_dir is not None:
        progress("writing chart images")
        write_chart_pngs(plan.release, charts_dir)
    return plan

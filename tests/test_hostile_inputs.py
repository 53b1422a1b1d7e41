"""Bad and hostile input (issue 6): every run ends in a correct refresh or an `InputProblems` error whose every
problem names the sheet or file, and the row and column where they apply; the workbook is never changed.

Generated: hypothesis corrupts the Data / Population / Ethnicity sheets (cells as python-calamine returns them)
and the Data CSV (bytes: encodings, BOM, delimiters, line endings, quotes), and the validation layer is called
directly; a few generated cases also run end to end through `refresh_workbook`. Each case knows which rows it
corrupted and whether its corruptions are harmless (another spelling of the same value), so the oracle is
exact: harmless ones must give the clean tables, harmful ones must be reported on the corrupted rows only.

Hostile files: XML entity expansion ("billion laughs", external entities), zip bombs, sizes that lie, an .xlsx
posing as .xlsm and files that are not workbooks are refused with a clear error, the workbook unchanged.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import struct
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from python_calamine import CalamineWorkbook

import conftest
from conftest import SAMPLE_DATA, SAMPLE_ETHNICITY, SAMPLE_POPULATION
from migrelease.filedoor.csv_source import read_csv_table
from migrelease.model.facts import DATA, ETHNICITY, POPULATION, validate_all
from migrelease.model.a1 import column_letter
from migrelease.model.problems import InputProblems
from migrelease.model.regions import find_region
from migrelease.model.input_rows import raw_table_from_rows
from migrelease.filedoor.refresh import TEMPORARY_PREFIX, refresh_workbook

from issue6_workbooks import csv_rows, digest, macro_workbook, plain_workbook

SPECS = {"Data": DATA, "Population": POPULATION, "Ethnicity": ETHNICITY}
SAMPLES = {"Data": SAMPLE_DATA, "Population": SAMPLE_POPULATION, "Ethnicity": SAMPLE_ETHNICITY}
# A recent slice of each sample keeps every case fast (validation is linear in the rows).
BASE = {name: [rows[0], *[row for row in rows[1:] if str(row[0]).startswith("2026")]]
        for name, rows in ((name, csv_rows(path)) for name, path in SAMPLES.items())}
# Messages about a whole table: no row or column applies.
WHOLE_TABLE = ("has no data rows", "has no monthly rows", "has no rows for the period")


def count_case(name: str) -> None:
    conftest.GENERATED_CASES[name] = conftest.GENERATED_CASES.get(name, 0) + 1


def clean_tables() -> dict:
    raws = [raw_table_from_rows(name, BASE[name], spec) for name, spec in SPECS.items()]
    return dict(zip(SPECS, validate_all(list(zip(raws, SPECS.values())))))


CLEAN = clean_tables()

# --- the corruptions: (harmless, value) from the original value ----------------------------------------------


def _kato(name):
    return find_region(name).kato


HARMLESS = {
    "period": [lambda v: f" {v} ", lambda v: dt.datetime(int(v[:4]), int(v[5:]), 1) if "-" in v else int(v),
               lambda v: dt.date(int(v[:4]), int(v[5:]), 28) if "-" in v else float(v),
               lambda v: f"{v[:4]}-{int(v[5:])}" if "-" in v else v],
    "region": [str.upper, lambda v: f"  {v}  ", _kato, lambda v: int(_kato(v))],
    "flow": [str.upper, lambda v: f" {v.title()} "],
    "direction": [str.upper, lambda v: v + "s", lambda v: f"{v.title()}S "],
    "people": [float, str, lambda v: f" {v} "],
    "population": [float, str],
    "year": [float, str],
    "ethnic_group": [lambda v: f" {v} "],
}
BLANKS = ["", None, "   ", float("nan")]
HARMFUL = {
    "period": ["01.03.2026", "March 2026", "2026/03", "2026-13", "26-03", True, 2026.5, -2026, "1899", "2026-00"],
    "region": ["Atlantis", "999999999", "0", True, 1e300, "Abai region region", "=Abai region"],
    "flow": ["external", "CIS countries", 5, True, "@cis"],
    "direction": ["in", "both", "arival", 0],
    "people": [-1, -5.0, 12.5, "1 234", "12,5", "abc", 10 ** 20, 1e300, float("inf"), True, "1e3",
               dt.datetime(2026, 1, 1), "+5", "=5"],
    "population": [-1, 2 * 10 ** 9, 0.5, "n/a", False],
    "year": [1800, 2200, "twenty", 2025.5, "2026-01"],
    "ethnic_group": ["x" * 201],
}


@dataclass
class Case:
    """One corrupted sheet: its cells (header row first), which body rows were touched, and whether any
    corruption is harmful (must be reported) or only harmless (must give the clean table)."""
    name: str
    header: list
    body: list
    touched: list = field(default_factory=list)
    harmful: bool = False
    header_problem: bool = False
    junk_rows: int = 0  # title rows above the header (sheets only)
    trailing: int = 0  # blank rows after the data (harmless)

    def rows(self):
        junk = [["Migration data, typed by hand", None], [None]][: self.junk_rows]
        return [*junk, self.header, *self.body, *([["", None, "", "", ""]] * self.trailing)]


@st.composite
def corrupted_sheet(draw, name: str) -> Case:
    header, *body = (list(row) for row in BASE[name])
    case = Case(name, header, body, touched=[False] * len(body))
    spec = SPECS[name]
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["harmless", "harmful", "blank", "duplicate", "blank row", "extra column",
                                     "drop column", "rename header", "upper header", "swap columns",
                                     "junk rows", "trailing blanks"]))
        row = draw(st.integers(0, len(case.body) - 1))
        column = draw(st.integers(0, len(spec.columns) - 1))
        column_name = spec.columns[column].name
        position = case.header.index(column_name) if column_name in case.header else None
        if kind in ("harmless", "harmful", "blank") and position is not None and position < len(case.body[row]):
            original = case.body[row][position]
            if kind == "harmless":
                # only on a row still as clean: a harmless rewrite of a value already corrupted may not apply
                if case.touched[row] or not isinstance(original, (str, int)) or isinstance(original, bool) \
                        or original in ("", None):
                    continue
                case.body[row][position] = draw(st.sampled_from(HARMLESS[column_name]))(original)
            else:
                case.body[row][position] = draw(st.sampled_from(BLANKS if kind == "blank" else
                                                                HARMFUL[column_name]))
                case.harmful = True
            case.touched[row] = True
        elif kind == "duplicate":
            copy = list(case.body[row])
            at = draw(st.integers(0, len(case.body)))
            case.body.insert(at, copy)
            case.touched.insert(at, True)
            case.touched[row + (1 if at <= row else 0)] = True
            case.harmful = True
        elif kind == "blank row":
            at = draw(st.integers(1, len(case.body) - 1))
            case.body.insert(at, [None] * len(case.header))
            case.touched.insert(at, True)
            case.harmful = True
        elif kind == "extra column":
            case.header.append(draw(st.sampled_from(["comment", "Примечание", None, 42])))
            for cells in case.body:
                blank_row = all(cell in ("", None) for cell in cells)
                cells.append(None if blank_row else draw(st.sampled_from(["", "checked", 7, None])))
        elif kind in ("drop column", "rename header") and position is not None:
            if kind == "drop column":
                del case.header[position]
                for cells in case.body:
                    del cells[position:position + 1]
            else:
                case.header[position] = draw(st.sampled_from([column_name + "s", "people count", "", "?"]))
            case.harmful = case.header_problem = True
        elif kind == "upper header":
            case.header = [cell.upper() if isinstance(cell, str) else cell for cell in case.header]
        elif kind == "swap columns" and len(case.header) >= 2:  # a header dropped to one column has no pair
            a, b = draw(st.permutations(range(len(case.header))))[:2]
            for cells in (case.header, *case.body):
                cells.extend([None] * (len(case.header) - len(cells)))
                cells[a], cells[b] = cells[b], cells[a]
        elif kind == "junk rows":
            case.junk_rows = draw(st.integers(1, 2))
        elif kind == "trailing blanks":
            case.trailing = draw(st.integers(1, 3))
    return case


def check_problems(error: InputProblems, cases: dict[str, Case], first_rows: dict[str, int],
                   labels: dict[str, list | None]) -> None:
    """Every problem names a corrupted source, and the row and column where they apply, on a touched row."""
    assert error.problems
    failing = {name for name, case in cases.items() if case.harmful}
    sources = {problem.source for problem in error.problems}
    assert sources == {source_of(name, labels) for name in failing}, (sources, failing)
    for problem in error.problems:
        name = next(n for n in failing if source_of(n, labels) == problem.source)
        case = cases[name]
        if any(problem.message.startswith(text) for text in WHOLE_TABLE):
            continue
        assert problem.row is not None, problem
        if problem.message.startswith("has no header row"):  # every column name gone
            assert case.header_problem and problem.column is None, problem
            continue
        if "is missing from the header" in problem.message:
            assert case.header_problem and problem.row == first_rows[name] - 1
            assert problem.column in SPECS[name].column_names, problem
            continue
        offset = problem.row - first_rows[name]
        assert 0 <= offset < len(case.body) and case.touched[offset], (problem, offset)
        if problem.message.startswith(("duplicates row", "duplicates line", "is an empty line inside the data")):
            assert problem.column is None
            continue
        assert not case.header_problem, problem  # a broken header stops before the cells are read
        assert problem.column is not None, problem
        letters = labels[name]
        if letters is None:  # CSV: the column's name
            assert problem.column in SPECS[name].column_names, problem
        else:  # sheet: the column letter Excel shows, then the name found in the header there
            letter, column_name = re.fullmatch(r"([A-Z]+) \((\w+)\)", problem.column).groups()
            assert str(case.header[letters.index(letter)]).strip().casefold() == column_name, problem


def source_of(name: str, labels) -> str:
    return f"file '{name.lower()}.csv'" if labels.get(name, 0) is None else f"sheet '{name}'"


def equal_frames(found: pd.DataFrame, expected: pd.DataFrame) -> bool:
    return found.reset_index(drop=True)[list(expected.columns)].astype(str).equals(
        expected.reset_index(drop=True).astype(str))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_corrupted_input_sheets_are_reported_where_they_are_wrong(data):
    count_case("sheets")
    names = data.draw(st.lists(st.sampled_from(list(SPECS)), min_size=1, max_size=3, unique=True))
    cases = {name: data.draw(corrupted_sheet(name)) for name in names}
    raws, first_rows, labels, unreadable = {}, {}, {}, []
    for name in SPECS:
        case = cases.get(name)
        rows = case.rows() if case else BASE[name]
        try:
            raws[name] = raw_table_from_rows(name, rows, SPECS[name])
        except InputProblems as error:  # no header at all: that table stops here, the others go on
            unreadable.extend(error.problems)
            raws[name], first_rows[name], labels[name] = None, case.junk_rows + 2, []
            continue
        first_rows[name] = raws[name].first_row_number
        labels[name] = [column_letter(i + 1) for i in range(len(raws[name].header))]
        if case:
            assert first_rows[name] == case.junk_rows + 2
    try:
        results = validate_all([(raws[name], spec) for name, spec in SPECS.items()])
        if unreadable:
            raise InputProblems(unreadable)
    except InputProblems as error:
        if unreadable and error.problems != unreadable:
            error = InputProblems([*unreadable, *error.problems])
        assert any(case.harmful for case in cases.values()), error.report()
        check_problems(error, cases, first_rows, labels)
        count_case("sheets: refused")
        return
    assert not any(case.harmful for case in cases.values()), [n for n, c in cases.items() if c.harmful]
    count_case("sheets: accepted")
    for name, frame in zip(SPECS, results):
        assert equal_frames(frame, CLEAN[name]), name


# --- the CSV: text and bytes ---------------------------------------------------------------------------------


@st.composite
def corrupted_csv(draw) -> tuple[bytes, Case, int | None, str]:
    """The Data CSV's bytes, its Case, the line of an encoding/quote problem (None if there is none), and the
    file-level change made."""
    case = draw(corrupted_sheet("Data"))
    case.junk_rows = 0  # a CSV's header is its first line
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    stream = io.StringIO()
    writer = csv.writer(stream, delimiter=delimiter, lineterminator=ending,
                        quoting=quoting)
    as_text = [["" if cell is None or (isinstance(cell, float) and cell != cell) else
                cell.isoformat()[:10] if isinstance(cell, dt.date) else str(cell) for cell in row]
               for row in case.rows()]
    for row in as_text:
        writer.writerow(row)
    text = stream.getvalue()
    special = draw(st.sampled_from(["none", "none", "bom", "trailing blank lines", "cp1251", "utf-16",
                                    "latin-1", "unclosed quote", "wrong delimiter in the body"]))
    bad_line = None
    if special == "trailing blank lines":
        text += ending * 2
    if special == "unclosed quote":
        line = draw(st.integers(2, len(case.body) + 1))
        lines = text.split(ending)
        lines[line - 1] += delimiter + '"a note that goes on'
        text, bad_line = ending.join(lines), line
    if special == "wrong delimiter in the body":
        other = "," if delimiter != "," else ";"
        lines = text.split(ending)
        text = ending.join([lines[0], *(line.replace(delimiter, other) if line.strip(delimiter + '"') else line
                                         for line in lines[1:])])
        case.touched = [True] * len(case.body)
        case.harmful = True
    if special in ("cp1251", "latin-1"):
        line = draw(st.integers(2, len(case.body) + 1))
        lines = text.split(ending)
        lines[line - 1] += delimiter + ("Примечание" if special == "cp1251" else "Région")
        text = ending.join(lines)
        data = text.encode("cp1251" if special == "cp1251" else "latin-1", errors="replace")
        # The first line that is not UTF-8 (an extra column may have put Cyrillic in the header already).
        bad_line = next(number for number, chunk in enumerate(data.split(ending.encode()), start=1)
                        if not chunk.isascii())
    elif special == "utf-16":
        data, bad_line = text.encode("utf-16"), 1
    else:
        data = (b"\xef\xbb\xbf" if special == "bom" else b"") + text.encode("utf-8")
    return data, case, bad_line, special


def csv_case_is_harmful(case: Case) -> bool:
    """Judge the CSV's cells as text: a value harmless in a sheet (a date cell, a bool) may not be as text."""
    if case.harmful:
        return True
    header = [str(cell).strip().casefold() for cell in case.header]
    for row in case.body:
        for column in DATA.columns:
            value = row[header.index(column.name)] if header.index(column.name) < len(row) else None
            text = "" if value is None else value.isoformat()[:10] if isinstance(value, dt.date) else str(value)
            try:
                column.read(text)
            except ValueError:
                return True
    return False


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corrupted_csv())
def test_corrupted_csv_files_are_reported_where_they_are_wrong(tmp_path_factory, generated):
    count_case("csv")
    data, case, bad_line, special = generated
    path = tmp_path_factory.mktemp("csv", numbered=True) / "data.csv"
    path.write_bytes(data)
    try:
        raw = read_csv_table(path)
        frame = validate_all([(raw, DATA)])[0]
    except InputProblems as error:
        if bad_line is not None:  # an encoding or quoting problem: one problem, on its line
            assert [(p.source, p.row) for p in error.problems] == [("file 'data.csv'", bad_line)], error.report()
            count_case("csv: refused")
            return
        case.harmful = case.harmful or csv_case_is_harmful(case)
        assert case.harmful, error.report()
        check_problems(error, {"Data": case}, {"Data": 2}, {"Data": None})
        count_case("csv: refused")
        return
    count_case("csv: accepted")
    assert bad_line is None and special not in ("wrong delimiter in the body",), special
    assert not csv_case_is_harmful(case)
    assert equal_frames(frame, CLEAN["Data"])


# --- end to end: refresh_workbook on corrupted inputs --------------------------------------------------------


@pytest.fixture(scope="module")
def small_workbook(tmp_path_factory):
    return plain_workbook(tmp_path_factory.mktemp("e2e") / "release.xlsx", BASE["Data"])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(corrupted_sheet("Data"), st.booleans())
def test_refresh_with_corrupted_data_is_correct_or_refused_unchanged(small_workbook, tmp_path_factory, case,
                                                                     as_csv):
    count_case("refresh end to end")
    folder = tmp_path_factory.mktemp("case", numbered=True)
    path = folder / "release.xlsx"
    data_csv = None
    if as_csv:
        path.write_bytes(small_workbook.read_bytes())
        data_csv = folder / "data.csv"
        with open(data_csv, "w", newline="", encoding="utf-8") as handle:
            case.junk_rows = 0
            csv.writer(handle).writerows([["" if c is None or c != c else str(c) for c in row]
                                          for row in case.rows()])
    else:
        plain_workbook(path, case.rows())
    before = digest(path)
    try:
        # the small data has no 2025 to compare with: this test is about corrupted cells, not completeness
        refresh_workbook(path, data_csv=data_csv, allow_incomplete=True)
    except InputProblems as error:
        assert case.harmful or (as_csv and csv_case_is_harmful(case)), error.report()
        assert all(problem.source in ("sheet 'Data'", "file 'data.csv'") for problem in error.problems)
        assert all(problem.row is not None for problem in error.problems
                   if not problem.message.startswith(WHOLE_TABLE)), error.report()
        assert digest(path) == before
        assert not list(folder.glob(TEMPORARY_PREFIX + "*"))
        return
    assert not case.harmful
    book = openpyxl.load_workbook(path)
    assert book["Y_Ext_Arr"]["A7"].value == "Republic of Kazakhstan"


# --- hostile files -------------------------------------------------------------------------------------------

LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol0 "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10)) + "]>")
XXE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def rewrite_part(source: Path, target: Path, part: str, change) -> Path:
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in package.infolist():
            content = package.read(info.filename)
            if info.filename == part:
                content = change(content.decode("utf-8")).encode("utf-8")
            out.writestr(info.filename, content)
    return target


def with_doctype(doctype: str, entity: str):
    """Put `doctype` after the XML declaration and the entity in place of the first text value."""
    def change(xml: str) -> str:
        if xml.startswith("<?xml"):
            end = xml.index("?>") + 2
            xml = xml[:end] + doctype + xml[end:]
        else:
            xml = doctype + xml
        return re.sub(r"<t>[^<]*</t>", f"<t>{entity}</t>", xml, count=1)
    return change


def assert_refused_unchanged(path: Path, *expected: str) -> str:
    before = digest(path)
    started = time.perf_counter()
    with pytest.raises(InputProblems) as error:
        refresh_workbook(path)
    report = str(error.value)
    assert time.perf_counter() - started < 30, "refused, but only after expanding something"
    assert f"file '{path.name}'" in report or "sheet '" in report, report
    for text in expected:
        assert text in report, report
    assert digest(path) == before
    assert not list(path.parent.glob(TEMPORARY_PREFIX + "*"))
    return report


@pytest.fixture(scope="module")
def macro_base(tmp_path_factory):
    """An .xlsm written by XlsxWriter (shared strings), its inputs and a user sheet, never refreshed."""
    return macro_workbook(tmp_path_factory.mktemp("hostile") / "base.xlsm")


def test_openpyxl_reads_through_defusedxml():
    assert openpyxl.DEFUSEDXML is True


@pytest.mark.parametrize("part, doctype, entity", [
    ("xl/sharedStrings.xml", LAUGHS, "&lol9;"),
    ("xl/worksheets/sheet3.xml", LAUGHS, "&lol9;"),  # the Data sheet, read first (by calamine)
    ("xl/sharedStrings.xml", XXE, "&xxe;"),
    ("xl/worksheets/sheet2.xml", LAUGHS, "&lol9;"),  # the user's sheet: only openpyxl reads it
    ("xl/workbook.xml", LAUGHS, ""),
    ("xl/styles.xml", LAUGHS, ""),
])
def test_xml_entities_are_refused_not_expanded(macro_base, tmp_path, part, doctype, entity):
    path = tmp_path / "hostile.xlsm"
    with zipfile.ZipFile(macro_base) as package:
        if part.startswith("xl/worksheets/") and b"<t>" not in package.read(part):  # cells use shared strings
            entity = ""
    rewrite_part(macro_base, path, part, with_doctype(doctype, entity))
    report = assert_refused_unchanged(path, f"part '{part}' declares a DTD or XML entities (<!DOCTYPE>), which "
                                            "Excel never writes: refused")
    assert "root:" not in report  # the external entity was not read
    print(f"\n{part}: {report.splitlines()[-1].strip()}")


def test_calamine_and_openpyxl_do_not_expand_entities_either(macro_base, tmp_path):
    """Behind the DTD check, neither reader expands entities: calamine (quick-xml) refuses an undeclared
    entity, openpyxl reads worksheets through defusedxml and other parts through lxml without resolving."""
    path = rewrite_part(macro_base, tmp_path / "laughs.xlsm", "xl/sharedStrings.xml",
                        with_doctype(LAUGHS, "&lol9;"))
    started = time.perf_counter()
    with pytest.raises(Exception, match="entity"):
        CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Data").to_python()
    assert time.perf_counter() - started < 5
    worksheet = rewrite_part(macro_base, tmp_path / "sheet.xlsm", "xl/worksheets/sheet2.xml",
                             with_doctype(LAUGHS, ""))
    with pytest.raises(Exception):
        openpyxl.load_workbook(worksheet)
    from openpyxl.xml.functions import fromstring
    try:  # with lxml: parsed without resolving entities; without it defusedxml refuses them
        assert fromstring(LAUGHS + "<r>&lol3;</r>").text in (None, "")
    except Exception as error:
        assert "Entit" in type(error).__name__, error


def _forge_sizes(path: Path, part: str, size: int) -> None:
    """Write `size` as the uncompressed size of `part` in its local header and the central directory."""
    data = bytearray(path.read_bytes())
    name = part.encode()
    start = 0
    while (found := data.find(name, start)) >= 0:
        if data[found - 30:found - 26] == b"PK\x03\x04":
            struct.pack_into("<I", data, found - 30 + 22, size)
        elif data[found - 46:found - 42] == b"PK\x01\x02":
            struct.pack_into("<I", data, found - 46 + 24, size)
        start = found + 1
    path.write_bytes(bytes(data))


def test_a_zip_bomb_is_refused_before_anything_is_unpacked(macro_base, tmp_path):
    path = tmp_path / "bomb.xlsm"
    padding = "<!--" + " " * (32 * 2**20) + "-->"  # 32 MB that compress to ~32 KB, in the user's small sheet
    rewrite_part(macro_base, path, "xl/worksheets/sheet2.xml", lambda xml: xml.replace("<sheetData>",
                                                                                       padding + "<sheetData>"))
    assert_refused_unchanged(path, "compressed suspiciously well", "refused")


def test_a_workbook_claiming_gigabytes_is_refused(macro_base, tmp_path):
    path = tmp_path / "huge.xlsm"
    path.write_bytes(macro_base.read_bytes())
    _forge_sizes(path, "xl/worksheets/sheet2.xml", 3 * 2**30)
    assert_refused_unchanged(path, "unpacks to", "more than a release workbook can be")


def test_a_part_larger_than_it_claims_is_refused(macro_base, tmp_path):
    """Sizes that lie the other way (a small size declared, far more inside) are caught before anything is
    expanded: calamine, reading the Data sheet, stops at the declared size."""
    path = tmp_path / "liar.xlsm"
    padding = "<!--" + " " * (8 * 2**20) + "-->"
    rewrite_part(macro_base, path, "xl/worksheets/sheet3.xml", lambda xml: xml.replace("<sheetData>",
                                                                                       padding + "<sheetData>"))
    with zipfile.ZipFile(path) as package:
        compressed = package.getinfo("xl/worksheets/sheet3.xml").compress_size
    _forge_sizes(path, "xl/worksheets/sheet3.xml", 100 * compressed)
    assert_refused_unchanged(path, "sheet 'Data': cannot be read", "larger than its declared uncompressed size")


def test_an_xlsx_posing_as_xlsm_and_the_reverse_are_refused(macro_base, tmp_path):
    posing = plain_workbook(tmp_path / "plain.xlsx")
    renamed = tmp_path / "posing.xlsm"
    renamed.write_bytes(posing.read_bytes())
    assert_refused_unchanged(renamed, "is named .xlsm but is not a macro-enabled workbook")
    reverse = tmp_path / "macros.xlsx"
    reverse.write_bytes(macro_base.read_bytes())
    assert_refused_unchanged(reverse, "is named .xlsx but holds macros; name it .xlsm")


@pytest.mark.parametrize("name, content, expected", [
    ("empty.xlsx", b"", "not a valid .xlsx/.xlsm package"),
    ("text.xlsm", b"period,region,flow,direction,people\n", "not a valid .xlsx/.xlsm package"),
    ("legacy.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096, "not a valid .xlsx/.xlsm package"),
    ("pictures.xlsx", "zip of a picture", "no workbook part inside"),
    ("truncated.xlsm", "first half of a workbook", "not a valid .xlsx/.xlsm package"),
    ("data.csv", b"period,region,flow,direction,people\n", "is not an .xlsm or .xlsx workbook"),
])
def test_files_that_are_not_workbooks_are_refused(macro_base, tmp_path, name, content, expected):
    path = tmp_path / name
    if content == "zip of a picture":
        with zipfile.ZipFile(path, "w") as package:
            package.writestr("picture.png", b"\x89PNG\r\n\x1a\n")
    elif content == "first half of a workbook":
        path.write_bytes(macro_base.read_bytes()[: macro_base.stat().st_size // 2])
    else:
        path.write_bytes(content)
    assert_refused_unchanged(path, expected)


@pytest.mark.parametrize("part, sheet", [("xl/worksheets/sheet3.xml", "Data"),
                                         ("xl/worksheets/sheet4.xml", "Population")])
def test_a_damaged_input_sheet_is_a_clear_error(macro_base, tmp_path, part, sheet):
    """XML inside a sheet that calamine cannot read (an undefined entity) is reported against that sheet."""
    path = tmp_path / "damaged.xlsm"
    rewrite_part(macro_base, path, part, lambda xml: re.sub(r't="s"><v>\d+</v>',
                                                            "t=\"inlineStr\"><is><t>&bogus;</t></is>", xml, count=1))
    assert_refused_unchanged(path, f"sheet '{sheet}': cannot be read (")

"""The file door owns its sheets and nothing else (issue 14).

A user's workbook holding what openpyxl used to lose (sparklines, x14 data bars and list validation, a text box,
rich text, a comment, an image, a chart, a LibreOffice pivot table, sheet protection, hidden and very hidden
sheets, formulas with stored values, VBA and a button), saved by an Excel-like writer, by LibreOffice and by
openpyxl, and each again with its zip members shuffled, is refreshed 20 times. After each refresh every part the
refresh does not own is the same bytes (compared member by member, and stored as it was); LibreOffice loads
every distinct result without a question and shows the user's sheets exactly as before and the generated sheets
as the layout says. The shipped, refreshed and published workbooks pass the Open XML SDK's rules (openxml-audit).
"""

from __future__ import annotations

import csv
import hashlib
import importlib.metadata
import re
import shutil
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlwings
from lxml import etree
from openxml_audit.validator import OpenXmlValidator

from migrelease.build.vbaproject import read_vba_modules
from migrelease.build.workbook import sheet_code_names
from migrelease.filedoor.package import SourcePackage, write_package
from migrelease.filedoor.refresh import refresh_workbook
from migrelease.filedoor.surgery import WorkbookRefresh
from migrelease.model.problems import InputProblems
from migrelease.publish.release_files import publish_workbook
from migrelease.sheets.blocks import Formula, Hyperlink

from filedoor_workbooks import (HIDDEN_SHEET, PIVOT_SHEET, USER_NAMES, USER_SHEET, VERY_HIDDEN_SHEET,
                                feature_workbook, libreoffice_workbook, openpyxl_workbook, read_back_in_libreoffice,
                                shuffled)
from issue6_workbooks import digest
from libreoffice_uno import run_in_libreoffice

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY / "bench"))
from stress_data import stress_rows  # noqa: E402  (bench/ is not a package)
COMMITTED = REPOSITORY / "workbook" / "migration_release.xlsm"
REFRESHES = 20
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "p": "http://schemas.openxmlformats.org/package/2006/relationships"}
# What a refresh may change besides its own sheets' parts (README, "What a refresh writes").
UPDATED_PARTS = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml",
                 "xl/calcChain.xml"}
STYLE_LISTS = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs")


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


def stored(path: Path) -> dict[str, tuple[int, int, int]]:
    with zipfile.ZipFile(path) as package:
        return {info.filename: (info.CRC, info.compress_size, info.compress_type) for info in package.infolist()}


def sheets_of(path: Path) -> list[dict]:
    """Each sheet of the workbook (independently of the refresh's code): name, sheetId, r:id, state, part and
    code name, in workbook order."""
    parts = members(path)
    workbook = etree.fromstring(parts["xl/workbook.xml"])
    rels = etree.fromstring(parts["xl/_rels/workbook.xml.rels"])
    targets = {rel.get("Id"): rel.get("Target") for rel in rels.iterfind("p:Relationship", NS)}
    found = []
    for sheet in workbook.iterfind("m:sheets/m:sheet", NS):
        target = targets[sheet.get(f"{{{NS['r']}}}id")]
        part = target.lstrip("/") if target.startswith("/") else "xl/" + target
        code = re.search(rb'<(?:\w+:)?sheetPr\b[^>]*codeName="([^"]*)"', parts[part][:4096])
        found.append({"name": sheet.get("name"), "sheetId": sheet.get("sheetId"),
                      "rid": sheet.get(f"{{{NS['r']}}}id"), "state": sheet.get("state", "visible"), "part": part,
                      "code": code.group(1).decode() if code else None})
    return found


# --- the user's workbooks, refreshed 20 times ----------------------------------------------------------------

@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("sources")
    excel = feature_workbook(folder / "excel.xlsm")
    excel_xlsx = feature_workbook(folder / "excel_plain.xlsx")
    saved = {"excel": excel,
             "libreoffice": libreoffice_workbook(excel_xlsx, folder / "libreoffice.xlsx", folder / "lo"),
             "openpyxl": openpyxl_workbook(excel_xlsx, folder / "openpyxl.xlsx")}
    for name, path in list(saved.items()):
        saved[f"{name} shuffled"] = shuffled(path, folder / f"{name}-shuffled{path.suffix}")
    return saved


PLANS = {}  # refreshed copy -> the plan its refresh wrote


@pytest.fixture(scope="module")
def refreshed(sources, tmp_path_factory) -> dict[str, list[Path]]:
    """A copy of each workbook after each of its 20 refreshes."""
    folder = tmp_path_factory.mktemp("refreshed")
    results = {}
    for name, source in sources.items():
        work = folder / f"{name}{source.suffix}"
        shutil.copyfile(source, work)
        results[name] = []
        for number in range(1, REFRESHES + 1):
            plan = refresh_workbook(work)
            copy = folder / f"{name}-{number}{source.suffix}"
            shutil.copyfile(work, copy)
            results[name].append(copy)
            PLANS[copy] = plan
    return results


KINDS = ["excel", "libreoffice", "openpyxl", "excel shuffled", "libreoffice shuffled", "openpyxl shuffled"]


def test_the_sources_hold_what_a_refresh_must_keep(sources):
    excel = members(sources["excel"])
    mine = excel["xl/worksheets/sheet1.xml"].decode()
    for feature in ("x14:sparklineGroup", "x14:dataBar", "iconSet", "x14:dataValidation", "<dataValidation ",
                    "sheetProtection", "<legacyDrawing", "<drawing"):
        assert feature in mine, feature
    assert "<f>SUM(A1:A10)</f><v>55</v>" in mine and "<v>total 55</v>" in mine
    drawing = excel["xl/drawings/drawing1.xml"].decode()
    assert "txBody" in drawing and "<xdr:pic>" in drawing and "graphicFrame" in drawing
    assert "xl/comments1.xml" in excel and "xl/media/image1.png" in excel and "xl/charts/chart1.xml" in excel
    assert "<r>" in excel["xl/sharedStrings.xml"].decode()  # the rich text
    assert "xl/vbaProject.bin" in excel
    states = {sheet["name"]: sheet["state"] for sheet in sheets_of(sources["excel"])}
    assert states[HIDDEN_SHEET] == "hidden" and states[VERY_HIDDEN_SHEET] == "veryHidden"
    libreoffice = members(sources["libreoffice"])
    assert any(name.startswith("xl/pivotTables/") for name in libreoffice)
    assert any(name.startswith("xl/pivotCache/") for name in libreoffice)
    for name in KINDS[3:]:
        original = sources[name.replace(" shuffled", "")]
        assert [info for info in members(sources[name])] != [info for info in members(original)]
        assert members(sources[name]) == members(original)


@pytest.mark.parametrize("kind", KINDS)
def test_every_part_the_refresh_does_not_own_is_kept_byte_for_byte(sources, refreshed, kind):
    original, original_stored = members(sources[kind]), stored(sources[kind])
    kept = [name for name in original if name not in UPDATED_PARTS]
    assert len(kept) > 10
    for number, path in enumerate(refreshed[kind], start=1):
        after, after_stored = members(path), stored(path)
        changed = [name for name in kept if after.get(name) != original[name]]
        assert changed == [], f"refresh {number}: {changed}"
        # carried as stored: the same compressed bytes, not decompressed and compressed again
        restored = [name for name in kept if after_stored[name] != original_stored[name]]
        assert restored == [], f"refresh {number}: {restored}"


@pytest.mark.parametrize("kind", KINDS)
def test_the_parts_a_refresh_updates_keep_what_the_user_made(sources, refreshed, kind):
    before = members(sources[kind])
    old_sheets = [sheet for sheet in sheets_of(sources[kind])]
    old_styles = etree.fromstring(before["xl/styles.xml"])
    old_names = {(name.get("name"), name.text) for name in
                 etree.fromstring(before["xl/workbook.xml"]).iterfind("m:definedNames/m:definedName", NS)}
    for path in (refreshed[kind][0], refreshed[kind][-1]):
        after = members(path)
        # styles.xml: only appended to; every existing entry where it was, as it was
        new_styles = etree.fromstring(after["xl/styles.xml"])
        for list_name in STYLE_LISTS:
            old_list, new_list = old_styles.find(f"m:{list_name}", NS), new_styles.find(f"m:{list_name}", NS)
            if old_list is None:
                continue
            old_entries, new_entries = list(old_list), list(new_list)
            assert [etree.tostring(e, method="c14n") for e in new_entries[:len(old_entries)]] == \
                   [etree.tostring(e, method="c14n") for e in old_entries], list_name
            if new_list.get("count") is not None:
                assert int(new_list.get("count")) == len(new_entries), list_name
        # the user's sheets: same names, ids, relationships, parts, states, code names, in the same order
        new_sheets = {sheet["name"]: sheet for sheet in sheets_of(path)}
        assert [new_sheets[sheet["name"]] for sheet in old_sheets] == old_sheets
        order = [sheet["name"] for sheet in sheets_of(path)]
        assert [name for name in order if name in {s["name"] for s in old_sheets}] == [s["name"] for s in old_sheets]
        # the user's defined names, each still pointing at its sheet
        workbook = etree.fromstring(after["xl/workbook.xml"])
        names = {(name.get("name"), name.text) for name in workbook.iterfind("m:definedNames/m:definedName", NS)}
        assert old_names <= names
        for name, reference in USER_NAMES.items():
            assert (name, reference[1:]) in names


@pytest.mark.parametrize("kind", KINDS)
def test_generated_sheets_are_rewritten_in_place_and_refreshes_are_idempotent(refreshed, kind):
    first = sheets_of(refreshed[kind][0])
    assert [sheet["name"] for sheet in first][:3] == ["Cover", "Contents", "Notes"]
    assert all(sheet["code"] for sheet in first if sheet["name"] in ("Cover", "Y_Ext_Arr", "Checks"))
    first_members = members(refreshed[kind][1])
    for path in refreshed[kind][1:]:
        assert sheets_of(path) == first  # same sheet, id, relationship, part, position and code name
        assert members(path) == first_members


def test_libreoffice_loads_every_result_and_shows_the_users_sheets_unchanged(sources, refreshed, tmp_path):
    """One LibreOffice reads the six originals and every distinct refreshed package (refreshes 2-20 of each are
    the same members, checked above): no repair or warning question, the user's sheets identical to the
    original's, the generated sheets holding the layout's values (formulas: their stored values)."""
    distinct: dict[str, Path] = {}
    for kind in KINDS:
        for path in refreshed[kind]:
            key = hashlib.sha256(b"".join(sorted(name.encode() + data for name, data in members(path).items())))
            distinct.setdefault(key.hexdigest(), path)
    paths = [sources[kind] for kind in KINDS] + list(distinct.values())
    reports = {report["file"]: report for report in read_back_in_libreoffice(paths, tmp_path / "lo")}
    for kind in KINDS:
        original = reports[str(sources[kind])]
        assert original["loaded"] and original["requests"] == [], original["requests"]
        original_sheets = {sheet["name"]: sheet for sheet in original["sheets"]}
        assert original_sheets[USER_SHEET]["protected"] and original_sheets[USER_SHEET]["charts"] == 1
        assert original_sheets[USER_SHEET]["comments"] == 1 and original_sheets[USER_SHEET]["shapes"] >= 3
        assert not original_sheets[HIDDEN_SHEET]["visible"] and not original_sheets[VERY_HIDDEN_SHEET]["visible"]
        if kind.startswith("libreoffice"):
            assert original_sheets[PIVOT_SHEET]["pivots"] == 1
        for path in (path for path in distinct.values() if path.name.startswith(kind.split()[0])):
            report = reports[str(path)]
            assert report["loaded"] and report["requests"] == [], (path.name, report["requests"])
            sheets = {sheet["name"]: sheet for sheet in report["sheets"]}
            for name, sheet in original_sheets.items():
                assert sheets[name] == sheet, (path.name, name)
            for name, layout in ((layout.name, layout) for layout in PLANS[path].layouts):
                values = sheets[name]["values"]
                for block in layout.blocks:
                    for r, row in enumerate(block.values):
                        for c, value in enumerate(row):
                            shown = values[block.row - 1 + r][block.column - 1 + c]
                            expected = value.value if isinstance(value, Formula) else \
                                value.text if isinstance(value, Hyperlink) else value
                            assert shown == ("" if expected is None else expected), (path.name, name, block.row + r,
                                                                                     block.column + c)


# --- generated sheets the user renamed, names that clash ----------------------------------------------------

def rename_sheet(path: Path, old: str, new: str) -> None:
    parts = members(path)
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(f'name="{old}"'.encode(), f'name="{new}"'.encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)


def test_a_renamed_generated_sheet_is_found_by_its_code_name_and_refused_clearly(tmp_path):
    path = shutil.copyfile(COMMITTED, tmp_path / "release.xlsm")
    rename_sheet(path, "Y_Ext_Arr", "Arrivals")
    before = digest(path)
    with pytest.raises(InputProblems) as refused:
        refresh_workbook(path)
    assert "sheet 'Arrivals': is the generated sheet 'Y_Ext_Arr' renamed (its code name is Y_Ext_Arr)" in \
        str(refused.value) and "rename it back to 'Y_Ext_Arr'" in str(refused.value)
    assert digest(path) == before


def test_a_user_table_with_a_generated_tables_name_is_refused_clearly(tmp_path):
    """The crash of issue 14 ("Table with name T_Checks already exists"): a user's copy of Checks, renamed, that
    lost its code name (as in a workbook built before code names) holds the table T_Checks."""
    path = shutil.copyfile(COMMITTED, tmp_path / "release.xlsm")
    parts = members(path)
    checks = next(sheet for sheet in sheets_of(path) if sheet["name"] == "Checks")
    parts[checks["part"]] = re.sub(rb'<sheetPr codeName="[^"]*"', b"<sheetPr", parts[checks["part"]])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    rename_sheet(path, "Checks", "My checks")
    before = digest(path)
    with pytest.raises(InputProblems) as refused:
        refresh_workbook(path)
    assert "sheet 'My checks': holds an Excel table named 'T_Checks', the name of a table the refresh writes on " \
           "sheet 'Checks'" in str(refused.value)
    assert digest(path) == before


# --- the shipped workbook: code names, VBA, what it opens on, cached values, validators ----------------------

def test_every_sheet_has_a_code_name_and_a_document_module(tmp_path):
    code_names = sheet_code_names(COMMITTED)
    modules = read_vba_modules(COMMITTED)
    # document modules are based on Excel's Workbook {00020819-...} or Worksheet {00020820-...} class
    documents = {name for name, text in modules.items() if re.search(r'VB_Base = "0\{0002(0819|0820)-', text)}
    assert len(code_names) == len(sheets_of(COMMITTED)) and len(set(code_names)) == len(code_names)
    assert documents == {"ThisWorkbook", *code_names}
    path = shutil.copyfile(COMMITTED, tmp_path / "release.xlsm")
    refresh_workbook(path)
    assert sheet_code_names(path) == code_names
    assert members(path)["xl/vbaProject.bin"] == members(COMMITTED)["xl/vbaProject.bin"]


def test_the_embedded_xlwings_module_is_the_pinned_versions_xlwings_bas():
    pin = re.search(r"\"xlwings==([0-9.]+)", (REPOSITORY / "pyproject.toml").read_text()).group(1)
    assert importlib.metadata.version("xlwings") == xlwings.__version__ == pin
    bas = (Path(xlwings.__file__).parent / "xlwings.bas").read_bytes().decode("cp1252")
    embedded = read_vba_modules(COMMITTED)["xlwings"]
    assert embedded.replace("\r\n", "\n") == bas.replace("\r\n", "\n")
    assert f"'Version: {pin}" in embedded and f'"xlwings64-{pin}.dll"' in embedded


def test_the_workbook_opens_on_settings_before_and_after_a_refresh(tmp_path):
    path = shutil.copyfile(COMMITTED, tmp_path / "release.xlsm")
    for step in ("built", "refreshed"):
        if step == "refreshed":
            refresh_workbook(path)
        parts = members(path)
        view = etree.fromstring(parts["xl/workbook.xml"]).find("m:bookViews/m:workbookView", NS)
        sheets = sheets_of(path)
        assert sheets[int(view.get("activeTab"))]["name"] == "Settings", step
        selected = [sheet["name"] for sheet in sheets if b'tabSelected="1"' in parts[sheet["part"]][:4096]]
        assert selected == ["Settings"], step


def test_every_formula_carries_its_value_and_no_full_recalculation_is_forced(tmp_path):
    path = shutil.copyfile(COMMITTED, tmp_path / "release.xlsm")
    refresh_workbook(path)
    parts = members(path)
    assert b"fullCalcOnLoad" not in parts["xl/workbook.xml"]
    formulas = 0
    for sheet in sheets_of(path):
        for cell in re.findall(rb"<c\b[^>]*>(?:(?!</c>).)*<f>(?:(?!</c>).)*</c>", parts[sheet["part"]], re.S):
            formulas += 1
            assert b"<v>" in cell, cell
    assert formulas >= 30  # Key indicators: 11 indicators and 20 regional balances


def test_a_user_formula_over_a_generated_sheet_makes_the_workbook_recalculate_on_opening(tmp_path):
    """Its stored value is the previous refresh's: Excel and LibreOffice must recalculate it on opening."""
    path = shutil.copyfile(COMMITTED, tmp_path / "release.xlsm")
    refresh_workbook(path)
    settings = next(sheet for sheet in sheets_of(path) if sheet["name"] == "Settings")
    parts = members(path)
    parts[settings["part"]] = parts[settings["part"]].replace(
        b"</sheetData>", b'<row r="40"><c r="A40"><f>Y_Ext_Arr!N7*2</f><v>1</v></c></row></sheetData>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    refresh_workbook(path)
    assert b'fullCalcOnLoad="1"' in members(path)["xl/workbook.xml"]


def audit_errors(path: Path) -> list[str]:
    result = OpenXmlValidator().validate(str(path))
    return [str(error) for error in result.errors if "error" in str(error.severity).lower()]


def test_openxml_audit_finds_no_error_in_the_shipped_refreshed_and_published_workbooks(tmp_path):
    assert audit_errors(COMMITTED) == []
    path = shutil.copyfile(COMMITTED, tmp_path / "release.xlsm")
    refresh_workbook(path, published="12.05.2026", next_publication="12.06.2026")
    assert audit_errors(path) == []
    published = publish_workbook(path, tmp_path / "public")
    assert audit_errors(Path(published.workbook)) == []


# --- the Data sheet after --data ------------------------------------------------------------------------------

SUM_OF_PEOPLE = r'''
sheets = document.Sheets
sheets.insertNewByName("Sum", sheets.Count)
cell = sheets.getByName("Sum").getCellByPosition(0, 0)
cell.setFormula("=SUM(T_Data[people])")
document.calculateAll()
print("sum", cell.getValue())
'''


def test_refresh_with_data_resizes_the_data_table(tmp_path):
    """issue 14: after --data with more rows, T_Data still ended at row 4001 and SUM(T_Data[people]) in
    LibreOffice missed most of the data."""
    rows = list(stress_rows(2020))
    data = tmp_path / "data.csv"
    with open(data, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["period", "region", "flow", "direction", "people"], *rows])
    path = shutil.copyfile(COMMITTED, tmp_path / "release.xlsm")
    refresh_workbook(path, data_csv=data)
    table = next(etree.fromstring(data_) for name, data_ in members(path).items()
                 if name.startswith("xl/tables/") and b'name="T_Data"' in data_)
    assert table.get("ref") == f"A1:E{len(rows) + 1}" and table.find("m:autoFilter", NS).get("ref") == table.get("ref")
    lines = run_in_libreoffice(path, SUM_OF_PEOPLE, tmp_path / "lo")
    assert f"sum {float(sum(row[-1] for row in rows))}" in lines


# --- values written into the user's Settings sheet ------------------------------------------------------------

def test_settings_values_are_written_into_the_users_sheet_and_nothing_else_changes(tmp_path):
    """(refresh --published/--next): the value cells of the named keys, a new key in a new row of T_Settings."""
    source = shutil.copyfile(COMMITTED, tmp_path / "source.xlsm")
    target = tmp_path / "target.xlsm"
    plan_source = shutil.copyfile(COMMITTED, tmp_path / "plan.xlsm")
    plan = refresh_workbook(plan_source)
    with SourcePackage(source) as package:
        changes = WorkbookRefresh(package, plan.layouts, settings_updates={
            "date of publication": "12.05.2026", "Reviewed by": "A. Statistician"}).changes()
        with open(target, "wb") as out:
            write_package(package, out, changes.replaced, changes.dropped, changes.added)
    book = openpyxl.load_workbook(target)
    settings = book["Settings"]
    rows = {settings.cell(row, 1).value: settings.cell(row, 2).value for row in range(1, settings.max_row + 1)}
    assert rows["Date of publication"] == "12.05.2026" and rows["Reviewed by"] == "A. Statistician"
    old = openpyxl.load_workbook(source)["Settings"]
    table = settings.tables["T_Settings"]
    assert table.ref.split(":")[0] == old.tables["T_Settings"].ref.split(":")[0]
    assert int(table.ref.split(":")[1][1:]) == settings.max_row == old.max_row + 1
    updated = next(row for row in range(1, old.max_row + 1) if old.cell(row, 1).value == "Date of publication")
    for row in old.iter_rows():
        for cell in row:
            if cell.coordinate != f"B{updated}":
                assert settings[cell.coordinate].value == cell.value, cell.coordinate
    assert settings[f"B{updated}"].number_format == old[f"B{updated}"].number_format  # the cell keeps its format

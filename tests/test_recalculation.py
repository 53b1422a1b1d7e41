"""Independent recalculation (issue 6): every formula of a refreshed workbook gives, when LibreOffice headless
recalculates the file, the value the refresh's Python measures give.

LibreOffice does not know the MIG_ functions (xlwings UDFs), so a copy of the refreshed workbook has each MIG_
call rewritten to the plain Excel expression it stands for (MIG_CHANGE(a,b) = ROUND((a/b-1)*100,1), ...);
plain formulas (=Y_Ext_Arr!N7) stay as they are. A "Recalc" sheet adds the same plain expressions over every
pair of dynamic-table cells, so rounding is compared on hundreds of figures, not only the key indicators.
LibreOffice runs with a fresh profile whose OOXMLRecalcMode is 0 (always recalculate on load) and saves the
file again; its cached values are then read with openpyxl. On CI (CI=true) a missing LibreOffice is a failure.
"""

from __future__ import annotations

import math
import re
import subprocess
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from migrelease.model import measures
from migrelease.model.a1 import column_letter
from migrelease.sheets.blocks import HEADER_ROW, NOT_AVAILABLE, Formula
from migrelease.filedoor.refresh import refresh_workbook

from conftest import SAMPLE_DATA, SAMPLE_ETHNICITY, SAMPLE_POPULATION, libreoffice_or_fail
from issue6_workbooks import csv_rows

PLAIN = {  # MIG_ function -> the plain Excel expression; "not available" is an empty text, as the UDFs give
    "MIG_BALANCE": "({0}-{1})",
    "MIG_CHANGE": 'IF(N({1})=0,"",ROUND(({0}/{1}-1)*100,1))',
    "MIG_SHARE": 'IF(N({1})=0,"",ROUND({0}/{1}*100,1))',
    "MIG_INTENSITY": 'IF(N({1})=0,"",ROUND({0}/{1}*1000*12/{2},1))',
}
PYTHON = {"MIG_BALANCE": measures.balance, "MIG_CHANGE": measures.change, "MIG_SHARE": measures.share,
          "MIG_INTENSITY": measures.intensity}
CALL = re.compile(r"^=(MIG_[A-Z]+)\((.*)\)$")
RATIO = re.compile(r'^=IFERROR\(ROUND\(([^/]+)/([^,]+),1\),""\)$')  # "increased N times": Excel's own ROUND
REFERENCE = re.compile(r"^(?:'?([^'!]+)'?!)?\$?([A-Z]+)\$?(\d+)$")
RECALC_ON_LOAD = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""


def plain(formula: str) -> str:
    match = CALL.match(formula)
    if not match:
        return formula
    return "=" + PLAIN[match.group(1)].format(*match.group(2).split(","))


def number(value) -> float:
    """A cell as the measures see it: numbers as they are; empty, [x] and text as not available."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return math.nan


def python_value(formula: str, sheet: str, book) -> float:
    """The formula evaluated with the release's Python measures over the refreshed cells."""
    def cell(reference: str) -> float:
        other, column, row = REFERENCE.match(reference.strip()).groups()
        return number(book[other or sheet][f"{column}{row}"].value)

    match = CALL.match(formula)
    if match:
        result = PYTHON[match.group(1)](*(cell(argument) for argument in match.group(2).split(",")))
        return float(result)
    ratio = RATIO.match(formula)
    if ratio:
        return float(measures.times(cell(ratio.group(1)), cell(ratio.group(2))))
    return cell(formula[1:])


def recalculated_by_libreoffice(path: Path, folder: Path) -> Path:
    soffice = libreoffice_or_fail()
    profile = folder / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC_ON_LOAD)
    out = folder / "out"
    result = subprocess.run([soffice, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
                             "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out),
                             str(path)], capture_output=True, text=True, timeout=300)
    converted = out / (path.stem + ".xlsx")
    assert result.returncode == 0 and converted.exists(), f"LibreOffice failed:\n{result.stdout}\n{result.stderr}"
    return converted


def same(found, expected: float) -> bool:
    if math.isnan(expected):  # not available: an empty text or an error value in LibreOffice
        return found in (None, "") or (isinstance(found, str) and found.startswith("#"))
    return isinstance(found, (int, float)) and abs(found - expected) < 1e-9


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory):
    import xlsxwriter

    folder = tmp_path_factory.mktemp("recalc")
    path = folder / "release.xlsx"
    book = xlsxwriter.Workbook(str(path))
    for name, sample in (("Data", SAMPLE_DATA), ("Population", SAMPLE_POPULATION), ("Ethnicity", SAMPLE_ETHNICITY)):
        sheet = book.add_worksheet(name)
        for r, row in enumerate(csv_rows(sample)):
            for c, value in enumerate(row):
                sheet.write_string(r, c, value) if isinstance(value, str) else sheet.write_number(r, c, value)
    book.close()
    plan = refresh_workbook(path)
    return folder, path, plan


def test_every_formula_recalculates_in_libreoffice_to_the_python_value(refreshed):
    folder, path, plan = refreshed
    release = plan.release
    libreoffice_or_fail()
    formulas = {(layout.name, f"{column_letter(block.column + c)}{block.row + r}"): value.text
                for layout in plan.layouts for block in layout.blocks
                for r, row in enumerate(block.values) for c, value in enumerate(row) if isinstance(value, Formula)}
    book = openpyxl.load_workbook(path)
    assert {key: book[key[0]][key[1]].value for key in formulas} == formulas  # the file holds the layout's
    expected = {key: python_value(text, key[0], book) for key, text in formulas.items()}

    # Recalc sheet: the plain form of MIG_CHANGE / MIG_SHARE / MIG_BALANCE over every dynamic-table cell pair.
    recalc = book.create_sheet("Recalc")
    extra = 0
    for code, table in release.tables.items():
        columns = len(table.columns)
        pairs = []
        if code.startswith("Y_") or code.startswith("M_"):
            for row in range(len(table.rows)):
                for column in range(1, columns):  # each period versus the one before it
                    pairs.append(("MIG_CHANGE", f"{code}!{column_letter(column + 2)}{HEADER_ROW + 1 + row}",
                                  f"{code}!{column_letter(column + 1)}{HEADER_ROW + 1 + row}"))
        if "_CIS_" in code:
            total = code.replace("_CIS_", "_Ext_")
            for row in range(len(table.rows)):
                for column in range(columns):
                    at = f"{column_letter(column + 2)}{HEADER_ROW + 1 + row}"
                    pairs.append(("MIG_SHARE", f"{code}!{at}", f"{total}!{at}"))
                    pairs.append(("MIG_BALANCE", f"{code}!{at}", f"{total}!{at}"))
        for function, a, b in pairs:
            extra += 1
            formula = f"={function}({a},{b})"
            recalc.cell(extra, 1, plain(formula))
            expected[("Recalc", f"A{extra}")] = python_value(formula, "Recalc", book)
    for (sheet, coordinate), text in formulas.items():
        book[sheet][coordinate].value = plain(text)
    copy = folder / "plain.xlsx"
    book.save(copy)

    values = openpyxl.load_workbook(recalculated_by_libreoffice(copy, folder), data_only=True)
    wrong = {key: (values[key[0]][key[1]].value, value) for key, value in expected.items()
             if not same(values[key[0]][key[1]].value, value)}
    compared = sum(1 for value in expected.values() if not math.isnan(value))
    print(f"\n{len(formulas)} layout formulas and {extra} plain MIG_ expressions recalculated by LibreOffice; "
          f"{compared} numbers compared, {len(expected) - compared} not available on both sides")
    assert not wrong, dict(list(wrong.items())[:20])
    assert compared > 500 and extra > 500


def test_the_key_indicators_equal_the_tables_they_quote(refreshed):
    """The plain formulas (=Y_Ext_Arr!N7) point at the country's figure the release computed."""
    _, path, plan = refreshed
    release = plan.release
    book = openpyxl.load_workbook(path)
    sheet = book["Key indicators"]
    arrivals = release.tables["Y_Ext_Arr"]
    column = arrivals.columns.index(release.span)
    assert sheet["B5"].value == f"=Y_Ext_Arr!{column_letter(column + 2)}{HEADER_ROW + 1}"
    assert python_value(sheet["B5"].value, sheet.title, book) == float(arrivals.values[0, column])
    current, previous = arrivals.values[0, column], arrivals.values[0, arrivals.columns.index(
        release.span.same_period_a_year_earlier())]
    assert python_value(sheet["B8"].value, sheet.title, book) == measures.change(current, previous)
    assert NOT_AVAILABLE not in {sheet[f"B{row}"].value for row in range(5, 16)}
    assert not np.isnan(current)

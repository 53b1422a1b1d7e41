"""Workbooks for the reliability, hostile-input, injection and recalculation suites (issue 6).

`macro_workbook(path)` builds, with XlsxWriter, a macro workbook like the one a statistician keeps: xlwings'
VBA project, a sheet with a button (a VML drawing), defined names, data validation, the user's own sheet with
formulas, formatting and column widths, and the Data / Population / Ethnicity input sheets from the samples.
"""

from __future__ import annotations

import csv
import hashlib
import zipfile
from pathlib import Path

import xlsxwriter
import xlwings

from conftest import SAMPLE_DATA, SAMPLE_ETHNICITY, SAMPLE_POPULATION

QUICKSTART = Path(xlwings.__file__).parent / "quickstart_standalone.xlsm"
BUTTON_SHEET = "Start"
USER_SHEET = "My notes"
USER_NAMES = {"Checker": f"='{USER_SHEET}'!$B$1", "Threshold": f"='{USER_SHEET}'!$B$3"}


def digest(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def quickstart_vba_project() -> bytes:
    with zipfile.ZipFile(QUICKSTART) as package:
        return package.read("xl/vbaProject.bin")


def csv_rows(path: Path) -> list[list]:
    """A sample CSV as sheet cells: whole numbers as numbers, the rest as text."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    return [rows[0], *([int(cell) if cell.isdigit() and i > 0 else cell for i, cell in enumerate(row)]
                       for row in rows[1:])]


def _write_rows(sheet, rows) -> None:
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str):
                sheet.write_string(r, c, value)  # periods such as 2015 stay text, as a user types them
            else:
                sheet.write(r, c, value)


def macro_workbook(path: Path, inputs: bool = True, data_rows: list[list] | None = None) -> Path:
    """An .xlsm with a VBA project, a button, names, validation, the user's sheet and (optionally) the inputs."""
    vba = path.with_suffix(".bin")
    vba.write_bytes(quickstart_vba_project())
    book = xlsxwriter.Workbook(str(path))
    book.add_vba_project(str(vba))
    book.set_vba_name("ThisWorkbook")
    start = book.add_worksheet(BUTTON_SHEET)
    start.set_vba_name("Sheet1")
    start.write("A1", "Refresh the release with the button")
    start.insert_button("B3", {"macro": "RefreshRelease", "caption": "Refresh", "width": 120, "height": 30})
    mine = book.add_worksheet(USER_SHEET)
    mine.set_vba_name("Sheet2")
    bold = book.add_format({"bold": True, "bg_color": "#FFF2CC", "num_format": "0.00"})
    mine.write_string("A1", "Checked by")
    mine.write_string("B1", "A. Statistician")
    mine.write_string("A2", "Sum")
    mine.write_formula("B2", "=SUM(C1:C3)*2", bold, 12)
    mine.write_string("A3", "Threshold")
    mine.write_number("B3", 50)
    for row, value in enumerate((1, 2, 3)):
        mine.write_number(row, 2, value)
    mine.write_formula("D1", "=Threshold/2", None, 25)
    mine.set_column("A:A", 42)
    mine.set_column("B:B", 17.5)
    mine.data_validation("B3", {"validate": "integer", "criteria": "between", "minimum": 0, "maximum": 100,
                                "input_title": "Threshold", "input_message": "0 to 100"})
    mine.data_validation("E1:E10", {"validate": "list", "source": ["yes", "no"]})
    for name, reference in USER_NAMES.items():
        book.define_name(name, reference)
    if inputs:
        for sheet_name, sample in (("Data", SAMPLE_DATA), ("Population", SAMPLE_POPULATION),
                                   ("Ethnicity", SAMPLE_ETHNICITY)):
            rows = data_rows if (sheet_name == "Data" and data_rows is not None) else csv_rows(sample)
            _write_rows(book.add_worksheet(sheet_name), rows)
    book.close()
    vba.unlink()
    return path


def plain_workbook(path: Path, rows: list[list] | None = None) -> Path:
    """A small .xlsx with only a Data sheet (the sample unless `rows` is given)."""
    # NaN/inf: error cells, as Excel has; a date gets a date format, as Excel gives a typed date (without one it
    # is a bare serial number, which the reader rightly refuses as a period)
    book = xlsxwriter.Workbook(str(path), {"nan_inf_to_errors": True, "default_date_format": "yyyy-mm-dd"})
    _write_rows(book.add_worksheet("Data"), rows if rows is not None else csv_rows(SAMPLE_DATA))
    book.close()
    return path


def part_bytes(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as package:
        return package.read(name)


def sheet_part(path: Path, sheet_name: str) -> str:
    """The zip part holding the sheet named `sheet_name` (via workbook.xml and its relationships)."""
    import re

    with zipfile.ZipFile(path) as package:
        workbook = package.read("xl/workbook.xml").decode()
        rels = package.read("xl/_rels/workbook.xml.rels").decode()
    for match in re.finditer(r"<sheet\b[^>]*>", workbook):
        tag = match.group(0)
        name = re.search(r'name="([^"]*)"', tag).group(1)
        if name == sheet_name.replace("&", "&amp;"):
            rid = re.search(r'r:id="([^"]*)"', tag).group(1)
            for rel in re.finditer(r"<Relationship\b[^>]*>", rels):
                if f'Id="{rid}"' in rel.group(0):
                    target = re.search(r'Target="([^"]*)"', rel.group(0)).group(1)
                    return target.lstrip("/") if target.startswith("/") else "xl/" + target
    raise KeyError(sheet_name)

import datetime as dt
import io
import re
import zipfile

import openpyxl
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table

from migrelease.filedoor.package_splice import load_shell, sheet_cells_from_rows, splice


def cells_and_styles(path, sheet):
    ws = openpyxl.load_workbook(path)[sheet]
    return {c.coordinate: (c.value, c.font.b, c.number_format) for row in ws.iter_rows() for c in row}


def test_spliced_sheet_equals_what_a_full_openpyxl_round_trip_keeps(tmp_path):
    source = tmp_path / "in.xlsx"
    book = openpyxl.Workbook()
    data = book.active
    data.title = "Data"
    data.append(["period", "region", "note & <remark>"])
    for i in range(200):
        data.append([dt.datetime(2026, 1 + i % 12, 1), f"region {i % 7}", i * 1.5])
    for cell in data[1]:
        cell.font = Font(bold=True)
    data["A2"].number_format = "yyyy-mm"
    data.add_table(Table(displayName="T_Data", ref="A1:C201"))
    validation = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
    validation.add("C2:C201")
    data.add_data_validation(validation)
    book.create_sheet("Other")["A1"] = "other"
    book.save(source)

    shell, stash = load_shell(source, {"data"})
    assert set(stash) == {"Data"} and b"<c " in stash["Data"].sheet_data
    shell_book = openpyxl.load_workbook(shell)
    assert shell_book["Data"].max_row == 1 and shell_book["Data"].tables["T_Data"].ref == "A1:C201"
    shell_book["Other"]["B1"] = "written by the refresh"
    saved = io.BytesIO()
    shell_book.save(saved)
    target = tmp_path / "out.xlsx"
    splice(saved.getvalue(), stash, target)

    assert cells_and_styles(target, "Data") == cells_and_styles(source, "Data")
    result = openpyxl.load_workbook(target)
    assert result["Other"]["B1"].value == "written by the refresh"
    assert str(result["Data"].data_validations.dataValidation[0].sqref) == "C2:C201"
    with zipfile.ZipFile(target) as package:
        assert re.search(rb'<dimension ref="A1:C201"\s*/>', package.read("xl/worksheets/sheet1.xml"))


def test_rows_become_inline_text_never_formulas(tmp_path):
    cells = sheet_cells_from_rows([["period", "people"], ["=1+1", 5], ["a<b", None]])
    book = openpyxl.Workbook()
    book.active.title = "Data"
    saved = io.BytesIO()
    book.save(saved)
    target = tmp_path / "rows.xlsx"
    splice(saved.getvalue(), {"Data": cells}, target)
    sheet = openpyxl.load_workbook(target)["Data"]
    assert sheet["A2"].value == "=1+1" and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == 5 and sheet["A3"].value == "a<b" and sheet["B3"].value is None

import hashlib
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlwings

from migrelease.model.tables import TABLE_SPECS

from conftest import SAMPLE_DATA

QUICKSTART = Path(xlwings.__file__).parent / "quickstart_standalone.xlsm"


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "migrelease.cli", *map(str, args)], capture_output=True, text=True)


def digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture
def user_workbook(tmp_path):
    path = tmp_path / "release.xlsx"
    book = openpyxl.Workbook()
    mine = book.active
    mine.title = "My notes"
    mine["A1"] = "checked by A. Statistician"
    mine["B2"] = "=1+2"
    mine["B2"].number_format = "0.00"
    mine.column_dimensions["A"].width = 42
    book.save(path)
    return path


def test_refresh_writes_every_table_and_key_points_and_keeps_the_user_sheet(user_workbook):
    result = run_cli("refresh", user_workbook, "--data", SAMPLE_DATA)
    assert result.returncode == 0, result.stderr
    assert "Refreshed" in result.stdout and "January–March 2026" in result.stdout
    book = openpyxl.load_workbook(user_workbook)
    for spec in TABLE_SPECS:
        sheet = book[spec.code]
        assert sheet["A1"].value.startswith(spec.title)
        assert sheet["A7"].value == "Republic of Kazakhstan"
    key_points = book["Key points"]
    assert key_points["B5"].value.startswith("In January–March 2026 the number of arrivals in the country "
                                             "amounted to 6197 people")
    assert book["Y_Ext_Arr"].cell(7, 14).value == 6197
    mine = book["My notes"]
    assert mine["A1"].value == "checked by A. Statistician" and mine["B2"].value == "=1+2"
    assert mine["B2"].number_format == "0.00" and mine.column_dimensions["A"].width == 42
    assert book["Data"].max_row == 1 + sum(1 for _ in open(SAMPLE_DATA)) - 1


def test_second_refresh_reads_the_data_sheet_and_gives_identical_cells(user_workbook):
    assert run_cli("refresh", user_workbook, "--data", SAMPLE_DATA).returncode == 0
    first = {(s.title, c.coordinate): c.value for s in openpyxl.load_workbook(user_workbook) for r in s.iter_rows()
             for c in r}
    assert run_cli("refresh", user_workbook).returncode == 0
    second = {(s.title, c.coordinate): c.value for s in openpyxl.load_workbook(user_workbook) for r in s.iter_rows()
              for c in r}
    refreshed_at = ("_Release", "B6")  # the stamp's time is the only cell that may differ
    assert first[refreshed_at] <= second[refreshed_at]
    assert {key: value for key, value in first.items() if key != refreshed_at} == \
        {key: value for key, value in second.items() if key != refreshed_at}


def test_refresh_keeps_a_vba_project_byte_identical(tmp_path):
    path = tmp_path / "macro.xlsm"
    shutil.copyfile(QUICKSTART, path)
    with zipfile.ZipFile(path) as package:
        vba_before = package.read("xl/vbaProject.bin")
    result = run_cli("refresh", path, "--data", SAMPLE_DATA)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(path) as package:
        assert package.read("xl/vbaProject.bin") == vba_before
    book = openpyxl.load_workbook(path, keep_vba=True)
    assert "Sheet1" in book.sheetnames and "Y_All_Arr" in book.sheetnames


@pytest.mark.parametrize("bad_cell, expected", [
    ("abc", "row 3, column E (people): 'abc' is not a whole number"),
    (-5, "row 3, column E (people): -5 is negative"),
    (None, "row 3, column E (people): is blank"),
])
def test_bad_data_leaves_the_workbook_byte_identical(user_workbook, bad_cell, expected):
    assert run_cli("refresh", user_workbook, "--data", SAMPLE_DATA).returncode == 0
    book = openpyxl.load_workbook(user_workbook)
    book["Data"]["E3"] = bad_cell
    book["Data"]["B9"] = "Atlantis"
    book.save(user_workbook)
    before = digest(user_workbook)
    result = run_cli("refresh", user_workbook)
    assert result.returncode == 2
    assert f"sheet 'Data', {expected}" in result.stderr
    assert "sheet 'Data', row 9, column B (region): 'Atlantis' is not one of the 20 regions" in result.stderr
    assert "2 problems found; nothing was written" in result.stderr
    assert digest(user_workbook) == before


def test_missing_data_sheet_corrupt_and_locked_files_are_clear_errors(user_workbook, tmp_path):
    before = digest(user_workbook)
    result = run_cli("refresh", user_workbook)
    assert result.returncode == 2 and "sheet 'Data': is missing" in result.stderr
    corrupt = tmp_path / "corrupt.xlsm"
    corrupt.write_bytes(b"PK\x03\x04 this is not a workbook")
    result = run_cli("refresh", corrupt)
    assert result.returncode == 2 and "file 'corrupt.xlsm'" in result.stderr and "not" in result.stderr
    posing = tmp_path / "posing.xlsm"
    shutil.copyfile(user_workbook, posing)
    result = run_cli("refresh", posing, "--data", SAMPLE_DATA)
    assert result.returncode == 2 and "not a macro-enabled workbook" in result.stderr
    (tmp_path / ("~$" + user_workbook.name)).write_text("lock")
    result = run_cli("refresh", user_workbook, "--data", SAMPLE_DATA)
    assert result.returncode == 2 and "is open in Excel" in result.stderr
    assert digest(user_workbook) == before


def test_keypoints_and_sample_commands(tmp_path):
    result = run_cli("keypoints", "--data", SAMPLE_DATA, "--period", "2026-02")
    assert result.returncode == 0 and result.stdout.startswith("In January–February 2026")
    out = tmp_path / "sample.csv"
    assert run_cli("sample", out).returncode == 0
    assert out.read_bytes() == SAMPLE_DATA.read_bytes()
    result = run_cli("keypoints", "--data", out, "--period", "2031-01")
    assert result.returncode == 2 and "has no rows for the period 2031-01" in result.stderr

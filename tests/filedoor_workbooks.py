"""Workbooks for the file door's suite (issue 14): a user's workbook holding what a refresh must never touch, saved
by the writers users have — an Excel-like writer (XlsxWriter, with Excel's x14 extensions), LibreOffice (which adds
a pivot table of its own), openpyxl — and the same packages with their zip members shuffled; plus a batch reader
that opens workbooks in headless LibreOffice through UNO and reports what it loaded.
"""

from __future__ import annotations

import io
import json
import random
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import openpyxl
import xlsxwriter

from issue6_workbooks import csv_rows, quickstart_vba_project
from libreoffice_uno import SYSTEM_PYTHON, _free_port, libreoffice_uno_or_fail, run_in_libreoffice

from conftest import SAMPLE_DATA, SAMPLE_ETHNICITY, SAMPLE_POPULATION

USER_SHEET = "My analysis"
LISTS_SHEET = "Lists"
HIDDEN_SHEET = "Hidden helper"
VERY_HIDDEN_SHEET = "Secret"
PIVOT_SHEET = "Pivot"
USER_NAMES = {"Threshold": f"='{USER_SHEET}'!$B$3", "Choices": f"={LISTS_SHEET}!$A$1:$A$3"}
# Excel writes a list validation whose source is on another sheet as an x14 extension; no library writes one, so
# it is put into the sheet as Excel would (after the x14 conditional formats, before the sparklines).
X14_VALIDATION = (
    '<ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    '<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
    '<x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1">'
    f"<x14:formula1><xm:f>{LISTS_SHEET}!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>G3</xm:sqref>"
    "</x14:dataValidation></x14:dataValidations></ext>")
SPARKLINES_EXT = '<ext xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" ' \
                 'uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}">'


def tiny_png() -> bytes:
    width = height = 4
    raw = b"".join(b"\x00" + b"\xff\x80\x00" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _write_rows(sheet, rows, first_row: int = 0) -> None:
    for r, row in enumerate(rows, start=first_row):
        for c, value in enumerate(row):
            sheet.write_string(r, c, value) if isinstance(value, str) else sheet.write_number(r, c, value)


def rewrite_member(path: Path, name: str, change) -> None:
    with zipfile.ZipFile(path) as package:
        members = [(info, package.read(info)) for info in package.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for info, data in members:
            package.writestr(info, change(data) if info.filename == name else data)


def feature_workbook(path: Path) -> Path:
    """The user's workbook, as an Excel-like writer saves it: .xlsm (xlwings' VBA project and a button) or
    .xlsx; a user sheet with sparklines, x14 data bars, an icon set, validation (x14 list from another sheet
    included), rich text, a comment, a text box, an image, a chart, sheet protection and formulas with stored
    values; a hidden and a very hidden sheet; defined names; the input sheets (Data as the table T_Data)."""
    macro = path.suffix == ".xlsm"
    book = xlsxwriter.Workbook(str(path))
    if macro:
        vba = path.with_suffix(".bin")
        vba.write_bytes(quickstart_vba_project())
        book.add_vba_project(str(vba))
        book.set_vba_name("ThisWorkbook")
    mine = book.add_worksheet(USER_SHEET)
    lists = book.add_worksheet(LISTS_SHEET)
    hidden = book.add_worksheet(HIDDEN_SHEET)
    secret = book.add_worksheet(VERY_HIDDEN_SHEET)
    bold = book.add_format({"bold": True, "bg_color": "#FFF2CC", "num_format": "0.00"})
    red = book.add_format({"color": "red", "italic": True})
    for row in range(10):
        mine.write_row(row, 0, [row + 1, (row * 7) % 5 + 1, (row * 3) % 4 + 2])
    mine.add_sparkline("E1", {"range": f"'{USER_SHEET}'!A1:C1", "type": "column"})
    mine.add_sparkline("E2", {"range": f"'{USER_SHEET}'!A2:C2", "markers": True})
    mine.conditional_format("B1:B10", {"type": "data_bar", "data_bar_2010": True, "bar_solid": True})
    mine.conditional_format("C1:C10", {"type": "icon_set", "icon_style": "3_arrows"})
    mine.data_validation("G1", {"validate": "list", "source": ["yes", "no", "maybe"]})
    mine.data_validation("G2", {"validate": "integer", "criteria": "between", "minimum": 0, "maximum": 10})
    mine.write_rich_string("A12", "plain ", bold, "bold ", red, "red italic")
    mine.write_comment("A1", "A note from the statistician")
    mine.insert_textbox("I2", "A text box the user drew", {"width": 200, "height": 60})
    mine.insert_image("I8", "dot.png", {"image_data": io.BytesIO(tiny_png())})
    mine.write_formula("A14", "=SUM(A1:A10)", bold, 55)
    mine.write_formula("B14", "=Data!E2*2", None, 384)
    mine.write_formula("C14", '="total "&A14', None, "total 55")
    chart = book.add_chart({"type": "column"})
    chart.add_series({"values": f"='{USER_SHEET}'!$A$1:$A$10", "categories": f"='{USER_SHEET}'!$B$1:$B$10"})
    mine.insert_chart("I14", chart)
    mine.set_column("A:A", 24)
    mine.protect("", {"format_columns": True})
    for row, item in enumerate(("yes", "no", "maybe")):
        lists.write_string(row, 0, item)
    hidden.write_string("A1", "a hidden helper")
    hidden.hide()
    secret.write_string("A1", "very hidden")
    secret.very_hidden()
    if macro:
        mine.insert_button("E5", {"macro": "RefreshRelease", "caption": "Refresh", "width": 120, "height": 30})
    for name, reference in USER_NAMES.items():
        book.define_name(name, reference)
    for name, sample in (("Data", SAMPLE_DATA), ("Population", SAMPLE_POPULATION), ("Ethnicity", SAMPLE_ETHNICITY)):
        rows = csv_rows(sample)
        sheet = book.add_worksheet(name)
        if name == "Data":  # an Excel table from A1 (the table writes its header row)
            _write_rows(sheet, rows[1:], first_row=1)
            sheet.add_table(0, 0, len(rows) - 1, len(rows[0]) - 1,
                            {"name": "T_Data", "columns": [{"header": header} for header in rows[0]]})
        else:
            _write_rows(sheet, rows)
    book.close()
    if macro:
        path.with_suffix(".bin").unlink()
    rewrite_member(path, "xl/worksheets/sheet1.xml",
                   lambda xml: xml.replace(SPARKLINES_EXT.encode(), X14_VALIDATION.encode() + SPARKLINES_EXT.encode()))
    return path


ADD_PIVOT = r'''
import os
from com.sun.star.table import CellAddress, CellRangeAddress
from com.sun.star.sheet.DataPilotFieldOrientation import ROW, DATA
from com.sun.star.sheet.GeneralFunction import SUM
sheets = document.Sheets
data = sheets.getByName("Data")
sheets.insertNewByName("%(pivot)s", sheets.Count)
pivot = sheets.getByName("%(pivot)s")
cursor = data.createCursor()
cursor.gotoEndOfUsedArea(False)
descriptor = pivot.getDataPilotTables().createDataPilotDescriptor()
descriptor.setSourceRange(CellRangeAddress(data.RangeAddress.Sheet, 0, 0, 4, cursor.RangeAddress.EndRow))
fields = descriptor.getDataPilotFields()
fields.getByIndex(2).Orientation = ROW
people = fields.getByIndex(4)
people.Orientation = DATA
people.Function = SUM
pivot.getDataPilotTables().insertNewByName("PeopleByFlow", CellAddress(pivot.RangeAddress.Sheet, 0, 0), descriptor)
document.storeToURL(uno.systemPathToFileUrl("%(out)s"), (prop("FilterName", "Calc MS Excel 2007 XML"),))
print("stored")
'''


def libreoffice_workbook(source: Path, out: Path, scratch: Path) -> Path:
    """`source` opened in LibreOffice, a pivot table added on a new sheet, saved as .xlsx by LibreOffice."""
    lines = run_in_libreoffice(source, ADD_PIVOT % {"pivot": PIVOT_SHEET, "out": str(out.resolve())}, scratch)
    assert lines == ["stored"], lines
    return out


def openpyxl_workbook(source: Path, out: Path) -> Path:
    openpyxl.load_workbook(source).save(out)
    return out


def shuffled(source: Path, out: Path, seed: int = 14) -> Path:
    """The same parts in another zip order ([Content_Types].xml and the sheets anywhere)."""
    with zipfile.ZipFile(source) as package:
        members = [(info, package.read(info)) for info in package.infolist()]
    random.Random(seed).shuffle(members)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info, data in members:
            package.writestr(info, data)
    return out


READ_BACK = r'''
import json, os, socket, subprocess, sys, time
import uno, unohelper
from com.sun.star.beans import PropertyValue
from com.sun.star.task import XInteractionHandler

def prop(name, value):
    item = PropertyValue(); item.Name = name; item.Value = value; return item

class Recorder(unohelper.Base, XInteractionHandler):
    """Records every question LibreOffice asks while loading (a repair offer, an import warning)."""
    def __init__(self):
        self.requests = []
    def handle(self, request):
        self.requests.append(str(request.getRequest()))
        for continuation in request.getContinuations():
            if "Abort" in str(continuation):
                continuation.select()
                return

port, profile, out = sys.argv[1], sys.argv[2], sys.argv[3]
files = sys.argv[4:]
office = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore", "--nologo",
                           "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
                           "--accept=socket,host=127.0.0.1,port=%s;urp;" % port],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
desktop = None
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(240):
        try:
            context = resolver.resolve("uno:socket,host=127.0.0.1,port=%s;urp;StarOffice.ComponentContext" % port)
            break
        except Exception:
            if office.poll() is not None:
                raise SystemExit("soffice exited early")
            time.sleep(0.25)
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    results = []
    for path in files:
        recorder = Recorder()
        document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0,
                                                (prop("Hidden", True), prop("InteractionHandler", recorder),
                                                 prop("MacroExecutionMode", 0)))
        report = {"file": path, "requests": recorder.requests, "loaded": document is not None, "sheets": []}
        if document is not None:
            for index in range(document.Sheets.Count):
                sheet = document.Sheets.getByIndex(index)
                cursor = sheet.createCursor()
                cursor.gotoEndOfUsedArea(False)
                end = cursor.RangeAddress
                area = sheet.getCellRangeByPosition(0, 0, end.EndColumn, end.EndRow)
                report["sheets"].append({
                    "name": sheet.Name, "visible": sheet.IsVisible, "protected": sheet.isProtected(),
                    "shapes": sheet.DrawPage.Count, "charts": sheet.Charts.Count,
                    "pivots": sheet.DataPilotTables.Count, "comments": sheet.Annotations.Count,
                    "formulas": [list(row) for row in area.getFormulaArray()],
                    "values": [list(row) for row in area.getDataArray()]})
            document.close(True)
        results.append(report)
    with open(out, "w") as handle:
        json.dump(results, handle)
finally:
    try:
        if desktop is not None:
            desktop.terminate()
    except Exception:
        pass
    try:
        office.wait(timeout=60)
    except subprocess.TimeoutExpired:
        office.kill()
'''


def read_back_in_libreoffice(paths: list[Path], scratch: Path) -> list[dict]:
    """What LibreOffice loads from each workbook (one LibreOffice for all): the questions it asked while loading
    (none for a sound file), and every sheet's name, visibility, protection, shapes, charts, pivot tables,
    comments, formulas and values."""
    libreoffice_uno_or_fail()
    scratch.mkdir(parents=True, exist_ok=True)
    script, out = scratch / "read_back.py", scratch / "read_back.json"
    script.write_text(READ_BACK)
    result = subprocess.run([SYSTEM_PYTHON, str(script), str(_free_port()), str(scratch / "profile"), str(out),
                             *map(str, paths)], capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"LibreOffice run failed:\n{result.stdout}\n{result.stderr}"
    return json.loads(out.read_text())

"""Print (issue 15): every generated sheet of every edition prints on A4 landscape, one page wide, without blank
pages, and the Cover fits one page — as LibreOffice lays the pages out when it exports a PDF (one LibreOffice
session for the three editions; the pages are read back with poppler's pdfinfo and pdftotext)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from libreoffice_uno import run_in_libreoffice

INPUT_SHEETS = ("Data", "Population", "Ethnicity", "Settings", "xlwings.conf")
A4_LANDSCAPE = (841.89, 595.3)  # points

# Runs in LibreOffice's Python. For each workbook: drop the input sheets (not printed with the release; the file is
# not saved), export the whole release as one PDF, then each sheet on its own (its used area, and its charts).
_SNIPPET = r'''
import json, os
desktop = document.getCurrentController().getFrame().getCreator()
jobs = json.loads(os.environ["PRINT_JOBS"])
for job in jobs:
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(job["workbook"]), "_blank", 0, (prop("Hidden", True),))
    try:
        sheets = doc.Sheets
        for name in list(sheets.ElementNames):
            if name in job["leave_out"]:
                sheets.removeByName(name)
        pdf = (prop("FilterName", "calc_pdf_Export"),)
        doc.storeToURL(uno.systemPathToFileUrl(os.path.join(job["out"], "release.pdf")), pdf)
        for index, name in enumerate(sheets.ElementNames):
            sheet = sheets.getByName(name)
            cursor = sheet.createCursor()
            cursor.gotoEndOfUsedArea(False)
            last_column, last_row = cursor.getRangeAddress().EndColumn, cursor.getRangeAddress().EndRow
            # the charts' extent, in cells: a chart is not part of the used area
            page = sheet.DrawPage
            for shape_index in range(page.Count):
                shape = page.getByIndex(shape_index)
                right, bottom = shape.Position.X + shape.Size.Width, shape.Position.Y + shape.Size.Height
                x = column = 0
                while x < right:
                    x += sheet.Columns.getByIndex(column).Width
                    column += 1
                y = row = 0
                while y < bottom:
                    y += sheet.Rows.getByIndex(row).Height
                    row += 1
                last_column, last_row = max(last_column, column - 1), max(last_row, row - 1)
            area = sheet.getCellRangeByPosition(0, 0, last_column, last_row)
            data = uno.Any("[]com.sun.star.beans.PropertyValue", (prop("Selection", area),))
            path = os.path.join(job["out"], "sheet-%02d.pdf" % index)
            doc.storeToURL(uno.systemPathToFileUrl(path), (prop("FilterName", "calc_pdf_Export"),
                                                          prop("FilterData", data)))
            print(json.dumps({"edition": job["edition"], "sheet": name, "pdf": path}))
    finally:
        doc.close(True)
'''


def _poppler_or_fail() -> None:
    if shutil.which("pdfinfo") is None or shutil.which("pdftotext") is None:
        import os
        if os.environ.get("CI") == "true":
            pytest.fail("CI needs poppler-utils (pdfinfo, pdftotext)")
        pytest.skip("poppler-utils is not installed")


def _pages(pdf: Path) -> list[tuple[tuple[float, float], str]]:
    """(size in points, text) of every page."""
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    sizes = [(float(width), float(height)) for width, height in
             re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)]
    texts = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    return list(zip(sizes, texts))


@pytest.fixture(scope="module")
def printed(edition_paths, tmp_path_factory):
    """edition -> sheet -> the pages of the sheet printed on its own; edition -> "release.pdf" pages."""
    _poppler_or_fail()
    scratch = tmp_path_factory.mktemp("print")
    jobs = []
    for edition, path in edition_paths.items():
        out = scratch / edition
        out.mkdir()
        jobs.append({"edition": edition, "workbook": str(path), "out": str(out), "leave_out": list(INPUT_SHEETS)})
    import os
    os.environ["PRINT_JOBS"] = json.dumps(jobs)
    try:
        lines = run_in_libreoffice(next(iter(edition_paths.values())), _SNIPPET, scratch / "uno")
    finally:
        del os.environ["PRINT_JOBS"]
    result: dict[str, dict] = {edition: {"release.pdf": _pages(scratch / edition / "release.pdf")}
                               for edition in edition_paths}
    for line in lines:
        if line.startswith("{"):
            entry = json.loads(line)
            result[entry["edition"]][entry["sheet"]] = _pages(Path(entry["pdf"]))
    return result


def _is_a4_landscape(size) -> bool:
    return abs(size[0] - A4_LANDSCAPE[0]) < 1 and abs(size[1] - A4_LANDSCAPE[1]) < 1


@pytest.mark.parametrize("edition", ["en", "ru", "kk"])
def test_every_sheet_prints_a4_landscape_one_page_wide_without_blank_pages(printed, edition_paths, edition):
    pages = printed[edition]
    book = openpyxl.load_workbook(edition_paths[edition])
    generated = [name for name in book.sheetnames if name not in INPUT_SHEETS]
    assert set(pages) - {"release.pdf"} == set(generated)
    for name in generated:
        assert pages[name], f"{name}: no page"
        assert all(_is_a4_landscape(size) for size, _ in pages[name]), name
        assert all(text.strip() for _, text in pages[name]), f"{name}: a blank page"
        sheet = book[name]
        if sheet.tables:
            # One page wide: the table's header row repeats on every page, and its first column's header is on
            # every page — a second page across would hold only the columns on the right.
            table = next(iter(sheet.tables.values()))
            first_header = sheet[table.ref.split(":")[0]].value
            words = str(first_header).split()[:2]
            for number, (_, text) in enumerate(pages[name], start=1):
                assert all(word in text for word in words), (name, number, first_header)
    assert len(pages["Cover"]) == 1, "the Cover fits one page"
    release = pages["release.pdf"]  # the whole release at once: every sheet, no page blank, all A4 landscape
    assert len(generated) <= len(release) <= sum(len(pages[name]) for name in generated)
    assert all(_is_a4_landscape(size) and text.strip() for size, text in release)


def test_nothing_is_clipped_on_the_cover_and_the_checks(printed, edition_paths):
    """Every word of the Cover and of the Check_rows' periods is on the printed page (a clipped cell loses its
    right-hand end)."""
    for edition, path in edition_paths.items():
        book = openpyxl.load_workbook(path)
        cover_text = " ".join(text for _, text in printed[edition]["Cover"])
        for row in book["Cover"].iter_rows(values_only=True):
            for word in str(row[0] or "").split():
                assert word in cover_text or word.strip(".,;:()«»") in cover_text, (edition, word)
        rows_text = " ".join(text for _, text in printed[edition]["Check_rows"])
        for period in book["Check_rows"]["E"][5:]:
            for word in str(period.value or "").split():
                assert word in rows_text, (edition, period.value, word)

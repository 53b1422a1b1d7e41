"""The refreshed release workbook, opened with openpyxl and checked sheet by sheet against the publication rules
(issue 5), plus LibreOffice headless: converted without error, chart count preserved."""

from __future__ import annotations

import re
import zipfile

import openpyxl
import pytest
from lxml import etree

from migrelease import cli
from migrelease.filedoor.chart_images import CHART_KINDS, png_name
from migrelease.model.facts import DATA, ETHNICITY
from migrelease.sheets.blocks import NOT_AVAILABLE
from migrelease.sheets.theme import COUNT_FORMAT, PERCENT_FORMAT
from migrelease.sheets.words import CONTACT, RELEASE_TITLE, sheet_words
from migrelease.model.tables import TABLE_SPECS
from migrelease.filedoor.refresh import refresh_workbook
from publication_workbooks import build_workbook, chart_parts, convert_with_libreoffice

GENERATED_ORDER = ["Cover", "Contents", "Notes", "Key points", "Key indicators", "Interregional",
                   *(spec.code for spec in TABLE_SPECS), "Rate_Ext", "Rate_Int", "Ethnic", "Charts",
                   "Revisions", "Checks", "Check_rows",
                   "_Release"]  # the release stamp, very hidden
INPUT_SHEETS = ["Data", "Population", "Ethnicity", "Settings"]
# Sheets that hold exactly one table from column A with nothing below it: every generated sheet but the Cover.
SINGLE_TABLE_SHEETS = [name for name in GENERATED_ORDER if name not in ("Cover", "_Release")]  # the stamp: key/value cells
MISSING_REGION = "Abai region"


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory):
    """The sample workbook (Data, Population, Ethnicity, Settings) refreshed through the CLI with --charts."""
    folder = tmp_path_factory.mktemp("release")
    path = build_workbook(folder / "release.xlsx")
    assert cli.main(["refresh", str(path), "--charts", str(folder / "charts")]) == 0
    return path, folder / "charts"


@pytest.fixture(scope="module")
def book(refreshed):
    return openpyxl.load_workbook(refreshed[0])


@pytest.fixture(scope="module")
def missing(tmp_path_factory):
    """A variant without February 2026 for one region in Data and without February 2026 'Tatar' arrivals."""
    def drop_month(frame):
        return frame[~((frame["period"] == "2026-02") & (frame["region"] == MISSING_REGION))]

    def drop_group(frame):
        return frame[~((frame["period"] == "2026-02") & (frame["ethnic_group"] == "Tatar")
                       & (frame["direction"] == "arrival"))]

    path = build_workbook(tmp_path_factory.mktemp("missing") / "missing.xlsx",
                          edits={DATA: drop_month, ETHNICITY: drop_group})
    refresh_workbook(path, allow_incomplete=True)  # a gap is an error unless the user lets it through
    return openpyxl.load_workbook(path)


def _table(sheet):
    assert len(sheet.tables) == 1, f"{sheet.title}: {len(sheet.tables)} tables"
    table = next(iter(sheet.tables.values()))
    first, last = table.ref.split(":")
    first_column, first_row = re.match(r"([A-Z]+)(\d+)", first).groups()
    last_column, last_row = re.match(r"([A-Z]+)(\d+)", last).groups()
    return table, first_column, int(first_row), openpyxl.utils.column_index_from_string(last_column), int(last_row)


def test_sheets_in_workbook_order(book):
    assert book.sheetnames == GENERATED_ORDER + INPUT_SHEETS


def test_new_sheet_names_are_short_and_stable(book):
    for name in book.sheetnames:
        if name not in ("Key points", "Key indicators"):  # named before issue 5
            assert re.fullmatch(r"[A-Za-z0-9_]{1,31}", name), name


@pytest.mark.parametrize("name", SINGLE_TABLE_SHEETS)
def test_table_sheet_rules(book, name):
    sheet = book[name]
    assert isinstance(sheet["A1"].value, str) and sheet["A1"].value.strip(), "title in A1"
    assert sheet["A1"].font.b, "the title is bold"
    table, first_column, header_row, last_column, last_row = _table(sheet)
    assert first_column == "A", "the table starts in column A"
    assert not sheet.merged_cells.ranges, "no merged cells"
    headers = [sheet.cell(header_row, column).value for column in range(1, last_column + 1)]
    assert all(isinstance(header, str) and header.strip() for header in headers), headers
    assert len(set(headers)) == len(headers), "every column named once"
    assert sheet.max_row == last_row, "nothing below the table"
    assert sheet.max_column == last_column, "nothing right of the table"
    for row in range(header_row + 1, last_row + 1):
        for column in range(1, last_column + 1):
            value = sheet.cell(row, column).value
            assert value is not None and value != "", f"{name}: blank cell inside the table at row {row}"
    for row in range(2, header_row):  # info lines: column A only
        assert all(sheet.cell(row, column).value is None for column in range(2, last_column + 1))


@pytest.mark.parametrize("name", [spec.code for spec in TABLE_SPECS] + ["Rate_Ext", "Rate_Int", "Ethnic", "Charts"])
def test_units_in_headers_and_number_formats(book, name):
    sheet = book[name]
    _, _, header_row, last_column, last_row = _table(sheet)
    info = [sheet.cell(row, 1).value for row in range(2, header_row)]
    assert any(line.startswith("Period: ") for line in info)
    assert any(line.startswith("Unit: ") for line in info)
    assert any(line.startswith("Source: ") for line in info)
    for column in range(2, last_column + 1):
        header = sheet.cell(header_row, column).value
        assert re.search(r"\((people|per 1,000 population|% of total)\)$", header), header
        expected = COUNT_FORMAT if header.endswith("(people)") else PERCENT_FORMAT
        for row in range(header_row + 1, last_row + 1):
            cell = sheet.cell(row, column)
            assert cell.number_format == expected, (name, cell.coordinate)
            assert isinstance(cell.value, (int, float)) or cell.value == NOT_AVAILABLE, (name, cell.coordinate)


def test_not_available_is_x_never_zero_or_blank(missing):
    sheet = missing["Y_Ext_Arr"]
    _, _, header_row, last_column, _ = _table(sheet)
    current = last_column  # January–March 2026 is the last column
    assert sheet.cell(header_row, current).value == "January–March 2026 (people)"
    rows = {sheet.cell(row, 1).value: row for row in range(header_row + 1, sheet.max_row + 1)}
    assert sheet.cell(rows[MISSING_REGION], current).value == NOT_AVAILABLE
    assert sheet.cell(rows["Republic of Kazakhstan"], current).value == NOT_AVAILABLE
    assert isinstance(sheet.cell(rows["Akmola region"], current).value, int)
    monthly = missing["M_Ext_Arr"]
    february = next(column for column in range(2, monthly.max_column + 1)
                    if monthly.cell(header_row, column).value == "February 2026 (people)")
    assert monthly.cell(rows[MISSING_REGION], february).value == NOT_AVAILABLE
    assert isinstance(monthly.cell(rows[MISSING_REGION], february - 1).value, int)
    rates = missing["Rate_Ext"]
    assert [rates.cell(rows[MISSING_REGION], column).value for column in range(3, 9)] == [NOT_AVAILABLE] * 6
    assert isinstance(rates.cell(rows[MISSING_REGION], 2).value, int), "the population is still there"
    ethnic = missing["Ethnic"]
    groups = {ethnic.cell(row, 1).value: row for row in range(7, ethnic.max_row + 1)}
    assert ethnic.cell(groups["Tatar"], 2).value == NOT_AVAILABLE
    assert ethnic.cell(groups["Tatar"], 3).value == NOT_AVAILABLE
    assert ethnic.cell(groups["All ethnic groups"], 3).value == NOT_AVAILABLE, "no share of an unknown total"
    assert isinstance(ethnic.cell(groups["Tatar"], 4).value, int), "departures are complete"


def test_contents_links_every_sheet(book):
    sheet = book["Contents"]
    _, _, header_row, _, last_row = _table(sheet)
    listed = []
    for row in range(header_row + 1, last_row + 1):
        cell = sheet.cell(row, 1)
        assert cell.hyperlink is not None, cell.coordinate
        target = re.fullmatch(r"'((?:[^']|'')+)'!A1", cell.hyperlink.location)
        assert target, cell.hyperlink.location
        assert target.group(1).replace("''", "'") == cell.value
        assert cell.value in book.sheetnames
        assert sheet.cell(row, 2).value, "a one-line description"
        listed.append(cell.value)
    visible = [name for name in book.sheetnames if book[name].sheet_state == "visible"]
    assert listed == visible, "one row per visible sheet, in workbook order"


def test_cover(book):
    text = "\n".join(str(cell.value) for row in book["Cover"].iter_rows() for cell in row if cell.value)
    assert book["Cover"]["A1"].value == f"{RELEASE_TITLE} for January–March 2026"
    for expected in ("Period: January–March 2026", "Date of publication: 12.05.2026",
                     "Date of next publication: 10.08.2026", f"Contact: {CONTACT}", "Glossary",
                     "Methodological explanations", "per 1,000 population", "Useful links",
                     *(term for term, _ in sheet_words("en").glossary)):
        assert expected in text, expected
    # the published edition's methodology slips are not copied onto the Cover
    assert "net migration, net migration" not in text and "but we are talking about" not in text
    assert not book["Cover"].merged_cells.ranges


def test_notes_explain_x_and_shorthand_and_are_numbered_by_first_citation(book):
    notes = {row[0]: row[1] for row in book["Notes"].iter_rows(min_row=5, values_only=True)}
    cited = []  # note numbers in the order the workbook first cites them (sheets in order, rows top down)
    for sheet in book.worksheets:
        if sheet.title == "Notes":
            continue
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                for number in re.findall(r"\[note (\d+)\]", value) if isinstance(value, str) else ():
                    if f"[note {number}]" not in cited:
                        cited.append(f"[note {number}]")
    assert cited == list(notes) == [f"[note {n}]" for n in range(1, len(notes) + 1)]
    assert not any("[note:" in value for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                   for value in row if isinstance(value, str)), "a citation left unnumbered"
    x_note = [text for text in notes.values() if text.startswith("[x] means not available")]
    shorthand = [text for text in notes.values() if text.startswith("Shorthand in sheet and table names")]
    assert len(x_note) == len(shorthand) == 1
    for word in ("Y = by year", "M = by month", "Ext =", "CIS =", "Oth =", "Int =", "Arr =", "Dep =", "Bal ="):
        assert word in shorthand[0], word


def test_settings_are_kept_and_created_when_absent(tmp_path):
    path = build_workbook(tmp_path / "no_settings.xlsx", settings=None)
    refresh_workbook(path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[-1] == "Settings"
    assert "not set" in book["Cover"]["A3"].value
    book["Settings"]["B5"] = "01.06.2026"  # the user edits the date of publication
    book.save(path)
    refresh_workbook(path)
    book = openpyxl.load_workbook(path)
    assert book["Settings"]["B5"].value == "01.06.2026"
    assert book["Cover"]["A3"].value == "Date of publication: 01.06.2026"


def test_native_charts_follow_the_tables(refreshed):
    path, _ = refreshed
    parts = chart_parts(path)
    assert len(parts) == 3
    with zipfile.ZipFile(path) as package:
        charts = [etree.fromstring(package.read(part)) for part in parts]
    namespace = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}

    def references(chart, path_in_series: str) -> list[str]:
        """The cell references of every series at `path_in_series`, without quotes and $ signs."""
        return [formula.text.replace("'", "").replace("$", "")
                for formula in chart.iterfind(f".//c:ser/{path_in_series}", namespace)]

    annual, comparison, ethnic = charts
    assert "International population migration by year" in "".join(annual.itertext())
    assert "International population migration, January–March 2025 and January–March 2026" in \
        "".join(comparison.itertext())
    # Both international charts read the Charts sheet's table (13 periods under the header in row 6), which every
    # refresh rewrites from Y_Ext_Arr/Dep/Bal: the 11 whole years (rows 7-17) and the same months of the two years
    # (rows 18-19), each series named by its header cell; the ethnic chart reads the 8 group rows of the Ethnic sheet
    assert references(annual, "c:val/c:numRef/c:f") == [f"Charts!{column}7:{column}17" for column in "BCD"]
    assert references(comparison, "c:val/c:numRef/c:f") == [f"Charts!{column}18:{column}19" for column in "BCD"]
    for chart in (annual, comparison):
        assert references(chart, "c:tx/c:strRef/c:f") == [f"Charts!{column}6" for column in "BCD"]
    # text categories are string references (with the texts cached), so every reader labels the bars
    assert set(references(annual, "c:cat/c:strRef/c:f")) == {"Charts!A7:A17"}
    assert set(references(comparison, "c:cat/c:strRef/c:f")) == {"Charts!A18:A19"}
    assert set(references(ethnic, "c:cat/c:strRef/c:f")) == {"Ethnic!A7:A14"}
    assert references(ethnic, "c:val/c:numRef/c:f") == ["Ethnic!C7:C14", "Ethnic!E7:E14"]
    for chart in charts:  # category labels below the plot area, clear of negative bars
        assert [position.get("val") for position in chart.iterfind(".//c:catAx/c:tickLblPos", namespace)] == ["low"]
    book = openpyxl.load_workbook(path)
    assert [book["Charts"].cell(row, 2).value for row in (7, 19)] == [
        book["Y_Ext_Arr"].cell(7, 2).value, book["Y_Ext_Arr"].cell(7, 14).value]


def test_chart_pngs(refreshed):
    _, charts = refreshed
    for kind in CHART_KINDS:
        name = png_name(kind, "en")
        assert re.fullmatch(r"[a-z0-9-]+\.png", name)
        assert (charts / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", name


def test_optional_sheets_only_with_their_inputs(tmp_path):
    path = build_workbook(tmp_path / "data_only.xlsx", specs=(DATA,))
    refresh_workbook(path)
    book = openpyxl.load_workbook(path)
    assert not {"Rate_Ext", "Rate_Int", "Ethnic"} & set(book.sheetnames)
    assert {"Cover", "Contents", "Notes", "Charts", "Checks"} <= set(book.sheetnames)
    assert len(chart_parts(path)) == 2


def test_libreoffice_converts_and_keeps_the_charts(refreshed, tmp_path):
    path, _ = refreshed
    converted = convert_with_libreoffice(path, tmp_path)
    assert len(chart_parts(converted)) == len(chart_parts(path)) == 3
    book = openpyxl.load_workbook(converted)
    assert book.sheetnames == GENERATED_ORDER + INPUT_SHEETS
    assert book["Y_Ext_Arr"]["A1"].value == openpyxl.load_workbook(path)["Y_Ext_Arr"]["A1"].value

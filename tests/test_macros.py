"""The button's macro, `migrelease.macros.refresh`, on the in-memory xlwings engine (tests/xlwings_harness.py):
it writes, cell for cell and property for property, what the file door writes, one `Range.value` per layout
block, with screen updating and calculation off; bad data gives one alert and no write."""

import shutil

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from migrelease import macros
from migrelease.sheets.settings import settings_sheet
from migrelease.filedoor.refresh import refresh_workbook

from conftest import SAMPLE_INPUTS, write_unrefreshed_workbook
from xlwings_harness import (dump_book, dump_openpyxl, file_sheet_properties, load_workbook,
                             memory_sheet_properties, mock_caller)

INPUTS = SAMPLE_INPUTS


@pytest.fixture(scope="module")
def input_workbook(tmp_path_factory):
    """A release workbook before its first refresh: a user's sheet and the input sheets from the samples."""
    return write_unrefreshed_workbook(tmp_path_factory.mktemp("macros") / "release.xlsx")


@pytest.fixture(scope="module")
def file_door(input_workbook, tmp_path_factory):
    """The same workbook refreshed by the file door, read back with openpyxl."""
    path = tmp_path_factory.mktemp("file_door") / input_workbook.name
    shutil.copyfile(input_workbook, path)
    refresh_workbook(path)
    return path


@pytest.fixture(scope="module")
def refreshed(input_workbook):
    """(book, plan) after one refresh through the button's macro."""
    book = load_workbook(input_workbook)
    plan = macros.refresh(book)
    assert plan is not None, book.impl.app.alerts
    return book, plan


def generated_sheets(plan):
    return [layout.name for layout in plan.layouts]


# The stamp cells that differ between two refreshes by design: when, and through which door (the fingerprints in
# the same sheet must be equal: both doors hash the same validated inputs).
STAMP_CELLS_THAT_DIFFER = ("B6", "B8")


def masked(dump: dict) -> dict:
    """A dump_book/dump_openpyxl result with the stamp's time and door cells masked."""
    result = dict(dump)
    if "_Release" in result:
        result["_Release"] = {address: ("(masked)" if address in STAMP_CELLS_THAT_DIFFER else value)
                              for address, value in result["_Release"].items()}
    return result


# --- the same cells as the file door ------------------------------------------------------------------------------

def test_the_button_writes_what_the_file_door_writes(refreshed, file_door):
    book, plan = refreshed
    names = generated_sheets(plan)
    assert len(names) >= 5 + 21
    button = dump_book(book, names)
    file = dump_openpyxl(file_door, names)
    assert (button["_Release"]["A8"], button["_Release"]["B8"], file["_Release"]["B8"]) == ("door", "excel", "file")
    assert [button["_Release"][f"B{row}"] for row in range(16, 20)] == \
        [file["_Release"][f"B{row}"] for row in range(16, 20)], "both doors fingerprint the inputs alike"
    button, file = masked(button), masked(file)
    assert list(file) == [name for name in dump_openpyxl(file_door) if name in names]
    for name in names:
        assert button[name] == file[name], name
    assert sum(len(cells) for cells in button.values()) > 5000


def test_sheet_order_and_the_users_sheets_match_the_file_door(refreshed, file_door):
    book, _ = refreshed
    in_file = list(dump_openpyxl(file_door))
    in_book = [sheet.name for sheet in book.sheets]
    assert [name for name in in_file if name in in_book] == in_book
    assert dump_book(book, ["My notes", *INPUTS]) == dump_openpyxl(file_door, ["My notes", *INPUTS])


def test_formulas_and_numbers_keep_their_kind(refreshed, file_door):
    book, _ = refreshed
    indicators = dump_book(book, ["Key indicators"])["Key indicators"]
    formulas = [value for value in indicators.values() if isinstance(value, str) and value.startswith("=")]
    assert any(formula.startswith("=MIG_CHANGE(") for formula in formulas)
    assert book.sheets["Y_Ext_Arr"]["N7"].value == 6197
    charts = book.sheets["Charts"]
    assert charts["A7"].value == "2015"  # a year label stays text, as in the file, not the number 2015


def test_links_match_the_file_door(refreshed, file_door):
    book, plan = refreshed
    workbook = openpyxl.load_workbook(file_door)
    for name in generated_sheets(plan):
        memory, sheet = book.sheets[name].impl, workbook[name]
        links = {f"{get_column_letter(column)}{row}": target for (row, column), target in memory.hyperlinks.items()}
        file_links = {cell.coordinate: "#" + cell.hyperlink.location if cell.hyperlink.location
                      else cell.hyperlink.target for row in sheet.iter_rows() for cell in row if cell.hyperlink}
        assert links == file_links, name
    assert book.sheets["Contents"].impl.hyperlinks  # the contents link to every sheet


def test_door_parity_every_property_of_every_generated_sheet(refreshed, file_door):
    """Button and command line write the same workbook: every generated sheet, cell by cell — value, number format,
    font, fill, border, wrap, alignment — and its column widths, row heights, frozen panes, print set-up,
    visibility, tables and charts. Zero differences."""
    book, plan = refreshed
    workbook = openpyxl.load_workbook(file_door)
    differences = []
    for name in generated_sheets(plan):
        button = memory_sheet_properties(book.sheets[name].impl)
        file = file_sheet_properties(workbook, name)
        for part in ("column_widths", "row_heights", "freeze", "print", "visibility", "tables", "charts"):
            if button[part] != file[part]:
                differences.append((name, part, button[part], file[part]))
        for address in sorted(set(button["cells"]) | set(file["cells"])):
            if name == "_Release" and address in STAMP_CELLS_THAT_DIFFER:
                continue
            if button["cells"].get(address) != file["cells"].get(address):
                differences.append((name, address, button["cells"].get(address), file["cells"].get(address)))
    assert differences == [], differences[:5]
    # the comparison covers what the theme declares: fills, borders, wrapping, alignment, underlined links
    indicators = memory_sheet_properties(book.sheets["Y_Ext_Arr"].impl)
    header = indicators["cells"]["B6"]
    assert header["fill"] and header["bottom_border"] and header["wrap"] and header["vertical"] == "top"
    assert indicators["cells"]["B7"]["horizontal"] == "right"
    assert indicators["freeze"] == (7, 2) and indicators["print"]["orientation"] == "landscape"
    assert memory_sheet_properties(book.sheets["Contents"].impl)["cells"]["A5"]["underline"] == "single"
    charts = memory_sheet_properties(book.sheets["Charts"].impl)["charts"]
    assert [chart[0] for chart in charts] == [
        "International population migration by year",
        "International population migration, January–March 2025 and January–March 2026",
        "The structure of external migration by selected ethnic groups, % of the total"]
    assert [chart[3] for chart in charts] == ["low"] * 3  # category labels below the plot area


# --- one write per block, screen updating and calculation off ---------------------------------------------------

def test_one_value_write_per_layout_block(refreshed):
    book, plan = refreshed
    # the input workbook has no Settings sheet: the refresh adds the default one, as the file door does
    layouts = [*plan.layouts, settings_sheet()]
    expected = [(layout.name, block.row, block.column, (block.height, block.width))
                for layout in layouts for block in layout.blocks]
    writes = book.impl.value_writes
    assert len(writes) == len(expected)
    for write, (sheet, row, column, shape) in zip(writes, expected):
        target = book.sheets[sheet].impl.range((row, column))
        assert (write.sheet, write.address.split(":")[0], write.shape) == (sheet, target.get_address(False, False),
                                                                           shape)


def test_writes_happen_with_screen_updating_and_calculation_off_and_both_are_restored(refreshed):
    book, plan = refreshed
    app = book.impl.app
    assert book.impl.value_writes
    assert all(not write.screen_updating and write.calculation == "manual" for write in book.impl.value_writes)
    assert app.screen_updating is True and app.calculation == "automatic"
    assert app.calculations == 1
    assert app.status_bar is False
    assert any("writing Y_Ext_Arr" in str(message) for message in app.status_history)
    # the consistency warnings (changes beyond ±50 %) are shown once, as information, after the writes
    assert [alert["mode"] for alert in app.alerts] == ["info"]
    assert app.alerts[0]["prompt"] == "\n".join(plan.warnings)
    assert "check 7" in app.alerts[0]["prompt"]


def test_refresh_without_an_argument_uses_the_calling_book(input_workbook, refreshed):
    book = load_workbook(input_workbook)
    with mock_caller(book):
        assert macros.refresh() is not None
    first, plan = refreshed
    names = generated_sheets(plan)
    assert masked(dump_book(book, names)) == masked(dump_book(first, names))
    assert len(book.impl.value_writes) == len(first.impl.value_writes)


def test_a_second_refresh_rewrites_the_same_cells_and_resizes_the_tables(input_workbook, refreshed):
    book = load_workbook(input_workbook)
    macros.refresh(book)
    before = masked(dump_book(book))
    tables_before = {sheet.name: [(table.name, table.range.get_address(False, False)) for table in sheet.impl.tables]
                     for sheet in book.sheets}
    writes = len(book.impl.value_writes)
    plan = macros.refresh(book)
    assert masked(dump_book(book)) == before
    # the second time the Settings sheet exists and is left alone: one write per block of the layout
    blocks = sum(len(layout.blocks) for layout in plan.layouts)
    assert len(book.impl.value_writes) == writes + blocks
    assert {sheet.name: [(table.name, table.range.get_address(False, False)) for table in sheet.impl.tables]
            for sheet in book.sheets} == tables_before


# --- bad data: one alert, nothing written ------------------------------------------------------------------------

def test_bad_data_gives_one_alert_listing_every_problem_and_writes_nothing(input_workbook):
    book = load_workbook(input_workbook)
    data = book.sheets["Data"].impl
    data.cells_[(3, 5)] = "abc"  # people
    data.cells_[(5, 2)] = "Atlantis"  # region
    sheets_before, cells_before = [sheet.name for sheet in book.sheets], dump_book(book)
    assert macros.refresh(book) is None
    app = book.impl.app
    assert len(app.alerts) == 1
    alert = app.alerts[0]
    assert alert["mode"] == "critical"
    prompt = alert["prompt"]
    assert "2 problems found; nothing was written" in prompt
    assert "sheet 'Data', row 3, column E (people)" in prompt and "abc" in prompt
    assert "sheet 'Data', row 5, column B (region)" in prompt and "Atlantis" in prompt
    assert book.impl.value_writes == []
    assert [sheet.name for sheet in book.sheets] == sheets_before and dump_book(book) == cells_before
    assert app.status_bar is False and app.screen_updating is True and app.calculation == "automatic"


def test_a_missing_data_sheet_gives_one_alert(input_workbook):
    book = load_workbook(input_workbook)
    book.sheets["Data"].impl.delete()
    assert macros.refresh(book) is None
    [alert] = book.impl.app.alerts
    assert "sheet 'Data'" in alert["prompt"] and "is missing" in alert["prompt"]
    assert book.impl.value_writes == []


def test_charts_point_at_the_refreshed_cells(refreshed):
    book, plan = refreshed
    charts = list(book.sheets["Charts"].impl.charts)
    periods = len(plan.release.tables["Y_Ext_Arr"].columns)
    # the whole years right under the header; the same months of the two years as the header row and the last two
    assert [chart.source for chart in charts] == [
        f"'Charts'!A6:D{6 + periods - 2}", f"'Charts'!A6:D6,A{6 + periods - 1}:D{6 + periods}",
        "'Ethnic'!A6:A14,C6:C14,E6:E14"]
    assert [chart.chart_type for chart in charts] == ["column_clustered", "column_clustered", "bar_clustered"]

"""Issue 18: the publication record and the revisions a refresh finds against it.

The expected revisions are derived here from the data contract alone — which tables sum the changed count, which
columns contain its period — and their old and new values are summed straight from the data rows with pandas,
never through the release's cube, tables or the detector under test.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import re
import shutil
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from conftest import SAMPLE_DATA
from migrelease import cli, macros
from migrelease.filedoor.refresh import refresh_workbook
from migrelease.filedoor.csv_source import read_csv_table
from migrelease.model.facts import DATA, validate
from migrelease.model.periods import Span
from migrelease.model.regions import COUNTRY, regions
from migrelease.release.compute import compute_release
from migrelease.sheets.labels import column_label
from migrelease.sheets.plan import plan_refresh
from migrelease.sheets.publication_record import (NO_RECORD, PublicationRecord, PublishedValue, RecordUnreadable,
                                                  figure_key, read_record, record_after_publication,
                                                  record_blocks, record_from_rows, recorded_figures)
from migrelease.sheets.release_sheet import RELEASE_SHEET
from migrelease.sheets.revisions import REVISED, REVISIONS_SHEET, figure_title, find_revisions
from migrelease.sheets.words import sheet_words
from publication_workbooks import build_workbook, convert_with_libreoffice
from lite_harness import OfficeBook, payload_from_workbook, remote_engine, script_call
from xlwings_harness import dump_book, dump_openpyxl, load_workbook

STAMP = {"refreshed_at": "2026-05-12T14:03:27+05:00", "period": "2026-03", "fingerprint_data": "ab12"}
MONTHLY_CHANGE = {"year": 2025, "month": 2, "region": "100000000", "flow": "cis", "direction": "arrival",
                  "delta": 300}  # Abai region, February 2025: 300 more arrivals from the CIS
ANNUAL_CHANGE = {"year": 2024, "month": 0, "region": "710000000", "flow": "other", "direction": "departure",
                 "delta": -4}  # Astana, the whole of 2024: 4 fewer departures to other countries

# The data contract: which input flows each table sums, and what each measure is.
TABLE_FLOWS = {"All": ("cis", "other", "interregional", "intraregional"), "Ext": ("cis", "other"), "CIS": ("cis",),
               "Oth": ("other",), "Int": ("interregional", "intraregional")}
MEASURES = {"Arr": "arrival", "Dep": "departure", "Bal": "balance"}


@pytest.fixture(scope="module")
def facts():
    return validate(read_csv_table(SAMPLE_DATA), DATA)


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def changed(facts: pd.DataFrame, *changes: dict) -> pd.DataFrame:
    new = facts.copy()
    for change in changes:
        row = ((new["year"] == change["year"]) & (new["month"] == change["month"]) & (new["region"] == change["region"])
               & (new["flow"] == change["flow"]) & (new["direction"] == change["direction"]))
        assert row.sum() == 1
        new.loc[row, "people"] += change["delta"]
    return new


def published_record(facts: pd.DataFrame) -> PublicationRecord:
    release = compute_release(facts, languages=("en",))
    return record_after_publication(NO_RECORD, recorded_figures(release), "12.05.2026", "12.08.2026",
                                    "2026-05-12T14:20:00+05:00", STAMP)


def as_grid(blocks, offset_rows: int = 0, offset_columns: int = 0) -> list[list]:
    """The cells of `blocks` as a door reads a sheet back: a 2-D list (optionally from a used range that does not
    start at A1)."""
    height = max(block.row + block.height - 1 for block in blocks)
    width = max(block.column + block.width - 1 for block in blocks)
    grid = [[None] * width for _ in range(height)]
    for block in blocks:
        for r, row in enumerate(block.values):
            for c, value in enumerate(row):
                grid[block.row - 1 + r][block.column - 1 + c] = value
    return [row[offset_columns:] for row in grid[offset_rows:]]


# --- expected revisions, from the data contract and the data rows -----------------------------------------------

def data_value(facts: pd.DataFrame, region: str, flows, measure: str, year: int, months) -> float:
    """A figure summed from the data rows: `months` a list of months, or None for the whole year (its annual
    row where the data has one, else its 12 months)."""
    rows = facts[(facts["year"] == year) & facts["flow"].isin(flows)]
    if region != COUNTRY.kato:
        rows = rows[rows["region"] == region]
    if months is None:
        annual = rows[rows["month"] == 0]
        rows = annual if len(annual) else rows[rows["month"] > 0]
    else:
        rows = rows[rows["month"].isin(months)]
    arrivals = rows.loc[rows["direction"] == "arrival", "people"].sum()
    departures = rows.loc[rows["direction"] == "departure", "people"].sum()
    return float({"arrival": arrivals, "departure": departures, "balance": arrivals - departures}[measure])


def excel_round_1(value: float) -> float:
    """ROUND(value, 1) as Excel computes it: on the 15-digit value, half away from zero."""
    return float(Decimal(format(value, ".15g")).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def expected_revisions(old: pd.DataFrame, new: pd.DataFrame, *changes: dict) -> dict:
    """(code, KATO, period) -> (old value, new value) for every published figure that sums a changed count."""
    expected = {}
    for change in changes:
        year, month = change["year"], change["month"]
        annual_periods = {str(year): None}  # the year's column of every annual table
        if month and month <= 3:  # the comparison column "January–March <year>" of the January–March release
            annual_periods[f"{year}-01/{year}-03"] = [1, 2, 3]
        for flow_code, flows in TABLE_FLOWS.items():
            if change["flow"] not in flows:
                continue
            for measure_code, measure in MEASURES.items():
                if measure not in (change["direction"], "balance"):
                    continue
                places = [(f"Y_{flow_code}_{measure_code}", period, months)
                          for period, months in annual_periods.items()]
                if month and flow_code in ("Ext", "Int"):
                    places.append((f"M_{flow_code}_{measure_code}", f"{year}-{month:02d}", [month]))
                for code, period, months in places:
                    for region in (change["region"], COUNTRY.kato):
                        expected[(code, region, period)] = tuple(
                            data_value(frame, region, flows, measure, year, months) for frame in (old, new))
    # The Key indicators that compare with January–March 2025: the change in %, and the ratios both ways.
    for flows, direction, stem in ((("cis", "other"), "arrival", "KI_Ext_Arr"),
                                   (("cis", "other"), "departure", "KI_Ext_Dep"),
                                   (("interregional", "intraregional"), "arrival", "KI_Int_Arr")):
        for suffix, formula in (("_Chg", lambda now, before: excel_round_1((now / before - 1) * 100)),
                                ("_Times", lambda now, before: excel_round_1(now / before)),
                                ("_TimesDown", lambda now, before: excel_round_1(before / now))):
            values = tuple(formula(data_value(frame, COUNTRY.kato, flows, direction, 2026, [1, 2, 3]),
                                   data_value(frame, COUNTRY.kato, flows, direction, 2025, [1, 2, 3]))
                           for frame in (old, new))
            if values[0] != values[1]:
                expected[(stem + suffix, COUNTRY.kato, "2026-01/2026-03")] = values
    return expected


# --- tests -------------------------------------------------------------------------------------------------------

def test_exactly_the_figures_summing_a_changed_count_are_revised_with_their_old_and_new_values(facts):
    record = published_record(facts)
    new = changed(facts, MONTHLY_CHANGE, ANNUAL_CHANGE)
    plan = plan_refresh(new, None, None, None, "sheet 'Data'", {}, record=record)
    found = {(r.figure, r.region.kato, iso(r)): (r.published, r.new) for r in plan.revisions.items}
    expected = expected_revisions(facts, new, MONTHLY_CHANGE, ANNUAL_CHANGE)
    assert found == expected
    # Both years' columns, the region and the country, the balance tables and the monthly tables are among them.
    assert {("Y_CIS_Arr", "100000000", "2025"), ("Y_CIS_Arr", "000000000", "2025-01/2025-03"),
            ("Y_All_Bal", "710000000", "2024"), ("M_Ext_Bal", "000000000", "2025-02"),
            ("KI_Ext_Arr_Chg", "000000000", "2026-01/2026-03")} <= set(found)
    assert all(r.publication.published_on == "12.05.2026" for r in plan.revisions.items)
    tables = {r.table for r in plan.revisions.items}
    assert plan.revisions.summary() == (f"{len(found)} published figures revised, in {len(tables)} tables; "
                                        f"see the {REVISIONS_SHEET} sheet")


def iso(revision) -> str:
    span = revision.span
    if span.is_full_year:
        return str(span.year)
    if span.is_single_month:
        return f"{span.year}-{span.first_month:02d}"
    return f"{span.year}-{span.first_month:02d}/{span.year}-{span.last_month:02d}"


def test_unchanged_data_revises_nothing(facts):
    plan = plan_refresh(facts, None, None, None, "sheet 'Data'", {}, record=published_record(facts))
    assert plan.revisions.items == ()
    assert plan.revisions.summary() == "No published figure revised since the publication of 12.05.2026."


def test_a_new_month_revises_nothing(facts):
    april = facts[(facts["year"] == 2026) & (facts["month"] == 3)].assign(month=4)
    plan = plan_refresh(pd.concat([facts, april], ignore_index=True), None, None, None, "sheet 'Data'", {},
                        record=published_record(facts))
    assert plan.release.month == 4
    assert plan.revisions.items == ()


def test_not_available_to_available_and_back_are_revisions(facts):
    figures = recorded_figures(compute_release(facts, languages=("en",)))
    record = published_record(facts)
    first, second = figures[0], figures[1]
    values = dict(record.values)
    values[figure_key(first)] = PublishedValue(math.nan, 1)  # published as [x], a number now
    revisions = find_revisions(PublicationRecord(record.publications, values), figures)
    assert [(r.figure, r.span, math.isnan(r.published), r.new, math.isnan(r.difference))
            for r in revisions.items] == [(first.indicator, first.span, True, first.value, True)]
    withdrawn = [dataclasses.replace(f, value=math.nan) if f is second else f for f in figures]  # [x] now
    revisions = find_revisions(record, withdrawn)
    assert [(r.figure, r.span, r.published, math.isnan(r.new)) for r in revisions.items] == \
        [(second.indicator, second.span, second.value, True)]


def test_nothing_published_yet_revises_nothing(facts):
    plan = plan_refresh(changed(facts, MONTHLY_CHANGE), None, None, None, "sheet 'Data'", {})
    assert plan.revisions.record.empty and plan.revisions.items == ()
    assert "Nothing has been published" in plan.revisions.summary()
    sheet = next(layout for layout in plan.layouts if layout.name == REVISIONS_SHEET)
    table = sheet.tables[0]
    assert table.last_row == table.first_row + 1  # the header and one row of [z]: nothing can be revised
    assert [sheet.cell(table.first_row + 1, column) for column in range(1, 10)] == ["[z]"] * 9


@pytest.mark.parametrize("offset", [(0, 0), (3, 3)])
def test_the_record_reads_back_from_its_cells(facts, offset):
    record = published_record(facts)
    again = record_from_rows(as_grid(record_blocks(record), *offset))
    assert again.publications == record.publications
    assert again.values.keys() == record.values.keys()
    assert all(same(again.values[key].value, record.values[key].value) for key in record.values)
    assert len(record.values) > 6000
    cells = sum(len(row) for block in record_blocks(record) for row in block.values)
    assert cells < 2000  # compact: one text cell per figure and period, not one per region


def same(a, b):
    return (math.isnan(a) and math.isnan(b)) or a == b


def test_a_second_publication_overrides_what_it_shows_again_and_keeps_the_rest(facts):
    record = published_record(facts)
    new = changed(facts, MONTHLY_CHANGE)
    release = compute_release(new, languages=("en",))
    shown = [figure for figure in recorded_figures(release) if figure.indicator.startswith("Y_")]
    second = record_after_publication(record, shown, "12.08.2026", "12.11.2026", "2026-08-12T10:00:00+05:00",
                                      STAMP)
    assert [p.number for p in second.publications] == [1, 2]
    assert second.values[("Y_CIS_Arr", "100000000", "2025")].publication == 2
    assert second.values[("M_Ext_Arr", "100000000", "2025-02")].publication == 1  # not shown again: kept
    again = record_from_rows(as_grid(record_blocks(second)))
    assert {key: value.publication for key, value in again.values.items()} == \
        {key: value.publication for key, value in second.values.items()}
    # Against the second record, what publication 2 did not show still differs from publication 1's values.
    revisions = find_revisions(second, recorded_figures(release))
    assert {r.publication.number for r in revisions.items} == {1}
    revised = {r.figure for r in revisions.items}
    assert {"M_Ext_Arr", "M_Ext_Bal", "KI_Ext_Arr_Chg"} <= revised
    assert not any(code.startswith("Y_") for code in revised)  # shown again by publication 2


def test_an_edited_record_is_refused_clearly(facts):
    grid = as_grid(record_blocks(published_record(facts)))
    for row in grid:
        for c, value in enumerate(row):
            if isinstance(value, str) and value.startswith("Y_Ext_Arr"):
                row[c + 2] = "12 abc"
    with pytest.raises(RecordUnreadable, match="'abc' is not a number"):
        record_from_rows(grid)


def test_revised_tables_get_a_marker_column_and_the_notes_explain_it(facts):
    plan = plan_refresh(changed(facts, ANNUAL_CHANGE), None, None, None, "sheet 'Data'", {},
                        record=published_record(facts))
    layouts = {layout.name: layout for layout in plan.layouts}
    marked = layouts["Y_Oth_Dep"]
    table = marked.table("T_Y_Oth_Dep")
    header = marked.cell(table.first_row, table.last_column)
    assert header.startswith("Revised since the publication of 12.05.2026 [note ")
    astana_row = table.first_row + 1 + [region.kato for region in (COUNTRY, *regions())].index("710000000")
    assert marked.cell(astana_row, table.last_column) == f"{REVISED} 2024"
    assert marked.cell(table.first_row + 1, table.last_column) == f"{REVISED} 2024"  # the country
    assert marked.cell(table.first_row + 2, table.last_column) == "not revised"  # Abai region
    unmarked = layouts["Y_CIS_Arr"]
    assert unmarked.table("T_Y_CIS_Arr").last_column == len(unmarked.table_headers(unmarked.table("T_Y_CIS_Arr")))
    assert unmarked.cell(unmarked.table("T_Y_CIS_Arr").first_row, 1) == "Region"
    number = header.split("[note ")[1].rstrip("]")
    notes = layouts["Notes"]
    rows = {notes.cell(row, 1): notes.cell(row, 2) for row in range(5, 5 + len(notes.tables[0].address))}
    assert rows[f"[note {number}]"].startswith("[r] means revised")


# --- end to end: publish, change the data, refresh, publish again (file door, CLI) ------------------------------

def label_key(code: str, kato: str, period: str) -> tuple[str, str, str, str]:
    """An expected figure as the Revisions sheet names it: (sheet, figure, region, column label)."""
    first, _, last = period.partition("/")
    year, _, month = first.partition("-")
    span = Span(int(year)) if not month else Span(int(year), int(month), int(last[5:]) if last else int(month))
    sheet = "Key indicators" if code.startswith("KI_") else code
    return sheet, figure_title(code, sheet_words("en")), region_by_kato(kato).name_en, column_label(span)


def region_by_kato(kato: str):
    return next(region for region in (COUNTRY, *regions()) if region.kato == kato)


def sheet_table(book, sheet: str) -> list[dict]:
    """The rows of a sheet's (first) Excel table as dicts by header."""
    worksheet = book[sheet]
    table = next(iter(worksheet.tables.values()))
    rows = [[cell.value for cell in row] for row in worksheet[table.ref]]
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def changed_csv(folder: Path, *changes: dict) -> Path:
    """The sample data as a CSV with `changes` applied (region by KATO code, as the Data contract allows)."""
    frame = pd.read_csv(SAMPLE_DATA, dtype=str, keep_default_na=False)
    for change in changes:
        period = str(change["year"]) if not change["month"] else f"{change['year']}-{change['month']:02d}"
        name = region_by_kato(change["region"]).name_en
        row = ((frame["period"] == period) & (frame["region"] == name) & (frame["flow"] == change["flow"])
               & (frame["direction"] == change["direction"]))
        assert row.sum() == 1
        frame.loc[row, "people"] = str(int(frame.loc[row, "people"].iloc[0]) + change["delta"])
    path = folder / "data.csv"
    frame.to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The sample release refreshed and published once (copy before changing it)."""
    folder = tmp_path_factory.mktemp("published")
    path = build_workbook(folder / "release.xlsx")
    assert cli.main(["refresh", str(path)]) == 0
    assert cli.main(["publish", str(path), "--out", str(folder / "public")]) == 0
    return path


def test_publish_records_every_figure_it_published(published, facts):
    record = read_record(openpyxl.load_workbook(published)[RELEASE_SHEET].iter_rows(values_only=True))
    release = compute_release(facts, languages=("en",))
    figures = recorded_figures(release)
    assert [(p.number, p.published_on, p.next_publication) for p in record.publications] == \
        [(1, "12.05.2026", "10.08.2026")]
    stamp = openpyxl.load_workbook(published)[RELEASE_SHEET]
    assert record.publications[0].stamp["refreshed_at"] == dict(
        (row[0], row[1]) for row in stamp.iter_rows(min_col=1, max_col=2, values_only=True))["refreshed_at"]
    assert {figure_key(figure): figure.value for figure in figures} == \
        {key: value.value for key, value in record.values.items()}
    assert len(record.values) == len(figures) > 6000
    # The Revisions sheet of the shipped layout: an empty table until a published figure is revised.
    rows = sheet_table(openpyxl.load_workbook(published), REVISIONS_SHEET)
    assert rows == [dict.fromkeys(rows[0], "[z]")]


def test_a_refresh_lists_the_revised_figures_and_publish_needs_them_accepted(published, facts, tmp_path, capsys):
    path = tmp_path / published.name
    shutil.copyfile(published, path)
    data = changed_csv(tmp_path, MONTHLY_CHANGE, ANNUAL_CHANGE)
    capsys.readouterr()
    assert cli.main(["refresh", str(path), "--data", str(data)]) == 0
    expected = {label_key(*key): values for key, values in
                expected_revisions(facts, validate(read_csv_table(data), DATA), MONTHLY_CHANGE,
                                   ANNUAL_CHANGE).items()}
    tables = {"Key indicators" if key[0] == "Key indicators" else key[0] for key in expected}
    assert f"{len(expected)} published figures revised, in {len(tables)} tables; see the Revisions sheet" in \
        capsys.readouterr().out
    book = openpyxl.load_workbook(path)
    listed = {(row["Table"], row["Figure"], row["Region"], row["Period"]): (row["Published value"],
                                                                            row["New value"])
              for row in sheet_table(book, REVISIONS_SHEET)}
    assert len(listed) == len(sheet_table(book, REVISIONS_SHEET))
    assert listed == expected
    assert all(row["Date of the publication revised"] == "12.05.2026" and
               row["Difference (new − published)"] == pytest.approx(row["New value"] - row["Published value"])
               for row in sheet_table(book, REVISIONS_SHEET))
    # [r] beside the data, the data cells still numbers, the marker column explained by a note
    oth_dep = sheet_table(book, "Y_Oth_Dep")
    marker = next(header for header in oth_dep[0] if header.startswith("Revised since"))
    assert {row["Region"]: row[marker] for row in oth_dep if row[marker] != "not revised"} == {
        "Republic of Kazakhstan": "[r] 2024", "Astana city": "[r] 2024"}
    assert all(isinstance(row["2024 (people)"], int) for row in oth_dep)
    notes = {row["Note number"]: row["Note text"] for row in sheet_table(book, "Notes")}
    assert notes[re.search(r"\[note \d+\]", marker).group(0)].startswith("[r] means revised")

    before, out = digest(path), tmp_path / "public"
    assert cli.main(["publish", str(path), "--out", str(out)]) == 2
    error = capsys.readouterr().err
    assert f"publishing it would revise {len(expected)} published figures" in error
    old, new = expected[("Y_All_Arr", "Arrival of migrants in all flows, by year", "Abai region", "2025")]
    assert "publish again with --accept-revisions" in error
    assert (f"Y_All_Arr, Arrival of migrants in all flows, by year — Abai region, 2025: {old:.0f} published on "
            f"12.05.2026, now {new:.0f} (+300)") in error
    assert f"and {len(expected) - 20} more (all on the Revisions sheet)" in error
    assert digest(path) == before and not out.exists()

    assert cli.main(["publish", str(path), "--out", str(out), "--accept-revisions"]) == 0
    printed = capsys.readouterr().out
    assert "accepted with --accept-revisions" in printed and "Recorded publication 2 of 12.05.2026" in printed
    page = next(out.glob("*.md")).read_text(encoding="utf-8").replace("\\", "")  # Markdown escapes undone
    assert f"This release revises figures published on 12.05.2026 (revised figures: {len(expected)}; tables: " \
           f"{len(tables)}):" in page
    assert "- Migration with other countries - departure, by year (Y_Oth_Dep): 2024" in page
    public = openpyxl.load_workbook(next(out.glob("*.xlsx")))
    assert len(sheet_table(public, REVISIONS_SHEET)) == len(expected)

    # The figures are published now: unchanged data revises nothing; a new month revises nothing.
    assert cli.main(["refresh", str(path)]) == 0
    assert "No published figure revised since the publication of 12.05.2026." in capsys.readouterr().out
    assert sheet_table(openpyxl.load_workbook(path), REVISIONS_SHEET)[0]["Table"] == "[z]"
    april = pd.read_csv(data, dtype=str, keep_default_na=False)
    april = pd.concat([april, april[april["period"] == "2026-03"].assign(period="2026-04")])
    april.to_csv(tmp_path / "april.csv", index=False)
    assert cli.main(["refresh", str(path), "--data", str(tmp_path / "april.csv")]) == 0
    assert "No published figure revised" in capsys.readouterr().out


def test_the_record_survives_a_libreoffice_save(published, tmp_path, capsys):
    """LibreOffice 7.4 loads and saves the published workbook (as File > Save would): the record reads back the
    same, a refresh of the saved file finds nothing revised and hides `_Release` again, and a change to the data
    is found against the publication of 12.05.2026."""
    saved = convert_with_libreoffice(published, tmp_path)
    original = read_record(openpyxl.load_workbook(published)[RELEASE_SHEET].iter_rows(values_only=True))
    book = openpyxl.load_workbook(saved)
    assert book[RELEASE_SHEET].sheet_state in ("hidden", "veryHidden")  # LibreOffice has no "very hidden"
    again = read_record(book[RELEASE_SHEET].iter_rows(values_only=True))
    assert again.publications == original.publications
    assert {key: (value.value, value.publication) for key, value in again.values.items()} == \
        {key: (value.value, value.publication) for key, value in original.values.items()}
    capsys.readouterr()
    assert cli.main(["refresh", str(saved)]) == 0
    assert "No published figure revised since the publication of 12.05.2026." in capsys.readouterr().out
    assert openpyxl.load_workbook(saved)[RELEASE_SHEET].sheet_state == "veryHidden"
    assert cli.main(["refresh", str(saved), "--data", str(changed_csv(tmp_path, ANNUAL_CHANGE))]) == 0
    assert "12 published figures revised, in 6 tables" in capsys.readouterr().out


# --- both doors: the button's macro on the in-memory xlwings engine finds what the file door finds -------------

def with_changed_data_sheet(source: Path, target: Path, *changes: dict) -> Path:
    """A copy of `source` whose Data sheet cells carry `changes` (as a user types them in Excel)."""
    book = openpyxl.load_workbook(source)
    sheet = book["Data"]
    header = [cell.value for cell in sheet[1]]
    for change in changes:
        period = str(change["year"]) if not change["month"] else f"{change['year']}-{change['month']:02d}"
        name = region_by_kato(change["region"]).name_en
        matches = [row for row in sheet.iter_rows(min_row=2)
                   if [str(row[header.index(column)].value) for column in ("period", "region", "flow", "direction")]
                   == [period, name, change["flow"], change["direction"]]]
        assert len(matches) == 1
        cell = matches[0][header.index("people")]
        cell.value = int(cell.value) + change["delta"]
    book.save(target)
    return target


def revision_facts(revisions) -> list[tuple]:
    return [(r.figure, r.region.kato, r.span, r.published, r.new, r.publication.number) for r in revisions.items]


def test_both_doors_find_the_same_revisions(published, tmp_path):
    changed_book = with_changed_data_sheet(published, tmp_path / "changed.xlsx", MONTHLY_CHANGE, ANNUAL_CHANGE)
    file_copy = tmp_path / "file.xlsx"
    shutil.copyfile(changed_book, file_copy)
    by_file = refresh_workbook(file_copy)
    book = load_workbook(changed_book)
    by_button = macros.refresh(book)
    assert by_button is not None, book.impl.app.alerts
    assert revision_facts(by_button.revisions) == revision_facts(by_file.revisions)
    assert len(by_file.revisions.items) == 42
    alerts = [alert for alert in book.impl.app.alerts if alert["title"] == "Refresh release: published figures revised"]
    assert [(alert["prompt"], alert["mode"]) for alert in alerts] == [(by_file.revisions.summary(), "info")]
    # Both carry the record over unchanged, and write the same Revisions sheet and markers.
    button = dump_book(book, [RELEASE_SHEET, REVISIONS_SHEET, "Y_Oth_Dep", "Key indicators"])
    file = dump_openpyxl(file_copy, [RELEASE_SHEET, REVISIONS_SHEET, "Y_Oth_Dep", "Key indicators"])
    for name in (REVISIONS_SHEET, "Y_Oth_Dep", "Key indicators"):
        assert button[name] == file[name], name
    record_cells = {address: value for address, value in file[RELEASE_SHEET].items() if address[0] not in "AB"}
    assert {address: button[RELEASE_SHEET].get(address) for address in record_cells} == record_cells
    original = read_record(openpyxl.load_workbook(published)[RELEASE_SHEET].iter_rows(values_only=True))
    written = read_record(openpyxl.load_workbook(file_copy)[RELEASE_SHEET].iter_rows(values_only=True))
    assert written.values == original.values and written.publications == original.publications


def test_xlwings_lite_finds_the_same_revisions(published, tmp_path):
    """The third door: the Lite script on xlwings' remote engine, payload from the published and changed workbook,
    writes the Revisions sheet the file door writes."""
    changed_book = with_changed_data_sheet(published, tmp_path / "changed.xlsx", MONTHLY_CHANGE)
    file_copy = tmp_path / "file.xlsx"
    shutil.copyfile(changed_book, file_copy)
    by_file = refresh_workbook(file_copy)
    with remote_engine() as xw:
        import migrelease.lite

        payload = payload_from_workbook(changed_book, xw.__version__)
        actions = script_call(migrelease.lite, "refresh_release", json.loads(json.dumps(payload)))
    office = OfficeBook(payload).apply(actions)
    assert len(by_file.revisions.items) == 30
    lite_sheet = office.dump([REVISIONS_SHEET])[REVISIONS_SHEET]
    file_sheet = dump_openpyxl(file_copy, [REVISIONS_SHEET])[REVISIONS_SHEET]
    assert {address: value for address, value in lite_sheet.items() if address[0] in "AC"} == \
        {address: value for address, value in file_sheet.items() if address[0] in "AC"}
    assert len([address for address in lite_sheet if address.startswith("C")]) == 1 + 30  # header + rows


def test_a_draft_is_not_recorded_and_an_edited_record_stops_the_refresh(published, tmp_path, capsys):
    path = tmp_path / published.name
    shutil.copyfile(published, path)
    # Data changed after the refresh: the gate refuses, --draft publishes anyway, marked DRAFT — and unrecorded.
    with_changed_data_sheet(published, path, MONTHLY_CHANGE)
    assert cli.main(["publish", str(path), "--out", str(tmp_path / "draft"), "--draft"]) == 0
    record = read_record(openpyxl.load_workbook(path)[RELEASE_SHEET].iter_rows(values_only=True))
    assert [publication.number for publication in record.publications] == [1]
    # A record edited by hand is never overwritten: the refresh stops, the workbook is left as it was.
    book = openpyxl.load_workbook(path)
    sheet = book[RELEASE_SHEET]
    cell = next(cell for row in sheet.iter_rows() for cell in row
                if isinstance(cell.value, str) and cell.value.startswith("Y_Ext_Arr"))
    sheet.cell(cell.row, cell.column + 2).value = "12 abc"
    book.save(path)
    before = digest(path)
    capsys.readouterr()
    assert cli.main(["refresh", str(path)]) == 2
    error = capsys.readouterr().err
    assert "sheet '_Release': the publication record, figure Y_Ext_Arr" in error and "'abc' is not a number" in error
    assert digest(path) == before

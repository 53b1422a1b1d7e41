"""Issue 18: the publication record and the revisions a refresh finds against it.

The expected revisions are derived here from the data contract alone — which tables sum the changed count, which
columns contain its period — and their old and new values are summed straight from the data rows with pandas,
never through the release's cube, tables or the detector under test.
"""

from __future__ import annotations

import dataclasses
import math
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
import pytest

from conftest import SAMPLE_DATA
from migrelease.filedoor.csv_source import read_csv_table
from migrelease.model.facts import DATA, validate
from migrelease.model.regions import COUNTRY, regions
from migrelease.release.compute import compute_release
from migrelease.sheets.plan import plan_refresh
from migrelease.sheets.publication_record import (NO_RECORD, PublicationRecord, PublishedValue, RecordUnreadable,
                                                  figure_key, record_after_publication, recorded_figures, record_blocks, record_from_rows)
from migrelease.sheets.revisions import REVISED, REVISIONS_SHEET, find_revisions

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

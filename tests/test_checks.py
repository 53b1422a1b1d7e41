"""The consistency checks: each rule finds what is planted, errors stop the refresh before anything is written,
warnings are written on the Checks sheet and printed by the CLI."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from migrelease import cli
from migrelease.release.checks import CHANGE_MINIMUM_SETTING, RULES, check_release
from migrelease.sheets.checks_sheet import check_rows_sheet, checks_sheet
from migrelease.filedoor.csv_source import read_csv_table
from migrelease.model.facts import DATA, ETHNICITY, POPULATION, validate
from migrelease.model.problems import InputProblems
from migrelease.release.compute import compute_release
from migrelease.model.tables import TABLE_SPECS
from migrelease.filedoor.refresh import refresh_workbook
from publication_workbooks import SETTINGS, build_workbook
from conftest import SAMPLE_DATA, SAMPLE_ETHNICITY, SAMPLE_POPULATION

REGION = "Aktobe region"


def _edit_people(period: str, region: str, flow: str, direction: str, change):
    def edit(frame):
        frame = frame.copy()
        mask = ((frame["period"] == period) & (frame["region"] == region) & (frame["flow"] == flow)
                & (frame["direction"] == direction))
        assert mask.sum() == 1
        frame.loc[mask, "people"] = str(change(int(frame.loc[mask, "people"].iloc[0])))
        return frame
    return edit


def _fresh_release(population=False, ethnicity=False):
    facts = validate(read_csv_table(SAMPLE_DATA), DATA)
    extra = {}
    if population:
        extra["population"] = validate(read_csv_table(SAMPLE_POPULATION), POPULATION)
    if ethnicity:
        extra["ethnicity"] = validate(read_csv_table(SAMPLE_ETHNICITY), ETHNICITY)
    return compute_release(facts, languages=("en",), **extra)


def _results(release):
    return {result.rule.number: result for result in check_release(release)}


def test_sample_passes_every_error_rule():
    release = _fresh_release(population=True, ethnicity=True)
    results = _results(release)
    assert [number for number, result in results.items() if result.result == "error"] == []
    assert len(results) == len(RULES) == 8
    # Rule 7 flags exactly the rows whose change, computed here by hand, is beyond ±50 % where both figures are at
    # least 100 people (the default minimum).
    current, previous = release.span, release.span.same_period_a_year_earlier()
    expected = set()
    for spec in TABLE_SPECS:
        if spec.frequency == "annual" and spec.measure != "balance":
            table = release.tables[spec.code]
            now, before = table.columns.index(current), table.columns.index(previous)
            for row, region in enumerate(table.rows):
                a, b = table.values[row, now], table.values[row, before]
                if b and abs((a / b - 1) * 100) > 50.05 and min(a, b) >= 100:
                    expected.add((spec.code, region.name_en))
    assert expected, "the sample has changes beyond ±50 %"
    assert {(f.where, f.row) for f in results[7].findings} == expected
    assert results[7].result == "warning"


def test_rules_on_tampered_tables():
    release = _fresh_release()
    bal = release.tables["Y_Ext_Bal"]
    bal.values[3, -1] += 7  # region 3, current period: balance no longer arrivals − departures
    release.tables["Y_Int_Arr"].values[0, 0] += 1  # the country no longer the sum of its regions
    results = _results(release)
    broken_balance = [(f.where, f.row, f.found - f.expected) for f in results[1].findings]
    assert ("Y_Ext_Bal", "Aktobe region", 7.0) in broken_balance
    assert any(f.where == "Y_Ext_Bal" for f in results[2].findings), "external ≠ CIS + other"
    assert [(f.where, f.row) for f in results[3].findings] == [("Y_Ext_Bal", "Republic of Kazakhstan"),
                                                                ("Y_Int_Arr", "Republic of Kazakhstan")]
    assert results[1].result == results[2].result == results[3].result == "error"


def test_share_rule_flags_shares_outside_0_100():
    release = _fresh_release(ethnicity=True)
    frame = release.ethnic
    frame.shares["arrival"][0] = 120.0
    findings = _results(release)[6].findings
    assert [(f.where, f.row, f.found) for f in findings] == [("Ethnic (arrival)", frame.groups[0], 120.0)]


def test_planted_change_is_a_warning_on_the_checks_sheets_and_printed(tmp_path, capsys):
    path = build_workbook(tmp_path / "warning.xlsx",
                          edits={DATA: _edit_people("2026-01", REGION, "cis", "arrival", lambda n: n * 10 + 50)})
    assert cli.main(["refresh", str(path)]) == 0
    printed = capsys.readouterr().out
    assert "warning: check 7" in printed and f"Y_CIS_Arr: {REGION}" in printed
    book = openpyxl.load_workbook(path)
    rows = list(book["Checks"].iter_rows(min_row=6, values_only=True))
    summary = {row[0]: row for row in rows}
    assert summary[7][3] == "warning" and summary[4][3] == "OK" and summary[7][4] >= 1
    assert "warnings 1;" in book["Checks"]["A3"].value
    flagged = list(book["Check_rows"].iter_rows(min_row=6, values_only=True))
    assert any(row[:4] == (7, "warning", "Y_CIS_Arr", REGION) and row[5] > 50 for row in flagged)
    assert len(flagged) == summary[7][4]


def test_a_change_is_flagged_only_where_both_figures_reach_the_minimum(tmp_path):
    """1 -> 2 people is +100 %: not news. Small figures are flagged only when the Settings key asks for it."""
    small = _edit_people("2026-01", REGION, "other", "departure", lambda n: n * 10 + 50)  # 14 -> 108 people
    path = build_workbook(tmp_path / "small.xlsx", edits={DATA: small})
    plan = refresh_workbook(path)
    assert ("Y_Oth_Dep", REGION) not in {(f.where, f.row) for r in plan.checks if r.rule.number == 7
                                         for f in r.findings}
    path = build_workbook(tmp_path / "small_minimum_0.xlsx", edits={DATA: small},
                          settings={**SETTINGS, CHANGE_MINIMUM_SETTING: "0"})
    plan = refresh_workbook(path)
    assert ("Y_Oth_Dep", REGION) in {(f.where, f.row) for r in plan.checks if r.rule.number == 7
                                     for f in r.findings}
    assert "at least 0 people" in openpyxl.load_workbook(path)["Checks"]["B12"].value
    path = build_workbook(tmp_path / "bad_minimum.xlsx", settings={**SETTINGS, CHANGE_MINIMUM_SETTING: "many"})
    before = path.read_bytes()
    with pytest.raises(InputProblems, match="'Minimum for change warnings' is 'many': write a whole number"):
        refresh_workbook(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize("edit, check", [
    (_edit_people("2026-02", REGION, "interregional", "arrival", lambda n: n + 100), 4),
])
def test_error_stops_the_refresh_and_writes_nothing(tmp_path, capsys, edit, check):
    path = build_workbook(tmp_path / "error.xlsx", edits={DATA: edit})
    before = path.read_bytes()
    with pytest.raises(InputProblems) as raised:
        refresh_workbook(path)
    assert f"breaks check {check}" in str(raised.value)
    assert "February 2026: found 100, expected 0" in str(raised.value)
    assert path.read_bytes() == before
    assert cli.main(["refresh", str(path)]) == 2
    assert f"breaks check {check}" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_a_year_must_equal_its_months(tmp_path):
    def add_wrong_year(frame):
        months = frame[frame["period"].str.startswith("2025-") & (frame["region"] == REGION)
                       & (frame["flow"] == "cis") & (frame["direction"] == "arrival")]
        total = sum(int(n) for n in months["people"])
        row = months.iloc[[0]].assign(period="2025", people=str(total + 7))
        return pd.concat([frame, row], ignore_index=True)
    path = build_workbook(tmp_path / "year.xlsx", edits={DATA: add_wrong_year}, specs=(DATA,))
    with pytest.raises(InputProblems) as raised:
        refresh_workbook(path)
    message = str(raised.value)
    assert "breaks check 5" in message and f"{REGION}, 2025: found" in message


def test_checks_sheets_layout_without_findings():
    release = _fresh_release()
    results = check_release(release)
    for result in results:
        object.__setattr__(result, "findings", ())
    assert [table.name for table in checks_sheet(release, results).tables] == ["T_Checks"]
    rows = check_rows_sheet(release, results)
    assert [table.name for table in rows.tables] == ["T_Check_rows"]
    assert any("No row breaks any rule." in str(block.values) for block in rows.blocks)

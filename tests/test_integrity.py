"""Issue 12: a release that cannot publish a false figure — the stamp, completeness, the publish gates, the public
copy, one-pass validation, concurrent refreshes, clearer refusals."""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import os
import shutil
import stat
import sys
import time
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from migrelease import __version__, cli
from migrelease.filedoor.csv_source import read_csv_table
from migrelease.filedoor.refresh import read_inputs, refresh_workbook
from migrelease.model.facts import DATA, validate
from migrelease.model.problems import InputProblems
from migrelease.publish.gates import publish_gate
from migrelease.release.compute import RefreshOptions, compute_release
from migrelease.release.stamp import Stamp, frame_fingerprint, input_fingerprints
from migrelease.sheets.release_sheet import RELEASE_SHEET
from conftest import SAMPLE_DATA
from publication_workbooks import build_workbook, convert_with_libreoffice

SHYMKENT = "Shymkent city"
PUBLIC_SHEETS_START = ["Cover", "Contents", "Notes", "Key points", "Key indicators"]


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def without(period: str, region: str):
    def edit(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[~((frame["period"] == period) & (frame["region"] == region))]
    return edit


def stamp_of(path: Path) -> Stamp:
    book = openpyxl.load_workbook(path)
    return Stamp.from_rows(book[RELEASE_SHEET].iter_rows(values_only=True))


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    """The sample inputs with the dates of publication set, refreshed once (copy before changing it)."""
    path = build_workbook(tmp_path_factory.mktemp("integrity") / "release.xlsx")
    refresh_workbook(path)
    return path


def copy(path: Path, folder: Path, name: str = "release.xlsx") -> Path:
    target = folder / name
    shutil.copyfile(path, target)
    return target


# --- 1. the stamp ---------------------------------------------------------------------------------------------

def test_every_refresh_stamps_what_it_was_made_from(sample):
    book = openpyxl.load_workbook(sample)
    assert book[RELEASE_SHEET].sheet_state == "veryHidden"
    stamp = stamp_of(sample)
    inputs = read_inputs(sample)
    assert (stamp.period, stamp.reporting_period, stamp.comparison_period) == (
        "2026-03", "2026-01..2026-03", "2025-01..2025-03")
    assert (stamp.door, stamp.migrelease_version, stamp.missing_rows, stamp.allow_incomplete) == (
        "file", __version__, "error", False)
    assert stamp.when == "12.05.2026 14:03"  # SOURCE_DATE_EPOCH of the test run
    assert stamp.fingerprints == input_fingerprints(inputs.facts, inputs.population, inputs.ethnicity,
                                                    inputs.settings)


def test_the_fingerprint_follows_values_not_row_order():
    raw = read_csv_table(SAMPLE_DATA)
    facts = validate(raw, DATA)
    reordered = validate(type(raw)(raw.source, raw.header, raw.rows[::-1], raw.first_row_number), DATA)
    assert frame_fingerprint(reordered) == frame_fingerprint(facts)
    changed = facts.copy()
    changed.loc[changed.index[17], "people"] += 1
    assert frame_fingerprint(changed) != frame_fingerprint(facts)


def test_the_stamp_survives_a_libreoffice_save_and_the_gate_still_opens(sample, tmp_path):
    saved = convert_with_libreoffice(sample, tmp_path)  # load + save as .xlsx by LibreOffice 7.4
    book = openpyxl.load_workbook(saved)
    assert book[RELEASE_SHEET].sheet_state in ("veryHidden", "hidden")  # LibreOffice has no "very hidden"
    assert stamp_of(saved) == stamp_of(sample)
    gate = publish_gate(saved)
    assert gate.open, gate.refusals  # the inputs read back from LibreOffice's file have the same fingerprints


# --- 2. completeness -------------------------------------------------------------------------------------------

def test_a_region_missing_for_a_month_is_an_error_grouped_for_a_person(tmp_path):
    path = build_workbook(tmp_path / "gap.xlsx", edits={DATA: without("2026-03", SHYMKENT)})
    before = digest(path)
    with pytest.raises(InputProblems) as error:
        refresh_workbook(path)
    messages = [problem.message for problem in error.value.problems]
    assert messages[0] == "Shymkent city, 2026-03: all 8 flow × direction rows missing"
    assert "--missing-rows zero" in messages[-1] and "--allow-incomplete" in messages[-1]
    assert len(messages) == 2
    assert digest(path) == before


def without_other_flow(frame: pd.DataFrame) -> pd.DataFrame:
    """Shymkent's 2026-03 migration with other countries left out, as exports that drop zero counts do."""
    return frame[~((frame["period"] == "2026-03") & (frame["region"] == SHYMKENT) & (frame["flow"] == "other"))]


def test_missing_rows_zero_and_allow_incomplete(tmp_path, capsys):
    path = build_workbook(tmp_path / "zeros.xlsx", edits={DATA: without_other_flow})
    with pytest.raises(InputProblems) as error:
        refresh_workbook(path)
    assert error.value.problems[0].message == ("Shymkent city, 2026-03: 2 of 8 flow × direction rows missing "
                                               "(other arrival, other departure)")
    assert cli.main(["refresh", str(path), "--missing-rows", "zero"]) == 0
    stamp = stamp_of(path)
    assert (stamp.missing_rows, stamp.missing_region_months) == ("zero", 0)
    other = next(row for row in openpyxl.load_workbook(path)["Y_Oth_Arr"].iter_rows(values_only=True)
                 if row[0] == SHYMKENT)
    assert isinstance(other[-1], int), "January–March 2026 is known: March's absent rows count as 0"
    facts = read_inputs(path).facts
    assert len(facts) == 3998, "the Data sheet keeps what the user gave; the zeros are the reading of it"

    path = build_workbook(tmp_path / "gap.xlsx", edits={DATA: without("2026-03", SHYMKENT)})
    assert cli.main(["refresh", str(path), "--allow-incomplete"]) == 0
    stamp = stamp_of(path)
    assert (stamp.missing_rows, stamp.allow_incomplete, stamp.missing_region_months) == ("error", True, 1)
    book = openpyxl.load_workbook(path)
    checks = {}
    for row in book["Checks"].iter_rows(values_only=True):
        if isinstance(row[0], int):
            checks.setdefault(row[0], row)  # the summary table comes first
    assert checks[8][3] == "error" and checks[8][4] == 1
    table = book["Y_Ext_Arr"]
    shymkent = next(row for row in table.iter_rows(values_only=True) if row[0] == SHYMKENT)
    country = next(row for row in table.iter_rows(values_only=True) if row[0] == "Republic of Kazakhstan")
    assert shymkent[-1] == country[-1] == "[x]", "what cannot be known is not available, never a partial sum"
    assert "error: check 8" in capsys.readouterr().out


def test_missing_rows_zero_as_a_setting(tmp_path):
    settings = {"Date of publication": "12.05.2026", "Date of next publication": "10.08.2026", "Missing rows": "zero"}
    path = build_workbook(tmp_path / "zeros.xlsx", edits={DATA: without_other_flow}, settings=settings)
    assert refresh_workbook(path).stamp.missing_rows == "zero"


def test_a_typed_year_in_the_future_is_an_error(tmp_path):
    typed_at = []

    def typo(frame):
        frame = frame.copy()
        frame.loc[frame.index[-1], "period"] = "2062-03"
        typed_at.append(len(frame) + 1)  # the sheet row of the last data row (the header is row 1)
        return frame
    path = build_workbook(tmp_path / "typo.xlsx", edits={DATA: typo})
    with pytest.raises(InputProblems) as error:
        refresh_workbook(path)
    messages = [problem.message for problem in error.value.problems]
    assert messages[0] == "2062-03 is in the future — a typo?"
    assert str(error.value.problems[0]) == f"sheet 'Data', row {typed_at[0]}, column period: {messages[0]}"
    assert messages[1] == ("Shymkent city, 2026-03: 1 of 8 flow × direction rows missing (intraregional departure)"), \
        "the row the typo took away from 2026-03, in the same list"


def test_a_year_given_only_as_annual_rows_cannot_be_a_comparison_by_month():
    facts = validate(read_csv_table(SAMPLE_DATA), DATA)
    with pytest.raises(InputProblems) as error:
        compute_release(facts, "2025-06", languages=())
    assert error.value.problems[0].message.startswith("2024-01 to 2024-06: no monthly rows — 2024 is given only")
    release = compute_release(facts, "2025-06", languages=(), options=RefreshOptions(allow_incomplete=True))
    assert len(release.gaps) == 20 * 6


def test_a_period_more_than_a_year_after_the_previous_latest_is_an_error():
    facts = validate(read_csv_table(SAMPLE_DATA), DATA)
    late = facts.iloc[:1].assign(year=2027, month=6)
    with pytest.raises(InputProblems) as error:
        compute_release(pd.concat([facts, late]), languages=(), options=RefreshOptions(today=dt.date(2027, 7, 1)))
    assert error.value.problems[0].message == ("2027-06 is 15 months after the data's previous latest period 2026-03 "
                                               "— a typo?")
    assert error.value.problems[0].row == late.index[0], "the line the late period came from"


# --- 4. publish gates -------------------------------------------------------------------------------------------

def test_publish_refuses_a_workbook_never_refreshed(tmp_path, capsys):
    path = build_workbook(tmp_path / "fresh.xlsx")
    assert cli.main(["publish", str(path), "--out", str(tmp_path / "out")]) == 2
    assert "has never been refreshed" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_publish_refuses_data_changed_after_the_refresh_and_a_draft_is_marked(sample, tmp_path, capsys):
    path = copy(sample, tmp_path)
    book = openpyxl.load_workbook(path)
    book["Data"]["E2"] = book["Data"]["E2"].value + 1
    book.save(path)
    assert cli.main(["publish", str(path), "--out", str(tmp_path / "out")]) == 2
    assert "Data changed after the refresh of 12.05.2026 14:03; refresh first" in capsys.readouterr().err
    assert not (tmp_path / "out").exists() and not list(tmp_path.glob(".~migrelease*"))

    assert cli.main(["publish", str(path), "--out", str(tmp_path / "out"), "--draft"]) == 0
    public = next((tmp_path / "out").glob("*.xlsx"))
    assert openpyxl.load_workbook(public)["Cover"]["A1"].value.startswith("DRAFT")
    page = next((tmp_path / "out").glob("*.md")).read_text(encoding="utf-8")
    assert page.startswith("# DRAFT") and "Data changed after the refresh" in page


def test_publish_refuses_unset_dates_and_sets_them_from_the_command_line(tmp_path, capsys):
    path = build_workbook(tmp_path / "nodates.xlsx", settings=None)
    refresh_workbook(path)
    assert cli.main(["publish", str(path), "--out", str(tmp_path / "out")]) == 2
    assert "'Date of publication' and 'Date of next publication' not set" in capsys.readouterr().err
    assert cli.main(["publish", str(path), "--out", str(tmp_path / "out"), "--published", "12.05.2026",
                     "--next", "10.08.2026"]) == 0
    assert read_inputs(path).settings["Date of publication"] == "12.05.2026"
    assert publish_gate(path).open, "the dates were written and the workbook restamped"


def test_publish_refuses_an_error_on_checks(tmp_path, capsys):
    path = build_workbook(tmp_path / "gap.xlsx", edits={DATA: without("2026-03", SHYMKENT)})
    refresh_workbook(path, allow_incomplete=True)
    assert cli.main(["publish", str(path), "--out", str(tmp_path / "out")]) == 2
    assert "sheet 'Checks': holds an error: check 8" in capsys.readouterr().err


# --- 5 and 6. the public copy, written whole or not at all ------------------------------------------------------

def test_the_public_copy_is_the_release_and_nothing_else(sample, tmp_path):
    path = copy(sample, tmp_path)
    book = openpyxl.load_workbook(path)
    book.create_sheet("My secret notes")["A1"] = "not for the public"
    hidden = book.create_sheet("Hidden")
    hidden.sheet_state = "hidden"
    book.save(path)
    refresh_workbook(path)
    assert cli.main(["publish", str(path), "--out", str(tmp_path / "out")]) == 0
    names = sorted(item.name for item in (tmp_path / "out").iterdir())
    assert all(name == name.lower() and name.isascii() and " " not in name and "_" not in name for name in names)
    public = openpyxl.load_workbook(next((tmp_path / "out").glob("*.xlsx")))
    assert public.sheetnames[:5] == PUBLIC_SHEETS_START and public.sheetnames[-2:] == ["Charts", "Revisions"]
    assert not {"Settings", "Checks", RELEASE_SHEET, "Data", "Population", "Ethnicity", "xlwings.conf",
                "My secret notes", "Hidden"} & set(public.sheetnames)
    assert all(sheet.sheet_state == "visible" for sheet in public.worksheets)
    assert not [cell for sheet in public.worksheets for row in sheet.iter_rows() for cell in row
                if cell.comment is not None or cell.data_type == "f"]
    contents = [row[0] for row in public["Contents"].iter_rows(min_row=5, values_only=True) if row[0]]
    assert contents == public.sheetnames
    assert "computed from the dynamic tables" in public["Key indicators"]["A2"].value

    assert cli.main(["publish", str(path), "--out", str(tmp_path / "with-data"), "--include-data"]) == 0
    with_data = openpyxl.load_workbook(next((tmp_path / "with-data").glob("*.xlsx")))
    assert with_data.sheetnames[-3:] == ["Data", "Population", "Ethnicity"]


def test_a_failed_publish_leaves_nothing_new(sample, tmp_path, monkeypatch):
    from migrelease.publish import release_files

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(release_files, "write_chart_pngs", disk_full)
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.txt").write_text("kept")
    with pytest.raises(OSError):
        release_files.publish_workbook(copy(sample, tmp_path), out)
    assert [item.name for item in out.iterdir()] == ["old.txt"]
    assert [item.name for item in tmp_path.iterdir() if item.name.startswith(".~")] == []


def test_charts_given_a_file_or_out_a_file_fail_before_anything_is_written(sample, tmp_path, capsys):
    path = copy(sample, tmp_path)
    before = digest(path)
    target = tmp_path / "charts.png"
    target.write_text("a file")
    assert cli.main(["refresh", str(path), "--charts", str(target)]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err
    assert cli.main(["publish", str(path), "--out", str(target)]) == 2
    assert "'charts.png' is a file" in capsys.readouterr().err.replace(str(tmp_path) + os.sep, "")
    assert digest(path) == before


# --- 8. concurrent refreshes -------------------------------------------------------------------------------------

FORK = multiprocessing.get_context("fork")  # children start at once, migrelease already imported


def _refresh_in_child(path: str, data: str | None, messages) -> None:
    try:
        refresh_workbook(path, data_csv=data)
    except InputProblems as error:
        messages.put(error.report())
        sys.exit(2)


def _edit_in_child(path: str, edited: str, delay: float) -> None:
    time.sleep(delay)
    shutil.copyfile(edited, path + ".edit")
    os.replace(path + ".edit", path)  # how Excel and LibreOffice save: a new file renamed over the old


def tables_agree_with_data(path: Path) -> bool:
    """The file's stamp matches its inputs and its Y_Ext_Arr country figure equals the sum over its Data."""
    gate = publish_gate(path)
    if gate.stamp is None or any("changed after the refresh" in problem.message for problem in gate.refusals):
        return False
    book = openpyxl.load_workbook(path, read_only=True)
    country = next(row for row in book["Y_Ext_Arr"].iter_rows(values_only=True)
                   if row[0] == "Republic of Kazakhstan")
    facts = gate.inputs.facts
    mask = (facts["year"] == 2026) & facts["month"].between(1, 3) & facts["flow"].isin(["cis", "other"]) & (
        facts["direction"] == "arrival")
    return country[-1] == int(facts.loc[mask, "people"].sum())


def test_two_refreshes_started_together_never_mix(sample, tmp_path):
    other = tmp_path / "other.csv"
    frame = pd.read_csv(SAMPLE_DATA, dtype=str)
    frame["people"] = (frame["people"].astype(int) * 2).astype(str)
    frame.to_csv(other, index=False)
    messages = FORK.Queue()
    for _ in range(20):
        path = copy(sample, tmp_path)
        runs = [FORK.Process(target=_refresh_in_child, args=(str(path), data, messages))
                for data in (str(other), None)]
        for run in runs:
            run.start()
        for run in runs:
            run.join(120)
        assert [run.exitcode for run in runs] == [0, 0], messages.get(timeout=1)
        assert tables_agree_with_data(path), "one complete refresh: its tables agree with its Data"


def test_a_refresh_racing_an_edit_of_the_file_never_mixes(sample, tmp_path):
    edited = tmp_path / "edited.xlsx"
    shutil.copyfile(sample, edited)
    book = openpyxl.load_workbook(edited)
    book["Data"]["E2"] = book["Data"]["E2"].value + 1000  # an edit made without refreshing
    book.save(edited)
    messages = FORK.Queue()
    for attempt in range(20):
        path = copy(sample, tmp_path)
        refresh = FORK.Process(target=_refresh_in_child, args=(str(path), None, messages))
        edit = FORK.Process(target=_edit_in_child, args=(str(path), str(edited), 0.04 * attempt))
        refresh.start()
        edit.start()
        refresh.join(120)
        edit.join(120)
        if refresh.exitcode == 2:
            assert "was changed by another program while it was being refreshed; nothing was written" in \
                messages.get(timeout=1)
            assert digest(path) == digest(edited)
        # the edit won (the file is exactly the edit, not refreshed), or the file is one complete refresh
        assert digest(path) == digest(edited) or tables_agree_with_data(path), "never one's Data, other's tables"


# --- 9. validate --------------------------------------------------------------------------------------------------

def test_validate_lists_every_problem_in_one_pass_and_writes_nothing(tmp_path, capsys):
    path = build_workbook(tmp_path / "bad.xlsx", edits={DATA: without("2026-03", SHYMKENT)})
    book = openpyxl.load_workbook(path)
    data = book["Data"]
    data["E7"] = "abc"
    data.append([cell.value for cell in data[9]])  # a duplicate of row 9
    book.save(path)
    before = digest(path)
    assert cli.main(["validate", str(path)]) == 2
    out = capsys.readouterr().out
    assert "'abc' is not a whole number" in out and "duplicates row 9" in out
    assert "Shymkent city, 2026-03: all 8 flow × direction rows missing" in out
    assert digest(path) == before
    assert cli.main(["validate", "--data", str(SAMPLE_DATA)]) == 0


def test_validate_says_line_for_csv_files(tmp_path, capsys):
    data = tmp_path / "data.csv"
    lines = SAMPLE_DATA.read_text(encoding="utf-8").splitlines()
    data.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    assert cli.main(["validate", "--data", str(data)]) == 2
    out = capsys.readouterr().out
    assert f"file 'data.csv', line {len(lines) + 1}: duplicates line 2" in out and " row " not in out


# --- 10. refusals --------------------------------------------------------------------------------------------------

def test_a_password_protected_workbook_is_refused(sample, tmp_path, capsys):
    from msoffcrypto.format.ooxml import OOXMLFile
    encrypted = tmp_path / "locked.xlsx"
    with open(sample, "rb") as plain, open(encrypted, "wb") as out:
        OOXMLFile(plain).encrypt("secret", out)
    assert cli.main(["refresh", str(encrypted)]) == 2
    assert "is password-protected: remove the password and try again" in capsys.readouterr().err


def test_a_read_only_workbook_is_refused_even_for_root(sample, tmp_path, capsys):
    path = copy(sample, tmp_path)
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    before = digest(path)
    assert cli.main(["refresh", str(path)]) == 2
    assert "is read-only" in capsys.readouterr().err
    assert digest(path) == before


def test_a_totals_row_a_formula_without_value_and_two_people_columns(tmp_path, capsys):
    from openpyxl.worksheet.table import Table
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet.append(["period", "region", "flow", "direction", "people"])
    sheet.append(["2026-03", "Astana city", "cis", "arrival", "=2+3"])
    book.save(tmp_path / "formula.xlsx")
    assert cli.main(["refresh", str(tmp_path / "formula.xlsx")]) == 2
    assert "column E (people): is a formula with no computed value" in capsys.readouterr().err
    sheet.append(["Total", None, None, None, 5])
    table = Table(displayName="T_Data", ref="A1:E3")
    table.totalsRowCount = 1
    sheet.add_table(table)
    book.save(tmp_path / "totals.xlsx")
    assert cli.main(["refresh", str(tmp_path / "totals.xlsx")]) == 2
    assert "switch off the totals row" in capsys.readouterr().err
    data = tmp_path / "two.csv"
    data.write_text("period,region,flow,direction,people,people\n2026-03,Astana city,cis,arrival,5,6\n")
    assert cli.main(["validate", "--data", str(data)]) == 2
    assert "column 'people' appears 2 times" in capsys.readouterr().out


def test_a_sep_line_is_accepted(tmp_path):
    data = tmp_path / "data.csv"
    lines = SAMPLE_DATA.read_text(encoding="utf-8").splitlines()
    data.write_text("sep=;\n" + "\n".join(line.replace(",", ";") for line in lines) + "\n", encoding="utf-8")
    raw = read_csv_table(data)
    assert raw.first_row_number == 3 and len(validate(raw, DATA)) == len(lines) - 1


def test_version_and_terminal_escapes(capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(["--version"])
    assert done.value.code == 0 and capsys.readouterr().out.strip() == f"migrelease {__version__}"
    assert cli.terminal_safe("Group \x1b[31mred\x1b[0m\n") == "Group \\x1b[31mred\\x1b[0m\n"

import datetime as dt

import pytest

from migrelease.filedoor.csv_source import read_csv_table
from migrelease.model.facts import DATA, RawTable, validate
from migrelease.model.problems import InputProblems
from migrelease.model.regions import ACCEPTED_FORMS, find_region, regions

HEADER = ["period", "region", "flow", "direction", "people"]
LETTERS = ["A", "B", "C", "D", "E"]


def sheet(rows, header=HEADER):
    return RawTable("sheet 'Data'", list(header), [list(r) for r in rows], first_row_number=2,
                    column_labels=LETTERS[:len(header)])


def problems_of(raw):
    with pytest.raises(InputProblems) as caught:
        validate(raw, DATA)
    return [str(p) for p in caught.value.problems]


def test_regions_are_the_bureau_twenty_in_table_order():
    names = [r.name_en for r in regions()]
    assert len(names) == 20
    assert names[0] == "Abai region" and names[3] == "Almaty region" and names[-3:] == [
        "Astana city", "Almaty city", "Shymkent city"]
    assert len({r.kato for r in regions()}) == 20


@pytest.mark.parametrize("spelling, expected", [
    ("Zhetisu region", "Zhetysu region"), ("  ZHETYSU   Region ", "Zhetysu region"), ("Abay", "Abai region"),
    ("Kostanai region", "Kostanay region"), ("710000000", "Astana city"), (710000000, "Astana city"),
    ("75", "Almaty city"), ("north-kazakhstan region", "North Kazakhstan region"), ("Nur-Sultan", "Astana city"),
    ("Алматинская область", "Almaty region"),
])
def test_region_spellings_and_kato_codes(spelling, expected):
    assert find_region(spelling).name_en == expected


def test_unknown_region_and_ambiguous_almaty_are_refused():
    assert find_region("Almaty") is None  # city or region? the user must say
    assert find_region("Atlantis") is None
    assert find_region("000000000") is None  # the country is computed, never input


def test_good_rows_are_tidy_facts_and_a_date_cell_means_its_month():
    facts = validate(sheet([
        ["2026-03", "Astana city", "cis", "arrival", 5],
        [dt.datetime(2026, 2, 1), "710000000", "CIS", "Departures", 7.0],
        [2024, "Abai region", "other", "arrival", "12"],
    ]), DATA)
    assert facts[["year", "month"]].values.tolist() == [[2026, 3], [2026, 2], [2024, 0]]
    assert facts["flow"].tolist() == ["cis", "cis", "other"]
    assert facts["direction"].tolist() == ["arrival", "departure", "arrival"]
    assert facts["people"].tolist() == [5, 7, 12]


def test_every_bad_input_class_is_named_with_sheet_row_and_column_all_at_once():
    problems = problems_of(sheet([
        ["2026-03", "Astana city", "cis", "arrival", "abc"],  # row 2: text in a number column
        ["2026-03", "Atlantis", "cis", "arrival", 5],  # row 3: unknown region
        ["2026-03", "Astana city", "cis", "arrival", -4],  # row 4: negative
        ["2026-03", "Astana city", "", "arrival", 5],  # row 5: blank
        ["2026-13", "Astana city", "cis", "arrival", 5],  # row 6: bad period
        ["2026-03", "Astana city", "smuggling", "arrival", 5],  # row 7: unknown flow
        ["2026-03", "Astana city", "cis", "arrival", 2.5],  # row 8: not whole
    ]))
    assert problems == [
        "sheet 'Data', row 2, column E (people): 'abc' is not a whole number (digits only, no spaces or separators)",
        "sheet 'Data', row 3, column B (region): 'Atlantis' is not one of the 20 regions: write " + ACCEPTED_FORMS
        + "; the country total is computed, not entered",
        "sheet 'Data', row 4: duplicates row 2 (same period, region, flow, direction)",
        "sheet 'Data', row 4, column E (people): -4 is negative: counts of people are 0 or more",
        "sheet 'Data', row 5, column C (flow): is blank",
        "sheet 'Data', row 6, column A (period): '2026-13' is not a period: write YYYY-MM for a month or YYYY "
        "for a whole year",
        "sheet 'Data', row 7, column C (flow): 'smuggling' is not one of: cis, other, interregional, intraregional",
        "sheet 'Data', row 8: duplicates row 2 (same period, region, flow, direction)",
        "sheet 'Data', row 8, column E (people): 2.5 is not a whole number",
    ]


def test_duplicates_name_both_rows():
    problems = problems_of(sheet([
        ["2026-03", "Astana city", "cis", "arrival", 5],
        ["2026-03", "Abai region", "cis", "arrival", 5],
        ["2026-03", "710000000", "cis", "arrivals", 6],
    ]))
    assert problems == ["sheet 'Data', row 4: duplicates row 2 (same period, region, flow, direction)"]


def test_missing_column_is_named():
    problems = problems_of(sheet([["2026-03", "Astana city", "cis", "arrival"]], header=HEADER[:4]))
    assert problems == ["sheet 'Data', row 1, column people: column 'people' is missing from the header "
                        "(expected: period, region, flow, direction, people)"]


def test_csv_rows_are_line_numbers_and_semicolons_and_bom_are_read(tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes("\ufeffperiod;region;flow;direction;people\n2026-03;Astana city;cis;arrival;5\n"
                     "2026-03;Astana city;other;arrival;x\n".encode("utf-8"))
    with pytest.raises(InputProblems) as caught:
        validate(read_csv_table(path), DATA)
    assert [str(p) for p in caught.value.problems] == [
        "file 'data.csv', line 3, column people: 'x' is not a whole number (digits only, no spaces or separators)"]


def test_non_utf8_csv_names_the_line(tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes("period,region,flow,direction,people\n2026-03,Алматы,cis,arrival,5\n".encode("cp1251"))
    with pytest.raises(InputProblems) as caught:
        read_csv_table(path)
    assert str(caught.value.problems[0]).startswith("file 'data.csv', line 2: is not UTF-8 text")

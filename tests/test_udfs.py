"""The UDFs as Excel calls them: COM-shaped arguments through xlwings' real decorators and conversion pipeline
(tests/xlwings_harness.py), results as the 2-D lists that go back to Excel."""

import inspect
import sys

import numpy as np
import pytest

from migrelease import cli
from migrelease.sheets.blocks import cell_value
from migrelease.text.period_labels import span_label
from migrelease.model.tables import TABLE_SPECS, find_table_spec

from conftest import SAMPLE_DATA
from xlwings_harness import COM_MISSING, call_like_excel, com_range, fresh_import

VALUE_ERROR_PREFIX = "#VALUE! "


@pytest.fixture(scope="module")
def udfs():
    with fresh_import("migrelease.udfs") as module:
        yield module


@pytest.fixture(scope="module")
def data_range(sample_rows):
    return com_range(sample_rows)


def udf_functions(module):
    return {name: value for name, value in vars(module).items() if hasattr(value, "__xlfunc__")}


# --- the harness itself --------------------------------------------------------------------------------------

def test_fresh_import_uses_the_real_decorators_and_restores_sys_modules():
    before = {name: sys.modules.get(name) for name in ("xlwings.udfs", "migrelease.udfs", "pythoncom")}
    with fresh_import("migrelease.udfs") as module:
        assert "__xlfunc__" in vars(module.MIG_CHANGE)
        assert module is not before["migrelease.udfs"]
    assert {name: sys.modules.get(name) for name in before} == before


# --- measures: shapes ----------------------------------------------------------------------------------------

def test_a_single_cell_gives_a_single_value(udfs):
    assert call_like_excel(udfs.MIG_CHANGE, 6197.0, 4922.0) == [[25.9]]
    assert call_like_excel(udfs.MIG_BALANCE, 6197.0, 5000.0) == [[1197.0]]
    assert call_like_excel(udfs.MIG_SHARE, 25.0, 200.0) == [[12.5]]
    assert call_like_excel(udfs.MIG_INTENSITY, 30.0, 1000.0, 3.0) == [[120.0]]


def test_an_optional_argument_left_out_takes_its_default(udfs):
    assert call_like_excel(udfs.MIG_INTENSITY, 30.0, 1000.0) == [[30.0]]
    assert call_like_excel(udfs.MIG_INTENSITY, 30.0, 1000.0, COM_MISSING) == [[30.0]]


def test_a_range_gives_a_range_of_the_same_shape(udfs):
    current = ((110.0, 120.0, 130.0), (90.0, 100.0, 50.0))
    previous = ((100.0, 100.0, 100.0), (100.0, 100.0, 100.0))
    assert call_like_excel(udfs.MIG_CHANGE, current, previous) == [[10.0, 20.0, 30.0], [-10.0, 0.0, -50.0]]
    column = ((10.0,), (20.0,), (30.0,))
    assert call_like_excel(udfs.MIG_BALANCE, column, ((1.0,), (2.0,), (3.0,))) == [[9.0], [18.0], [27.0]]


def test_a_range_against_one_cell_broadcasts(udfs):
    assert call_like_excel(udfs.MIG_SHARE, ((10.0, 20.0),), 200.0) == [[5.0, 10.0]]


def test_ranges_of_different_sizes_give_a_message(udfs):
    result = call_like_excel(udfs.MIG_BALANCE, ((1.0, 2.0),), ((1.0, 2.0, 3.0),))
    assert result == [["#VALUE! the ranges have different sizes"]]


def test_a_million_cells_are_one_vectorised_call(udfs, monkeypatch):
    calls = []
    original = udfs.measures.change

    def counting(*args):
        calls.append([np.shape(arg) for arg in args])
        return original(*args)

    monkeypatch.setattr(udfs.measures, "change", counting)
    rng = np.random.default_rng(4)
    current = rng.integers(0, 10_000, (1000, 1000)).astype(float)
    previous = rng.integers(1, 10_000, (1000, 1000)).astype(float)
    result = call_like_excel(udfs.MIG_CHANGE, tuple(map(tuple, current.tolist())),
                             tuple(map(tuple, previous.tolist())))
    assert calls == [[(1000, 1000), (1000, 1000)]]
    assert len(result) == 1000 and all(len(row) == 1000 for row in result)
    expected = original(current, previous)
    assert result[0][0] == expected[0, 0] and result[999][999] == expected[999, 999]
    assert np.allclose(np.array(result, dtype=float), expected)


# --- measures: empty, not available, text, rounding --------------------------------------------------------

def test_an_empty_cell_gives_an_empty_cell(udfs):
    assert call_like_excel(udfs.MIG_CHANGE, None, 100.0) == [[""]]
    assert call_like_excel(udfs.MIG_BALANCE, 5.0, None) == [[""]]
    assert udfs.MIG_CHANGE(None, 100.0) == [[""]]  # raw return: the function's own answer reaches Excel as is


@pytest.mark.parametrize("denominator", [0.0, None, "", "[x]"])
def test_a_zero_or_missing_denominator_gives_empty(udfs, denominator):
    assert call_like_excel(udfs.MIG_CHANGE, 120.0, denominator) == [[""]]
    assert call_like_excel(udfs.MIG_SHARE, 120.0, denominator) == [[""]]
    assert call_like_excel(udfs.MIG_INTENSITY, 120.0, denominator) == [[""]]
    assert udfs.MIG_SHARE([[120.0]], [[denominator]]) == [[""]]


def test_not_available_gives_empty(udfs):
    assert call_like_excel(udfs.MIG_CHANGE, "[x]", 100.0) == [[""]]
    assert call_like_excel(udfs.MIG_BALANCE, ((1.0, "[x]"),), ((1.0, 1.0),)) == [[0.0, ""]]


def test_text_gives_a_value_message_never_a_traceback(udfs):
    assert call_like_excel(udfs.MIG_CHANGE, "abc", 100.0) == [["#VALUE! 'abc' is not a number"]]
    result = call_like_excel(udfs.MIG_BALANCE, ((10.0, "abc"), (True, 4.0)), ((1.0, 1.0), (1.0, 1.0)))
    assert result == [[9.0, "#VALUE! 'abc' is not a number"], ["#VALUE! True is not a number", 3.0]]


def test_an_excel_error_in_a_range_gives_a_message_naming_it(udfs):
    # COM hands a raw argument an error cell as its negative integer code (#DIV/0! = -2146826281)
    result = call_like_excel(udfs.MIG_BALANCE, ((10.0, -2146826281), (-2146826246, 4.0)), ((1.0, 1.0), (1.0, 1.0)))
    assert result == [[9.0, "#VALUE! the input is #DIV/0!"], ["#VALUE! the input is #N/A", 3.0]]


def test_large_negative_numbers_that_are_not_error_codes_are_numbers(udfs):
    assert call_like_excel(udfs.MIG_BALANCE, ((-2146826280.0, -5.0),), 1.0) == [[-2146826281.0, -6.0]]


@pytest.mark.parametrize("part, total, expected", [(9.0, 400.0, 2.3), (-9.0, 400.0, -2.3), (1.0, 80.0, 1.3),
                                                   (3.0, 80.0, 3.8), (47.0, 200.0, 23.5)])
def test_share_rounds_ties_away_from_zero_as_excel(udfs, part, total, expected):
    assert call_like_excel(udfs.MIG_SHARE, part, total) == [[expected]]


@pytest.mark.parametrize("current, previous, expected", [
    (1045.0, 1000.0, 4.5), (1015.0, 1000.0, 1.5), (965.0, 1000.0, -3.5), (1125.0, 1000.0, 12.5),
    (10225.0, 10000.0, 2.3),  # (10225/10000-1)*100 is 2.2499999999999964 in binary; Excel shows 2.25
    (2045.0, 2000.0, 2.3),
])
def test_change_rounds_the_value_excel_shows(udfs, current, previous, expected):
    assert call_like_excel(udfs.MIG_CHANGE, current, previous) == [[expected]]


# --- MIG_TABLE -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("table", ["Y_Ext_Arr", find_table_spec("Y_Ext_Arr").title,
                                   find_table_spec("Y_Ext_Arr").title + ", by year"])
def test_mig_table_spills_the_header_and_21_rows(udfs, data_range, sample_release, table):
    result = call_like_excel(udfs.MIG_TABLE, data_range, table)
    frame = sample_release.tables["Y_Ext_Arr"]
    assert len(result) == 1 + 21
    assert result[0] == ["Region", *(span_label(span) for span in frame.columns)]
    assert [row[0] for row in result[1:]] == [region.name_en for region in frame.rows]
    assert result[1][0] == "Republic of Kazakhstan"
    assert [row[1:] for row in result[1:]] == [[cell_value(value) for value in row] for row in frame.values]
    assert result[1][frame.columns.index(sample_release.span) + 1] == 6197


def test_mig_table_serves_every_table_code(udfs, data_range):
    for spec in TABLE_SPECS:
        result = call_like_excel(udfs.MIG_TABLE, data_range, spec.code)
        assert len(result) == 22 and result[0][0] == "Region", spec.code


def test_mig_table_with_an_unknown_table_names_the_codes(udfs, data_range):
    [[message]] = call_like_excel(udfs.MIG_TABLE, data_range, "Nonsense")
    assert message.startswith("#VALUE! 'Nonsense' is not a dynamic table") and "Y_All_Arr" in message


def test_mig_table_with_bad_data_lists_every_problem_by_row(udfs, sample_rows):
    rows = [list(row) for row in sample_rows]
    people = rows[0].index("people")
    region = rows[0].index("region")
    rows[2][people] = "abc"  # sheet row 3
    rows[4][region] = "Atlantis"  # sheet row 5
    result = call_like_excel(udfs.MIG_TABLE, com_range(rows), "Y_Ext_Arr")
    assert len(result) >= 2 and all(len(row) == 1 for row in result)
    messages = [row[0] for row in result]
    assert all(message.startswith(VALUE_ERROR_PREFIX) for message in messages)
    assert any("row 3" in message and "abc" in message for message in messages)
    assert any("row 5" in message and "Atlantis" in message for message in messages)


# --- MIG_KEYPOINTS ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_mig_keypoints_equals_the_cli(udfs, data_range, lang, capsys):
    assert cli.main(["keypoints", "--data", str(SAMPLE_DATA), "--lang", lang]) == 0
    printed = [paragraph.strip() for paragraph in capsys.readouterr().out.split("\n\n") if paragraph.strip()]
    result = call_like_excel(udfs.MIG_KEYPOINTS, data_range, COM_MISSING, lang)
    assert len(result) == 4 and all(len(row) == 1 for row in result)
    assert [row[0] for row in result] == printed


def test_mig_keypoints_defaults_to_english(udfs, data_range):
    english = call_like_excel(udfs.MIG_KEYPOINTS, data_range, COM_MISSING, "en")
    assert call_like_excel(udfs.MIG_KEYPOINTS, data_range) == english
    assert english[0][0].startswith("In January–March 2026 the number of arrivals in the country amounted to 6197")


# --- what Excel's function wizard shows --------------------------------------------------------------------------

def test_every_udf_is_documented_in_the_migration_release_category(udfs):
    functions = udf_functions(udfs)
    assert set(functions) >= {"MIG_BALANCE", "MIG_SHARE", "MIG_CHANGE", "MIG_INTENSITY", "MIG_TABLE",
                              "MIG_KEYPOINTS"}
    for name, function in functions.items():
        info = function.__xlfunc__
        assert info["category"] == "Migration release", name
        assert function.__doc__ and function.__doc__.strip(), name
        assert info["ret"]["doc"] == function.__doc__, name
        for arg in info["args"]:
            assert arg["doc"] and not arg["doc"].startswith("Positional argument"), (name, arg["name"])


def test_no_udf_signature_has_type_annotations(udfs):
    for name, function in udf_functions(udfs).items():
        signature = inspect.signature(function)
        assert function.__annotations__ == {}, name
        assert all(parameter.annotation is inspect.Parameter.empty for parameter in signature.parameters.values())
        assert signature.return_annotation is inspect.Signature.empty, name

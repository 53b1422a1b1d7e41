import math

import numpy as np
import pandas as pd
import pytest

from migrelease.filedoor.csv_source import read_csv_table
from migrelease.model.cube import MigrationCube
from migrelease.model.facts import DATA, validate
from migrelease.model.periods import Span
from migrelease.model.tables import TABLE_SPECS, build_all_tables, find_table_spec

from conftest import SAMPLE_DATA


@pytest.fixture(scope="module")
def facts():
    return validate(read_csv_table(SAMPLE_DATA), DATA)


def test_twenty_one_tables_with_the_release_names():
    assert len(TABLE_SPECS) == 21
    assert [s.title for s in TABLE_SPECS if s.frequency == "annual"][6:9] == [
        "Migration with CIS countries - arrival", "Migration with CIS countries - departure",
        "Balance of migration with CIS countries"]
    assert sum(s.frequency == "monthly" for s in TABLE_SPECS) == 6
    assert len({s.code for s in TABLE_SPECS}) == 21
    assert find_table_spec("migration with CIS countries - departure").code == "Y_CIS_Dep"
    assert find_table_spec("y_ext_bal").title == "Balance of external migration for all flows"
    assert find_table_spec("Internal migration for all flows - arrival, by month").code == "M_Int_Arr"


def test_tables_equal_independent_pandas_sums(facts):
    tables = build_all_tables(MigrationCube(facts), 2026, 3)
    raw = pd.read_csv(SAMPLE_DATA)
    q1 = raw[raw.period.isin(["2026-01", "2026-02", "2026-03"])]
    ext_arr = q1[q1.flow.isin(["cis", "other"]) & (q1.direction == "arrival")]
    table = tables["Y_Ext_Arr"]
    current = table.columns.index(Span(2026, 1, 3))
    assert table.values[0, current] == ext_arr.people.sum() == 6197
    astana = ext_arr[ext_arr.region == "Astana city"].people.sum()
    assert table.values[18, current] == astana  # row 0 country, then table order: Astana is the 18th region
    internal = raw[raw.flow.isin(["interregional", "intraregional"]) & raw.period.str.startswith("2025-")]
    balance = (internal[internal.direction == "arrival"].people.sum()
               - internal[internal.direction == "departure"].people.sum())
    y_int_bal = tables["Y_Int_Bal"]
    assert y_int_bal.values[0, y_int_bal.columns.index(Span(2025))] == balance
    year_2018 = raw[(raw.period == "2018") & (raw.direction == "departure")].people.sum()
    assert tables["Y_All_Dep"].values[0, tables["Y_All_Dep"].columns.index(Span(2018))] == year_2018


def test_columns_every_year_then_the_period_and_its_comparison(facts):
    tables = build_all_tables(MigrationCube(facts), 2026, 3)
    assert tables["Y_All_Arr"].columns == tuple(Span(y) for y in range(2015, 2026)) + (Span(2025, 1, 3),
                                                                                       Span(2026, 1, 3))
    assert tables["M_Ext_Bal"].columns == tuple(Span(2025, m, m) for m in range(1, 13)) + tuple(
        Span(2026, m, m) for m in range(1, 4))
    assert tables["Y_All_Arr"].values.shape == (21, 13)


def test_a_missing_month_makes_the_year_not_available_never_a_partial_sum(facts):
    gap = facts[~((facts.year == 2025) & (facts.month == 7) & (facts.region == "190000000"))]
    tables = build_all_tables(MigrationCube(gap), 2026, 3)
    table = tables["Y_All_Arr"]
    year = table.columns.index(Span(2025))
    assert math.isnan(table.values[4, year])  # Almaty region, 2025
    assert math.isnan(table.values[0, year])  # the country too
    assert not math.isnan(table.values[1, year])  # Abai region is complete
    assert not np.isnan(table.values[:, table.columns.index(Span(2026, 1, 3))]).any()
    monthly = tables["M_Ext_Arr"]
    assert math.isnan(monthly.values[4, monthly.columns.index(Span(2025, 7, 7))])

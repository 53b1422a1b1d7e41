"""Checks of the illustrative sample data (workbook/make_sample_data.py).

The generator is run into a temporary directory and its output must be
byte-identical to the committed CSVs; the published January-March 2026
figures and the accounting identities are then re-checked independently.
"""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "addin" / "migrelease" / "data"
SCRIPT = REPO / "workbook" / "make_sample_data.py"
FILES = ["sample_data.csv", "sample_population.csv", "sample_ethnicity.csv"]

FLOWS = {"cis", "other", "interregional", "intraregional"}
DIRECTIONS = {"arrival", "departure"}
ETHNIC_GROUPS = {"Kazakh", "Russian", "Ukrainian", "Uzbek", "German", "Tatar", "Uyghur", "Other"}
PERIODS = [str(y) for y in range(2015, 2025)] + [f"2025-{m:02d}" for m in range(1, 13)] + [
    f"2026-{m:02d}" for m in range(1, 4)
]
Q1_2025 = ["2025-01", "2025-02", "2025-03"]
Q1_2026 = ["2026-01", "2026-02", "2026-03"]


def round_half_away(x: Fraction, ndigits: int = 1) -> Fraction:
    """Round exactly, half away from zero."""
    scale = 10**ndigits
    y = abs(x) * scale
    n = int(y)  # floor for y >= 0
    if y - n >= Fraction(1, 2):
        n += 1
    return Fraction(n if x >= 0 else -n, scale)


def pct_change(new: int, old: int) -> Fraction:
    return round_half_away((Fraction(new, old) - 1) * 100)


def pct_share(part: int, whole: int) -> Fraction:
    return round_half_away(Fraction(part, whole) * 100)


@pytest.fixture(scope="module")
def regions() -> pd.DataFrame:
    return pd.read_csv(DATA / "regions.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def region_name(regions):
    by_kato = dict(zip(regions["kato"], regions["name_en"]))
    return lambda kato: by_kato[str(kato)]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(out)], check=True, cwd=str(out),
                   capture_output=True)
    return out


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    return pd.read_csv(DATA / "sample_data.csv", dtype={"period": str, "region": str})


@pytest.fixture(scope="module")
def population() -> pd.DataFrame:
    return pd.read_csv(DATA / "sample_population.csv", dtype={"region": str})


@pytest.fixture(scope="module")
def ethnicity() -> pd.DataFrame:
    return pd.read_csv(DATA / "sample_ethnicity.csv", dtype={"period": str})


def total(data, periods, flows, direction) -> int:
    sel = data["period"].isin(periods) & data["flow"].isin(flows) & (data["direction"] == direction)
    return int(data.loc[sel, "people"].sum())


# -- determinism / up to date -------------------------------------------------

@pytest.mark.parametrize("name", FILES)
def test_committed_files_match_generator(generated, name):
    fresh = (generated / name).read_bytes()
    committed = (DATA / name).read_bytes()
    assert fresh == committed, f"{name} is out of date: run python workbook/make_sample_data.py"


def test_generator_is_deterministic(generated, tmp_path):
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(tmp_path)], check=True, capture_output=True)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (generated / name).read_bytes()


@pytest.mark.parametrize("name", FILES)
def test_csv_format(name):
    raw = (DATA / name).read_bytes()
    raw.decode("utf-8")
    assert b"\r" not in raw
    assert raw.endswith(b"\n")


# -- structure ----------------------------------------------------------------------

def test_data_columns_and_shape(data, regions):
    assert list(data.columns) == ["period", "region", "flow", "direction", "people"]
    assert not data.duplicated(["period", "region", "flow", "direction"]).any()
    assert sorted(data["period"].unique()) == sorted(PERIODS)
    assert "2025" not in set(data["period"])  # 2025 is the sum of its months
    names = set(regions["name_en"])
    assert len(names) == 20
    assert set(data["region"]) == names
    assert set(data["flow"]) == FLOWS
    assert set(data["direction"]) == DIRECTIONS
    counts = data.groupby("period").size()
    assert (counts == 20 * 4 * 2).all()
    full = data.groupby("period")[["region", "flow", "direction"]].apply(
        lambda g: len(set(map(tuple, g.values))))
    assert (full == 160).all()
    assert pd.api.types.is_integer_dtype(data["people"])
    assert (data["people"] >= 0).all()


def test_data_sorted_deterministically(data, regions):
    order_p = {p: i for i, p in enumerate(PERIODS)}
    order_r = {r: i for i, r in enumerate(regions["name_en"])}
    order_f = {f: i for i, f in enumerate(["cis", "other", "interregional", "intraregional"])}
    order_d = {"arrival": 0, "departure": 1}
    key = list(zip(data["period"].map(order_p), data["region"].map(order_r),
                   data["flow"].map(order_f), data["direction"].map(order_d)))
    assert key == sorted(key)


# -- published Jan-Mar 2026 figures --------------------------------------------------

def test_external_q1(data):
    ext = ["cis", "other"]
    a26, d26 = total(data, Q1_2026, ext, "arrival"), total(data, Q1_2026, ext, "departure")
    a25, d25 = total(data, Q1_2025, ext, "arrival"), total(data, Q1_2025, ext, "departure")
    assert (a26, d26, a26 - d26) == (6197, 989, 5208)
    assert (a25, d25) == (4922, 1123)
    assert pct_change(a26, a25) == Fraction(259, 10)
    assert pct_change(d26, d25) == Fraction(-119, 10)


def test_cis_share_q1_2026(data):
    ca, cd = total(data, Q1_2026, ["cis"], "arrival"), total(data, Q1_2026, ["cis"], "departure")
    assert (ca, cd) == (4425, 570)
    assert pct_share(ca, 6197) == Fraction(714, 10)
    assert pct_share(cd, 989) == Fraction(576, 10)


def test_internal_movers_change(data):
    internal = ["interregional", "intraregional"]
    t26 = total(data, Q1_2026, internal, "arrival")
    t25 = total(data, Q1_2025, internal, "arrival")
    assert pct_change(t26, t25) == Fraction(116, 10)
    # robust: not near a rounding boundary
    exact = (Fraction(t26, t25) - 1) * 100
    assert Fraction(1155, 100) + Fraction(1, 100) < exact < Fraction(1165, 100) - Fraction(1, 100)


def test_interregional_net_q1_2026(data, region_name):
    sel = data["period"].isin(Q1_2026) & (data["flow"] == "interregional")
    p = data[sel].pivot_table(index="region", columns="direction", values="people", aggfunc="sum")
    net = (p["arrival"] - p["departure"]).astype(int)
    assert len(net) == 20
    expected = {region_name(710000000): 18153, region_name(750000000): 4841,
                region_name(790000000): 3588, region_name(190000000): 5248}
    assert expected == {"Astana city": 18153, "Almaty city": 4841, "Shymkent city": 3588,
                        "Almaty region": 5248}
    positive = net[net > 0].to_dict()
    assert positive == expected
    others = net.drop(list(expected))
    assert len(others) == 16
    assert (others < 0).all()


# -- identities ------------------------------------------------------------------------

def test_national_interregional_net_zero_every_period(data):
    sel = data["flow"] == "interregional"
    s = data[sel].groupby(["period", "direction"])["people"].sum().unstack()
    assert len(s) == len(PERIODS)
    assert (s["arrival"] == s["departure"]).all()


def test_intraregional_balanced(data):
    sel = data["flow"] == "intraregional"
    p = data[sel].pivot_table(index=["period", "region"], columns="direction", values="people")
    assert len(p) == len(PERIODS) * 20
    assert (p["arrival"] == p["departure"]).all()


def test_magnitudes_plausible(data):
    data = data.assign(year=data["period"].str[:4])
    y = data.groupby(["year", "flow", "direction"])["people"].sum()
    for year in [str(v) for v in range(2015, 2026)]:
        ext_arr = y[(year, "cis", "arrival")] + y[(year, "other", "arrival")]
        assert 8_000 <= ext_arr <= 30_000
        assert 150_000 <= y[(year, "interregional", "arrival")] <= 600_000
        assert 150_000 <= y[(year, "intraregional", "arrival")] <= 600_000


# -- population --------------------------------------------------------------------------

def test_population(population, regions):
    assert list(population.columns) == ["year", "region", "population"]
    assert not population.duplicated(["year", "region"]).any()
    assert sorted(population["year"].unique()) == list(range(2015, 2027))
    assert (population.groupby("year")["region"].apply(set) == set(regions["name_en"])).all()
    assert (population["population"] > 0).all()
    country = population.groupby("year")["population"].sum()
    assert 17_000_000 <= country[2015] <= 17_800_000
    assert 20_000_000 <= country[2026] <= 20_600_000


# -- ethnicity ---------------------------------------------------------------------------

def test_ethnicity_sums_to_external(ethnicity, data):
    assert list(ethnicity.columns) == ["period", "direction", "ethnic_group", "people"]
    assert not ethnicity.duplicated(["period", "direction", "ethnic_group"]).any()
    assert set(ethnicity["ethnic_group"]) == ETHNIC_GROUPS
    assert (ethnicity.groupby(["period", "direction"]).size() == len(ETHNIC_GROUPS)).all()
    assert sorted(ethnicity["period"].unique()) == sorted(PERIODS)
    assert (ethnicity["people"] >= 0).all()
    eth = ethnicity.groupby(["period", "direction"])["people"].sum()
    ext = data[data["flow"].isin(["cis", "other"])].groupby(["period", "direction"])["people"].sum()
    pd.testing.assert_series_equal(eth.sort_index(), ext.sort_index(), check_names=False)


def test_ethnicity_pattern(ethnicity):
    g = ethnicity.groupby(["direction", "ethnic_group"])["people"].sum()
    assert g["arrival"].idxmax() == "Kazakh"
    assert g["departure"].idxmax() == "Russian"
    top3 = set(g["departure"].drop("Other").nlargest(3).index)
    assert top3 == {"Russian", "German", "Ukrainian"}

"""Generate the ILLUSTRATIVE sample data of migrelease.

The three CSV files written by this script are NOT official statistics of the
Bureau of National Statistics of the Republic of Kazakhstan.  They are a
synthetic, deterministic sample (fixed seed) with realistic magnitudes, used to
develop and test the release "The migration of the population of the Republic
of Kazakhstan".  Every figure of the sample is illustrative, including the
figures given to Abai, Zhetysu and Ulytau regions for years before 2022 (the
three regions were created in 2022) and to Shymkent city for 2015-2017.

Files written (UTF-8, LF line ends, header row, deterministic sort order) into
``addin/migrelease/data/`` (or the directory given with ``--out``):

``sample_data.csv``
    columns ``period,region,flow,direction,people``; annual rows (period
    ``YYYY``) for 2015-2024 and monthly rows (``YYYY-MM``) for 2025-01..2025-12
    and 2026-01..2026-03; every period has all 20 regions x 4 flows (``cis``,
    ``other``, ``interregional``, ``intraregional``) x 2 directions
    (``arrival``, ``departure``).  There is no annual row for 2025 (the year
    is the sum of its months).  Region names are the ``name_en`` column of
    ``regions.csv``.  Sorted by period, region (Bureau's table order of
    ``regions.csv``), flow (order above), direction (order above).
``sample_population.csv``
    columns ``year,region,population``: population on 1 January, 2015-2026,
    all 20 regions (country about 17.4 million in 2015, 20.3 million in 2026).
    Sorted by year, region (Bureau's order).
``sample_ethnicity.csv``
    columns ``period,direction,ethnic_group,people``: external migration of
    the country by selected ethnic groups for the same periods as
    ``sample_data.csv``; for each period and direction the groups sum exactly
    to the country's external (cis + other) arrivals / departures.  Sorted by
    period, direction, group (order: Kazakh, Russian, Ukrainian, Uzbek,
    German, Tatar, Uyghur, Other).

Published figures of January-March 2026 that the sample reproduces exactly
(country = sum of the 20 regions; January-March = months 01..03):

* external migration (cis + other), Jan-Mar 2026: arrivals 6197, departures
  989, net 5208; Jan-Mar 2025: arrivals 4922, departures 1123, hence changes
  of +25.9 % and -11.9 % (rounded half away from zero to 1 decimal);
* CIS share, Jan-Mar 2026: arrivals 4425 of 6197 (71.4 %), departures 570 of
  989 (57.6 %);
* people moving within the country (interregional + intraregional arrivals),
  Jan-Mar 2026 vs Jan-Mar 2025: +11.6 %;
* interregional net migration, Jan-Mar 2026, positive in exactly four regions:
  Astana city 18153, Almaty city 4841, Shymkent city 3588, Almaty region
  5248; negative in the 16 others.

Identities held for every period: interregional arrivals summed over the
regions equal interregional departures summed over the regions (national
interregional net = 0); intraregional arrivals equal intraregional departures
in every region.

Regenerate (from the repository root)::

    python workbook/make_sample_data.py            # rewrites addin/migrelease/data/sample_*.csv
    python workbook/make_sample_data.py --out DIR  # writes the three files into DIR

The only inputs are numpy, pandas and ``addin/migrelease/data/regions.csv``;
the random stream is ``numpy.random.RandomState(SEED)`` (a frozen legacy
stream, identical across numpy versions).  ``tests/test_sample_data.py``
checks that the committed files are byte-identical to a fresh run.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20260331

REPO = Path(__file__).resolve().parents[1]
DATA_DIR = REPO / "addin" / "migrelease" / "data"
REGIONS_CSV = DATA_DIR / "regions.csv"

FLOWS = ["cis", "other", "interregional", "intraregional"]
DIRECTIONS = ["arrival", "departure"]
ETHNIC_GROUPS = ["Kazakh", "Russian", "Ukrainian", "Uzbek", "German", "Tatar", "Uyghur", "Other"]

ANNUAL_YEARS = list(range(2015, 2025))
POP_YEARS = list(range(2015, 2027))
MONTHS_2025 = [f"2025-{m:02d}" for m in range(1, 13)]
MONTHS_2026 = [f"2026-{m:02d}" for m in range(1, 4)]

# ---------------------------------------------------------------------------
# Region parameters, keyed by KATO code (names come from regions.csv).
#   pop15, pop26 : population on 1 January 2015 / 2026, thousands
#   g            : gross interregional mobility (relative)
#   t            : interregional attraction (+ gainer, - loser)
#   ea, ed       : relative weight in external arrivals / departures
#   intra        : intraregional mobility (relative)
# ---------------------------------------------------------------------------
REGION_PARAMS = {
    100000000: dict(pop15=622, pop26=600, g=1.05, t=-0.25, ea=0.6, ed=1.6, intra=1.10),  # Abai
    110000000: dict(pop15=740, pop26=790, g=1.25, t=-0.05, ea=0.8, ed=1.5, intra=1.00),  # Akmola
    150000000: dict(pop15=831, pop26=1000, g=0.95, t=-0.08, ea=0.9, ed=0.9, intra=1.00),  # Aktobe
    190000000: dict(pop15=1260, pop26=1600, g=1.00, t=0.20, ea=2.4, ed=0.6, intra=1.15),  # Almaty region
    230000000: dict(pop15=600, pop26=720, g=0.85, t=-0.06, ea=0.5, ed=0.5, intra=0.80),  # Atyrau
    270000000: dict(pop15=630, pop26=690, g=1.00, t=-0.15, ea=0.4, ed=1.0, intra=0.90),  # West Kazakhstan
    310000000: dict(pop15=1080, pop26=1250, g=0.90, t=-0.22, ea=0.9, ed=0.6, intra=1.05),  # Zhambyl
    330000000: dict(pop15=680, pop26=700, g=1.00, t=-0.18, ea=0.7, ed=0.9, intra=1.05),  # Zhetysu
    350000000: dict(pop15=1150, pop26=1140, g=1.10, t=-0.20, ea=0.8, ed=2.0, intra=0.95),  # Karaganda
    390000000: dict(pop15=880, pop26=830, g=1.15, t=-0.28, ea=0.6, ed=1.8, intra=1.00),  # Kostanay
    430000000: dict(pop15=770, pop26=850, g=0.95, t=-0.22, ea=0.6, ed=0.3, intra=0.95),  # Kyzylorda
    470000000: dict(pop15=600, pop26=820, g=0.85, t=-0.02, ea=2.0, ed=0.4, intra=0.80),  # Mangystau
    550000000: dict(pop15=760, pop26=750, g=1.10, t=-0.22, ea=0.6, ed=1.7, intra=0.90),  # Pavlodar
    590000000: dict(pop15=570, pop26=530, g=1.20, t=-0.30, ea=0.4, ed=1.6, intra=1.05),  # North Kazakhstan
    610000000: dict(pop15=1870, pop26=2100, g=0.85, t=-0.30, ea=2.0, ed=0.4, intra=1.10),  # Turkistan
    620000000: dict(pop15=230, pop26=220, g=1.20, t=-0.30, ea=0.2, ed=0.4, intra=0.90),  # Ulytau
    630000000: dict(pop15=770, pop26=730, g=1.10, t=-0.25, ea=0.5, ed=1.6, intra=1.00),  # East Kazakhstan
    710000000: dict(pop15=850, pop26=1500, g=1.35, t=0.50, ea=1.6, ed=1.0, intra=0.60),  # Astana city
    750000000: dict(pop15=1700, pop26=2320, g=1.10, t=0.22, ea=1.8, ed=1.9, intra=0.60),  # Almaty city
    790000000: dict(pop15=830, pop26=1200, g=1.00, t=0.28, ea=1.1, ed=0.4, intra=0.60),  # Shymkent city
}

# Published interregional net migration, Jan-Mar 2026: the only positive regions.
Q1_2026_POSITIVE_NET = {
    710000000: 18153,  # Astana city
    750000000: 4841,  # Almaty city
    790000000: 3588,  # Shymkent city
    190000000: 5248,  # Almaty region
}

# Country external migration (cis + other, country totals).
EXT_ARR_ANNUAL = [16800, 15200, 14500, 13400, 12800, 11300, 13900, 17800, 19600, 21200]
EXT_DEP_ANNUAL = [28900, 31200, 34700, 37800, 40100, 30300, 22700, 15900, 10800, 7400]
EXT_ARR_CIS_SHARE = [0.78, 0.78, 0.77, 0.76, 0.76, 0.75, 0.74, 0.73, 0.72, 0.72]
EXT_DEP_CIS_SHARE = [0.82, 0.81, 0.80, 0.78, 0.76, 0.73, 0.70, 0.66, 0.63, 0.61]
EXT_2025_ANNUAL = {"arrival": 22600, "departure": 5050}
EXT_2025_CIS_SHARE = {"arrival": 0.72, "departure": 0.60}
# Jan-Mar: {year: {direction: (total, cis)}}
EXT_Q1 = {
    2025: {"arrival": (4922, 3541), "departure": (1123, 672)},
    2026: {"arrival": (6197, 4425), "departure": (989, 570)},
}

# Internal migration (country totals; interregional arrivals = departures).
INTERREG_ANNUAL = [262000, 271000, 286000, 301000, 318000, 287000, 322000, 351000, 368000, 379000]
INTRAREG_ANNUAL = [231000, 238000, 246000, 255000, 262000, 243000, 270000, 289000, 301000, 309000]
INTERREG_2025_ANNUAL = 396000
INTRAREG_2025_ANNUAL = 318000
# Jan-Mar totals: interregional, intraregional.  Internal arrivals
# (85874 + 63019 = 148893) -> (95962 + 70218 = 166180): +11.61 % -> 11.6.
INTERNAL_Q1 = {2025: (85874, 63019), 2026: (95962, 70218)}

# Monthly seasonality (relative weights, January..December).
SEASON_INTERNAL = np.array([0.070, 0.072, 0.080, 0.080, 0.078, 0.082, 0.090, 0.100, 0.098, 0.088, 0.083, 0.079])
SEASON_EXTERNAL = np.array([0.070, 0.072, 0.085, 0.085, 0.085, 0.085, 0.095, 0.095, 0.090, 0.085, 0.080, 0.073])

# Ethnic composition of external migration, 2015 and 2026 (linear in between).
ETH_SHARES = {
    "arrival": (
        [0.640, 0.140, 0.030, 0.080, 0.010, 0.020, 0.020, 0.060],
        [0.760, 0.070, 0.015, 0.060, 0.005, 0.010, 0.020, 0.060],
    ),
    "departure": (
        [0.060, 0.560, 0.130, 0.005, 0.130, 0.040, 0.005, 0.070],
        [0.100, 0.520, 0.110, 0.010, 0.120, 0.040, 0.010, 0.090],
    ),
}


def apportion(total: int, weights) -> np.ndarray:
    """Split integer ``total`` proportionally to ``weights`` (largest remainder).

    Ties are broken by position (stable), so the result is deterministic.
    """
    w = np.asarray(weights, dtype=float)
    if total < 0 or np.any(w < 0) or w.sum() <= 0:
        raise ValueError("apportion needs total >= 0 and non-negative weights")
    quota = w / w.sum() * total
    base = np.floor(quota).astype(np.int64)
    rest = int(total - base.sum())
    order = np.argsort(-(quota - base), kind="stable")
    base[order[:rest]] += 1
    return base


def noisy(rs: np.random.RandomState, w, sd: float) -> np.ndarray:
    w = np.asarray(w, dtype=float)
    return w * np.exp(rs.normal(0.0, sd, size=w.shape))


def split_margins(row_totals: np.ndarray, col_totals: np.ndarray) -> np.ndarray:
    """Integer matrix (regions x months) with the given row and column sums.

    Columns except the last are apportioned in proportion to the row totals;
    the last column takes what is left of each row, so both margins are exact.
    """
    row_totals = np.asarray(row_totals, dtype=np.int64)
    if row_totals.sum() != sum(col_totals):
        raise ValueError("margins disagree")
    out = np.zeros((len(row_totals), len(col_totals)), dtype=np.int64)
    for j, c in enumerate(col_totals[:-1]):
        out[:, j] = apportion(int(c), row_totals)
    out[:, -1] = row_totals - out[:, :-1].sum(axis=1)
    if np.any(out < 0):
        raise AssertionError("negative cell in split_margins")
    return out


def month_totals(rs, total: int, season: np.ndarray, sd: float = 0.03) -> np.ndarray:
    return apportion(int(total), noisy(rs, season, sd))


class Generator:
    def __init__(self, regions: pd.DataFrame):
        self.rs = np.random.RandomState(SEED)
        self.regions = regions
        self.kato = regions["kato"].astype(int).tolist()
        self.names = regions["name_en"].tolist()
        if set(self.kato) != set(REGION_PARAMS):
            raise ValueError("regions.csv does not match REGION_PARAMS")
        self.p = {k: np.array([REGION_PARAMS[c][k] for c in self.kato], dtype=float)
                  for k in ["pop15", "pop26", "g", "t", "ea", "ed", "intra"]}
        self.population = self._population()
        self.records: list[tuple] = []  # (period, region_index, flow, direction, people)
        self.ext_country: dict[tuple[str, str], int] = {}  # (period, direction) -> cis+other

    # -- population --------------------------------------------------------
    def _population(self) -> dict[int, np.ndarray]:
        rs = self.rs
        k = len(self.kato)
        p15 = self.p["pop15"] * 1000.0 + rs.randint(-499, 500, size=k)
        p26 = self.p["pop26"] * 1000.0 + rs.randint(-499, 500, size=k)
        n = len(POP_YEARS) - 1
        growth = (p26 / p15) ** (1.0 / n)
        # smooth, slightly uneven growth: yearly factors with small noise,
        # rescaled so that 2026 hits the target exactly (before rounding).
        factors = growth[None, :] * np.exp(rs.normal(0.0, 0.002, size=(n, len(p15))))
        factors *= (growth ** n / factors.prod(axis=0))[None, :] ** (1.0 / n)
        pop = {POP_YEARS[0]: p15}
        for i, y in enumerate(POP_YEARS[1:]):
            pop[y] = pop[y - 1] * factors[i]
        return {y: np.round(v).astype(np.int64) for y, v in pop.items()}

    def pop_at(self, year: int) -> np.ndarray:
        return self.population[min(max(year, POP_YEARS[0]), POP_YEARS[-1])].astype(float)

    # -- record helpers ------------------------------------------------------
    def add(self, period: str, flow: str, direction: str, values) -> None:
        for i, v in enumerate(values):
            self.records.append((period, i, flow, direction, int(v)))

    # -- external --------------------------------------------------------------
    def external_period(self, period: str, year: int, totals: dict[str, tuple[int, int]]) -> None:
        """totals: direction -> (cis + other, cis)."""
        pop = self.pop_at(year)
        for direction, (tot, cis) in totals.items():
            base = self.p["ea"] if direction == "arrival" else self.p["ed"]
            for flow, amount in (("cis", cis), ("other", tot - cis)):
                tilt = 1.0
                if flow == "other":  # far abroad: more from the big cities
                    tilt = np.where(self.p["t"] > 0.15, 1.8, 1.0)
                w = noisy(self.rs, pop * base * tilt, 0.12)
                self.add(period, flow, direction, apportion(int(amount), w))
            self.ext_country[(period, direction)] = int(tot)

    # -- internal --------------------------------------------------------------
    def _inter_weights(self, year: int, direction: str, sd: float = 0.06) -> np.ndarray:
        pop, g, t = self.pop_at(year), self.p["g"], self.p["t"]
        sign = 1.0 if direction == "arrival" else -1.0
        return noisy(self.rs, pop * g * (1.0 + sign * t), sd)

    def interregional_period(self, period: str, year: int, total: int) -> None:
        arr = apportion(int(total), self._inter_weights(year, "arrival"))
        dep = apportion(int(total), self._inter_weights(year, "departure"))
        self.add(period, "interregional", "arrival", arr)
        self.add(period, "interregional", "departure", dep)

    def intraregional_period(self, period: str, year: int, total: int) -> None:
        w = noisy(self.rs, self.pop_at(year) * self.p["intra"], 0.06)
        v = apportion(int(total), w)
        self.add(period, "intraregional", "arrival", v)
        self.add(period, "intraregional", "departure", v)

    def interregional_q1_2026(self, months: list[str], total: int) -> None:
        """Jan-Mar 2026 with the published regional nets."""
        dep_q = apportion(int(total), self._inter_weights(2026, "departure", sd=0.04))
        net = np.zeros(len(self.kato), dtype=np.int64)
        fixed = np.array([c in Q1_2026_POSITIVE_NET for c in self.kato])
        for i, c in enumerate(self.kato):
            if c in Q1_2026_POSITIVE_NET:
                net[i] = Q1_2026_POSITIVE_NET[c]
        loss = int(net.sum())
        # spread the loss over the other 16 regions: bigger and more
        # "losing" regions lose more; every one loses at least 1.
        lw = np.where(fixed, 0.0, dep_q * (0.12 + np.clip(-self.p["t"], 0.0, None)))
        lw = noisy(self.rs, lw, 0.08)
        n_losers = int((~fixed).sum())
        net[~fixed] = -(1 + apportion(loss - n_losers, lw[~fixed]))
        arr_q = dep_q + net
        if arr_q.sum() != total or np.any(arr_q < 0.25 * dep_q):
            raise AssertionError("Jan-Mar 2026 interregional arrivals implausible")
        mt = month_totals(self.rs, total, SEASON_INTERNAL[: len(months)])
        arr_m = split_margins(arr_q, mt)
        dep_m = split_margins(dep_q, mt)
        for j, period in enumerate(months):
            self.add(period, "interregional", "arrival", arr_m[:, j])
            self.add(period, "interregional", "departure", dep_m[:, j])

    # -- ethnicity --------------------------------------------------------------
    def ethnicity(self, periods: list[str]) -> pd.DataFrame:
        rows = []
        for period in periods:
            year = int(period[:4])
            frac = (year - 2015 + (int(period[5:7]) - 1) / 12.0 if len(period) > 4 else year - 2015) / 11.0
            for direction in DIRECTIONS:
                s0, s1 = (np.array(s, dtype=float) for s in ETH_SHARES[direction])
                w = noisy(self.rs, s0 + (s1 - s0) * frac, 0.08)
                v = apportion(self.ext_country[(period, direction)], w)
                rows += [(period, direction, grp, int(x)) for grp, x in zip(ETHNIC_GROUPS, v)]
        return pd.DataFrame(rows, columns=["period", "direction", "ethnic_group", "people"])

    # -- whole sample ------------------------------------------------------------
    def run(self) -> dict[str, pd.DataFrame]:
        rs = self.rs
        # annual 2015-2024
        for i, year in enumerate(ANNUAL_YEARS):
            per = str(year)
            ea = int(round(EXT_ARR_ANNUAL[i] * np.exp(rs.normal(0, 0.01))))
            ed = int(round(EXT_DEP_ANNUAL[i] * np.exp(rs.normal(0, 0.01))))
            self.external_period(per, year, {
                "arrival": (ea, int(round(ea * EXT_ARR_CIS_SHARE[i]))),
                "departure": (ed, int(round(ed * EXT_DEP_CIS_SHARE[i]))),
            })
            self.interregional_period(per, year, int(round(INTERREG_ANNUAL[i] * np.exp(rs.normal(0, 0.005)))))
            self.intraregional_period(per, year, int(round(INTRAREG_ANNUAL[i] * np.exp(rs.normal(0, 0.005)))))

        # monthly 2025 / 2026: country totals per month
        ext_months: dict[str, dict[str, tuple[int, int]]] = {p: {} for p in MONTHS_2025 + MONTHS_2026}
        for direction in DIRECTIONS:
            # 2025: Jan-Mar fixed, Apr-Dec = annual - Jan-Mar
            q_tot, q_cis = EXT_Q1[2025][direction]
            tot_m = np.concatenate([
                month_totals(rs, q_tot, SEASON_EXTERNAL[:3]),
                month_totals(rs, EXT_2025_ANNUAL[direction] - q_tot, SEASON_EXTERNAL[3:]),
            ])
            share = EXT_2025_CIS_SHARE[direction]
            cis_m = np.concatenate([
                split_margins(np.array([q_cis, q_tot - q_cis]), tot_m[:3])[0],
                np.round(tot_m[3:] * share * np.exp(rs.normal(0, 0.02, size=9))).astype(np.int64),
            ])
            for j, per in enumerate(MONTHS_2025):
                ext_months[per][direction] = (int(tot_m[j]), int(cis_m[j]))
            q_tot, q_cis = EXT_Q1[2026][direction]
            tot_m = month_totals(rs, q_tot, SEASON_EXTERNAL[:3])
            cis_m = split_margins(np.array([q_cis, q_tot - q_cis]), tot_m)[0]
            for j, per in enumerate(MONTHS_2026):
                ext_months[per][direction] = (int(tot_m[j]), int(cis_m[j]))

        inter_q25, intra_q25 = INTERNAL_Q1[2025]
        inter_2025 = np.concatenate([
            month_totals(rs, inter_q25, SEASON_INTERNAL[:3]),
            month_totals(rs, INTERREG_2025_ANNUAL - inter_q25, SEASON_INTERNAL[3:]),
        ])
        intra_2025 = np.concatenate([
            month_totals(rs, intra_q25, SEASON_INTERNAL[:3]),
            month_totals(rs, INTRAREG_2025_ANNUAL - intra_q25, SEASON_INTERNAL[3:]),
        ])
        for j, per in enumerate(MONTHS_2025):
            self.external_period(per, 2025, ext_months[per])
            self.interregional_period(per, 2025, int(inter_2025[j]))
            self.intraregional_period(per, 2025, int(intra_2025[j]))

        inter_q26, intra_q26 = INTERNAL_Q1[2026]
        intra_2026 = month_totals(rs, intra_q26, SEASON_INTERNAL[:3])
        for j, per in enumerate(MONTHS_2026):
            self.external_period(per, 2026, ext_months[per])
            self.intraregional_period(per, 2026, int(intra_2026[j]))
        self.interregional_q1_2026(MONTHS_2026, inter_q26)

        periods = [str(y) for y in ANNUAL_YEARS] + MONTHS_2025 + MONTHS_2026
        data = pd.DataFrame(self.records, columns=["period", "ri", "flow", "direction", "people"])
        data["_p"] = data["period"].map({p: i for i, p in enumerate(periods)})
        data["_f"] = data["flow"].map({f: i for i, f in enumerate(FLOWS)})
        data["_d"] = data["direction"].map({d: i for i, d in enumerate(DIRECTIONS)})
        data = data.sort_values(["_p", "ri", "_f", "_d"], kind="stable")
        data["region"] = [self.names[i] for i in data["ri"]]
        data = data[["period", "region", "flow", "direction", "people"]].reset_index(drop=True)

        pop_rows = [(y, self.names[i], int(v)) for y in POP_YEARS for i, v in enumerate(self.population[y])]
        population = pd.DataFrame(pop_rows, columns=["year", "region", "population"])

        return {
            "sample_data.csv": data,
            "sample_population.csv": population,
            "sample_ethnicity.csv": self.ethnicity(periods),
        }


def build(regions_csv: Path = REGIONS_CSV) -> dict[str, pd.DataFrame]:
    regions = pd.read_csv(regions_csv, dtype=str, keep_default_na=False, encoding="utf-8")
    return Generator(regions).run()


def write(frames: dict[str, pd.DataFrame], out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, df in frames.items():
        text = df.to_csv(index=False, lineterminator="\n")
        (out_dir / name).write_bytes(text.encode("utf-8"))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description="Write the illustrative migrelease sample CSVs.")
    ap.add_argument("--out", type=Path, default=DATA_DIR, help=f"output directory (default {DATA_DIR})")
    args = ap.parse_args(argv)
    frames = build()
    write(frames, args.out)
    for name, df in frames.items():
        print(f"{args.out / name}: {len(df)} rows")


if __name__ == "__main__":
    main()

"""A deterministic stress Data sheet: monthly data 1991 to the sample's last month for 20 regions x 4 flows
x 2 directions (~68,000 rows), consistent enough to pass the Checks (interregional moves balance nationally,
intraregional arrivals equal departures)."""

from __future__ import annotations

import numpy as np
import openpyxl

from migrelease.model.facts import DIRECTIONS, FLOWS
from migrelease.model.regions import regions


def stress_rows(first_year: int = 1991, last_year: int = 2026, last_month: int = 3):
    rng = np.random.default_rng(1991)
    names = [region.name_en for region in regions()]
    for year in range(first_year, last_year + 1):
        for month in range(1, 13 if year < last_year else last_month + 1):
            counts = {
                ("cis", "arrival"): rng.integers(50, 500, len(names)),
                ("cis", "departure"): rng.integers(20, 300, len(names)),
                ("other", "arrival"): rng.integers(5, 100, len(names)),
                ("other", "departure"): rng.integers(5, 80, len(names)),
                ("interregional", "arrival"): rng.integers(500, 5000, len(names)),
                ("intraregional", "arrival"): rng.integers(500, 4000, len(names)),
            }
            total_moves = int(counts[("interregional", "arrival")].sum())
            counts[("interregional", "departure")] = rng.multinomial(total_moves, np.full(len(names), 1 / len(names)))
            counts[("intraregional", "departure")] = counts[("intraregional", "arrival")]
            for position, name in enumerate(names):
                for flow in FLOWS:
                    for direction in DIRECTIONS:
                        yield [f"{year}-{month:02d}", name, flow, direction, int(counts[(flow, direction)][position])]


def write_stress_workbook(path) -> int:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Data")
    sheet.append(["period", "region", "flow", "direction", "people"])
    count = 0
    for row in stress_rows():
        sheet.append(row)
        count += 1
    book.save(path)
    return count

"""The tidy CSV of every published figure, with its regions and its indicators, and the Frictionless data package
that describes them (Table Schema: types, constraints, primary keys, foreign keys).

The descriptor is declared here as data and written as JSON; the tests validate the written package with the
frictionless library, an engine of its own. Not available is an empty value with status O, never 0.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from migrelease.model.regions import COUNTRY, regions
from migrelease.sheets.figures import (UNIT_PEOPLE, UNIT_PERCENT, UNIT_RATE, UNIT_TIMES, UNITS, Figure, IndicatorInfo,
                                       iso_period)

# SDMX observation status codes (CL_OBS_STATUS), so the CSV and the SDMX data speak one vocabulary.
STATUS_AVAILABLE, STATUS_NOT_AVAILABLE = "A", "O"
DECIMALS = {UNIT_PEOPLE: 0, UNIT_PERCENT: 1, UNIT_RATE: 1, UNIT_TIMES: 1}
KATO_PATTERN = "[0-9]{9}"
_MONTH = "(0[1-9]|1[0-2])"
PERIOD_PATTERN = f"[0-9]{{4}}(-{_MONTH}(/[0-9]{{4}}-{_MONTH})?)?"
CSV_FILES = {"figures": "figures.csv", "regions": "regions.csv", "indicators": "indicators.csv"}
DESCRIPTOR = "datapackage.json"

# Each resource: (description, fields, primary key, foreign keys). A field: (name, type, description, constraints).
RESOURCES = {
    "figures": ("Every figure the release publishes, one row each", (
        ("indicator", "string", "Indicator code (see indicators.csv): a dynamic table's sheet name such as "
                                "Y_Ext_Arr, a Key indicator KI_… or an intensity rate Rate_…", {"required": True}),
        ("kato", "string", "KATO code of the region; 000000000 is the Republic of Kazakhstan",
         {"required": True, "pattern": KATO_PATTERN}),
        ("region_kk", "string", "Region name in Kazakh", {"required": True}),
        ("region_ru", "string", "Region name in Russian", {"required": True}),
        ("region_en", "string", "Region name in English", {"required": True}),
        ("period", "string", "ISO 8601: a year (2026), a month (2026-03), or the months cumulative from January "
                             "(2026-01/2026-03)", {"required": True, "pattern": PERIOD_PATTERN}),
        ("unit", "string", "people; percent, or per 1000 population (one decimal, rounded as Excel's ROUND)",
         {"required": True, "enum": list(UNITS)}),
        ("value", "number", "The figure; empty where it is not available (never 0)", {}),
        ("status", "string", "A = available; O = not available (the value is empty)",
         {"required": True, "enum": [STATUS_AVAILABLE, STATUS_NOT_AVAILABLE]}),
    ), ("indicator", "kato", "period"), (("indicator", "indicators", "code"), ("kato", "regions", "kato"))),
    "regions": ("The Republic of Kazakhstan and its 20 regions in the release's order", (
        ("kato", "string", "KATO code", {"required": True, "unique": True, "pattern": KATO_PATTERN}),
        ("name_kk", "string", "Name in Kazakh", {"required": True}),
        ("name_ru", "string", "Name in Russian", {"required": True}),
        ("name_en", "string", "Name in English", {"required": True}),
    ), ("kato",), ()),
    "indicators": ("Every indicator: the 21 dynamic tables, the Key indicators and the intensity rates", (
        ("code", "string", "Indicator code", {"required": True, "unique": True}),
        ("title_kk", "string", "Title in Kazakh", {"required": True}),
        ("title_ru", "string", "Title in Russian", {"required": True}),
        ("title_en", "string", "Title in English", {"required": True}),
        ("unit", "string", "Unit of the indicator's figures", {"required": True, "enum": list(UNITS)}),
    ), ("code",), ()),
}


def _value(value: float, unit: str) -> str:
    return "" if value != value else f"{value:.{DECIMALS[unit]}f}"


def figure_rows(figures: list[Figure]) -> list[list[str]]:
    return [[figure.indicator, figure.region.kato, figure.region.name_kk, figure.region.name_ru,
             figure.region.name_en, iso_period(figure.span), figure.unit, _value(figure.value, figure.unit),
             STATUS_AVAILABLE if figure.available else STATUS_NOT_AVAILABLE] for figure in figures]


def region_rows() -> list[list[str]]:
    return [[region.kato, region.name_kk, region.name_ru, region.name_en] for region in (COUNTRY, *regions())]


def indicator_rows(indicators: tuple[IndicatorInfo, ...]) -> list[list[str]]:
    return [[indicator.code, *(indicator.titles[lang] for lang in ("kk", "ru", "en")), indicator.unit]
            for indicator in indicators]


def _schema(fields, primary_key, foreign_keys) -> dict:
    schema = {"fields": [{"name": name, "type": kind, "description": description,
                          **({"constraints": constraints} if constraints else {})}
                         for name, kind, description, constraints in fields],
              "missingValues": [""], "primaryKey": list(primary_key)}
    if foreign_keys:
        schema["foreignKeys"] = [{"fields": field, "reference": {"resource": resource, "fields": target}}
                                 for field, resource, target in foreign_keys]
    return schema


def descriptor(name: str, title: str, description: str, created: str | None) -> dict:
    """The data package descriptor (Frictionless Data Package v1, tabular)."""
    return {
        "profile": "tabular-data-package", "name": name, "title": title, "description": description,
        **({"created": created} if created else {}),
        "resources": [
            {"name": resource, "path": CSV_FILES[resource], "description": about, "profile": "tabular-data-resource",
             "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
             "schema": _schema(fields, primary_key, foreign_keys)}
            for resource, (about, fields, primary_key, foreign_keys) in RESOURCES.items()],
    }


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_csv_package(figures: list[Figure], indicators: tuple[IndicatorInfo, ...], out_dir: Path, name: str,
                      title: str, description: str, created: str | None) -> list[Path]:
    """figures.csv, regions.csv, indicators.csv and datapackage.json in `out_dir`; the paths written."""
    rows = {"figures": figure_rows(figures), "regions": region_rows(), "indicators": indicator_rows(indicators)}
    paths = []
    for resource, (_, fields, _, _) in RESOURCES.items():
        paths.append(out_dir / CSV_FILES[resource])
        _write_csv(paths[-1], [field[0] for field in fields], rows[resource])
    paths.append(out_dir / DESCRIPTOR)
    paths[-1].write_text(json.dumps(descriptor(name, title, description, created), ensure_ascii=False, indent=2)
                         + "\n", encoding="utf-8")
    return paths

"""The 20 regions of the release, in the Bureau's table order, and the country they sum to."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

COUNTRY_KATO = "000000000"


@dataclass(frozen=True)
class Region:
    kato: str
    kind: str  # "region" or "city"
    name_en: str
    short_en: str
    name_ru: str
    name_kk: str
    aliases: tuple[str, ...]

    @property
    def is_city(self) -> bool:
        return self.kind == "city"


COUNTRY = Region(COUNTRY_KATO, "country", "Republic of Kazakhstan", "Kazakhstan",
                 "Республика Казахстан", "Қазақстан Республикасы", ("Kazakhstan", "Republic of Kazakhstan"))


@lru_cache(maxsize=1)
def regions() -> tuple[Region, ...]:
    """The 20 regions in table order (the country is not among them: it is computed)."""
    text = resources.files("migrelease").joinpath("data/regions.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines())
    return tuple(
        Region(row["kato"], row["kind"], row["name_en"], row["short_en"], row["name_ru"], row["name_kk"],
               tuple(a for a in row["aliases"].split(";") if a))
        for row in rows
    )


def normalise_name(text: str) -> str:
    """Case-, spacing-, punctuation-insensitive key: 'North-Kazakhstan  Region' -> 'north kazakhstan region'."""
    return re.sub(r"[\s\-_.,]+", " ", str(text).casefold()).strip()


@lru_cache(maxsize=1)
def _lookup() -> dict[str, Region]:
    table: dict[str, Region] = {}
    for region in regions():
        keys = {region.name_en, region.name_ru, region.name_kk, *region.aliases}
        for key in keys:
            table[normalise_name(key)] = region
        table[region.kato] = region
        table[region.kato[:2]] = region  # the two-digit oblast code users often type
    return table


def find_region(value) -> Region | None:
    """The region named by an English (or Russian/Kazakh) name, an alias or a KATO code; None if unknown."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    key = str(value).strip()
    if key.isdigit():
        key = key.zfill(9) if len(key) > 2 else key.zfill(2)
        return _lookup().get(key)
    return _lookup().get(normalise_name(key))

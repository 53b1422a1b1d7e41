"""The 20 regions of the release, in the Bureau's table order, and the country they sum to.

Every name is data (data/regions.csv): the official name in English, Russian and Kazakh (since the regions
created on 8 June 2022: "область Абай" / "Абай облысы"), common short forms, former names ("Абайская область",
"г. Нур-Султан"). Input may name a region in any of these forms, by KATO code (nine or two digits) or in the
Kazakh Latin alphabet (the 2021 and the 2018 versions, from data/kazakh_latin.csv, with or without diacritics).
"""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
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
    aliases: tuple[str, ...] = ()  # common forms in any language
    former: tuple[str, ...] = ()  # names no longer official

    @property
    def is_city(self) -> bool:
        return self.kind == "city"

    def name(self, lang: str) -> str:
        """The official name in `lang` (en, ru or kk)."""
        return {"en": self.name_en, "ru": self.name_ru, "kk": self.name_kk}[lang]

    @property
    def latin_names(self) -> tuple[str, ...]:
        """The Kazakh name in the Latin alphabets of 2021 and 2018: "Abai oblysy", "Abaı oblysy"."""
        return tuple(dict.fromkeys(kazakh_latin(self.name_kk, version) for version in LATIN_VERSIONS))


COUNTRY = Region(COUNTRY_KATO, "country", "Republic of Kazakhstan", "Kazakhstan",
                 "Республика Казахстан", "Қазақстан Республикасы", ("Kazakhstan", "Republic of Kazakhstan"))


def _data(name: str) -> list[dict[str, str]]:
    text = resources.files("migrelease").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _split(text: str) -> tuple[str, ...]:
    return tuple(part for part in text.split(";") if part)


@lru_cache(maxsize=1)
def regions() -> tuple[Region, ...]:
    """The 20 regions in table order (the country is not among them: it is computed)."""
    return tuple(
        Region(row["kato"], row["kind"], row["name_en"], row["short_en"], row["name_ru"], row["name_kk"],
               _split(row["aliases_en"]) + _split(row["aliases_ru"]) + _split(row["aliases_kk"]),
               _split(row["former"]))
        for row in _data("regions.csv")
    )


LATIN_VERSIONS = ("latin_2021", "latin_2018")


@lru_cache(maxsize=1)
def _latin_letters() -> dict[str, dict[str, str]]:
    rows = _data("kazakh_latin.csv")
    return {version: {row["cyrillic"]: row[version] for row in rows} for version in LATIN_VERSIONS}


def kazakh_latin(text: str, version: str = "latin_2021") -> str:
    """Kazakh Cyrillic text in a Kazakh Latin alphabet, letter by letter, keeping the capital letters."""
    letters = _latin_letters()[version]
    out = []
    for character in text:
        latin = letters.get(character.lower())
        if latin is None:
            out.append(character)
        elif character.isupper() and latin:
            out.append(latin[0].upper() + latin[1:])
        else:
            out.append(latin)
    return "".join(out)


# Kazakh letters a Russian keyboard lacks, as people type them without one ("Улытау" for "Ұлытау").
_KAZAKH_TO_RUSSIAN = str.maketrans("әғқңөұүһі", "агкноуухи")


def normalise_name(text: str) -> str:
    """The key names are compared by: case, spacing, punctuation and diacritics ignored, Kazakh letters as their
    Russian look-alikes: 'North-Kazakhstan  Region' -> 'north kazakhstan region', 'Ūlytau' -> 'ulytau'."""
    text = str(text).casefold().translate(_KAZAKH_TO_RUSSIAN).replace("ı", "i")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[\s\-_.,]+", " ", text).strip()


def accepted_names(region: Region) -> tuple[str, ...]:
    """Every name input may use for `region` (KATO codes aside)."""
    return tuple(dict.fromkeys((region.name_en, region.name_ru, region.name_kk, *region.aliases,
                                *region.former, *region.latin_names)))


@lru_cache(maxsize=1)
def _lookup() -> dict[str, Region]:
    table: dict[str, Region] = {}
    for region in regions():
        for key in accepted_names(region):
            table[normalise_name(key)] = region
        table[region.kato] = region
        table[region.kato[:2]] = region  # the two-digit oblast code users often type
    return table


def find_region(value) -> Region | None:
    """The region named by any accepted name (official, common, former, Kazakh Latin) or a KATO code; None if
    unknown."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    key = str(value).strip()
    if key.isdigit():
        key = key.zfill(9) if len(key) > 2 else key.zfill(2)
        return _lookup().get(key)
    return _lookup().get(normalise_name(key))


ACCEPTED_FORMS = ("its official name in English, Russian or Kazakh (Abai region, область Абай, Абай облысы), a "
                  "common or former name (Abay, г. Астана, Абайская область, Nur-Sultan), its KATO code "
                  "(100000000 or 10) or its Kazakh name in Latin letters (Abai oblysy, Astana qalasy)")


def closest_region_name(value) -> str | None:
    """The accepted name most like `value` ("Almaty regoin" -> "Almaty region"), or None if none is close."""
    key = normalise_name(value)
    names = {normalise_name(name): name for region in regions() for name in accepted_names(region)}
    match = difflib.get_close_matches(key, list(names), n=1, cutoff=0.8)
    return names[match[0]] if match else None

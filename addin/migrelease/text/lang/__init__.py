"""Language packs for the key-points text: sentence templates plus grammar data (no per-language code).

A pack gives, for one language:
- `templates`: sentence and phrase templates with named slots (see `keypoints.draft_key_points` for the slots);
- `nouns`: each counted noun's form per CLDR plural category ("one", "few", "many", "other"), chosen with Babel's
  plural rules, so "1 person / 2 people" and "1 человек / 2 человека / 5 человек / 1,5 человека" come from data;
- `month_names`: the 12 month names per grammatical case, and `period_patterns` per case;
- `region_names`: each region's name per grammatical case (KATO code -> case -> name), shipped as data
  (data/region_cases.csv for Russian and Kazakh, read with `region_cases`);
- `number_style`: decimal and thousands separators.

A template chooses the grammatical case of a slot with a format spec: "{period:acc}" renders the period with the
pack's month names and period patterns of case "acc", "{arrivals:acc}" the count with the noun "people.acc".
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from importlib import import_module, resources

from migrelease.text.numfmt import NumberStyle


@dataclass(frozen=True)
class LanguagePack:
    code: str
    number_style: NumberStyle
    templates: dict[str, str]
    nouns: dict[str, dict[str, str]]
    month_names: dict[str, tuple[str, ...]]
    period_patterns: dict[str, dict[str, str]]  # case -> {"month"|"span"|"year": pattern}
    region_names: dict[str, dict[str, str]]  # KATO -> case -> name
    list_separator: str = ", "
    list_last_separator: str = " and "
    numerals: dict[str, dict[int, str]] = field(default_factory=dict)  # case -> number -> word, where spelled out


LANGUAGES = ("en", "ru", "kk")


def language_pack(code: str) -> LanguagePack:
    code = str(code or "en").strip().casefold()
    if code not in LANGUAGES:
        raise ValueError(f"language '{code}' is not available; choose one of {', '.join(LANGUAGES)}")
    return import_module(f"{__name__}.{code}").PACK


def region_cases(code: str) -> dict[str, dict[str, str]]:
    """KATO -> case -> name for `code`, from data/region_cases.csv (columns "<code>:<case>")."""
    text = resources.files("migrelease").joinpath("data/region_cases.csv").read_text(encoding="utf-8")
    prefix = f"{code}:"
    return {row["kato"]: {column[len(prefix):]: name for column, name in row.items() if column.startswith(prefix)}
            for row in csv.DictReader(text.splitlines())}

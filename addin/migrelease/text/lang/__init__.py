"""Language packs for the key-points text: the house style of one language as data (no per-language code).

A pack gives, for one language:
- `style`: the house-style rules (the dash between months, whether a full year is named by its months, from which
  ratio a change is said "N times", whether two changes share one verb) — see `HouseStyle`;
- `templates`: sentence and phrase templates with named slots (`keypoints` decides which template is said);
- `nouns`: each counted noun's form per CLDR plural category ("one", "few", "many", "other"), chosen with Babel's
  plural rules, so "1 person / 2 people" and "1 человек / 2 человека / 5 человек / 1,5 человека" come from data;
- `month_names`: the 12 month names per grammatical case, and `period_patterns` per case;
- `region_names`: each region's name per grammatical case (KATO code -> case -> name), shipped as data
  (data/region_cases.csv for Russian and Kazakh, read with `region_cases`);
- `number_style`: decimal and thousands separators;
- `sources`: for every rule and template, the public text it follows (a URL) or "no source found — chosen because
  …"; docs/house-style.md is rendered from them (`text.house_style`).

A template chooses the grammatical case of a slot with a format spec: "{period:acc}" renders the period with the
pack's month names and period patterns of case "acc", "{arrivals:acc}" the count with the noun "people.acc".
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field, fields
from importlib import import_module, resources

from migrelease.text.numfmt import NumberStyle

NO_SOURCE = "no source found — chosen because"


@dataclass(frozen=True)
class HouseStyle:
    """The rules of one language's house style, as data. Each field is documented with its source in the pack's
    `sources` under "style.<field>"."""
    period_dash: str  # between the months of a span: "январь-март" (ru, kk), "January–March" (en)
    full_year_as_months: bool  # a whole year is "январь-декабрь 2025 года", not "2025 год"
    times_from: float  # from this ratio up or down a change is "increased/decreased N times", not a percentage
    text_percent_drops_zero: bool  # running text writes "21%", not "21,0%" (tables keep one decimal)
    shared_change_verb: bool  # two changes the same way share one verb: "…20,7%-ға, …40,5%-ға азайды"

    def rules(self) -> dict[str, object]:
        return {item.name: getattr(self, item.name) for item in fields(self)}


@dataclass(frozen=True)
class LanguagePack:
    code: str
    style: HouseStyle
    number_style: NumberStyle
    templates: dict[str, str]
    nouns: dict[str, dict[str, str]]
    month_names: dict[str, tuple[str, ...]]
    period_patterns: dict[str, dict[str, str]]  # case -> {"month"|"span"|"year": pattern}
    region_names: dict[str, dict[str, str]]  # KATO -> case -> name
    sources: dict[str, str] = field(default_factory=dict)  # "style.<rule>" | template key -> URL or NO_SOURCE …
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

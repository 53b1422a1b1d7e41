"""Every published figure of a release as one long tidy list: indicator, region, period, unit, value.

A Release in, Figure records out, nothing written. The dynamic tables' figures are their cells; the Key indicators
are the values their sheet's formulas carry (the same functions over the same cells); the intensity rates are the
Rate sheets' (with a Population sheet). So the open data cannot disagree with the workbook. (The Ethnic sheet's
shares are by ethnic group, not by region, and stay in the workbook.) The open data (publish/opendata*) and the
publication record of revisions (sheets/publication_record) both list these figures. Each figure has a stable
indicator code: a dynamic table's code (its sheet name), or a Key indicator's code derived from its declaration
(KI_ + the table it starts from + what the function does).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Mapping

from migrelease.model.cube import MEASURES
from migrelease.model.periods import Span
from migrelease.model.regions import COUNTRY, Region, regions
from migrelease.model.tables import TABLE_SPECS, table_code
from migrelease.release.compute import Release
from migrelease.release.supplementary import INTENSITY_SHEETS
from migrelease.sheets.key_sheets import KEY_INDICATORS, Indicator, indicator_formula
from migrelease.sheets.labels import period_label
from migrelease.sheets.words import LANGUAGES, sheet_words

UNIT_PEOPLE, UNIT_PERCENT, UNIT_RATE, UNIT_TIMES = "people", "percent", "per 1000 population", "times"
UNITS = (UNIT_PEOPLE, UNIT_PERCENT, UNIT_RATE, UNIT_TIMES)
_UNITS = {"people": UNIT_PEOPLE, "%": UNIT_PERCENT, "times": UNIT_TIMES}
# What a Key indicator's worksheet function adds to the code of the table it starts from.
_FUNCTION_SUFFIXES = {None: "", "MIG_BALANCE": "", "MIG_CHANGE": "_Chg", "MIG_SHARE": "_Shr", "TIMES_UP": "_Times",
                      "TIMES_DOWN": "_TimesDown"}
KEY_INDICATOR_PREFIX = "KI_"
# The Interregional sheet: interregional migration of every region in the current period, (code, measure).
INTERREGIONAL = (("KI_Irg_Arr", "arrival"), ("KI_Irg_Dep", "departure"), ("KI_Irg_Bal", "balance"))


@dataclass(frozen=True)
class Figure:
    indicator: str
    region: Region
    span: Span
    unit: str
    value: float  # NaN = not available

    @property
    def available(self) -> bool:
        return not math.isnan(self.value)


@dataclass(frozen=True)
class IndicatorInfo:
    code: str
    titles: Mapping[str, str]  # language -> the title as that edition's sheets word it
    unit: str


def iso_period(span: Span) -> str:
    """'2026', '2026-03', or the months cumulative from January as an ISO 8601 interval, '2026-01/2026-03'."""
    if span.is_full_year:
        return f"{span.year}"
    if span.is_single_month:
        return f"{span.year}-{span.first_month:02d}"
    return f"{span.year}-{span.first_month:02d}/{span.year}-{span.last_month:02d}"


def key_indicator_code(indicator: Indicator) -> str:
    flow_group, measure, _ = indicator.cells[0]
    if indicator.function == "MIG_BALANCE":
        measure = "balance"
    table = table_code("annual", flow_group, measure)
    return KEY_INDICATOR_PREFIX + table.split("_", 1)[1] + _FUNCTION_SUFFIXES[indicator.function]


def rate_code(flow_group: str, measure: str) -> str:
    """Rate_Ext_Arr: the intensity sheet's code and the measure's, as the dynamic tables write it."""
    return f"{INTENSITY_SHEETS[flow_group]}_{table_code('annual', flow_group, measure).rsplit('_', 1)[1]}"


def _in_every_language(title: Callable) -> dict[str, str]:
    return {lang: title(sheet_words(lang), lang) for lang in LANGUAGES}


def indicators(release: Release) -> tuple[IndicatorInfo, ...]:
    """Every indicator of the release's open data, in the order its figures are listed, titled in every language
    with the words of the sheets that show it (the period of the Interregional and Rate sheets included)."""
    span = release.span
    return (
        *(IndicatorInfo(spec.code, _in_every_language(lambda words, _, spec=spec: words(
            "table.by_year" if spec.frequency == "annual" else "table.by_month",
            title=words.table_title(spec.flow_group, spec.measure))), UNIT_PEOPLE) for spec in TABLE_SPECS),
        *(IndicatorInfo(key_indicator_code(indicator), _in_every_language(
            lambda _, lang, indicator=indicator: indicator.label_in(lang)), _UNITS[indicator.unit])
          for indicator in KEY_INDICATORS),
        *(IndicatorInfo(code, _in_every_language(lambda words, lang, measure=measure: (
            f"{words('interregional.title', period=period_label(span, lang))} — {words(f'measure.{measure}')}")),
            UNIT_PEOPLE) for code, measure in INTERREGIONAL),
        *(IndicatorInfo(rate_code(flow_group, measure), _in_every_language(
            lambda words, lang, flow_group=flow_group, measure=measure: (
                f"{words('intensity.title', flow=words(f'flow.{flow_group}'), period=period_label(span, lang))} — "
                f"{words('measure_header.rate', measure=words(f'measure.{measure}'))}")), UNIT_RATE)
          for flow_group in release.intensity for measure in MEASURES))


def _number(cell) -> float:
    """A sheet value (a number, or [x] / None where not available) as a float, NaN where not available."""
    return float(cell) if isinstance(cell, (int, float)) else math.nan


def table_figures(release: Release) -> list[Figure]:
    return [Figure(spec.code, region, span, UNIT_PEOPLE, float(value))
            for spec in TABLE_SPECS
            for region, row in zip(release.tables[spec.code].rows, release.tables[spec.code].values)
            for span, value in zip(release.tables[spec.code].columns, row)]


def key_indicator_figures(release: Release) -> list[Figure]:
    figures = [Figure(key_indicator_code(indicator), COUNTRY, release.span, _UNITS[indicator.unit],
                      _number(indicator_formula(indicator, release).value)) for indicator in KEY_INDICATORS]
    for code, measure in INTERREGIONAL:
        values = release.cube.figures(release.span, "interregional", measure)[1:]  # [0] is the country
        figures += [Figure(code, region, release.span, UNIT_PEOPLE, float(value))
                    for region, value in zip(regions(), values)]
    return figures


def rate_figures(release: Release) -> list[Figure]:
    """The intensity sheets' rates (only when the workbook has a Population sheet); their counts are table cells."""
    return [Figure(rate_code(flow_group, measure), region, frame.span, UNIT_RATE, float(value))
            for flow_group, frame in release.intensity.items() for measure in MEASURES
            for region, value in zip(frame.rows, frame.rates[measure])]


def published_figures(release: Release) -> list[Figure]:
    """Every figure of every dynamic table, then the Key indicators, then the intensity rates."""
    return table_figures(release) + key_indicator_figures(release) + rate_figures(release)

"""The Key points sheet (one column per language, the release's first), the Key indicators sheet (every figure
the key points quote, as a formula over the dynamic-table cells that carries its value) and the Interregional
sheet (the regions' interregional migration the key points draw on), each with one Excel table, in the release's
language."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

from migrelease.model import measures
from migrelease.model.periods import Span
from migrelease.model.regions import regions
from migrelease.model.tables import table_code
from migrelease.release.compute import Release
from migrelease.sheets.blocks import Block, ExcelTable, Formula, SheetLayout, cell_value, wrapped_height
from migrelease.sheets.labels import header_height, period_label
from migrelease.sheets.notes import cite
from migrelease.sheets.table_sheets import figure_cell
from migrelease.sheets.words import LANGUAGE_TITLES, sheet_words

KEY_POINTS_SHEET = "Key points"
KEY_INDICATORS_SHEET = "Key indicators"
INTERREGIONAL_SHEET = "Interregional"
KEY_POINTS_WIDTH = 70  # characters per paragraph column


def key_points_sheet(release: Release) -> SheetLayout:
    words = sheet_words(release.lang)
    languages = sorted(release.key_points, key=lambda lang: lang != release.lang)  # the release's language first
    header = (words("keypoints.point"), *(LANGUAGE_TITLES[lang] for lang in languages))
    rows = tuple((number, *(release.key_points[lang][number - 1] for lang in languages))
                 for number in range(1, 1 + len(release.key_points[languages[0]])))
    title = words("keypoints.title", period=period_label(release.span, release.lang))
    return SheetLayout(
        name=KEY_POINTS_SHEET,
        description=words("keypoints.sheet_description"),
        blocks=(
            Block(1, 1, ((title,),), "title"),
            Block(2, 1, ((words("keypoints.info"),),), "info"),
            Block(4, 1, (header,), "header"),
            Block(5, 1, rows, "wrap"),
        ),
        tables=(ExcelTable("T_Key_points", 4, 1, 4 + len(rows), len(header)),),
        column_widths={1: 8, **{column: KEY_POINTS_WIDTH for column in range(2, len(header) + 1)}},
        # Rows tall enough for the longest paragraph: neither Excel nor LibreOffice refits them on opening.
        row_heights={5 + i: max(wrapped_height(text, KEY_POINTS_WIDTH) for text in row[1:])
                     for i, row in enumerate(rows)},
    )


@dataclass(frozen=True)
class Indicator:
    """A figure the key points quote (`key` names it in text.keypoints.KeyFigures and in the words): the
    country's figure of a table, or a worksheet function of such figures. `cells` name table figures as (flow
    group, measure, "current" or "previous" period)."""
    key: str
    unit: str  # "people", "%" or "times"
    function: str | None  # a MIG_ worksheet function, or None for the figure itself
    cells: tuple[tuple[str, str, str], ...]

    def label_in(self, lang: str) -> str:
        return sheet_words(lang)(f"indicator.{self.key}")

    @property
    def label(self) -> str:
        """The indicator's name in English (the open data's)."""
        return self.label_in("en")

    def unit_in(self, lang: str) -> str:
        return sheet_words(lang)({"%": "percent", "times": "times"}.get(self.unit, "people"))


@dataclass(frozen=True)
class IndicatorFunction:
    """How an indicator computes its value from its cells: the Python measure, and the formula that does the same
    in the workbook ({0}, {1}: the cells' references)."""
    compute: Callable
    formula: str


# The MIG_ functions are the add-in's (the same measures the UDFs compute). How many times a figure grew or fell
# ("increased 2,4 times") is Excel's own ROUND of the ratio, which is what measures.times computes; IFERROR leaves
# the cell empty where the ratio is not available, as the MIG_ functions do.
FUNCTIONS = {
    "MIG_BALANCE": IndicatorFunction(measures.balance, "MIG_BALANCE({0},{1})"),
    "MIG_CHANGE": IndicatorFunction(measures.change, "MIG_CHANGE({0},{1})"),
    "MIG_SHARE": IndicatorFunction(measures.share, "MIG_SHARE({0},{1})"),
    "TIMES_UP": IndicatorFunction(measures.times, 'IFERROR(ROUND({0}/{1},1),"")'),
    "TIMES_DOWN": IndicatorFunction(measures.times, 'IFERROR(ROUND({0}/{1},1),"")'),
}


def _ratios(key: str, flow_group: str, measure: str) -> tuple[Indicator, Indicator]:
    """The current period as a multiple of the same period a year earlier (`<key>_times`), and the other way round
    (`<key>_times_down`), as text.keypoints.KeyFigures names them."""
    current, previous = (flow_group, measure, "current"), (flow_group, measure, "previous")
    return (Indicator(f"{key}_times", "times", "TIMES_UP", (current, previous)),
            Indicator(f"{key}_times_down", "times", "TIMES_DOWN", (previous, current)))


KEY_INDICATORS = (
    Indicator("arrivals", "people", None, (("external", "arrival", "current"),)),
    Indicator("departures", "people", None, (("external", "departure", "current"),)),
    Indicator("net", "people", "MIG_BALANCE",
              (("external", "arrival", "current"), ("external", "departure", "current"))),
    Indicator("arrivals_change", "%", "MIG_CHANGE",
              (("external", "arrival", "current"), ("external", "arrival", "previous"))),
    Indicator("departures_change", "%", "MIG_CHANGE",
              (("external", "departure", "current"), ("external", "departure", "previous"))),
    Indicator("cis_arrival_share", "%", "MIG_SHARE",
              (("cis", "arrival", "current"), ("external", "arrival", "current"))),
    Indicator("cis_departure_share", "%", "MIG_SHARE",
              (("cis", "departure", "current"), ("external", "departure", "current"))),
    Indicator("other_arrival_share", "%", "MIG_SHARE",
              (("other", "arrival", "current"), ("external", "arrival", "current"))),
    Indicator("other_departure_share", "%", "MIG_SHARE",
              (("other", "departure", "current"), ("external", "departure", "current"))),
    Indicator("internal_moves", "people", None, (("internal", "arrival", "current"),)),
    Indicator("internal_change", "%", "MIG_CHANGE",
              (("internal", "arrival", "current"), ("internal", "arrival", "previous"))),
    # "increased N times" / "decreased N times" (from two-fold): the ratios the text quotes then
    *_ratios("arrivals", "external", "arrival"),
    *_ratios("departures", "external", "departure"),
    *_ratios("internal", "internal", "arrival"),
)
KEY_INDICATORS_HEADER_ROW = 4


def _function_value(function: str, arguments: list[float]) -> float | None:
    """What the worksheet function shows: a number, or None (an empty cell) where it is not available."""
    result = float(FUNCTIONS[function].compute(*arguments))
    return None if math.isnan(result) else cell_value(result)


def indicator_formula(indicator: Indicator, release: Release) -> Formula:
    spans = {"current": release.span, "previous": release.span.same_period_a_year_earlier()}
    references, values = [], []
    for flow_group, measure, which in indicator.cells:
        table = release.tables[table_code("annual", flow_group, measure)]
        span: Span = spans[which]
        references.append(figure_cell(table, span))
        values.append(float(table.values[0, table.columns.index(span)]))
    if indicator.function is None:
        return Formula(f"={references[0]}", cell_value(values[0]))
    return Formula("=" + FUNCTIONS[indicator.function].formula.format(*references),
                   _function_value(indicator.function, values))


def key_indicators_sheet(release: Release, public: bool = False) -> SheetLayout:
    """`public`: worded for the published file, where each formula is replaced by the value it computes."""
    words = sheet_words(release.lang)
    edition = "_public" if public else ""
    rows = tuple((indicator.label_in(release.lang), indicator_formula(indicator, release),
                  indicator.unit_in(release.lang)) for indicator in KEY_INDICATORS)
    top = KEY_INDICATORS_HEADER_ROW
    period = period_label(release.span, release.lang)
    return SheetLayout(
        name=KEY_INDICATORS_SHEET,
        description=words(f"indicators.sheet_description{edition}"),
        blocks=(
            Block(1, 1, ((words("indicators.title", period=period),),), "title"),
            Block(2, 1, ((words(f"indicators.info{edition}", note=cite("rounding")),),), "info"),
            Block(top, 1, ((words("indicators.indicator"), words("indicators.value"), words("indicators.unit")),),
                  "header"),
            Block(top + 1, 1, tuple((row[0],) for row in rows), "label"),
            Block(top + 1, 2, tuple((row[1],) for row in rows), "indicator"),
            Block(top + 1, 3, tuple((row[2],) for row in rows), "label"),
        ),
        tables=(ExcelTable("T_Key_indicators", top, 1, top + len(rows), 3),),
        column_widths={1: 62, 2: 18, 3: 18},
    )


INTERREGIONAL_HEADER_ROW = 4


def interregional_sheet(release: Release) -> SheetLayout:
    """The regions' interregional arrivals and departures for the period, and their net migration as formulas."""
    words = sheet_words(release.lang)
    top = INTERREGIONAL_HEADER_ROW
    interregional = [release.cube.figures(release.span, "interregional", measure)[1:]
                     for measure in ("arrival", "departure")]
    rows = tuple(
        (region.name(release.lang), cell_value(arrivals), cell_value(departures),
         Formula(f"=MIG_BALANCE(B{top + 1 + i},C{top + 1 + i})",
                 _function_value("MIG_BALANCE", [arrivals, departures])))
        for i, (region, arrivals, departures) in enumerate(zip(regions(), *interregional)))
    header = (words("region"), *(words("measure_header.people", measure=words(f"measure.{measure}"))
                                 for measure in ("arrival", "departure", "balance")))
    return SheetLayout(
        name=INTERREGIONAL_SHEET,
        description=words("interregional.sheet_description"),
        blocks=(
            Block(1, 1, ((words("interregional.title", period=period_label(release.span, release.lang)),),),
                  "title"),
            Block(2, 1, ((words("interregional.info"),),), "info"),
            Block(top, 1, (header,), "header"),
            Block(top + 1, 1, tuple((row[0],) for row in rows), "label"),
            Block(top + 1, 2, tuple(row[1:] for row in rows), "count"),
        ),
        tables=(ExcelTable("T_Interregional", top, 1, top + len(rows), 4),),
        column_widths={1: 32, 2: 20, 3: 20, 4: 24},
        row_heights={top: header_height(header, 20)},
    )

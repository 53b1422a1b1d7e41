"""The Key points sheet (one column per language) and the Key indicators sheet: every figure the key points
quote, as a formula over the dynamic-table cells that carries its value."""

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
from migrelease.sheets.notes import cite
from migrelease.sheets.table_sheets import figure_cell
from migrelease.sheets.words import LANGUAGE_TITLES
from migrelease.text.period_labels import span_label

KEY_POINTS_SHEET = "Key points"
KEY_INDICATORS_SHEET = "Key indicators"
KEY_POINTS_WIDTH = 70  # characters per paragraph column


def key_points_sheet(release: Release) -> SheetLayout:
    languages = list(release.key_points)
    header = ("Point", *(LANGUAGE_TITLES[lang] for lang in languages))
    rows = tuple((number, *(release.key_points[lang][number - 1] for lang in languages))
                 for number in range(1, 1 + len(release.key_points[languages[0]])))
    title = f"Key points, {span_label(release.span)}"
    return SheetLayout(
        name=KEY_POINTS_SHEET,
        description="The key points of the release, drafted from the tables in each language",
        blocks=(
            Block(1, 1, ((title,),), "title"),
            Block(2, 1, (("Drafted from the dynamic tables; every figure equals a table cell "
                          "(see Key indicators).",),), "info"),
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
    """A figure the key points quote: the country's figure of a table, or a worksheet function of such figures.
    `cells` name table figures as (flow group, measure, "current" or "previous" period)."""
    label: str
    unit: str
    function: str | None  # a MIG_ worksheet function, or None for the figure itself
    cells: tuple[tuple[str, str, str], ...]


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


def _ratios(label: str, flow_group: str, measure: str) -> tuple[Indicator, Indicator]:
    """The current period as a multiple of the same period a year earlier, and the other way round."""
    current, previous = (flow_group, measure, "current"), (flow_group, measure, "previous")
    return (Indicator(f"{label}, times the same period a year earlier", "times", "TIMES_UP", (current, previous)),
            Indicator(f"{label}, the same period a year earlier as a multiple of this one", "times", "TIMES_DOWN",
                      (previous, current)))

KEY_INDICATORS = (
    Indicator("Arrivals (external migration)", "people", None, (("external", "arrival", "current"),)),
    Indicator("Departures (external migration)", "people", None, (("external", "departure", "current"),)),
    Indicator("Net migration (external)", "people", "MIG_BALANCE",
              (("external", "arrival", "current"), ("external", "departure", "current"))),
    Indicator("Arrivals, change versus the same period a year earlier", "%", "MIG_CHANGE",
              (("external", "arrival", "current"), ("external", "arrival", "previous"))),
    Indicator("Departures, change versus the same period a year earlier", "%", "MIG_CHANGE",
              (("external", "departure", "current"), ("external", "departure", "previous"))),
    Indicator("Share of the CIS countries in arrivals", "%", "MIG_SHARE",
              (("cis", "arrival", "current"), ("external", "arrival", "current"))),
    Indicator("Share of the CIS countries in departures", "%", "MIG_SHARE",
              (("cis", "departure", "current"), ("external", "departure", "current"))),
    Indicator("Share of other countries in arrivals", "%", "MIG_SHARE",
              (("other", "arrival", "current"), ("external", "arrival", "current"))),
    Indicator("Share of other countries in departures", "%", "MIG_SHARE",
              (("other", "departure", "current"), ("external", "departure", "current"))),
    Indicator("People moving within the country (internal arrivals)", "people", None,
              (("internal", "arrival", "current"),)),
    Indicator("People moving within the country, change versus the same period a year earlier", "%", "MIG_CHANGE",
              (("internal", "arrival", "current"), ("internal", "arrival", "previous"))),
    # "increased N times" / "decreased N times" (from two-fold): the ratios the text quotes then
    *_ratios("Arrivals", "external", "arrival"),
    *_ratios("Departures", "external", "departure"),
    *_ratios("People moving within the country", "internal", "arrival"),
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


def key_indicators_sheet(release: Release) -> SheetLayout:
    rows = tuple((indicator.label, indicator_formula(indicator, release), indicator.unit)
                 for indicator in KEY_INDICATORS)
    top = KEY_INDICATORS_HEADER_ROW
    regional_header_row = top + len(rows) + 3
    interregional = [release.cube.figures(release.span, "interregional", measure)[1:]
                     for measure in ("arrival", "departure")]
    regional_rows = tuple(
        (region.name_en, cell_value(arrivals), cell_value(departures),
         Formula(f"=MIG_BALANCE(B{regional_header_row + 1 + i},C{regional_header_row + 1 + i})",
                 _function_value("MIG_BALANCE", [arrivals, departures])))
        for i, (region, arrivals, departures) in enumerate(zip(regions(), *interregional)))
    return SheetLayout(
        name=KEY_INDICATORS_SHEET,
        description="The figures the key points quote, as MIG_ formulas over the dynamic-table cells",
        blocks=(
            Block(1, 1, ((f"Key indicators, {span_label(release.span)}",),), "title"),
            Block(2, 1, ((f"Each value is a formula over the dynamic tables; the key points quote these values "
                          f"{cite('rounding')}.",),), "info"),
            Block(top, 1, (("Indicator", "Value", "Unit"),), "header"),
            Block(top + 1, 1, tuple((row[0],) for row in rows), "label"),
            Block(top + 1, 2, tuple((row[1],) for row in rows), "indicator"),
            Block(top + 1, 3, tuple((row[2],) for row in rows), "label"),
            Block(regional_header_row - 1, 1,
                  ((f"Interregional migration by region, {span_label(release.span)}",),), "subtitle"),
            Block(regional_header_row, 1, (("Region", "Arrivals (people)", "Departures (people)",
                                            "Net migration (people)"),), "header"),
            Block(regional_header_row + 1, 1, tuple((row[0],) for row in regional_rows), "label"),
            Block(regional_header_row + 1, 2, tuple(row[1:] for row in regional_rows), "count"),
        ),
        tables=(ExcelTable("T_Key_indicators", top, 1, top + len(rows), 3),
                ExcelTable("T_Interregional", regional_header_row, 1, regional_header_row + len(regional_rows), 4)),
        column_widths={1: 62, 2: 18, 3: 18, 4: 22},
    )

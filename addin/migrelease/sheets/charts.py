"""Charts of the release: native Excel charts whose series reference the refreshed table cells, placed on the
Charts sheet, titled and labelled in the release's language.

International population migration (external arrivals, departures and net migration of the country, the country
rows of the annual external tables) as two charts, so that a part of a year never stands beside whole years: the
annual series (the whole years) and the period comparison (the same months of the previous and the current year).
The ethnic structure: shares of the ethnic groups in external arrivals and departures (the Ethnic sheet's group
rows). A chart finds its cells by the names of its table's columns, never by fixed positions; category labels sit
below the plot area, clear of negative bars.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np

from migrelease.model.a1 import column_letter
from migrelease.model.cube import MEASURES
from migrelease.model.periods import Span
from migrelease.model.tables import table_code
from migrelease.release.compute import Release
from migrelease.sheets.blocks import HEADER_ROW, NOT_AVAILABLE, Block, Chart, ExcelTable, SheetLayout, cell_value
from migrelease.sheets.labels import column_label, period_label
from migrelease.sheets.notes import cite
from migrelease.sheets.supplementary_sheets import ethnic_headers
from migrelease.sheets.words import SheetWords, sheet_words

CHARTS_SHEET = "Charts"
CHART_TABLE = "T_Chart_data"
CHART_GAP_ROWS = 2
POINTS_PER_CM = 72 / 2.54
DEFAULT_ROW_POINTS = 15.0


@dataclasses.dataclass(frozen=True)
class InternationalData:
    """The periods of the annual external tables and the country's figures by measure, split into the whole
    years (the annual series) and the comparison (the same months of the previous and the current year)."""
    spans: tuple[Span, ...]
    figures: dict[str, np.ndarray]  # measure -> one figure per span
    annual: slice  # the whole years
    comparison: slice  # the previous and the current period (the last two)


def international_data(release: Release) -> InternationalData:
    tables = {measure: release.tables[table_code("annual", "external", measure)] for measure in MEASURES}
    spans = tuple(tables["arrival"].columns)
    # With a part of a year the table ends with the same months a year earlier and the current months; with a
    # whole year the current year ends the series, and the previous year is the comparison's other period.
    whole_years = sum(1 for span in spans if span.is_full_year)
    return InternationalData(spans, {measure: table.values[0] for measure, table in tables.items()},
                             slice(0, whole_years), slice(len(spans) - 2, len(spans)))


def series_header(measure: str, words: SheetWords) -> str:
    return words("measure_header.people", measure=words(f"measure.{measure}"))


def chart_over_table(title: str, kind: str, source: SheetLayout, table_name: str, category: str,
                     series: tuple[str, ...], anchor: str, value_axis_title: str,
                     category_axis_title: str | None = None, rows: slice = slice(None)) -> Chart:
    """A chart over the named columns of an Excel table of `source`, over the table's body rows `rows` (a slice
    of the body: all of it by default)."""
    table = source.table(table_name)
    body = range(table.first_row + 1, table.last_row + 1)[rows]
    return Chart(title, kind, anchor, source.name, table.first_row, body[0], body[-1],
                 source.column_of(table, category), tuple(source.column_of(table, header) for header in series),
                 value_axis_title, category_axis_title)


def _rows_spanned(chart: Chart) -> int:
    return math.ceil(chart.height_cm * POINTS_PER_CM / DEFAULT_ROW_POINTS)


def chart_titles(release: Release) -> dict[str, str]:
    """The charts' titles in the release's language: annual, comparison, ethnic."""
    words = sheet_words(release.lang)
    data = international_data(release)
    previous, current = (period_label(span, release.lang) for span in data.spans[data.comparison])
    return {"annual": words("chart.annual"), "comparison": words("chart.comparison", previous=previous,
                                                                 current=current),
            "ethnic": words("chart.ethnic")}


def charts_sheet(release: Release, ethnic: SheetLayout | None) -> SheetLayout:
    """The sheet the charts sit on, with the figures of the international charts as a table (their text form);
    `ethnic` is the Ethnic sheet's layout when the release has one."""
    words = sheet_words(release.lang)
    data = international_data(release)
    labels = [column_label(span, release.lang) for span in data.spans]
    header = (words("chart.period"), *(series_header(measure, words) for measure in MEASURES))
    rows = tuple((label, *(cell_value(data.figures[measure][i]) for measure in MEASURES))
                 for i, label in enumerate(labels))
    tables = ", ".join(table_code("annual", "external", measure) for measure in MEASURES)
    sources = tables if ethnic is None else words("charts.sources_ethnic", tables=tables, sheet=ethnic.name)
    period_line = words("period_line", first=period_label(data.spans[0], release.lang),
                        last=period_label(data.spans[-1], release.lang), note="").rstrip()
    blocks = (
        Block(1, 1, ((words("charts.title"),),), "title"),
        Block(2, 1, ((period_line,), (words("unit_line", unit=words("people")),),
                     (words("source_line", publisher=words("publisher")),),
                     (words("charts.info", sources=sources, x=NOT_AVAILABLE, note=cite("x")),)), "info"),
        Block(HEADER_ROW, 1, (header,), "header"),
        Block(HEADER_ROW + 1, 1, tuple((row[0],) for row in rows), "label"),
        Block(HEADER_ROW + 1, 2, tuple(row[1:] for row in rows), "count"),
    )
    layout = SheetLayout(
        name=CHARTS_SHEET,
        description=words("charts.sheet_description" if ethnic is None else "charts.sheet_description_ethnic"),
        blocks=blocks,
        tables=(ExcelTable(CHART_TABLE, HEADER_ROW, 1, HEADER_ROW + len(rows), len(header)),),
        column_widths={1: 24, 2: 16, 3: 16, 4: 18},
        row_heights={HEADER_ROW: 30},
    )
    titles = chart_titles(release)
    chart_column = column_letter(layout.last_column + 2)  # one empty column between the table and the charts
    series = tuple(series_header(measure, words) for measure in MEASURES)
    charts, anchor_row = [], 2
    for key, rows_of_chart in (("annual", data.annual), ("comparison", data.comparison)):
        if rows_of_chart.stop - rows_of_chart.start < 1:
            continue  # no whole year before the current period: the comparison alone
        chart = chart_over_table(titles[key], "column", layout, CHART_TABLE, words("chart.period"), series,
                                 f"{chart_column}{anchor_row}", words("chart.value_axis"), rows=rows_of_chart)
        charts.append(chart)
        anchor_row += _rows_spanned(chart) + CHART_GAP_ROWS
    if ethnic is not None:
        group, _, arrival_share, _, departure_share = ethnic_headers(words)
        charts.append(chart_over_table(titles["ethnic"], "bar", ethnic, ethnic.tables[0].name, group,
                                       (arrival_share, departure_share), f"{chart_column}{anchor_row}",
                                       words("chart.share_axis"), words("chart.group_axis"),
                                       rows=slice(0, -1)))  # the "all groups" total row closes the table
    return dataclasses.replace(layout, charts=tuple(charts))

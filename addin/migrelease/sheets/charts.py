"""Charts of the release: native Excel charts whose series reference the refreshed table cells, placed on the
Charts sheet.

"International population migration": external arrivals, departures and net migration of the country by year
and for the current period (the country rows of the annual external tables). The ethnic structure: shares of the
ethnic groups in external arrivals and departures (the Ethnic sheet's group rows). A chart finds its cells by the
names of its table's columns, never by fixed positions.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np

from migrelease.model.a1 import column_letter
from migrelease.model.cube import MEASURES
from migrelease.model.tables import table_code
from migrelease.release.compute import Release
from migrelease.sheets.blocks import HEADER_ROW, NOT_AVAILABLE, Block, Chart, ExcelTable, SheetLayout, cell_value
from migrelease.sheets.notes import cite
from migrelease.sheets.supplementary_sheets import ARRIVAL_SHARE_HEADER, DEPARTURE_SHARE_HEADER, ETHNIC_GROUP_HEADER
from migrelease.sheets.words import SOURCE_LINE
from migrelease.text.period_labels import span_label

CHARTS_SHEET = "Charts"
CHART_TABLE = "T_Chart_data"
INTERNATIONAL_TITLE = "International population migration"
ETHNIC_TITLE = "The structure of external migration by selected ethnic groups, % of the total"
SERIES_TITLES = {"arrival": "Arrivals", "departure": "Departures", "balance": "Net migration"}
PERIOD_HEADER = "Period"
CHART_GAP_ROWS = 2
POINTS_PER_CM = 72 / 2.54
DEFAULT_ROW_POINTS = 15.0


def international_data(release: Release) -> tuple[list[str], dict[str, np.ndarray]]:
    """Period labels and the country's arrivals, departures and balance, as in the annual external tables."""
    tables = {measure: release.tables[table_code("annual", "external", measure)] for measure in MEASURES}
    labels = [span_label(span) for span in tables["arrival"].columns]
    return labels, {SERIES_TITLES[measure]: table.values[0] for measure, table in tables.items()}


def series_header(title: str) -> str:
    return f"{title} (people)"


def chart_over_table(title: str, kind: str, source: SheetLayout, table_name: str, category: str,
                     series: tuple[str, ...], anchor: str, value_axis_title: str,
                     category_axis_title: str | None = None, leave_out_last_rows: int = 0) -> Chart:
    """A chart over the named columns of an Excel table of `source` (its body rows, less `leave_out_last_rows`
    totals at the bottom)."""
    table = source.table(table_name)
    return Chart(title, kind, anchor, source.name, table.first_row, table.first_row + 1,
                 table.last_row - leave_out_last_rows, source.column_of(table, category),
                 tuple(source.column_of(table, header) for header in series), value_axis_title, category_axis_title)


def _rows_spanned(chart: Chart) -> int:
    return math.ceil(chart.height_cm * POINTS_PER_CM / DEFAULT_ROW_POINTS)


def charts_sheet(release: Release, ethnic: SheetLayout | None) -> SheetLayout:
    """The sheet the charts sit on, with the figures of the international chart as a table (its text form);
    `ethnic` is the Ethnic sheet's layout when the release has one."""
    labels, series = international_data(release)
    header = (PERIOD_HEADER, *(series_header(title) for title in series))
    rows = tuple((label, *(cell_value(values[i]) for values in series.values())) for i, label in enumerate(labels))
    sources = ", ".join(table_code("annual", "external", measure) for measure in MEASURES) + (
        f" and the {ethnic.name} sheet" if ethnic is not None else "")
    blocks = (
        Block(1, 1, ((f"{INTERNATIONAL_TITLE}, external migration of the country",),), "title"),
        Block(2, 1, ((f"Period: {labels[0]} to {labels[-1]}",), ("Unit: people",), (SOURCE_LINE,),
                     (f"The table holds the figures of {sources} the charts show; every refresh rewrites it, "
                      f"so the charts follow the data ({NOT_AVAILABLE} = not available {cite('x')}).",)), "info"),
        Block(HEADER_ROW, 1, (header,), "header"),
        Block(HEADER_ROW + 1, 1, tuple((row[0],) for row in rows), "label"),
        Block(HEADER_ROW + 1, 2, tuple(row[1:] for row in rows), "count"),
    )
    layout = SheetLayout(
        name=CHARTS_SHEET,
        description="Charts: international population migration" + (
            " and the ethnic structure of external migration" if ethnic is not None else ""),
        blocks=blocks,
        tables=(ExcelTable(CHART_TABLE, HEADER_ROW, 1, HEADER_ROW + len(rows), len(header)),),
        column_widths={1: 24, 2: 16, 3: 16, 4: 18},
        row_heights={HEADER_ROW: 30},
    )
    chart_column = layout.last_column + 2  # one empty column between the table and the charts
    anchor_row = 2
    international = chart_over_table(INTERNATIONAL_TITLE, "column", layout, CHART_TABLE, PERIOD_HEADER,
                                     tuple(series_header(title) for title in series),
                                     f"{column_letter(chart_column)}{anchor_row}", "people")
    charts = [international]
    if ethnic is not None:
        anchor_row += _rows_spanned(international) + CHART_GAP_ROWS
        charts.append(chart_over_table(ETHNIC_TITLE, "bar", ethnic, ethnic.tables[0].name, ETHNIC_GROUP_HEADER,
                                       (ARRIVAL_SHARE_HEADER, DEPARTURE_SHARE_HEADER),
                                       f"{column_letter(chart_column)}{anchor_row}", "% of the total", "ethnic group",
                                       leave_out_last_rows=1))  # the "all groups" total row closes the table
    return dataclasses.replace(layout, charts=tuple(charts))

"""Charts of the release: native Excel charts whose series reference the refreshed table cells, and the same
charts as PNG files (matplotlib, Agg) for `migrelease refresh … --charts DIR`.

"International population migration": external arrivals, departures and net migration of the country by year
and for the current period (the country rows of Y_Ext_Arr, Y_Ext_Dep, Y_Ext_Bal). The ethnic structure: shares of
the ethnic groups in external arrivals and departures (the Ethnic sheet).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .layout import (HEADER_ROW, NOT_AVAILABLE, SOURCE_LINE, Block, ExcelTable, SheetLayout, cell_value,
                     span_label)
from .release import Release
from .supplementary import ALL_GROUPS, ETHNIC_SHEET, ethnic_structure

CHARTS_SHEET = "Charts"
INTERNATIONAL_TITLE = "International population migration"
ETHNIC_TITLE = "The structure of external migration by selected ethnic groups, % of the total"
INTERNATIONAL_SERIES = (("Y_Ext_Arr", "Arrivals"), ("Y_Ext_Dep", "Departures"), ("Y_Ext_Bal", "Net migration"))
COUNTRY_ROW = HEADER_ROW + 1  # the country's row on every dynamic-table sheet
PNG_NAMES = {"international": "international_migration.png", "ethnic": "ethnic_structure.png"}
_COLOURS = ("#1F4E79", "#C55A11", "#548235")


def international_data(release: Release) -> tuple[list[str], dict[str, np.ndarray]]:
    """Period labels and the country's arrivals, departures and balance, as in the Y_Ext_* tables."""
    table = release.tables["Y_Ext_Arr"]
    labels = [span_label(span) for span in table.columns]
    return labels, {title: release.tables[code].values[0] for code, title in INTERNATIONAL_SERIES}


def charts_sheet(release: Release) -> SheetLayout:
    """The sheet the charts sit on, with the figures of the international chart as a table (its text form)."""
    labels, series = international_data(release)
    header = ("Period", *(f"{title} (people)" for title in series))
    rows = tuple((label, *(cell_value(values[i]) for values in series.values())) for i, label in enumerate(labels))
    sources = "Y_Ext_Arr, Y_Ext_Dep and Y_Ext_Bal" + (f" and the {ETHNIC_SHEET} sheet"
                                                       if release.ethnicity is not None else "")
    return SheetLayout(
        name=CHARTS_SHEET,
        description="Charts: international population migration" + (
            " and the ethnic structure of external migration" if release.ethnicity is not None else ""),
        blocks=(
            Block(1, 1, ((f"{INTERNATIONAL_TITLE}, external migration of the country",),), "title"),
            Block(2, 1, ((f"Period: {labels[0]} to {labels[-1]}",), ("Unit: people",), (SOURCE_LINE,),
                         (f"The charts' series refer to the cells of {sources}, so they follow every refresh; "
                          f"the table holds the figures of the first chart ({NOT_AVAILABLE} = not available "
                          "[note 1]).",)), "info"),
            Block(HEADER_ROW, 1, (header,), "header"),
            Block(HEADER_ROW + 1, 1, tuple((row[0],) for row in rows), "label"),
            Block(HEADER_ROW + 1, 2, tuple(row[1:] for row in rows), "count"),
        ),
        tables=(ExcelTable("T_Chart_data", HEADER_ROW, 1, HEADER_ROW + len(rows), len(header)),),
        column_widths={1: 24, 2: 16, 3: 16, 4: 18},
        row_heights={HEADER_ROW: 30},
    )


# --- native charts ----------------------------------------------------------------------------------------

def _show_axes(chart) -> None:
    # openpyxl 3.1 writes <c:delete val="1"/> for axes unless told otherwise: Excel then hides them.
    chart.x_axis.delete = False
    chart.y_axis.delete = False


def add_charts(workbook, release: Release) -> int:
    """Add the native charts to the Charts sheet of an openpyxl workbook written by write_layout; the count."""
    from openpyxl.chart import BarChart, Reference, Series

    sheet = workbook[CHARTS_SHEET]
    periods = len(release.tables["Y_Ext_Arr"].columns)
    chart = BarChart()
    chart.type, chart.grouping = "col", "clustered"
    chart.title = INTERNATIONAL_TITLE
    chart.y_axis.title = "people"
    for code, title in INTERNATIONAL_SERIES:
        values = Reference(workbook[code], min_col=2, max_col=1 + periods, min_row=COUNTRY_ROW, max_row=COUNTRY_ROW)
        chart.series.append(Series(values, title=title))
    chart.set_categories(Reference(sheet, min_col=1, min_row=HEADER_ROW + 1, max_row=HEADER_ROW + periods))
    chart.width, chart.height = 24, 11
    _show_axes(chart)
    sheet.add_chart(chart, "F2")
    count = 1

    frame = ethnic_structure(release)
    if frame is not None and ETHNIC_SHEET in workbook.sheetnames:
        ethnic = workbook[ETHNIC_SHEET]
        first, last = HEADER_ROW + 2, HEADER_ROW + 1 + len(frame.groups)  # the groups, below the all-groups row
        bars = BarChart()
        bars.type, bars.grouping = "bar", "clustered"
        bars.title = ETHNIC_TITLE
        bars.x_axis.title = "ethnic group"
        bars.y_axis.title = "% of the total"
        for column, title in ((3, "Arrivals"), (5, "Departures")):
            bars.series.append(Series(Reference(ethnic, min_col=column, min_row=first, max_row=last), title=title))
        bars.set_categories(Reference(ethnic, min_col=1, min_row=first, max_row=last))
        bars.width, bars.height = 24, 11
        _show_axes(bars)
        sheet.add_chart(bars, "F25")
        count += 1
    return count


# --- PNG files --------------------------------------------------------------------------------------------

def write_chart_pngs(release: Release, directory: str | Path) -> list[Path]:
    """The same charts as PNG files in `directory` (created if needed); the paths written."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []

    labels, series = international_data(release)
    figure, axes = plt.subplots(figsize=(11, 5), dpi=100)
    positions = np.arange(len(labels))
    width = 0.27
    for offset, ((title, values), colour) in enumerate(zip(series.items(), _COLOURS)):
        axes.bar(positions + (offset - 1) * width, np.nan_to_num(values, nan=0.0), width, label=title,
                 color=colour)
    axes.set_xticks(positions, labels, rotation=45, ha="right")
    axes.set_ylabel("people")
    axes.set_title(INTERNATIONAL_TITLE)
    axes.axhline(0, color="black", linewidth=0.8)
    axes.legend()
    figure.tight_layout()
    path = directory / PNG_NAMES["international"]
    figure.savefig(path)
    plt.close(figure)
    written.append(path)

    frame = ethnic_structure(release)
    if frame is not None:
        figure, axes = plt.subplots(figsize=(11, 5), dpi=100)
        positions = np.arange(len(frame.groups))
        for offset, (direction, title) in enumerate((("arrival", "Arrivals"), ("departure", "Departures"))):
            axes.barh(positions + (offset - 0.5) * 0.4, np.nan_to_num(frame.shares[direction], nan=0.0), 0.4,
                      label=title, color=_COLOURS[offset])
        axes.set_yticks(positions, frame.groups)
        axes.invert_yaxis()
        axes.set_xlabel("% of the total")
        axes.set_title(f"{ETHNIC_TITLE}, {span_label(frame.span)}")
        axes.legend()
        figure.tight_layout()
        path = directory / PNG_NAMES["ethnic"]
        figure.savefig(path)
        plt.close(figure)
        written.append(path)
    return written


__all__ = ["charts_sheet", "add_charts", "write_chart_pngs", "ALL_GROUPS"]

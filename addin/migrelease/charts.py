"""Charts of the release: native Excel charts whose series reference the refreshed table cells, and the same
charts as PNG files (matplotlib, Agg) for `migrelease refresh … --charts DIR`.

"International population migration": external arrivals, departures and net migration of the country by year
and for the current period (the country rows of Y_Ext_Arr, Y_Ext_Dep, Y_Ext_Bal). The ethnic structure: shares of
the ethnic groups in external arrivals and departures (the Ethnic sheet).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .layout import (HEADER_ROW, NOT_AVAILABLE, SOURCE_LINE, Block, ChartSpec, ExcelTable, SheetLayout,
                     cell_value, span_label)
from .release import Release
from .supplementary import ALL_GROUPS, ETHNIC_SHEET, ethnic_structure

CHARTS_SHEET = "Charts"
INTERNATIONAL_TITLE = "International population migration"
ETHNIC_TITLE = "The structure of external migration by selected ethnic groups, % of the total"
INTERNATIONAL_SERIES = (("Y_Ext_Arr", "Arrivals"), ("Y_Ext_Dep", "Departures"), ("Y_Ext_Bal", "Net migration"))
PNG_NAMES = {"international": "international_migration.png", "ethnic": "ethnic_structure.png"}
_COLOURS = ("#1F4E79", "#C55A11", "#548235")


def international_data(release: Release) -> tuple[list[str], dict[str, np.ndarray]]:
    """Period labels and the country's arrivals, departures and balance, as in the Y_Ext_* tables."""
    table = release.tables["Y_Ext_Arr"]
    labels = [span_label(span) for span in table.columns]
    return labels, {title: release.tables[code].values[0] for code, title in INTERNATIONAL_SERIES}


def chart_specs(release: Release) -> tuple[ChartSpec, ...]:
    """The native charts: the international one over the Charts sheet's own table, the ethnic one over the
    Ethnic sheet's group rows (arrivals % and departures %)."""
    periods = len(release.tables["Y_Ext_Arr"].columns)
    specs = [ChartSpec(INTERNATIONAL_TITLE, "column", "F2", CHARTS_SHEET, HEADER_ROW, HEADER_ROW + 1,
                       HEADER_ROW + periods, 1, (2, 3, 4), "people")]
    frame = ethnic_structure(release)
    if frame is not None:
        specs.append(ChartSpec(ETHNIC_TITLE, "bar", "F25", ETHNIC_SHEET, HEADER_ROW, HEADER_ROW + 1,
                               HEADER_ROW + len(frame.groups), 1, (3, 5), "% of the total", "ethnic group"))
    return tuple(specs)


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
                         (f"The table holds the figures of {sources} the charts show; every refresh rewrites it, "
                          f"so the charts follow the data ({NOT_AVAILABLE} = not available [note 1]).",)), "info"),
            Block(HEADER_ROW, 1, (header,), "header"),
            Block(HEADER_ROW + 1, 1, tuple((row[0],) for row in rows), "label"),
            Block(HEADER_ROW + 1, 2, tuple(row[1:] for row in rows), "count"),
        ),
        tables=(ExcelTable("T_Chart_data", HEADER_ROW, 1, HEADER_ROW + len(rows), len(header)),),
        column_widths={1: 24, 2: 16, 3: 16, 4: 18},
        row_heights={HEADER_ROW: 30},
        charts=chart_specs(release),
    )


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


__all__ = ["charts_sheet", "chart_specs", "write_chart_pngs", "ALL_GROUPS"]

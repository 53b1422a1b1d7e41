"""Sheets of the supplementary tables: migration intensity per 1,000 population (Rate_Ext, Rate_Int) and the
structure of external migration by ethnic group (Ethnic)."""

from __future__ import annotations

import numpy as np

from migrelease.model.cube import MEASURES
from migrelease.release.compute import Release
from migrelease.release.supplementary import ETHNIC_SHEET, INTENSITY_SHEETS, EthnicFrame, IntensityFrame
from migrelease.sheets.blocks import HEADER_ROW, NOT_AVAILABLE, Block, ExcelTable, SheetLayout, cell_value, \
    wrapped_height
from migrelease.sheets.notes import cite
from migrelease.sheets.words import SOURCE_LINE
from migrelease.text.period_labels import span_label

FLOW_WORDS = {"external": "external migration", "internal": "internal migration"}
MEASURE_LABELS = {"arrival": "Arrivals", "departure": "Departures", "balance": "Net migration"}
ALL_GROUPS = "All ethnic groups"
ARRIVAL_SHARE_HEADER, DEPARTURE_SHARE_HEADER = "Arrivals (% of total)", "Departures (% of total)"
ETHNIC_GROUP_HEADER = "Ethnic group"


def _info_lines(period: str, unit: str) -> tuple:
    return ((f"Period: {period}",), (f"Unit: {unit}",), (SOURCE_LINE,),
            (f"Not available figures are shown as {NOT_AVAILABLE} {cite('x')}",))


def intensity_title(frame: IntensityFrame) -> str:
    return (f"Intensity of {FLOW_WORDS[frame.flow_group]} per 1,000 population, "
            f"{span_label(frame.span)} (annualised)")


def intensity_sheet(frame: IntensityFrame) -> SheetLayout:
    name = INTENSITY_SHEETS[frame.flow_group]
    period = span_label(frame.span)
    header = ("Region", f"Population on 1 January {frame.span.year} (people)",
              *(f"{MEASURE_LABELS[m]} (people)" for m in MEASURES),
              *(f"{MEASURE_LABELS[m]} (per 1,000 population)" for m in MEASURES))
    counts = tuple((cell_value(population), *(cell_value(frame.counts[m][i]) for m in MEASURES))
                   for i, population in enumerate(frame.population))
    rates = tuple(tuple(cell_value(frame.rates[m][i]) for m in MEASURES) for i in range(len(frame.rows)))
    last_row = HEADER_ROW + len(frame.rows)
    return SheetLayout(
        name=name,
        description=intensity_title(frame),
        blocks=(
            Block(1, 1, ((f"{intensity_title(frame)} {cite('intensity')}",),), "title"),
            Block(2, 1, _info_lines(period, "people; migrants per 1,000 population a year (rates)"), "info"),
            Block(HEADER_ROW, 1, (header,), "header"),
            Block(HEADER_ROW + 1, 1, tuple((region.name_en,) for region in frame.rows), "label"),
            Block(HEADER_ROW + 1, 2, counts, "count"),
            Block(HEADER_ROW + 1, 6, rates, "percent"),
        ),
        tables=(ExcelTable(f"T_{name}", HEADER_ROW, 1, last_row, len(header)),),
        column_widths={1: 30, **{column: 16 for column in range(2, len(header) + 1)}},
        row_heights={HEADER_ROW: max(wrapped_height(text, 16) for text in header)},
    )


def ethnic_title(frame: EthnicFrame) -> str:
    return (f"The structure of external migration by selected ethnic groups, as a percentage of the total, "
            f"{span_label(frame.span)}")



def ethnic_sheet(frame: EthnicFrame) -> SheetLayout:
    header = (ETHNIC_GROUP_HEADER, "Arrivals (people)", ARRIVAL_SHARE_HEADER, "Departures (people)",
              DEPARTURE_SHARE_HEADER)
    # The groups come first, right under the header, so the chart's source is one block; the total row closes.
    rows = [(group, cell_value(frame.counts["arrival"][i]), cell_value(frame.shares["arrival"][i]),
             cell_value(frame.counts["departure"][i]), cell_value(frame.shares["departure"][i]))
            for i, group in enumerate(frame.groups)]
    rows.append((ALL_GROUPS, cell_value(frame.totals["arrival"]),
                 cell_value(100.0 if frame.totals["arrival"] > 0 else np.nan),
                 cell_value(frame.totals["departure"]),
                 cell_value(100.0 if frame.totals["departure"] > 0 else np.nan)))
    first = HEADER_ROW + 1
    blocks = [
        Block(1, 1, ((f"{ethnic_title(frame)} {cite('ethnic')}",),), "title"),
        Block(2, 1, _info_lines(span_label(frame.span), "people; % of all external arrivals or departures"),
              "info"),
        Block(HEADER_ROW, 1, (header,), "header"),
        Block(first, 1, tuple((row[0],) for row in rows), "label"),
    ]
    for column in range(1, 5):
        blocks.append(Block(first, column + 1, tuple((row[column],) for row in rows),
                            "count" if column % 2 else "percent"))
    return SheetLayout(
        name=ETHNIC_SHEET,
        description="The structure of external migration by selected ethnic groups, % of the total",
        blocks=tuple(blocks),
        tables=(ExcelTable("T_Ethnic", HEADER_ROW, 1, HEADER_ROW + len(rows), len(header)),),
        column_widths={1: 24, **{column: 18 for column in range(2, len(header) + 1)}},
        row_heights={HEADER_ROW: max(wrapped_height(text, 18) for text in header)},
    )


def supplementary_sheets(release: Release) -> list[SheetLayout]:
    """The intensity sheets when a Population sheet exists, the ethnic structure when an Ethnicity sheet does."""
    sheets = [intensity_sheet(frame) for frame in release.intensity.values()]
    frame = release.ethnic
    if frame is not None:
        sheets.append(ethnic_sheet(frame))
    return sheets

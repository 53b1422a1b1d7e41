"""Sheets of the supplementary tables: migration intensity per 1,000 population (Rate_Ext, Rate_Int) and the
structure of external migration by ethnic group (Ethnic), in the release's language."""

from __future__ import annotations

import numpy as np

from migrelease.model.cube import MEASURES
from migrelease.release.compute import Release
from migrelease.release.supplementary import ETHNIC_SHEET, INTENSITY_SHEETS, EthnicFrame, IntensityFrame
from migrelease.sheets.blocks import HEADER_ROW, NOT_AVAILABLE, Block, ExcelTable, SheetLayout, cell_value
from migrelease.sheets.labels import header_height, period_label
from migrelease.sheets.notes import cite
from migrelease.sheets.words import SheetWords, sheet_words

# The English words of the flows and measures (the open data's names); the sheets take their language's words.
FLOW_WORDS = {flow: sheet_words("en")(f"flow.{flow}") for flow in INTENSITY_SHEETS}
MEASURE_LABELS = {measure: sheet_words("en")(f"measure.{measure}") for measure in MEASURES}


def _info_lines(period: str, unit: str, words: SheetWords) -> tuple:
    return ((words("period_line.single", label=period),), (words("unit_line", unit=unit),),
            (words("source_line", publisher=words("publisher")),),
            (words("not_available_line", x=NOT_AVAILABLE, note=cite("x")),))


def intensity_title(frame: IntensityFrame, words: SheetWords) -> str:
    return words("intensity.title", flow=words(f"flow.{frame.flow_group}"),
                 period=period_label(frame.span, words.code))


def intensity_sheet(frame: IntensityFrame, lang: str = "en") -> SheetLayout:
    words = sheet_words(lang)
    name = INTENSITY_SHEETS[frame.flow_group]
    header = (words("region"), words("intensity.population", year=frame.span.year),
              *(words("measure_header.people", measure=words(f"measure.{m}")) for m in MEASURES),
              *(words("measure_header.rate", measure=words(f"measure.{m}")) for m in MEASURES))
    counts = tuple((cell_value(population), *(cell_value(frame.counts[m][i]) for m in MEASURES))
                   for i, population in enumerate(frame.population))
    rates = tuple(tuple(cell_value(frame.rates[m][i]) for m in MEASURES) for i in range(len(frame.rows)))
    last_row = HEADER_ROW + len(frame.rows)
    title = intensity_title(frame, words)
    return SheetLayout(
        name=name,
        description=title,
        blocks=(
            Block(1, 1, ((f"{title} {cite('intensity')}",),), "title"),
            Block(2, 1, _info_lines(period_label(frame.span, lang), words("intensity.unit"), words), "info"),
            Block(HEADER_ROW, 1, (header,), "header"),
            Block(HEADER_ROW + 1, 1, tuple((region.name(lang),) for region in frame.rows), "label"),
            Block(HEADER_ROW + 1, 2, counts, "count"),
            Block(HEADER_ROW + 1, 6, rates, "percent"),
        ),
        tables=(ExcelTable(f"T_{name}", HEADER_ROW, 1, last_row, len(header)),),
        column_widths={1: 30, **{column: 16 for column in range(2, len(header) + 1)}},
        row_heights={HEADER_ROW: header_height(header, 16)},
    )


def ethnic_headers(words: SheetWords) -> tuple[str, str, str, str, str]:
    """The Ethnic table's headers: group, arrivals (people, %), departures (people, %); the chart finds its
    columns by them."""
    arrivals, departures = words("measure.arrival"), words("measure.departure")
    return (words("ethnic.group"), words("measure_header.people", measure=arrivals),
            words("measure_header.share", measure=arrivals), words("measure_header.people", measure=departures),
            words("measure_header.share", measure=departures))


def ethnic_sheet(frame: EthnicFrame, lang: str = "en") -> SheetLayout:
    words = sheet_words(lang)
    header = ethnic_headers(words)
    # The groups come first, right under the header, so the chart's source is one block; the total row closes.
    rows = [(words.ethnic_group(group), cell_value(frame.counts["arrival"][i]),
             cell_value(frame.shares["arrival"][i]), cell_value(frame.counts["departure"][i]),
             cell_value(frame.shares["departure"][i]))
            for i, group in enumerate(frame.groups)]
    rows.append((words("ethnic.all"), cell_value(frame.totals["arrival"]),
                 cell_value(100.0 if frame.totals["arrival"] > 0 else np.nan),
                 cell_value(frame.totals["departure"]),
                 cell_value(100.0 if frame.totals["departure"] > 0 else np.nan)))
    first = HEADER_ROW + 1
    blocks = [
        Block(1, 1, ((f"{words('ethnic.title', period=period_label(frame.span, lang))} {cite('ethnic')}",),),
              "title"),
        Block(2, 1, _info_lines(period_label(frame.span, lang), words("ethnic.unit"), words), "info"),
        Block(HEADER_ROW, 1, (header,), "header"),
        Block(first, 1, tuple((row[0],) for row in rows), "label"),
    ]
    for column in range(1, 5):
        blocks.append(Block(first, column + 1, tuple((row[column],) for row in rows),
                            "count" if column % 2 else "percent"))
    return SheetLayout(
        name=ETHNIC_SHEET,
        description=words("ethnic.sheet_description"),
        blocks=tuple(blocks),
        tables=(ExcelTable("T_Ethnic", HEADER_ROW, 1, HEADER_ROW + len(rows), len(header)),),
        column_widths={1: 24, **{column: 18 for column in range(2, len(header) + 1)}},
        row_heights={HEADER_ROW: header_height(header, 18)},
    )


def supplementary_sheets(release: Release) -> list[SheetLayout]:
    """The intensity sheets when a Population sheet exists, the ethnic structure when an Ethnicity sheet does."""
    sheets = [intensity_sheet(frame, release.lang) for frame in release.intensity.values()]
    frame = release.ethnic
    if frame is not None:
        sheets.append(ethnic_sheet(frame, release.lang))
    return sheets

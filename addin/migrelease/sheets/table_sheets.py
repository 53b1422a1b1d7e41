"""The 21 dynamic-table sheets: title, period/unit/source/notes lines, then one Excel table from A6."""

from __future__ import annotations

from migrelease.model.a1 import sheet_reference
from migrelease.model.periods import Span
from migrelease.model.tables import TableFrame
from migrelease.sheets.blocks import HEADER_ROW, NOT_AVAILABLE, Block, ExcelTable, SheetLayout, cell_value, \
    wrapped_height
from migrelease.sheets.notes import cite
from migrelease.sheets.words import SOURCE_LINE
from migrelease.text.period_labels import span_label

FIRST_FIGURE_COLUMN = 2  # column A names the region


def table_title(table: TableFrame) -> str:
    suffix = ", by month" if table.spec.frequency == "monthly" else ", by year"
    return table.spec.title + suffix


def table_sheet(table: TableFrame) -> SheetLayout:
    labels = [span_label(span) for span in table.columns]
    period_line = f"Period: {labels[0]} to {labels[-1]}" if len(labels) > 1 else f"Period: {labels[0]}"
    header = ("Region", *(f"{label} (people)" for label in labels))
    body = tuple((region.name_en, *(cell_value(v) for v in row)) for region, row in zip(table.rows, table.values))
    last_row = HEADER_ROW + len(body)
    last_column = len(header)
    return SheetLayout(
        name=table.spec.code,
        description=table_title(table),
        blocks=(
            Block(1, 1, ((table_title(table),),), "title"),
            Block(2, 1, ((f"{period_line} {cite('periods')}",),
                         (f"Unit: people. The country is the sum of the regions {cite('identities')}",),
                         (SOURCE_LINE,),
                         (f"Not available figures are shown as {NOT_AVAILABLE} {cite('x')}",)), "info"),
            Block(HEADER_ROW, 1, (header,), "header"),
            Block(HEADER_ROW + 1, 1, tuple((row[0],) for row in body), "label"),
            Block(HEADER_ROW + 1, FIRST_FIGURE_COLUMN, tuple(row[1:] for row in body), "count"),
        ),
        tables=(ExcelTable(f"T_{table.spec.code}", HEADER_ROW, 1, last_row, last_column),),
        column_widths={1: 30, **{column: 16 for column in range(2, last_column + 1)}},
        row_heights={HEADER_ROW: max(wrapped_height(text, 16) for text in header)},
    )


def figure_cell(table: TableFrame, span: Span, row: int = 0) -> str:
    """The address of a table's figure for `span` on its sheet (row 0 = the country), e.g. Y_Ext_Arr!N7."""
    column = table.columns.index(span) + FIRST_FIGURE_COLUMN
    return sheet_reference(table.spec.code, HEADER_ROW + 1 + row, column)

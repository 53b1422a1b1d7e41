"""The 21 dynamic-table sheets: title, period/unit/source/notes lines, then one Excel table from A6, in the
release's language (the sheet and table names are codes, the same in every language)."""

from __future__ import annotations

from migrelease.model.a1 import sheet_reference
from migrelease.model.periods import Span
from migrelease.model.tables import TableFrame
from migrelease.sheets.blocks import HEADER_ROW, NOT_AVAILABLE, Block, ExcelTable, SheetLayout, cell_value
from migrelease.sheets.labels import column_label, header_height, period_label
from migrelease.sheets.notes import cite
from migrelease.sheets.words import SheetWords, sheet_words

FIRST_FIGURE_COLUMN = 2  # column A names the region


def table_title(table: TableFrame, words: SheetWords) -> str:
    """The table's title as the release lists it: "Arrival of migrants in all flows, by year"."""
    key = "table.by_month" if table.spec.frequency == "monthly" else "table.by_year"
    return words(key, title=words.table_title(table.spec.flow_group, table.spec.measure))


def period_lines(labels: list[str], words: SheetWords) -> str:
    if len(labels) > 1:
        return words("period_line", first=labels[0], last=labels[-1], note=cite("periods"))
    return words("period_line.single", label=labels[0])


def table_sheet(table: TableFrame, lang: str = "en") -> SheetLayout:
    words = sheet_words(lang)
    labels = [column_label(span, lang) for span in table.columns]
    header = (words("region"), *(words("count_header", label=label) for label in labels))
    body = tuple((region.name(lang), *(cell_value(v) for v in row)) for region, row in zip(table.rows, table.values))
    last_row = HEADER_ROW + len(body)
    last_column = len(header)
    return SheetLayout(
        name=table.spec.code,
        description=table_title(table, words),
        blocks=(
            Block(1, 1, ((table_title(table, words),),), "title"),
            Block(2, 1, ((period_lines([period_label(span, lang) for span in table.columns], words),),
                         (words("unit_line.tables", note=cite("identities")),),
                         (words("source_line", publisher=words("publisher")),),
                         (words("not_available_line", x=NOT_AVAILABLE, note=cite("x")),)), "info"),
            Block(HEADER_ROW, 1, (header,), "header"),
            Block(HEADER_ROW + 1, 1, tuple((row[0],) for row in body), "label"),
            Block(HEADER_ROW + 1, FIRST_FIGURE_COLUMN, tuple(row[1:] for row in body), "count"),
        ),
        tables=(ExcelTable(f"T_{table.spec.code}", HEADER_ROW, 1, last_row, last_column),),
        column_widths={1: 30, **{column: 16 for column in range(2, last_column + 1)}},
        row_heights={HEADER_ROW: header_height(header, 16)},
    )


def figure_cell(table: TableFrame, span: Span, row: int = 0) -> str:
    """The address of a table's figure for `span` on its sheet (row 0 = the country), e.g. Y_Ext_Arr!N7."""
    column = table.columns.index(span) + FIRST_FIGURE_COLUMN
    return sheet_reference(table.spec.code, HEADER_ROW + 1 + row, column)

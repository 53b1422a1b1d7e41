"""Revisions, shown as official statistics show them: which published figures the data of this refresh changes.

A figure (a dynamic-table or Key-indicator value of one region and period) is revised when the publication record
holds a value for it and the release now shows another: a different number, or not available where a number was
published, or a number where "not available" was published. Figures the record does not hold — periods new since
the last publication — are not revisions.

The workbook shows them as the UK Analysis Function's accessible-spreadsheet guidance does: the Revisions sheet
lists every revised figure with its published and new value (one Excel table); each table with a revised figure
gains a marker column on its right that names, row by row, the revised periods after the shorthand `[r]` (the
guidance puts shorthand beside the data, never in a data cell, so every figure stays a number); the Notes sheet
explains `[r]`. Every word comes from the release language's word pack.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Mapping, Sequence

from migrelease.model.periods import Span
from migrelease.model.regions import COUNTRY, Region, regions
from migrelease.model.rounding import excel_round
from migrelease.model.tables import TABLE_SPECS
from migrelease.sheets.blocks import NOT_AVAILABLE, Block, ExcelTable, SheetLayout, cell_value, sheet_link
from migrelease.sheets.figures import (INTERREGIONAL, KEY_INDICATOR_PREFIX, UNIT_PEOPLE, UNIT_PERCENT, UNIT_TIMES,
                                       Figure, key_indicator_code)
from migrelease.sheets.key_sheets import INTERREGIONAL_SHEET, KEY_INDICATORS, KEY_INDICATORS_SHEET
from migrelease.sheets.labels import column_label, period_label
from migrelease.sheets.notes import cite
from migrelease.sheets.publication_record import Publication, PublicationRecord, figure_key, same_value
from migrelease.sheets.words import SheetWords, sheet_words

REVISIONS_SHEET = "Revisions"
REVISIONS_TABLE = "T_Revisions"
REVISED = "[r]"
NOT_APPLICABLE = "[z]"  # the Analysis Function's shorthand: no figure can exist here
HEADER_ROW = 5
_HEADER_KEYS = ("revisions.table", "revisions.figure", "region", "revisions.period", "revisions.unit",
                "revisions.published", "revisions.new", "revisions.difference", "revisions.date")
KEY_INDICATORS_TABLE, INTERREGIONAL_TABLE = "T_Key_indicators", "T_Interregional"
_SPECS = {spec.code: spec for spec in TABLE_SPECS}
_INDICATORS = {key_indicator_code(indicator): indicator for indicator in KEY_INDICATORS}
_INTERREGIONAL_MEASURES = dict(INTERREGIONAL)
_UNIT_WORDS = {UNIT_PEOPLE: "people", UNIT_PERCENT: "percent", UNIT_TIMES: "times"}


@dataclass(frozen=True)
class Revision:
    figure: str  # the figure's code: a dynamic table's (Y_Ext_Arr) or a Key indicator's (KI_Ext_Arr_Chg)
    region: Region
    span: Span
    unit: str
    published: float  # NaN = published as not available
    new: float  # NaN = not available now
    publication: Publication  # the publication whose value is revised

    @property
    def difference(self) -> float:
        """new − published (NaN when either is not available); percentages (points) and ratios with one decimal,
        as the figures have."""
        if math.isnan(self.published) or math.isnan(self.new):
            return math.nan
        difference = self.new - self.published
        return difference if self.unit == UNIT_PEOPLE else excel_round(difference, 1)

    @property
    def sheet(self) -> str:
        if self.figure in _INTERREGIONAL_MEASURES:
            return INTERREGIONAL_SHEET
        return KEY_INDICATORS_SHEET if self.figure.startswith(KEY_INDICATOR_PREFIX) else self.figure

    @property
    def table(self) -> str:
        """The Excel table holding the figure."""
        if self.figure in _INTERREGIONAL_MEASURES:
            return INTERREGIONAL_TABLE
        return KEY_INDICATORS_TABLE if self.figure.startswith(KEY_INDICATOR_PREFIX) else f"T_{self.figure}"


@dataclass(frozen=True)
class Revisions:
    """What a refresh found: the revised figures, against the record it read (empty: nothing published yet)."""
    record: PublicationRecord
    items: tuple[Revision, ...] = ()

    @property
    def tables(self) -> list[str]:
        """The Excel tables holding a revised figure, in workbook order."""
        return list(dict.fromkeys(revision.table for revision in self.items))

    @property
    def dates(self) -> str:
        """The dates of the publications revised (of the last one when nothing is revised)."""
        dates = sorted({revision.publication.published_on for revision in self.items},
                       key=lambda date: tuple(reversed(date.split("."))))
        return ", ".join(dates or ([self.record.last.published_on] if self.record.last else []))

    def summary(self) -> str:
        """One line for the command line and the button (in English, as their other messages)."""
        if self.record.empty:
            return "Nothing has been published from this workbook yet: no published figure can be revised."
        if not self.items:
            return f"No published figure revised since the publication of {self.dates}."
        count, tables = len(self.items), len(self.tables)
        return (f"{count} published figure{'s' if count != 1 else ''} revised, in {tables} "
                f"table{'s' if tables != 1 else ''}; see the {REVISIONS_SHEET} sheet")


def find_revisions(record: PublicationRecord, figures: Sequence[Figure]) -> Revisions:
    """Every figure of `figures` whose published value (in `record`) differs from its value now."""
    if record.empty:
        return Revisions(record)
    publications = {publication.number: publication for publication in record.publications}
    items = []
    for figure in figures:
        published = record.values.get(figure_key(figure))
        if published is not None and not same_value(published.value, float(figure.value)):
            items.append(Revision(figure.indicator, figure.region, figure.span, figure.unit, published.value,
                                  float(figure.value), publications[published.publication]))
    return Revisions(record, tuple(items))


# --- names, in the release's language -------------------------------------------------------------------------

def figure_title(code: str, words: SheetWords) -> str:
    """A figure's name: its dynamic table's title, its Key indicator's label, or the interregional measure."""
    if code in _SPECS:
        spec = _SPECS[code]
        return words("table.by_month" if spec.frequency == "monthly" else "table.by_year",
                     title=words.table_title(spec.flow_group, spec.measure))
    if code in _INTERREGIONAL_MEASURES:
        return words("revisions.interregional", measure=words(f"measure.{_INTERREGIONAL_MEASURES[code]}"))
    return _INDICATORS[code].label_in(words.code)


def table_title(table: str, words: SheetWords) -> str:
    """An Excel table holding revised figures, as the page names it."""
    if table == KEY_INDICATORS_TABLE:
        return words("page.revisions.key_indicators")
    if table == INTERREGIONAL_TABLE:
        return words("page.revisions.interregional")
    return figure_title(table.removeprefix("T_"), words)


# --- the Revisions sheet -------------------------------------------------------------------------------------

def revisions_sheet(revisions: Revisions, release_span: Span, lang: str = "en") -> SheetLayout:
    words = sheet_words(lang)
    record = revisions.record
    if record.empty:
        status = f'{words("revisions.none_published")} {words("revisions.empty_row", z=NOT_APPLICABLE)}'
    elif revisions.items:
        status = words("revisions.found", count=len(revisions.items), tables=len(revisions.tables),
                       note=cite("revised"))
    else:
        status = (f'{words("revisions.unchanged", date=revisions.dates, note=cite("revised"))} '
                  f'{words("revisions.empty_row", z=NOT_APPLICABLE)}')
    rows = tuple((sheet_link(revision.sheet), figure_title(revision.figure, words), revision.region.name(lang),
                  column_label(revision.span, lang), words(_UNIT_WORDS[revision.unit]),
                  cell_value(revision.published), cell_value(revision.new), cell_value(revision.difference),
                  revision.publication.published_on) for revision in revisions.items)
    header = tuple(words(key) for key in _HEADER_KEYS)
    blocks = [
        Block(1, 1, ((words("revisions.title", period=period_label(release_span, lang)),),), "title"),
        Block(2, 1, ((status,),
                     (words("revisions.key", r=REVISED, note=cite("revised"), x=NOT_AVAILABLE, x_note=cite("x")),)),
              "info"),
        Block(HEADER_ROW, 1, (header,), "header"),
    ]
    if rows:
        # Text cells as text ("text": Excel would read the period "2025" as a number, "12.05.2026" as a date).
        blocks += [Block(HEADER_ROW + 1, 1, tuple((row[0],) for row in rows), "link"),
                   Block(HEADER_ROW + 1, 2, tuple(row[1:5] for row in rows), "text"),
                   Block(HEADER_ROW + 1, 6, tuple(row[5:8] for row in rows), "indicator"),
                   Block(HEADER_ROW + 1, 9, tuple(row[8:] for row in rows), "text")]
    else:
        # An Excel table needs a row under its header, and no cell of a table is left blank: one row of [z].
        blocks.append(Block(HEADER_ROW + 1, 1, ((NOT_APPLICABLE,) * len(header),), "text"))
    last_row = HEADER_ROW + max(len(rows), 1)
    return SheetLayout(
        name=REVISIONS_SHEET,
        description=words("revisions.sheet_description"),
        blocks=tuple(blocks),
        tables=(ExcelTable(REVISIONS_TABLE, HEADER_ROW, 1, last_row, len(header)),),
        column_widths={1: 16, 2: 44, 3: 28, 4: 22, 5: 12, 6: 14, 7: 14, 8: 16, 9: 16},
        row_heights={HEADER_ROW: 45},
    )


# --- [r] markers ---------------------------------------------------------------------------------------------

def _marker_texts(revisions: Revisions, words: SheetWords) -> dict[str, dict[int, str]]:
    """Excel table -> {data row offset: the marker text of that row}: [r] and the revised columns' names."""
    region_rows = {region.kato: offset for offset, region in enumerate((COUNTRY, *regions()))}
    interregional_rows = {region.kato: offset for offset, region in enumerate(regions())}
    indicator_rows = {code: offset for offset, code in enumerate(_INDICATORS)}
    marked: dict[str, dict[int, list[str]]] = {}
    for revision in revisions.items:
        if revision.table == INTERREGIONAL_TABLE:
            offset = interregional_rows[revision.region.kato]
            what = words(f"measure.{_INTERREGIONAL_MEASURES[revision.figure]}")
        elif revision.table == KEY_INDICATORS_TABLE:
            offset, what = indicator_rows[revision.figure], column_label(revision.span, words.code)
        else:
            offset, what = region_rows[revision.region.kato], column_label(revision.span, words.code)
        marked.setdefault(revision.table, {}).setdefault(offset, []).append(what)
    return {table: {offset: f"{REVISED} {', '.join(whats)}" for offset, whats in rows.items()}
            for table, rows in marked.items()}


def _with_marker_column(layout: SheetLayout, table: ExcelTable, texts: Mapping[int, str], header: str,
                        not_revised: str) -> SheetLayout:
    column = table.last_column + 1
    rows = tuple((texts.get(offset, not_revised),) for offset in range(table.last_row - table.first_row))
    marked = dataclasses.replace(table, last_column=column)
    return dataclasses.replace(
        layout,
        blocks=(*layout.blocks, Block(table.first_row, column, ((header,),), "header"),
                Block(table.first_row + 1, column, rows, "text")),
        tables=tuple(marked if existing is table else existing for existing in layout.tables),
        column_widths={**layout.column_widths, column: 30},
    )


def with_revision_markers(layouts: Sequence[SheetLayout], revisions: Revisions,
                          lang: str = "en") -> list[SheetLayout]:
    """`layouts` with a marker column on the right of every table that holds a revised figure."""
    words = sheet_words(lang)
    texts = _marker_texts(revisions, words)
    if not texts:
        return list(layouts)
    header = words("revisions.marker_header", dates=revisions.dates, note=cite("revised"))
    marked = []
    for layout in layouts:
        for table in layout.tables:
            if table.name in texts:
                layout = _with_marker_column(layout, table, texts[table.name], header,
                                             words("revisions.not_revised"))
        marked.append(layout)
    return marked


# --- the release page ----------------------------------------------------------------------------------------

def page_section(revisions: Revisions, lang: str = "en") -> tuple[str, list[tuple[str, object]]] | None:
    """The release page's "Revisions" section: each revised table with its revised periods, and why figures
    change; None when nothing was published before (nothing can be revised)."""
    if revisions.record.empty:
        return None
    words = sheet_words(lang)
    heading = words("page.revisions.heading")
    if not revisions.items:
        return heading, [("para", words("page.revisions.none", date=revisions.dates))]
    periods: dict[str, list[str]] = {}
    for revision in revisions.items:
        label = period_label(revision.span, lang)
        if label not in periods.setdefault(revision.table, []):
            periods[revision.table].append(label)
    return heading, [
        ("para", words("page.revisions.revised", date=revisions.dates, count=len(revisions.items),
                       tables=len(revisions.tables))),
        ("list", [words("page.revisions.table", title=table_title(table, words), code=table.removeprefix("T_"),
                        periods=", ".join(labels)) for table, labels in periods.items()]),
        ("para", words("page.revisions.why", r=REVISED)),
    ]

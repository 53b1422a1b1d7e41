"""Revisions, shown as official statistics show them: which published figures the data of this refresh changes.

A figure (a dynamic-table or Key-indicator value of one region and period) is revised when the publication record
holds a value for it and the release now shows another: a different number, or not available where a number was
published, or a number where "not available" was published. Figures the record does not hold — periods new since
the last publication — are not revisions.

The workbook shows them as the UK Analysis Function's accessible-spreadsheet guidance does: the Revisions sheet
lists every revised figure with its published and new value (one Excel table); each table with a revised figure
gains a marker column on its right that names, row by row, the revised periods after the shorthand `[r]` (the
guidance puts shorthand beside the data, never in a data cell, so every figure stays a number); the Notes sheet
explains `[r]`.
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
from migrelease.sheets.blocks import Block, ExcelTable, SheetLayout, cell_value, sheet_link
from migrelease.sheets.figures import INTERREGIONAL, KEY_INDICATOR_PREFIX, UNIT_PEOPLE, Figure, key_indicator_code
from migrelease.sheets.key_sheets import KEY_INDICATORS, KEY_INDICATORS_SHEET
from migrelease.sheets.notes import cite
from migrelease.sheets.publication_record import Publication, PublicationRecord, figure_key, same_value
from migrelease.text.period_labels import span_label

REVISIONS_SHEET = "Revisions"
REVISIONS_TABLE = "T_Revisions"
REVISED = "[r]"
REVISIONS_HEADER = ("Table", "Figure", "Region", "Period", "Unit", "Published value", "New value",
                    "Difference (new − published)", "Date of the publication revised")
HEADER_ROW = 5

_TITLES = {**{spec.code: spec.title for spec in TABLE_SPECS},
           **{key_indicator_code(indicator): indicator.label for indicator in KEY_INDICATORS},
           **{code: title for code, _, title in INTERREGIONAL}}
_INTERREGIONAL_CODES = {code: measure for code, measure, _ in INTERREGIONAL}
# Where a Key indicator's figures sit: its table on the Key indicators sheet.
KEY_INDICATORS_TABLE, INTERREGIONAL_TABLE = "T_Key_indicators", "T_Interregional"
_UNIT_WORDS = {"percent": "%"}
_INTERREGIONAL_WORDS = {"arrival": "arrivals", "departure": "departures", "balance": "net migration"}


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
        return KEY_INDICATORS_SHEET if self.figure.startswith(KEY_INDICATOR_PREFIX) else self.figure

    @property
    def table(self) -> str:
        """The Excel table holding the figure."""
        if self.figure in _INTERREGIONAL_CODES:
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

    def summary(self) -> str:
        """One line for the command line and the button."""
        if self.record.empty:
            return "Nothing has been published from this workbook yet: no figure can be revised."
        if not self.items:
            return f"No published figure revised since the publication of {self.record.last.published_on}."
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


# --- the Revisions sheet -------------------------------------------------------------------------------------

def _figure_title(code: str) -> str:
    return _TITLES[code]


def revisions_sheet(revisions: Revisions, release_span: Span) -> SheetLayout:
    record = revisions.record
    if record.empty:
        status = ("Nothing has been published from this workbook yet: from its first publication on "
                  "(`migrelease publish`), every refresh lists here the published figures its data changes.")
    elif revisions.items:
        status = (f"{revisions.summary().split(';')[0]}: each is a figure of a period already published whose "
                  f"value is now different {cite('revised')}. Periods new since the last publication are not "
                  "revisions.")
    else:
        status = (f"No published figure has another value now than in the publication of "
                  f"{record.last.published_on} {cite('revised')}.")
    rows = tuple((sheet_link(revision.sheet), _figure_title(revision.figure), revision.region.name_en,
                  span_label(revision.span), _UNIT_WORDS.get(revision.unit, revision.unit),
                  cell_value(revision.published), cell_value(revision.new), cell_value(revision.difference),
                  revision.publication.published_on) for revision in revisions.items)
    blocks = [
        Block(1, 1, ((f"Revisions: published figures changed by the data of {span_label(release_span)}",),),
              "title"),
        Block(2, 1, ((status,),
                     (f"Revised figures are marked {REVISED} in a column on the right of their table "
                      f"{cite('revised')}; not available figures are shown as [x] {cite('x')}.",),), "info"),
        Block(HEADER_ROW, 1, (REVISIONS_HEADER,), "header"),
    ]
    if rows:
        # Text cells as text ("text": Excel would read the period "2025" as a number, "12.05.2026" as a date).
        blocks += [Block(HEADER_ROW + 1, 1, tuple((row[0],) for row in rows), "link"),
                   Block(HEADER_ROW + 1, 2, tuple(row[1:5] for row in rows), "text"),
                   Block(HEADER_ROW + 1, 6, tuple(row[5:8] for row in rows), "indicator"),
                   Block(HEADER_ROW + 1, 9, tuple(row[8:] for row in rows), "text")]
    # An Excel table needs a row under its header: an empty table is the header and one empty row, as Excel
    # leaves it when every row is deleted.
    last_row = HEADER_ROW + max(len(rows), 1)
    return SheetLayout(
        name=REVISIONS_SHEET,
        description="The published figures this refresh's data changes: published and new value, difference",
        blocks=tuple(blocks),
        tables=(ExcelTable(REVISIONS_TABLE, HEADER_ROW, 1, last_row, len(REVISIONS_HEADER)),),
        column_widths={1: 16, 2: 44, 3: 28, 4: 22, 5: 8, 6: 14, 7: 14, 8: 16, 9: 16},
        row_heights={HEADER_ROW: 30},
    )


# --- [r] markers ---------------------------------------------------------------------------------------------

def _marker_texts(revisions: Revisions) -> dict[str, dict[int, str]]:
    """Excel table -> {data row offset: the marker text of that row}."""
    region_rows = {region.kato: offset for offset, region in enumerate((COUNTRY, *regions()))}
    interregional_rows = {region.kato: offset for offset, region in enumerate(regions())}
    indicator_rows = {key_indicator_code(indicator): offset for offset, indicator in enumerate(KEY_INDICATORS)}
    marked: dict[str, dict[int, list[str]]] = {}
    for revision in revisions.items:
        if revision.table == INTERREGIONAL_TABLE:
            offset, what = interregional_rows[revision.region.kato], _INTERREGIONAL_WORDS[
                _INTERREGIONAL_CODES[revision.figure]]
        elif revision.table == KEY_INDICATORS_TABLE:
            offset, what = indicator_rows[revision.figure], span_label(revision.span)
        else:
            offset, what = region_rows[revision.region.kato], span_label(revision.span)
        marked.setdefault(revision.table, {}).setdefault(offset, []).append(what)
    return {table: {offset: f"{REVISED} {', '.join(whats)}" for offset, whats in rows.items()}
            for table, rows in marked.items()}


def marker_header(revisions: Revisions) -> str:
    dates = sorted({revision.publication.published_on for revision in revisions.items})
    return f"Revised since the publication of {', '.join(dates)} {cite('revised')}"


def _with_marker_column(layout: SheetLayout, table: ExcelTable, texts: Mapping[int, str],
                        header: str) -> SheetLayout:
    column = table.last_column + 1
    rows = tuple((texts.get(offset),) for offset in range(table.last_row - table.first_row))
    marked = dataclasses.replace(table, last_column=column)
    return dataclasses.replace(
        layout,
        blocks=(*layout.blocks, Block(table.first_row, column, ((header,),), "header"),
                Block(table.first_row + 1, column, rows, "label")),
        tables=tuple(marked if existing is table else existing for existing in layout.tables),
        column_widths={**layout.column_widths, column: 30},
    )


def with_revision_markers(layouts: Sequence[SheetLayout], revisions: Revisions) -> list[SheetLayout]:
    """`layouts` with a marker column on every table that holds a revised figure."""
    texts = _marker_texts(revisions)
    if not texts:
        return list(layouts)
    header = marker_header(revisions)
    marked = []
    for layout in layouts:
        for table in layout.tables:
            if table.name in texts:
                layout = _with_marker_column(layout, table, texts[table.name], header)
        marked.append(layout)
    return marked


# --- the release page ----------------------------------------------------------------------------------------

# The page's "Revisions" section in each language, as data. Russian and Kazakh follow the Bureau's word for a
# revision of published data ("уточнение", "нақтылау"); counts stand after a colon or before a Kazakh noun, so
# no plural agreement is needed. The reasons are the routine ones of migration data (ONS and Eurostat name the
# same kinds): late or corrected registration coupons, and annual data replacing the sum of the months.
PAGE_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "heading": "Revisions",
        "revised": "This release revises {count} {figures} published on {date}, in {tables} {tables_word}:",
        "figures.one": "figure", "figures.other": "figures", "tables.one": "table", "tables.other": "tables",
        "none": "No figure published on {date} is revised in this release.",
        "why": "Figures published earlier change when arrival or departure registrations made late, or corrected, "
               "reach the data, and when a year's annual data replace the sum of its months. Revised figures are "
               "marked [r] in the workbook; its Revisions sheet lists each with its published and its new value.",
    },
    "ru": {
        "heading": "Уточнение данных",
        "revised": "В этом выпуске уточнены данные, опубликованные {date}: уточнённых показателей — {count}, "
                   "таблиц — {tables}:",
        "none": "Данные, опубликованные {date}, в этом выпуске не уточнялись.",
        "why": "Ранее опубликованные данные уточняются, когда поступают несвоевременно оформленные или "
               "исправленные статистические талоны прибытия и выбытия, а также когда годовые данные заменяют "
               "сумму месячных. Уточнённые показатели отмечены в книге знаком [r]; на листе Revisions приведены "
               "их опубликованные и новые значения.",
    },
    "kk": {
        "heading": "Деректерді нақтылау",
        "revised": "Осы шығарылымда {date} жарияланған деректер нақтыланды: {count} көрсеткіш, {tables} кестеде:",
        "none": "{date} жарияланған деректер осы шығарылымда нақтыланған жоқ.",
        "why": "Бұрын жарияланған деректер келу және кету статистикалық талондары кешіктіріліп немесе түзетіліп "
               "түскенде, сондай-ақ жылдық деректер айлық деректердің сомасын алмастырғанда нақтыланады. "
               "Нақтыланған көрсеткіштер кітапта [r] белгісімен белгіленген; Revisions парағында олардың "
               "жарияланған және жаңа мәндері берілген.",
    },
}


def revised_table_titles() -> dict[str, str]:
    """Excel table -> the name the page gives it."""
    titles = {f"T_{spec.code}": spec.title + (", by month" if spec.frequency == "monthly" else ", by year")
              for spec in TABLE_SPECS}
    return {**titles, KEY_INDICATORS_TABLE: "Key indicators",
            INTERREGIONAL_TABLE: "Interregional migration by region"}


def page_section(revisions: Revisions, lang: str = "en") -> tuple[str, list[tuple[str, object]]] | None:
    """The release page's "Revisions" section: each revised table with its revised periods, and why figures
    change; None when nothing was published before (nothing can be revised)."""
    if revisions.record.empty:
        return None
    words = PAGE_WORDS[lang]
    dates = ", ".join(sorted({revision.publication.published_on for revision in revisions.items})
                      or [revisions.record.last.published_on])
    if not revisions.items:
        return words["heading"], [("para", words["none"].format(date=dates))]
    count, tables = len(revisions.items), len(revisions.tables)
    plural = {"figures": words.get(f"figures.{'one' if count == 1 else 'other'}", ""),
              "tables_word": words.get(f"tables.{'one' if tables == 1 else 'other'}", "")}
    periods: dict[str, list[str]] = {}
    for revision in revisions.items:
        label = span_label(revision.span, lang)
        if label not in periods.setdefault(revision.table, []):
            periods[revision.table].append(label)
    titles = revised_table_titles()
    return words["heading"], [
        ("para", words["revised"].format(count=count, tables=tables, date=dates, **plural)),
        ("list", [f"{titles[table]} ({table[2:] if table.startswith('T_') else table}): {', '.join(labels)}"
                  for table, labels in periods.items()]),
        ("para", words["why"]),
    ]

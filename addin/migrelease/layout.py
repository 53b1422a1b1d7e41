"""The release workbook as pure data: which sheets, which blocks of 2-D values, which Excel tables.

Both doors (openpyxl for files, xlwings for live Excel) write exactly this; neither decides content.
Values are numbers, text, None, or `Formula` — text is always written as text, never as a formula.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .lang import language_pack
from .periods import Span
from .regions import regions
from .release import Release
from .tables import TABLE_SPECS, TableFrame

NOT_AVAILABLE = "[x]"
HEADER_ROW = 6  # of every dynamic-table sheet: title, period, unit, source and notes lines come first
SOURCE_LINE = "Source: Bureau of National Statistics of the Agency for Strategic Planning and Reforms of the " \
              "Republic of Kazakhstan"
LANGUAGE_TITLES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}

# Number formats by the semantic style of a block; both doors use these.
NUMBER_FORMATS = {
    "count": "#,##0;-#,##0;0",
    "percent": "0.0",
    "text": "@",
    "indicator": "General",
}


@dataclass(frozen=True)
class Formula:
    """A formula the layout defines (only these may become formula cells)."""
    text: str

    def __post_init__(self):
        if not self.text.startswith("="):
            raise ValueError(f"a formula starts with '=': {self.text!r}")


@dataclass(frozen=True)
class Hyperlink:
    """A cell showing `text` that links to `target`: "#'Sheet'!A1" inside the workbook, else a URL."""
    text: str
    target: str

    @property
    def is_internal(self) -> bool:
        return self.target.startswith("#")


def sheet_link(sheet: str, text: str | None = None) -> Hyperlink:
    """A link to cell A1 of `sheet` in this workbook."""
    return Hyperlink(text or sheet, "#'" + sheet.replace("'", "''") + "'!A1")


@dataclass(frozen=True)
class Block:
    row: int  # 1-based top-left cell
    column: int
    values: tuple[tuple, ...]  # rows of cell values
    style: str  # title, subtitle, info, header, label, count, percent, text, wrap, link

    @property
    def height(self) -> int:
        return len(self.values)

    @property
    def width(self) -> int:
        return max((len(row) for row in self.values), default=0)


@dataclass(frozen=True)
class ExcelTable:
    name: str
    first_row: int
    first_column: int
    last_row: int
    last_column: int


@dataclass(frozen=True)
class ChartSpec:
    """A native bar/column chart over cells of the workbook: categories and series share rows first..last_row;
    each series is one column with its name in header_row."""
    title: str
    kind: str  # "column" (vertical bars) or "bar" (horizontal)
    anchor: str  # top-left cell on the chart's sheet
    source_sheet: str
    header_row: int
    first_row: int
    last_row: int
    category_column: int
    series_columns: tuple[int, ...]
    value_axis_title: str
    category_axis_title: str | None = None
    width_cm: float = 24
    height_cm: float = 11

    def source_address(self) -> str:
        """The category column and the series columns, header row included, as one (possibly split) range."""
        columns = (self.category_column, *self.series_columns)
        areas, start = [], columns[0]
        for previous, column in zip(columns, columns[1:] + (None,)):
            if column != previous + 1:
                areas.append(f"{column_letter(start)}{self.header_row}:{column_letter(previous)}{self.last_row}")
                start = column
        return ",".join(areas)


@dataclass(frozen=True)
class SheetLayout:
    name: str
    description: str  # one line, for the Contents sheet
    blocks: tuple[Block, ...]
    tables: tuple[ExcelTable, ...] = ()
    column_widths: dict[int, float] = field(default_factory=dict)
    row_heights: dict[int, float] = field(default_factory=dict)  # points; rows of wrapped text need them
    charts: tuple[ChartSpec, ...] = ()


def wrapped_height(text: str, width: float, line_height: float = 15.0) -> float:
    """The height in points of a row whose cell wraps `text` in a column `width` characters wide."""
    lines = sum(max(1, math.ceil(len(part) / max(width * 1.05, 1))) for part in str(text).split("\n"))
    return line_height * lines


def column_letter(column: int) -> str:
    letters = ""
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def cell_value(value: float):
    """A figure as a cell: whole numbers as int, not available as [x]."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NOT_AVAILABLE
    return int(value) if float(value).is_integer() else float(value)


def span_label(span: Span, lang: str = "en") -> str:
    pack = language_pack(lang)
    names = pack.month_names["plain"] if "plain" in pack.month_names else next(iter(pack.month_names.values()))
    patterns = next(iter(pack.period_patterns.values()))
    kind = "year" if span.is_full_year else "month" if span.is_single_month else "span"
    return patterns[kind].format(first=names[span.first_month - 1], last=names[span.last_month - 1], year=span.year)


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
            Block(2, 1, ((period_line,), ("Unit: people",), (SOURCE_LINE,),
                         (f"Not available figures are shown as {NOT_AVAILABLE} [note 1]",)), "info"),
            Block(HEADER_ROW, 1, (header,), "header"),
            Block(HEADER_ROW + 1, 1, tuple((row[0],) for row in body), "label"),
            Block(HEADER_ROW + 1, 2, tuple(row[1:] for row in body), "count"),
        ),
        tables=(ExcelTable(f"T_{table.spec.code}", HEADER_ROW, 1, last_row, last_column),),
        column_widths={1: 30, **{column: 16 for column in range(2, last_column + 1)}},
        row_heights={HEADER_ROW: max(wrapped_height(text, 16) for text in header)},
    )


def country_cell(table: TableFrame, span: Span) -> str:
    """Address of the country's figure for `span` on the table's sheet, e.g. Y_Ext_Arr!N7."""
    column = table.columns.index(span) + 2
    return f"{table.spec.code}!{column_letter(column)}{HEADER_ROW + 1}"


KEY_POINTS_WIDTH = 70  # characters per paragraph column


def key_points_sheet(release: Release) -> SheetLayout:
    languages = list(release.key_points)
    header = ("Point", *(LANGUAGE_TITLES[lang] for lang in languages))
    rows = tuple((number, *(release.key_points[lang][number - 1] for lang in languages))
                 for number in range(1, 1 + len(release.key_points[languages[0]])))
    title = f"Key points, {span_label(release.span)}"
    return SheetLayout(
        name="Key points",
        description="The key points of the release, drafted from the tables in each language",
        blocks=(
            Block(1, 1, ((title,),), "title"),
            Block(2, 1, (("Drafted from the dynamic tables; every figure equals a table cell "
                          "(see Key indicators).",),), "info"),
            Block(4, 1, (header,), "header"),
            Block(5, 1, rows, "wrap"),
        ),
        tables=(ExcelTable("T_Key_points", 4, 1, 4 + len(rows), len(header)),),
        column_widths={1: 8, **{column: KEY_POINTS_WIDTH for column in range(2, len(header) + 1)}},
        # Rows tall enough for the longest paragraph: neither Excel nor LibreOffice refits them on opening.
        row_heights={5 + i: max(wrapped_height(text, KEY_POINTS_WIDTH) for text in row[1:])
                     for i, row in enumerate(rows)},
    )


# The indicators the key points quote, each a formula over dynamic-table cells: (label, unit, formula pattern).
# Patterns name cells as {TABLE:current} / {TABLE:previous}: the country's figure for that period.
KEY_INDICATORS = (
    ("Arrivals (external migration)", "people", "={Y_Ext_Arr:current}"),
    ("Departures (external migration)", "people", "={Y_Ext_Dep:current}"),
    ("Net migration (external)", "people", "=MIG_BALANCE({Y_Ext_Arr:current},{Y_Ext_Dep:current})"),
    ("Arrivals, change versus the same period a year earlier", "%",
     "=MIG_CHANGE({Y_Ext_Arr:current},{Y_Ext_Arr:previous})"),
    ("Departures, change versus the same period a year earlier", "%",
     "=MIG_CHANGE({Y_Ext_Dep:current},{Y_Ext_Dep:previous})"),
    ("Share of the CIS countries in arrivals", "%", "=MIG_SHARE({Y_CIS_Arr:current},{Y_Ext_Arr:current})"),
    ("Share of the CIS countries in departures", "%", "=MIG_SHARE({Y_CIS_Dep:current},{Y_Ext_Dep:current})"),
    ("Share of other countries in arrivals", "%", "=MIG_SHARE({Y_Oth_Arr:current},{Y_Ext_Arr:current})"),
    ("Share of other countries in departures", "%", "=MIG_SHARE({Y_Oth_Dep:current},{Y_Ext_Dep:current})"),
    ("People moving within the country (internal arrivals)", "people", "={Y_Int_Arr:current}"),
    ("People moving within the country, change versus the same period a year earlier", "%",
     "=MIG_CHANGE({Y_Int_Arr:current},{Y_Int_Arr:previous})"),
)
KEY_INDICATORS_HEADER_ROW = 4


def key_indicator_formula(pattern: str, release: Release) -> Formula:
    spans = {"current": release.span, "previous": release.span.same_period_a_year_earlier()}
    text = pattern
    for code, table in release.tables.items():
        for which, span in spans.items():
            token = "{" + f"{code}:{which}" + "}"
            if token in text:
                text = text.replace(token, country_cell(table, span))
    return Formula(text)


def key_indicators_sheet(release: Release) -> SheetLayout:
    rows = tuple((label, key_indicator_formula(pattern, release), unit) for label, unit, pattern in KEY_INDICATORS)
    top = KEY_INDICATORS_HEADER_ROW
    regional_header_row = top + len(rows) + 3
    interregional = [release.cube.figures(release.span, "interregional", measure)[1:]
                     for measure in ("arrival", "departure")]
    regional_rows = tuple(
        (region.name_en, cell_value(arrivals), cell_value(departures),
         Formula(f"=MIG_BALANCE(B{regional_header_row + 1 + i},C{regional_header_row + 1 + i})"))
        for i, (region, arrivals, departures) in enumerate(zip(regions(), *interregional)))
    return SheetLayout(
        name="Key indicators",
        description="The figures the key points quote, as MIG_ formulas over the dynamic-table cells",
        blocks=(
            Block(1, 1, ((f"Key indicators, {span_label(release.span)}",),), "title"),
            Block(2, 1, (("Each value is a formula over the dynamic tables; the key points quote these values.",),),
                  "info"),
            Block(top, 1, (("Indicator", "Value", "Unit"),), "header"),
            Block(top + 1, 1, tuple((row[0],) for row in rows), "label"),
            Block(top + 1, 2, tuple((row[1],) for row in rows), "indicator"),
            Block(top + 1, 3, tuple((row[2],) for row in rows), "label"),
            Block(regional_header_row - 1, 1,
                  ((f"Interregional migration by region, {span_label(release.span)}",),), "subtitle"),
            Block(regional_header_row, 1, (("Region", "Arrivals (people)", "Departures (people)",
                                            "Net migration (people)"),), "header"),
            Block(regional_header_row + 1, 1, tuple((row[0],) for row in regional_rows), "label"),
            Block(regional_header_row + 1, 2, tuple(row[1:] for row in regional_rows), "count"),
        ),
        tables=(ExcelTable("T_Key_indicators", top, 1, top + len(rows), 3),
                ExcelTable("T_Interregional", regional_header_row, 1, regional_header_row + len(regional_rows), 4)),
        column_widths={1: 62, 2: 18, 3: 18, 4: 22},
    )


def release_layout(release: Release) -> list[SheetLayout]:
    """Every sheet the refresh writes, in workbook order: Cover, Contents, Notes, key points and indicators, the
    dynamic tables, the supplementary tables (when their input sheets exist), Charts, Checks."""
    from . import charts, checks, publication, supplementary

    body = [key_points_sheet(release), key_indicators_sheet(release),
            *(table_sheet(release.tables[spec.code]) for spec in TABLE_SPECS),
            *supplementary.supplementary_sheets(release), charts.charts_sheet(release), checks.checks_sheet(release)]
    front = [publication.cover_sheet(release), publication.notes_sheet()]
    return publication.with_contents(front, body, release)

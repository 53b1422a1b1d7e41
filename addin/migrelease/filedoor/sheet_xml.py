"""The file door's engine of the writer interface: each layout becomes a SpreadsheetML worksheet written
directly (cells, formulas with their cached values, inline strings, hyperlinks, the theme's cell formats,
column widths, row heights, frozen panes, print set-up), with its Excel tables and charts as parts of their own.

The engine only drafts: `OoxmlWriter.write(layouts)` records what each sheet holds; the package surgery
(surgery.py) decides where each sheet goes and which part names and ids are free, and then asks each draft to
render itself (`render_sheet`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Sequence

from migrelease.filedoor.cell_xml import attribute_xml, cell_xml
from migrelease.filedoor.chart_xml import ChartParts, chart_parts
from migrelease.filedoor.package import NS_OFFICE_RELS, Relationship
from migrelease.filedoor.styles_part import StylesPart
from migrelease.model.a1 import cell_address, column_letter, quoted_sheet
from migrelease.sheets.blocks import Block, Chart, ExcelTable, Hyperlink, PrintSetup, SheetLayout
from migrelease.sheets.theme import TABLE_STYLE, CellStyle
from migrelease.sheets.writer import LayoutWriter

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_TABLE = NS_OFFICE_RELS + "/table"
REL_HYPERLINK = NS_OFFICE_RELS + "/hyperlink"
REL_DRAWING = NS_OFFICE_RELS + "/drawing"
CONTENT_TYPE_TABLE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
PAPER_SIZES = {"A4": 9, "Letter": 1, "A3": 8}
DEFAULT_ROW_HEIGHT = 15
PRINT_TITLES = "_xlnm.Print_Titles"
_letters = lru_cache(maxsize=None)(column_letter)  # a sheet names the same few columns thousands of times


@dataclass
class SheetDraft:
    """What the writer put on one sheet, before it is placed in a package."""
    layout: SheetLayout
    after: "SheetDraft | None"  # the previous layout's sheet (a new sheet goes right after it)
    cells: dict[int, dict[int, str]] = field(default_factory=dict)  # row -> column -> <c> element
    values: dict[tuple[int, int], object] = field(default_factory=dict)  # (row, column) -> value, for charts
    hyperlinks: list[tuple[str, Hyperlink]] = field(default_factory=list)
    tables: list[tuple[ExcelTable, list[str]]] = field(default_factory=list)
    column_widths: dict[int, float] = field(default_factory=dict)
    row_heights: dict[int, float] = field(default_factory=dict)
    freeze_at: tuple[int, int] | None = None
    print_setup: PrintSetup | None = None
    visibility: str | None = None  # None: as the sheet already is (a new sheet: visible)
    charts: list[Chart] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.layout.name


class OoxmlWriter(LayoutWriter):
    """Drafts every layout; `styles` is the workbook's styles part the theme's formats go into."""

    def __init__(self, styles: StylesPart, progress: Callable[[str, int, int], None] | None = None):
        self.styles = styles
        self.progress = progress
        self.drafts: dict[str, SheetDraft] = {}

    def sheet_for(self, layout: SheetLayout, previous) -> SheetDraft:
        draft = SheetDraft(layout, previous)
        self.drafts[layout.name] = draft
        return draft

    def write_block(self, sheet: SheetDraft, block: Block, cell_style: CellStyle) -> None:
        style = self.styles.xf(cell_style)
        for row_offset, values in enumerate(block.values):
            row = block.row + row_offset
            cells = sheet.cells.setdefault(row, {})
            for column_offset, value in enumerate(values):
                column = block.column + column_offset
                reference = f"{_letters(column)}{row}"
                xml = cell_xml(reference, value, style)
                if xml:
                    cells[column] = xml
                else:
                    cells.pop(column, None)
                sheet.values[(row, column)] = value
                if isinstance(value, Hyperlink):
                    sheet.hyperlinks.append((reference, value))

    def add_table(self, sheet: SheetDraft, table: ExcelTable, headers: list[str]) -> None:
        sheet.tables.append((table, headers))

    def set_column_width(self, sheet: SheetDraft, column: int, width: float) -> None:
        sheet.column_widths[column] = width

    def set_row_height(self, sheet: SheetDraft, row: int, height: float) -> None:
        sheet.row_heights[row] = height

    def freeze_panes(self, sheet: SheetDraft, row: int, column: int) -> None:
        sheet.freeze_at = (row, column)

    def set_print_setup(self, sheet: SheetDraft, setup: PrintSetup) -> None:
        sheet.print_setup = setup

    def set_visibility(self, sheet: SheetDraft, visibility: str) -> None:
        sheet.visibility = visibility

    def add_chart(self, sheet: SheetDraft, chart: Chart) -> None:
        sheet.charts.append(chart)


@dataclass(frozen=True)
class NewPart:
    name: str
    content_type: str | None  # None for a relationships part (its content type is the .rels default)
    data: bytes


@dataclass(frozen=True)
class RenderedSheet:
    xml: bytes
    relationships: tuple[Relationship, ...]
    parts: tuple[NewPart, ...]  # tables, drawings, charts (with their own relationships parts)
    defined_names: tuple[tuple[str, str], ...]  # (name, formula) local to the sheet


class PartNames:
    """Part names and workbook-unique table ids not yet taken in the package being written."""

    def __init__(self, taken_parts: set[str], taken_table_ids: set[int]):
        self._taken = {name.casefold() for name in taken_parts}
        self._table_ids = set(taken_table_ids)

    def new(self, folder: str, stem: str, extension: str = "xml") -> str:
        number = 1
        while f"{folder}/{stem}{number}.{extension}".casefold() in self._taken:
            number += 1
        name = f"{folder}/{stem}{number}.{extension}"
        self._taken.add(name.casefold())
        return name

    def table_id(self) -> int:
        number = 1
        while number in self._table_ids:
            number += 1
        self._table_ids.add(number)
        return number


def _table_xml(table: ExcelTable, headers: Sequence[str], table_id: int) -> bytes:
    columns = "".join(f'<tableColumn id="{number}" name={attribute_xml(header)}/>'
                      for number, header in enumerate(headers, start=1))
    return (f'{XML_DECLARATION}<table xmlns="{NS_MAIN}" id="{table_id}" name={attribute_xml(table.name)} '
            f'displayName={attribute_xml(table.name)} ref="{table.address}" headerRowCount="1">'
            f'<autoFilter ref="{table.address}"/><tableColumns count="{len(headers)}">{columns}</tableColumns>'
            f'<tableStyleInfo name="{TABLE_STYLE}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" '
            f'showColumnStripes="0"/></table>').encode("utf-8")


def _sheet_view(draft: SheetDraft, selected: bool) -> str:
    selected_attribute = ' tabSelected="1"' if selected else ""
    if draft.freeze_at is None:
        return f'<sheetViews><sheetView{selected_attribute} workbookViewId="0"/></sheetViews>'
    row, column = draft.freeze_at
    split = ""
    if column > 1:
        split += f' xSplit="{column - 1}"'
    if row > 1:
        split += f' ySplit="{row - 1}"'
    pane = "bottomRight" if row > 1 and column > 1 else "bottomLeft" if row > 1 else "topRight"
    first = cell_address(row, column)
    return (f'<sheetViews><sheetView{selected_attribute} workbookViewId="0"><pane{split} topLeftCell="{first}" '
            f'activePane="{pane}" state="frozen"/><selection pane="{pane}" activeCell="{first}" sqref="{first}"/>'
            f'</sheetView></sheetViews>')


def render_sheet(draft: SheetDraft, code_name: str, selected: bool, part_name: str, names: PartNames,
                 drafts: dict[str, SheetDraft]) -> RenderedSheet:
    """The worksheet XML of `draft` as part `part_name`, with its tables and charts as new parts."""
    relationships: list[Relationship] = []
    parts: list[NewPart] = []
    taken_ids: set[str] = set()

    def relate(rel_type: str, target: str, external: bool = False) -> str:
        rel_id = f"rId{len(relationships) + 1}"
        taken_ids.add(rel_id)
        relationships.append(Relationship(rel_id, rel_type, target, external))
        return rel_id

    rows = set(draft.cells) | set(draft.row_heights)
    last_row = max((row for row in rows if draft.cells.get(row)), default=1)
    last_column = max((column for cells in draft.cells.values() for column in cells), default=1)
    out = [f'{XML_DECLARATION}<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_OFFICE_RELS}">']
    fit = '<pageSetUpPr fitToPage="1"/>' if draft.print_setup is not None else ""
    out.append(f"<sheetPr codeName={attribute_xml(code_name)}>{fit}</sheetPr>" if fit else
               f"<sheetPr codeName={attribute_xml(code_name)}/>")
    out.append(f'<dimension ref="A1:{cell_address(last_row, last_column)}"/>')
    out.append(_sheet_view(draft, selected))
    out.append(f'<sheetFormatPr defaultRowHeight="{DEFAULT_ROW_HEIGHT}"/>')
    if draft.column_widths:
        out.append("<cols>" + "".join(f'<col min="{column}" max="{column}" width="{width:g}" customWidth="1"/>'
                                      for column, width in sorted(draft.column_widths.items())) + "</cols>")
    out.append("<sheetData>")
    for row in sorted(rows):
        cells = draft.cells.get(row, {})
        height = draft.row_heights.get(row)
        height_attributes = f' ht="{height:g}" customHeight="1"' if height else ""
        if not cells and not height:
            continue
        out.append(f'<row r="{row}"{height_attributes}>' + "".join(cells[column] for column in sorted(cells)) +
                   "</row>")
    out.append("</sheetData>")
    if draft.hyperlinks:
        links = []
        for reference, link in draft.hyperlinks:
            if link.is_internal:
                links.append(f'<hyperlink ref="{reference}" location={attribute_xml(link.target[1:])} '
                             f'display={attribute_xml(link.text)}/>')
            else:
                rel_id = relate(REL_HYPERLINK, link.target, external=True)
                links.append(f'<hyperlink ref="{reference}" r:id="{rel_id}"/>')
        out.append("<hyperlinks>" + "".join(links) + "</hyperlinks>")
    out.append('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>')
    defined_names = []
    setup = draft.print_setup
    if setup is not None:
        out.append(f'<pageSetup paperSize="{PAPER_SIZES[setup.paper]}" orientation="{setup.orientation}" '
                   f'fitToWidth="{setup.fit_width}" fitToHeight="{setup.fit_height}"/>')
        if setup.repeat_rows:
            first, last = setup.repeat_rows
            defined_names.append((PRINT_TITLES, f"{quoted_sheet(draft.name)}!${first}:${last}"))
    if draft.charts:
        drawing: ChartParts = chart_parts(draft.charts, names, drafts)
        out.append(f'<drawing r:id="{relate(REL_DRAWING, drawing.drawing_part)}"/>')
        parts.extend(NewPart(*part) for part in drawing.parts)
    table_ids = []
    for table, headers in draft.tables:
        table_part = names.new("xl/tables", "table")
        parts.append(NewPart(table_part, CONTENT_TYPE_TABLE, _table_xml(table, headers, names.table_id())))
        table_ids.append(relate(REL_TABLE, table_part))
    if table_ids:
        out.append(f'<tableParts count="{len(table_ids)}">' +
                   "".join(f'<tablePart r:id="{rel_id}"/>' for rel_id in table_ids) + "</tableParts>")
    out.append("</worksheet>")
    return RenderedSheet("".join(out).encode("utf-8"), tuple(relationships), tuple(parts), tuple(defined_names))


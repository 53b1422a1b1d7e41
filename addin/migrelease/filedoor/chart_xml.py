"""Native Excel charts as DrawingML: one drawing part per sheet anchoring its charts, one chart part per chart.

Each series names its cells (so the chart follows the table) and carries their current values as a cache (so
a reader that does not recalculate draws it); text categories are string references (`strRef`), numbers
numeric ones; a not-available cell is left out of the cache, and shows as a gap.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Protocol

from migrelease.filedoor.cell_xml import attribute_xml, number_xml, text_xml
from migrelease.filedoor.package import NS_OFFICE_RELS, Relationship, relationships_xml, rels_part_of
from migrelease.model.a1 import column_letter, quoted_sheet
from migrelease.sheets.blocks import Chart, Formula, Hyperlink

NS_CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"
NS_DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_SHEET_DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
REL_CHART = NS_OFFICE_RELS + "/chart"
CONTENT_TYPE_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml"
CONTENT_TYPE_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
EMU_PER_CM = 360000
CATEGORY_AXIS_ID, VALUE_AXIS_ID = 50010001, 50010002


class CellSource(Protocol):
    """A sheet being written: its values by (row, column)."""
    values: Mapping[tuple[int, int], object]


class PartNamer(Protocol):
    def new(self, folder: str, stem: str, extension: str = "xml") -> str: ...


@dataclass(frozen=True)
class ChartParts:
    drawing_part: str
    parts: tuple[tuple[str, str | None, bytes], ...]  # (part name, content type or None for .rels, bytes)


def _shown(value):
    """What a cell shows: a formula's cached value, a link's text."""
    if isinstance(value, Formula):
        return value.value
    if isinstance(value, Hyperlink):
        return value.text
    return value


def _rich_text(text: str) -> str:
    return (f"<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>{text_xml(text)}</a:t></a:r></a:p></c:rich>"
            f'</c:tx><c:overlay val="0"/>')


def _range(sheet: str, column: int, first_row: int, last_row: int) -> str:
    letter = column_letter(column)
    if first_row == last_row:
        return f"{quoted_sheet(sheet)}!${letter}${first_row}"
    return f"{quoted_sheet(sheet)}!${letter}${first_row}:${letter}${last_row}"


def _string_reference(formula: str, texts: list[str]) -> str:
    points = "".join(f'<c:pt idx="{index}"><c:v>{text_xml(text)}</c:v></c:pt>' for index, text in enumerate(texts))
    return (f"<c:strRef><c:f>{text_xml(formula)}</c:f><c:strCache><c:ptCount val=\"{len(texts)}\"/>{points}"
            "</c:strCache></c:strRef>")


def _number_reference(formula: str, values: list) -> str:
    points = "".join(f'<c:pt idx="{index}"><c:v>{number_xml(value)}</c:v></c:pt>' for index, value in enumerate(values)
                     if isinstance(value, (int, float)) and not isinstance(value, bool))
    return (f"<c:numRef><c:f>{text_xml(formula)}</c:f><c:numCache><c:formatCode>General</c:formatCode>"
            f'<c:ptCount val="{len(values)}"/>{points}</c:numCache></c:numRef>')


def chart_xml(chart: Chart, source: CellSource) -> bytes:
    rows = range(chart.first_row, chart.last_row + 1)
    categories = [_shown(source.values.get((row, chart.category_column))) for row in rows]
    category_formula = _range(chart.source_sheet, chart.category_column, chart.first_row, chart.last_row)
    if all(isinstance(value, (int, float)) and not isinstance(value, bool) for value in categories):
        category_xml = _number_reference(category_formula, categories)
    else:
        category_xml = _string_reference(category_formula, ["" if value is None else str(value)
                                                            for value in categories])
    series = []
    for order, column in enumerate(chart.series_columns):
        name = _shown(source.values.get((chart.header_row, column)))
        values = [_shown(source.values.get((row, column))) for row in rows]
        name_reference = _string_reference(_range(chart.source_sheet, column, chart.header_row, chart.header_row),
                                           ["" if name is None else str(name)])
        series.append(
            f'<c:ser><c:idx val="{order}"/><c:order val="{order}"/><c:tx>{name_reference}</c:tx>'
            f'<c:invertIfNegative val="0"/><c:cat>{category_xml}</c:cat>'
            f"<c:val>{_number_reference(_range(chart.source_sheet, column, chart.first_row, chart.last_row), values)}"
            "</c:val></c:ser>")
    horizontal = chart.kind == "bar"
    category_title = f"<c:title>{_rich_text(chart.category_axis_title)}</c:title>" if chart.category_axis_title \
        else ""
    value_title = f"<c:title>{_rich_text(chart.value_axis_title)}</c:title>" if chart.value_axis_title else ""
    return (
        f'{XML_DECLARATION}<c:chartSpace xmlns:c="{NS_CHART}" xmlns:a="{NS_DRAWING}" xmlns:r="{NS_OFFICE_RELS}">'
        '<c:roundedCorners val="0"/><c:chart>'
        f'<c:title>{_rich_text(chart.title)}</c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>'
        f'<c:barChart><c:barDir val="{"bar" if horizontal else "col"}"/><c:grouping val="clustered"/>'
        f'<c:varyColors val="0"/>{"".join(series)}<c:gapWidth val="150"/>'
        f'<c:axId val="{CATEGORY_AXIS_ID}"/><c:axId val="{VALUE_AXIS_ID}"/></c:barChart>'
        f'<c:catAx><c:axId val="{CATEGORY_AXIS_ID}"/><c:scaling><c:orientation val="minMax"/>'
        f'</c:scaling><c:delete val="0"/><c:axPos val="{"l" if horizontal else "b"}"/>{category_title}'
        '<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/>'
        f'<c:tickLblPos val="{"low" if chart.category_labels_low else "nextTo"}"/>'  # low: below the plot area
        f'<c:crossAx val="{VALUE_AXIS_ID}"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        f'<c:valAx><c:axId val="{VALUE_AXIS_ID}"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        f'<c:delete val="0"/><c:axPos val="{"b" if horizontal else "l"}"/><c:majorGridlines/>{value_title}'
        '<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/>'
        f'<c:tickLblPos val="nextTo"/><c:crossAx val="{CATEGORY_AXIS_ID}"/><c:crosses val="autoZero"/>'
        '<c:crossBetween val="between"/></c:valAx></c:plotArea>'
        '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/>'
        '<c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>').encode("utf-8")


def _anchor_cell(anchor: str) -> tuple[int, int]:
    """'G2' -> (column, row), 0-based as DrawingML counts."""
    letters = "".join(character for character in anchor if character.isalpha())
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number - 1, int(anchor[len(letters):]) - 1


def chart_parts(charts: list[Chart], names: PartNamer, sources: Mapping[str, CellSource]) -> ChartParts:
    """The drawing that anchors `charts` on one sheet, and each chart's part."""
    drawing_part = names.new("xl/drawings", "drawing")
    parts = []
    relationships = []
    anchors = []
    for number, chart in enumerate(charts, start=1):
        chart_part = names.new("xl/charts", "chart")
        parts.append((chart_part, CONTENT_TYPE_CHART, chart_xml(chart, sources[chart.source_sheet])))
        rel_id = f"rId{number}"
        relationships.append(Relationship(rel_id, REL_CHART, chart_part, False))
        column, row = _anchor_cell(chart.anchor)
        width, height = round(chart.width_cm * EMU_PER_CM), round(chart.height_cm * EMU_PER_CM)
        anchors.append(
            f"<xdr:oneCellAnchor><xdr:from><xdr:col>{column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{row}"
            f'</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="{width}" cy="{height}"/>'
            f'<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="{number + 1}" name="Chart {number}" '
            f"descr={attribute_xml(chart.title)}/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>"
            '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic>'
            f'<a:graphicData uri="{NS_CHART}"><c:chart xmlns:c="{NS_CHART}" r:id="{rel_id}"/></a:graphicData>'
            "</a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:oneCellAnchor>")
    drawing = (f'{XML_DECLARATION}<xdr:wsDr xmlns:xdr="{NS_SHEET_DRAWING}" xmlns:a="{NS_DRAWING}" '
               f'xmlns:r="{NS_OFFICE_RELS}">{"".join(anchors)}</xdr:wsDr>').encode("utf-8")
    return ChartParts(drawing_part, ((drawing_part, CONTENT_TYPE_DRAWING, drawing),
                                     (rels_part_of(drawing_part), None, relationships_xml(relationships, drawing_part)),
                                     *parts))

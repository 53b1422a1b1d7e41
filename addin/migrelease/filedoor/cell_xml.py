"""Cells as SpreadsheetML: numbers, text (inline strings, never formulas), formulas with their cached values.

Text that XML 1.0 cannot carry (control characters) is written as SpreadsheetML's `_xHHHH_` escapes, and a
literal `_xHHHH_` in the text gets its underscore escaped, as Excel does; every reader turns them back.
"""

from __future__ import annotations

import math
import re
from typing import Iterable, Iterator, Sequence
from xml.sax.saxutils import escape

from migrelease.model.a1 import column_letter
from migrelease.sheets.blocks import Formula, Hyperlink

_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_ATTRIBUTE_ESCAPES = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def _excel_escape(match: re.Match) -> str:
    character = match.group(0)
    return "_x005F_" if character == "_" else f"_x{ord(character):04X}_"


def text_xml(text: str) -> str:
    """Text as element content."""
    return escape(_NOT_IN_XML.sub(_excel_escape, text))


def attribute_xml(text: str) -> str:
    """Text as a double-quoted attribute value (quotes included)."""
    return '"' + escape(_NOT_IN_XML.sub(_excel_escape, text), _ATTRIBUTE_ESCAPES) + '"'


def number_xml(value: int | float) -> str:
    """A number as xsd:double text; Python's shortest round-trip form is exact."""
    return str(value) if isinstance(value, int) else repr(float(value))


def _cached_value(value) -> tuple[str, str]:
    """(type attribute, <v> content) of a formula's cached value."""
    if isinstance(value, bool):
        return ' t="b"', "1" if value else "0"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return ' t="e"', "#NUM!"
        return "", number_xml(value)
    return ' t="str"', text_xml(str(value))


def cell_xml(reference: str, value, style: int = 0) -> str:
    """One <c> element ('' for an empty, unstyled cell). Only a `Formula` becomes a formula; any text, even one
    starting with '=', is text."""
    styled = f' s="{style}"' if style else ""
    if isinstance(value, Hyperlink):
        value = value.text
    if isinstance(value, Formula):
        formula = f"<f>{text_xml(value.text[1:])}</f>"
        if value.value is None:
            return f'<c r="{reference}"{styled}>{formula}</c>'
        kind, cached = _cached_value(value.value)
        return f'<c r="{reference}"{styled}{kind}>{formula}<v>{cached}</v></c>'
    if value is None or value == "":
        return f'<c r="{reference}"{styled}/>' if style else ""
    if isinstance(value, bool):
        return f'<c r="{reference}"{styled} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return f'<c r="{reference}"{styled} t="e"><v>#NUM!</v></c>'
        return f'<c r="{reference}"{styled}><v>{number_xml(value)}</v></c>'
    return f'<c r="{reference}"{styled} t="inlineStr"><is><t xml:space="preserve">{text_xml(str(value))}</t></is></c>'


def rows_xml(rows: Iterable[Sequence]) -> Iterator[bytes]:
    """<sheetData> for plain rows of values from A1 down, in chunks (a long sheet is never held whole)."""
    yield b"<sheetData>"
    letters: list[str] = []
    chunk: list[str] = []
    for number, row in enumerate(rows, start=1):
        while len(letters) < len(row):
            letters.append(column_letter(len(letters) + 1))
        cells = "".join(cell_xml(f"{letter}{number}", value) for letter, value in zip(letters, row))
        chunk.append(f'<row r="{number}">{cells}</row>')
        if len(chunk) == 2000:
            yield "".join(chunk).encode("utf-8")
            chunk = []
    yield "".join(chunk).encode("utf-8") + b"</sheetData>"

"""Values written into the user's Settings sheet (`refresh --published DD.MM.YYYY --next DD.MM.YYYY`).

The Settings sheet is the user's: only the value cells of the named keys change. A key's row is found by the text
in column A (any letter case); its value goes into column B as text, keeping the cell's format. A key the sheet
lacks gets a new row under the last one, and the Excel table whose header row is the sheet's header grows to
cover it.
"""

from __future__ import annotations

import re
from typing import Callable, Mapping

from lxml import etree

from migrelease.filedoor.cell_xml import text_xml
from migrelease.filedoor.package import parse_xml, serialise_xml

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REFERENCE = re.compile(r"([A-Z]+)(\d+)")


def _q(name: str) -> str:
    return f"{{{NS_MAIN}}}{name}"


def _text(cell: etree._Element, shared_string: Callable[[int], str]) -> str | None:
    """The text of a cell holding text (a shared or an inline string), else None."""
    kind = cell.get("t")
    if kind == "s":
        value = cell.find(_q("v"))
        return shared_string(int(value.text)) if value is not None and (value.text or "").strip().isdigit() else None
    if kind == "inlineStr":
        return "".join(cell.find(_q("is")).itertext()) if cell.find(_q("is")) is not None else None
    if kind == "str":
        value = cell.find(_q("v"))
        return value.text if value is not None else None
    return None


def _inline_cell(reference: str, text: str, style: str | None) -> etree._Element:
    styled = f' s="{style}"' if style else ""
    return etree.fromstring(f'<c xmlns="{NS_MAIN}" r="{reference}"{styled} t="inlineStr"><is>'
                            f'<t xml:space="preserve">{text_xml(text)}</t></is></c>')


def shared_string_indexes_of_keys(sheet_xml: bytes) -> set[int]:
    """The shared strings the column-A cells use (to read only those)."""
    root = parse_xml(sheet_xml)
    return {int(cell.find(_q("v")).text) for cell in root.iter(_q("c"))
            if cell.get("t") == "s" and cell.get("r", "").startswith("A") and cell.find(_q("v")) is not None
            and (cell.find(_q("v")).text or "").strip().isdigit()}


def set_values(sheet_xml: bytes, updates: Mapping[str, str], shared_string: Callable[[int], str],
               header: str) -> tuple[bytes, int | None, int | None]:
    """(the sheet with `updates` written, the header row, the last row when rows were added else None)."""
    root = parse_xml(sheet_xml)
    data = root.find(_q("sheetData"))
    rows = {int(row.get("r")): row for row in data.iter(_q("row"))}
    keys: dict[str, int] = {}
    for number, row in rows.items():
        for cell in row.iter(_q("c")):
            found = _REFERENCE.fullmatch(cell.get("r", ""))
            if found and found.group(1) == "A":
                text = _text(cell, shared_string)
                if text is not None:
                    keys.setdefault(text.strip().casefold(), number)
    header_row = keys.get(header.casefold())
    last = max(rows, default=0)
    added = None
    for key, value in updates.items():
        number = keys.get(key.strip().casefold())
        if number is None:
            last += 1
            number = added = last
            row = etree.SubElement(data, _q("row"), r=str(number))
            row.append(_inline_cell(f"A{number}", key, None))
            rows[number] = row
        row = rows[number]
        existing = next((cell for cell in row.iter(_q("c")) if cell.get("r") == f"B{number}"), None)
        replacement = _inline_cell(f"B{number}", value, existing.get("s") if existing is not None else None)
        if existing is not None:
            row.replace(existing, replacement)
        else:
            later = next((cell for cell in row.iter(_q("c")) if _column(cell) > 2), None)
            if later is not None:
                later.addprevious(replacement)
            else:
                row.append(replacement)
    if added is not None:
        dimension = root.find(_q("dimension"))
        if dimension is not None:
            first, _, end = dimension.get("ref", "A1").partition(":")
            end_column = _REFERENCE.fullmatch(end or first).group(1) if _REFERENCE.fullmatch(end or first) else "B"
            dimension.set("ref", f"{first}:{max(end_column, 'B', key=lambda c: (len(c), c))}{added}")
    return serialise_xml(root), header_row, added


def _column(cell: etree._Element) -> int:
    found = _REFERENCE.fullmatch(cell.get("r", ""))
    number = 0
    for letter in (found.group(1) if found else "A"):
        number = number * 26 + ord(letter) - 64
    return number


def grown_table(table_xml: bytes, header_row: int, last_row: int) -> bytes | None:
    """The table whose header is at `header_row`, grown down to `last_row`; None for any other table."""
    root = parse_xml(table_xml)
    first, _, end = root.get("ref", "").partition(":")
    start, finish = _REFERENCE.fullmatch(first), _REFERENCE.fullmatch(end)
    if start is None or finish is None or int(start.group(2)) != header_row or int(finish.group(2)) >= last_row:
        return None
    reference = f"{first}:{finish.group(1)}{last_row}"
    root.set("ref", reference)
    auto_filter = root.find(_q("autoFilter"))
    if auto_filter is not None:
        auto_filter.set("ref", reference)
    return serialise_xml(root)


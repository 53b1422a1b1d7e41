"""Keep openpyxl away from the big sheets: their cell XML is set aside before openpyxl loads the workbook and
put back, unchanged, into what openpyxl saves.

openpyxl parses and re-serialises every cell it loads (~30 s for a 70,000-row Data sheet). A refresh never
changes the input sheets, and it rewrites the generated ones from scratch, so neither needs parsing: openpyxl
loads a shell of the package whose `<sheetData>` of those sheets is empty, keeps everything else of them (tables,
column widths, validation, VBA, the button), and afterwards their original `<sheetData>` is spliced back.
Shared-string cells are turned into the equivalent inline strings on the way, because openpyxl rewrites the
shared-string table; cell style indexes stay valid because openpyxl keeps the original cell formats, duplicates
included, in their original order and only appends new ones.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

from defusedxml import ElementTree

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_SHEET_DATA = re.compile(rb"<sheetData\b[^>]*/>|<sheetData\b[^>]*>.*</sheetData>", re.S)
_DIMENSION = re.compile(rb"<dimension\b[^>]*/>")
_SHARED_STRING_CELL = re.compile(rb'<c\b([^>]*?)\st="s"([^>]*)>\s*<v>(\d+)</v>\s*</c>')
_SHARED_STRING_ITEM = re.compile(rb"<si>(.*?)</si>|<si\s*/>", re.S)
EMPTY_SHEET_DATA = b"<sheetData/>"


def sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> part name (e.g. 'Data' -> 'xl/worksheets/sheet3.xml')."""
    workbook = ElementTree.fromstring(package.read("xl/workbook.xml"))
    relations = ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target") for rel in relations.iter(f"{{{_PACKAGE_REL_NS}}}Relationship")}
    parts = {}
    for sheet in workbook.iter(f"{{{_MAIN_NS}}}sheet"):
        target = targets.get(sheet.get(f"{{{_REL_NS}}}id"), "")
        parts[sheet.get("name")] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join("xl", target))
    return parts


def _shared_strings(package: zipfile.ZipFile) -> list[bytes]:
    try:
        xml = package.read("xl/sharedStrings.xml")
    except KeyError:
        return []
    return [match.group(1) or b"" for match in _SHARED_STRING_ITEM.finditer(xml)]


@dataclass(frozen=True)
class SheetCells:
    """A sheet's `<sheetData>` element and its `<dimension>`, ready to be put back."""
    sheet_data: bytes
    dimension: bytes | None


def _inline(sheet_data: bytes, shared: list[bytes]) -> bytes:
    def replace(match: re.Match) -> bytes:
        # <si> and <is> share one content model, so the shared item's XML is the inline string as it stands.
        return b"<c" + match.group(1) + b' t="inlineStr"' + match.group(2) + b"><is>" + shared[
            int(match.group(3))] + b"</is></c>"
    return _SHARED_STRING_CELL.sub(replace, sheet_data)


def load_shell(path, sheet_names: set[str]) -> tuple[io.BytesIO, dict[str, SheetCells]]:
    """The package with the cells of `sheet_names` (any letter case) removed, and those cells (inline-string XML),
    keyed by the sheet's actual name."""
    shell = io.BytesIO()
    stash: dict[str, SheetCells] = {}
    with zipfile.ZipFile(path) as package, zipfile.ZipFile(shell, "w", zipfile.ZIP_DEFLATED) as out:
        parts = sheet_parts(package)
        folded = {name.casefold() for name in sheet_names}
        wanted = {part: name for name, part in parts.items() if name.casefold() in folded}
        shared = None
        for member in package.infolist():
            data = package.read(member.filename)
            if member.filename in wanted:
                match = _SHEET_DATA.search(data)
                if match is not None and (b"<sheetData" in data[:match.start()] or
                                          data.count(b"<sheetData") != 1):
                    match = None  # an unusual layout: let openpyxl read it the ordinary way
                if match is not None:
                    cells = match.group(0)
                    if b't="s"' in cells:
                        shared = _shared_strings(package) if shared is None else shared
                        cells = _inline(cells, shared)
                    if b't="s"' in cells:  # a shared-string cell of a form we do not rewrite: openpyxl reads it
                        out.writestr(member, data)
                        continue
                    dimension = _DIMENSION.search(data)
                    stash[wanted[member.filename]] = SheetCells(cells, dimension.group(0) if dimension else None)
                    data = data[:match.start()] + EMPTY_SHEET_DATA + data[match.end():]
            out.writestr(member, data)
    shell.seek(0)
    return shell, stash


def splice(saved: bytes, cells: dict[str, SheetCells], target) -> None:
    """Write `saved` (openpyxl's output) to `target` with `cells` put back into the named sheets."""
    with zipfile.ZipFile(io.BytesIO(saved)) as package, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        parts = sheet_parts(package)
        wanted = {parts[name]: name for name in cells if name in parts}
        for member in package.infolist():
            data = package.read(member.filename)
            if member.filename in wanted:
                stored = cells[wanted[member.filename]]
                match = _SHEET_DATA.search(data)
                data = data[:match.start()] + stored.sheet_data + data[match.end():]
                if stored.dimension is not None:
                    data = _DIMENSION.sub(lambda _: stored.dimension, data, count=1)
            out.writestr(member, data)


def _column_letters(count: int) -> list[str]:
    letters = []
    for number in range(1, count + 1):
        text = ""
        while number:
            number, remainder = divmod(number - 1, 26)
            text = chr(65 + remainder) + text
        letters.append(text)
    return letters


def sheet_cells_from_rows(rows: list[list]) -> SheetCells:
    """`<sheetData>` for plain rows of text and numbers (text as inline strings, never formulas)."""
    width = max((len(row) for row in rows), default=1)
    letters = _column_letters(width)
    chunks = [b"<sheetData>"]
    for number, row in enumerate(rows, start=1):
        cells = []
        for letter, value in zip(letters, row):
            if value is None:
                continue
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                cells.append(f'<c r="{letter}{number}"><v>{value}</v></c>')
            else:
                cells.append(f'<c r="{letter}{number}" t="inlineStr"><is><t xml:space="preserve">'
                             f'{escape(str(value))}</t></is></c>')
        chunks.append(f'<row r="{number}">{"".join(cells)}</row>'.encode("utf-8"))
    chunks.append(b"</sheetData>")
    return SheetCells(b"".join(chunks), f'<dimension ref="A1:{letters[-1]}{max(len(rows), 1)}"/>'.encode())

"""The input sheets of a workbook as a small package for the reader, whatever else the workbook holds.

calamine loads a workbook's whole shared-string table when it opens it: a user sheet with 275 MB of text would
cost more memory than the rest of the refresh. The reader is given instead a package in memory with only the
workbook part, the styles (dates are told by their formats), the input sheets, and a shared-string table in which
every item the input sheets do not use is empty (and which ends after the last one they use). Indexes stay what
they were, so the input sheets' bytes are the workbook's own.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import BinaryIO, Iterable

from migrelease.filedoor.package import (CONTENT_TYPES_PART, NS_OFFICE_RELS, PACKAGE_RELS_PART, SourcePackage,
                                         rels_part_of)
from migrelease.filedoor.workbook_part import sheet_parts
from migrelease.model.a1 import find_sheet

REL_SHARED_STRINGS = NS_OFFICE_RELS + "/sharedStrings"
REL_STYLES = NS_OFFICE_RELS + "/styles"
EMPTY_SHARED_STRINGS = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
_CHUNK = 1 << 20
# A shared-string cell's index: <c ... t="s" ...><v>12</v> (with or without a namespace prefix).
_SHARED_STRING_INDEX = re.compile(rb'<(?:\w+:)?c\b[^>]*?\st="s"[^>]*>\s*<(?:\w+:)?v>\s*(\d+)\s*<')
_ROW_END = re.compile(rb"</(?:\w+:)?row>")
_ITEM_START = re.compile(rb"<((?:\w+:)?)si\b")


def shared_string_indexes(stream: BinaryIO) -> set[int]:
    """The shared-string indexes a sheet's cells use, read a row at a time (the sheet is never held whole)."""
    used: set[int] = set()
    pending = b""
    while chunk := stream.read(_CHUNK):
        window = pending + chunk
        ends = list(_ROW_END.finditer(window))
        cut = ends[-1].end() if ends else 0
        used.update(int(index) for index in _SHARED_STRING_INDEX.findall(window, 0, cut))
        pending = window[cut:]
    used.update(int(index) for index in _SHARED_STRING_INDEX.findall(pending))
    return used


def slim_shared_strings(stream: BinaryIO, needed: set[int]) -> bytes:
    """The shared-string table with every item not in `needed` written empty, ending after the last needed one."""
    if not needed:
        return EMPTY_SHARED_STRINGS
    last = max(needed)
    out: list[bytes] = []
    buffer = b""
    index = -1
    prefix = None
    while index < last:
        chunk = stream.read(_CHUNK * 4)
        if not chunk:
            break
        buffer += chunk
        if prefix is None:
            first = _ITEM_START.search(buffer)
            if first is None:
                continue
            prefix = first.group(1)
            out.append(buffer[:first.start()])
            buffer = buffer[first.start():]
            item_end, empty = b"</" + prefix + b"si>", b"<" + prefix + b"si/>"
        position = 0
        while index < last:
            start = _ITEM_START.search(buffer, position)
            if start is None:
                break
            tag_end = buffer.find(b">", start.end())
            if tag_end == -1:
                break
            if buffer[tag_end - 1:tag_end] == b"/":
                end = tag_end + 1
            else:
                closing = buffer.find(item_end, tag_end)
                if closing == -1:
                    break
                end = closing + len(item_end)
            index += 1
            out.append(buffer[start.start():end] if index in needed else empty)
            position = end
        buffer = buffer[position:]
    if prefix is None:
        return EMPTY_SHARED_STRINGS
    return b"".join(out) + b"</" + prefix + b"sst>"


def input_package(package: SourcePackage, wanted_sheets: Iterable[str]) -> bytes:
    """A package holding the workbook part and the sheets named `wanted_sheets` (any letter case; those the
    workbook lacks are simply not there), as the reader needs them."""
    workbook_part = package.main_part()
    names = [name for name, _ in sheet_parts(package, workbook_part)]
    parts = dict(sheet_parts(package, workbook_part))
    wanted = [parts[name] for name in filter(None, (find_sheet(names, sheet) for sheet in wanted_sheets))
              if parts[name] is not None]
    shared = package.related(workbook_part, REL_SHARED_STRINGS)
    styles = package.related(workbook_part, REL_STYLES)
    copied = [CONTENT_TYPES_PART, PACKAGE_RELS_PART, workbook_part, rels_part_of(workbook_part), *wanted]
    if styles is not None:
        copied.append(styles.target)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as view:
        for part in copied:
            if package.has(part):
                view.writestr(package.stored_name(part), package.read(part))
        if shared is not None and package.has(shared.target):
            needed: set[int] = set()
            for part in wanted:
                with package.open(part) as stream:
                    needed |= shared_string_indexes(stream)
            with package.open(shared.target) as stream:
                view.writestr(package.stored_name(shared.target), slim_shared_strings(stream, needed))
    return buffer.getvalue()

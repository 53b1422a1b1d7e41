"""The input sheets of a workbook as a small package for the reader, whatever else the workbook holds.

calamine loads a workbook's whole shared-string table when it opens it: a user sheet with 275 MB of text would
cost more memory than the rest of the refresh. The reader is given instead a package in memory with only the
workbook part, the styles (dates are told by their formats), the input sheets, and a shared-string table in which
every item the input sheets do not use is empty (and which ends after the last one they use). Indexes stay what
they were, so the input sheets' bytes are the workbook's own.
"""

from __future__ import annotations

import bisect
import io
import re
import shutil
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
    """The shared-string table with every item not in `needed` written empty, ending after the last needed one.

    A stretch of items none of which is needed is counted, not parsed: it costs about what reading it costs."""
    if not needed:
        return EMPTY_SHARED_STRINGS
    last = max(needed)
    ordered = sorted(needed)
    out: list[bytes] = []
    buffer = b""
    index = -1  # of the last item written
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
            empty = b"<" + prefix + b"si/>"
            item_end = re.compile(b"</" + re.escape(prefix) + rb"si>|<" + re.escape(prefix) + rb"si\s*/>")
        ends = [match.end() for match in item_end.finditer(buffer)]
        if not ends:
            continue
        following = bisect.bisect_right(ordered, index)
        if following == len(ordered) or ordered[following] > index + len(ends):  # none of these items is needed
            kept = min(len(ends), last - index)
            out.append(empty * kept)
            index += kept
            buffer = buffer[ends[kept - 1]:]
            continue
        start = 0
        for end in ends:
            index += 1
            out.append(buffer[start:end] if index in needed else empty)
            start = end
            if index >= last:
                break
        buffer = buffer[start:]
    if prefix is None:
        return EMPTY_SHARED_STRINGS
    return b"".join(out) + b"</" + prefix + b"sst>"


def shared_strings_size(package: SourcePackage) -> int:
    """The uncompressed size of the workbook's shared-string table (0 when it has none)."""
    shared = package.related(package.main_part(), REL_SHARED_STRINGS)
    info = None if shared is None else package.info(shared.target)
    return 0 if info is None else info.file_size


def input_package(package: SourcePackage, wanted_sheets: Iterable[str]) -> io.BytesIO:
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
                with package.open(part) as source, view.open(package.stored_name(part), "w") as target:
                    shutil.copyfileobj(source, target, _CHUNK)
        if shared is not None and package.has(shared.target):
            needed: set[int] = set()
            for part in wanted:
                with package.open(part) as stream:
                    needed |= shared_string_indexes(stream)
            with package.open(shared.target) as stream:
                view.writestr(package.stored_name(shared.target), slim_shared_strings(stream, needed))
    buffer.seek(0)
    return buffer

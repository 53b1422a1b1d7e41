"""Open Packaging for the file door: the parts of a workbook's zip package, their content types and
relationships, and a streamed writer that carries every part it is not told to change as it is stored.

A part the refresh does not own is never decompressed, parsed or recompressed: its compressed bytes, CRC and
sizes are copied from the source zip into the new one, whatever its size and wherever it sits in the zip. Part
names are matched case-insensitively, as Open Packaging requires; a package naming one part twice is refused.
"""

from __future__ import annotations

import posixpath
import struct
import zipfile
from dataclasses import dataclass
from typing import BinaryIO, Iterable, Mapping, Union
from urllib.parse import quote, unquote

from lxml import etree

CONTENT_TYPES_PART = "[Content_Types].xml"
PACKAGE_RELS_PART = "_rels/.rels"
NS_CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
NS_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_OFFICE_DOCUMENT = NS_OFFICE_RELS + "/officeDocument"
# The date stamped on parts the refresh adds (Excel and XlsxWriter use fixed or meaningless dates too).
NEW_PART_DATE = (1980, 1, 1, 0, 0, 0)

# lxml never resolves entities or fetches anything here; DTDs are refused before any parsing (refresh.py).
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def parse_xml(data: bytes) -> etree._Element:
    return etree.fromstring(data, _PARSER)


def serialise_xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def rels_part_of(part: str) -> str:
    """The relationships part of `part` ('' = the package's own)."""
    if part == "":
        return PACKAGE_RELS_PART
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def resolve_target(source_part: str, target: str) -> str:
    """A relationship's target as a part name (no leading slash), relative targets resolved against the source."""
    target = unquote(target.split("#", 1)[0])
    if target.startswith("/"):
        return posixpath.normpath(target[1:])
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target))


def relative_target(source_part: str, part: str) -> str:
    """How a relationship of `source_part` names `part` (relative, percent-encoded as a URI)."""
    return quote(posixpath.relpath(part, posixpath.dirname(source_part) or "."), safe="/!$&'()*+,;=:@-._~")


@dataclass(frozen=True)
class Relationship:
    id: str
    type: str
    target: str  # a part name, or the target as written when external
    external: bool


def relationships_xml(relationships: Iterable[Relationship], source_part: str) -> bytes:
    """A relationships part for `source_part`."""
    root = etree.Element(f"{{{NS_PACKAGE_RELS}}}Relationships", nsmap={None: NS_PACKAGE_RELS})
    for rel in relationships:
        element = etree.SubElement(root, f"{{{NS_PACKAGE_RELS}}}Relationship", Id=rel.id, Type=rel.type,
                                   Target=rel.target if rel.external else relative_target(source_part, rel.target))
        if rel.external:
            element.set("TargetMode", "External")
    return serialise_xml(root)


def free_relationship_id(taken: set[str]) -> str:
    number = 1
    while f"rId{number}" in taken:
        number += 1
    taken.add(f"rId{number}")
    return f"rId{number}"


_LOCAL_HEADER = struct.Struct("<4s5H3L2H")  # MS-ZIP local file header up to the extra field's length
_LOCAL_HEADER_SIGNATURE = b"PK\x03\x04"
_FLAG_ENCRYPTED = 0x1
_FLAG_DATA_DESCRIPTOR = 0x8
_COPY_CHUNK = 1 << 20


class PackageError(Exception):
    """The package is damaged or not what a workbook package must be."""


class SourcePackage:
    """A workbook package opened for reading (never written to)."""

    def __init__(self, path):
        try:
            self.zip = zipfile.ZipFile(path)
        except zipfile.BadZipFile as error:
            raise PackageError(str(error)) from None
        self.members = self.zip.infolist()
        self._by_folded: dict[str, zipfile.ZipInfo] = {}
        for info in self.members:
            folded = info.filename.casefold()
            if folded in self._by_folded:
                raise PackageError(f"part '{info.filename}' is stored twice")
            self._by_folded[folded] = info
        self._relationships: dict[str, tuple[Relationship, ...]] = {}

    def close(self) -> None:
        self.zip.close()

    def __enter__(self) -> "SourcePackage":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def info(self, part: str) -> zipfile.ZipInfo | None:
        return self._by_folded.get(part.casefold())

    def has(self, part: str) -> bool:
        return part.casefold() in self._by_folded

    def stored_name(self, part: str) -> str:
        """The part's name as the zip spells it."""
        return self._by_folded[part.casefold()].filename

    def read(self, part: str) -> bytes:
        info = self.info(part)
        if info is None:
            raise PackageError(f"part '{part}' is missing")
        return self.zip.read(info)  # a damaged member raises zipfile.BadZipFile (CRC, sizes)

    def open(self, part: str) -> BinaryIO:
        info = self.info(part)
        if info is None:
            raise PackageError(f"part '{part}' is missing")
        return self.zip.open(info)

    def relationships(self, part: str) -> tuple[Relationship, ...]:
        """The relationships of `part` ('' = of the package itself); none when it has no relationships part."""
        key = rels_part_of(part).casefold()
        if key not in self._relationships:
            found = []
            if self.has(rels_part_of(part)):
                root = parse_xml(self.read(rels_part_of(part)))
                for element in root.iter(f"{{{NS_PACKAGE_RELS}}}Relationship"):
                    external = element.get("TargetMode") == "External"
                    target = element.get("Target", "")
                    found.append(Relationship(element.get("Id", ""), element.get("Type", ""),
                                              target if external else resolve_target(part, target), external))
            self._relationships[key] = tuple(found)
        return self._relationships[key]

    def related(self, part: str, rel_type: str) -> Relationship | None:
        return next((rel for rel in self.relationships(part) if rel.type == rel_type and not rel.external), None)

    def main_part(self) -> str:
        rel = self.related("", REL_OFFICE_DOCUMENT)
        if rel is None or not self.has(rel.target):
            raise PackageError("has no workbook part")
        return rel.target

    def reachable(self, start: str) -> set[str]:
        """`start` and every part it reaches through relationships (folded names), relationships parts included."""
        seen: set[str] = set()
        todo = [start]
        while todo:
            part = todo.pop()
            if part.casefold() in seen or not self.has(part):
                continue
            seen.add(part.casefold())
            if self.has(rels_part_of(part)):
                seen.add(rels_part_of(part).casefold())
            todo.extend(rel.target for rel in self.relationships(part) if not rel.external)
        return seen

    def copy_stored(self, info: zipfile.ZipInfo, target: zipfile.ZipFile) -> None:
        """Append the member to `target` exactly as it is stored: the same compressed bytes, CRC and sizes."""
        if info.flag_bits & _FLAG_ENCRYPTED:
            raise PackageError(f"part '{info.filename}' is encrypted")
        copy = zipfile.ZipInfo(info.filename, info.date_time)
        copy.compress_type = info.compress_type
        copy.create_system = info.create_system
        copy.external_attr = info.external_attr
        copy.CRC, copy.compress_size, copy.file_size = info.CRC, info.compress_size, info.file_size
        copy.flag_bits = info.flag_bits & ~_FLAG_DATA_DESCRIPTOR  # the sizes go in the local header instead
        source = self.zip.fp
        source.seek(info.header_offset)
        header = source.read(_LOCAL_HEADER.size)
        fields = _LOCAL_HEADER.unpack(header) if len(header) == _LOCAL_HEADER.size else None
        if fields is None or fields[0] != _LOCAL_HEADER_SIGNATURE:
            raise PackageError(f"part '{info.filename}' has a damaged header")
        source.seek(fields[-2] + fields[-1], 1)  # past the name and the extra field
        zip64 = max(copy.file_size, copy.compress_size) > zipfile.ZIP64_LIMIT
        # zipfile has no public call that appends stored bytes; these are the steps its own writer takes when it
        # opens a member for writing and closes it (ZipFile._open_to_write, _ZipWriteFile.close).
        with target._lock:
            target._writecheck(copy)
            copy.header_offset = target.fp.tell()
            target.fp.write(copy.FileHeader(zip64))
            remaining = info.compress_size
            while remaining:
                chunk = source.read(min(remaining, _COPY_CHUNK))
                if not chunk:
                    raise PackageError(f"part '{info.filename}' is truncated")
                target.fp.write(chunk)
                remaining -= len(chunk)
            target.filelist.append(copy)
            target.NameToInfo[copy.filename] = copy
            target.start_dir = target.fp.tell()
            target._didModify = True


class ContentTypes:
    """[Content_Types].xml: a part's content type is its Override, else its extension's Default.

    An Override removed and then set again to the same type (a part rewritten under its old name) stays where it
    was, so a refresh of a refreshed workbook leaves this part as it is."""

    def __init__(self, data: bytes):
        self.root = parse_xml(data)
        self._removed: set[str] = set()
        self._added = False

    def _overrides(self) -> dict[str, etree._Element]:
        return {element.get("PartName", "").lstrip("/").casefold(): element
                for element in self.root.iter(f"{{{NS_CONTENT_TYPES}}}Override")}

    def of(self, part: str) -> str | None:
        folded = part.casefold()
        override = self._overrides().get(folded)
        if override is not None and folded not in self._removed:
            return override.get("ContentType")
        extension = posixpath.splitext(part)[1].lstrip(".").casefold()
        for default in self.root.iter(f"{{{NS_CONTENT_TYPES}}}Default"):
            if default.get("Extension", "").casefold() == extension:
                return default.get("ContentType")
        return None

    def remove(self, part: str) -> None:
        if part.casefold() in self._overrides():
            self._removed.add(part.casefold())

    def set(self, part: str, content_type: str) -> None:
        folded = part.casefold()
        existing = self._overrides().get(folded)
        if existing is not None:
            if existing.get("ContentType") == content_type:
                self._removed.discard(folded)
                return
            existing.getparent().remove(existing)
            self._removed.discard(folded)
        etree.SubElement(self.root, f"{{{NS_CONTENT_TYPES}}}Override", PartName="/" + quote(part, safe="/"),
                         ContentType=content_type)
        self._added = True

    @property
    def changed(self) -> bool:
        return self._added or bool(self._removed)

    def to_bytes(self) -> bytes:
        overrides = self._overrides()
        for folded in self._removed:
            overrides[folded].getparent().remove(overrides[folded])
        self._removed.clear()
        return serialise_xml(self.root)


# A part's new content: its bytes, or an iterable of chunks written as they come (a long sheet is never held whole).
PartContent = Union[bytes, Iterable[bytes]]


def _write_part(out: zipfile.ZipFile, part: zipfile.ZipInfo, content: PartContent) -> None:
    if isinstance(content, bytes):
        out.writestr(part, content)
        return
    with out.open(part, "w") as stream:
        for chunk in content:
            stream.write(chunk)


def write_package(source: SourcePackage, target: BinaryIO, replaced: Mapping[str, PartContent],
                  dropped: Iterable[str], added: Mapping[str, PartContent]) -> None:
    """The source package with `replaced` parts' contents changed (in their place in the zip), `dropped` parts left
    out and `added` parts appended; every other part is copied as it is stored."""
    replaced_by_folded = {name.casefold(): data for name, data in replaced.items()}
    dropped_folded = {name.casefold() for name in dropped}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.members:
            folded = info.filename.casefold()
            if folded in dropped_folded:
                continue
            if folded in replaced_by_folded:
                part = zipfile.ZipInfo(info.filename, info.date_time)
                part.compress_type = zipfile.ZIP_DEFLATED
                part.external_attr = info.external_attr
                _write_part(out, part, replaced_by_folded[folded])
            else:
                source.copy_stored(info, out)
        for name, data in added.items():
            part = zipfile.ZipInfo(name, NEW_PART_DATE)
            part.compress_type = zipfile.ZIP_DEFLATED
            part.external_attr = 0o600 << 16
            _write_part(out, part, data)

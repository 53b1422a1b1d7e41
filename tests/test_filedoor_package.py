"""The file door's package layer: stored members copied as they are, and the input sheets read without the
shared-string items they do not use (whatever the namespace prefix, the chunking or a huge table)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from migrelease.filedoor import refresh
from migrelease.filedoor.input_package import shared_string_indexes, slim_shared_strings
from migrelease.filedoor.package import PackageError, SourcePackage, write_package


class Unseekable(io.RawIOBase):
    """A write-only stream without seek: zipfile then writes data descriptors after each member."""
    def __init__(self):
        self.data = bytearray()

    def writable(self):
        return True

    def write(self, chunk):
        self.data += chunk
        return len(chunk)


def test_stored_members_are_copied_with_their_compressed_bytes(tmp_path):
    stream = Unseekable()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", b"<Types/>")
        package.writestr("xl/big.xml", b"<x>" + b"text " * 200_000 + b"</x>")
        package.writestr("xl/stored.bin", b"\x00\x01" * 1000, compress_type=zipfile.ZIP_STORED)
    source = tmp_path / "source.zip"
    source.write_bytes(bytes(stream.data))
    with zipfile.ZipFile(source) as package:
        assert all(info.flag_bits & 0x8 for info in package.infolist())  # data descriptors in the source
        before = {info.filename: (info.CRC, info.compress_size, info.compress_type) for info in package.infolist()}
    target = tmp_path / "target.zip"
    with SourcePackage(source) as package, open(target, "wb") as out:
        write_package(package, out, {"[Content_Types].xml": b"<Types><Override/></Types>"}, [], {"new.xml": b"<n/>"})
    with zipfile.ZipFile(target) as package:
        assert package.testzip() is None
        after = {info.filename: (info.CRC, info.compress_size, info.compress_type) for info in package.infolist()}
        assert package.read("xl/big.xml") == b"<x>" + b"text " * 200_000 + b"</x>"
        assert package.read("[Content_Types].xml") == b"<Types><Override/></Types>"
        assert [info.filename for info in package.infolist()] == ["[Content_Types].xml", "xl/big.xml",
                                                                   "xl/stored.bin", "new.xml"]
    assert after["xl/big.xml"] == before["xl/big.xml"] and after["xl/stored.bin"] == before["xl/stored.bin"]


def test_a_part_stored_twice_is_refused(tmp_path):
    path = tmp_path / "twice.zip"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("xl/workbook.xml", b"<a/>")
        package.writestr("XL/Workbook.xml", b"<b/>")
    with pytest.raises(PackageError, match="stored twice"):
        SourcePackage(path)


def shared_strings(texts: list[str], prefix: str = "", separator: str = "") -> bytes:
    p = f"{prefix}:" if prefix else ""
    declaration = f'xmlns:{prefix}="main"' if prefix else 'xmlns="main"'
    items = separator.join(f"<{p}si><{p}t>{text}</{p}t></{p}si>" if text else f"<{p}si/>" for text in texts)
    return f'<?xml version="1.0"?>\n<{p}sst {declaration} count="{len(texts)}">{items}</{p}sst>'.encode()


@pytest.mark.parametrize("prefix, separator", [("", ""), ("x", ""), ("", "\n  ")])
def test_the_slim_table_keeps_the_used_items_at_their_indexes(prefix, separator):
    texts = [f"text {number}" if number % 7 else "" for number in range(30_000)]
    needed = {1, 2, 12_345, 29_990}
    slim = slim_shared_strings(io.BytesIO(shared_strings(texts, prefix, separator)), needed)
    p = f"{prefix}:" if prefix else ""
    items = slim.split(f"<{p}sst ".encode(), 1)[1].split(b">", 1)[1].rsplit(f"</{p}sst>".encode(), 1)[0]
    parsed = [item for item in items.replace(b"\n  ", b"").split(f"<{p}si".encode()) if item]
    assert len(parsed) == 29_991  # cut after the last needed item
    for number in needed:
        assert parsed[number] == f"><{p}t>text {number}</{p}t></{p}si>".encode()
    assert parsed[3] == b"/>" and parsed[29_989] == b"/>"


def test_the_used_indexes_are_found_across_chunks():
    rows = "".join(f'<row r="{row}"><c r="A{row}" t="s"><v>{row * 3}</v></c><c r="B{row}"><v>{row}</v></c>'
                   f'<c r="C{row}" s="2" t="s"><v>{row * 3 + 1}</v></c></row>' for row in range(1, 60_001))
    sheet = f'<worksheet xmlns="main"><sheetData>{rows}</sheetData></worksheet>'.encode()
    assert len(sheet) > 2 * 2**20  # more than one chunk
    assert shared_string_indexes(io.BytesIO(sheet)) == {row * 3 for row in range(1, 60_001)} | \
        {row * 3 + 1 for row in range(1, 60_001)}


def test_inputs_read_through_the_slim_table_are_the_inputs(monkeypatch):
    """A workbook whose shared-string table is large gives calamine only the items its input sheets use: what it
    reads is what it reads from the whole workbook (the committed one: XlsxWriter wrote its strings shared)."""
    committed = Path(__file__).resolve().parents[1] / "workbook" / "migration_release.xlsm"
    whole = refresh.read_inputs(committed)
    monkeypatch.setattr(refresh, "SLIM_SHARED_STRINGS_BYTES", 0)
    slim = refresh.read_inputs(committed)
    assert slim.facts.equals(whole.facts) and slim.population.equals(whole.population)
    assert slim.ethnicity.equals(whole.ethnicity) and slim.settings == whole.settings
    assert len(whole.facts) > 1000

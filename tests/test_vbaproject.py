"""Checks of the vbaProject.bin writer (migrelease.build.vbaproject).

Independent readers judge the output: olefile for the compound file, oletools for the
compression and the VBA project, and the vbaProject.bin inside xlwings' quickstart_standalone.xlsm
(a file Excel opens) as the reference for the dir stream's record structure.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

import olefile
import pytest
import xlsxwriter
from oletools.olevba import decompress_stream

from migrelease.build.vbaproject import (
    VbaModule,
    build_vba_project,
    module_stream_text,
    read_vba_modules,
    xlwings_vba_modules,
)
from migrelease.build.vbaproject.cfb import CompoundFile
from migrelease.build.vbaproject.compression import compress, decompress
from migrelease.build.vbaproject.project import VBA_PROJECT_STREAM, project_id
from migrelease.build.vbaproject.xlwings_modules import xlwings_package_dir

from libreoffice_uno import libreoffice_uno_or_fail, run_in_libreoffice

REFERENCE_XLSM = xlwings_package_dir() / "quickstart_standalone.xlsm"

RELEASE_SOURCE = (
    'Attribute VB_Name = "Release"\r\n'
    "Option Explicit\r\n"
    "\r\n"
    "Sub RefreshRelease()\r\n"
    '    Worksheets(1).Range("A1").Value = "refreshed"\r\n'
    "End Sub\r\n"
)
GREETER_CLASS_EXPORT = (
    "VERSION 1.0 CLASS\r\n"
    "BEGIN\r\n"
    "  MultiUse = -1  'True\r\n"
    "END\r\n"
    'Attribute VB_Name = "Greeter"\r\n'
    "Attribute VB_GlobalNameSpace = False\r\n"
    "Attribute VB_Creatable = False\r\n"
    "Attribute VB_PredeclaredId = False\r\n"
    "Attribute VB_Exposed = False\r\n"
    "Option Explicit\r\n"
    "\r\n"
    "Public Function Greeting() As String\r\n"
    '    Greeting = "refreshed by a class"\r\n'
    "End Function\r\n"
)


def release_modules(with_xlwings: bool = True) -> list[VbaModule]:
    modules = [
        VbaModule("ThisWorkbook", "document", ""),
        VbaModule("Sheet1", "document", ""),
        VbaModule("Release", "standard", RELEASE_SOURCE),
    ]
    return modules + xlwings_vba_modules() if with_xlwings else modules


@pytest.fixture(scope="module")
def reference_bin() -> bytes:
    with zipfile.ZipFile(REFERENCE_XLSM) as package:
        return package.read("xl/vbaProject.bin")


@pytest.fixture(scope="module")
def built_bin() -> bytes:
    return build_vba_project(release_modules())


def open_ole(data: bytes) -> olefile.OleFileIO:
    # DEFECT_INCORRECT: olefile raises on structural faults instead of only logging them.
    return olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)


# --- compression ------------------------------------------------------------------------------

def _random_bytes(size: int) -> bytes:
    return random.Random(size).randbytes(size)


_REPETITIVE_TEXT = (b'Sub Refresh()\r\n    Range("A1").Value = 1\r\nEnd Sub\r\n' * 3000)[:100_000]
COMPRESSION_CASES = {
    "empty": b"",
    "one byte": b"x",
    "4095 random": _random_bytes(4095),
    "4096 random": _random_bytes(4096),
    "4097 random": _random_bytes(4097),
    "100 KB random": _random_bytes(100_000),
    "100 KB repetitive text": _REPETITIVE_TEXT,
    "4097 zero bytes": bytes(4097),
}


@pytest.mark.parametrize("data", COMPRESSION_CASES.values(), ids=COMPRESSION_CASES.keys())
def test_compression_round_trips_and_oletools_decodes_it(data):
    container = compress(data)
    assert decompress(container) == data
    assert decompress_stream(bytearray(container)) == data


def test_compression_shrinks_repetitive_text():
    assert len(compress(_REPETITIVE_TEXT)) < len(_REPETITIVE_TEXT) // 10


def test_decompress_reads_office_written_streams_like_oletools(reference_bin):
    ole = open_ole(reference_bin)
    raw_dir = ole.openstream("VBA/dir").read()
    assert decompress(raw_dir) == decompress_stream(bytearray(raw_dir))
    for name, records in dir_sections(reference_bin)["modules"].items():
        # Office puts the compiled cache first; the compressed source starts at MODULEOFFSET.
        source_offset = int.from_bytes(dict(records)[0x0031], "little")
        compressed_source = ole.openstream(f"VBA/{name}").read()[source_offset:]
        assert decompress(compressed_source) == decompress_stream(bytearray(compressed_source))


# --- compound file ----------------------------------------------------------------------------

CFB_STREAMS = {
    "PROJECT": b"ID=...\r\n" * 50,
    "PROJECTwm": b"\0\0",
    "VBA/dir": _random_bytes(1273),
    "VBA/_VBA_PROJECT": VBA_PROJECT_STREAM,
    "VBA/large module": _random_bytes(20_000),
    "VBA/exactly the cutoff": _random_bytes(4096),
    "VBA/one below the cutoff": _random_bytes(4095),
    "VBA/empty": b"",
    "Other/Nested/stream": b"nested",
}


def test_olefile_reads_every_stream_back():
    compound_file = CompoundFile()
    for path, data in CFB_STREAMS.items():
        compound_file.add_stream(path, data)
    data = compound_file.to_bytes()
    assert len(data) % 512 == 0
    ole = open_ole(data)
    listed = {"/".join(entry) for entry in ole.listdir(streams=True, storages=False)}
    assert listed == set(CFB_STREAMS)
    for path, content in CFB_STREAMS.items():
        assert ole.openstream(path).read() == content
    assert ole.root.clsid == "" and ole.getctime("VBA") is None and ole.getmtime("VBA") is None


RED, BLACK = 0, 1  # MS-CFB 2.6.1 colour flags


def _cfb_order(name: str) -> tuple[int, str]:
    return len(name), name.upper()


def _check_red_black_subtree(ole: olefile.OleFileIO, sid: int, names: list[str]) -> int:
    """Collect in-order names and return the subtree's black height; assert red-black rules."""
    if sid == olefile.NOSTREAM:
        return 1
    entry = ole.direntries[sid]
    for child_sid in (entry.sid_left, entry.sid_right):
        if entry.color == RED and child_sid != olefile.NOSTREAM:
            assert ole.direntries[child_sid].color == BLACK, f"red {entry.name} has a red child"
    left_height = _check_red_black_subtree(ole, entry.sid_left, names)
    names.append(entry.name)
    right_height = _check_red_black_subtree(ole, entry.sid_right, names)
    assert left_height == right_height, f"black heights differ below {entry.name}"
    return left_height + (entry.color == BLACK)


@pytest.mark.parametrize("sibling_count", [1, 2, 3, 4, 5, 7, 8, 12, 31])
def test_directory_siblings_form_a_valid_red_black_tree(sibling_count):
    compound_file = CompoundFile()
    rng = random.Random(sibling_count)
    names = {"".join(rng.choice("abcXYZ_") for _ in range(rng.randint(1, 8))) + str(i) for i in range(sibling_count)}
    for name in names:
        compound_file.add_stream(f"S/{name}", b"x")
    ole = open_ole(compound_file.to_bytes())
    storage = ole.direntries[ole.root.sid_child]
    assert ole.direntries[storage.sid_child].color == BLACK
    in_order: list[str] = []
    _check_red_black_subtree(ole, storage.sid_child, in_order)
    assert in_order == sorted(names, key=_cfb_order)


def test_duplicate_names_are_refused_case_insensitively():
    compound_file = CompoundFile()
    compound_file.add_stream("VBA/Module1", b"")
    with pytest.raises(ValueError, match="duplicate"):
        compound_file.add_stream("VBA/MODULE1", b"")


def test_file_needing_difat_sectors_fails_clearly():
    compound_file = CompoundFile()
    compound_file.add_stream("big", bytes(110 * 128 * 512))
    with pytest.raises(ValueError, match="FAT sectors"):
        compound_file.to_bytes()


# --- VBA project ------------------------------------------------------------------------------

def test_project_holds_the_expected_streams(built_bin):
    ole = open_ole(built_bin)
    streams = {"/".join(entry) for entry in ole.listdir(streams=True, storages=False)}
    module_names = [module.name for module in release_modules()]
    assert streams == {"PROJECT", "PROJECTwm", "VBA/_VBA_PROJECT", "VBA/dir"} | {f"VBA/{n}" for n in module_names}
    project = ole.openstream("PROJECT").read().decode("cp1252")
    assert re.findall(r"^(Document|Module|Class)=(\w+)", project, re.MULTILINE) == [
        ("Document", "ThisWorkbook"), ("Document", "Sheet1"), ("Module", "Release"),
        ("Module", "xlwings"), ("Class", "Dictionary"),
    ]
    assert f'ID="{project_id("VBAProject")}"' in project


def test_vba_project_stream_equals_the_reference(built_bin, reference_bin):
    ours = open_ole(built_bin).openstream("VBA/_VBA_PROJECT").read()
    assert ours == open_ole(reference_bin).openstream("VBA/_VBA_PROJECT").read()
    assert ours[2:4] == b"\xff\xff"  # version 0xFFFF: no compiled cache, Office compiles the source


def test_olevba_reads_every_module_back_byte_exact(built_bin, tmp_path):
    path = tmp_path / "vbaProject.bin"
    path.write_bytes(built_bin)
    read_back = read_vba_modules(path)
    modules = release_modules()
    assert list(read_back) == [module.name for module in modules]
    for module in modules:
        assert read_back[module.name] == module_stream_text(module)
        assert read_back[module.name].encode("cp1252") == decompress(open_ole(built_bin).openstream(f"VBA/{module.name}").read())
    # Modules given with their attribute lines come back exactly as given.
    assert read_back["Release"] == RELEASE_SOURCE
    assert read_back["Dictionary"] == modules[-1].source
    assert read_back["ThisWorkbook"].startswith('Attribute VB_Name = "ThisWorkbook"\r\nAttribute VB_Base = "0{00020819-')
    assert read_back["Sheet1"].startswith('Attribute VB_Name = "Sheet1"\r\nAttribute VB_Base = "0{00020820-')


def test_document_attributes_match_the_reference_workbook():
    reference = read_vba_modules(REFERENCE_XLSM)
    assert module_stream_text(VbaModule("ThisWorkbook", "document", "")) == reference["ThisWorkbook"]
    assert module_stream_text(VbaModule("Sheet1", "document", "")) == reference["Sheet1"]


def test_class_export_header_is_not_stored():
    text = module_stream_text(VbaModule("Greeter", "class", GREETER_CLASS_EXPORT))
    assert text.startswith('Attribute VB_Name = "Greeter"\r\n')
    assert text == GREETER_CLASS_EXPORT.split("END\r\n", 1)[1]


def test_line_endings_are_stored_as_crlf():
    text = module_stream_text(VbaModule("Release", "standard", RELEASE_SOURCE.replace("\r\n", "\n")))
    assert text == RELEASE_SOURCE


def test_source_must_declare_its_own_name():
    with pytest.raises(ValueError, match="VB_Name"):
        build_vba_project([VbaModule("Release", "standard", RELEASE_SOURCE.replace('"Release"', '"Other"'))])
    with pytest.raises(ValueError, match="VB_Name"):
        build_vba_project([VbaModule("Release", "standard", "Sub A()\r\nEnd Sub\r\n")])


def test_two_builds_are_identical():
    assert build_vba_project(release_modules()) == build_vba_project(release_modules())


def _decrypt_project_value(hex_text: str) -> tuple[int, int, bytes]:
    """MS-OVBA 2.4.3.3 decryption: returns (version, project key, data)."""
    encrypted = bytes.fromhex(hex_text)
    seed = encrypted[0]
    version, project_key = encrypted[1] ^ seed, encrypted[2] ^ seed
    unencrypted_byte_1, encrypted_byte_1, encrypted_byte_2 = project_key, encrypted[2], encrypted[1]
    plain = bytearray()
    for byte in encrypted[3:]:
        decrypted = byte ^ ((encrypted_byte_2 + unencrypted_byte_1) & 0xFF)
        plain.append(decrypted)
        encrypted_byte_2, encrypted_byte_1, unencrypted_byte_1 = encrypted_byte_1, byte, decrypted
    data = bytes(plain[(seed & 6) // 2:])
    length = int.from_bytes(data[:4], "little")
    assert len(data) == 4 + length
    return version, project_key, data[4:]


@pytest.mark.parametrize("source", ["built", "reference"])
def test_project_protection_values_decrypt_to_unprotected_visible(source, built_bin, reference_bin):
    project = open_ole(built_bin if source == "built" else reference_bin).openstream("PROJECT").read().decode("cp1252")
    project_guid = re.search(r'^ID="(\{[0-9A-F-]+\})"', project, re.MULTILINE).group(1)
    expected_key = sum(project_guid.encode()) & 0xFF
    values = dict(re.findall(r'^(CMG|DPB|GC)="([0-9A-F]+)"', project, re.MULTILINE))
    expected = {"CMG": bytes(4), "DPB": b"\x00", "GC": b"\xff"}
    for name, data in expected.items():
        assert _decrypt_project_value(values[name]) == (2, expected_key, data)


# --- dir stream structure against quickstart_standalone.xlsm ----------------------------------

_MODULE_NAME_RECORD = 0x0019
_REFERENCE_NAME_RECORD = 0x0016
_PROJECT_MODULES_RECORD = 0x000F
_VERSION_RECORD = 0x0009


def parse_dir_records(dir_stream: bytes) -> list[tuple[int, bytes]]:
    """Split a decompressed dir stream into (record id, payload) pairs (MS-OVBA 2.3.4.2)."""
    records = []
    position = 0
    while position < len(dir_stream):
        record_id = int.from_bytes(dir_stream[position:position + 2], "little")
        size = int.from_bytes(dir_stream[position + 2:position + 6], "little")
        if record_id == _VERSION_RECORD:
            size = 6  # PROJECTVERSION's size field says 4, but 6 bytes follow
        records.append((record_id, dir_stream[position + 6:position + 6 + size]))
        position += 6 + size
    assert position == len(dir_stream)
    return records


def dir_sections(data: bytes) -> dict:
    """Group a vbaProject.bin's dir records into project information, references and modules."""
    records = parse_dir_records(decompress_stream(bytearray(open_ole(data).openstream("VBA/dir").read())))
    ids = [record_id for record_id, _ in records]
    first_reference = ids.index(_REFERENCE_NAME_RECORD)
    modules_start = ids.index(_PROJECT_MODULES_RECORD)
    module_starts = [i for i, record_id in enumerate(ids) if record_id == _MODULE_NAME_RECORD]
    modules = {}
    for start, end in zip(module_starts, module_starts[1:] + [len(ids) - 1]):
        modules[records[start][1].decode("cp1252")] = records[start:end]
    references = []
    for record_id, payload in records[first_reference:modules_start]:
        if record_id == _REFERENCE_NAME_RECORD:
            references.append([])
        references[-1].append((record_id, payload))
    return {
        "project": records[:first_reference],
        "references": references,
        "modules_header": [record_id for record_id, _ in records[modules_start:module_starts[0]]],
        "modules": modules,
        "trailer": ids[-1],
    }


def test_dir_record_structure_mirrors_the_reference(built_bin, reference_bin):
    ours, reference = dir_sections(built_bin), dir_sections(reference_bin)
    assert [record_id for record_id, _ in ours["project"]] == [record_id for record_id, _ in reference["project"]]
    # SYSKIND, LCID, LCIDINVOKE and CODEPAGE carry the reference's values.
    assert ours["project"][:4] == reference["project"][:4]
    assert ours["modules_header"] == reference["modules_header"] == [0x000F, 0x0013]
    assert ours["trailer"] == reference["trailer"] == 0x0010


def test_references_use_the_reference_files_registered_reference_records(built_bin, reference_bin):
    ours = dir_sections(built_bin)["references"]
    reference = dir_sections(reference_bin)["references"]
    reference_office = next(records for records in reference if records[0][1] == b"Office")
    assert [records[0][1] for records in ours] == [b"stdole", b"Office"]
    for records in ours:
        assert [record_id for record_id, _ in records] == [record_id for record_id, _ in reference_office]
    # The Office reference is the reference file's, byte for byte.
    assert next(records for records in ours if records[0][1] == b"Office") == reference_office


@pytest.mark.parametrize("name", ["ThisWorkbook", "Sheet1", "xlwings", "Dictionary"])
def test_module_records_mirror_the_reference(name, built_bin, reference_bin):
    ours = dir_sections(built_bin)["modules"][name]
    reference = dir_sections(reference_bin)["modules"][name]
    assert [record_id for record_id, _ in ours] == [record_id for record_id, _ in reference]
    # Names, stream names, docstrings and module type agree; offset is 0 as no compiled cache precedes
    # the source, and cookies are 0xFFFF as the spec asks of writers.
    compared_ids = {0x0019, 0x0047, 0x001A, 0x0032, 0x001C, 0x0048, 0x0021, 0x0022, 0x002B}
    assert [r for r in ours if r[0] in compared_ids] == [r for r in reference if r[0] in compared_ids]
    assert dict(ours)[0x0031] == bytes(4)


def test_standard_module_type_is_procedural(built_bin):
    module_records = dict(dir_sections(built_bin)["modules"]["Release"])
    assert 0x0021 in module_records and 0x0022 not in module_records


# --- xlwings modules --------------------------------------------------------------------------

def test_xlwings_modules_equal_the_reference_workbooks():
    xlwings_module, dictionary_module = xlwings_vba_modules()
    reference = read_vba_modules(REFERENCE_XLSM)
    assert (xlwings_module.name, xlwings_module.kind) == ("xlwings", "standard")
    assert (dictionary_module.name, dictionary_module.kind) == ("Dictionary", "class")
    # The reference workbook stores the xlwings module with LF line endings, the .bas has CRLF.
    assert xlwings_module.source.replace("\r\n", "\n") == reference["xlwings"]
    assert "\r\n" in xlwings_module.source and "\n" not in xlwings_module.source.replace("\r\n", "")
    assert dictionary_module.source == reference["Dictionary"]


# --- end to end: an .xlsm built with XlsxWriter -----------------------------------------------

def build_release_xlsm(path: Path, modules: list[VbaModule]) -> None:
    bin_path = path.with_suffix(".bin")
    bin_path.write_bytes(build_vba_project(modules))
    workbook = xlsxwriter.Workbook(str(path))
    workbook.add_vba_project(str(bin_path))
    workbook.set_vba_name()
    worksheet = workbook.add_worksheet()
    worksheet.insert_button("B3", {"macro": "RefreshRelease", "caption": "Refresh release"})
    workbook.close()


def test_xlsm_built_with_xlsxwriter_holds_every_module(tmp_path):
    path = tmp_path / "release.xlsm"
    modules = release_modules()
    build_release_xlsm(path, modules)
    read_back = read_vba_modules(path)
    assert read_back == {module.name: module_stream_text(module) for module in modules}
    with zipfile.ZipFile(path) as package:
        assert 'codeName="ThisWorkbook"' in package.read("xl/workbook.xml").decode()
        assert 'codeName="Sheet1"' in package.read("xl/worksheets/sheet1.xml").decode()
        assert "[0]!RefreshRelease" in package.read("xl/drawings/vmlDrawing1.vml").decode()


# --- LibreOffice, where installed -------------------------------------------------------------

_LIST_MODULES_AND_RUN_THE_MACRO = r'''
library = document.BasicLibraries.getByName("VBAProject")
for name in library.getElementNames():
    print("module", name, library.getByName(name).splitlines()[0])
script = document.getScriptProvider().getScript(
    "vnd.sun.star.script:VBAProject.Release.RefreshRelease?language=Basic&location=document")
script.invoke((), (), ())
print("A1", document.Sheets.getByIndex(0).getCellByPosition(0, 0).String)
'''


def test_libreoffice_imports_the_modules_and_runs_the_macro(tmp_path):
    libreoffice_uno_or_fail()
    path = tmp_path / "release.xlsm"
    # LibreOffice Basic cannot compile xlwings' modules, and one module that does not compile
    # stops every macro of the library, so this project holds a class module of its own instead.
    modules = release_modules(with_xlwings=False) + [VbaModule("Greeter", "class", GREETER_CLASS_EXPORT)]
    modules[2] = VbaModule("Release", "standard", RELEASE_SOURCE.replace(
        '    Worksheets(1).Range("A1").Value = "refreshed"',
        '    Dim greeter As New Greeter\r\n    Worksheets(1).Range("A1").Value = greeter.Greeting()'))
    build_release_xlsm(path, modules)
    lines = run_in_libreoffice(path, _LIST_MODULES_AND_RUN_THE_MACRO, tmp_path / "office")
    assert sorted(line for line in lines if line.startswith("module ")) == [
        "module Greeter Rem Attribute VBA_ModuleType=VBAClassModule",
        "module Release Rem Attribute VBA_ModuleType=VBAModule",
        "module Sheet1 Rem Attribute VBA_ModuleType=VBADocumentModule",
        "module ThisWorkbook Rem Attribute VBA_ModuleType=VBADocumentModule",
    ]
    assert "A1 refreshed by a class" in lines

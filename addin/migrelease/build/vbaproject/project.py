"""Build a vbaProject.bin (MS-OVBA) from VBA module source text.

The record layout mirrors the vbaProject.bin of xlwings' quickstart_standalone.xlsm, a file that
Excel opens for every xlwings user.  No compiled code (performance cache) is written:
_VBA_PROJECT declares version 0xFFFF, so Office compiles the modules from their source.
"""

import re
import uuid
from dataclasses import dataclass
from typing import Iterable, Sequence

from migrelease.build.vbaproject.cfb import CompoundFile
from migrelease.build.vbaproject.compression import compress

MODULE_KINDS = ("standard", "class", "document")

# MS-OVBA 2.3.4.1: Reserved1 0x61CC, Version 0xFFFF (no compiled cache), Reserved2 0x00, Reserved3.
# Byte for byte the stream of quickstart_standalone.xlsm.
VBA_PROJECT_STREAM = bytes.fromhex("CC61FFFF000100")

_SYSKIND_WIN64 = 3  # as in the reference file
_LCID_ENGLISH_US = 0x0409
_PROJECT_VERSION = (0x68FBFAC5, 4)  # major, minor: as in the reference file
_VERSION_COMPATIBLE32 = "393222000"
_WORKBOOK_BASE = "0{00020819-0000-0000-C000-000000000046}"
_WORKSHEET_BASE = "0{00020820-0000-0000-C000-000000000046}"
_WORKBOOK_MODULE_NAME = "ThisWorkbook"
# Any seed is valid for the PROJECT stream's obfuscated values; a fixed one keeps builds
# reproducible.  (seed & 6) == 0 means no ignored padding bytes.
_ENCRYPTION_SEED = 0x41

# Registered type library references (MS-OVBA 2.3.4.2.2.5).  The VBA and Excel libraries are
# implicit and never listed.  Office is the reference file's record; OLE Automation (stdole) is
# the other reference every new Excel project has (the reference file instead lists MSForms,
# whose record points at a per-user cache file, and which no xlwings module uses).
REFERENCES = (
    ("stdole", r"*\G{00020430-0000-0000-C000-000000000046}#2.0#0#C:\Windows\System32\stdole2.tlb#OLE Automation"),
    ("Office", r"*\G{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}#2.0#0#C:\Program Files\Common Files"
               r"\Microsoft Shared\OFFICE16\MSO.DLL#Microsoft Office 16.0 Object Library"),
)


@dataclass(frozen=True)
class VbaModule:
    """One VBA module: kind is "standard" (.bas), "class" (.cls) or "document" (ThisWorkbook, Sheet1, ...).

    source is the text as the VBA editor exports it, including the Attribute lines.  A document
    module may omit its attribute block; the standard one is then generated.
    """

    name: str
    kind: str
    source: str

    def __post_init__(self) -> None:
        if self.kind not in MODULE_KINDS:
            raise ValueError(f"module {self.name!r}: kind must be one of {MODULE_KINDS}, not {self.kind!r}")


_CLASS_EXPORT_HEADER = re.compile(r"\AVERSION 1\.0 CLASS\r\nBEGIN\r\n.*?^END\r\n", re.DOTALL | re.MULTILINE)
_VB_NAME = re.compile(r'\AAttribute VB_Name = "([^"]*)"\r\n')
_MODULE_DESCRIPTION = re.compile(r'^Attribute VB_Description = "((?:[^"]|"")*)"\r\n', re.MULTILINE)
_ATTRIBUTE_BLOCK = re.compile(r"\A(?:Attribute [^\r\n]*\r\n)*")


def module_stream_text(module: VbaModule) -> str:
    """Return the text stored in the module's stream, i.e. what olevba reads back.

    It is the source with line endings normalised to CRLF (the VBA editor's), the .cls export
    header (VERSION 1.0 CLASS / BEGIN ... END) removed, and for a document module without
    attributes the standard document attribute block prepended.
    """
    text = re.sub(r"\r\n|\r|\n", "\r\n", module.source)
    text = _CLASS_EXPORT_HEADER.sub("", text, count=1)
    if module.kind == "document" and not text.startswith("Attribute "):
        text = _document_attributes(module.name) + text
    declared = _VB_NAME.match(text)
    if declared is None:
        raise ValueError(f'module {module.name!r}: source must start with Attribute VB_Name = "{module.name}"')
    if declared.group(1) != module.name:
        raise ValueError(f"module {module.name!r}: source declares VB_Name {declared.group(1)!r}")
    return text


def _document_attributes(name: str) -> str:
    base = _WORKBOOK_BASE if name == _WORKBOOK_MODULE_NAME else _WORKSHEET_BASE
    lines = (
        f'Attribute VB_Name = "{name}"',
        f'Attribute VB_Base = "{base}"',
        "Attribute VB_GlobalNameSpace = False",
        "Attribute VB_Creatable = False",
        "Attribute VB_PredeclaredId = True",
        "Attribute VB_Exposed = True",
        "Attribute VB_TemplateDerived = False",
        "Attribute VB_Customizable = True",
    )
    return "".join(line + "\r\n" for line in lines)


def _module_description(stream_text: str) -> str:
    """The module-level VB_Description from the leading attribute block, as the dir stream's docstring.

    The attribute writes line breaks as the two characters \\r and \\n, the docstring holds real
    ones: so the reference file stores Dictionary's description.
    """
    attribute_block = _ATTRIBUTE_BLOCK.match(stream_text).group(0)
    described = _MODULE_DESCRIPTION.search(attribute_block)
    if described is None:
        return ""
    return described.group(1).replace('""', '"').replace("\\r", "\r").replace("\\n", "\n")


def project_id(project_name: str) -> str:
    """A GUID derived from the project name, so builds are reproducible.

    Copies of one workbook share their project ID in Excel too, so equal IDs across workbooks are normal.
    """
    guid = uuid.uuid5(uuid.NAMESPACE_URL, f"migrelease:vbaproject:{project_name}")
    return "{" + str(guid).upper() + "}"


def encrypt_project_value(project_guid: str, data: bytes) -> str:
    """MS-OVBA 2.4.3.2 data encryption, as hex for the PROJECT stream's CMG, DPB and GC values."""
    version = 2
    project_key = sum(project_guid.encode("ascii")) & 0xFF
    seed = _ENCRYPTION_SEED
    out = bytearray((seed, seed ^ version, seed ^ project_key))
    unencrypted_byte_1, encrypted_byte_1, encrypted_byte_2 = project_key, out[2], out[1]
    ignored_length = (seed & 6) // 2
    for plain in bytes(ignored_length) + len(data).to_bytes(4, "little") + data:
        encrypted = plain ^ ((encrypted_byte_2 + unencrypted_byte_1) & 0xFF)
        out.append(encrypted)
        encrypted_byte_2, encrypted_byte_1, unencrypted_byte_1 = encrypted_byte_1, encrypted, plain
    return out.hex().upper()


def _project_stream(modules: Sequence[VbaModule], project_name: str, project_guid: str, codec: str) -> bytes:
    lines = [f'ID="{project_guid}"']
    for module in modules:
        if module.kind == "document":
            lines.append(f"Document={module.name}/&H00000000")
        elif module.kind == "class":
            lines.append(f"Class={module.name}")
        else:
            lines.append(f"Module={module.name}")
    lines += [
        f'Name="{project_name}"',
        'HelpContextID="0"',
        f'VersionCompatible32="{_VERSION_COMPATIBLE32}"',
        # Not protected, no password, visible (MS-OVBA 2.3.1.15-17).
        f'CMG="{encrypt_project_value(project_guid, bytes(4))}"',
        f'DPB="{encrypt_project_value(project_guid, bytes(1))}"',
        f'GC="{encrypt_project_value(project_guid, bytes([0xFF]))}"',
        "",
        "[Host Extender Info]",
        "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000",
        "",
        "[Workspace]",
    ]
    lines += [f"{module.name}=0, 0, 0, 0, C" for module in modules]
    return ("\r\n".join(lines) + "\r\n\r\n").encode(codec)


def _project_wm_stream(modules: Sequence[VbaModule], codec: str) -> bytes:
    """PROJECTwm: each module name in the code page and in UTF-16, null-terminated (MS-OVBA 2.3.3)."""
    names = b"".join(
        module.name.encode(codec) + b"\0" + module.name.encode("utf-16-le") + b"\0\0" for module in modules
    )
    return names + b"\0\0"


def _record(record_id: int, payload: bytes) -> bytes:
    return record_id.to_bytes(2, "little") + len(payload).to_bytes(4, "little") + payload


def _text_records(record_id: int, unicode_id: int, text: str, codec: str) -> bytes:
    """A record pair holding the same text in the code page and in UTF-16."""
    return _record(record_id, text.encode(codec)) + _record(unicode_id, text.encode("utf-16-le"))


def _u16(value: int) -> bytes:
    return value.to_bytes(2, "little")


def _u32(value: int) -> bytes:
    return value.to_bytes(4, "little")


def _dir_stream(modules: Sequence[VbaModule], stream_texts: Iterable[str], project_name: str,
                codepage: int, codec: str) -> bytes:
    """The decompressed dir stream (MS-OVBA 2.3.4.2), record for record as in the reference file."""
    version_major, version_minor = _PROJECT_VERSION
    out = bytearray()
    out += _record(0x0001, _u32(_SYSKIND_WIN64))  # PROJECTSYSKIND
    out += _record(0x0002, _u32(_LCID_ENGLISH_US))  # PROJECTLCID
    out += _record(0x0014, _u32(_LCID_ENGLISH_US))  # PROJECTLCIDINVOKE
    out += _record(0x0003, _u16(codepage))  # PROJECTCODEPAGE
    out += _record(0x0004, project_name.encode(codec))  # PROJECTNAME
    out += _text_records(0x0005, 0x0040, "", codec)  # PROJECTDOCSTRING
    out += _text_records(0x0006, 0x003D, "", codec)  # PROJECTHELPFILEPATH
    out += _record(0x0007, _u32(0))  # PROJECTHELPCONTEXT
    out += _record(0x0008, _u32(0))  # PROJECTLIBFLAGS
    # PROJECTVERSION: its size field is the constant 4 although 6 bytes follow.
    out += _u16(0x0009) + _u32(4) + _u32(version_major) + _u16(version_minor)
    out += _text_records(0x000C, 0x003C, "", codec)  # PROJECTCONSTANTS

    for reference_name, libid in REFERENCES:
        out += _text_records(0x0016, 0x003E, reference_name, codec)  # REFERENCENAME
        registered = _u32(len(libid)) + libid.encode(codec) + _u32(0) + _u16(0)
        out += _record(0x000D, registered)  # REFERENCEREGISTERED

    out += _record(0x000F, _u16(len(modules)))  # PROJECTMODULES
    out += _record(0x0013, _u16(0xFFFF))  # PROJECTCOOKIE: MUST be 0xFFFF on write
    for module, stream_text in zip(modules, stream_texts):
        out += _text_records(0x0019, 0x0047, module.name, codec)  # MODULENAME, MODULENAMEUNICODE
        out += _text_records(0x001A, 0x0032, module.name, codec)  # MODULESTREAMNAME
        out += _text_records(0x001C, 0x0048, _module_description(stream_text), codec)  # MODULEDOCSTRING
        out += _record(0x0031, _u32(0))  # MODULEOFFSET: source starts the stream, no performance cache
        out += _record(0x001E, _u32(0))  # MODULEHELPCONTEXT
        out += _record(0x002C, _u16(0xFFFF))  # MODULECOOKIE: MUST be 0xFFFF on write
        out += _record(0x0021 if module.kind == "standard" else 0x0022, b"")  # MODULETYPE
        out += _record(0x002B, b"")  # module terminator
    out += _record(0x0010, b"")  # dir terminator
    return bytes(out)


def build_vba_project(modules: Sequence[VbaModule], project_name: str = "VBAProject",
                      codepage: int = 1252) -> bytes:
    """Return the bytes of a vbaProject.bin holding the given modules, in the given order."""
    modules = list(modules)
    names = [module.name.upper() for module in modules]
    if len(set(names)) != len(names):
        raise ValueError("module names must be unique (case-insensitively)")
    codec = f"cp{codepage}"
    project_guid = project_id(project_name)
    stream_texts = [module_stream_text(module) for module in modules]

    compound_file = CompoundFile()
    compound_file.add_stream("PROJECT", _project_stream(modules, project_name, project_guid, codec))
    compound_file.add_stream("PROJECTwm", _project_wm_stream(modules, codec))
    compound_file.add_stream("VBA/_VBA_PROJECT", VBA_PROJECT_STREAM)
    compound_file.add_stream("VBA/dir", compress(_dir_stream(modules, stream_texts, project_name, codepage, codec)))
    for module, stream_text in zip(modules, stream_texts):
        compound_file.add_stream(f"VBA/{module.name}", compress(stream_text.encode(codec)))
    return compound_file.to_bytes()

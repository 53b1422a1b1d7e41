"""Values written into the user's Settings sheet (`--published`, `--next`) by editing only the cells they go in.

The Settings sheet is the user's: its part is changed cell by cell — the value cell of the key's row (its style
kept), or a new row at the end for a key it lacks — and every other part of the package is copied as it is.
"""

from __future__ import annotations

import os
import posixpath
import zipfile
from pathlib import Path
from typing import Mapping

from lxml import etree

from migrelease.model.a1 import column_letter
from migrelease.sheets.settings import SETTINGS_SHEET

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def _q(tag: str) -> str:
    return f"{{{_MAIN}}}{tag}"


def _settings_part(package: zipfile.ZipFile) -> str | None:
    workbook = etree.fromstring(package.read("xl/workbook.xml"))
    rels = etree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target") for rel in rels.iter(f"{{{_PACKAGE_REL}}}Relationship")}
    for sheet in workbook.iter(_q("sheet")):
        if sheet.get("name", "").casefold() == SETTINGS_SHEET.casefold():
            target = targets.get(sheet.get(f"{{{_REL}}}id"), "")
            return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
    return None


def _shared_strings(package: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in package.namelist():
        return []
    root = etree.fromstring(package.read("xl/sharedStrings.xml"))
    return ["".join(item.itertext()) for item in root.iter(_q("si"))]


def _text(cell, shared: list[str]) -> str:
    kind, value = cell.get("t"), cell.find(_q("v"))
    if kind == "s" and value is not None:
        return shared[int(value.text)]
    if kind == "inlineStr":
        return "".join(cell.find(_q("is")).itertext()) if cell.find(_q("is")) is not None else ""
    return "" if value is None or value.text is None else value.text


def _set_text(cell, text: str) -> None:
    for child in list(cell):
        cell.remove(child)
    cell.set("t", "inlineStr")
    inline = etree.SubElement(cell, _q("is"))
    etree.SubElement(inline, _q("t")).text = text


def set_settings_values(path: Path, updates: Mapping[str, str]) -> None:
    """Write `updates` (key -> text) into the Settings sheet of the package at `path`, in place."""
    with zipfile.ZipFile(path) as package:
        part = _settings_part(package)
        if part is None:
            return  # no Settings sheet: the refresh created it with these values
        shared = _shared_strings(package)
        root = etree.fromstring(package.read(part))
        sheet_data = root.find(_q("sheetData"))
        rows = {int(row.get("r")): row for row in sheet_data.iter(_q("row"))}
        keys = {}
        for number, row in rows.items():
            first = next((cell for cell in row.iter(_q("c")) if cell.get("r", "").rstrip("0123456789") == "A"), None)
            if first is not None:
                keys[_text(first, shared).strip().casefold()] = number
        for key, value in updates.items():
            number = keys.get(key.casefold())
            if number is None:
                number = max(rows, default=0) + 1
                row = etree.SubElement(sheet_data, _q("row"), r=str(number))
                rows[number] = row
                _set_text(etree.SubElement(row, _q("c"), r=f"A{number}"), key)
            row = rows[number]
            cell = next((cell for cell in row.iter(_q("c")) if cell.get("r") == f"{column_letter(2)}{number}"), None)
            if cell is None:
                cell = etree.SubElement(row, _q("c"), r=f"B{number}")
                later = [other for other in row.iter(_q("c")) if other is not cell and
                         other.get("r", "").rstrip("0123456789") > "B"]
                if later:
                    later[0].addprevious(cell)
            _set_text(cell, value)
        data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        temporary = path.with_name(path.name + ".settings")
        with zipfile.ZipFile(temporary, "w") as out:
            for info in package.infolist():
                out.writestr(info, data if info.filename == part else package.read(info))
    os.replace(temporary, path)

"""The public copy: the release and nothing else, written fresh from the release's layouts.

Not a stripped copy of the release workbook: a new file (XlsxWriter, through the one writer interface) holding
Cover, Contents, Notes, Key points, Key indicators, the tables, Rate_*, Ethnic and Charts, every formula replaced
by the value it carries — so no Settings, Checks, stamp, xlwings.conf, macro, user sheet (hidden or not), comment
or input sheet can travel with it (the input sheets only when asked for, as tables of the validated data).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import Mapping, Sequence

import xlsxwriter

from migrelease.engines.xlsxwriter_engine import XlsxWriterWriter
from migrelease.model.facts import DATA, ETHNICITY, POPULATION, TableSpec
from migrelease.model.input_rows import sheet_rows
from migrelease.sheets.blocks import Block, ExcelTable, Formula, SheetLayout
from migrelease.sheets.composition import release_layout
from migrelease.sheets.plan import RefreshPlan

DRAFT_MARK = "DRAFT — not for publication"


def web_safe_name(text: str) -> str:
    """'Migration of the population, January–March 2026' -> 'migration-of-the-population-january-march-2026':
    ASCII, lower case, hyphens (a file name every web server, browser and mail program keeps as it is)."""
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)  # dashes are word breaks, not letters to drop
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.casefold()).strip("-") or "release"


def values_only(layout: SheetLayout) -> SheetLayout:
    """The layout with every formula replaced by the value it carries."""
    blocks = tuple(dataclasses.replace(block, values=tuple(
        tuple(value.value if isinstance(value, Formula) else value for value in row) for row in block.values))
        for block in layout.blocks)
    return dataclasses.replace(layout, blocks=blocks)


def marked_draft(layout: SheetLayout, mark: str = DRAFT_MARK) -> SheetLayout:
    """The layout with its title (the block at A1) preceded by the DRAFT mark (in the edition's language)."""
    blocks = tuple(
        dataclasses.replace(block, values=((f"{mark}: {block.values[0][0]}",), *block.values[1:]))
        if (block.row, block.column) == (1, 1) and block.values and isinstance(block.values[0][0], str) else block
        for block in layout.blocks)
    return dataclasses.replace(layout, blocks=blocks)


def input_layout(spec: TableSpec, frame, description: str) -> SheetLayout:
    """An input sheet as the release read it (validated), one Excel table from A1."""
    rows = sheet_rows(spec, frame)
    return SheetLayout(
        name=spec.sheet, description=description,
        blocks=(Block(1, 1, (tuple(rows[0]),), "header"), Block(2, 1, tuple(map(tuple, rows[1:])), "label")),
        tables=(ExcelTable(f"T_{spec.sheet}", 1, 1, len(rows), len(rows[0])),),
        column_widths={column: 16 for column in range(1, len(rows[0]) + 1)},
    )


def public_layouts(plan: RefreshPlan, data=None, draft: bool = False, mark: str = DRAFT_MARK) -> list[SheetLayout]:
    """The public copy's sheets; `data` (the validated Data facts) adds the input sheets as tables."""
    release = plan.release
    layouts = [values_only(layout) for layout in release_layout(release, plan.checks, plan.revisions, public=True,
                                                                include_data=data is not None)]
    if draft:
        layouts[0] = marked_draft(layouts[0], mark)  # the Cover
    if data is not None:
        inputs = [(DATA, data, "Input: the migration counts"),
                  (POPULATION, release.population, "Input: the population on 1 January"),
                  (ETHNICITY, release.ethnicity, "Input: external migration by ethnic group")]
        layouts += [input_layout(spec, frame, text) for spec, frame, text in inputs if frame is not None]
    return layouts


def write_public_workbook(layouts: Sequence[SheetLayout], path: Path, properties: Mapping[str, str],
                          language: str) -> None:
    """The layouts as a new .xlsx at `path`, with document properties and the content's language."""
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                               "strings_to_urls": False})
    XlsxWriterWriter(workbook).write(layouts)
    workbook.set_properties(dict(properties))
    workbook.close()
    _set_language(path, language)


def _set_language(path: Path, language: str) -> None:
    """Add dc:language to docProps/core.xml (XlsxWriter has no property for it; screen readers use it)."""
    with zipfile.ZipFile(path) as package:
        members = [(info, package.read(info)) for info in package.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for info, data in members:
            if info.filename == "docProps/core.xml":
                data = data.replace(b"</cp:coreProperties>",
                                    f"<dc:language>{language}</dc:language></cp:coreProperties>".encode())
            package.writestr(info, data)

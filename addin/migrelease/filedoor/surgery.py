"""Package surgery: what a refresh changes in a workbook package, and nothing more.

The refresh owns its generated sheets and the parts only they reach (their tables, drawings, charts, and
whatever Excel hung on them). It rewrites each generated sheet in place — the same part, the same position in
the workbook, the same code name — and adds the ones the workbook lacks after the previous generated sheet. Around
them it updates only what it must: the workbook's sheet list and the generated sheets' print titles, the
workbook's relationships, [Content_Types].xml, styles.xml (appended to), the Data sheet and its table after
`--data`, the period property. Every other part is carried as it is stored (package.write_package).

A generated sheet is recognised by its code name, else by its name. One the user renamed is refused with a clear
message, and so is any clash that would make Excel repair the file (a user's table or defined name with the name
of a generated table, a chart sheet named like a generated sheet).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Mapping, Sequence

from lxml import etree

from migrelease.filedoor.cell_xml import rows_xml
from migrelease.filedoor.input_package import REL_SHARED_STRINGS, slim_shared_strings
from migrelease.filedoor.package import (CONTENT_TYPES_PART, NS_OFFICE_RELS, ContentTypes, PartContent, Relationship,
                                         SourcePackage, free_relationship_id, parse_xml, relationships_xml,
                                         rels_part_of, serialise_xml)
from migrelease.filedoor.settings_edit import grown_table, set_values, shared_string_indexes_of_keys
from migrelease.filedoor.sheet_xml import OoxmlWriter, PartNames, render_sheet
from migrelease.filedoor.styles_part import MINIMAL_STYLESHEET, StylesPart
from migrelease.filedoor.workbook_part import SheetEntry, WorkbookPart
from migrelease.model.a1 import range_address
from migrelease.model.problems import InputProblems, Problem
from migrelease.sheets.blocks import Formula, SheetLayout
from migrelease.sheets.settings import SETTINGS_HEADER, SETTINGS_SHEET

REL_WORKSHEET = NS_OFFICE_RELS + "/worksheet"
REL_STYLES = NS_OFFICE_RELS + "/styles"
REL_CALC_CHAIN = NS_OFFICE_RELS + "/calcChain"
REL_TABLE = NS_OFFICE_RELS + "/table"
REL_CUSTOM_PROPERTIES = NS_OFFICE_RELS + "/custom-properties"
CONTENT_TYPE_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CONTENT_TYPE_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
CONTENT_TYPE_TABLE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"
CONTENT_TYPE_CUSTOM_PROPERTIES = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_CUSTOM_PROPERTIES = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
NS_VARIANT_TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
CUSTOM_PROPERTIES_PART = "docProps/custom.xml"
# Custom properties' format id (ECMA-376 Part 1, 22.3.2.1: every custom property carries this fmtid).
CUSTOM_PROPERTY_FORMAT_ID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"

_CODE_NAME = re.compile(rb"<(?:\w+:)?sheetPr\b[^>]*?\bcodeName=\"([^\"]*)\"")
_AFTER_SHEET_PROPERTIES = re.compile(rb"<(?:\w+:)?(?:dimension|sheetViews|sheetFormatPr|cols|sheetData)\b")
_HEAD_LIMIT = 1 << 20
_FORMULA = re.compile(rb"<(?:\w+:)?f\b[^>]*>([^<]+)<")
_SHEET_IN_FORMULA = re.compile(r"(?:'((?:[^']|'')+)'|([^\s'!=(),;:&+\-*/^<>\"{}]+))!")


def code_name_of(package: SourcePackage, part: str) -> str | None:
    """A worksheet's code name, from the start of its part (sheetPr is the first child; the rest is not read)."""
    head = b""
    with package.open(part) as stream:
        while chunk := stream.read(16384):
            head += chunk
            found = _CODE_NAME.search(head)
            if found:
                return found.group(1).decode("utf-8")
            if _AFTER_SHEET_PROPERTIES.search(head) or len(head) > _HEAD_LIMIT:
                return None
    return None


def _problem(sheet: str, message: str) -> Problem:
    return Problem(f"sheet '{sheet}'", None, None, message)


@dataclass
class PackageChanges:
    """What the refresh writes: parts replaced in place, parts left out, parts added."""
    replaced: dict[str, PartContent] = field(default_factory=dict)
    dropped: set[str] = field(default_factory=set)
    added: dict[str, PartContent] = field(default_factory=dict)


@dataclass(frozen=True)
class DataReplacement:
    """The Data sheet's new rows (header first), written when the data came from a CSV file."""
    sheet: str
    rows: Sequence[Sequence]


def _table_parts(package: SourcePackage, content_types: ContentTypes) -> dict[str, etree._Element]:
    """Every table part of the package (folded name -> its root element)."""
    tables = {}
    for info in package.members:
        if content_types.of(info.filename) == CONTENT_TYPE_TABLE:
            tables[info.filename.casefold()] = parse_xml(package.read(info.filename))
    return tables


class WorkbookRefresh:
    """Plans every change a refresh makes to one package; `changes()` returns them, nothing is written here."""

    def __init__(self, package: SourcePackage, layouts: Sequence[SheetLayout], *,
                 created_once: Sequence[SheetLayout] = (), data: DataReplacement | None = None,
                 properties: Mapping[str, str] | None = None, settings_updates: Mapping[str, str] | None = None,
                 progress=None):
        self.package = package
        self.workbook_part_name = package.main_part()
        self.workbook = WorkbookPart(package, self.workbook_part_name, lambda part: code_name_of(package, part))
        self.content_types = ContentTypes(package.read(CONTENT_TYPES_PART))
        self.layouts = list(layouts)
        self.created_once = [layout for layout in created_once if self._find_by_name(layout.name) is None]
        self.data = data
        self.properties = dict(properties or {})
        self.settings_updates = dict(settings_updates or {})
        self.progress = progress
        self._matched = self._match_sheets()

    # --- which sheets are the refresh's ----------------------------------------------------------------------
    def _find_by_name(self, name: str) -> SheetEntry | None:
        folded = name.strip().casefold()
        return next((entry for entry in self.workbook.sheets if entry.name.strip().casefold() == folded), None)

    def _match_sheets(self) -> dict[str, SheetEntry | None]:
        by_code = {entry.code_name.casefold(): entry for entry in self.workbook.sheets if entry.code_name}
        problems, matched = [], {}
        for layout in self.layouts:
            entry = by_code.get(layout.code_name.casefold())
            if entry is not None and entry.name.strip().casefold() != layout.name.casefold():
                problems.append(_problem(entry.name, f"is the generated sheet '{layout.name}' renamed (its code name "
                                                     f"is {entry.code_name}); a refresh rewrites it, and formulas, "
                                                     f"links and macros use its name: rename it back to "
                                                     f"'{layout.name}' and refresh again"))
                continue
            entry = entry or self._find_by_name(layout.name)
            if entry is not None and entry.kind != "worksheet":
                problems.append(_problem(entry.name, f"is a {entry.kind}, not a worksheet, but a refresh writes a "
                                                     f"sheet of that name: rename or delete it"))
                continue
            matched[layout.name] = entry
        if problems:
            raise InputProblems(problems)
        return matched

    # --- the parts -------------------------------------------------------------------------------------------
    def _owned_and_kept(self) -> tuple[set[str], set[str]]:
        """(parts only the generated sheets reach, parts anything else reaches), folded names."""
        owned_sheets = {entry.part.casefold() for entry in self._matched.values() if entry is not None}
        kept: set[str] = set()
        todo = [""]
        while todo:  # everything reachable from the package root without going through a generated sheet
            part = todo.pop()
            for rel in self.package.relationships(part):
                target = rel.target.casefold()
                if rel.external or target in kept or target in owned_sheets or not self.package.has(rel.target):
                    continue
                kept.add(target)
                if self.package.has(rels_part_of(rel.target)):
                    kept.add(rels_part_of(rel.target).casefold())
                todo.append(rel.target)
        owned: set[str] = set()
        for entry in self._matched.values():
            if entry is not None:
                owned |= self.package.reachable(entry.part)
        return owned - kept, kept

    def _check_table_names(self, kept_tables: dict[str, etree._Element]) -> None:
        """Excel tables and defined names share one namespace: a generated table's name must be free."""
        taken = {element.get("name", "").casefold(): part for part, element in kept_tables.items()}
        defined = self.workbook.defined_name_texts()
        sheet_of_table = {}
        for entry in self.workbook.sheets:
            if entry.part is not None:
                for rel in self.package.relationships(entry.part):
                    if rel.type == REL_TABLE:
                        sheet_of_table[rel.target.casefold()] = entry.name
        problems = []
        for layout in (*self.layouts, *self.created_once):
            for table in layout.tables:
                if table.name.casefold() in taken:
                    holder = sheet_of_table.get(taken[table.name.casefold()], "another sheet")
                    problems.append(_problem(holder, f"holds an Excel table named '{table.name}', the name of a "
                                                     f"table the refresh writes on sheet '{layout.name}' (is it "
                                                     f"that sheet renamed or copied?): rename or delete that table"))
                elif table.name.casefold() in defined:
                    problems.append(Problem("the workbook", None, None,
                                            f"has a defined name '{table.name}', the name of a table the refresh "
                                            f"writes on sheet '{layout.name}': rename or delete that name"))
        if problems:
            raise InputProblems(problems)

    def changes(self) -> PackageChanges:
        """Every part the refresh replaces, drops or adds; raises InputProblems (nothing decided is written) when
        a generated table's name is taken."""
        package, workbook, content_types = self.package, self.workbook, self.content_types
        changes = PackageChanges()
        owned, kept = self._owned_and_kept()
        generated_parts = {entry.part.casefold() for entry in self._matched.values() if entry is not None}
        dropped = {part for part in owned if part not in generated_parts}
        calc_chain = package.related(self.workbook_part_name, REL_CALC_CHAIN)
        if calc_chain is not None:  # lists formula cells by sheet; Excel rebuilds a missing one, repairs a stale one
            dropped.add(calc_chain.target.casefold())
        for part in dropped:  # before any new part takes a dropped part's name
            content_types.remove(package.stored_name(part))
        all_tables = _table_parts(package, content_types)
        kept_tables = {part: element for part, element in all_tables.items() if part not in dropped}
        self._check_table_names(kept_tables)

        workbook_rels = list(package.relationships(self.workbook_part_name))
        styles_rel = next((rel for rel in workbook_rels if rel.type == REL_STYLES and package.has(rel.target)), None)
        styles = StylesPart(package.read(styles_rel.target) if styles_rel else MINIMAL_STYLESHEET)
        writer = OoxmlWriter(styles, self.progress)
        writer.write(self.layouts)
        last_sheet = workbook.sheets[-1] if workbook.sheets else None
        if self.created_once:  # placed after the workbook's last sheet below
            writer.write(self.created_once)

        names = PartNames({info.filename for info in package.members if info.filename.casefold() not in dropped},
                          {int(element.get("id")) for element in kept_tables.values()
                           if (element.get("id") or "").isdigit()})
        rel_ids = {rel.id for rel in workbook_rels}
        new_rels: list[Relationship] = []
        placed = self._place_sheets(writer, names, rel_ids, new_rels, last_sheet)
        any_formula_without_value = self._write_sheets(writer, placed, names, changes, dropped)
        if any_formula_without_value or self._kept_formulas_read_generated_sheets():
            workbook.require_full_calculation()

        if self.data is not None:
            self._replace_data(changes, names, rel_ids, new_rels, dropped)
        if self.properties:
            self._set_custom_properties(changes)
        if self.settings_updates:
            self._update_settings(changes, dropped)

        changes.dropped = {package.stored_name(part) for part in dropped}
        # A part both dropped and added under the same name (a table renumbered) is simply written anew.
        for name in list(changes.added):
            if name.casefold() in dropped:
                changes.dropped.discard(package.stored_name(name))
                changes.replaced[package.stored_name(name)] = changes.added.pop(name)
        if styles.changed:
            if styles_rel is None:
                rel_id = free_relationship_id(rel_ids)
                new_rels.append(Relationship(rel_id, REL_STYLES, "xl/styles.xml", False))
                changes.added["xl/styles.xml"] = styles.to_bytes()
                content_types.set("xl/styles.xml", CONTENT_TYPE_STYLES)
            else:
                changes.replaced[styles_rel.target] = styles.to_bytes()
        changes.replaced[self.workbook_part_name] = workbook.to_bytes()
        if new_rels or calc_chain is not None:
            relationships = [rel for rel in workbook_rels if calc_chain is None or rel.id != calc_chain.id]
            changes.replaced[rels_part_of(self.workbook_part_name)] = relationships_xml(
                [*relationships, *new_rels], self.workbook_part_name)
        if content_types.changed:
            changes.replaced[CONTENT_TYPES_PART] = content_types.to_bytes()
        return changes

    def _place_sheets(self, writer: OoxmlWriter, names: PartNames, rel_ids: set[str],
                      new_rels: list[Relationship], last_sheet: SheetEntry | None) -> dict[str, SheetEntry]:
        """Each drafted sheet's entry: the existing generated sheet, else a new sheet after the previous generated
        one (the first at the front; a sheet created once, at the end), with a part, a relationship and a code
        name of its own."""
        workbook = self.workbook
        used_code_names = {entry.code_name.casefold() for entry in workbook.sheets if entry.code_name}
        placed: dict[str, SheetEntry] = {}
        for draft in writer.drafts.values():
            entry = self._matched.get(draft.name)
            if entry is None:
                after = placed.get(draft.after.name) if draft.after is not None else None
                if draft.layout in self.created_once:
                    after = last_sheet
                code_name = draft.layout.code_name
                while code_name.casefold() in used_code_names:
                    code_name += "_"
                used_code_names.add(code_name.casefold())
                part = names.new("xl/worksheets", "sheet")
                rel_id = free_relationship_id(rel_ids)
                new_rels.append(Relationship(rel_id, REL_WORKSHEET, part, False))
                entry = workbook.add_sheet(draft.name, rel_id, part, code_name, after)
                self.content_types.set(part, CONTENT_TYPE_WORKSHEET)
            placed[draft.name] = entry
        return placed

    def _write_sheets(self, writer: OoxmlWriter, placed: dict[str, SheetEntry], names: PartNames,
                      changes: PackageChanges, dropped: set[str]) -> bool:
        """Every drafted sheet rendered into its part, with its tables, drawing and charts; its visibility and print
        titles in the workbook part. True when a formula was written without its value."""
        package, workbook = self.package, self.workbook
        active = workbook.active_sheet
        any_formula_without_value = False
        for draft in writer.drafts.values():
            entry = placed[draft.name]
            rendered = render_sheet(draft, entry.code_name or draft.layout.code_name, entry is active, entry.part,
                                    names, writer.drafts)
            (changes.replaced if package.has(entry.part) else changes.added)[entry.part] = rendered.xml
            rels_name = rels_part_of(entry.part)
            if rendered.relationships:
                (changes.replaced if package.has(rels_name) else changes.added)[rels_name] = \
                    relationships_xml(rendered.relationships, entry.part)
                dropped.discard(rels_name.casefold())
            for part in rendered.parts:
                changes.added[part.name] = part.data
                if part.content_type is not None:
                    self.content_types.set(part.name, part.content_type)
            if draft.visibility is not None:
                workbook.set_state(entry, draft.visibility)
            workbook.set_local_names(entry, rendered.defined_names)
            any_formula_without_value |= any(isinstance(value, Formula) and value.value is None
                                             for value in draft.values.values())
        return any_formula_without_value

    def _kept_formulas_read_generated_sheets(self) -> bool:
        """Whether a formula on a sheet the refresh keeps (or a defined name) refers to a generated sheet: its
        stored value is then out of date, and the workbook must be recalculated when it is opened."""
        generated = {layout.name.casefold() for layout in self.layouts}

        def refers(formula: str) -> bool:
            return any((quoted or plain).replace("''", "'").casefold() in generated
                       for quoted, plain in _SHEET_IN_FORMULA.findall(html.unescape(formula)))

        if any(refers(element.text or "") for element in self.workbook.defined_names()
               if not element.get("name", "").startswith("_xlnm.")):  # print titles and areas hold no value
            return True
        matched = {id(entry) for entry in self._matched.values() if entry is not None}
        for entry in self.workbook.sheets:
            if entry.kind != "worksheet" or id(entry) in matched or not self.package.has(entry.part):
                continue  # a generated sheet, or one this refresh adds
            with self.package.open(entry.part) as stream:
                pending = b""
                while chunk := stream.read(1 << 20):
                    window = pending + chunk
                    cut = max(window.rfind(b"<"), 0)
                    if b"f>" in window and any(refers(formula.decode("utf-8", "replace"))  # no formula: no f>
                                               for formula in _FORMULA.findall(window, 0, cut)):
                        return True
                    pending = window[cut:]
                if any(refers(formula.decode("utf-8", "replace")) for formula in _FORMULA.findall(pending)):
                    return True
        return False

    # --- the Data sheet after --data -------------------------------------------------------------------------
    def _replace_data(self, changes: PackageChanges, names: PartNames, rel_ids: set[str],
                      new_rels: list[Relationship], dropped: set[str]) -> None:
        rows = self.data.rows
        width = max((len(row) for row in rows), default=1)
        entry = self._find_by_name(self.data.sheet)
        if entry is None or entry.kind != "worksheet":
            part = names.new("xl/worksheets", "sheet")
            rel_id = free_relationship_id(rel_ids)
            new_rels.append(Relationship(rel_id, REL_WORKSHEET, part, False))
            self.workbook.add_sheet(self.data.sheet, rel_id, part, "Data" if entry is None else "Data_",
                                    self.workbook.sheets[-1])
            self.content_types.set(part, CONTENT_TYPE_WORKSHEET)
            changes.added[part] = b"".join(_new_sheet_xml(rows, width))
            return
        dimension = range_address(1, 1, max(len(rows), 1), width)
        changes.replaced[entry.part] = replace_sheet_data(self.package, entry.part, rows_xml(rows), dimension)
        header = [str(value) for value in rows[0]] if rows else []
        for rel in self.package.relationships(entry.part):
            if rel.type == REL_TABLE and rel.target.casefold() not in dropped and self.package.has(rel.target):
                resized = resized_table(self.package.read(rel.target), header, len(rows))
                if resized is not None:
                    changes.replaced[rel.target] = resized

    # --- values written into the Settings sheet (--published, --next) -------------------------------------------
    def _update_settings(self, changes: PackageChanges, dropped: set[str]) -> None:
        entry = self._find_by_name(SETTINGS_SHEET)
        if entry is None or entry.kind != "worksheet" or not self.package.has(entry.part):
            return  # a Settings sheet this refresh creates is written with the values (created_once)
        sheet_xml = self.package.read(entry.part)
        texts: list[str] = []
        shared = self.package.related(self.workbook_part_name, REL_SHARED_STRINGS)
        if shared is not None and self.package.has(shared.target):
            with self.package.open(shared.target) as stream:
                table = parse_xml(slim_shared_strings(stream, shared_string_indexes_of_keys(sheet_xml)))
            texts = ["".join(item.itertext()) for item in table]
        updated, header_row, last_row = set_values(sheet_xml, self.settings_updates,
                                                   lambda index: texts[index] if index < len(texts) else "",
                                                   SETTINGS_HEADER[0])
        changes.replaced[entry.part] = updated
        if header_row is None or last_row is None:
            return
        for rel in self.package.relationships(entry.part):
            if rel.type == REL_TABLE and rel.target.casefold() not in dropped and self.package.has(rel.target):
                grown = grown_table(self.package.read(rel.target), header_row, last_row)
                if grown is not None:
                    changes.replaced[rel.target] = grown

    # --- document properties -------------------------------------------------------------------------------
    def _set_custom_properties(self, changes: PackageChanges) -> None:
        rel = self.package.related("", REL_CUSTOM_PROPERTIES)
        if rel is not None:
            part, root = rel.target, parse_xml(self.package.read(rel.target))
        else:
            part = CUSTOM_PROPERTIES_PART
            root = etree.Element(f"{{{NS_CUSTOM_PROPERTIES}}}Properties",
                                 nsmap={None: NS_CUSTOM_PROPERTIES, "vt": NS_VARIANT_TYPES})
        existing = {element.get("name"): element for element in root}
        next_id = 1 + max([1, *(int(element.get("pid")) for element in root if (element.get("pid") or "").isdigit())])
        for name, value in self.properties.items():
            element = existing.get(name)
            if element is None:
                element = etree.SubElement(root, f"{{{NS_CUSTOM_PROPERTIES}}}property", fmtid=CUSTOM_PROPERTY_FORMAT_ID,
                                           pid=str(next_id), name=name)
                next_id += 1
            for child in list(element):
                element.remove(child)
            etree.SubElement(element, f"{{{NS_VARIANT_TYPES}}}lpwstr").text = value
        data = serialise_xml(root)
        if rel is not None:
            if data != self.package.read(part):
                changes.replaced[part] = data
            return
        # a part of that name the package does not relate to is replaced (it is not in use)
        (changes.replaced if self.package.has(part) else changes.added)[part] = data
        self.content_types.set(part, CONTENT_TYPE_CUSTOM_PROPERTIES)
        package_rels = list(self.package.relationships(""))
        rel_id = free_relationship_id({existing.id for existing in package_rels})
        changes.replaced[rels_part_of("")] = relationships_xml(
            [*package_rels, Relationship(rel_id, REL_CUSTOM_PROPERTIES, part, False)], "")


def _new_sheet_xml(rows: Sequence[Sequence], width: int) -> Iterator[bytes]:
    yield (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{NS_MAIN}" '
           f'xmlns:r="{NS_OFFICE_RELS}"><dimension ref="{range_address(1, 1, max(len(rows), 1), width)}"/>'
           f'<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
           ).encode("utf-8")
    yield from rows_xml(rows)
    yield b'<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'


_SHEET_DATA_START = re.compile(rb"<((?:\w+:)?)sheetData\b[^>]*?(/?)>")
_DIMENSION = re.compile(rb"<((?:\w+:)?)dimension\b[^>]*/>")


def replace_sheet_data(package: SourcePackage, part: str, sheet_data: Iterable[bytes], dimension: str
                       ) -> Iterator[bytes]:
    """The sheet part with its <sheetData> replaced by `sheet_data` and its <dimension> set, streamed: the rest of
    the sheet (columns, validation, conditional formats, tables) is carried as it is."""
    with package.open(part) as stream:
        head = b""
        while (found := _SHEET_DATA_START.search(head)) is None:
            chunk = stream.read(1 << 16)
            if not chunk:
                raise ValueError(f"part '{part}' has no sheetData")
            head += chunk
        prefix = found.group(1)
        before = _DIMENSION.sub(lambda match: b"<" + match.group(1) + b'dimension ref="' + dimension.encode() + b'"/>',
                                head[:found.start()], count=1)
        chunks = iter(sheet_data)
        first = next(chunks)  # b"<sheetData>"
        yield before + (first.replace(b"<sheetData", b"<" + prefix + b"sheetData") if prefix else first)
        for chunk in chunks:
            yield chunk.replace(b"</sheetData>", b"</" + prefix + b"sheetData>") if prefix else chunk
        rest = head[found.end():]
        if found.group(2) != b"/":  # skip the old cells up to their end tag
            end_tag = b"</" + prefix + b"sheetData>"
            while (position := rest.find(end_tag)) == -1:
                chunk = stream.read(1 << 20)
                if not chunk:
                    raise ValueError(f"part '{part}' ends inside sheetData")
                rest = rest[-len(end_tag):] + chunk
            rest = rest[position + len(end_tag):]
        yield rest
        while chunk := stream.read(1 << 20):
            yield chunk


def resized_table(data: bytes, header: list[str], row_count: int) -> bytes | None:
    """A table from A1 covering `row_count` rows (header included) and the header's columns, its style, name and
    id kept; None when the table does not start at A1 (then it is not the data's table)."""
    root = parse_xml(data)
    reference = root.get("ref", "")
    if not reference.upper().startswith("A1:"):
        return None
    new_reference = range_address(1, 1, max(row_count, 2), len(header))
    root.set("ref", new_reference)
    auto_filter = root.find(f"{{{NS_MAIN}}}autoFilter")
    if auto_filter is not None:
        auto_filter.set("ref", new_reference)
    columns = root.find(f"{{{NS_MAIN}}}tableColumns")
    if columns is not None and [column.get("name") for column in columns] != header:
        for column in list(columns):
            columns.remove(column)
        for number, name in enumerate(header, start=1):
            etree.SubElement(columns, f"{{{NS_MAIN}}}tableColumn", id=str(number), name=name)
        columns.set("count", str(len(header)))
    return serialise_xml(root)

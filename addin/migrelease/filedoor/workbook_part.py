"""xl/workbook.xml, changed only where a refresh must: a new generated sheet is added to the sheet list, a
generated sheet's visibility and print titles are set; everything else stays, and whatever refers to a sheet by
its position (sheet-local defined names, the active and the first tab) follows its sheet when sheets are added.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from lxml import etree

from migrelease.filedoor.package import NS_OFFICE_RELS, SourcePackage, parse_xml, serialise_xml

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R_ID = f"{{{NS_OFFICE_RELS}}}id"
# Built-in names a refresh writes for the sheets it owns (the print set-up); other names are the user's.
OWNED_BUILT_IN_NAMES = frozenset({"_xlnm.print_titles", "_xlnm.print_area"})
# CT_Workbook's children in schema order, up to calcPr (where a missing definedNames or calcPr goes).
_CHILD_ORDER = ("fileVersion", "fileSharing", "workbookPr", "workbookProtection", "bookViews", "sheets",
                "functionGroups", "externalReferences", "definedNames", "calcPr")


def _q(name: str) -> str:
    return f"{{{NS_MAIN}}}{name}"


def sheet_parts(package: SourcePackage, workbook_part: str) -> list[tuple[str, str | None]]:
    """(sheet name, its part or None when the part is missing), in workbook order."""
    root = parse_xml(package.read(workbook_part))
    targets = {rel.id: rel for rel in package.relationships(workbook_part)}
    found = []
    for element in root.iter(_q("sheet")):
        rel = targets.get(element.get(R_ID, ""))
        present = rel is not None and not rel.external and package.has(rel.target)
        found.append((element.get("name", ""), rel.target if present else None))
    return found


@dataclass(eq=False)
class SheetEntry:
    """One <sheet> of the workbook and what it points at."""
    element: etree._Element
    part: str | None  # the sheet's part (None when its relationship is missing)
    kind: str  # the relationship type's last word: worksheet, chartsheet, dialogsheet, macrosheet
    code_name: str | None

    @property
    def name(self) -> str:
        return self.element.get("name", "")

    @property
    def state(self) -> str:
        return self.element.get("state", "visible")


class WorkbookPart:
    """The workbook part of `package`; `code_name_of(part)` reads a worksheet part's code name."""

    def __init__(self, package: SourcePackage, part: str, code_name_of: Callable[[str], str | None]):
        self.root = parse_xml(package.read(part))
        self._sheets_element = self.root.find(_q("sheets"))
        if self._sheets_element is None:
            raise ValueError("the workbook part has no sheet list")
        targets = {rel.id: rel for rel in package.relationships(part)}
        self.sheets: list[SheetEntry] = []
        for element in self._sheets_element.iter(_q("sheet")):
            rel = targets.get(element.get(R_ID, ""))
            present = rel is not None and not rel.external and package.has(rel.target)
            kind = rel.type.rsplit("/", 1)[-1] if present else "missing"
            self.sheets.append(SheetEntry(element, rel.target if present else None, kind,
                                          code_name_of(rel.target) if kind == "worksheet" else None))
        # What refers to a sheet by its position, tied to the sheet itself while sheets are added.
        self._local_names: list[tuple[etree._Element, SheetEntry]] = []
        names = self.root.find(_q("definedNames"))
        for element in ([] if names is None else names.iter(_q("definedName"))):
            local = element.get("localSheetId", "")
            if local.isdigit() and int(local) < len(self.sheets):
                self._local_names.append((element, self.sheets[int(local)]))
        self._view = self.root.find(f"{_q('bookViews')}/{_q('workbookView')}")
        self._view_sheets: dict[str, SheetEntry] = {}
        for attribute, default in (("activeTab", "0"), ("firstSheet", None)):
            value = None if self._view is None else self._view.get(attribute, default)
            if value is not None and value.isdigit() and int(value) < len(self.sheets):
                self._view_sheets[attribute] = self.sheets[int(value)]

    @property
    def active_sheet(self) -> SheetEntry | None:
        return self._view_sheets.get("activeTab")

    def index(self, entry: SheetEntry) -> int:
        return self.sheets.index(entry)

    def add_sheet(self, name: str, rel_id: str, part: str, code_name: str, after: SheetEntry | None) -> SheetEntry:
        """A new worksheet right after `after` (None = first), numbered after every existing sheet."""
        sheet_id = 1 + max((int(entry.element.get("sheetId", "0")) for entry in self.sheets
                            if entry.element.get("sheetId", "").isdigit()), default=0)
        element = etree.Element(_q("sheet"), nsmap={"r": NS_OFFICE_RELS})
        element.set("name", name)
        element.set("sheetId", str(sheet_id))
        element.set(R_ID, rel_id)
        position = 0 if after is None else self.sheets.index(after) + 1
        if position < len(self.sheets):
            self.sheets[position].element.addprevious(element)
        else:
            self._sheets_element.append(element)
        entry = SheetEntry(element, part, "worksheet", code_name)
        self.sheets.insert(position, entry)
        return entry

    def set_state(self, entry: SheetEntry, state: str) -> None:
        if state == "visible":
            entry.element.attrib.pop("state", None)
        else:
            entry.element.set("state", state)

    def _child(self, name: str) -> etree._Element:
        """The workbook's child `name`, created in its schema position when missing."""
        element = self.root.find(_q(name))
        if element is None:
            element = etree.Element(_q(name))
            earlier = _CHILD_ORDER[:_CHILD_ORDER.index(name)]
            anchor = next((found for found in (self.root.find(_q(other)) for other in reversed(earlier))
                           if found is not None), None)
            if anchor is None:
                self.root.insert(0, element)
            else:
                anchor.addnext(element)
        return element

    def set_local_names(self, entry: SheetEntry, names: tuple[tuple[str, str], ...]) -> None:
        """The sheet's print titles and print area are `names` (others the sheet may have are kept)."""
        kept = []
        for element, sheet in self._local_names:
            if sheet is entry and element.get("name", "").casefold() in OWNED_BUILT_IN_NAMES:
                element.getparent().remove(element)
            else:
                kept.append((element, sheet))
        self._local_names = kept
        if not names:
            return
        container = self._child("definedNames")
        for name, formula in names:
            element = etree.SubElement(container, _q("definedName"), name=name)
            element.text = formula
            self._local_names.append((element, entry))

    def defined_names(self) -> list[etree._Element]:
        container = self.root.find(_q("definedNames"))
        return [] if container is None else list(container.iter(_q("definedName")))

    def defined_name_texts(self) -> set[str]:
        """Every defined name (folded), for clashes with the names of new Excel tables."""
        container = self.root.find(_q("definedNames"))
        return set() if container is None else {element.get("name", "").casefold()
                                                for element in container.iter(_q("definedName"))}

    def require_full_calculation(self) -> None:
        self._child("calcPr").set("fullCalcOnLoad", "1")

    def to_bytes(self) -> bytes:
        for element, sheet in self._local_names:
            element.set("localSheetId", str(self.sheets.index(sheet)))
        for attribute, sheet in self._view_sheets.items():
            self._view.set(attribute, str(self.sheets.index(sheet)))
        return serialise_xml(self.root)

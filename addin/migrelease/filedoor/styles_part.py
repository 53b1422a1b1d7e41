"""The workbook's styles part, append only: each theme style becomes a cell format (xf) that is either found
among the existing ones or appended at the end of its list. Nothing already in styles.xml is rewritten, moved or
renumbered, so every cell of the user's sheets keeps its look; a second refresh finds what the first appended and
appends nothing.

A theme font is the workbook's default font with the theme's weight, slant, underline, size and colour, so the
release's sheets use the workbook's typeface; font children are written in the order the Open XML SDK validates.
"""

from __future__ import annotations

import re
from functools import lru_cache
from xml.sax.saxutils import quoteattr

from lxml import etree

from migrelease.filedoor.package import parse_xml
from migrelease.sheets.theme import CellStyle

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
# CT_Font's children in the order the Open XML SDK requires (Excel writes them so; ECMA-376's schema allows any).
FONT_CHILD_ORDER = ("b", "i", "strike", "condense", "extend", "outline", "shadow", "u", "vertAlign", "sz", "color",
                    "name", "family", "charset", "scheme")
# ECMA-376 Part 1, 18.8.30: built-in number formats, which have an id and no <numFmt> entry.
BUILTIN_NUMBER_FORMATS = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10,
                          "0.00E+00": 11, "# ?/?": 12, "# ??/??": 13, "@": 49}
FIRST_CUSTOM_FORMAT_ID = 164
# The lists a refresh may append to, in their order in a stylesheet.
_LISTS = ("numFmts", "fonts", "fills", "borders", "cellXfs")
# A stylesheet for a package that has none (Excel's minimum: default font, the two reserved fills, one border).
MINIMAL_STYLESHEET = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{NS_MAIN}">'
    '<fonts count="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/>'
    '<scheme val="minor"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/>'
    '<bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
    'borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" '
    'xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '</styleSheet>').encode("utf-8")


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _meaning(element) -> tuple:
    """What an element says, whatever its children's order or namespace prefix."""
    return (_local(element.tag), tuple(sorted(element.attrib.items())),
            tuple(sorted(_meaning(child) for child in element if isinstance(child.tag, str))))


@lru_cache(maxsize=None)
def _meaning_of_xml(xml: str, prefix: str) -> tuple:
    """The meaning of an element written with the stylesheet's prefix ("" or e.g. "x:")."""
    declaration = f'xmlns:{prefix[:-1]}="{NS_MAIN}"' if prefix else f'xmlns="{NS_MAIN}"'
    return _meaning(etree.fromstring(f"<wrapper {declaration}>{xml}</wrapper>")[0])


class StylesPart:
    """Cell formats of one workbook's styles.xml; `xf(style)` gives the cellXfs index of a theme style."""

    def __init__(self, data: bytes):
        self.original = data
        root = parse_xml(data)
        self._prefix = f"{root.prefix}:" if root.prefix else ""
        lists = {name: root.find(f"{{{NS_MAIN}}}{name}") for name in _LISTS}
        self._entries = {name: ([] if element is None else [child for child in element if isinstance(child.tag, str)])
                         for name, element in lists.items()}
        self._has_style_xfs = len(root.findall(f"{{{NS_MAIN}}}cellStyleXfs/{{{NS_MAIN}}}xf")) > 0
        self._index = {name: {} for name in _LISTS}
        for name in ("fonts", "fills", "borders", "cellXfs"):
            for position in range(len(self._entries[name]) - 1, -1, -1):  # the first of equal entries wins
                self._index[name][_meaning(self._entries[name][position])] = position
        self._formats = {element.get("formatCode"): int(element.get("numFmtId", "0"))
                         for element in self._entries["numFmts"] if element.get("numFmtId", "").isdigit()}
        self._counts = {name: len(entries) for name, entries in self._entries.items()}
        self._appended: dict[str, list[str]] = {name: [] for name in _LISTS}
        fonts = self._entries["fonts"]
        self._default_font = {_local(child.tag): dict(child.attrib) for child in fonts[0]
                              if isinstance(child.tag, str)} if fonts else {}
        self._cache: dict[CellStyle, int] = {}

    def _tag(self, name: str) -> str:
        return self._prefix + name

    def _element(self, name: str, attributes: dict[str, str], children: str = "") -> str:
        attrs = "".join(f" {key}={quoteattr(value)}" for key, value in attributes.items())
        return f"<{self._tag(name)}{attrs}>{children}</{self._tag(name)}>" if children else \
            f"<{self._tag(name)}{attrs}/>"

    def _find_or_append(self, list_name: str, xml: str) -> int:
        meaning = _meaning_of_xml(xml, self._prefix)
        index = self._index[list_name].get(meaning)
        if index is None:
            index = self._counts[list_name]
            self._counts[list_name] += 1
            self._appended[list_name].append(xml)
            self._index[list_name][meaning] = index
        return index

    def _number_format(self, code: str) -> int:
        if code in BUILTIN_NUMBER_FORMATS:
            return BUILTIN_NUMBER_FORMATS[code]
        if code not in self._formats:
            number = max([FIRST_CUSTOM_FORMAT_ID - 1, *self._formats.values()]) + 1
            self._formats[code] = number
            self._counts["numFmts"] += 1
            self._appended["numFmts"].append(self._element("numFmt", {"numFmtId": str(number), "formatCode": code}))
        return self._formats[code]

    def _font(self, style: CellStyle) -> int:
        font = style.font
        children = {name: dict(attributes) for name, attributes in self._default_font.items()}
        for name, wanted in (("b", font.bold), ("i", font.italic), ("u", font.underline)):
            children.pop(name, None)
            if wanted:
                children[name] = {}
        children["sz"] = {"val": f"{font.size:g}"}
        if font.color is not None:
            children["color"] = {"rgb": "FF" + font.color.upper()}
        xml = self._element("font", {}, "".join(self._element(name, children[name]) for name in FONT_CHILD_ORDER
                                                 if name in children))
        if self._entries["fonts"] and _meaning_of_xml(xml, self._prefix) == _meaning(self._entries["fonts"][0]):
            return 0
        return self._find_or_append("fonts", xml)

    def _fill(self, style: CellStyle) -> int:
        if style.fill is None:
            return 0
        pattern = self._element("patternFill", {"patternType": "solid"},
                                self._element("fgColor", {"rgb": "FF" + style.fill.upper()}) +
                                self._element("bgColor", {"indexed": "64"}))
        return self._find_or_append("fills", self._element("fill", {}, pattern))

    def _border(self, style: CellStyle) -> int:
        border = style.bottom_border
        if border is None:
            return 0
        bottom = self._element("bottom", {"style": border.style},
                               self._element("color", {"rgb": "FF" + border.color.upper()}))
        sides = self._element("left", {}) + self._element("right", {}) + self._element("top", {}) + bottom + \
            self._element("diagonal", {})
        return self._find_or_append("borders", self._element("border", {}, sides))

    def xf(self, style: CellStyle) -> int:
        """The cellXfs index of a cell in `style` (0, the default format, needs no `s` attribute)."""
        if style in self._cache:
            return self._cache[style]
        number, font, fill, border = (self._number_format(style.number_format), self._font(style),
                                      self._fill(style), self._border(style))
        attributes = {"numFmtId": str(number), "fontId": str(font), "fillId": str(fill), "borderId": str(border)}
        if self._has_style_xfs:
            attributes["xfId"] = "0"
        for flag, used in (("applyNumberFormat", number), ("applyFont", font), ("applyFill", fill),
                           ("applyBorder", border)):
            if used:
                attributes[flag] = "1"
        alignment = {}
        if style.horizontal:
            alignment["horizontal"] = style.horizontal
        if style.vertical:
            alignment["vertical"] = style.vertical
        if style.wrap:
            alignment["wrapText"] = "1"
        if alignment:
            attributes["applyAlignment"] = "1"
        xml = self._element("xf", attributes, self._element("alignment", alignment) if alignment else "")
        index = self._find_or_append("cellXfs", xml)
        self._cache[style] = index
        return index

    @property
    def changed(self) -> bool:
        return any(self._appended.values())

    def to_bytes(self) -> bytes:
        """styles.xml with what was appended inserted before each list's end tag and its count updated;
        the original bytes when nothing was appended."""
        data = self.original
        for name in _LISTS:
            added = "".join(self._appended[name]).encode("utf-8")
            if not added:
                continue
            tag = self._tag(name).encode()
            end = re.search(rb"</" + re.escape(tag) + rb"\s*>", data)
            if end is not None:
                data = data[:end.start()] + added + data[end.start():]
            else:
                empty = re.search(rb"<" + re.escape(tag) + rb"\b[^>]*/>", data)
                if empty is not None:
                    data = data[:empty.start()] + empty.group(0)[:-2].rstrip() + b">" + added + b"</" + tag + b">" + \
                        data[empty.end():]
                elif name == "numFmts":  # the first child of the stylesheet
                    root = re.search(rb"<" + re.escape(self._tag("styleSheet").encode()) + rb"\b[^>]*>", data)
                    data = data[:root.end()] + b"<" + tag + b' count="0">' + added + b"</" + tag + b">" + \
                        data[root.end():]
                else:
                    raise ValueError(f"styles.xml has no <{name}> list")
            opening = re.search(rb"<" + re.escape(tag) + rb"\b[^>]*>", data)
            counted, replaced = re.subn(rb'\bcount="\d*"', f'count="{self._counts[name]}"'.encode(), opening.group(0))
            if replaced:
                data = data[:opening.start()] + counted + data[opening.end():]
        return data

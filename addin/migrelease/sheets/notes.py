"""Notes the sheets refer to, declared once by key and numbered by first use.

A sheet's text cites a note as `cite("x")` ("[note:x]"); when the whole workbook is composed, `number_notes`
replaces each citation by "[note N]", N counting notes in the order the workbook first cites them (sheets in
workbook order, cells top to bottom), and the Notes sheet lists exactly the cited notes in that order — as
accessible-spreadsheet guidance and gptables do it.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Sequence

from migrelease.sheets.blocks import Block, Hyperlink, SheetLayout
from migrelease.sheets.words import sheet_words

# The notes, by key, in English; each language's text is its word pack's `notes` (same keys).
NOTES: dict[str, str] = dict(sheet_words("en").notes)

_CITATION = re.compile(r"\[note:([a-z_]+)\]")


def cite(key: str) -> str:
    """The citation of note `key`, numbered when the workbook is composed."""
    if key not in NOTES:
        raise KeyError(f"no note '{key}' (notes: {', '.join(NOTES)})")
    return f"[note:{key}]"


def _texts(layouts: Sequence[SheetLayout]):
    for layout in layouts:
        for block in layout.blocks:
            for row in block.values:
                for value in row:
                    if isinstance(value, str):
                        yield value
                    elif isinstance(value, Hyperlink):
                        yield value.text


def cited_in_order(layouts: Sequence[SheetLayout]) -> list[str]:
    """The keys of the notes `layouts` cite, in order of first citation."""
    order: list[str] = []
    for text in _texts(layouts):
        for key in _CITATION.findall(text):
            if key in NOTES and key not in order:
                order.append(key)
    return order


def note_label(number: int, lang: str = "en") -> str:
    """A numbered citation as the release's language writes it: "[note 1]", "[примечание 1]", "[ескертпе 1]"."""
    return f"[{sheet_words(lang)('note_label')} {number}]"


def number_notes(layouts: Sequence[SheetLayout], order: Sequence[str], lang: str = "en") -> list[SheetLayout]:
    """`layouts` with every citation of a note in `order` replaced by "[note N]" (in `lang`)."""
    numbers = {key: number for number, key in enumerate(order, start=1)}

    def numbered(value):
        if isinstance(value, str):
            return _CITATION.sub(lambda m: note_label(numbers[m.group(1)], lang) if m.group(1) in numbers
                                 else m.group(0), value)
        if isinstance(value, Hyperlink):
            return dataclasses.replace(value, text=numbered(value.text))
        return value

    def block(b: Block) -> Block:
        return dataclasses.replace(b, values=tuple(tuple(numbered(v) for v in row) for row in b.values))

    return [dataclasses.replace(layout, blocks=tuple(block(b) for b in layout.blocks)) for layout in layouts]

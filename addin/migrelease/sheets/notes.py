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

from migrelease.sheets.blocks import NOT_AVAILABLE, Block, Hyperlink, SheetLayout

NOTES: dict[str, str] = {
    "x": f"{NOT_AVAILABLE} means not available: the input has no figure for that region and period, or a share, "
         "change or rate has a zero denominator. It is never shown as 0 or left blank.",
    "shorthand": "Shorthand in sheet and table names: Y = by year; M = by month; All = all flows; Ext = external "
                 "migration (with the CIS and other countries); CIS = the Commonwealth of Independent States; Oth = "
                 "other countries (outside the CIS); Int = internal migration (between and within regions); Arr = "
                 "arrival; Dep = departure; Bal = balance (net migration); Rate = intensity per 1,000 population; "
                 "T_ = an Excel table.",
    "periods": "Periods: a span such as January–March 2026 is cumulative from January of that year; it is compared "
               "with the same period a year earlier. A whole year is the calendar year.",
    "identities": "The country's figure is the sum of the 20 regions. Net migration (balance) = arrivals − "
                  "departures. External migration = migration with the CIS countries + migration with other "
                  "countries. Internal migration counts moves between regions (interregional) and within a region "
                  "(intraregional); interregional net migration sums to zero for the country.",
    "intensity": "Migration intensity per 1,000 population = migrants ÷ population on 1 January × 1,000, "
                 "annualised: times 12 and divided by the number of months of the period. One decimal.",
    "ethnic": "The structure of external migration by ethnic group: each group's arrivals (departures) as a "
              "percentage of all external arrivals (departures) of the ethnic data; one decimal, so shares may not "
              "add up to exactly 100.0.",
    "rounding": "Percentages, changes and rates are rounded to one decimal as Excel's ROUND does (half away from "
                "zero). Counts are whole people.",
    "revised": "[r] means revised: the figure now differs from the value published for that region and period "
               "(published as a number or as not available). The Revisions sheet lists each revised figure with its "
               "published and its new value. Figures change when registrations made late or corrected reach the "
               "data, and when a year's annual data replace the sum of its months; periods new since the last "
               "publication are not revisions.",
    "checks": "Every refresh runs the consistency checks listed on the Checks sheet; an error stops the refresh, a "
              "warning asks for a review of the figures.",
}

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


def number_notes(layouts: Sequence[SheetLayout], order: Sequence[str]) -> list[SheetLayout]:
    """`layouts` with every citation of a note in `order` replaced by "[note N]"."""
    numbers = {key: number for number, key in enumerate(order, start=1)}

    def numbered(value):
        if isinstance(value, str):
            return _CITATION.sub(lambda m: f"[note {numbers[m.group(1)]}]" if m.group(1) in numbers
                                 else m.group(0), value)
        if isinstance(value, Hyperlink):
            return dataclasses.replace(value, text=numbered(value.text))
        return value

    def block(b: Block) -> Block:
        return dataclasses.replace(b, values=tuple(tuple(numbered(v) for v in row) for row in b.values))

    return [dataclasses.replace(layout, blocks=tuple(block(b) for b in layout.blocks)) for layout in layouts]

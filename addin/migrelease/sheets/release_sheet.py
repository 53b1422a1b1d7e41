"""The `_Release` sheet: the release stamp every refresh writes (and, from issue 18, the publication record).

Why a very hidden sheet and not custom document properties or a custom XML part: it is the one store that every
door writes through the same layout and writer interface (the file door, xlwings in Excel, xlwings Lite); it holds
thousands of rows (a custom property holds 255 characters in Excel); LibreOffice 7.4 keeps every cell of it on
save (it turns "very hidden" into "hidden", and the next refresh hides it again). All values are text, so no
program converts them on the way.
"""

from __future__ import annotations

from typing import Iterable

from migrelease.release.stamp import Stamp
from migrelease.sheets.blocks import Block, PrintSetup, SheetLayout

RELEASE_SHEET = "_Release"
STAMP_HEADER = ("Key", "Value")
STAMP_HEADER_ROW = 4


def release_sheet(stamp: Stamp) -> SheetLayout:
    rows = stamp.rows()
    return SheetLayout(
        name=RELEASE_SHEET,
        description="What the last refresh was made from (read by publish); written by every refresh",
        blocks=(
            Block(1, 1, (("Release stamp",),), "title"),
            Block(2, 1, (("Written by every refresh of migrelease and compared by `migrelease publish` with the "
                          "input sheets: do not edit.",),), "info"),
            Block(STAMP_HEADER_ROW, 1, (STAMP_HEADER,), "header"),
            Block(STAMP_HEADER_ROW + 1, 1, tuple((key,) for key, _ in rows), "label"),
            Block(STAMP_HEADER_ROW + 1, 2, tuple((value,) for _, value in rows), "text"),
        ),
        column_widths={1: 24, 2: 70},
        print_setup=PrintSetup(),  # prints like every sheet of the release, should anyone unhide it
        visibility="veryHidden",
    )


def stamp_from_rows(rows: Iterable | None) -> Stamp | None:
    """The stamp in the `_Release` sheet's rows as a door read them (None: no sheet, or not a readable stamp)."""
    return None if rows is None else Stamp.from_rows(rows)

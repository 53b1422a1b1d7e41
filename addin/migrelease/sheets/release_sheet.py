"""The `_Release` sheet: the release stamp every refresh writes, and the publication record (issue 18) that
`publish` writes and every refresh carries over unchanged (sheets/publication_record.py; columns D onwards).

Why a very hidden sheet and not custom document properties or a custom XML part: it is the one store that every
door writes through the same layout and writer interface (the file door, xlwings in Excel, xlwings Lite); it holds
thousands of rows (a custom property holds 255 characters in Excel); LibreOffice 7.4 keeps every cell of it on
save (it turns "very hidden" into "hidden", and the next refresh hides it again). All values are text, so no
program converts them on the way.
"""

from __future__ import annotations

from typing import Iterable

from migrelease.release.stamp import Stamp
from migrelease.sheets.blocks import PrintSetup, SheetLayout, key_value_blocks
from migrelease.sheets.publication_record import NO_RECORD, PublicationRecord, record_blocks, record_column_widths

RELEASE_SHEET = "_Release"
STAMP_HEADER = ("Key", "Value")
STAMP_HEADER_ROW = 4


def release_sheet(stamp: Stamp, record: PublicationRecord = NO_RECORD) -> SheetLayout:
    """The stamp of this refresh, and the publication record as the workbook holds it."""
    rows = stamp.rows()
    return SheetLayout(
        name=RELEASE_SHEET,
        description="What the last refresh was made from (read by publish); written by every refresh",
        blocks=(
            *key_value_blocks("Release stamp", "Written by every refresh of migrelease and compared by "
                              "`migrelease publish` with the input sheets: do not edit.", STAMP_HEADER, rows,
                              STAMP_HEADER_ROW),
            *record_blocks(record),
        ),
        column_widths={1: 24, 2: 70, **record_column_widths(record)},
        print_setup=PrintSetup(),  # prints like every sheet of the release, should anyone unhide it
        visibility="veryHidden",
    )


def stamp_from_rows(rows: Iterable | None) -> Stamp | None:
    """The stamp in the `_Release` sheet's rows as a door read them (None: no sheet, or not a readable stamp)."""
    return None if rows is None else Stamp.from_rows(rows)

"""The one button: refresh the open workbook in Excel through xlwings, writing what the file door writes.

Reads each input sheet once, computes everything with the core, and only then writes: one `Range.value`
assignment per layout block, with screen updating and calculation off. Bad data writes nothing and shows one
message listing every problem.
"""

from __future__ import annotations

import xlwings as xw

from migrelease.engines.xlwings_book import refresh_book
from migrelease.engines.xlwings_engine import XlwingsWriter
from migrelease.sheets.plan import RefreshPlan


def refresh(book=None) -> RefreshPlan | None:
    """Refresh every generated sheet of the workbook (the 'Refresh release' button runs this); returns what was
    written, or None when the data has problems (shown to the user, nothing written)."""
    book = book or xw.Book.caller()
    app = book.app
    writer = XlwingsWriter(book)
    writer.progress = lambda name, number, count: setattr(
        app, "status_bar", f"Refresh release: writing {name} ({number} of {count})…")
    return refresh_book(book, writer, status=lambda text: setattr(app, "status_bar", text),
                        writing=lambda: app.properties(screen_updating=False, calculation="manual"))

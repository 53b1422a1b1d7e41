"""One writer interface for every door: how a list of sheet layouts becomes sheets of a workbook.

`LayoutWriter.write` decides the order of operations and what each part of a layout means, once; an engine
(the file door's, xlwings' for the Windows button, XlsxWriter's for the build, the xlwings Lite door's) only
says how its library puts a block of cells, a table, a width, a frozen pane or a chart into the workbook. Styles
come from the one theme (`theme.THEME`), which each engine translates into its own objects.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, Callable, Sequence

from migrelease.sheets.blocks import Block, Chart, ExcelTable, PrintSetup, SheetLayout
from migrelease.sheets.theme import CellStyle, style


class LayoutWriter(ABC):
    """Writes layouts into one workbook. Subclasses implement the primitives below for one library."""

    # Told each sheet's name, number and the count before it is written (e.g. for Excel's status bar).
    progress: Callable[[str, int, int], None] | None = None

    def write(self, layouts: Sequence[SheetLayout], after: Any | None = None) -> None:
        """Every layout in order (an existing sheet of the same name is rewritten in place, a new one goes after
        the previous layout's sheet — the first after `after`, or at the front), then the charts, whose series
        may refer to any sheet of the layout."""
        sheets: dict[str, Any] = {}
        previous = after
        for number, layout in enumerate(layouts, start=1):
            if self.progress is not None:
                self.progress(layout.name, number, len(layouts))
            sheet = self.sheet_for(layout, previous)
            sheets[layout.name] = sheet
            for block in layout.blocks:
                self.write_block(sheet, block, style(block.style))
            for table in layout.tables:
                self.add_table(sheet, table, layout.table_headers(table))
            for column, width in sorted(layout.column_widths.items()):
                self.set_column_width(sheet, column, width)
            for row, height in sorted(layout.row_heights.items()):
                self.set_row_height(sheet, row, height)
            if layout.freeze_panes is not None:
                self.freeze_panes(sheet, *layout.freeze_panes)
            if layout.print_setup is not None:
                self.set_print_setup(sheet, layout.print_setup)
            if layout.visibility != "visible":
                self.set_visibility(sheet, layout.visibility)
            previous = sheet
        for layout in layouts:
            for chart in layout.charts:
                self.add_chart(sheets[layout.name], chart)
        self.finish(layouts)

    # --- the primitives an engine implements --------------------------------------------------------------
    @abstractmethod
    def sheet_for(self, layout: SheetLayout, previous: Any | None) -> Any:
        """The engine's sheet for `layout`, empty: the existing sheet of that name cleared, else a new sheet
        placed after `previous` (the previous layout's sheet; None = at the front)."""

    @abstractmethod
    def write_block(self, sheet: Any, block: Block, cell_style: CellStyle) -> None:
        """The block's values (numbers, text as text, Formula with its value, Hyperlink) in `cell_style`."""

    @abstractmethod
    def add_table(self, sheet: Any, table: ExcelTable, headers: list[str]) -> None:
        ...

    @abstractmethod
    def set_column_width(self, sheet: Any, column: int, width: float) -> None:
        ...

    @abstractmethod
    def set_row_height(self, sheet: Any, row: int, height: float) -> None:
        ...

    @abstractmethod
    def freeze_panes(self, sheet: Any, row: int, column: int) -> None:
        """Rows above `row` and columns left of `column` stay in view."""

    @abstractmethod
    def set_print_setup(self, sheet: Any, setup: PrintSetup) -> None:
        ...

    @abstractmethod
    def set_visibility(self, sheet: Any, visibility: str) -> None:
        ...

    @abstractmethod
    def add_chart(self, sheet: Any, chart: Chart) -> None:
        ...

    def finish(self, layouts: Sequence[SheetLayout]) -> None:
        """Anything the engine does once all sheets are written (e.g. which sheet the workbook opens on)."""

"""The release's one theme: every cell style a layout may name, declared once as neutral data.

Each writer engine (file, xlwings, XlsxWriter, xlwings Lite) translates these into its own library's objects, so
a style means the same thing whichever door writes the workbook (as pandas' Excel writers convert one neutral
style per engine).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

COUNT_FORMAT = "#,##0;-#,##0;0"
PERCENT_FORMAT = "0.0"


@dataclass(frozen=True)
class Font:
    bold: bool = False
    italic: bool = False
    size: float = 11.0
    color: str | None = None  # RRGGBB; None = the workbook's default (automatic)
    underline: bool = False  # single underline


@dataclass(frozen=True)
class Border:
    style: str = "thin"
    color: str = "808080"


@dataclass(frozen=True)
class CellStyle:
    font: Font = field(default_factory=Font)
    fill: str | None = None  # solid fill colour RRGGBB
    bottom_border: Border | None = None
    horizontal: str | None = None  # "left", "center", "right"; None = Excel's general alignment
    vertical: str | None = None  # "top", "center"; None = Excel's default (bottom)
    wrap: bool = False
    number_format: str = "General"


THEME: dict[str, CellStyle] = {
    "title": CellStyle(font=Font(bold=True, size=14)),
    "subtitle": CellStyle(font=Font(bold=True, size=12)),
    "info": CellStyle(),
    "header": CellStyle(font=Font(bold=True), fill="DDEBF7", bottom_border=Border(), vertical="top", wrap=True),
    "label": CellStyle(),
    "count": CellStyle(number_format=COUNT_FORMAT, horizontal="right"),
    "percent": CellStyle(number_format=PERCENT_FORMAT, horizontal="right"),
    "indicator": CellStyle(horizontal="right"),
    "text": CellStyle(number_format="@"),
    "wrap": CellStyle(wrap=True, vertical="top"),
    "link": CellStyle(font=Font(color="0563C1", underline=True)),
}
TABLE_STYLE = "TableStyleLight9"

# Column widths in layouts are as the file stores them (<col width>: characters of the body font's widest digit,
# cell padding included). Excel's object model and XlsxWriter take the width Excel shows instead (padding left
# out), Office.js takes points: ECMA-376 Part 1, §18.3.1.13 converts between them.
MAX_DIGIT_WIDTH = 7  # pixels of a digit in the body font, Calibri 11, at 96 dpi
CELL_PADDING = 5  # pixels


def column_pixels(width: float) -> int:
    """The pixels of a column whose stored width is `width`."""
    return math.trunc(((256 * width + math.trunc(128 / MAX_DIGIT_WIDTH)) / 256) * MAX_DIGIT_WIDTH)


def column_characters(width: float) -> float:
    """The width Excel shows (and takes through its object model) for a stored width, e.g. 16 -> 15.29."""
    return math.trunc((column_pixels(width) - CELL_PADDING) / MAX_DIGIT_WIDTH * 100 + 0.5) / 100  # Excel's built-in table style name (XlsxWriter spells it "Table Style Light 9")


def style(name: str) -> CellStyle:
    try:
        return THEME[name]
    except KeyError:
        raise KeyError(f"the theme has no cell style '{name}' (it has {', '.join(THEME)})") from None

"""The Settings sheet the user edits: a small key/value table a refresh reads and never writes over."""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from migrelease.release.checks import CHANGE_MINIMUM, CHANGE_MINIMUM_SETTING
from migrelease.sheets.blocks import ExcelTable, SheetLayout, key_value_blocks

SETTINGS_SHEET = "Settings"
SETTINGS_HEADER = ("Setting", "Value")
SETTING_PUBLICATION = "Date of publication"
SETTING_NEXT_PUBLICATION = "Date of next publication"
SETTING_CONTACT_DETAILS = "Contact details"
SETTING_LANGUAGE = "Language"  # of the whole release: en, ru or kk (English, Русский, Қазақша); --lang overrides
DEFAULT_SETTINGS = ((SETTING_PUBLICATION, None), (SETTING_NEXT_PUBLICATION, None), (SETTING_CONTACT_DETAILS, None),
                    (SETTING_LANGUAGE, "en"), (CHANGE_MINIMUM_SETTING, CHANGE_MINIMUM))
SETTINGS_DESCRIPTION = "Settings you edit: dates of publication, contact details, language (a refresh never " \
                       "overwrites them)"


def format_setting(value) -> str | None:
    """A setting as the Cover prints it: dates as dd.mm.yyyy, text trimmed; None when blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def settings_from_rows(rows: Iterable) -> dict[str, str]:
    """The key/value pairs under the Settings table's header row (first column = key)."""
    settings, in_table = {}, False
    for row in rows:
        cells = list(row) + [None, None]
        key = cells[0].strip() if isinstance(cells[0], str) else cells[0]
        if not in_table:
            in_table = isinstance(key, str) and key.casefold() == SETTINGS_HEADER[0].casefold()
            continue
        if isinstance(key, str) and key:
            value = format_setting(cells[1] if cells[1] != "" else None)
            if value is not None:
                settings[key] = value
    return settings


def settings_sheet(values: dict[str, object] | None = None) -> SheetLayout:
    """The Settings sheet with `values` (default: blank dates); written only when the workbook has none."""
    values = dict(values or {})
    rows = [(key, values.pop(key, default)) for key, default in DEFAULT_SETTINGS]
    rows += list(values.items())
    rows = tuple((key, format_setting(value) if isinstance(value, (dt.date, dt.datetime)) else value)
                 for key, value in rows)
    header_row = 4
    return SheetLayout(
        name=SETTINGS_SHEET,
        description=SETTINGS_DESCRIPTION,
        blocks=key_value_blocks("Settings", "Edit the values in column B (dates as dd.mm.yyyy; language en, ru or kk); "
                                "a refresh reads them and never overwrites this sheet.", SETTINGS_HEADER, rows,
                                header_row),
        tables=(ExcelTable("T_Settings", header_row, 1, header_row + len(rows), 2),),
        column_widths={1: 30, 2: 40},
    )


def created_settings(values: dict[str, object] | None = None) -> dict[str, str]:
    """The settings a Settings sheet created by a refresh holds (what the release stamp fingerprints when the
    workbook had none): read back from `settings_sheet(values)` as a door would read it."""
    layout = settings_sheet(values)
    last = max(block.row + block.height for block in layout.blocks)
    return settings_from_rows([layout.cell(row, 1), layout.cell(row, 2)] for row in range(1, last))

"""Input and Settings sheets written into openpyxl workbooks, for building test workbooks."""

from __future__ import annotations

import pandas as pd

from migrelease.engines.openpyxl_engine import OpenpyxlWriter, set_cell
from migrelease.model.facts import TableSpec
from migrelease.model.input_rows import sheet_rows
from migrelease.sheets.settings import SETTINGS_SHEET, settings_sheet


def write_input_sheet(workbook, spec: TableSpec, frame: pd.DataFrame, index: int | None = None):
    """Write (or replace) the sheet `spec.sheet` of an openpyxl workbook with the validated `frame`."""
    if spec.sheet in workbook.sheetnames:
        index = workbook.sheetnames.index(spec.sheet) if index is None else index
        workbook.remove(workbook[spec.sheet])
    sheet = workbook.create_sheet(spec.sheet, index)
    for row_number, row in enumerate(sheet_rows(spec, frame), start=1):
        for column_number, value in enumerate(row, start=1):
            set_cell(sheet.cell(row_number, column_number), value)  # text such as "=1+2" stays text
    for column, name in zip("ABCDE", spec.column_names):
        sheet.column_dimensions[column].width = max(12, len(name) + 4) if name != "region" else 28
    sheet.freeze_panes = "A2"
    return sheet


def write_settings_sheet(workbook, values: dict[str, object] | None = None):
    """Write (or replace) the Settings sheet with `values` (e.g. the dates of publication), at the end."""
    if SETTINGS_SHEET in workbook.sheetnames:
        workbook.remove(workbook[SETTINGS_SHEET])
    OpenpyxlWriter(workbook).write([settings_sheet(values)], after=workbook.worksheets[-1])
    return workbook[SETTINGS_SHEET]

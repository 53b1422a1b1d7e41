"""Input sheets (Data, Population, Ethnicity, Settings) written from validated frames, for building workbooks.

`write_input_sheet(workbook, spec, frame)` writes the columns of `spec` in order, periods as YYYY-MM or YYYY,
regions by their English name, so the sheet reads back through the same validator to the same frame.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .facts import TableSpec, validate
from .regions import regions


def _period_text(year: int, month: int) -> str:
    return f"{year}-{month:02d}" if month else f"{year}"


def sheet_rows(spec: TableSpec, frame: pd.DataFrame) -> list[list]:
    """The cells of the sheet for a validated frame: header first."""
    names = {region.kato: region.name_en for region in regions()}
    columns = []
    for name in spec.column_names:
        if name == "period":
            columns.append([_period_text(int(y), int(m)) for y, m in zip(frame["year"], frame["month"])])
        elif name == "region":
            columns.append([names[kato] for kato in frame["region"]])
        else:
            columns.append([int(v) if isinstance(v, (int, float)) else v
                            for v in frame[name].tolist()])
    return [list(spec.column_names), *map(list, zip(*columns))]


def write_input_sheet(workbook, spec: TableSpec, frame: pd.DataFrame, index: int | None = None):
    """Write (or replace) the sheet `spec.sheet` of an openpyxl workbook with the validated `frame`."""
    from .openpyxl_writer import set_cell

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


def read_csv_frame(path: str | Path, spec: TableSpec) -> pd.DataFrame:
    """A CSV input validated against `spec` (raises InputProblems)."""
    from .csv_source import read_csv_table

    return validate(read_csv_table(Path(path)), spec)


def write_settings_sheet(workbook, values: dict[str, object] | None = None):
    """Write (or replace) the Settings sheet with `values` (e.g. the dates of publication), at the end."""
    from .openpyxl_writer import write_sheet
    from .publication import SETTINGS_SHEET, settings_sheet

    if SETTINGS_SHEET in workbook.sheetnames:
        workbook.remove(workbook[SETTINGS_SHEET])
    sheet = write_sheet(workbook, settings_sheet(values))
    workbook.move_sheet(sheet, len(workbook.sheetnames) - 1 - workbook.sheetnames.index(sheet.title))
    return sheet

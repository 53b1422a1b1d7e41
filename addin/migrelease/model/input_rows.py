"""Input tables as rows of cells: read (rows -> RawTable, whichever door read the sheet) and written back
(validated frame -> rows, for building workbooks and for a Data sheet that comes from a CSV).

`sheet_rows(spec, frame)` gives the columns of `spec` in order, periods as YYYY-MM or YYYY, regions by their
English name, so the rows read back through the same validator to the same frame.
"""

from __future__ import annotations

import pandas as pd

from migrelease.model.a1 import column_letter
from migrelease.model.facts import RawTable, TableSpec
from migrelease.model.problems import InputProblems, Problem
from migrelease.model.regions import regions


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


def raw_table_from_rows(sheet_name: str, rows: list[list], spec: TableSpec, top_row: int = 1,
                        left_column: int = 1) -> RawTable:
    """Cells of a sheet region whose top-left cell is (top_row, left_column): the header is the first row
    holding any of spec's column names; row numbers and column letters are the ones Excel shows."""
    source = f"sheet '{sheet_name}'"
    wanted = set(spec.column_names)
    header_index = next((i for i, row in enumerate(rows)
                         if any(isinstance(cell, str) and cell.strip().casefold() in wanted for cell in row)), None)
    if header_index is None:
        raise InputProblems([Problem(source, top_row, None, f"has no header row with the columns "
                                                            f"{', '.join(spec.column_names)}")])
    header = list(rows[header_index])
    body = [list(row) for row in rows[header_index + 1:]]
    while body and all(cell in ("", None) for cell in body[-1]):
        body.pop()
    return RawTable(source, header, body, first_row_number=top_row + header_index + 1,
                    column_labels=[column_letter(left_column + i) for i in range(len(header))])

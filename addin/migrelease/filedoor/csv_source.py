"""A CSV file as a RawTable: UTF-8 (with or without BOM), comma, semicolon or tab separated."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

from migrelease.model.facts import RawTable, TableSpec, validate
from migrelease.model.problems import InputProblems, Problem

_DELIMITERS = ",;\t"
_SEPARATOR_HINT = re.compile(r'^\s*"?sep=(.)"?\s*$', re.IGNORECASE)


def read_csv_table(path: str | Path) -> RawTable:
    path = Path(path)
    source = f"file '{path.name}'"
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputProblems([Problem(source, None, None, f"cannot be read: {error.strerror or error}")]) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
        raise InputProblems([Problem(source, line, None,
                                     "is not UTF-8 text; save it as 'CSV UTF-8 (comma delimited)'")]) from None
    if "\x00" in text:
        raise InputProblems([Problem(source, None, None, "is not a text (CSV) file")])
    # Lines end in \r\n (Windows), \n, or a lone \r (old Mac exports): one ending for the csv module.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise InputProblems([Problem(source, 1, None, "has no header line (period,region,flow,direction,people)")])
    # Excel's separator hint: a first line `sep=;` names the separator and is not the header.
    hint = _SEPARATOR_HINT.match(lines[0])
    skipped = 0
    if hint:
        skipped = 1
        text = text.split("\n", 1)[1] if "\n" in text else ""
        lines = lines[1:]
        if not lines or not lines[0].strip():
            raise InputProblems([Problem(source, 2, None, "has no header line after its 'sep=' line")])
    header_line = lines[0]
    # The separator is the hint's, else the one the header uses; Excel in Russian or Kazakh locales saves ';'.
    delimiter = hint.group(1) if hint else max(_DELIMITERS, key=header_line.count)
    rows = _csv_rows(source, text, delimiter)
    header, body = rows[0], rows[1:]
    first = 2 + skipped  # the line number of the first data line, as an editor shows it
    # Blank lines (e.g. a trailing one) are not data; keep the line numbers of the rest as the user sees them.
    numbered = [(number, row) for number, row in enumerate(body, start=first) if any(cell.strip() for cell in row)]
    if numbered and numbered[-1][0] - first + 1 != len(numbered):
        return _with_line_numbers(source, header, numbered, first)
    return RawTable(source, header, [row for _, row in numbered], first_row_number=first)


_UNCLOSED_QUOTE = 'has a value that opens a quote (") and does not close it on the same line'


def _csv_rows(source: str, text: str, delimiter: str) -> list[list[str]]:
    """Every line as a row of cells. A value may not span lines: an unclosed quote would otherwise swallow the
    rest of the file into one cell (or overflow the csv module's field limit)."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows, line = [], 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            if text.count('"') % 2:  # a quote left open on the last line runs quietly to the end of the file
                raise InputProblems([Problem(source, line - 1, None, _UNCLOSED_QUOTE)]) from None
            return rows
        except csv.Error as error:
            message = _UNCLOSED_QUOTE if "field larger" in str(error) else f"cannot be read as CSV ({error})"
            raise InputProblems([Problem(source, line, None, message)]) from None
        if reader.line_num != line:
            raise InputProblems([Problem(source, line, None, _UNCLOSED_QUOTE)])
        rows.append(row)
        line = reader.line_num + 1


def _with_line_numbers(source: str, header: list, numbered: list[tuple[int, list]], first: int = 2) -> RawTable:
    """Blank lines inside the file: report them, since a gap usually means a broken export."""
    expected = first
    problems = []
    for number, _ in numbered:
        for blank_line in range(expected, number):
            problems.append(Problem(source, blank_line, None, "is an empty line inside the data"))
        expected = number + 1
    raise InputProblems(problems)


def read_csv_frame(path: str | Path, spec: TableSpec) -> pd.DataFrame:
    """A CSV input validated against `spec` (raises InputProblems)."""
    return validate(read_csv_table(Path(path)), spec)

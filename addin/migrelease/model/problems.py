"""Problems found in the user's input, collected and reported together before anything is written."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    source: str  # "sheet 'Data'" or "file 'data.csv'"
    row: int | None  # the row the user sees: Excel row number, or CSV line number (header = line 1)
    column: str | None  # "E (people)" in a sheet, "people" in a CSV
    message: str

    def __str__(self) -> str:
        where = [self.source]
        if self.row is not None:
            where.append(f"{'line' if self.source.startswith('file') else 'row'} {self.row}")
        if self.column is not None:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}"


class InputProblems(Exception):
    """Every problem found in the input; nothing has been written."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        heading = f"{count} problem{'s' if count != 1 else ''} found; nothing was written:"
        return "\n".join([heading, *(f"  - {problem}" for problem in self.problems)])

    @classmethod
    def missing_sheet(cls, spec) -> "InputProblems":
        return cls([Problem(f"sheet '{spec.sheet}'", None, None,
                            f"is missing: the workbook needs a '{spec.sheet}' sheet with columns "
                            f"{', '.join(spec.column_names)}")])

"""`migrelease validate`: every check a refresh makes, on a workbook's inputs or a CSV, all problems in one pass,
nothing written.

Where a refresh stops at the first kind of problem (bad cells are reported before completeness is looked at),
validate carries on with the rows that are sound: completeness and the consistency rules run on them, so one
run lists what a user must fix. A refresh makes the same checks: a workbook validate passes, refresh accepts.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from migrelease.filedoor.calamine_source import book_settings, open_for_reading, read_sheet_table
from migrelease.filedoor.csv_source import read_csv_table
from migrelease.filedoor.refresh import check_workbook_file, explain_blank_formulas
from migrelease.model.facts import DATA, ETHNICITY, POPULATION, validate_partially
from migrelease.model.problems import InputProblems, Problem
from migrelease.release.checks import check_release, raise_errors, warning_lines
from migrelease.release.compute import compute_release, resolve_options


@dataclass
class ValidationReport:
    checked: list[str] = field(default_factory=list)  # what was read: "sheet 'Data' (4000 rows)", …
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def text(self) -> str:
        lines = [f"Checked {', '.join(self.checked) or 'nothing'}."]
        if self.problems:
            lines.append(InputProblems(self.problems).report().replace("nothing was written", "nothing was changed"))
        else:
            lines.append("No problems: a refresh would accept these inputs.")
        return "\n".join(lines + self.warnings)


def _raw_tables(workbook: Path | None, data_csv: Path | None):
    raws, settings = {}, {}
    if workbook is not None:
        check_workbook_file(workbook, for_writing=False)
        book = open_for_reading(workbook)
        if data_csv is None:
            raws[DATA] = read_sheet_table(book, DATA)
        raws[POPULATION] = read_sheet_table(book, POPULATION, required=False)
        raws[ETHNICITY] = read_sheet_table(book, ETHNICITY, required=False)
        settings = book_settings(book)
    if data_csv is not None:
        raws[DATA] = read_csv_table(data_csv)
    return raws, settings


def validate_inputs(workbook: Path | None, data_csv: Path | None = None, period: str | None = None,
                    missing_rows: str | None = None) -> ValidationReport:
    report = ValidationReport()
    if workbook is None and data_csv is None:
        report.problems.append(Problem("command line", None, None, "give a workbook, --data FILE.csv, or both"))
        return report
    try:
        raws, settings = _raw_tables(workbook, data_csv)
        options = resolve_options(settings, missing_rows)
    except InputProblems as error:
        report.problems += error.problems
        return report
    frames = {}
    for spec, raw in raws.items():
        if raw is None:
            continue
        report.checked.append(f"{raw.source} ({len(raw.rows)} rows)")
        frames[spec], problems = validate_partially(raw, spec)
        report.problems += explain_blank_formulas(workbook, problems) if workbook is not None else problems
    facts = frames.get(DATA)
    if facts is None or facts.empty:
        return report
    source = raws[DATA].source
    try:
        compute_release(facts, period, source, frames.get(POPULATION), frames.get(ETHNICITY), languages=(),
                        settings=settings, options=options)
    except InputProblems as error:
        report.problems += error.problems
    try:  # the consistency rules, on what can be computed despite gaps
        release = compute_release(facts, period, source, frames.get(POPULATION), frames.get(ETHNICITY),
                                  languages=(), settings=settings,
                                  options=dataclasses.replace(options, allow_incomplete=True))
    except InputProblems:
        return report  # already reported (a bad period, no monthly rows)
    results = check_release(release)
    try:
        raise_errors(results)  # the error rules' breaks, worded as a refresh words them
    except InputProblems as error:
        report.problems += error.problems
    report.warnings = warning_lines(tuple(result for result in results if result.rule.stops_refresh))
    return report

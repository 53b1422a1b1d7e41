"""The Checks sheet every refresh writes: each consistency rule, its result and the rows that break it."""

from __future__ import annotations

from migrelease.release.checks import RuleResult
from migrelease.release.compute import Release
from migrelease.sheets.blocks import Block, ExcelTable, SheetLayout, cell_value
from migrelease.sheets.notes import cite
from migrelease.text.period_labels import span_label

CHECKS_SHEET = "Checks"
MAX_DETAIL_ROWS = 500


def checks_sheet(release: Release, results: tuple[RuleResult, ...]) -> SheetLayout:
    errors = sum(result.result == "error" for result in results)
    warnings = sum(result.result == "warning" for result in results)
    summary_row = 5
    summary = tuple((result.rule.number, result.rule.text, result.rule.severity, result.result,
                     len(result.findings)) for result in results)
    details = [(result.rule.number, result.result, finding.where, finding.row, finding.period,
                cell_value(finding.found),
                finding.expected if isinstance(finding.expected, str) else cell_value(finding.expected))
               for result in results for finding in result.findings]
    shown = details[:MAX_DETAIL_ROWS]
    blocks = [
        Block(1, 1, ((f"Checks, {span_label(release.span)}",),), "title"),
        Block(2, 1, ((f"Every refresh runs these rules {cite('checks')}: an error stops the refresh, a warning "
                      "asks for a review of the rows listed below.",),
                     (f"Result: {errors} error(s), {warnings} warning(s); {len(details)} row(s) break a rule.",)),
              "info"),
        Block(summary_row, 1, (("Rule", "Check", "Severity if broken", "Result", "Rows breaking it (number)"),),
              "header"),
        Block(summary_row + 1, 1, summary, "label"),
    ]
    tables = [ExcelTable("T_Checks", summary_row, 1, summary_row + len(summary), 5)]
    detail_top = summary_row + len(summary) + 2
    if shown:
        more = (f"; the first {len(shown)} of {len(details)} are listed" if len(details) > len(shown) else "")
        blocks += [
            Block(detail_top, 1, ((f"Rows breaking a rule{more}",),), "subtitle"),
            Block(detail_top + 1, 1, (("Rule", "Result", "Sheet or input", "Row", "Period", "Found",
                                       "Expected"),), "header"),
            Block(detail_top + 2, 1, tuple(row[:5] for row in shown), "label"),
            Block(detail_top + 2, 6, tuple(row[5:] for row in shown), "indicator"),
        ]
        tables.append(ExcelTable("T_Check_rows", detail_top + 1, 1, detail_top + 1 + len(shown), 7))
    else:
        blocks.append(Block(detail_top, 1, (("No row breaks any rule.",),), "info"))
    return SheetLayout(
        name=CHECKS_SHEET,
        description="The consistency checks of this refresh: each rule, its result and the rows that break it",
        blocks=tuple(blocks),
        tables=tuple(tables),
        column_widths={1: 8, 2: 70, 3: 24, 4: 28, 5: 30, 6: 14, 7: 14},
        row_heights={summary_row: 30},
    )

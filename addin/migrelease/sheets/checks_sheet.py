"""The sheets every refresh writes about its consistency checks, one Excel table each: Checks (each rule and its
result) and Check rows (the rows the rules flag), in the release's language."""

from __future__ import annotations

from migrelease.model.periods import Span
from migrelease.model.regions import Region
from migrelease.release.checks import CHANGE_LIMIT, Finding, RuleResult
from migrelease.release.compute import Release
from migrelease.sheets.blocks import Block, ExcelTable, SheetLayout, cell_value, wrapped_height
from migrelease.sheets.labels import header_height, period_label
from migrelease.sheets.notes import cite
from migrelease.sheets.words import SheetWords, sheet_words

CHECKS_SHEET = "Checks"
CHECK_ROWS_SHEET = "Check_rows"
MAX_DETAIL_ROWS = 500
HEADER_ROW = 5
_DETAIL_WORDS = {"interregional": "flow.interregional", "intraregional": "flow.intraregional", "cis": "flow.cis",
                 "other": "flow.other", "arrival": "direction.arrival", "departure": "direction.departure",
                 "balance": "measure.balance", "population": "population"}
_FIGURE_WORDS = {"cis arrival share": "indicator.cis_arrival_share",
                 "cis departure share": "indicator.cis_departure_share",
                 "other arrival share": "indicator.other_arrival_share",
                 "other departure share": "indicator.other_departure_share"}


def where_label(finding: Finding, words: SheetWords) -> str:
    """The sheet (a code, the same in every language) and the words qualifying it, in `words`' language."""
    detail = " ".join(words(_DETAIL_WORDS[key]) if key in _DETAIL_WORDS else key for key in finding.detail)
    return finding.sheet + (f" ({detail})" if detail else "")


def subject_label(finding: Finding, words: SheetWords) -> str:
    subject = finding.subject
    if isinstance(subject, Region):
        return subject.name(words.code)
    if subject in _FIGURE_WORDS:
        return words(_FIGURE_WORDS[subject])
    return words.ethnic_group(subject)


def spans_label(spans: tuple[Span, ...], words: SheetWords) -> str:
    labels = [period_label(span, words.code) for span in spans]
    return words("period.versus", current=labels[0], previous=labels[1]) if len(labels) == 2 else labels[0]


def expected_label(finding: Finding, words: SheetWords):
    if isinstance(finding.expected, str):
        return words(f"expected.{finding.expected}", limit=f"{CHANGE_LIMIT:g}")
    return cell_value(finding.expected)


def checks_sheet(release: Release, results: tuple[RuleResult, ...]) -> SheetLayout:
    words = sheet_words(release.lang)
    period = period_label(release.span, release.lang)
    errors = sum(result.result == "error" for result in results)
    warnings = sum(result.result == "warning" for result in results)
    rows = sum(len(result.findings) for result in results)
    summary = tuple((result.rule.number, words.rules[result.rule.number].format(**dict(result.parameters)),
                     words(f"severity.{result.rule.severity}"), words(f"severity.{result.result}"),
                     len(result.findings)) for result in results)
    header = (words("checks.rule"), words("checks.check"), words("checks.severity"), words("checks.outcome"),
              words("checks.count"))
    widths = {1: 10, 2: 70, 3: 18, 4: 16, 5: 18}
    return SheetLayout(
        name=CHECKS_SHEET,
        description=words("checks.sheet_description"),
        blocks=(
            Block(1, 1, ((words("checks.title", period=period),),), "title"),
            Block(2, 1, ((words("checks.info", note=cite("checks")),),
                         (words("checks.result", errors=errors, warnings=warnings, rows=rows),)), "info"),
            Block(HEADER_ROW, 1, (header,), "header"),
            Block(HEADER_ROW + 1, 1, tuple((row[0],) for row in summary), "label"),
            Block(HEADER_ROW + 1, 2, tuple((row[1],) for row in summary), "wrap"),
            Block(HEADER_ROW + 1, 3, tuple(row[2:] for row in summary), "label"),
        ),
        tables=(ExcelTable("T_Checks", HEADER_ROW, 1, HEADER_ROW + len(summary), len(header)),),
        column_widths=widths,
        row_heights={HEADER_ROW: max(header_height([text], widths[i]) for i, text in enumerate(header, start=1)),
                     **{HEADER_ROW + i: wrapped_height(row[1], widths[2]) for i, row in enumerate(summary, start=1)}},
    )


def check_rows_sheet(release: Release, results: tuple[RuleResult, ...]) -> SheetLayout:
    """Every row a rule flags (the first MAX_DETAIL_ROWS), one table; one row saying so when none is flagged."""
    words = sheet_words(release.lang)
    details = [(result.rule.number, words(f"severity.{result.result}"), where_label(finding, words),
                subject_label(finding, words), spans_label(finding.spans, words), cell_value(finding.found),
                expected_label(finding, words))
               for result in results for finding in result.findings]
    shown = details[:MAX_DETAIL_ROWS] or [("", "", "", words("check_rows.none"), "", "", "")]
    more = words("check_rows.more", shown=len(shown), total=len(details)) if len(details) > len(shown) else ""
    header = (words("checks.rule"), words("checks.outcome"), words("check_rows.where"), words("check_rows.row"),
              words("check_rows.period"), words("check_rows.found"), words("check_rows.expected"))
    widths = {1: 9, 2: 14, 3: 24, 4: 30, 5: 34, 6: 12, 7: 16}
    return SheetLayout(
        name=CHECK_ROWS_SHEET,
        description=words("check_rows.sheet_description"),
        blocks=(
            Block(1, 1, ((words("check_rows.title", period=period_label(release.span, release.lang)),),), "title"),
            Block(2, 1, ((words("check_rows.info", more=more),),), "info"),
            Block(HEADER_ROW, 1, (header,), "header"),
            Block(HEADER_ROW + 1, 1, tuple(row[:2] for row in shown), "label"),
            Block(HEADER_ROW + 1, 3, tuple(row[2:5] for row in shown), "wrap"),
            Block(HEADER_ROW + 1, 6, tuple(row[5:] for row in shown), "indicator"),
        ),
        tables=(ExcelTable("T_Check_rows", HEADER_ROW, 1, HEADER_ROW + len(shown), len(header)),),
        column_widths=widths,
        row_heights={HEADER_ROW: max(header_height([text], widths[i]) for i, text in enumerate(header, start=1)),
                     **{HEADER_ROW + i: max(wrapped_height(str(text), widths[column])
                                            for column, text in enumerate(row[2:5], start=3))
                        for i, row in enumerate(shown, start=1)}},
    )

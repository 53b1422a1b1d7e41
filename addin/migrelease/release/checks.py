"""Consistency checks of a computed release, declared as rules.

A rule finds the rows that break it; a broken rule is an error (the refresh stops before anything is written:
`raise_errors`) or a warning (written on the Check rows sheet and printed by the CLI).

A finding names what it is about as data — the sheet code, the words qualifying it (flow, direction, measure), the
region or group, the periods — so the Checks sheets word it in the release's language and the CLI in English.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Iterator

import numpy as np

from migrelease.model.completeness import COMBINATIONS
from migrelease.model.cube import MEASURES
from migrelease.model.facts import DIRECTIONS, FLOWS
from migrelease.model.measures import change
from migrelease.model.periods import Span
from migrelease.model.problems import InputProblems, Problem
from migrelease.model.regions import COUNTRY, Region, regions
from migrelease.release.compute import Release
from migrelease.release.supplementary import INTENSITY_SHEETS
from migrelease.model.tables import TABLE_SPECS, table_code
from migrelease.text.period_labels import span_label

TOLERANCE = 0.5  # counts are whole people: anything off by half a person or more is a break
CHANGE_LIMIT = 50.0  # % versus the same period a year earlier beyond which a figure is flagged for review
# A change is flagged only where both figures are at least this many people: 1 -> 2 people is +100 %, and no news.
CHANGE_MINIMUM = 100
CHANGE_MINIMUM_SETTING = "Minimum for change warnings"  # the Settings key that overrides CHANGE_MINIMUM
# What a finding expects, when it is a range rather than a figure, in English (the sheets word it per language).
EXPECTED_RANGES = {"share": "0 to 100", "change": "within ±{limit:g}"}


@dataclass(frozen=True)
class Finding:
    """One row that breaks a rule: on sheet (or input) `sheet`, qualified by `detail` (word keys such as
    "interregional", "arrival", "population"), the row of `subject` (a region, the country, or an ethnic group
    or figure named as text), for `spans` (one period, or the current and the previous one of a change)."""
    sheet: str
    detail: tuple[str, ...]
    subject: Region | str
    spans: tuple[Span, ...]
    found: float
    expected: float | str  # a figure, or a key of EXPECTED_RANGES

    @property
    def where(self) -> str:
        return self.sheet + (f" ({' '.join(self.detail)})" if self.detail else "")

    @property
    def row(self) -> str:
        return self.subject.name_en if isinstance(self.subject, Region) else str(self.subject)

    @property
    def period(self) -> str:
        labels = [span_label(span) for span in self.spans]
        return f"{labels[0]} vs {labels[1]} (%)" if len(labels) == 2 else labels[0]


@dataclass(frozen=True)
class Rule:
    number: int
    text: str
    severity: str  # what a break is: "error" or "warning"
    find: Callable[[Release], Iterator[Finding]]
    # False for a rule whose breaks were already refused, with a clearer message, before the checks ran (they are
    # found here only when the user let the refresh go on, and then recorded as errors for publish to refuse).
    stops_refresh: bool = True


@dataclass(frozen=True)
class RuleResult:
    rule: Rule
    findings: tuple[Finding, ...]
    parameters: tuple[tuple[str, float], ...] = ()  # the slots of the rule's text: limit, minimum

    @property
    def result(self) -> str:
        return self.rule.severity if self.findings else "OK"

    @property
    def text(self) -> str:
        return self.rule.text.format(**dict(self.parameters))


def _rows() -> list[Region]:
    return [COUNTRY, *regions()]


def _differs(found: float, expected: float) -> bool:
    return not (math.isnan(found) or math.isnan(expected)) and abs(found - expected) >= TOLERANCE


def _compare(where: str, found: np.ndarray, expected: np.ndarray, columns) -> Iterator[Finding]:
    rows = _rows()
    for row, column in zip(*np.nonzero(np.abs(np.nan_to_num(found - expected, nan=0.0)) >= TOLERANCE)):
        yield Finding(where, (), rows[row], (columns[column],), float(found[row, column]),
                      float(expected[row, column]))


def balance_rule(release: Release) -> Iterator[Finding]:
    for spec in TABLE_SPECS:
        if spec.measure != "balance":
            continue
        arrivals, departures = (release.tables[table_code(spec.frequency, spec.flow_group, measure)].values
                                for measure in ("arrival", "departure"))
        table = release.tables[spec.code]
        yield from _compare(spec.code, table.values, arrivals - departures, table.columns)


def external_rule(release: Release) -> Iterator[Finding]:
    for measure in MEASURES:
        external = release.tables[table_code("annual", "external", measure)]
        expected = sum(release.tables[table_code("annual", partner, measure)].values for partner in ("cis", "other"))
        yield from _compare(external.spec.code, external.values, expected, external.columns)


def country_rule(release: Release) -> Iterator[Finding]:
    for code, table in release.tables.items():
        regional = table.values[1:]
        complete = ~np.isnan(regional).any(axis=0)
        for column in np.nonzero(complete)[0]:
            found, expected = float(table.values[0, column]), float(regional[:, column].sum())
            if _differs(found, expected):
                yield Finding(code, (), COUNTRY, (table.columns[column],), found, expected)
    for flow, frame in release.intensity.items():
        for measure, counts in (("population", frame.population), *frame.counts.items()):
            if not np.isnan(counts[1:]).any() and _differs(float(counts[0]), float(counts[1:].sum())):
                yield Finding(INTENSITY_SHEETS[flow], (measure,), COUNTRY, (frame.span,), float(counts[0]),
                              float(counts[1:].sum()))


def _grids(release: Release) -> Iterator[tuple[Span, np.ndarray]]:
    months, monthly = release.cube.monthly_grid()
    for (year, month), grid in zip(months, monthly):
        yield Span(year, month, month), grid
    years, annual = release.cube.annual_grid()
    for year, grid in zip(years, annual):
        yield Span(year), grid


def interregional_rule(release: Release) -> Iterator[Finding]:
    flow = FLOWS.index("interregional")
    for period, grid in _grids(release):
        moves = grid[:, flow, :]  # region x direction
        if np.isnan(moves).any():
            continue  # a period the data does not cover completely: nothing to compare
        net = float(moves[:, 0].sum() - moves[:, 1].sum())
        if abs(net) >= TOLERANCE:
            yield Finding("Data", ("interregional",), COUNTRY, (period,), net, 0.0)


def year_rule(release: Release) -> Iterator[Finding]:
    months, monthly = release.cube.monthly_grid()
    years, annual = release.cube.annual_grid()
    names = regions()
    for year, year_grid in zip(years, annual):
        positions = [i for i, (y, _) in enumerate(months) if y == year]
        if len(positions) != 12:
            continue
        summed = monthly[positions].sum(axis=0)
        for region, flow, direction in zip(*np.nonzero(np.abs(np.nan_to_num(year_grid - summed)) >= TOLERANCE)):
            yield Finding("Data", (FLOWS[flow], DIRECTIONS[direction]), names[region], (Span(year),),
                          float(year_grid[region, flow, direction]), float(summed[region, flow, direction]))
    ethnicity = release.ethnicity
    if ethnicity is not None:
        for (year, direction, group), rows in ethnicity.groupby(["year", "direction", "ethnic_group"]):
            annual_rows, monthly_rows = rows[rows["month"] == 0], rows[rows["month"] > 0]
            if len(annual_rows) and set(monthly_rows["month"]) == set(range(1, 13)):
                found, expected = float(annual_rows["people"].sum()), float(monthly_rows["people"].sum())
                if _differs(found, expected):
                    yield Finding("Ethnicity", (direction,), group, (Span(int(year)),), found, expected)


def share_rule(release: Release) -> Iterator[Finding]:
    figures = release.figures
    for label in ("cis_arrival_share", "cis_departure_share", "other_arrival_share", "other_departure_share"):
        value = float(getattr(figures, label))
        if not math.isnan(value) and not 0.0 <= value <= 100.0:
            yield Finding("Key indicators", (), label.replace("_", " "), (release.span,), value, "share")
    frame = release.ethnic
    if frame is not None:
        for direction, shares in frame.shares.items():
            for group, value in zip(frame.groups, shares):
                if not math.isnan(value) and not 0.0 <= value <= 100.0:
                    yield Finding("Ethnic", (direction,), group, (release.span,), float(value), "share")


def change_minimum(settings) -> int:
    """The smallest figure (people) a change is judged on: the Settings key, else CHANGE_MINIMUM."""
    value = settings.get(CHANGE_MINIMUM_SETTING)
    if value is None or not str(value).strip():
        return CHANGE_MINIMUM
    text = str(value).strip()
    if not text.isdigit():
        raise InputProblems([Problem("sheet 'Settings'", None, None,
                                     f"'{CHANGE_MINIMUM_SETTING}' is {text!r}: write a whole number of people "
                                     f"(0 or more; default {CHANGE_MINIMUM})")])
    return int(text)


def change_rule(release: Release) -> Iterator[Finding]:
    current = release.span
    previous = current.same_period_a_year_earlier()
    minimum = change_minimum(release.settings)
    rows = _rows()
    for spec in TABLE_SPECS:
        table = release.tables[spec.code]
        if spec.frequency != "annual" or spec.measure == "balance" or previous not in table.columns:
            continue
        now = table.values[:, table.columns.index(current)]
        before = table.values[:, table.columns.index(previous)]
        changes = np.asarray(change(now, before), dtype=float)
        large = np.nan_to_num(np.minimum(now, before), nan=-1.0) >= minimum
        for row in np.nonzero((np.abs(np.nan_to_num(changes)) > CHANGE_LIMIT) & large)[0]:
            yield Finding(spec.code, (), rows[row], (current, previous), float(changes[row]), "change")


def completeness_rule(release: Release) -> Iterator[Finding]:
    """Rows the reporting and comparison periods lack (found only when --allow-incomplete let the refresh go on;
    every figure that needs them is not available)."""
    by_kato = {region.kato: region for region in regions()}
    for gap in release.gaps:
        # which rows: none named when all are missing, else the flow and direction of each missing one
        detail = () if len(gap.missing) == len(COMBINATIONS) else tuple(word for pair in gap.missing for word in pair)
        span = Span(gap.year) if gap.month == 0 else Span(gap.year, gap.month, gap.month)
        yield Finding("Data", detail, by_kato[gap.region], (span,), float(len(COMBINATIONS) - len(gap.missing)),
                      float(len(COMBINATIONS)))


RULES = (
    Rule(1, "Balance = arrival − departure, in every balance table", "error", balance_rule),
    Rule(2, "External migration = migration with the CIS countries + with other countries", "error",
         external_rule),
    Rule(3, "The country's figure = the sum of the 20 regions", "error", country_rule),
    Rule(4, "Interregional net migration sums to zero for the country in every period", "error",
         interregional_rule),
    Rule(5, "A year equals the sum of its months where both are given", "error", year_rule),
    Rule(6, "Shares lie within 0–100 %", "error", share_rule),
    Rule(7, "Changes versus the same period a year earlier beyond ±{limit:g} % where both figures are at least "
            "{minimum} people (flagged for review)", "warning", change_rule),
    Rule(8, "Every region × flow × direction of the reporting period and of the same period a year earlier is in "
            "the data (refreshed with --allow-incomplete: the figures that need a missing row are not available)",
         "error", completeness_rule, stops_refresh=False),
)


def check_release(release: Release) -> tuple[RuleResult, ...]:
    """Every rule's result for `release`."""
    parameters = (("limit", CHANGE_LIMIT), ("minimum", change_minimum(release.settings)))
    return tuple(RuleResult(rule, tuple(rule.find(release)), parameters) for rule in RULES)


def _describe(finding: Finding) -> str:
    expected = EXPECTED_RANGES[finding.expected].format(limit=CHANGE_LIMIT) if isinstance(finding.expected, str) \
        else f"{finding.expected:g}"
    return f"{finding.row}, {finding.period}: found {finding.found:g}, expected {expected}"


def raise_errors(results: tuple[RuleResult, ...]) -> None:
    """Raise InputProblems listing every break of an error rule (nothing has been written yet)."""
    problems = [Problem(finding.where if finding.where.startswith(("Data", "Ethnicity")) else f"table "
                        f"{finding.where}", None, None, f"breaks check {result.rule.number} "
                        f"({result.text}): {_describe(finding)}")
                for result in results if result.result == "error" and result.rule.stops_refresh
                for finding in result.findings]
    if problems:
        raise InputProblems(problems)


def warning_lines(results: tuple[RuleResult, ...]) -> list[str]:
    """One line per warning rule that is broken (and per error the user let the refresh go on with), then its
    first few rows (for the CLI)."""
    lines = []
    for result in results:
        if result.result == "warning" or (result.result == "error" and not result.rule.stops_refresh):
            lines.append(f"{result.result}: check {result.rule.number} ({result.text}): "
                         f"{len(result.findings)} row(s), see the Checks sheet")
            lines += [f"  {finding.where}: {_describe(finding)}" for finding in result.findings[:5]]
            if len(result.findings) > 5:
                lines.append(f"  … and {len(result.findings) - 5} more")
    return lines

"""Everything a refresh decides before it writes, shared by every door so the button, Lite and the command line
cannot differ: the release computed from validated inputs, the consistency checks (errors stop here), and the
layout."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from migrelease.release.checks import RuleResult, check_release, raise_errors, warning_lines
from migrelease.release.compute import Release, compute_release
from migrelease.sheets.blocks import SheetLayout
from migrelease.sheets.composition import release_layout
from migrelease.sheets.publication_record import NO_RECORD, PublicationRecord, recorded_figures
from migrelease.sheets.revisions import Revisions, find_revisions


@dataclass(frozen=True)
class RefreshPlan:
    release: Release
    checks: tuple[RuleResult, ...]
    layouts: tuple[SheetLayout, ...]
    warnings: tuple[str, ...]
    revisions: Revisions


def plan_refresh(facts, population, ethnicity, period: str | None, data_source: str,
                 settings: Mapping[str, str], record: PublicationRecord = NO_RECORD) -> RefreshPlan:
    """Raises InputProblems (nothing written yet) when the data breaks a consistency rule that is an error.
    `record`: the workbook's publication record, read like the Settings; the plan lists what the data revises."""
    release = compute_release(facts, period, data_source, population, ethnicity, settings=settings)
    checks = check_release(release)
    raise_errors(checks)
    revisions = find_revisions(record, recorded_figures(release))
    return RefreshPlan(release, checks, tuple(release_layout(release, checks, revisions)),
                       tuple(warning_lines(checks)), revisions)

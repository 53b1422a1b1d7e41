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


@dataclass(frozen=True)
class RefreshPlan:
    release: Release
    checks: tuple[RuleResult, ...]
    layouts: tuple[SheetLayout, ...]
    warnings: tuple[str, ...]


def plan_refresh(facts, population, ethnicity, period: str | None, data_source: str,
                 settings: Mapping[str, str]) -> RefreshPlan:
    """Raises InputProblems (nothing written yet) when the data breaks a consistency rule that is an error."""
    release = compute_release(facts, period, data_source, population, ethnicity, settings=settings)
    checks = check_release(release)
    raise_errors(checks)
    return RefreshPlan(release, checks, tuple(release_layout(release, checks)), tuple(warning_lines(checks)))

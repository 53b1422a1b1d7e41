"""Everything a refresh decides before it writes, shared by both doors so the button and the CLI cannot differ:
the release computed from validated inputs, the consistency checks (errors stop here), and the layout."""

from __future__ import annotations

from dataclasses import dataclass

from . import checks
from .layout import SheetLayout, release_layout
from .release import Release, compute_release


@dataclass(frozen=True)
class RefreshPlan:
    release: Release
    layouts: list[SheetLayout]
    warnings: list[str]


def plan_refresh(facts, population, ethnicity, period: str | None, data_source: str,
                 settings: dict[str, str]) -> RefreshPlan:
    """Raises InputProblems (nothing written yet) when the data breaks a consistency rule that is an error."""
    release = compute_release(facts, period, data_source, population, ethnicity)
    release.extras["settings"] = settings
    checks.raise_errors(release)
    return RefreshPlan(release, release_layout(release), checks.warning_lines(release))

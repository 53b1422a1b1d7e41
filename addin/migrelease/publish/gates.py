"""The gate every publication passes: is this workbook a release that may be made public?

One function, `publish_gate`, for everything that publishes (the release page and .xlsx, the open-data export,
the publication record of revisions): it reads the workbook once, recomputes the release from its inputs with the
choices its stamp records, and lists every reason to refuse — never refreshed, inputs changed since the refresh,
dates of publication unset, an error on Checks. `--draft` publishes anyway, marked DRAFT.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from migrelease.filedoor.refresh import ReleaseInputs, check_workbook_file, read_inputs, with_settings
from migrelease.model.problems import InputProblems, Problem
from migrelease.release.compute import RefreshOptions
from migrelease.release.stamp import Stamp, changed_inputs, input_fingerprints
from migrelease.sheets.plan import RefreshPlan, plan_refresh
from migrelease.sheets.release_sheet import stamp_from_rows
from migrelease.sheets.settings import SETTING_NEXT_PUBLICATION, SETTING_PUBLICATION


@dataclass(frozen=True)
class Gate:
    """What publishing this workbook would publish, and every reason it may not."""
    path: Path
    stamp: Stamp | None
    inputs: ReleaseInputs
    plan: RefreshPlan | None  # the release recomputed from the inputs as they are (None: it cannot be computed)
    refusals: tuple[Problem, ...]

    @property
    def open(self) -> bool:
        return not self.refusals

    def raise_unless_open(self, draft: bool = False) -> None:
        """Refuse (exit 2, nothing written) unless the gate is open or a draft is asked for — and a draft still
        needs a release to show."""
        if self.refusals and (not draft or self.plan is None):
            raise InputProblems([*self.refusals, Problem(self._where, None, None,
                                                         "nothing was published (--draft publishes anyway, "
                                                         "marked DRAFT)" if self.plan is not None else
                                                         "nothing was published")])

    @property
    def _where(self) -> str:
        return f"file '{self.path.name}'"


def _setting(settings: Mapping[str, str], key: str) -> str | None:
    return next((value for name, value in settings.items() if name.casefold() == key.casefold() and value), None)


def publish_gate(path: str | Path, date_updates: Mapping[str, str] | None = None) -> Gate:
    """The gate for the workbook at `path`; `date_updates` are dates the caller is about to write to Settings
    (--published/--next), counted as set."""
    path = Path(path)
    check_workbook_file(path, for_writing=False)
    where = f"file '{path.name}'"
    inputs = read_inputs(path)
    stamp = stamp_from_rows(inputs.release_rows)
    if stamp is None:
        return Gate(path, None, inputs, None, (Problem(where, None, None, "has never been refreshed (it has no "
                                                       "release stamp): run `migrelease refresh` first"),))
    refusals = []
    changed = changed_inputs(stamp, input_fingerprints(inputs.facts, inputs.population, inputs.ethnicity,
                                                       inputs.settings))
    if changed:
        names = " and ".join(changed) if len(changed) <= 2 else f"{', '.join(changed[:-1])} and {changed[-1]}"
        refusals.append(Problem(where, None, None, f"{names} changed after the refresh of {stamp.when}; "
                                                   "refresh first"))
    settings = with_settings(inputs.settings, dict(date_updates or {}))
    unset = [key for key in (SETTING_PUBLICATION, SETTING_NEXT_PUBLICATION) if _setting(settings, key) is None]
    if unset:
        refusals.append(Problem("sheet 'Settings'", None, None,
                                f"{' and '.join(repr(key) for key in unset)} not set: enter {'them' if len(unset) > 1 else 'it'} "
                                "on the Settings sheet (dd.mm.yyyy) or give --published DD.MM.YYYY --next DD.MM.YYYY"))
    options = RefreshOptions(stamp.missing_rows, stamp.allow_incomplete)
    try:
        plan = plan_refresh(inputs.facts, inputs.population, inputs.ethnicity, stamp.period, inputs.data_source,
                            settings, lang=stamp.language, options=options, door=stamp.door, now=stamp.refreshed_at)
    except InputProblems as error:
        return Gate(path, stamp, inputs, None, (*refusals, *error.problems))
    for result in plan.checks:
        if result.result == "error":
            refusals.append(Problem("sheet 'Checks'", None, None,
                                    f"holds an error: check {result.rule.number} ({result.rule.text}), "
                                    f"{len(result.findings)} row(s)"))
    return Gate(path, stamp, inputs, plan, tuple(refusals))

"""Everything a refresh decides before it writes, shared by every door so the button, Lite and the command line
cannot differ: the release computed from validated inputs, the consistency checks (errors stop here), and the
layout."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Mapping

from migrelease.model.problems import InputProblems, Problem
from migrelease.release.checks import RuleResult, check_release, raise_errors, warning_lines
from migrelease.release.compute import RefreshOptions, Release, compute_release
from migrelease.release.stamp import Stamp, input_fingerprints, stamp_release
from migrelease.sheets.blocks import SheetLayout
from migrelease.sheets.composition import release_layout
from migrelease.sheets.release_sheet import release_sheet
from migrelease.sheets.publication_record import NO_RECORD, PublicationRecord, recorded_figures
from migrelease.sheets.revisions import Revisions, find_revisions
from migrelease.sheets.settings import SETTING_LANGUAGE
from migrelease.sheets.words import LANGUAGES, read_language


@dataclass(frozen=True)
class RefreshPlan:
    release: Release
    checks: tuple[RuleResult, ...]
    layouts: tuple[SheetLayout, ...]
    warnings: tuple[str, ...]
    revisions: Revisions  # what the data revises of the figures the workbook's publication record holds
    stamp: Stamp

    @property
    def lang(self) -> str:
        """The release's language (en, ru, kk), for the stamp."""
        return self.release.lang


def release_language(lang: str | None, settings: Mapping[str, str]) -> str:
    """The language of the release: `lang` (--lang) if given, else the Settings sheet's, else English."""
    if lang:
        code = read_language(lang)
        if code is None:
            raise InputProblems([Problem("option --lang", None, None,
                                         f"'{lang}' is not a language: use one of {', '.join(LANGUAGES)}")])
        return code
    written = settings.get(SETTING_LANGUAGE)
    if not written:
        return "en"
    code = read_language(written)
    if code is None:
        raise InputProblems([Problem("sheet 'Settings'", None, None,
                                     f"'{SETTING_LANGUAGE}' is '{written}': write en, ru or kk (or English, "
                                     "Русский, Қазақша)")])
    return code


def plan_refresh(facts, population, ethnicity, period: str | None, data_source: str,
                 settings: Mapping[str, str], lang: str | None = None, record: PublicationRecord = NO_RECORD,
                 options: RefreshOptions = RefreshOptions(), door: str = "file",
                 now: dt.datetime | None = None) -> RefreshPlan:
    """Raises InputProblems (nothing written yet) when the data breaks a rule that is an error, or when the
    language asked for is not one of the release's. `record`: the workbook's publication record, read like the
    Settings; the plan lists the published figures the data revises. The layouts end with the `_Release` sheet:
    the stamp of this refresh (`door`, at `now`)."""
    release = compute_release(facts, period, data_source, population, ethnicity, settings=settings,
                              lang=release_language(lang, settings), options=options)
    checks = check_release(release)
    raise_errors(checks)
    revisions = find_revisions(record, recorded_figures(release))
    stamp = stamp_release(release, input_fingerprints(facts, population, ethnicity, settings), door, now)
    layouts = (*release_layout(release, checks, revisions), release_sheet(stamp))
    return RefreshPlan(release, checks, layouts, tuple(warning_lines(checks)), revisions, stamp)

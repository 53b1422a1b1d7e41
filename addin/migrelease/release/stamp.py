"""The release stamp: what a refresh was made from, recorded in the workbook by every refresh (any door) and
compared by `publish` with the workbook's inputs before anything is made public.

The fingerprint is one sha256 per input over its *validated* values (periods as year and month, regions as KATO
codes, counts as integers, settings as the Cover prints them) — never over cells or file bytes — so the file door
and the Excel button, which read the same sheet through different libraries, compute the same value; rows are
sorted first, so reordering rows (which changes no figure) changes no fingerprint.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from typing import Iterable, Mapping

import numpy as np
import pandas as pd

from migrelease import __version__
from migrelease.model.periods import Span
from migrelease.release.compute import Release

STAMP_FORMAT = "1"
INPUT_NAMES = ("Data", "Population", "Ethnicity", "Settings")
ABSENT = "-"  # the fingerprint of an input the workbook does not have
DOORS = ("file", "excel", "lite")


def frame_fingerprint(frame: pd.DataFrame | None) -> str:
    """sha256 of a validated table: columns by name, rows in sorted order; ABSENT for a table the workbook lacks.
    Text columns are hashed as their sorted distinct values and each row's code into them (the same canonical
    content as the sorted text, at the cost of sorting integers)."""
    if frame is None:
        return ABSENT
    digest = hashlib.sha256()
    columns = sorted(frame.columns)
    digest.update(repr((columns, len(frame))).encode())
    codes = []
    for column in columns:
        values = frame[column]
        if pd.api.types.is_integer_dtype(values):
            codes.append(values.to_numpy(dtype=np.int64))
        else:
            positions, distinct = pd.factorize(values.astype(str), sort=True)
            digest.update("\x1f".join(distinct).encode("utf-8") + b"\x1d")
            codes.append(positions.astype(np.int64))
    order = np.lexsort(codes[::-1]) if codes else np.arange(0)
    for column_codes in codes:
        digest.update(column_codes[order].tobytes())
        digest.update(b"\x1e")
    return digest.hexdigest()


def settings_fingerprint(settings: Mapping[str, str]) -> str:
    digest = hashlib.sha256()
    for key in sorted(settings, key=str.casefold):
        digest.update(f"{key.strip().casefold()}\x1f{settings[key]}\x1e".encode("utf-8"))
    return digest.hexdigest()


def input_fingerprints(facts: pd.DataFrame, population: pd.DataFrame | None, ethnicity: pd.DataFrame | None,
                       settings: Mapping[str, str]) -> dict[str, str]:
    """Input name -> fingerprint, for the inputs as validated (before `--missing-rows zero` fills anything)."""
    return {"Data": frame_fingerprint(facts), "Population": frame_fingerprint(population),
            "Ethnicity": frame_fingerprint(ethnicity), "Settings": settings_fingerprint(settings)}


def _span_text(span: Span) -> str:
    return f"{span.year}-{span.first_month:02d}..{span.year}-{span.last_month:02d}"


@dataclass(frozen=True)
class Stamp:
    refreshed_at: dt.datetime  # aware local time of the refresh
    migrelease_version: str
    door: str  # "file" (command line), "excel" (the button), "lite"
    period: str  # the reporting month, YYYY-MM (the release runs from January to it)
    reporting_period: str  # "2026-01..2026-03"
    comparison_period: str  # "2025-01..2025-03"
    language: str
    missing_rows: str  # "error" | "zero"
    allow_incomplete: bool
    missing_region_months: int  # region-months lacking rows (only with allow_incomplete; 0 on complete data)
    fingerprints: Mapping[str, str]  # input name -> sha256 (ABSENT = no such input)

    @property
    def when(self) -> str:
        """'12.05.2026 14:03', as messages show it."""
        return self.refreshed_at.strftime("%d.%m.%Y %H:%M")

    def rows(self) -> list[tuple[str, str]]:
        """Key/value rows as the `_Release` sheet holds them — all text, so no door or program converts them."""
        rows = [("format", STAMP_FORMAT), ("refreshed_at", self.refreshed_at.isoformat(timespec="seconds")),
                ("migrelease_version", self.migrelease_version), ("door", self.door), ("period", self.period),
                ("reporting_period", self.reporting_period), ("comparison_period", self.comparison_period),
                ("language", self.language), ("missing_rows", self.missing_rows),
                ("allow_incomplete", "yes" if self.allow_incomplete else "no"),
                ("missing_region_months", str(self.missing_region_months))]
        return rows + [(f"fingerprint_{name.casefold()}", self.fingerprints[name]) for name in INPUT_NAMES]

    @classmethod
    def from_rows(cls, rows: Iterable) -> "Stamp | None":
        """The stamp in key/value rows as any door reads them back; None when absent or unreadable (a workbook
        never refreshed, or a stamp someone edited)."""
        found = {}
        for row in rows or ():
            cells = list(row or ()) + [None, None]
            if isinstance(cells[0], str) and cells[0].strip():
                found[cells[0].strip()] = "" if cells[1] is None else str(cells[1]).strip()
        try:
            return cls(dt.datetime.fromisoformat(found["refreshed_at"]), found["migrelease_version"], found["door"],
                       found["period"], found["reporting_period"], found["comparison_period"], found["language"],
                       found["missing_rows"], found["allow_incomplete"] == "yes",
                       int(float(found["missing_region_months"])),
                       {name: found[f"fingerprint_{name.casefold()}"] for name in INPUT_NAMES})
        except (KeyError, ValueError):
            return None


def refresh_time(now: dt.datetime | None = None) -> dt.datetime:
    """`now`, else SOURCE_DATE_EPOCH (the reproducible-builds convention: a build or a test run that sets it gets
    the same stamp every time), else the computer's clock; aware, to the second."""
    if now is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        now = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime.now()
    return now.astimezone() if now.tzinfo is None else now


def stamp_release(release: Release, fingerprints: Mapping[str, str], door: str,
                  now: dt.datetime | None = None) -> Stamp:
    """The stamp of a refresh that computed `release` from inputs with `fingerprints`, at `refresh_time(now)`."""
    if door not in DOORS:
        raise ValueError(f"door {door!r} is not one of {DOORS}")
    now = refresh_time(now)
    span = release.span
    return Stamp(now.replace(microsecond=0), __version__, door, f"{release.year}-{release.month:02d}",
                 _span_text(span), _span_text(span.same_period_a_year_earlier()),
                 release.lang, release.options.missing_rows,
                 release.options.allow_incomplete, len(release.gaps), dict(fingerprints))


def changed_inputs(stamp: Stamp, fingerprints: Mapping[str, str]) -> list[str]:
    """The inputs whose values differ from what the stamped refresh was made from, in INPUT_NAMES order."""
    return [name for name in INPUT_NAMES if stamp.fingerprints.get(name) != fingerprints.get(name)]

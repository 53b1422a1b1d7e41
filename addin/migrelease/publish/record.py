"""What a publication makes public that was published before with another value, and the record of it.

`publish` lists the revisions it is about to make public and refuses (exit 2, nothing written) unless they are
accepted (--accept-revisions); a publication that goes out is recorded in the release workbook's `_Release` sheet
— every figure it published, the date of publication and the release stamp — so that every later refresh can
find what its data revises. Recording is the one change `publish` makes to the release workbook: only that sheet
is rewritten, under the workbook's lock, into a temporary file beside it, renamed over it once the public files
are in place and the workbook is confirmed to be the file that was read.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable, Mapping

from migrelease.filedoor.guard import FileIdentity, exclusive
from migrelease.filedoor.refresh import replace_atomically, write_layouts_beside
from migrelease.model.problems import InputProblems, Problem
from migrelease.release.stamp import refresh_time
from migrelease.sheets.blocks import cell_value
from migrelease.sheets.labels import column_label
from migrelease.sheets.plan import RefreshPlan
from migrelease.sheets.publication_record import PublicationRecord, record_after_publication, recorded_figures
from migrelease.sheets.release_sheet import release_sheet
from migrelease.sheets.revisions import REVISIONS_SHEET, Revision, Revisions, figure_title
from migrelease.sheets.settings import SETTING_NEXT_PUBLICATION, SETTING_PUBLICATION
from migrelease.sheets.words import sheet_words

MAX_LISTED = 20  # revisions listed one by one in a message; the Revisions sheet lists them all


class PublishedNotRecorded(OSError):
    """The public files went out but the workbook could not be replaced (another program changed it at that very
    moment, or the disk failed): the message says so, and `publish` exits 1."""


def revision_line(revision: Revision) -> str:
    """'Y_All_Arr, Arrival of migrants in all flows, by year — Abai region, 2025: 21019 published on 12.05.2026,
    now 21319 (+300)'."""
    difference = cell_value(revision.difference)
    change = (f" ({difference:+})" if isinstance(difference, int) else
              f" ({difference:+.1f})" if isinstance(difference, float) else "")
    return (f"{revision.sheet}, {figure_title(revision.figure, sheet_words('en'))} — {revision.region.name('en')}, "
            f"{column_label(revision.span)}: {cell_value(revision.published)} published on "
            f"{revision.publication.published_on}, now {cell_value(revision.new)}{change}")


def revision_lines(revisions: Revisions) -> list[str]:
    lines = [revision_line(revision) for revision in revisions.items[:MAX_LISTED]]
    if len(revisions.items) > MAX_LISTED:
        lines.append(f"… and {len(revisions.items) - MAX_LISTED} more (all on the {REVISIONS_SHEET} sheet)")
    return lines


def refuse_unaccepted(revisions: Revisions, path: Path, accepted: bool) -> None:
    """Exit 2, nothing written, when publishing would make revisions public that were not accepted."""
    if not revisions.items or accepted:
        return
    count, tables = len(revisions.items), len(revisions.tables)
    raise InputProblems([Problem(
        f"file '{path.name}'", None, None,
        f"publishing it would revise {count} published figure{'s' if count != 1 else ''} (in {tables} "
        f"table{'s' if tables != 1 else ''}; the {REVISIONS_SHEET} sheet lists them): check them, then publish "
        "again with --accept-revisions\n" + "\n".join(f"      {line}" for line in revision_lines(revisions)))])


def _setting(settings: Mapping[str, str], key: str) -> str:
    return next((str(value) for name, value in settings.items() if name.casefold() == key.casefold()), "")


def publication_record(plan: RefreshPlan, settings: Mapping[str, str],
                       now: dt.datetime | None = None) -> PublicationRecord:
    """The workbook's record once `plan` is published: every figure it shows, with the date of publication."""
    return record_after_publication(plan.revisions.record, recorded_figures(plan.release),
                                    _setting(settings, SETTING_PUBLICATION),
                                    _setting(settings, SETTING_NEXT_PUBLICATION),
                                    refresh_time(now).isoformat(timespec="seconds"), dict(plan.stamp.rows()))


def record_publication(path: Path, plan: RefreshPlan, record: PublicationRecord, identity: FileIdentity,
                       publish_files: Callable[[], object]) -> None:
    """Write `record` into the workbook's `_Release` sheet (the stamp as it is), then `publish_files()`, then
    replace the workbook — under its lock, and only if it is still the file `identity` describes: a publication
    is recorded only when its files went out, and files go out only when it can be recorded."""
    with exclusive(path):
        identity.confirm(path)
        temporary = write_layouts_beside(path, [release_sheet(plan.stamp, record)])
        try:
            publish_files()
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        try:
            replace_atomically(temporary, path, confirm_before_replace=lambda: identity.confirm(path))
        except (InputProblems, OSError) as error:
            raise PublishedNotRecorded(
                f"the release files were published, but the publication was not recorded in {path.name} "
                f"({error}); publish again (the same files are written again)") from None

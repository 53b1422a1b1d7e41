"""Open data with every release: `migrelease export WORKBOOK --format csv|sdmx|all --out DIR`, and `publish`.

The figures come from the refreshed workbook through the same release computation as its tables
(release_for_publication — where the publish gates apply), and every file is written into a temporary folder beside
DIR and moved in only when all are written, so a failure leaves nothing new behind.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from migrelease.filedoor.staging import check_target_folder, commit, staged
from migrelease.publish.gates import publish_gate
from migrelease.publish.opendata_csv import write_csv_package
from migrelease.publish.opendata_sdmx import write_sdmx
from migrelease.publish.public_copy import DRAFT_MARK
from migrelease.release.compute import Release
from migrelease.sheets.figures import indicators, published_figures
from migrelease.sheets.words import PUBLISHER, RELEASE_TITLE
from migrelease.text.period_labels import span_label

FORMATS = ("csv", "sdmx")
FORMAT_CHOICES = (*FORMATS, "all")


def formats_of(choice: str) -> tuple[str, ...]:
    return FORMATS if choice == "all" else (choice,)


def release_for_publication(path: Path, draft: bool = False) -> tuple[Release, datetime.datetime]:
    """The release a refreshed workbook publishes, and when it was made (its refresh): through the publish gate
    (never refreshed, inputs changed since, dates unset, an error on Checks -> refused, unless `draft`)."""
    gate = publish_gate(path)
    gate.raise_unless_open(draft)
    return gate.plan.release, gate.stamp.refreshed_at


def write_open_data(release: Release, out_dir: Path, formats: tuple[str, ...], made: datetime.datetime,
                    draft: bool = False) -> list[Path]:
    """Write the open data of `release` in `formats` into `out_dir` (which exists); the paths written. A draft
    says so in the data package's title and as an SDMX test message."""
    figures = published_figures(release)
    period = span_label(release.span)
    tag = f"{release.year}-{release.month:02d}"
    title = f"{RELEASE_TITLE}, {period}"
    written = []
    if "csv" in formats:
        written += write_csv_package(
            figures, indicators(release), out_dir, name=f"migration-of-the-population-kz-{tag}",
            title=f"{DRAFT_MARK}: {title}" if draft else title,
            description=f"Every figure of the release for {period}: the 21 dynamic tables, the Key indicators and "
                        f"(with population data) the intensity rates. Source: {PUBLISHER}.",
            created=made.isoformat(timespec="seconds"))
    if "sdmx" in formats:
        written += write_sdmx(figures, out_dir, message_id=f"MIGRATION_{tag.replace('-', '_')}", prepared=made,
                              test=draft)
    return written


def export_open_data(workbook: str | Path, out_dir: str | Path, formats: tuple[str, ...] = FORMATS) -> list[Path]:
    """`migrelease export`: the open data of a refreshed workbook into `out_dir`; the paths written. Refused (and
    nothing written) where `publish` would refuse."""
    workbook, out_dir = Path(workbook), Path(out_dir)
    check_target_folder(out_dir, "--out")
    release, made = release_for_publication(workbook)
    with staged(out_dir) as staging:
        write_open_data(release, staging, formats, made)
        return commit(staging, out_dir)

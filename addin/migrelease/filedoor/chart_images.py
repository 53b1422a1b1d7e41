"""The release's charts as PNG files (matplotlib, Agg) for `refresh --charts DIR` and the release page."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no screen on a server; must be chosen before pyplot is imported
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from migrelease.release.compute import Release  # noqa: E402
from migrelease.sheets.charts import ETHNIC_TITLE, INTERNATIONAL_TITLE, international_data  # noqa: E402
from migrelease.text.period_labels import span_label  # noqa: E402

PNG_NAMES = {"international": "international-migration.png", "ethnic": "ethnic-structure.png"}  # web-safe
PNG_TITLES = {"international": INTERNATIONAL_TITLE, "ethnic": ETHNIC_TITLE}
_COLOURS = ("#1F4E79", "#C55A11", "#548235")


def write_chart_pngs(release: Release, directory: str | Path) -> list[Path]:
    """The same charts as PNG files in `directory` (created if needed); the paths written."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []

    labels, series = international_data(release)
    figure, axes = plt.subplots(figsize=(11, 5), dpi=100)
    positions = np.arange(len(labels))
    width = 0.27
    for offset, ((title, values), colour) in enumerate(zip(series.items(), _COLOURS)):
        axes.bar(positions + (offset - 1) * width, np.nan_to_num(values, nan=0.0), width, label=title,
                 color=colour)
    axes.set_xticks(positions, labels, rotation=45, ha="right")
    axes.set_ylabel("people")
    axes.set_title(INTERNATIONAL_TITLE)
    axes.axhline(0, color="black", linewidth=0.8)
    axes.legend()
    figure.tight_layout()
    path = directory / PNG_NAMES["international"]
    figure.savefig(path)
    plt.close(figure)
    written.append(path)

    frame = release.ethnic
    if frame is not None:
        figure, axes = plt.subplots(figsize=(11, 5), dpi=100)
        positions = np.arange(len(frame.groups))
        for offset, (direction, title) in enumerate((("arrival", "Arrivals"), ("departure", "Departures"))):
            axes.barh(positions + (offset - 0.5) * 0.4, np.nan_to_num(frame.shares[direction], nan=0.0), 0.4,
                      label=title, color=_COLOURS[offset])
        axes.set_yticks(positions, frame.groups)
        axes.invert_yaxis()
        axes.set_xlabel("% of the total")
        axes.set_title(f"{ETHNIC_TITLE}, {span_label(frame.span)}")
        axes.legend()
        figure.tight_layout()
        path = directory / PNG_NAMES["ethnic"]
        figure.savefig(path)
        plt.close(figure)
        written.append(path)
    return written

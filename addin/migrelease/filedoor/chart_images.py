"""The release's charts as PNG files (matplotlib, Agg) for `refresh --charts DIR` and the release page: the same
charts as the Charts sheet — the annual series, the period comparison, the ethnic structure — in the release's
language, category labels below the plot.

Text from the workbook (ethnic group names) is drawn as text: matplotlib's math mode, which reads "$…$" as
TeX, is off, and control characters (ANSI escapes) are dropped.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no screen on a server; must be chosen before pyplot is imported
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from migrelease.model.cube import MEASURES  # noqa: E402
from migrelease.release.compute import Release  # noqa: E402
from migrelease.sheets.charts import chart_titles, international_data  # noqa: E402
from migrelease.sheets.labels import column_label, period_label  # noqa: E402
from migrelease.sheets.words import sheet_words  # noqa: E402

CHART_KINDS = ("annual", "comparison", "ethnic")
_STEMS = {"annual": "international-migration-by-year", "comparison": "international-migration-period",
          "ethnic": "ethnic-structure"}
_COLOURS = ("#1F4E79", "#C55A11", "#548235")
_CONTROL = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x1f\x7f-\x9f]")  # ANSI sequences, control characters
_PLAIN_TEXT = {"text.parse_math": False, "text.usetex": False}


def png_name(kind: str, lang: str) -> str:
    """A chart's file name: web-safe (ASCII, lower case, hyphens) and one per language."""
    return f"{_STEMS[kind]}-{lang}.png"


def plain(text: str) -> str:
    return _CONTROL.sub("", str(text))


def _title(axes, text: str, figure_width: float) -> None:
    """A title wrapped to the figure's width (about 9 characters an inch at matplotlib's title size)."""
    axes.set_title("\n".join(textwrap.wrap(plain(text), width=int(figure_width * 9))))


def chart_alt_texts(release: Release) -> dict[str, str]:
    """What each chart shows, in a sentence of the release's language (the page's alt text)."""
    words = sheet_words(release.lang)
    data = international_data(release)
    years = data.spans[data.annual]
    previous, current = (period_label(span, release.lang) for span in data.spans[data.comparison])
    texts = {"comparison": words("chart.alt.comparison", previous=previous, current=current)}
    if years:
        texts["annual"] = words("chart.alt.annual", first=column_label(years[0]), last=column_label(years[-1]))
    if release.ethnic is not None:
        texts["ethnic"] = words("chart.alt.ethnic", period=period_label(release.ethnic.span, release.lang))
    return texts


def _columns(axes, labels, series: dict[str, np.ndarray], words) -> None:
    positions = np.arange(len(labels))
    width = 0.8 / len(series)
    for offset, ((measure, values), colour) in enumerate(zip(series.items(), _COLOURS)):
        axes.bar(positions + (offset - (len(series) - 1) / 2) * width, np.nan_to_num(values, nan=0.0), width,
                 label=words(f"measure.{measure}"), color=colour)
    axes.set_xticks(positions, labels, rotation=0 if len(labels) <= 4 else 45,
                    ha="center" if len(labels) <= 4 else "right")
    axes.set_ylabel(words("chart.value_axis"))
    axes.axhline(0, color="black", linewidth=0.8)
    axes.legend()


def write_chart_pngs(release: Release, directory: str | Path) -> dict[str, Path]:
    """The charts as PNG files in `directory` (created if needed): chart kind -> the path written."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    words = sheet_words(release.lang)
    titles = chart_titles(release)
    data = international_data(release)
    labels = [column_label(span, release.lang) for span in data.spans]
    written: dict[str, Path] = {}
    with plt.rc_context(_PLAIN_TEXT):
        for kind, rows in (("annual", data.annual), ("comparison", data.comparison)):
            if rows.stop - rows.start < 1:
                continue
            figure, axes = plt.subplots(figsize=(11, 5) if kind == "annual" else (8, 5), dpi=100)
            _columns(axes, labels[rows], {measure: data.figures[measure][rows] for measure in MEASURES}, words)
            _title(axes, titles[kind], figure.get_figwidth())
            figure.tight_layout()
            written[kind] = directory / png_name(kind, release.lang)
            figure.savefig(written[kind])
            plt.close(figure)

        frame = release.ethnic
        if frame is not None:
            figure, axes = plt.subplots(figsize=(11, 5), dpi=100)
            positions = np.arange(len(frame.groups))
            for offset, direction in enumerate(("arrival", "departure")):
                axes.barh(positions + (offset - 0.5) * 0.4, np.nan_to_num(frame.shares[direction], nan=0.0), 0.4,
                          label=words(f"measure.{direction}"), color=_COLOURS[offset])
            axes.set_yticks(positions, [plain(words.ethnic_group(group)) for group in frame.groups])
            axes.invert_yaxis()
            axes.set_xlabel(words("chart.share_axis"))
            _title(axes, f"{titles['ethnic']}, {period_label(frame.span, release.lang)}", figure.get_figwidth())
            axes.legend()
            figure.tight_layout()
            written["ethnic"] = directory / png_name("ethnic", release.lang)
            figure.savefig(written["ethnic"])
            plt.close(figure)
    return written

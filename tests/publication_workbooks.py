"""Release workbooks for the publication tests (issue 5), made with openpyxl from the sample CSVs (and variants).

Each input is read as the sample CSV, optionally edited as a DataFrame (all columns as text), validated and
written through migrelease.model.input_rows, the same function the workbook builder uses.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import zipfile
from pathlib import Path
from typing import Callable

import openpyxl
import pandas as pd

from migrelease.model.facts import DATA, ETHNICITY, POPULATION, TableSpec
from migrelease.filedoor.csv_source import read_csv_frame
from openpyxl_sheets import write_input_sheet, write_settings_sheet
from migrelease.sheets.settings import SETTING_NEXT_PUBLICATION, SETTING_PUBLICATION

from conftest import SAMPLE_DATA, SAMPLE_ETHNICITY, SAMPLE_POPULATION, libreoffice_or_fail

SAMPLES = {DATA: SAMPLE_DATA, POPULATION: SAMPLE_POPULATION, ETHNICITY: SAMPLE_ETHNICITY}
SETTINGS = {SETTING_PUBLICATION: dt.date(2026, 5, 12), SETTING_NEXT_PUBLICATION: "10.08.2026"}

Edit = Callable[[pd.DataFrame], pd.DataFrame]


def build_workbook(path: str | Path, edits: dict[TableSpec, Edit] | None = None,
                   specs: tuple[TableSpec, ...] = (DATA, POPULATION, ETHNICITY),
                   settings: dict | None = SETTINGS, base: str | Path | None = None) -> Path:
    """A workbook with the sample input sheets of `specs` and (unless None) a Settings sheet.

    `edits[spec]`: a function of the sample CSV as a text DataFrame. `base`: a workbook to add the sheets to
    (an .xlsm keeps its VBA project), else a new one.
    """
    path = Path(path)
    edits = edits or {}
    if base is not None:
        workbook = openpyxl.load_workbook(base, keep_vba=path.suffix.lower() == ".xlsm")
    else:
        workbook = openpyxl.Workbook()
        workbook.remove(workbook.active)
    for spec in specs:
        source = SAMPLES[spec]
        if spec in edits:
            frame = edits[spec](pd.read_csv(source, dtype=str, keep_default_na=False))
            source = path.with_name(f"{path.stem}_{spec.sheet}.csv")
            frame.to_csv(source, index=False)
        write_input_sheet(workbook, spec, read_csv_frame(source, spec))
    if settings is not None:
        write_settings_sheet(workbook, dict(settings))
    workbook.save(path)
    return path


def chart_parts(path: str | Path) -> list[str]:
    """The chart parts (xl/charts/chartN.xml) of a workbook package."""
    with zipfile.ZipFile(path) as package:
        return sorted(name for name in package.namelist()
                      if name.startswith("xl/charts/chart") and name.endswith(".xml"))


def convert_with_libreoffice(path: str | Path, out_dir: str | Path, fmt: str = "xlsx") -> Path:
    """`path` converted by headless LibreOffice in a fresh profile (fails in CI if soffice is missing)."""
    soffice = libreoffice_or_fail()
    path, out_dir = Path(path), Path(out_dir)
    target = out_dir / "converted"
    target.mkdir(parents=True, exist_ok=True)
    profile = (out_dir / "lo_profile").resolve().as_uri()
    result = subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={profile}",
                             "--convert-to", fmt, "--outdir", str(target), str(path)],
                            capture_output=True, text=True, timeout=300)
    converted = target / f"{path.stem}.{fmt}"
    assert result.returncode == 0 and converted.exists(), f"LibreOffice failed:\n{result.stdout}\n{result.stderr}"
    return converted

"""Render the refreshed sample workbook's Cover and one table sheet (English, and the Russian edition's), and the
Russian release page, to PNG for the README (docs/img/).

Run: .venv/bin/python docs/render_screenshots.py  (needs LibreOffice `soffice` and poppler's `pdftoppm`).
Each sheet is copied alone into a workbook, printed landscape, converted to PDF by headless
LibreOffice (fresh profile) and its first page rasterised at 110 dpi. The page: `publish --lang all`, then headless
Chromium's screenshot of the Russian page at 1280 px.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from importlib import resources
from pathlib import Path

import openpyxl

from migrelease.filedoor.csv_source import read_csv_frame
from migrelease.filedoor.refresh import refresh_workbook
from migrelease.model.facts import DATA, ETHNICITY, POPULATION
from migrelease.publish.release_files import publish_workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from openpyxl_sheets import write_input_sheet, write_settings_sheet  # noqa: E402  (the tests' sheet writers)

SHOTS = {("en", "Cover"): "cover.png", ("en", "Y_Ext_Arr"): "table.png", ("ru", "Y_Ext_Arr"): "table-ru.png"}
SAMPLES = {DATA: "sample_data.csv", POPULATION: "sample_population.csv", ETHNICITY: "sample_ethnicity.csv"}


def sample_workbook(path: Path, lang: str = "en") -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for spec, name in SAMPLES.items():
        write_input_sheet(book, spec, read_csv_frame(Path(str(resources.files("migrelease") / "data" / name)), spec))
    write_settings_sheet(book, {"Date of publication": dt.date(2026, 5, 12),
                                "Date of next publication": dt.date(2026, 8, 10)})
    book.save(path)
    refresh_workbook(path, lang=lang)
    return path


def render(workbook: Path, sheet: str, target: Path, work: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    for name in book.sheetnames:
        if name != sheet:
            book.remove(book[name])
    page = book[sheet]
    page.page_setup.orientation = "landscape"
    page.print_options.gridLines = False
    single = work / f"{sheet}.xlsx"
    book.save(single)
    profile = (work / "profile").resolve().as_uri()
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile}", "--convert-to",
                    "pdf", "--outdir", str(work), str(single)], check=True, capture_output=True, timeout=300)
    subprocess.run(["pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", str(work / f"{sheet}.pdf"),
                    str(target.with_suffix(""))], check=True, timeout=120)


def render_page(workbook: Path, target: Path, work: Path) -> None:
    published = publish_workbook(workbook, work / "public", lang="all")
    page = next(path for path in published.pages if path.name.endswith("-ru.html"))
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--user-data-dir={work / 'chromium'}", "--window-size=1280,1500", f"--screenshot={target}",
                    page.as_uri()], check=True, capture_output=True, timeout=120)


def main() -> int:
    out = Path(__file__).resolve().parent / "img"
    out.mkdir(exist_ok=True)
    if not shutil.which("soffice") or not shutil.which("pdftoppm"):
        print("needs soffice (LibreOffice) and pdftoppm (poppler-utils)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        workbooks = {lang: sample_workbook(work / f"release-{lang}.xlsx", lang) for lang, _ in SHOTS}
        for (lang, sheet), name in SHOTS.items():
            render(workbooks[lang], sheet, out / name, work)
            print(f"wrote {out / name}")
        render_page(workbooks["en"], out / "page-ru.png", work)
        print(f"wrote {out / 'page-ru.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

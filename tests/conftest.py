import csv
import os
import shutil
from importlib import resources
from pathlib import Path

import openpyxl
import pytest
from hypothesis import settings

# On CI the generated cases are the same every run (a red CI means a change broke something, not that the search
# was lucky); on a developer's machine hypothesis keeps exploring new cases.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")

# Every refresh of the test run is stamped 12.05.2026 14:03 UTC (release.stamp.refresh_time): two refreshes of the
# same inputs give the same workbook; tests about the stamp's time pass their own.
os.environ["SOURCE_DATE_EPOCH"] = "1778594580"

SAMPLE_DATA = Path(str(resources.files("migrelease").joinpath("data/sample_data.csv")))
SAMPLE_POPULATION = Path(str(resources.files("migrelease").joinpath("data/sample_population.csv")))
SAMPLE_ETHNICITY = Path(str(resources.files("migrelease").joinpath("data/sample_ethnicity.csv")))
SAMPLE_INPUTS = {"Data": SAMPLE_DATA, "Population": SAMPLE_POPULATION, "Ethnicity": SAMPLE_ETHNICITY}


def sample_sheet_rows(path: Path) -> list[list]:
    """A sample CSV as a user's sheet holds it: whole numbers (year periods, people) as numbers, the rest as text."""
    def typed(text):
        try:
            return int(text)
        except ValueError:
            return text

    with open(path, encoding="utf-8") as handle:
        return [[typed(cell) for cell in row] for row in csv.reader(handle)]


def write_unrefreshed_workbook(path: Path) -> Path:
    """A release workbook before its first refresh: a user's sheet and the input sheets from the samples."""
    workbook = openpyxl.Workbook()
    notes = workbook.active
    notes.title = "My notes"
    notes["A1"] = "checked by A. Statistician"
    for name, source in SAMPLE_INPUTS.items():
        sheet = workbook.create_sheet(name)
        for row in sample_sheet_rows(source):
            sheet.append(row)
    workbook.save(path)
    return path


def libreoffice_or_fail():
    """LibreOffice's soffice; on CI (CI=true) its absence is a failure, elsewhere a skip."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is required on CI: apt-get install libreoffice-calc-nogui")
        pytest.skip("LibreOffice is not installed")
    return soffice


@pytest.fixture(scope="session")
def sample_rows():
    """The sample Data sheet as typed cells (see sample_sheet_rows)."""
    return sample_sheet_rows(SAMPLE_DATA)


@pytest.fixture(scope="session")
def sample_release():
    from migrelease.filedoor.csv_source import read_csv_table
    from migrelease.model.facts import DATA, validate
    from migrelease.release.compute import compute_release

    return compute_release(validate(read_csv_table(SAMPLE_DATA), DATA), languages=("en",))


@pytest.fixture(scope="session")
def sample_release_full():
    """The sample release with Population and Ethnicity, and the Settings' dates (English)."""
    from migrelease.filedoor.csv_source import read_csv_table
    from migrelease.model.facts import DATA, ETHNICITY, POPULATION, validate
    from migrelease.release.compute import compute_release

    return compute_release(validate(read_csv_table(SAMPLE_DATA), DATA),
                           population=validate(read_csv_table(SAMPLE_POPULATION), POPULATION),
                           ethnicity=validate(read_csv_table(SAMPLE_ETHNICITY), ETHNICITY),
                           settings={"Date of publication": "12.05.2026", "Date of next publication": "10.08.2026"})


@pytest.fixture(scope="session")
def edition_paths(tmp_path_factory):
    """The sample workbook (every input sheet, Settings with the dates) refreshed in each language: lang -> path."""
    from migrelease.filedoor.refresh import refresh_workbook
    from publication_workbooks import build_workbook

    folder = tmp_path_factory.mktemp("editions")
    paths = {}
    for lang in ("en", "ru", "kk"):
        paths[lang] = build_workbook(folder / f"release-{lang}.xlsx")
        refresh_workbook(paths[lang], lang=lang)
    return paths


# Property-based suites record how many cases they generated; the count is shown at the end of every run.
GENERATED_CASES: dict[str, int] = {}


def pytest_terminal_summary(terminalreporter):
    if GENERATED_CASES:
        terminalreporter.write_line("generated cases: " + ", ".join(
            f"{name} {count}" for name, count in sorted(GENERATED_CASES.items())))

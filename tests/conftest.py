import os
import shutil
from importlib import resources
from pathlib import Path

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


def libreoffice_or_fail():
    """LibreOffice's soffice; on CI (CI=true) its absence is a failure, elsewhere a skip."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is required on CI: apt-get install libreoffice-calc-nogui")
        pytest.skip("LibreOffice is not installed")
    return soffice


@pytest.fixture(scope="session")
def sample_release():
    from migrelease.filedoor.csv_source import read_csv_table
    from migrelease.model.facts import DATA, validate
    from migrelease.release.compute import compute_release

    return compute_release(validate(read_csv_table(SAMPLE_DATA), DATA), languages=("en",))


# Property-based suites record how many cases they generated; the count is shown at the end of every run.
GENERATED_CASES: dict[str, int] = {}


def pytest_terminal_summary(terminalreporter):
    if GENERATED_CASES:
        terminalreporter.write_line("generated cases: " + ", ".join(
            f"{name} {count}" for name, count in sorted(GENERATED_CASES.items())))

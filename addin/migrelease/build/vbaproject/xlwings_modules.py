"""The VBA modules xlwings needs in a standalone workbook, taken from the installed xlwings package.

xlwings/xlwings.bas is the standalone `xlwings` module: its text equals the `xlwings` module of
xlwings' quickstart_standalone.xlsm apart from line endings (the workbook stores LF only, the
.bas file has CRLF).  The `Dictionary` class it relies on (VBA-Dictionary, used instead of
Scripting.Dictionary on Mac) ships only inside that workbook, so it is extracted from it at
build time.
"""

import importlib.util
from pathlib import Path

from migrelease.build.vbaproject.project import VbaModule
from migrelease.build.vbaproject.reader import read_vba_modules

XLWINGS_MODULE_NAME = "xlwings"
DICTIONARY_MODULE_NAME = "Dictionary"
_CODEPAGE_CODEC = "cp1252"


def xlwings_package_dir() -> Path:
    """The installed xlwings package directory, found without importing xlwings."""
    spec = importlib.util.find_spec("xlwings")
    if spec is None or spec.origin is None:
        raise RuntimeError("xlwings is not installed")
    return Path(spec.origin).parent


def xlwings_vba_modules() -> list[VbaModule]:
    """Return the `xlwings` standard module and the `Dictionary` class module, in that order."""
    package_dir = xlwings_package_dir()
    xlwings_source = (package_dir / "xlwings.bas").read_bytes().decode(_CODEPAGE_CODEC)
    reference_modules = read_vba_modules(package_dir / "quickstart_standalone.xlsm")
    if DICTIONARY_MODULE_NAME not in reference_modules:
        raise RuntimeError(f"no {DICTIONARY_MODULE_NAME} module in {package_dir / 'quickstart_standalone.xlsm'}")
    return [
        VbaModule(XLWINGS_MODULE_NAME, "standard", xlwings_source),
        VbaModule(DICTIONARY_MODULE_NAME, "class", reference_modules[DICTIONARY_MODULE_NAME]),
    ]

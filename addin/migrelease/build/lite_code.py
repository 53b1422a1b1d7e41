"""The two files the xlwings Lite add-in keeps in a workbook, for `migrelease lite-code` to print: main.py (the
Lite door's script and functions) and requirements.txt (xlwings and migrelease's wheel).

xlwings Lite does not document how it stores them in the workbook, so they are pasted into its editor rather
than written into the file.
"""

from __future__ import annotations

MAIN_PY = '''\
"""The migration release in xlwings Lite: the script refresh_release and the MIG_ functions (see migrelease's
README, "Excel on the web and Mac (xlwings Lite)")."""
from migrelease.lite import *  # noqa: F401,F403
'''

# The remote-engine actions the Lite door sends (column widths, row heights, wrap, tables, frozen panes, charts)
# are those of xlwings 0.37.
XLWINGS_REQUIREMENT = "xlwings>=0.37"


def requirements_txt(wheel_url: str) -> str:
    """requirements.txt: xlwings, and migrelease from its pure-Python wheel at `wheel_url` (PEP 508 direct
    reference; the server must allow cross-origin requests). Pyodide supplies pandas and numpy."""
    if not wheel_url.endswith(".whl"):
        raise ValueError(f"the wheel's URL must end with .whl: {wheel_url}")
    return f"{XLWINGS_REQUIREMENT}\nmigrelease @ {wheel_url}\n"


def lite_code(wheel_url: str) -> dict[str, str]:
    return {"main.py": MAIN_PY, "requirements.txt": requirements_txt(wheel_url)}

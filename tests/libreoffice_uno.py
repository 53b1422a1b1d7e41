"""Drive headless LibreOffice through UNO from the tests (shared by test_vbaproject and test_workbook_build).

UNO's Python bindings live in the system Python (/usr/bin/python3 with python3-uno), not in the test
virtualenv, so the tests run a small script there: it starts soffice with a fresh profile on a free port,
opens one workbook hidden with MacroExecutionMode 4 (always run macros, never ask), runs the test's
snippet with `document` bound, and shuts LibreOffice down.  The snippet reports by printing lines.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

SYSTEM_PYTHON = "/usr/bin/python3"

_SCRIPT = r'''
import os, subprocess, sys, time
import uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    item = PropertyValue(); item.Name = name; item.Value = value; return item

workbook, port, profile, snippet = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
office = subprocess.Popen(
    ["soffice", "--headless", "--invisible", "--norestore", "--nologo",
     "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
     "--accept=socket,host=127.0.0.1,port=%s;urp;" % port],
    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
desktop = None
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(240):
        try:
            context = resolver.resolve("uno:socket,host=127.0.0.1,port=%s;urp;StarOffice.ComponentContext" % port)
            break
        except Exception:
            if office.poll() is not None:
                raise SystemExit("soffice exited with %s before accepting connections" % office.returncode)
            time.sleep(0.25)
    else:
        raise SystemExit("soffice did not accept a UNO connection")
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    # MacroExecutionMode 4: always run macros without asking.
    document = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(os.path.abspath(workbook)), "_blank", 0,
        (prop("Hidden", True), prop("MacroExecutionMode", 4)))
    try:
        with open(snippet) as handle:
            exec(compile(handle.read(), snippet, "exec"), {"document": document, "uno": uno, "prop": prop})
    finally:
        document.close(True)
finally:
    try:
        if desktop is not None:
            desktop.terminate()
    except Exception:
        pass
    try:
        office.wait(timeout=60)
    except subprocess.TimeoutExpired:
        office.kill()
'''


def libreoffice_uno_or_fail() -> None:
    """Skip without LibreOffice and Python UNO; on CI (CI=true) their absence is a failure."""
    missing = []
    if shutil.which("soffice") is None:
        missing.append("soffice (apt-get install libreoffice-calc-nogui)")
    if not Path(SYSTEM_PYTHON).exists() or subprocess.run(
            [SYSTEM_PYTHON, "-c", "import uno"], capture_output=True).returncode != 0:
        missing.append(f"{SYSTEM_PYTHON} with uno (apt-get install python3-uno)")
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail("CI needs LibreOffice with Python UNO for this test; missing: " + ", ".join(missing))
        pytest.skip("LibreOffice with Python UNO is not installed: " + ", ".join(missing))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_in_libreoffice(workbook: Path, snippet: str, scratch: Path, timeout: float = 300) -> list[str]:
    """Open `workbook` in headless LibreOffice, run the Python `snippet` with `document` (and `uno`, `prop`)
    bound, and return the lines it printed.  `scratch` is an empty folder for the profile and scripts."""
    libreoffice_uno_or_fail()
    scratch.mkdir(parents=True, exist_ok=True)
    script, snippet_path = scratch / "uno_driver.py", scratch / "uno_snippet.py"
    script.write_text(_SCRIPT)
    snippet_path.write_text(snippet)
    result = subprocess.run(
        [SYSTEM_PYTHON, str(script), str(workbook), str(_free_port()), str(scratch / "profile"), str(snippet_path)],
        capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"LibreOffice run failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout.splitlines()

"""Nothing lost (issue 6): the in-place refresh is atomic, refuses locked and read-only workbooks, preserves
everything it does not generate over many refreshes, and is idempotent.

Crashes are real: a child process runs the refresh with one step replaced by a SIGKILL of itself, so no
`finally` or `except` runs, as when the power fails or the task is killed. Afterwards the workbook must be
byte-identical to before, or a complete, valid new workbook. What a kill can leave behind is one hidden
temporary file `.~migrelease-<name>-*.xlsm` next to the workbook (the half-written new workbook); the next
refresh deletes such files once they are older than 15 minutes (so a refresh running right now is never
disturbed), and the workbook itself is never affected by them.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from migrelease.filedoor import refresh as workbook_file
from migrelease.model.problems import InputProblems
from migrelease.filedoor.refresh import STALE_TEMPORARY_SECONDS, TEMPORARY_PREFIX, refresh_workbook

from issue6_workbooks import (BUTTON_SHEET, USER_NAMES, USER_SHEET, digest, macro_workbook, part_bytes,
                              quickstart_vba_project, sheet_part)

TESTS = Path(__file__).parent
# Measured (2-CPU build machine, shared): 50 consecutive refreshes of this workbook took 73.5 s (1.1-3.2 s each);
# the file was 250,982 bytes after refresh 1 and 251,019-251,022 bytes after each of refreshes 2-50 (see the
# size assertion below), with everything preserved. The suite runs the 50 the issue asks for (about a minute);
# MIGRELEASE_REFRESHES=N runs another number while developing.
REFRESHES = max(3, int(os.environ.get("MIGRELEASE_REFRESHES", "50")))

_CHILD = r'''
import os, signal, sys
from pathlib import Path

point, path = sys.argv[1], Path(sys.argv[2])

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

from migrelease.filedoor import package as pk
from migrelease.filedoor import refresh as wf
from migrelease.filedoor import surgery

if point == "reading":
    wf.read_inputs = die
elif point == "computing":  # whichever the refresh calls to compute everything
    wf.plan_refresh = die
elif point == "planning":  # the changes to the package worked out, nothing written yet
    surgery.WorkbookRefresh.changes = die
elif point == "mid-save":  # half the parts written into the temporary zip
    real = pk.SourcePackage.copy_stored
    count = [0]
    def copy_stored(self, info, target):
        count[0] += 1
        if count[0] == 12:
            target.fp.flush()
            die()
        return real(self, info, target)
    pk.SourcePackage.copy_stored = copy_stored
elif point == "before-fsync":
    os.fsync = die
elif point == "before-replace":
    os.replace = die
elif point == "after-replace":  # renamed, the folder not yet synced
    real_replace = os.replace
    def replace(source, target):
        real_replace(source, target)
        die()
    os.replace = replace
else:
    raise SystemExit("unknown point " + point)
wf.refresh_workbook(path)
print("refresh finished without being killed")
'''


def run_killed(point: str, path: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(TESTS), os.environ.get("PYTHONPATH")])))
    return subprocess.run([sys.executable, "-c", _CHILD, point, str(path)], capture_output=True, text=True,
                          env=env, timeout=300)


def temporaries(folder: Path) -> list[Path]:
    return sorted(folder.glob(TEMPORARY_PREFIX + "*"))


def assert_complete_new_workbook(path: Path) -> None:
    with zipfile.ZipFile(path) as package:
        assert package.testzip() is None
        assert package.read("xl/vbaProject.bin") == quickstart_vba_project()
    book = openpyxl.load_workbook(path, keep_vba=True)
    assert book["Y_Ext_Arr"]["A7"].value == "Republic of Kazakhstan"
    assert book["Y_Ext_Arr"].cell(7, 14).value == 6197
    assert {"Cover", "Key points", "Checks", BUTTON_SHEET, USER_SHEET, "Data"} <= set(book.sheetnames)


@pytest.fixture(scope="module")
def base_workbook(tmp_path_factory) -> Path:
    return macro_workbook(tmp_path_factory.mktemp("base") / "release.xlsm")


@pytest.mark.parametrize("point, outcome", [
    ("reading", "old"), ("computing", "old"), ("planning", "old"), ("mid-save", "old"),
    ("before-fsync", "old"), ("before-replace", "old"), ("after-replace", "new"),
])
def test_a_kill_at_any_step_leaves_the_old_or_a_complete_new_workbook(base_workbook, tmp_path, point, outcome):
    path = tmp_path / "release.xlsm"
    shutil.copyfile(base_workbook, path)
    before = digest(path)
    result = run_killed(point, path)
    assert result.returncode == -signal.SIGKILL, (result.returncode, result.stdout, result.stderr)
    if outcome == "old":
        assert digest(path) == before
    else:
        assert digest(path) != before
        assert_complete_new_workbook(path)
    left = temporaries(tmp_path)
    # Documented: a kill between creating the temporary file and renaming it leaves that file behind.
    expected_left = 1 if point in ("mid-save", "before-fsync", "before-replace") else 0
    assert len(left) == expected_left, left
    if left and point == "mid-save":  # (once: each refresh costs seconds)
        print(f"\n{point}: left {left[0].name} ({left[0].stat().st_size} bytes)")
        # A recent one belongs, for all we know, to a refresh still running: the next refresh keeps it ...
        refresh_workbook(path)
        assert temporaries(tmp_path) == left
        # ... and deletes it once it is stale.
        old = time.time() - STALE_TEMPORARY_SECONDS - 60
        os.utime(left[0], (old, old))
        refresh_workbook(path)
        assert temporaries(tmp_path) == []
        assert_complete_new_workbook(path)


def test_stale_temporaries_of_other_workbooks_are_left_alone(tmp_path):
    path = tmp_path / "release.xlsm"
    other = tmp_path / f"{TEMPORARY_PREFIX}other-abc123.xlsm"
    mine = tmp_path / f"{TEMPORARY_PREFIX}release-abc123.xlsm"
    for stale in (other, mine):
        stale.write_bytes(b"half a workbook")
        os.utime(stale, (0, 0))
    assert workbook_file.remove_stale_temporaries(path) == [mine]
    assert other.exists() and not mine.exists()


def test_a_workbook_open_in_excel_is_refused_and_unchanged(base_workbook, tmp_path):
    path = tmp_path / "release.xlsm"
    shutil.copyfile(base_workbook, path)
    (tmp_path / "~$release.xlsm").write_bytes(b"\x00" * 165)  # Excel's owner file while the workbook is open
    before = digest(path)
    with pytest.raises(InputProblems) as error:
        refresh_workbook(path)
    assert "is open in Excel (lock file '~$release.xlsm'); close it and try again" in str(error.value)
    assert digest(path) == before and temporaries(tmp_path) == []


@pytest.mark.parametrize("read_only", ["folder", "file"])
def test_a_read_only_folder_or_file_is_refused_and_unchanged(base_workbook, tmp_path, monkeypatch, read_only):
    """The tests run as root, and root ignores permission bits (chmod 0o555 would not stop it), so the
    operating system's answer is simulated: os.access reports the folder or the file as not writable."""
    path = tmp_path / "release.xlsm"
    shutil.copyfile(base_workbook, path)
    denied = tmp_path if read_only == "folder" else path
    real_access = os.access
    monkeypatch.setattr(workbook_file.os, "access",
                        lambda p, mode, **kw: False if (Path(p) == denied and mode & os.W_OK) else real_access(p, mode))
    before = digest(path)
    with pytest.raises(InputProblems) as error:
        refresh_workbook(path)
    assert "cannot be written (read-only file or folder)" in str(error.value)
    assert digest(path) == before and temporaries(tmp_path) == []


def test_a_failed_save_leaves_the_workbook_and_no_temporary_file(base_workbook, tmp_path, monkeypatch):
    """A save that fails (disk full, say) removes its temporary file and keeps the old workbook."""
    path = tmp_path / "release.xlsm"
    shutil.copyfile(base_workbook, path)
    before = digest(path)

    def disk_full(descriptor):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(workbook_file.os, "fsync", disk_full)  # the data is written, it cannot be flushed
    with pytest.raises(OSError, match="No space left"):
        refresh_workbook(path)
    assert digest(path) == before and temporaries(tmp_path) == []


def _cells(path: Path) -> dict:
    book = openpyxl.load_workbook(path, keep_vba=True)
    return {(sheet.title, cell.coordinate): (cell.value, cell.data_type, cell.number_format)
            for sheet in book for row in sheet.iter_rows() for cell in row if cell.value is not None}


def _preserved(path: Path) -> dict:
    """What the refresh must never touch, read back independently of the refresh's own code."""
    book = openpyxl.load_workbook(path, keep_vba=True)
    mine = book[USER_SHEET]
    start_part = sheet_part(path, BUTTON_SHEET)
    start_xml = part_bytes(path, start_part).decode()
    with zipfile.ZipFile(path) as package:
        vml = {name: package.read(name) for name in package.namelist() if name.endswith(".vml")}
    return {
        "vba": part_bytes(path, "xl/vbaProject.bin"),
        "vml": vml,
        "button sheet has its VML": "<legacyDrawing" in start_xml,
        "names": {name: book.defined_names[name].attr_text for name in USER_NAMES if name in book.defined_names},
        "validation": sorted((str(v.sqref), v.type, v.formula1, v.formula2, v.promptTitle, v.prompt)
                             for v in mine.data_validations.dataValidation),
        "user cells": {c.coordinate: (c.value, c.number_format, c.font.b, c.fill.fgColor.rgb)
                       for row in mine.iter_rows() for c in row if c.value is not None},
        "widths": {letter: mine.column_dimensions[letter].width for letter in "AB"},
        "sheets": [name for name in book.sheetnames if name in (BUTTON_SHEET, USER_SHEET)],
    }


def test_many_refreshes_preserve_everything_do_not_grow_the_file_and_are_idempotent(tmp_path):
    path = macro_workbook(tmp_path / "release.xlsm")
    original = _preserved(path)
    assert original["vml"] and original["button sheet has its VML"] and len(original["names"]) == 2
    assert len(original["validation"]) == 2 and original["widths"]["A"] > 40
    sizes, seconds = [], []
    for _ in range(REFRESHES):
        started = time.perf_counter()
        refresh_workbook(path)
        seconds.append(time.perf_counter() - started)
        sizes.append(path.stat().st_size)
        if len(sizes) == REFRESHES - 1:
            cells_before_last = _cells(path)
    print(f"\n{REFRESHES} refreshes: sizes {sizes} bytes, {sum(seconds):.1f} s in all, "
          f"{min(seconds):.2f}-{max(seconds):.2f} s each")
    # The second save adds a few dozen bytes once, openpyxl normalising what it wrote the first time (a creator in
    # docProps/core.xml, a selection in the new Settings sheet); from then on only zip timestamps vary.
    assert abs(sizes[-1] - sizes[0]) <= 64, sizes
    assert max(sizes[1:]) - min(sizes[1:]) <= 8, sizes
    assert _cells(path) == cells_before_last  # idempotent: the same data gives the same cells
    assert _preserved(path) == original
    assert temporaries(tmp_path) == []
    assert_complete_new_workbook(path)


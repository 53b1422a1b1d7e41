"""Performance figures of the release tools (issue 8), from one run on this machine.

Run from the repository root:  .venv/bin/python bench/run.py
Prints one `name: value` line per figure (times in seconds, memory in MB), and context lines starting with '#'.
Everything but the timings is deterministic; temporary files go to one temporary folder, removed at the end.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import io
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # xlwings_harness: the UDF conversion path and the in-memory engine
sys.path.insert(0, str(ROOT / "bench"))  # stress_data

import numpy as np  # noqa: E402
import openpyxl  # noqa: E402
import xlwings  # noqa: E402

SAMPLE = ROOT / "workbook" / "migration_release.xlsm"
GOALS = {  # name: (limit, comparison text)
    "udf_change_1e6_vs_numpy": (1.5, "<="),
    "refresh_sample_vs_openpyxl_roundtrip": (0.4, "<="),
    "refresh_stress_s": (1.5, "<="),
    "refresh_stress_peak_mb": (200.0, "<"),
    "refresh_big_part_peak_mb": (200.0, "<"),
}
BIG_PART_MB = 275  # a user sheet's text: the shared-strings part of issue 14

# The stress refresh runs in a child process so that its peak memory is its own. On Linux a child started with
# vfork/exec inherits the high-water mark of the process it was started from, so RUSAGE_CHILDREN seen from this
# (large) process would report at least our own size. A small launcher starts the worker and reports the
# worker's ru_maxrss from its own RUSAGE_CHILDREN.
STRESS_WORKER = """
import sys, time
from migrelease.filedoor.refresh import refresh_workbook
start = time.perf_counter()
refresh_workbook(sys.argv[1])
elapsed = time.perf_counter() - start
with open("/proc/self/status") as status:
    hwm = next((line.split()[1] for line in status if line.startswith("VmHWM:")), "0")
print(elapsed, hwm)
"""
LAUNCHER = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
sys.stderr.write(done.stderr)
print(done.stdout.strip(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(done.returncode)
"""


def show(name: str, value) -> None:
    print(f"{name}: {value:.3f}" if isinstance(value, float) else f"{name}: {value}", flush=True)


def best_of(repeat: int, run, prepare=lambda: None) -> float:
    """The shortest of `repeat` timings of run(prepare()); prepare is not timed."""
    times = []
    for _ in range(repeat):
        argument = prepare()
        gc.collect()
        start = time.perf_counter()
        run(argument)
        times.append(time.perf_counter() - start)
    return min(times)


# --- MIG_CHANGE over a million cells -------------------------------------------------------------------------

def udf_change_figures() -> dict[str, float]:
    """MIG_CHANGE on 1000x1000 COM-shaped ranges through xlwings' conversion (as call_udf does), MIG_CHANGE
    called directly with the same tuples, and the bare numpy expression on float arrays."""
    from xlwings_harness import call_like_excel, fresh_import

    from migrelease.model.rounding import excel_round

    rng = np.random.default_rng(8)
    current = rng.integers(0, 10_000, (1000, 1000)).astype(float)
    previous = rng.integers(1, 10_000, (1000, 1000)).astype(float)
    # What COM hands a UDF for a range: tuples of tuples of Python floats (built once, outside the timings).
    current_com = tuple(map(tuple, current.tolist()))
    previous_com = tuple(map(tuple, previous.tolist()))

    def bare_numpy(_):
        return excel_round((current / previous - 1) * 100, 1)

    with fresh_import("migrelease.udfs") as udfs:
        expected = bare_numpy(None)
        if not np.array_equal(np.array(call_like_excel(udfs.MIG_CHANGE, current_com, previous_com)), expected):
            raise AssertionError("MIG_CHANGE and the numpy expression disagree")
        udf = best_of(3, lambda _: call_like_excel(udfs.MIG_CHANGE, current_com, previous_com))
        core = best_of(3, lambda _: udfs.MIG_CHANGE(current_com, previous_com))
    numpy_ = best_of(3, bare_numpy)

    def boundary_only(_):
        """What any UDF on this path must do besides computing: the two ranges into float arrays, the answer
        back into Python rows (and those rows freed, as the timed UDF calls free theirs)."""
        np.array(current_com, dtype=float), np.array(previous_com, dtype=float), expected.tolist()

    boundary = best_of(3, boundary_only)
    print(f"# COM boundary alone (2 x 1e6 values in, 1e6 out): {boundary:.3f} s; numpy expression: {numpy_:.3f} s; "
          f"so no UDF on this path can go below a ratio of {(boundary + numpy_) / numpy_:.2f}")
    return {"udf_change_1e6_s": udf, "numpy_change_1e6_s": numpy_, "udf_change_1e6_vs_numpy": udf / numpy_,
            "udf_change_1e6_core_vs_numpy": core / numpy_,
            "udf_change_1e6_boundary_floor_vs_numpy": (boundary + numpy_) / numpy_}


# --- the file door on the sample workbook --------------------------------------------------------------------

def refresh_sample_figures(folder: Path) -> dict[str, float]:
    """refresh_workbook on fresh copies of the sample workbook, against a bare openpyxl load + save of it."""
    from migrelease.filedoor.refresh import refresh_workbook

    counter = iter(range(1_000))

    def fresh_copy() -> Path:
        path = folder / f"sample-{next(counter)}.xlsm"
        shutil.copyfile(SAMPLE, path)
        return path

    def roundtrip(path: Path) -> None:
        openpyxl.load_workbook(path, keep_vba=True).save(path)

    refresh = best_of(3, refresh_workbook, fresh_copy)
    openpyxl_roundtrip = best_of(3, roundtrip, fresh_copy)
    for path in folder.glob("sample-*.xlsm"):
        path.unlink()
    print(f"# openpyxl load(keep_vba=True) + save of the sample: {openpyxl_roundtrip:.3f} s (best of 3)")
    return {"refresh_sample_s": refresh, "refresh_sample_vs_openpyxl_roundtrip": refresh / openpyxl_roundtrip}


# --- a published workbook: the refresh reads the publication record and lists revisions (issue 18) -------------

def refresh_published_figures(folder: Path) -> dict[str, float]:
    """refresh_workbook of the sample once published (its `_Release` sheet holds the record of ~6,000 figures,
    which the refresh reads, compares and writes back) against the same workbook refreshed but never published."""
    from migrelease import cli
    from migrelease.filedoor.refresh import refresh_workbook

    refreshed, published = folder / "refreshed.xlsm", folder / "published.xlsm"
    shutil.copyfile(SAMPLE, refreshed)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        cli.main(["refresh", str(refreshed), "--published", "12.05.2026", "--next", "12.08.2026"])
        shutil.copyfile(refreshed, published)
        cli.main(["publish", str(published), "--out", str(folder / "public")])
    counter = iter(range(1_000))

    def copy_of(source: Path):
        def fresh_copy() -> Path:
            path = folder / f"{source.stem}-{next(counter)}.xlsm"
            shutil.copyfile(source, path)
            return path
        return fresh_copy

    unpublished_s = best_of(5, refresh_workbook, copy_of(refreshed))
    published_s = best_of(5, refresh_workbook, copy_of(published))
    shutil.rmtree(folder / "public")
    for path in [*folder.glob("refreshed*.xlsm"), *folder.glob("published*.xlsm")]:
        path.unlink()
    return {"refresh_published_sample_s": published_s,
            "refresh_published_vs_unpublished": published_s / unpublished_s}


# --- the file door on the stress workbook, in a child process ------------------------------------------------

def refresh_in_child(path: Path) -> tuple[float, int, int]:
    """(seconds, VmHWM kB, ru_maxrss kB) of refresh_workbook(path) in a fresh worker process."""
    done = subprocess.run([sys.executable, "-c", LAUNCHER, sys.executable, "-c", STRESS_WORKER, str(path)],
                          capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"the refresh of {path.name} failed:\n{done.stderr}")
    elapsed, hwm, maxrss = done.stdout.split()
    return float(elapsed), int(hwm), int(maxrss)


def refresh_stress_figures(folder: Path, runs: int = 2) -> dict[str, float]:
    """refresh_workbook on a generated ~68,000-row Data sheet: best time and peak resident memory of `runs`
    child processes, each on a fresh copy."""
    from stress_data import write_stress_workbook

    master = folder / "stress-master.xlsx"
    start = time.perf_counter()
    rows = write_stress_workbook(master)
    print(f"# stress workbook: {rows} Data rows, {master.stat().st_size / 2**20:.1f} MB, "
          f"generated in {time.perf_counter() - start:.1f} s", flush=True)
    times, peaks_kb, hwms_kb = [], [], []
    for run in range(runs):
        path = folder / f"stress-{run}.xlsx"
        shutil.copyfile(master, path)
        elapsed, hwm, maxrss = refresh_in_child(path)
        times.append(elapsed)
        hwms_kb.append(hwm)
        peaks_kb.append(maxrss)
        path.unlink()
    master.unlink()
    print(f"# stress refresh runs: {', '.join(f'{t:.3f}' for t in times)} s; "
          f"VmHWM of the worker {max(hwms_kb) / 1024:.0f} MB (cross-check of ru_maxrss)")
    return {"refresh_stress_s": min(times), "refresh_stress_peak_mb": max(peaks_kb) / 1024}


# --- the file door with a 275 MB user part -------------------------------------------------------------------

_SHARED_STRING_CELL = re.compile(rb'(<c\b[^>]*\bt="s"[^>]*>\s*<v>)(\d+)(</v>)')


def write_big_part_workbook(source: Path, path: Path, megabytes: int = BIG_PART_MB) -> int:
    """`source` with a user sheet "Notes archive" holding ~`megabytes` MB of text (random, so it compresses as
    text does, not like a zip bomb), its strings first in the shared-string table, as when the user's sheet comes
    before the input sheets: the input sheets' strings are then at its very end. Returns the part's size."""
    items = 250_000
    length = megabytes * 2**20 // items - 9
    rng = np.random.default_rng(275)
    alphabet = np.frombuffer(b"abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", dtype=np.uint8)
    with zipfile.ZipFile(source) as package:
        members = [(info.filename, package.read(info)) for info in package.infolist()]
    parts = dict(members)
    shared = parts.get("xl/sharedStrings.xml")
    old_items = shared[shared.index(b">", shared.index(b"<sst")) + 1:shared.rindex(b"</sst>")] if shared else b""
    shift = lambda xml: _SHARED_STRING_CELL.sub(lambda m: m.group(1) + str(int(m.group(2)) + items).encode()
                                                 + m.group(3), xml)  # noqa: E731
    sheet_count = len(re.findall(rb"<sheet ", parts["xl/workbook.xml"]))
    big_sheet = f"xl/worksheets/sheet{sheet_count + 100}.xml"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in members:
            if name == "xl/sharedStrings.xml":
                continue
            if name.startswith("xl/worksheets/sheet"):
                data = shift(data)
            elif name == "xl/workbook.xml":
                data = data.replace(b"</sheets>", f'<sheet name="Notes archive" sheetId="{sheet_count + 100}" '
                                    'r:id="rIdBig" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                                    'relationships"/></sheets>'.encode())
            elif name == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", (
                    '<Relationship Id="rIdBig" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    f'relationships/worksheet" Target="/{big_sheet}"/>' + (
                        "" if shared else '<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/'
                        'officeDocument/2006/relationships/sharedStrings" Target="/xl/sharedStrings.xml"/>') +
                    "</Relationships>").encode())
            elif name == "[Content_Types].xml":
                data = data.replace(b"</Types>", (
                    f'<Override PartName="/{big_sheet}" ContentType="application/vnd.openxmlformats-officedocument.'
                    'spreadsheetml.worksheet+xml"/>' + ("" if shared else
                    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                    'officedocument.spreadsheetml.sharedStrings+xml"/>') + "</Types>").encode())
            out.writestr(name, data)
        with out.open("xl/sharedStrings.xml", "w", force_zip64=True) as strings:
            strings.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://'
                          b'schemas.openxmlformats.org/spreadsheetml/2006/main">')
            for start in range(0, items, 10_000):
                block = alphabet[rng.integers(0, len(alphabet), (10_000, length))]
                strings.write(b"".join(b"<si><t>" + row.tobytes() + b"</t></si>" for row in block))
            strings.write(old_items + b"</sst>")
        with out.open(big_sheet, "w") as sheet:
            sheet.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://'
                        b'schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            for row in range(items):
                sheet.write(f'<row r="{row + 1}"><c r="A{row + 1}" t="s"><v>{row}</v></c></row>'.encode())
            sheet.write(b"</sheetData></worksheet>")
    with zipfile.ZipFile(path) as package:
        return package.getinfo("xl/sharedStrings.xml").file_size


def refresh_big_part_figures(folder: Path) -> dict[str, float]:
    """The sample workbook with a 275 MB user part, refreshed in a worker: peak memory, and the time it adds to
    the refresh of the sample, against what any refresh of that file must do at least: copy the file, and read
    (inflate) the shared-string table once, since the input sheets' strings are at its end."""
    sample = folder / "big-sample.xlsm"
    shutil.copyfile(SAMPLE, sample)
    master = folder / "big-master.xlsm"
    start = time.perf_counter()
    size = write_big_part_workbook(SAMPLE, master)
    print(f"# big-part workbook: sharedStrings {size / 2**20:.0f} MB (the input sheets' strings last), file "
          f"{master.stat().st_size / 2**20:.0f} MB, generated in {time.perf_counter() - start:.1f} s", flush=True)
    base, _, _ = refresh_in_child(sample)
    path = folder / "big.xlsm"
    shutil.copyfile(master, path)
    copied = folder / "big-copy.xlsm"
    copy_seconds = best_of(3, lambda _: shutil.copyfile(path, copied))
    copied.unlink()

    def inflate(_):
        with zipfile.ZipFile(path) as package, package.open("xl/sharedStrings.xml") as part:
            while part.read(2**22):
                pass

    read_seconds = best_of(3, inflate)
    elapsed, hwm, maxrss = refresh_in_child(path)
    for leftover in (path, master, sample):
        leftover.unlink()
    print(f"# refresh of the sample {base:.3f} s, with the big part {elapsed:.3f} s; copying the file "
          f"{copy_seconds:.3f} s, inflating the part once {read_seconds:.3f} s; VmHWM of the worker "
          f"{hwm / 1024:.0f} MB")
    return {"refresh_big_part_s": elapsed, "refresh_big_part_extra_s": elapsed - base,
            "big_part_copy_and_read_s": copy_seconds + read_seconds,
            "refresh_big_part_extra_vs_copy_and_read": (elapsed - base) / (copy_seconds + read_seconds),
            "refresh_big_part_peak_mb": maxrss / 1024}


# --- the button on the in-memory xlwings engine --------------------------------------------------------------

def xlwings_write_figures() -> dict[str, int]:
    """Range.value writes of one button refresh of the sample workbook, and the blocks of its layout."""
    from xlwings_harness import load_workbook

    from migrelease import macros

    book = load_workbook(SAMPLE)
    start = time.perf_counter()
    plan = macros.refresh(book)
    elapsed = time.perf_counter() - start
    if plan is None:
        raise RuntimeError(f"the button refresh refused the sample workbook: {book.impl.app.alerts}")
    print(f"# button refresh of the sample on the memory engine: {elapsed:.3f} s")
    return {"xlwings_range_writes": len(book.impl.value_writes),
            "layout_blocks": sum(len(layout.blocks) for layout in plan.layouts)}


# --- the xlwings Lite door on xlwings' remote engine -----------------------------------------------------------

def lite_refresh_figures(folder: Path) -> dict[str, float]:
    """refresh_release as the xlwings Lite add-in runs it (the book built from the add-in's request, the script,
    the actions out; best of 3), on the sample and on the stress workbook: time, actions, request and answer
    sizes. The JSON (de)serialisation the add-in does in the browser is not timed."""
    from lite_harness import payload_from_workbook, remote_engine
    from stress_data import write_stress_workbook

    stress = folder / "stress-lite.xlsx"
    write_stress_workbook(stress)
    figures = {}
    with remote_engine() as xw:  # xlwings PRO's remote engine reads its licence key at import
        from xlwings.server import custom_scripts_call

        from migrelease import lite

        def run(payload):
            book = xw.Book(json=payload)
            return asyncio.run(custom_scripts_call(lite, "refresh_release", typehint_to_value={xw.Book: book}))

        for name, path in (("sample", SAMPLE), ("stress", stress)):
            request = json.dumps(payload_from_workbook(path, xw.__version__))
            with contextlib.redirect_stdout(io.StringIO()):  # the door's messages for Lite's Output pane
                elapsed = best_of(3, run, lambda: json.loads(request))
                actions = run(json.loads(request)).json()["actions"]
            figures[f"lite_refresh_{name}_s"] = elapsed
            figures[f"lite_payload_{name}_bytes"] = len(request.encode("utf-8"))
            figures[f"lite_answer_{name}_bytes"] = len(json.dumps({"actions": actions}).encode("utf-8"))
            if name == "sample":
                figures["lite_refresh_actions"] = len(actions)
                figures["lite_set_values"] = sum(action["func"] == "setValues" for action in actions)
    stress.unlink()
    return figures


# -------------------------------------------------------------------------------------------------------------

def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def goal_summary(figures: dict) -> str:
    verdicts = []
    for name, (limit, comparison) in GOALS.items():
        value = figures[name]
        met = value <= limit if comparison == "<=" else value < limit
        verdicts.append(f"{name} {comparison} {limit:g}: {'met' if met else 'NOT met'}")
    writes_met = figures["xlwings_range_writes"] == figures["layout_blocks"]
    verdicts.append(f"one write per block: {'met' if writes_met else 'NOT met'}")
    # The Lite refresh of the sample rewrites the same blocks as the button (its Settings sheet exists).
    lite_met = figures["lite_set_values"] <= figures["layout_blocks"]
    verdicts.append(f"Lite: at most one setValues per block: {'met' if lite_met else 'NOT met'}")
    return "; ".join(verdicts)


def main() -> None:
    print(f"# machine: {os.cpu_count()} CPUs, {cpu_model()}, load average {os.getloadavg()[0]:.2f} at start")
    print(f"# python {platform.python_version()}, numpy {np.__version__}, openpyxl {openpyxl.__version__}, "
          f"xlwings {xlwings.__version__}", flush=True)
    started = time.perf_counter()
    figures = {}
    with tempfile.TemporaryDirectory(prefix="migrelease-bench-") as folder:
        for measure in (udf_change_figures, lambda: refresh_sample_figures(Path(folder)),
                        lambda: refresh_published_figures(Path(folder)),
                        lambda: refresh_stress_figures(Path(folder)), lambda: refresh_big_part_figures(Path(folder)),
                        xlwings_write_figures, lambda: lite_refresh_figures(Path(folder))):
            for name, value in measure().items():
                figures[name] = value
                show(name, value)
        for workbook in ("sample", "stress"):  # the Lite door's Python against the file door's whole refresh
            name = f"lite_refresh_{workbook}_vs_file_door"
            figures[name] = figures[f"lite_refresh_{workbook}_s"] / figures[f"refresh_{workbook}_s"]
            show(name, figures[name])
    print(f"# goals: {goal_summary(figures)}")
    print(f"# total {time.perf_counter() - started:.0f} s, load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()

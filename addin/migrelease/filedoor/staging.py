"""Files written beside their target folder first and moved in only when all of them are complete.

A failure at any point (a full disk, a chart that cannot be drawn, a killed run) leaves nothing new in the target:
no 0-byte file, no half of a release. The staging folder sits beside the target, on the same file system, so
each move is a rename.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from migrelease.model.problems import InputProblems, Problem

STAGING_PREFIX = ".~migrelease-staging-"


def check_target_folder(folder: Path, option: str) -> None:
    """Refuse a target that is a file, or a folder that cannot be made or written, before anything is done."""
    if folder.exists() and not folder.is_dir():
        raise InputProblems([Problem(f"option {option}", None, None,
                                     f"'{folder}' is a file, not a folder: give a folder for the files")])
    existing = folder
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        raise InputProblems([Problem(f"option {option}", None, None,
                                     f"cannot write into '{existing}' (read-only folder, or not a folder)")])


@contextmanager
def staged(folder: Path) -> Iterator[Path]:
    """A fresh staging folder beside `folder`; removed with whatever it holds unless the body ends normally and
    `commit` moved its files. The caller writes the files into it, then calls `commit`."""
    parent = folder.parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=parent))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _flush(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def commit(staging: Path, folder: Path) -> list[Path]:
    """Move every file of `staging` into `folder` (made if needed), each flushed to disk first; the paths."""
    files = sorted(path for path in staging.iterdir() if path.is_file())
    for path in files:
        _flush(path)
    folder.mkdir(parents=True, exist_ok=True)
    moved = []
    for path in files:
        target = folder / path.name
        os.replace(path, target)
        moved.append(target)
    return moved

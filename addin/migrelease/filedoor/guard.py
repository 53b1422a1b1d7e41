"""One refresh of a workbook at a time, and never over a file another program changed meanwhile.

Two guards, because file locks are advisory: every migrelease run that writes a workbook holds an exclusive lock
(`filelock`, fcntl/msvcrt) on a lock file beside it for its whole run, so two refreshes queue instead of mixing
one's Data with the other's tables; and since Excel, LibreOffice or a script do not take that lock, the file's
size, modification time and content hash are recorded when it is read and confirmed just before it is replaced.
The lock is not taken on the workbook itself — the refresh replaces the workbook by rename, so a lock held on the
old file would protect nothing — but on a lock file named after the workbook's full path in the system's
temporary folder: nothing is left beside the user's file, and the lock file is never deleted (deleting one lets
two runs lock two different files). Locks of this kind work between processes of one computer; Excel and
LibreOffice do not take them, which is what the second guard is for.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from filelock import FileLock, Timeout

from migrelease.model.problems import InputProblems, Problem

LOCK_FOLDER = "migrelease-locks"
WAIT_SECONDS = 300.0  # a refresh takes seconds; after five minutes the other run is stuck, not busy


def lock_path(workbook: Path) -> Path:
    """The lock file of `workbook`: one per real path (links and relative paths resolved), in the temp folder."""
    folder = Path(tempfile.gettempdir()) / LOCK_FOLDER
    if not folder.is_dir():
        folder.mkdir(exist_ok=True)
        try:
            os.chmod(folder, 0o1777)  # shared like /tmp: every user's runs lock there, none removes another's
        except OSError:
            pass
    key = hashlib.sha256(os.fsencode(os.path.realpath(workbook))).hexdigest()[:32]
    return folder / f"{key}.lock"


def _file_problem(path: Path, message: str) -> InputProblems:
    return InputProblems([Problem(f"file '{path.name}'", None, None, message)])


@contextmanager
def exclusive(workbook: Path, wait_seconds: float = WAIT_SECONDS,
              on_wait: Callable[[str], None] = lambda message: None) -> Iterator[None]:
    """Hold the workbook's migrelease lock for the body; another run waits for it (up to `wait_seconds`)."""
    lock = FileLock(lock_path(workbook), timeout=wait_seconds, mode=0o666)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        on_wait(f"waiting for another migrelease run on {workbook.name} to finish")
        try:
            lock.acquire()
        except Timeout:
            raise _file_problem(workbook, f"is still being refreshed or published by another migrelease run after "
                                          f"{wait_seconds:.0f} s; try again when it has finished") from None
    try:
        yield
    finally:
        lock.release()


FULL_HASH_BYTES = 64 * 2**20  # beyond this, the first and last EDGE_BYTES are hashed (with inode and ctime)
EDGE_BYTES = 16 * 2**20


def _digest(path: Path, size: int) -> str:
    """sha256 of the file's bytes — all of them up to FULL_HASH_BYTES; of a bigger file (a workbook with a huge user
    part), its first and last EDGE_BYTES, where a zip keeps its local headers and its central directory, so that
    confirming it costs no second read of hundreds of MB."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        if size <= FULL_HASH_BYTES:
            while chunk := handle.read(2**20):
                digest.update(chunk)
        else:
            digest.update(handle.read(EDGE_BYTES))
            handle.seek(size - EDGE_BYTES)
            digest.update(handle.read(EDGE_BYTES))
    return digest.hexdigest()


@dataclass(frozen=True)
class FileIdentity:
    """What a file was when it was read: its inode, size, modification and change times (ns) and the sha256 of its
    bytes. A save by any program changes at least one of them (ctime cannot be set back by a program)."""
    inode: int
    size: int
    mtime_ns: int
    ctime_ns: int
    sha256: str

    @classmethod
    def of(cls, path: Path) -> "FileIdentity":
        status = os.stat(path)
        return cls(status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns,
                   _digest(path, status.st_size))

    def confirm(self, path: Path) -> None:
        """Raise (nothing written) unless `path` is still the file that was read."""
        try:
            now = FileIdentity.of(path)
        except FileNotFoundError:
            raise _file_problem(path, "was deleted or renamed while it was being refreshed; nothing was written") \
                from None
        if now != self:
            raise _file_problem(path, "was changed by another program while it was being refreshed; nothing was "
                                      "written: refresh again")

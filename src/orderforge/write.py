"""Atomic file writes: the previous good file survives any failure.

A failing ``save()`` (disk full, killed process) must never leave a clerk
with a broken .docx where yesterday's good one was: write a temporary file in
the same folder, fsync it, then ``os.replace`` it over the target (atomic on
POSIX and Windows); remove the temporary file on any error.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .diagnostics import file_error
from .signals import deferred


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old or the new file, never half of one.

    ``mkstemp`` creates its file readable by its owner only; the result gets the
    mode the replaced file had, or else the one a plain ``open()`` would give
    (0o666 less the umask), so a plan or a document in a shared folder stays
    readable by the colleagues it was readable by.
    """
    try:
        _write(path, data)
    except OSError as exc:
        raise file_error(exc, path) from exc


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir():
        raise IsADirectoryError(21, "Is a directory", str(path))
    mode = _mode_for(path)
    tmp_name = ""
    try:
        with deferred():  # a signal that arrives while the file is made is delivered inside this try
            fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.chmod(tmp_name, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        try:
            if tmp_name:
                os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise


def _mode_for(path: Path) -> int:
    """The permission bits the written file should end with."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask

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


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old or the new file, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise

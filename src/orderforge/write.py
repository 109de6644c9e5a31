"""Atomic file writes: the previous good file survives any failure.

A failing ``save()`` (disk full, killed process) must never leave a clerk
with a broken .docx where yesterday's good one was: write a temporary file in
the same folder, fsync it, then ``os.replace`` it over the target (atomic on
POSIX and Windows); remove the temporary file on any error.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from pathlib import Path

from .diagnostics import UserError, file_error
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


def write_if_possible(path: Path, data: bytes) -> bool:
    """:func:`write_atomic` for what orderforge may forget (its caches, the build record): a folder that
    cannot hold the file only costs the work again next time, so the failure is not shown. True if written."""
    try:
        write_atomic(path, data)
    except UserError:
        return False
    return True


def write_all(files: list[tuple[Path, bytes]]) -> None:
    """Write several files so that all of them change or none does (a plan and its directory).

    Every file is first written in full to a temporary file beside its target and
    fsynced — that is where a full disk or a missing right shows — and only then are
    they renamed over their targets, which needs no space. A failure before the
    renames leaves every target as it was and no temporary file behind.
    """
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files:
            staged.append((_stage(path, data), path))
        for tmp_name, path in staged:
            os.replace(tmp_name, path)
    except OSError as exc:
        _discard(name for name, _ in staged)
        failed = files[min(len(staged), len(files) - 1)][0]
        raise file_error(exc, failed) from exc
    except BaseException:
        _discard(name for name, _ in staged)
        raise


def _discard(names: Iterable[str]) -> None:
    for name in names:
        try:
            os.unlink(name)
        except FileNotFoundError:
            pass


def _stage(path: Path, data: bytes) -> str:
    """A complete, fsynced temporary copy of ``data`` beside ``path``; its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir():
        raise IsADirectoryError(21, "Is a directory", str(path))
    mode = _mode_for(path)
    tmp_name = ""
    try:
        with deferred():
            fd, tmp_name = _temporary(path)
        os.chmod(tmp_name, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        if tmp_name:
            _discard([tmp_name])
        raise
    return tmp_name


#: How tempfile.mkstemp opens its file: created here or not at all, never through a link (and, as every
#: descriptor Python opens, not inherited).
_TEMP_FLAGS = (os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
               | getattr(os, "O_CLOEXEC", 0))


def _temporary(path: Path) -> tuple[int, str]:
    """tempfile.mkstemp(prefix=".<name>.", suffix=".tmp", dir=<its folder>): a new file only its owner may read.

    Written out because importing tempfile (random, shutil and its compressors) was a hundredth of
    ``new --from``, measured against ``validate`` (issue 12)."""
    folder = os.path.abspath(path.parent)
    for _ in range(100):
        name = os.path.join(folder, f".{path.name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(name, _TEMP_FLAGS, 0o600), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no usable temporary file name found", folder)


def _write(path: Path, data: bytes) -> None:
    tmp_name = _stage(path, data)
    try:
        os.replace(tmp_name, path)
    except BaseException:
        _discard([tmp_name])
        raise


def _mode_for(path: Path) -> int:
    """The permission bits the written file should end with."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask

"""Reading one whole regular file safely: what ``fmt`` and the foreign-package gate share.

Split from :mod:`orderforge.safeio` (which re-exports both functions) so that ``fmt``, which reads
only plans, does not import zipfile, dataclasses and typing at every start (issue 12): a FIFO named
``x.yaml`` would hang the reader and ``/dev/zero`` would be read without end, so only a regular file
is opened, and never more than the limit.
"""

from __future__ import annotations

import os
import stat

from .diagnostics import UserError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path


def _refuse(code: str, where: str, message: str, hint: str) -> UserError:
    return UserError.simple(code, where, message, hint, exit_code=2)


def check_regular_file(path: Path, display: str | None = None) -> os.stat_result:
    """The file's stat, or OF070/OF001-style refusal for anything that is not a regular file.

    ``os.stat`` follows links, so ``/dev/zero`` linked as ``x.docx`` is seen as the device it is.
    """
    where = display or str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise UserError.simple("OF001", where, "файл не найден", "проверьте путь к файлу") from None
    except OSError as exc:
        raise UserError.simple("OF001", where, f"файл не удаётся прочитать: {exc.strerror}",
                               "проверьте права на файл") from None
    if stat.S_ISDIR(info.st_mode):
        raise _refuse("OF070", where, "это папка, а не файл", "укажите путь к файлу")
    if not stat.S_ISREG(info.st_mode):
        raise _refuse("OF070", where, "это не обычный файл (канал, устройство или сокет), "
                      "его нельзя прочитать", "укажите путь к самому файлу (плану .yaml, документу .docx)")
    return info


def read_bytes(path: Path, limit: int, display: str | None = None) -> bytes:
    """A whole regular file, refused (OF071) when it is larger than ``limit`` — checked by size and while reading."""
    where = display or str(path)
    info = check_regular_file(path, where)
    if info.st_size > limit:
        raise _refuse("OF071", where, f"файл слишком большой: {_mib(info.st_size)}, допустимо не более {_mib(limit)}",
                      "разделите документ на части")
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:  # the file grew, or lied about its size
        raise _refuse("OF071", where, f"файл слишком большой: больше {_mib(limit)}", "разделите документ на части")
    return data


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} МБ" if size >= 1024 * 1024 else f"{size / 1024:.0f} КБ"

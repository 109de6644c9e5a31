"""Which plan files a command works on: the ones named, folders expanded, by default plans/.

A folder is read one level deep and boundedly: at most :data:`MAX_ENTRIES`
entries are looked at and at most :data:`MAX_PLANS` plans are taken, so
``orderforge validate`` on a folder a clerk did not mean (a downloads folder,
a network share) answers at once instead of running for ever. What is not a
plan is skipped: other extensions, directories (``x.directory.yaml``), and
anything that is not a regular file (a pipe named ``x.yaml`` would hang the
reader) — the last with a warning, since a clerk may not expect it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .diagnostics import Pos, Report, UserError

PLANS_DIR = Path("plans")
#: Where built documents go by default (build, preview, report, amend): ignored by git, see workspace.GITIGNORE.
OUTPUT_DIR = Path("output")
#: Entries of one folder looked at before the walk stops.
MAX_ENTRIES = 20_000
#: Plans one command takes from folders.
MAX_PLANS = 2_000


def is_directory_file(name: str, suffix: str = ".yaml") -> bool:
    """``directory.yaml`` and ``x.directory.yaml`` are directories of parties, not plans."""
    return name == f"directory{suffix}" or name.endswith(f".directory{suffix}")


def plan_files(paths: tuple[Path, ...] | list[Path], report: Report | None = None) -> list[Path]:
    """The plans named, folders expanded (sorted, one level); by default every plan in plans/.

    Refusals are :class:`UserError`: OF020 no plans/ folder, OF021 no plan found,
    OF023 a folder too large to be a folder of plans. Skipped pipes and devices are
    OF024 warnings in ``report`` when one is given.
    """
    if not paths:
        if not PLANS_DIR.is_dir():
            raise UserError.simple("OF020", str(PLANS_DIR), "папка plans/ не найдена",
                                   "укажите файлы планов или запустите команду из папки с планами")
        paths = (PLANS_DIR,)
    files: list[Path] = []
    for path in paths:
        files.extend(_folder_plans(path, report) if path.is_dir() else [path])
        if len(files) > MAX_PLANS:
            raise UserError.simple("OF023", str(path), f"планов больше {MAX_PLANS}: это не похоже на папку с планами",
                                   "укажите отдельные файлы или папку поменьше")
    if not files:
        raise _nothing_found(paths)
    return files


def _folder_plans(folder: Path, report: Report | None) -> list[Path]:
    found: list[Path] = []
    with os.scandir(folder) as entries:
        for count, entry in enumerate(entries, start=1):
            if count > MAX_ENTRIES:
                raise UserError.simple("OF023", str(folder), f"в папке больше {MAX_ENTRIES} файлов: это не похоже "
                                       "на папку с планами", "укажите папку с планами (обычно plans/) или сами файлы")
            if not entry.name.endswith(".yaml") or is_directory_file(entry.name):
                continue
            if _is_regular(entry):
                found.append(folder / entry.name)
            elif report is not None and not entry.is_dir():
                report.warning("OF024", Pos(str(folder / entry.name)), "это не обычный файл (канал или устройство) — "
                               "пропущен", "переименуйте его, если это не план")
    return sorted(found)


def _is_regular(entry: os.DirEntry[str]) -> bool:
    try:
        return stat.S_ISREG(entry.stat().st_mode)
    except OSError:
        return False


def _nothing_found(paths: tuple[Path, ...] | list[Path]) -> UserError:
    """OF021; files named .yml are the usual reason: say so, they are not read as plans."""
    yml = sorted(p.stem for folder in paths if folder.is_dir() for p in folder.glob("*.yml")
                 if not is_directory_file(p.name, ".yml"))
    renames = ", ".join(f"{stem}.yml → {stem}.yaml" for stem in yml[:3]) + (" …" if yml[3:] else "")
    hint = (f"планы читаются только с расширением .yaml — переименуйте: {renames}" if yml
            else "положите планы (*.yaml) в эту папку или укажите файлы планов")
    return UserError.simple("OF021", " ".join(map(str, paths)), "не найдено ни одного плана (*.yaml)", hint)

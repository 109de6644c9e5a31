"""Which plans ``orderforge build`` can skip: their inputs are unchanged since the last build.

Why: a workspace of 50 plans rebuilt after editing one took as long as the first build. The check
must cost less than starting the rendering stack, so it reads no YAML and imports neither
docxtpl nor lxml: it compares the size and modification time (as make does) of everything a
document depends on — the plan; every .yaml beside it and one folder up (its directory, wherever the
plan names it there); every file of every style folder the plan could use; orderforge's own code —
and the output options, with what was recorded when the document was last written. The document
itself must still be there as written. The record is ``<output>/.orderforge-cache.json``, written
atomically; a damaged or missing record only means «build everything».
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

CACHE_NAME = ".orderforge-cache.json"
_PACKAGE = Path(__file__).resolve().parent


def _stats(paths: Iterator[Path]) -> list[tuple[str, int, int]]:
    found = []
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            continue
        found.append((str(path), info.st_size, info.st_mtime_ns))
    return sorted(found)


def _files(folder: Path, pattern: str, recursive: bool = False) -> Iterator[Path]:
    if folder.is_dir():
        yield from (p for p in (folder.rglob(pattern) if recursive else folder.glob(pattern)) if p.is_file())


@lru_cache(maxsize=64)
def _folder_stats(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """What every plan of one folder shares: the YAML beside it and one folder up, the styles, the code.
    Read once per folder and run, not once per plan (50 plans in plans/ share one listing)."""
    from .stylesources import style_sources

    paths: list[Path] = []
    for place in (folder, folder.parent):
        paths.extend(_files(place, "*.yaml"))
    for source in style_sources(folder):
        paths.extend(_files(source.root, "*", recursive=True))
    paths.extend(_files(_PACKAGE, "*.py", recursive=True))
    return tuple(_stats(iter(paths)))


def inputs_key(plan: Path, options: dict[str, str]) -> str:
    """One hash of everything the plan's document depends on (see the module docstring)."""
    resolved = plan.resolve()
    blob = json.dumps([options, _stats(iter([resolved])), _folder_stats(resolved.parent)], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class BuildCache:
    """The record of the last build of each plan into one output folder."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / CACHE_NAME
        self.entries: dict[str, dict] = {}
        self.changed = False
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(data, dict):
                self.entries = {k: v for k, v in data.items() if isinstance(v, dict)}
        except (OSError, ValueError):
            pass

    def is_current(self, plan: Path, key: str, document: Path) -> bool:
        """True when the document was written from exactly these inputs and is still as written."""
        entry = self.entries.get(str(plan.resolve()))
        if not entry or entry.get("key") != key:
            return False
        try:
            info = document.stat()
        except OSError:
            return False
        return entry.get("document") == [str(document.resolve()), info.st_size, info.st_mtime_ns]

    def record(self, plan: Path, key: str, document: Path) -> None:
        info = document.stat()
        self.entries[str(plan.resolve())] = {"key": key, "document": [str(document.resolve()), info.st_size,
                                                                     info.st_mtime_ns]}
        self.changed = True

    def forget(self, plan: Path) -> None:
        self.changed |= self.entries.pop(str(plan.resolve()), None) is not None

    def save(self) -> None:
        """Write the record atomically; a folder that cannot hold it only costs the next skip."""
        if not self.changed:
            return
        from .write import write_if_possible

        write_if_possible(self.path, json.dumps(self.entries, ensure_ascii=False, indent=1).encode("utf-8"))


def options_of(out_dir: Path) -> dict[str, str]:
    """The build options that change a document (today only where it is written)."""
    return {"output": os.path.abspath(out_dir)}

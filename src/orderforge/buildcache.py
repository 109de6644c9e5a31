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
from functools import cache, lru_cache
from pathlib import Path

CACHE_NAME = ".orderforge-cache.json"
_PACKAGE = os.path.dirname(os.path.realpath(__file__))


def _tree(folder: str, suffix: str, recursive: bool) -> Iterator[tuple[str, int, int]]:
    """Path, size and modification time of every file under ``folder`` whose name ends in ``suffix``.

    One ``os.scandir`` per folder and one ``stat`` per file: the file type comes with the listing, where
    ``Path.glob`` then ``is_file`` then ``stat`` cost three system calls a file (a second build of 50 plans
    is mostly this walk and Python's start). Folder links are not followed, so a link loop cannot hang it.
    """
    try:
        listing = os.scandir(folder)
    except OSError:
        return
    with listing:
        for entry in listing:
            try:
                if entry.is_dir(follow_symlinks=False):
                    if recursive:
                        yield from _tree(entry.path, suffix, recursive)
                    continue
                if not entry.name.endswith(suffix) or not entry.is_file():
                    continue
                info = entry.stat()
            except OSError:
                continue
            yield entry.path, info.st_size, info.st_mtime_ns


def _stat(path: str) -> list[tuple[str, int, int]]:
    try:
        info = os.stat(path)
    except OSError:
        return []
    return [(path, info.st_size, info.st_mtime_ns)]


@lru_cache(maxsize=64)
def _folder_digest(folder: str) -> str:
    """What every plan of one folder shares: the YAML beside it and one folder up, the styles, the code.
    Read and hashed once per folder and run (BuildCache starts a run), not once per plan: 50 plans in plans/
    share one listing."""
    from .stylesources import style_sources

    found: list[tuple[str, int, int]] = []
    for place in (folder, os.path.dirname(folder)):
        found.extend(_tree(place, ".yaml", recursive=False))
    for source in style_sources(Path(folder)):
        found.extend(_tree(str(source.root), "", recursive=True))
    found.extend(_tree(_PACKAGE, ".py", recursive=True))
    return hashlib.sha256(json.dumps(sorted(found), ensure_ascii=False).encode("utf-8")).hexdigest()


@cache
def _resolved(path: Path) -> str:
    """The plan's or document's real path, the record's key: resolved once per run, not at every look-up."""
    return str(path.resolve())


def inputs_key(plan: Path, options: dict[str, str]) -> str:
    """One hash of everything the plan's document depends on (see the module docstring)."""
    resolved = _resolved(plan)
    blob = json.dumps([options, _stat(resolved), _folder_digest(os.path.dirname(resolved))], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class BuildCache:
    """The record of the last build of each plan into one output folder."""

    def __init__(self, out_dir: Path) -> None:
        _folder_digest.cache_clear()  # one run's listing and paths: a process may build again after edits
        _resolved.cache_clear()
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
        entry = self.entries.get(_resolved(plan))
        if not entry or entry.get("key") != key:
            return False
        try:
            info = document.stat()
        except OSError:
            return False
        return entry.get("document") == [_resolved(document), info.st_size, info.st_mtime_ns]

    def record(self, plan: Path, key: str, document: Path) -> None:
        info = document.stat()
        self.entries[_resolved(plan)] = {"key": key, "document": [_resolved(document), info.st_size,
                                                                  info.st_mtime_ns]}
        self.changed = True

    def forget(self, plan: Path) -> None:
        self.changed |= self.entries.pop(_resolved(plan), None) is not None

    def save(self) -> None:
        """Write the record atomically; a folder that cannot hold it only costs the next skip."""
        if not self.changed:
            return
        from .write import write_if_possible

        write_if_possible(self.path, json.dumps(self.entries, ensure_ascii=False, indent=1).encode("utf-8"))


def options_of(out_dir: Path) -> dict[str, str]:
    """The build options that change a document (today only where it is written)."""
    return {"output": os.path.abspath(out_dir)}

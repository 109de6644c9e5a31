"""How a path is shown to the clerk, and where orderforge keeps what it may forget.

:func:`display_path` is in a module of its own so that the modules that print paths (about a dozen:
validate, fmt, diff, amend, import, collect …) share it without importing validation.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def display_path(path: Path) -> str:
    """A path as the clerk typed it: relative to the current folder when possible."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def cache_dir() -> Path:
    """Where orderforge keeps what it may forget: the user's cache folder, not the workspace."""
    if os.environ.get("ORDERFORGE_CACHE_DIR"):
        return Path(os.environ["ORDERFORGE_CACHE_DIR"])
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "orderforge"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "orderforge"


def python_sources(package: str) -> list[str]:
    """The modules of a package folder and of its subpackages (style folders and their files are not code)."""
    found: list[str] = []
    with os.scandir(package) as entries:
        for entry in entries:
            if entry.name.endswith(".py"):
                found.append(entry.path)
            elif entry.is_dir() and os.path.isfile(os.path.join(entry.path, "__init__.py")):
                found += python_sources(entry.path)
    return found


def files_stamp(paths: list[str]) -> list[str]:
    """«path:size:mtime» of each file («path:-» when it is gone): what the remembered answers and renders are
    keyed by. Sizes and modification times: a stamp costs a stat call per file, no reading."""
    parts = []
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            parts.append(f"{path}:-")
            continue
        parts.append(f"{path}:{info.st_size}:{info.st_mtime_ns}")
    return parts

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

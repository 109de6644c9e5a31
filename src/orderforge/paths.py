"""How a path is shown to the clerk, in every message and progress line.

One function, in a module of its own, so that the modules that print paths (about a dozen:
validate, fmt, diff, amend, import, collect …) share it without importing validation.
"""

from __future__ import annotations

import os
from pathlib import Path


def display_path(path: Path) -> str:
    """A path as the clerk typed it: relative to the current folder when possible."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)

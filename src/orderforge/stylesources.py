"""Where house styles come from: the workspace, installed style packages, orderforge itself.

A style is a folder holding ``style.yaml`` (and its .docx templates). Folders of
styles are searched in this order, the first style of a name wins:

1. ``templates/`` of the workspace (and of its parent and of the current
   folder) — a clerk's own styles, edited in place;
2. installed style packages: every entry point of the group ``orderforge.styles``
   (see :data:`ENTRY_POINT_GROUP`), ordered by entry point name;
3. the styles bundled inside orderforge (``orderforge/templates/``).

Bundled and packaged styles are read through :mod:`importlib.resources`, the way
``starter/`` is, so they are found in a wheel installed anywhere — as python-docx
finds its default template and mkdocs its themes.

The shape of a style package's entry point (in its ``pyproject.toml``)::

    [project.entry-points."orderforge.styles"]
    mycommittee = "mycommittee_style:templates"

The value is ``package:folder``: the folder ``templates`` inside the importable
package ``mycommittee_style`` holds one folder per style
(``mycommittee_style/templates/<style>/style.yaml``). Without ``:folder`` the
package folder itself holds the style folders. The name on the left is shown by
``orderforge styles`` («пакет mycommittee»). The package is located, not run: its
``__init__.py`` may be empty. Ship the style files as package data.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from .slotted import FrozenSlotted

TYPE_CHECKING = False
if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

ENTRY_POINT_GROUP = "orderforge.styles"
STYLE_FILE = "style.yaml"
WORKSPACE = "рабочая папка"
BUNDLED = "встроенный"

_extracted = contextlib.ExitStack()  # style folders unpacked from a zipped install live until exit
atexit.register(_extracted.close)


class StyleSource(FrozenSlotted):
    """One folder of style folders and where it comes from, in words for the clerk."""

    __slots__ = ("origin", "root")
    origin: str  # «рабочая папка», «пакет <name>», «встроенный»
    root: Path

    def __init__(self, origin: str, root: Path) -> None:
        object.__setattr__(self, "origin", origin)
        object.__setattr__(self, "root", root)


class FoundStyle(FrozenSlotted):
    """A style visible from a workspace: its name, folder and origin."""

    __slots__ = ("name", "folder", "origin")
    name: str
    folder: Path
    origin: str

    def __init__(self, name: str, folder: Path, origin: str) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "folder", folder)
        object.__setattr__(self, "origin", origin)


def workspace_sources(workspace: Path | None) -> list[StyleSource]:
    """``templates/`` of the workspace, its parent and the current folder, those that exist."""
    found: list[StyleSource] = []
    for base in (workspace, workspace.parent if workspace else None, Path.cwd()):
        if base is not None and (base / "templates").is_dir():
            found.append(StyleSource(WORKSPACE, (base / "templates").resolve()))
    return found


def workspace_style(name: str, workspace: Path | None) -> Path | None:
    """The folder of a style the workspace itself has, or None. Workspace styles come first in the
    search order, so such a style is found without reading the installed packages' metadata."""
    for source in workspace_sources(workspace):
        try:  # listed, not only tried: on a case-insensitive disk «Moy-Stil» is no «moy-stil»
            listed = name in os.listdir(source.root)
        except OSError:
            return None  # the full search says what is wrong
        if listed and (source.root / name / STYLE_FILE).is_file():
            return source.root / name
    return None


@functools.lru_cache(maxsize=1)
def package_sources() -> tuple[StyleSource, ...]:
    """The style folders named by installed packages' ``orderforge.styles`` entry points.

    An entry point whose package or folder cannot be found is skipped: one broken
    install must not stop every build (``orderforge styles`` does not list it).
    Read once per process, and remembered between processes: importlib.metadata
    costs ~35 ms to import and scan, a third of a ``build`` that skips every plan.
    """
    key = _site_key()
    remembered = _remembered(key)
    if remembered is not None:
        return remembered
    found = _scan_entry_points()
    _remember(key, found)
    return found


def _scan_entry_points() -> tuple[StyleSource, ...]:
    if not _may_have_style_entry_points():
        return ()  # importlib.metadata would find none: not imported (~30 ms of a first build)
    from importlib.metadata import entry_points

    found: list[StyleSource] = []
    for point in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda p: p.name):
        root = _entry_point_folder(point)
        if root is not None:
            found.append(StyleSource(f"пакет {point.name}", root))
    return tuple(found)


def _may_have_style_entry_points() -> bool:
    """False only when importlib.metadata certainly finds no ``orderforge.styles`` entry point.

    It finds distributions through the ``find_distributions`` of ``sys.meta_path``'s finders; the
    standard PathFinder looks in each ``sys.path`` folder for ``*.dist-info`` and ``*.egg-info``
    folders, whose ``entry_points.txt`` names the groups. When no such file mentions the group, there is
    nothing to find. Anything less plain (another finder that lists distributions, a zip or an egg on
    ``sys.path``, a folder that cannot be read) answers True: the full scan decides, as it always did.
    """
    from importlib.machinery import PathFinder

    if any(hasattr(finder, "find_distributions") and finder is not PathFinder for finder in sys.meta_path):
        return True
    for entry in sys.path:
        folder = entry or "."
        if folder.lower().endswith(".egg"):
            return True
        try:
            if not os.path.isdir(folder):
                if os.path.exists(folder):
                    return True  # a zip on sys.path
                continue
            names = os.listdir(folder)
        except OSError:
            return True
        for name in names:
            low = name.lower()
            if low.endswith(".egg"):
                return True
            if low.endswith((".dist-info", ".egg-info")) and _names_group(os.path.join(folder, name)):
                return True
    return False


def _names_group(info: str) -> bool:
    """Whether a distribution's metadata folder has an ``entry_points.txt`` that may name our group."""
    try:
        with open(os.path.join(info, "entry_points.txt"), encoding="utf-8", errors="replace") as file:
            return ENTRY_POINT_GROUP in file.read()
    except FileNotFoundError:
        return False
    except OSError:
        return not os.path.isfile(info)  # an egg-info file (PKG-INFO alone) names no entry points


def _site_key() -> list[list[object]]:
    """Every folder of ``sys.path`` with its modification time. Entry points live in the dist-info
    folders of these folders, and installing, upgrading or removing a package (editable ones too:
    their .pth and dist-info) adds or removes an entry in one of them, which changes its mtime."""
    key: list[list[object]] = []
    for entry in sys.path:
        try:
            key.append([entry, Path(entry or ".").stat().st_mtime_ns])
        except OSError:
            key.append([entry, None])
    return key


_REMEMBERED = "style-packages.json"


def _remembered(key: list[list[object]]) -> tuple[StyleSource, ...] | None:
    """The entry points' folders as last scanned, if nothing installed has changed since and every folder
    is still there (a zipped install's folder is unpacked afresh each run, so it is never reused)."""
    import json

    from .paths import cache_dir

    try:
        data = json.loads((cache_dir() / _REMEMBERED).read_text(encoding="utf-8"))
        if data["key"] != key:
            return None
        sources = tuple(StyleSource(origin, Path(root)) for origin, root in data["sources"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return sources if all(source.root.is_dir() for source in sources) else None


def _remember(key: list[list[object]], sources: tuple[StyleSource, ...]) -> None:
    """Best effort: a cache folder that cannot be written only costs the next scan."""
    import json

    from .paths import cache_dir
    from .write import write_if_possible

    data = {"key": key, "sources": [[source.origin, str(source.root)] for source in sources]}
    write_if_possible(cache_dir() / _REMEMBERED, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def _entry_point_folder(point: EntryPoint) -> Path | None:
    """``package:folder`` → the folder on disk; None when the package or the folder is missing."""
    from importlib import resources

    package, _, folder = point.value.partition(":")
    try:
        root = resources.files(package.strip())
    except (ImportError, TypeError, ValueError):
        return None
    for part in folder.strip().replace(".", "/").split("/"):
        if part:
            root = root.joinpath(part)
    return _on_disk(root)


def _on_disk(root: Traversable) -> Path | None:
    """A Traversable folder as a real path (docxtpl and ``extends:`` need files on disk)."""
    if isinstance(root, Path):
        return root.resolve() if root.is_dir() else None
    if not root.is_dir():
        return None
    from importlib import resources

    try:  # a zipped install: unpacked once for this process
        return Path(_extracted.enter_context(resources.as_file(root)))
    except (OSError, TypeError, ValueError):  # pragma: no cover - directories from zips need Python 3.12
        return None


def bundled_source() -> list[StyleSource]:
    """The styles shipped inside orderforge.

    Installed as files (the usual case) they are beside this module, which is what
    :mod:`importlib.resources` would say too: validate does not import it (~5 ms).
    """
    here = Path(__file__).resolve().parent / "templates"
    if here.is_dir():
        return [StyleSource(BUNDLED, here)]
    from importlib import resources

    root = _on_disk(resources.files("orderforge").joinpath("templates"))
    return [StyleSource(BUNDLED, root)] if root is not None else []


def style_exists(name: str, workspace: Path | None = None) -> bool:
    """Whether a style of this name is visible from the workspace, whichever source has it.

    ``validate`` asks only this for every plan; the workspace and the bundled styles
    are looked at first, so the installed packages' metadata is read only for a
    style that neither has (importing importlib.metadata costs ~50 ms).
    """
    def has(sources: Iterable[StyleSource]) -> bool:
        return any((source.root / name / STYLE_FILE).is_file() for source in sources)

    return has(workspace_sources(workspace)) or has(bundled_source()) or has(package_sources())


def style_sources(workspace: Path | None = None) -> list[StyleSource]:
    """Every folder of styles, in search order; a folder reached twice counts once."""
    unique: list[StyleSource] = []
    seen: set[Path] = set()
    for source in [*workspace_sources(workspace), *package_sources(), *bundled_source()]:
        if source.root not in seen:
            seen.add(source.root)
            unique.append(source)
    return unique


def found_styles(workspace: Path | None = None) -> dict[str, FoundStyle]:
    """Every style visible from the workspace, name → style; the first source of a name wins."""
    found: dict[str, FoundStyle] = {}
    for source in style_sources(workspace):
        for folder in sorted(source.root.iterdir()):
            if (folder / STYLE_FILE).is_file() and folder.name not in found:
                found[folder.name] = FoundStyle(folder.name, folder, source.origin)
    return found

"""The rendered body of an order, remembered between builds: a rebuild skips docxtpl, python-docx and Jinja.

The lean render (render.py, tablerows.py) has docxtpl render the template once with marker rows in
place of the plan's activities; the plan's rows are then filled in without it. That marker document
depends only on the template's bytes, the context outside the table's rows (the order's text, dates,
names — the marker rows themselves are made from the columns), the style's column widths and the code
and libraries that render it. A clerk edits activities far more often than the order, so the same
marker document is rendered build after build; importing docxtpl, python-docx and Jinja and rendering
costs about a quarter of a small build.

Here the finished marker parts are kept in the user's cache folder (``render/<key>.zip``: the parts that
differ from the template's own members; the zip's comment lists every part in order and names those
taken from the template, most of a template's bytes, which a first build then need not compress), the key a
SHA-256 of all of the above: the template's bytes (read each time), the context as JSON, the widths,
the size and modification time of every module of orderforge, and of the RECORD of docxtpl's,
python-docx's, Jinja's, MarkupSafe's and lxml's installed distributions (an upgrade or a reinstall writes a
new one, in a dist-info folder named with the version; a library installed without one is stamped module
by module). Only a render that succeeded is kept; a file that
cannot be read is rendered again; a cache that cannot be written never fails a build. A first build
always renders (tools/bench.py times first builds with an empty cache folder).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import zipfile
import zlib
from collections.abc import Callable
from importlib.util import find_spec

from .paths import cache_dir, files_stamp, python_sources

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs a build's start-up (issue 12)
    from typing import Any

#: The folder in the cache folder, and how many rendered bodies it keeps (the least recently used go first).
FOLDER = "render"
MAX_ENTRIES = 32
#: The libraries whose code shapes the rendered parts, and their distributions' names as dist-info folders
#: spell them (lower case, «_» for «-»).
LIBRARIES = {"docxtpl": "docxtpl", "docx": "python_docx", "jinja2": "jinja2", "markupsafe": "markupsafe",
             "lxml": "lxml"}

Parts = list[tuple[str, bytes]]


def remembered_parts(template: bytes, context: Any, widths: list[float],
                     render: Callable[[], tuple[Parts, dict[str, bytes]]]) -> Parts:
    """``render()``'s parts, from the cache folder when this template, context, widths and code made them before.

    ``render`` returns the parts and the template's members as it read them (the parts equal to one of those
    are kept as a reference to the template, which is part of the key).
    """
    import hashlib

    digest = hashlib.sha256()
    for piece in (template, json.dumps(context, ensure_ascii=False, default=repr).encode("utf-8"),
                  repr(widths).encode("utf-8"), _stamp().encode("utf-8")):
        digest.update(len(piece).to_bytes(8, "big"))
        digest.update(piece)
    path = cache_dir() / FOLDER / f"{digest.hexdigest()}.zip"
    found = _read(path, template)
    if found is not None:
        return found
    parts, members = render()
    _write(path, parts, members)
    return parts


def _stamp() -> str:
    """Size and modification time of every module of orderforge and of each rendering library's RECORD.

    A RECORD is one stat where a library's modules were 160 (a first build pays for the stamp too).
    """
    own = os.path.dirname(os.path.abspath(__file__))
    files = sorted(python_sources(own) + _extensions(own))
    listings: dict[str, list[str]] = {}
    for name, distribution in LIBRARIES.items():
        spec = find_spec(name)
        if spec is not None and spec.origin:
            files += _library_files(os.path.dirname(spec.origin), distribution, listings)
    return "\n".join(files_stamp(files))


def _library_files(folder: str, distribution: str, listings: dict[str, list[str]]) -> list[str]:
    """The RECORD of the distribution installed beside the library's folder; when there is not exactly one,
    every module of the library."""
    site = os.path.dirname(folder)
    if site not in listings:
        try:
            listings[site] = os.listdir(site)
        except OSError:
            listings[site] = []
    size = len(distribution)
    found = [entry for entry in listings[site] if entry.endswith(".dist-info")
             and entry[:size].lower().replace("-", "_") == distribution and entry[size:size + 1] == "-"]
    record = os.path.join(site, found[0], "RECORD") if len(found) == 1 else ""
    if record and os.path.isfile(record):
        return [record]
    return sorted(python_sources(folder) + _extensions(folder))


def _extensions(folder: str) -> list[str]:
    """Compiled modules (lxml's etree is one), which python_sources does not list."""
    try:
        return [entry.path for entry in os.scandir(folder) if entry.name.endswith((".so", ".pyd"))]
    except OSError:
        return []


def _read(path: Any, template: bytes) -> Parts | None:
    """The remembered parts, or None when there are none or the file is damaged."""
    try:
        with zipfile.ZipFile(path) as package:
            order = json.loads(package.comment.decode("utf-8"))
            source = zipfile.ZipFile(io.BytesIO(template)) if any(own for _, own in order) else package
            parts = [(name, (source if own else package).read(name)) for name, own in order]
    except (OSError, zipfile.BadZipFile, zlib.error, ValueError, EOFError, NotImplementedError, RuntimeError,
            KeyError, TypeError):
        return None  # a file cut short, damaged or of another shape: rendered again, and written anew
    with contextlib.suppress(OSError):  # a read-only cache folder is still read
        os.utime(path)  # recently used: pruned last
    return parts or None


def _write(path: Any, parts: Parts, members: dict[str, bytes]) -> None:
    """Write the parts atomically and keep at most MAX_ENTRIES files; any failure only costs the next render.

    A part that is byte for byte the template's member of the same name is not written: the comment says
    to take it from the template.
    """
    from .write import write_if_possible

    own = [members.get(name) == blob for name, blob in parts]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        package.comment = json.dumps([[name, mine] for (name, _), mine in zip(parts, own, strict=True)],
                                     ensure_ascii=False).encode("utf-8")
        for (name, blob), mine in zip(parts, own, strict=True):
            if not mine:
                package.writestr(name, blob)
    if not write_if_possible(path, buffer.getvalue()):  # write_atomic makes the folder
        return
    with contextlib.suppress(OSError):  # a file pruned by another build meanwhile
        entries = sorted(path.parent.glob("*.zip"), key=lambda p: p.stat().st_mtime_ns)
        for old in entries[:-MAX_ENTRIES]:
            old.unlink(missing_ok=True)

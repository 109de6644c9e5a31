"""Load YAML into a position-carrying tree of strings.

Why not a ready-made loader: every scalar must stay a string (``no`` is not
False, ``1.10`` is not 1.1, ``2026-02-30`` is not an exception without a line),
every node must know its line and column, and anchors/aliases (the «billion
laughs»), duplicate keys and tabs must be refused with a Russian message. So the
tree is built straight from ruamel.yaml's *event* stream: ruamel does the
scanning and parsing (it is the best-kept YAML 1.2 parser for Python and the
one ``fmt``/``new`` use for comment-preserving round trips), and
:mod:`.yamltree` only turns events into :class:`Scalar` / :class:`Seq` /
:class:`Map` nodes. Loading uses ruamel's plain (safe) parser: comments are not
needed to validate, and the round-trip scanner that gathers them is several
times slower (and marks the folds of «>» blocks with BEL characters).

This module reads the file and puts the steps together, one module each:
:mod:`.rawtext` decodes the bytes and guards the raw text, :mod:`.yamlparse`
gives the tree through libyaml's fast path (:mod:`.yamlfast`) or the events of ruamel's
reference parser, the fallback, :mod:`.yamlerrors` translates ruamel's syntax errors, and
:mod:`.yamltree` builds the tree.
"""

from __future__ import annotations

import errno
import gc
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .diagnostics import Pos, Report
from .rawtext import check_raw_text, decode
from .slotted import Slotted
from .yamlerrors import mark_pos, reference_diagnostic
from .yamlparse import MAX_DEPTH, ReferenceFailure, TooDeep, fast_tree, reference_events, too_deep
from .yamltree import Entry, Map, Node, Scalar, Seq, TreeBuilder

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    #: Builds, for a file shown as the given name, the tree the loader reads (see :func:`remember_written`).
    TreeMaker = Callable[[str], Node | None]

# The names other modules import from here; the old private names for cli.py and fmt.py.

__all__ = ["MAX_DEPTH", "MAX_PLAN_BYTES", "Entry", "Loaded", "Map", "Node", "Scalar", "Seq", "decode", "load_file",
           "load_text"]


class Loaded(Slotted):
    """The result of loading one file: the root node (None when unusable) and findings."""

    __slots__ = ("path", "root", "report")
    path: Path
    root: Node | None
    report: Report

    def __init__(self, path: Path, root: Node | None, report: Report) -> None:
        self.path = path
        self.root = root
        self.report = report


#: The largest plan or directory file read (a 5,000-activity plan is about 2 MB; a real one, 50 KB).
MAX_PLAN_BYTES = 8 * 1024 * 1024


def load_file(path: Path | str, display: str | None = None) -> Loaded:
    """Read a YAML file as bytes, decode it ourselves and build the string tree.

    Only a regular file is opened: reading a named pipe or a device would wait forever.
    """
    path = Path(path)
    name = display or str(path)
    report = Report()
    try:
        info = path.stat()
        mode = info.st_mode
        if not stat.S_ISREG(mode):
            what = "это папка, а не файл плана" if stat.S_ISDIR(mode) else "это не файл, а канал, устройство или сокет"
            report.error("OF001", Pos(name), what, "укажите путь к файлу плана (.yaml)")
            return Loaded(path, None, report)
        if info.st_size > MAX_PLAN_BYTES:
            report.error("OF007", Pos(name), f"файл слишком большой: {info.st_size // 1024} КБ, план — не "
                         f"больше {MAX_PLAN_BYTES // 1024 // 1024} МБ", "разделите план на несколько (по годам или "
                         "по направлениям): в настоящем плане не бывает тысяч мероприятий")
            return Loaded(path, None, report)
        data = path.read_bytes()
    except FileNotFoundError:
        report.error("OF001", Pos(name), "файл не найден", "проверьте путь к файлу")
        return Loaded(path, None, report)
    except OSError as exc:
        reason = _READ_ERRORS.get(exc.errno, exc.strerror) if exc.errno is not None else exc.strerror
        report.error("OF001", Pos(name), f"файл не удаётся прочитать: {reason}",
                     "проверьте путь к файлу и права на него")
        return Loaded(path, None, report)
    text = decode(data, name, report)
    if text is None:
        return Loaded(path, None, report)
    if _WRITTEN:
        tree = _written_tree(path, text, name)
        if tree is not None:
            return Loaded(path, tree, report)
    return Loaded(path, load_text(text, name, report), report)


#: YAML files this process has written, by resolved path: the text written and the function that builds,
#: for a file shown as a given name, the tree :func:`load_text` reads from that text (None where it cannot
#: vouch for it). ``import`` writes a style and a directory and reads both back within the same command;
#: parsing them was all that loaded PyYAML on its path (issue 11).
_WRITTEN: dict[Path, tuple[str, TreeMaker]] = {}


def remember_written(path: Path, text: str, tree: TreeMaker) -> None:
    """Note that ``path`` now holds ``text``, whose tree ``tree(name)`` builds without parsing.

    A later :func:`load_file` of ``path`` uses that tree only while the file still holds exactly that text;
    the same text gives the same tree, so a note that outlives the file's content is merely unused. The
    builder must give :func:`load_text`'s tree and report nothing (tests/test_written_trees.py)."""
    _WRITTEN[path.resolve()] = (text, tree)


def forget_written() -> None:
    """Parse every file again (the tests compare the trees with the parser's)."""
    _WRITTEN.clear()


def _written_tree(path: Path, text: str, name: str) -> Node | None:
    known = _WRITTEN.get(path.resolve())
    if known is None or known[0] != text:
        return None
    return known[1](name)


#: errno → Russian, for the few ways reading a file fails that a clerk meets.
_READ_ERRORS = {errno.EACCES: "нет прав на чтение", errno.EPERM: "нет прав на чтение",
                errno.ENAMETOOLONG: "слишком длинное имя файла", errno.ELOOP: "путь зациклен (символические ссылки)"}


def load_text(text: str, name: str, report: Report, fast: bool = True) -> Node | None:
    """Build the tree from YAML text; syntax problems become diagnostics.

    ``fast=False`` reads with the reference parser only (the tests compare both ways).
    """
    before = len(report)
    check_raw_text(text, name, report)
    if len(report) > before:
        return None
    with paused_gc():
        tree = fast_tree(text, name, report) if fast else None
        if tree is not None:
            return tree
        try:
            events = reference_events(text)
        except TooDeep as exc:
            report.items.append(too_deep(mark_pos(exc.mark, name)))
            return None
        except ReferenceFailure as failed:
            report.items.append(reference_diagnostic(failed.error, name, text))
            return None
        return TreeBuilder(events, name, report).build()


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cycle collection while the events and the tree are built: they are tens of thousands of objects
    and none of them is cyclic garbage, yet each 700 new objects started a collection that walked them
    (a 5,000-activity plan: events and tree 0.51 s with collections, 0.30 s without). Reference counting
    still frees everything as usual; collection resumes, as it was, when the block ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

"""The two versions being compared: :class:`Side` and :func:`load_side`.

A side is a plan from a file or from git (``REV:path``), read only as far as
comparing needs: schema errors do not stop it, a file that is not YAML does.
"""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Report, UserError
from ..planmodel import Directory, Plan
from ..slotted import Slotted

TYPE_CHECKING = False
if TYPE_CHECKING:  # neither typing nor dataclasses on diff's start-up (issue 12): slotted.py says why
    from ..gitio import RevPath


class Side(Slotted):
    """One version of a plan: the model and how to name it in messages."""

    __slots__ = ("spec", "display", "plan", "path", "report")

    def __init__(self, spec: str, display: str, plan: Plan, path: Path, report: Report | None = None) -> None:
        self.spec = spec
        self.display = display
        self.plan = plan
        self.path = path  # where the plan lives (or would live) in the working tree
        self.report = Report() if report is None else report  # what loading found (amend must validate)


def load_side(spec: str, *, directory: bool = False, cwd: Path | None = None) -> Side:
    """A plan from a file or from ``REV:path`` (through ``git show``).

    Only the file's own structure is needed to compare versions, so a plan with
    schema errors is still compared as far as it goes; a file that is not YAML
    at all is an error (exit code 1). ``directory`` also loads the directory
    (for the amending order's signature). The cycle collector is paused meanwhile, as
    :func:`orderforge.planfile.load_plan` pauses it: a plan is tens of thousands of acyclic objects.
    """
    from ..load import paused_gc

    with paused_gc():
        return _load_side(spec, directory, cwd)


def _load_side(spec: str, directory: bool, cwd: Path | None) -> Side:
    from ..load import load_file
    from ..paths import display_path
    from ..schema import ConvertContext
    from ..spec import PLAN, assemble

    report = Report()
    path = Path(spec)
    rev = None
    if path.exists() and not path.is_file():  # a device or a pipe: say what it is, never read it
        from ..safeio import check_regular_file

        check_regular_file(path, spec)
    if path.is_file():
        display = display_path(path)
        loaded = load_file(path, display)
        report.extend(loaded.report)
        root = loaded.root
    else:  # git (and subprocess) only for a version: two files are compared without them
        from ..gitio import parse_rev_path, show, worktree_path
        from ..load import decode, load_text

        rev = parse_rev_path(spec)
        if rev is None:
            raise UserError.simple("OF001", spec, "файл не найден",
                                   "укажите путь к плану или версию из git: HEAD:plans/план.yaml")
        display = str(rev)
        text = decode(show(rev, cwd), display, report)
        root = load_text(text, display, report) if text is not None else None
        path = worktree_path(rev, cwd)
    if root is None or _unreadable(report):
        raise UserError(report.errors or report.sorted(), exit_code=1)
    parts = PLAN.convert(root, ConvertContext(report))
    if parts is None:
        raise UserError(report.errors, exit_code=1)
    found = Directory()
    if directory:
        from ..validate import plan_directory

        at_rev = _directory_at(rev, parts, path, report) if rev is not None else None
        found = at_rev or plan_directory(parts, path, report)
    return Side(spec, display, assemble(parts, found, display, path.resolve().parent), path, report)


def _unreadable(report: Report) -> bool:
    """Whether loading itself failed (encoding, YAML syntax, anchors, duplicate keys: codes OF0xx).

    Schema errors (OF1xx and later) leave a plan that can still be compared as far as it
    goes; a file that was not read as YAML cannot be, and comparing what little of it was
    read would report the whole other plan as «добавлен» with exit code 0.
    """
    return any(d.severity == "error" and d.code.startswith("OF0") for d in report.items)


def _directory_at(rev: RevPath, parts: dict, plan_path: Path, report: Report) -> Directory | None:
    """The directory as it stood in the plan's own revision, or None when that revision has none.

    A party renamed in the directory changes the printed plan as surely as an
    edited cell: comparing last year's plan with this year's directory would
    hide it, and the amending order would miss it.
    """
    from ..gitio import RevPath, show, toplevel
    from ..load import decode, load_text
    from ..validate import directory_from_tree, directory_places

    inline, candidates = directory_places(parts, plan_path)
    if inline is not None:
        return inline
    folder = plan_path.parent
    try:
        root = toplevel(folder if folder.is_dir() else Path.cwd())
    except UserError:
        return None
    for candidate in candidates:
        try:
            spec = RevPath(rev.rev, candidate.resolve().relative_to(root).as_posix())
            data = show(spec)
        except (ValueError, UserError):  # outside the repository, or not in that revision
            continue
        own = Report()
        text = decode(data, str(spec), own)
        tree = load_text(text, str(spec), own) if text is not None else None
        return directory_from_tree(tree, str(spec), own, report)
    return None

"""Read one plan file and validate it: the step a script, the CLI and every command start from.

Loading (load.py: bytes → a tree of strings with positions) and checking (schema, spec and
validate.py) are separate steps; this module joins them for a plan on disk, with its directory.
"""

from __future__ import annotations

from pathlib import Path

from .diagnostics import Pos, Report
from .load import Node, load_file, paused_gc
from .paths import display_path
from .planmodel import Plan
from .schema import ConvertContext
from .spec import PLAN, assemble
from .textcheck import check_texts
from .validate import check_plan, check_todo, plan_directory


def load_plan(path: Path | str, report: Report | None = None, *,
              text_warnings: bool = True) -> tuple[Plan | None, Report]:
    """Load and validate one plan; the plan is None only when it could not be read at all.

    ``text_warnings=False`` skips the checks that can only warn and cost the most — the typography of every
    text (OF219, OF220) and the dictionaries' doubts about the forms the order declines (OF213, which import
    the dictionaries) — for a caller that reports only the plan's errors (``new --from`` of its old plan).

    The cycle collector is paused meanwhile: a plan is tens of thousands of acyclic event, tree and
    model objects, which it would otherwise walk again every 700 allocations (a third of the time
    of a 5,000-activity plan).
    """
    with paused_gc():
        return _load_plan(Path(path), report if report is not None else Report(), text_warnings)


def check_written_plan(path: Path, root: Node) -> tuple[Plan | None, Report]:
    """:func:`load_plan` of a plan just written to ``path``, from the tree its writer built as it wrote it
    (:func:`orderforge.importer.treewrite.dump_tree`: the tree :func:`.load_file` reads from that text), so
    ``import`` does not read, decode and parse again the text it has just made. The same checks follow."""
    with paused_gc():
        return _checked(root, path, Report(), True)


def _load_plan(path: Path, report: Report, text_warnings: bool = True) -> tuple[Plan | None, Report]:
    loaded = load_file(path, display_path(path))
    report.extend(loaded.report)
    if loaded.root is None:
        return None, report
    return _checked(loaded.root, path, report, text_warnings)


def _checked(root: Node, path: Path, report: Report, text_warnings: bool) -> tuple[Plan | None, Report]:
    """The plan read from its tree and checked: schema, spec, validate's checks, the texts."""
    before = len(report)
    todo = check_todo(root, report)
    parts = PLAN.convert(root, ConvertContext(report))
    if parts is None:
        return None, report
    directory = plan_directory(parts, path, report)
    plan = assemble(parts, directory, display_path(path), path.resolve().parent)
    check_plan(plan, report, doubts=text_warnings)
    if text_warnings:
        check_texts(root, path, report)
    _one_message_per_todo(report, before, todo)
    return plan, report


def _one_message_per_todo(report: Report, start: int, todo: set[Pos]) -> None:
    """«date: 'TODO: …'» is also not a date, «signatory: 'TODO: …'» not a person: the clerk needs
    one message there, OF016, not three about the same mark."""
    if todo:
        report.items[start:] = [d for d in report.items[start:] if d.code == "OF016" or d.pos not in todo]

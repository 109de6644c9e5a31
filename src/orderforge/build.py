"""Build: plan file → validated model → render context → .docx in ``output/``.

The library entry point the CLI (and tests) call; it prints nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from pathlib import Path

from .diagnostics import Diagnostic, Report, UserError
from .planfile import load_plan
from .planmodel import Plan
from .slotted import Slotted

TYPE_CHECKING = False
if TYPE_CHECKING:  # neither typing nor dataclasses on a build's start-up (issue 12): slotted.py says why
    from concurrent.futures import ProcessPoolExecutor

    from .style import Style


class BuildResult(Slotted):
    """One plan's document as written, and the plan's warnings."""

    __slots__ = ("plan_path", "docx", "warnings")
    plan_path: Path
    docx: Path
    warnings: list[Diagnostic]

    def __init__(self, plan_path: Path, docx: Path, warnings: list[Diagnostic] | None = None) -> None:
        self.plan_path = plan_path
        self.docx = docx
        self.warnings = [] if warnings is None else warnings


def validated_plan(path: Path) -> tuple[Plan, Report]:
    """Load a plan for building: any error stops here, warnings are passed on."""
    plan, report = load_plan(path)
    if plan is None or report.has_errors:
        raise UserError(report.sorted(), exit_code=report.exit_code or 1)
    return plan, report


def output_path(plan_path: Path, out_dir: Path) -> Path:
    return out_dir / f"{plan_path.stem}.docx"


def build_docx_bytes(plan: Plan, workspace: Path | None = None, style: Style | None = None) -> bytes:
    """Render a validated plan in its house style; returns the .docx bytes.

    The style is looked up once, from the folder the plan was read from (``plan.workspace``, so a plan
    still builds after a chdir) unless ``workspace`` says otherwise, or given ready (``style``); the same
    Style then serves resolve and render.
    """
    from .render import render_docx
    from .resolve import build_context
    from .style import load_style

    if style is None:
        style = load_style(plan.style, workspace or plan.workspace)
    return render_docx(build_context(plan, style), style)


def build_plan(plan_path: Path, out_dir: Path) -> BuildResult:
    """Validate, render and atomically write one plan's .docx.

    No cycle collection while the plan is checked, resolved and rendered (:func:`load.paused_gc`): the
    model, the context and the rows are hundreds of thousands of live objects that each collection walked
    again (5,000 activities: context and render about a quarter faster without). Deferring the collection
    that then follows, by gc.freeze/unfreeze, was measured too: 7 % more instructions, so it is not done.
    """
    from .load import paused_gc
    from .write import write_atomic

    with paused_gc():
        plan, report = validated_plan(plan_path)
        data = build_docx_bytes(plan)
        del plan  # freed now, by reference counting: collection then resumes with no model to walk
    target = output_path(plan_path, out_dir)
    write_atomic(target, data)
    return BuildResult(plan_path, target, report.warnings)


class Outcome(Slotted):
    """One plan's build as a worker process hands it back: the result, or the diagnostics and exit code."""

    __slots__ = ("path", "result", "diagnostics", "exit_code", "seconds")
    path: Path
    result: BuildResult | None
    diagnostics: list[Diagnostic]
    exit_code: int
    seconds: float

    def __init__(self, path: Path, result: BuildResult | None, diagnostics: list[Diagnostic], exit_code: int,
                 seconds: float) -> None:
        self.path = path
        self.result = result
        self.diagnostics = diagnostics
        self.exit_code = exit_code
        self.seconds = seconds


def build_one(plan_path: Path, out_dir: Path) -> Outcome:
    """:func:`build_plan` with its user errors caught, so that it can run in a worker process."""
    import time

    started = time.perf_counter()
    try:
        result = build_plan(plan_path, out_dir)
    except UserError as exc:
        return Outcome(plan_path, None, list(exc.diagnostics), exc.exit_code, time.perf_counter() - started)
    return Outcome(plan_path, result, [], 0, time.perf_counter() - started)


def build_many(plans: Iterable[Path], out_dir: Path, jobs: int,
               finished: Callable[[Outcome], None] | None = None) -> Iterator[Outcome]:
    """Build plans in ``jobs`` processes (rendering is CPU-bound: threads would share one core), yielding
    each outcome in the plans' order as soon as it and those before it are done.

    ``plans`` may be lazy (the batch finds the changed plans one by one): with two plans known the
    worker processes start, each plan goes to them as soon as it is known, and the workers warm up
    (:func:`warm_worker`) while the rest are still checked. Nothing is yielded before ``plans`` is
    exhausted, so lines the caller says while producing it keep coming first. ``finished`` hears of
    each outcome as soon as it is done, in the order the plans finish: a document's PDF can start while
    a longer plan before it still renders.
    """
    tell = finished or (lambda outcome: None)
    pending = iter(plans)
    first = list(islice(pending, 2))
    if jobs <= 1 or len(first) <= 1:
        for path in chain(first, pending):
            outcome = build_one(path, out_dir)
            tell(outcome)
            yield outcome
        return
    yield from _build_in_pool(chain(first, pending), out_dir, jobs, tell)


def _build_in_pool(plans: Iterator[Path], out_dir: Path, jobs: int,
                   tell: Callable[[Outcome], None]) -> Iterator[Outcome]:
    """Submit each plan as it comes, then yield the outcomes in the plans' order (see :func:`build_many`)."""
    from concurrent.futures import Future, as_completed

    with start_pool(jobs) as pool:
        try:
            futures: dict[Future[Outcome], int] = {}
            for index, path in enumerate(plans):
                futures[pool.submit(build_one, path, out_dir)] = index
            done: dict[int, Outcome] = {}
            following = 0  # the next plan to yield, in the plans' order
            for future in as_completed(futures):
                outcome = done[futures[future]] = future.result()
                tell(outcome)
                while following in done:
                    yield done.pop(following)
                    following += 1
        except BaseException:  # an interrupt (Ctrl+C) or a failure: the plans not yet started are dropped
            pool.shutdown(cancel_futures=True)
            raise


def start_pool(jobs: int) -> ProcessPoolExecutor:
    """The worker processes of a parallel build, each warmed up as it starts (a seam for tests, too)."""
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=jobs, initializer=warm_worker)


def warm_worker() -> None:
    """Import the render stack in a fresh worker at once, not in its first plan.

    The workers start while the parent still checks which plans changed: their one-time imports
    then overlap that check instead of following it. Errors are left to the plan that meets them.
    """
    try:
        from . import render, resolve, style  # noqa: F401
    except Exception:  # noqa: BLE001 - a broken install is reported by the first plan, with its name
        pass


def default_jobs(plans: int) -> int:
    """The number of cores, but one process for one plan."""
    import os

    return 1 if plans <= 1 else max(1, min(plans, os.cpu_count() or 1))

"""Build: plan file → validated model → render context → .docx in ``output/``.

The library entry point the CLI (and tests) call; it prints nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, Report, UserError
from .model import Plan
from .validate import load_plan


@dataclass
class BuildResult:
    plan_path: Path
    docx: Path
    warnings: list[Diagnostic] = field(default_factory=list)


def validated_plan(path: Path) -> tuple[Plan, Report]:
    """Load a plan for building: any error stops here, warnings are passed on."""
    plan, report = load_plan(path)
    if plan is None or report.has_errors:
        raise UserError(report.sorted(), exit_code=report.exit_code or 1)
    return plan, report


def output_path(plan_path: Path, out_dir: Path) -> Path:
    return out_dir / f"{plan_path.stem}.docx"


def build_docx_bytes(plan: Plan, workspace: Path | None = None) -> bytes:
    """Render a validated plan in its house style; returns the .docx bytes."""
    from .render import render_docx
    from .resolve import build_context
    from .style import load_style

    style = load_style(plan.style, workspace or Path(plan.source).resolve().parent)
    return render_docx(build_context(plan, style), style)


def build_plan(plan_path: Path, out_dir: Path) -> BuildResult:
    """Validate, render and atomically write one plan's .docx."""
    from .write import write_atomic

    plan, report = validated_plan(plan_path)
    data = build_docx_bytes(plan)
    target = output_path(plan_path, out_dir)
    write_atomic(target, data)
    return BuildResult(plan_path, target, report.warnings)

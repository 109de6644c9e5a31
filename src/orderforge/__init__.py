"""orderforge — roadmap plans in YAML → приказ with its appendix.

The public API, for a script or another tool (documented in docs/api.md)::

    from orderforge import load_plan, build_plan, UserError

    plan, report = load_plan("plans/plan-2026.yaml")

Every name below is imported on first use (PEP 562), so ``import orderforge``
loads nothing: ``orderforge validate`` must start fast, and building pulls in
docxtpl, lxml and the morphology only when a document is made. Everything else
in the package is internal and may change.
"""

from __future__ import annotations

from .lazyexports import lazy_exports

TYPE_CHECKING = False
if TYPE_CHECKING:  # the type checker and editors see the real objects
    from .amend import AmendData as AmendData
    from .amend import AmendResult as AmendResult
    from .amend import build_amend as build_amend
    from .build import BuildResult as BuildResult
    from .build import build_docx_bytes as build_docx_bytes
    from .build import build_plan as build_plan
    from .build import validated_plan as validated_plan
    from .diagnostics import Diagnostic as Diagnostic
    from .diagnostics import Pos as Pos
    from .diagnostics import Report as Report
    from .diagnostics import UserError as UserError
    from .diff import PlanDiff as PlanDiff
    from .diff import diff_specs as diff_specs
    from .diff import format_diff as format_diff
    from .importer import ImportResult as ImportResult
    from .importer import import_docx as import_docx
    from .planfile import load_plan as load_plan
    from .planmodel import Plan as Plan
    from .rollover import RolloverResult as RolloverResult
    from .rollover import new_from as new_from
    from .style import Style as Style
    from .style import list_styles as list_styles
    from .style import load_style as load_style
    from .workspace import InitResult as InitResult
    from .workspace import init_workspace as init_workspace

# public name → the module that defines it (relative to this package)
_EXPORTS = {
    # load and validate
    "load_plan": ".planfile",
    "validated_plan": ".build",
    "Plan": ".planmodel",
    # build
    "build_plan": ".build",
    "build_docx_bytes": ".build",
    "BuildResult": ".build",
    # versions: next year's plan, changes, the amending order
    "new_from": ".rollover",
    "RolloverResult": ".rollover",
    "diff_specs": ".diff",
    "format_diff": ".diff",
    "PlanDiff": ".diff",
    "build_amend": ".amend",
    "AmendData": ".amend",
    "AmendResult": ".amend",
    # a Word roadmap → plan
    "import_docx": ".importer",
    "ImportResult": ".importer",
    # workspaces and house styles
    "init_workspace": ".workspace",
    "InitResult": ".workspace",
    "load_style": ".style",
    "list_styles": ".style",
    "Style": ".style",
    # diagnostics and errors
    "Diagnostic": ".diagnostics",
    "Pos": ".diagnostics",
    "Report": ".diagnostics",
    "UserError": ".diagnostics",
}

__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals(), __all__)

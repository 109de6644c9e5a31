"""validate must stay lean: neither the rendering stack nor pymorphy3's analyser loads."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT

RENDERING = ("docxtpl", "docx", "lxml", "jinja2")
MORPHOLOGY = ("pymorphy3", "pytrovich")


def modules_after_validate(plan: str) -> set[str]:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from orderforge.cli import main\n"
        f"result = CliRunner().invoke(main, ['validate', {plan!r}])\n"
        "assert result.exit_code == 0, result.output\n"
        f"print(','.join(m for m in {RENDERING + MORPHOLOGY!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(filter(None, done.stdout.strip().split(",")))


def test_plan_without_declension_loads_neither_rendering_nor_morphology() -> None:
    assert modules_after_validate("plans/zyryansky-2025.yaml") == set()


@pytest.mark.parametrize("plan", ["plans/kaliningrad-committee-2026.yaml", "plans/baltiysk-2024.yaml"])
def test_plan_with_references_loads_no_rendering(plan: str) -> None:
    """Its declined names are checked for doubtful forms (issue 10: validate warns where the dictionary is unsure),
    which needs pymorphy3's analyser; the rendering stack and pytrovich still stay out."""
    assert modules_after_validate(plan) <= {"pymorphy3"}

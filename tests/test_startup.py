"""validate must stay lean: the rendering stack is imported only on the build path."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT

HEAVY = ("docxtpl", "docx", "lxml", "jinja2", "pymorphy3")


def test_validate_does_not_import_the_rendering_stack() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from orderforge.cli import main\n"
        "result = CliRunner().invoke(main, ['validate', 'plans/kaliningrad-committee-2026.yaml'])\n"
        "assert result.exit_code == 0, result.output\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""

"""validate must stay lean: neither the rendering stack nor pymorphy3's analyser loads, nor what validate does not need.

Each case runs ``orderforge validate`` in a fresh interpreter and lists which of
the modules below it imported. The doubt check of declined names remembers the
analyser's answers (doubtcache.py): the first validate of such a plan builds
the analyser for words the shipped table (wordtable.py) lacks, the next ones do not.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT
from .test_doubtcache import WITHOUT_TABLE

RENDERING = ("docxtpl", "docx", "lxml", "jinja2")
MORPHOLOGY = ("pymorphy3", "pytrovich")
#: orderforge's own modules validate has no use for: building, other commands' logic, style.yaml's schema
NOT_FOR_VALIDATE = ("orderforge.build", "orderforge.buildcache", "orderforge.render", "orderforge.resolve",
                    "orderforge.pdf", "orderforge.amend", "orderforge.diff", "orderforge.importer", "orderforge.fmt",
                    "orderforge.rollover", "orderforge.records", "orderforge.style", "importlib.metadata",
                    "importlib.resources", "difflib")
WATCHED = RENDERING + MORPHOLOGY + NOT_FOR_VALIDATE


def modules_after_validate(plan: str, cache: Path, table: bool = True) -> set[str]:
    """``table`` False: the process runs as if the shipped table of usual words (wordtable.py) lacked them."""
    code = ("" if table else WITHOUT_TABLE) + (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from orderforge.cli import main\n"
        f"result = CliRunner().invoke(main, ['validate', {plan!r}])\n"
        "assert result.exit_code == 0, result.output\n"
        f"print(','.join(m for m in {WATCHED!r} if m in sys.modules))\n"
    )
    env = {**os.environ, "ORDERFORGE_CACHE_DIR": str(cache)}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, env=env)
    return set(filter(None, done.stdout.strip().split(",")))


def test_plan_without_declension_loads_nothing_it_does_not_need(tmp_path: Path) -> None:
    assert modules_after_validate("plans/zyryansky-2025.yaml", tmp_path) == set()


@pytest.mark.parametrize("plan", ["plans/kaliningrad-committee-2026.yaml", "plans/baltiysk-2024.yaml"])
def test_plan_with_references_loads_the_analyser_once(plan: str, tmp_path: Path) -> None:
    """Its declined names are checked for doubtful forms (issue 10: validate warns where the dictionary is unsure),
    which needs pymorphy3's analyser the first time for words the shipped table lacks; then its answers are
    remembered. The rendering stack, pytrovich and the rest stay out either way."""
    first = modules_after_validate(plan, tmp_path, table=False)
    # pymorphy3 reads its own metadata and finds its dictionary through importlib.resources
    assert "pymorphy3" in first and first <= {"pymorphy3", "importlib.metadata", "importlib.resources"}
    assert modules_after_validate(plan, tmp_path, table=False) == set()


@pytest.mark.parametrize("plan", ["plans/kaliningrad-committee-2026.yaml", "plans/baltiysk-2024.yaml"])
def test_plan_of_usual_words_never_loads_the_analyser(plan: str, tmp_path: Path) -> None:
    """Their words are in the shipped table (wordtable.py): not even the first validate loads pymorphy3."""
    assert modules_after_validate(plan, tmp_path) == set()
    assert modules_after_validate(plan, tmp_path) == set()


def test_the_watch_list_names_real_modules() -> None:
    """A misspelt module name would make the tests above pass for nothing."""
    import importlib.util

    assert [m for m in WATCHED if importlib.util.find_spec(m) is None] == []

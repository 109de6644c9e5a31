"""``orderforge validate`` (and ``diff``, held to twice it) start without the standard library's heavy modules.

Issue 12: validate of the example takes at most 2× ``import yaml``.

dataclasses (which pulls in inspect, ast, dis and tokenize), typing and threading
were a third of validate's start-up; the plan model is made of :mod:`orderforge.slotted`
classes and type-only imports sit under ``if TYPE_CHECKING``. Each case runs the real
entry point, ``python -m orderforge validate``, in a fresh interpreter, twice: with an
empty cache folder (the doubts of declined names are asked of the analyser) and again
with the answers remembered.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import genplan  # noqa: E402

#: Modules validate loaded before (and does not need): a new import of any of them brings the cost back.
HEAVY = ("dataclasses", "inspect", "ast", "dis", "tokenize", "typing", "threading")
WATCHED = (*HEAVY, "pymorphy3")
WITNESS = ("import atexit, runpy, sys; "
           f"atexit.register(lambda: print('heavy:' + ','.join(m for m in {WATCHED!r} if m in sys.modules), "
           "file=sys.stderr)); "
           "sys.argv[0] = 'orderforge'; runpy.run_module('orderforge', run_name='__main__')")


def heavy_after_validate(plan: str, cache: Path) -> set[str]:
    """Which of :data:`WATCHED` a whole ``orderforge validate`` process imported."""
    return heavy_after(["validate", plan], cache)


def heavy_after(args: list[str], cache: Path, code: int = 0) -> set[str]:
    """Which of :data:`WATCHED` a whole ``orderforge`` process with ``args`` imported (it exits with ``code``)."""
    env = {**os.environ, "ORDERFORGE_CACHE_DIR": str(cache)}
    done = subprocess.run([sys.executable, "-c", WITNESS, *args], cwd=ROOT, capture_output=True,
                          text=True, env=env)
    assert done.returncode == code, done.stderr
    last = done.stderr.splitlines()[-1]
    assert last.startswith("heavy:"), done.stderr
    return set(filter(None, last.removeprefix("heavy:").split(",")))


def test_validate_imports_none_of_the_heavy_modules(tmp_path: Path) -> None:
    """A plan without declined names: not even its first validate, with an empty cache folder, loads them."""
    assert heavy_after_validate("plans/zyryansky-2025.yaml", tmp_path) == set()


def test_remembered_doubts_leave_the_heavy_modules_out(tmp_path: Path) -> None:
    """A plan with declined names: the first validate asks the shipped table of usual words (wordtable.py), not
    pymorphy3 (only writing its answers to the cache folder imports threading, see signals.deferred);
    the next one, its answers remembered, imports none."""
    assert heavy_after_validate("plans/kaliningrad-committee-2026.yaml", tmp_path) <= {"threading"}
    assert heavy_after_validate("plans/kaliningrad-committee-2026.yaml", tmp_path) == set()


def test_diff_of_two_files_imports_none_of_the_heavy_modules(tmp_path: Path) -> None:
    """``diff`` is held to twice ``validate`` (issue 12): its results are :mod:`orderforge.slotted` classes
    too, and git (with subprocess) is imported only for a version named as ``REV:path``. The plans are the
    bench's: generated, without ids, some activities reworded."""
    old = genplan.write_plan(tmp_path / "plans", 60, name="old", ids=False)
    text = old.read_text(encoding="utf-8")
    new = old.with_name("new.yaml")
    new.write_text(text.replace("(этап ", "(изм. этап ", 5), encoding="utf-8")
    assert new.read_text(encoding="utf-8") != text
    cache = tmp_path / "cache"
    assert heavy_after(["diff", str(old), str(new)], cache) <= {"threading"}  # the doubts' cache, as above
    assert heavy_after(["diff", str(old), str(new)], cache) == set()


def test_the_heavy_list_names_real_modules() -> None:
    """A misspelt module name would make the tests above pass for nothing."""
    import importlib.util

    assert [m for m in HEAVY if importlib.util.find_spec(m) is None] == []

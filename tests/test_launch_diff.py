"""Plain `diff` runs without click (launch.py) and says what click's path says, byte for byte.

Both ways run in a fresh interpreter, as in tests/test_launch.py: two files, a file against git's HEAD,
a version against the working file, --json, --exit-code, a missing file, a usage error and --help.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from orderforge.launch import plain_diff_args

from .conftest import ROOT
from .test_launch import CLICK, LEAN, WITNESS, run

PLAN = "plans/kaliningrad-committee-2026.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding the example plans, the committed plan then edited in the working folder."""
    folder = tmp_path / "repo"
    shutil.copytree(ROOT / "plans", folder / "plans")
    for command in (["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"]):
        subprocess.run(["git", *command], cwd=folder, check=True)
    plan = folder / PLAN
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("Проведение", "Организация проведения", 1), encoding="utf-8")
    shutil.copy(plan, folder / "plans" / "edited.yaml")
    plan.write_text(text, encoding="utf-8")
    return folder


CASES = [
    ["diff", PLAN, "plans/edited.yaml"],
    ["diff", "plans/edited.yaml", PLAN, "--json"],
    ["diff", "--exit-code", PLAN, "plans/edited.yaml"],
    ["diff", PLAN, PLAN, "--exit-code"],  # no change: nothing printed, exit 0
    ["diff", "plans/edited.yaml"],  # against HEAD: not in git
    ["diff", f"HEAD:{PLAN}"],  # a version against the working file
    ["diff", "plans/no-such.yaml", PLAN],
    ["diff", PLAN, "plans/edited.yaml", "--no-such-option"],  # click's usage error
    ["diff", "--help"],
]


@pytest.mark.parametrize("args", CASES, ids=" ".join)
def test_lean_diff_says_what_click_says(args: list[str], repo: Path, tmp_path: Path) -> None:
    assert run(LEAN, args, repo, tmp_path / "cache") == run(CLICK, args, repo, tmp_path / "cache")


def test_a_plain_diff_runs_without_click(repo: Path, tmp_path: Path) -> None:
    code, out, err = run(WITNESS + LEAN, ["diff", PLAN, "plans/edited.yaml"], repo, tmp_path / "cache")
    assert code == 0 and "Организация проведения" in out and err.endswith("False\n")


@pytest.mark.parametrize("args", [
    ["diff"], ["diff", "a", "b", "c"], ["diff", "-", "b"], ["diff", "", "b"], ["diff", "a", "--json", "--json"],
    ["diff", "a", "--json=1"], ["diff", "--", "a"], ["diff", "-h", "a"], ["dif", "a", "b"], ["validate", "a"],
])
def test_anything_but_plain_diff_goes_to_click(args: list[str]) -> None:
    assert plain_diff_args(args, {}) is None


def test_plain_diff_is_parsed_as_click_parses_it() -> None:
    assert plain_diff_args(["diff", "a.yaml"], {}) == {"old": "a.yaml", "new": None, "as_json": False,
                                                        "exit_code": False}
    assert plain_diff_args(["diff", "--exit-code", "HEAD:a.yaml", "--json", "b.yaml"], {}) == {
        "old": "HEAD:a.yaml", "new": "b.yaml", "as_json": True, "exit_code": True}
    assert plain_diff_args(["diff", "a", "b"], {"_ORDERFORGE_COMPLETE": "bash_complete"}) is None

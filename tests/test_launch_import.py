"""Plain `import` runs without click (launch.py) and says and writes what click's path does, byte for byte.

Both ways run in a fresh interpreter, as in tests/test_launch.py, each in its own copy of a workspace with
the built-in styles: a document with its own style made, with --style, --json, --force over an earlier
import, a document without a plan table, a missing document (with and without --json), a plan that exists,
a --directory that is a folder (click's usage error), an unknown option and --help.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from orderforge.launch import plain_import_args

from .conftest import ROOT
from .test_launch import CLICK, LEAN, WITNESS, run

FIXTURES = ROOT / "tests" / "fixtures" / "import"
SCHOOL = str(FIXTURES / "order-school.docx")
CASES = [
    ["import", SCHOOL, "-o", "plans/school.yaml"],
    ["import", str(FIXTURES / "split-table.docx")],  # the default plan path, plans/<name>.yaml
    ["import", "--style", "kaliningrad-committee", str(FIXTURES / "columns-reordered.docx"), "--json"],
    ["import", str(FIXTURES / "order-incomplete.docx"), "--output", "plans/x.yaml", "--directory", "d.yaml"],
    ["import", str(FIXTURES / "no-plan-table.docx"), "-o", "plans/none.yaml"],  # exit 2
    ["import", str(FIXTURES / "no-plan-table.docx"), "--json", "-o", "plans/none.yaml"],
    ["import", "no-such.docx"],
    ["import", "no-such.docx", "--json"],
    ["import", SCHOOL, "-o", "plans/zyryansky-2025.yaml"],  # the plan exists, no --force
    ["import", SCHOOL, "--directory", "plans"],  # a folder: click's usage error
    ["import", SCHOOL, "--no-such-option"],
    ["import", "--help"],
]


def _workspace(root: Path) -> Path:
    """A workspace: the example plans and the built-in styles in templates/ (where import puts a new style)."""
    shutil.copytree(ROOT / "plans", root / "plans")
    shutil.copytree(ROOT / "src" / "orderforge" / "templates", root / "templates")
    return root


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _both_ways(args: list[str], tmp_path: Path, before: list[str] | None = None) -> list[object]:
    results = []
    for way, code in (("lean", LEAN), ("click", CLICK)):
        root = _workspace(tmp_path / way)
        if before:
            assert run(CLICK, before, root, tmp_path / f"{way}-cache")[0] == 0
        results.append((run(code, args, root, tmp_path / f"{way}-cache"), _files(root)))
    return results


@pytest.mark.parametrize("args", CASES, ids=" ".join)
def test_lean_import_says_and_writes_what_click_does(args: list[str], tmp_path: Path) -> None:
    lean, click = _both_ways(args, tmp_path)
    assert lean == click


def test_lean_import_with_force_over_an_earlier_import(tmp_path: Path) -> None:
    first = ["import", SCHOOL, "-o", "plans/school.yaml"]
    lean, click = _both_ways([*first, "--force"], tmp_path, before=first)
    assert lean == click
    assert lean[0][0] == 0  # type: ignore[index]


def test_a_plain_import_runs_without_click(tmp_path: Path) -> None:
    root = _workspace(tmp_path / "work")
    code, out, err = run(WITNESS + LEAN, ["import", SCHOOL, "-o", "plans/school.yaml"], root, tmp_path / "cache")
    assert (code, err.splitlines()[-1]) == (0, "False"), err
    assert "plans/school.yaml" in out and (root / "plans" / "school.yaml").is_file()


@pytest.mark.parametrize("args", [
    ["import"], ["import", "a.docx", "b.docx"], ["import", "-", "-o", "a.yaml"], ["import", ""], ["import", "--", "a"],
    ["import", "a.docx", "-o"], ["import", "a.docx", "-o", ""], ["import", "a.docx", "-o", "--json"],
    ["import", "a.docx", "-oa.yaml"], ["import", "a.docx", "--output=a.yaml"], ["import", "a.docx", "--style=x"],
    ["import", "a.docx", "-o", "a.yaml", "--output", "b.yaml"], ["import", "a.docx", "--style", "x", "--style", "y"],
    ["import", "a.docx", "--json", "--json"], ["import", "a.docx", "--force", "--force"], ["import", "a.docx", "-h"],
    ["import", "a.docx", "--directory", "."], ["import", "a.docx", "-q"], ["--help", "import"], ["impor", "a.docx"],
    ["validate", "a.docx"],
])
def test_anything_but_plain_import_goes_to_click(args: list[str]) -> None:
    assert plain_import_args(args, {}) is None


def test_plain_import_is_parsed_as_click_parses_it() -> None:
    assert plain_import_args(["import", "a.docx"], {}) == {
        "docx": Path("a.docx"), "output": None, "directory": None, "style": None, "as_json": False, "force": False}
    assert plain_import_args(["import", "--force", "--style", "s", "a.docx", "--directory", "d.yaml", "--json",
                              "--output", "p.yaml"], {}) == {
        "docx": Path("a.docx"), "output": Path("p.yaml"), "directory": Path("d.yaml"), "style": "s", "as_json": True,
        "force": True}
    assert plain_import_args(["import", "a.docx"], {"_ORDERFORGE_COMPLETE": "bash_complete"}) is None
    assert plain_import_args(["diff", "a.docx"], {}) is None

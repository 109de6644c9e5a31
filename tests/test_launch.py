"""Plain `validate`, `build`, `fmt` and `new` run without click (launch.py) and say what click's path says.

Each case runs the program both ways in a fresh interpreter — ``python -m orderforge``
(the lean path when the arguments allow it) and click's group ``orderforge.cli:main``
— and compares exit code, stdout and stderr byte for byte.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from orderforge.launch import plain_build_args, plain_fmt_args, plain_new_args, plain_validate_args

from .conftest import ROOT

CLICK = "import sys; sys.argv[0] = 'orderforge'; from orderforge.cli import main; main()"
LEAN = "import sys, runpy; sys.argv[0] = 'orderforge'; runpy.run_module('orderforge', run_name='__main__')"
WITNESS = "import atexit, sys; atexit.register(lambda: print('click' in sys.modules, file=sys.stderr)); "


def run(code: str, args: list[str], cwd: Path, cache: Path) -> tuple[int, str, str]:
    env = {**os.environ, "ORDERFORGE_CACHE_DIR": str(cache)}
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True, env=env)
    return done.returncode, done.stdout, done.stderr


BAD = ROOT / "tests" / "fixtures" / "bad"
CASES = [
    ["validate", "plans/kaliningrad-committee-2026.yaml"],
    ["validate", "plans/baltiysk-2024.yaml"],  # a warning
    ["validate", "-q", "plans/baltiysk-2024.yaml"],
    ["validate", "plans/baltiysk-2024.yaml", "--json"],
    ["validate", "--quiet", "--json", "plans/gymnasium1-2022.yaml", "plans/zyryansky-2025.yaml"],
    ["validate", str(BAD / "bad-date.yaml"), str(BAD / "control-char.yaml")],  # errors: exit 1
    ["validate", "plans/no-such-plan.yaml"],
    ["validate", "plans"],  # a folder
    ["validate"],  # every plan in plans/
    ["validate", "--no-such-option", "plans/zyryansky-2025.yaml"],  # click's usage error, exit 2
    ["validate", "--help"],
]


@pytest.mark.parametrize("args", CASES, ids=" ".join)
def test_lean_validate_says_what_click_says(args: list[str], tmp_path: Path) -> None:
    lean = run(LEAN, args, ROOT, tmp_path)
    assert lean == run(CLICK, args, ROOT, tmp_path)


def test_a_clean_plan_is_validated_without_click(tmp_path: Path) -> None:
    args = ["validate", "plans/zyryansky-2025.yaml"]
    code, out, err = run(WITNESS + LEAN, args, ROOT, tmp_path)
    assert (code, out, err) == (0, "", "False\n")


def test_warnings_are_printed_without_click(tmp_path: Path) -> None:
    """console.echo writes a plain line itself (click.echo would write the same: the cases above compare)."""
    code, out, err = run(WITNESS + LEAN, ["validate", "plans/baltiysk-2024.yaml"], ROOT, tmp_path)
    assert "предупреждение" in out and err.endswith("False\n")


def test_what_click_echo_would_change_still_goes_through_it() -> None:
    """An ANSI escape (stripped when not on a terminal), an ASCII stream or a foreign stream: click.echo's."""
    import io

    from orderforge.console import _plain

    utf8 = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    assert _plain(utf8, "строка")
    assert not _plain(utf8, "\x1b[31mкрасная\x1b[0m")
    assert not _plain(io.TextIOWrapper(io.BytesIO(), encoding="ascii"), "line")
    assert not _plain(io.StringIO(), "line")


@pytest.mark.parametrize("args", [
    [], ["build"], ["validate", "--help"], ["validate", "-h"], ["validate", "--"], ["validate", "-"],
    ["validate", ""], ["validate", "--json=1"], ["validate", "-qq"], ["--help", "validate"], ["validat"],
])
def test_anything_but_plain_validate_goes_to_click(args: list[str]) -> None:
    assert plain_validate_args(args, {}) is None


def test_plain_validate_is_parsed_as_click_parses_it() -> None:
    assert plain_validate_args(["validate"], {}) == ((), False, False)
    assert plain_validate_args(["validate", "a.yaml", "-q", "b.yaml", "--json", "--quiet"], {}) == (
        (Path("a.yaml"), Path("b.yaml")), True, True)
    assert plain_validate_args(["validate", "a.yaml"], {"_ORDERFORGE_COMPLETE": "bash_complete"}) is None


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_plan_is_left_to_click(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("x: 1\n")
    plan.chmod(0)
    assert plain_validate_args(["validate", str(plan)], {}) is None


NEW_CASES = [
    ["new", "next.yaml", "--from", "plans/kaliningrad-committee-2026.yaml", "--year", "2027"],
    ["new", "--force", "--shift", "2", "--from", "plans/baltiysk-2024.yaml", "next.yaml"],
    ["new", "plans/zyryansky-2025.yaml", "--from", "plans/gymnasium1-2022.yaml"],  # exists, no --force: OF610
    ["new", "next.yaml", "--from", "plans/no-such-plan.yaml"],  # OF001
    ["new", "next.yaml", "--from", "plans/zyryansky-2025.yaml", "--year", "2027", "--shift", "1"],  # OF612
    ["new", "next.yaml", "--from", "plans/zyryansky-2025.yaml", "--year", "1"],  # OF614
    ["new", "next.yaml", "--from", "plans/zyryansky-2025.yaml", "--year", "два"],  # click's usage error
    ["new", "next.yaml", "--from", "plans"],  # a folder: click's usage error
    ["new", "next.yaml", "--year=2027", "--from", "plans/zyryansky-2025.yaml"],
    ["new", "next.yaml"],  # no --from
    ["new", "--help"],
]


@pytest.mark.parametrize("args", NEW_CASES, ids=" ".join)
def test_lean_new_says_and_writes_what_click_does(args: list[str], tmp_path: Path) -> None:
    """Both ways start from the same copy of the example plans; output, exit code and written files agree."""
    import shutil

    results = []
    for way, code in (("lean", LEAN), ("click", CLICK)):
        shutil.copytree(ROOT / "plans", tmp_path / way / "plans")
        said = run(code, args, tmp_path / way, tmp_path / "cache")
        written = {p.relative_to(tmp_path / way).as_posix(): p.read_bytes()
                   for p in sorted((tmp_path / way).rglob("*.yaml"))}
        results.append((said, written))
    assert results[0] == results[1]


def test_plain_new_runs_without_click(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    args = ["new", "next.yaml", "--from", "plans/kaliningrad-committee-2026.yaml", "--year", "2027"]
    code, out, err = run(WITNESS + LEAN, args, tmp_path, tmp_path / "cache")
    assert (code, err.splitlines()[-1]) == (0, "False"), err
    assert "next.yaml: создан из plans/kaliningrad-committee-2026.yaml" in out


@pytest.mark.parametrize("args", [
    ["new"], ["new", "a.yaml"], ["new", "a.yaml", "--from"], ["new", "a.yaml", "--from", "-"],
    ["new", "a.yaml", "b.yaml", "--from", "c.yaml"], ["new", "a.yaml", "--from", "c.yaml", "--from", "d.yaml"],
    ["new", "a.yaml", "--from", "c.yaml", "--year", "-1"], ["new", "a.yaml", "--from", "c.yaml", "--year", "2O27"],
    ["new", "a.yaml", "--from", "c.yaml", "--shift", "+1"], ["new", "a.yaml", "--from", "c.yaml", "--year", "٢٠٢٧"],
    ["new", "a.yaml", "--from", "c.yaml", "--force", "--force"], ["new", "a.yaml", "--from=c.yaml"],
    ["new", "a.yaml", "--from", "c.yaml", "-h"], ["new", "", "--from", "c.yaml"], ["new", "--", "a.yaml"],
    ["new", ".", "--from", "c.yaml"], ["validate", "a.yaml"],
])
def test_anything_but_plain_new_goes_to_click(args: list[str]) -> None:
    assert plain_new_args(args, {}) is None


def test_plain_new_is_parsed_as_click_parses_it() -> None:
    assert plain_new_args(["new", "a.yaml", "--from", "b.yaml"], {}) == {
        "new_plan": Path("a.yaml"), "source": Path("b.yaml"), "year": None, "shift": None, "force": False}
    assert plain_new_args(["new", "--shift", "02", "--force", "--from", "b.yaml", "a.yaml", "--year", "2027"], {}) == {
        "new_plan": Path("a.yaml"), "source": Path("b.yaml"), "year": 2027, "shift": 2, "force": True}
    assert plain_new_args(["new", "a.yaml", "--from", "b.yaml"], {"_ORDERFORGE_COMPLETE": "zsh_complete"}) is None


# --------------------------------------------------------------------------- fmt

def _fmt_folder(root: Path) -> Path:
    """A folder of plans for fmt to rewrite: one canonical, one re-indented, one the loader refuses."""
    plans = root / "plans"
    plans.mkdir(parents=True)
    shutil.copy(ROOT / "plans" / "zyryansky-2025.yaml", plans / "canonical.yaml")
    text = (ROOT / "plans" / "baltiysk-2024.yaml").read_text(encoding="utf-8")
    (plans / "messy.yaml").write_text(text.replace("\n  ", "\n    "), encoding="utf-8")
    shutil.copy(BAD / "duplicate-key.yaml", plans / "duplicate-key.yaml")
    return root


FMT_CASES = [
    ["fmt", "plans/canonical.yaml"],
    ["fmt", "plans/messy.yaml"],  # rewritten
    ["fmt", "--check", "plans/messy.yaml", "plans/canonical.yaml"],  # exit 1
    ["fmt", "plans/duplicate-key.yaml", "plans/messy.yaml"],  # the loader's errors, the other file rewritten
    ["fmt", "plans/no-such-plan.yaml"],
    ["fmt", "plans"],  # a folder
    ["fmt"],  # every plan in plans/
    ["fmt", "--check"],
    ["fmt", "--no-such-option", "plans/canonical.yaml"],  # click's usage error, exit 2
    ["fmt", "--help"],
]


@pytest.mark.parametrize("args", FMT_CASES, ids=" ".join)
def test_lean_fmt_says_and_writes_what_click_does(args: list[str], tmp_path: Path) -> None:
    lean, click = _fmt_folder(tmp_path / "lean"), _fmt_folder(tmp_path / "click")
    assert run(LEAN, args, lean, tmp_path / "cache") == run(CLICK, args, click, tmp_path / "cache")
    for plan in sorted((click / "plans").iterdir()):
        assert (lean / "plans" / plan.name).read_bytes() == plan.read_bytes(), plan.name


def test_a_canonical_plan_is_formatted_without_click(tmp_path: Path) -> None:
    folder = _fmt_folder(tmp_path)
    assert run(WITNESS + LEAN, ["fmt", "plans/canonical.yaml"], folder, tmp_path)[:3] == (0, "", "False\n")


@pytest.mark.parametrize("args", [
    ["fmt", "--help"], ["fmt", "-h"], ["fmt", "--"], ["fmt", "-"], ["fmt", ""], ["fmt", "--check=1"],
    ["fmt", "--json"], ["fmt", "-q"], ["--help", "fmt"], ["fm"],
])
def test_anything_but_plain_fmt_goes_to_click(args: list[str]) -> None:
    assert plain_fmt_args(args, {}) is None


def test_plain_fmt_is_parsed_as_click_parses_it() -> None:
    assert plain_fmt_args(["fmt"], {}) == ((), False)
    assert plain_fmt_args(["fmt", "a.yaml", "--check", "b.yaml"], {}) == ((Path("a.yaml"), Path("b.yaml")), True)
    assert plain_fmt_args(["fmt", "a.yaml"], {"_ORDERFORGE_COMPLETE": "bash_complete"}) is None
    assert plain_validate_args(["fmt", "a.yaml"], {}) is None


# --------------------------------------------------------------------------- build

def _build_folder(root: Path) -> Path:
    """A workspace to build: the example plans (with their directories) and a plan with errors in bad/."""
    shutil.copytree(ROOT / "plans", root / "plans")
    (root / "bad").mkdir()
    shutil.copy(BAD / "bad-date.yaml", root / "bad" / "bad-date.yaml")
    return root


_SECONDS = re.compile(r"\d+\.\d с\b")


def _built(root: Path) -> dict[str, object]:
    """Every file a build wrote under ``root`` (not the plans), the cache record with this copy's folder and
    the documents' times taken out (the rest of it — which plan, which document, its size — must agree)."""
    found: dict[str, object] = {}
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        if not path.is_file() or name.startswith(("plans/", "bad/")):
            continue
        if path.name == ".orderforge-cache.json":
            entries = json.loads(path.read_text(encoding="utf-8"))
            found[name] = {plan.replace(str(root), "<root>"): [entry["document"][0].replace(str(root), "<root>"),
                                                               entry["document"][1]]
                           for plan, entry in entries.items()}
        else:
            found[name] = path.read_bytes()
    return found


def _build_both_ways(args: list[str], tmp_path: Path, before: list[str] | None = None) -> list[object]:
    """Output (the seconds a plan took aside), exit code and written files of ``args`` run both ways, each in
    its own copy of the workspace with its own empty cache folder; ``before`` is a build click runs first."""
    results = []
    for way, code in (("lean", LEAN), ("click", CLICK)):
        root = _build_folder(tmp_path / way)
        if before:
            assert run(CLICK, before, root, tmp_path / f"{way}-cache")[0] == 0
        status, out, err = run(code, args, root, tmp_path / f"{way}-cache")
        results.append((status, _SECONDS.sub("… с", out), _SECONDS.sub("… с", err), _built(root)))
    return results


SOME = ["plans/zyryansky-2025.yaml", "plans/baltiysk-2024.yaml"]
BUILD_CASES = [
    (["build", "plans/zyryansky-2025.yaml", "-o", "out"], None),  # one plan
    (["build", "-j", "1"], None),  # every plan in plans/ into output/
    (["build", "--jobs", "2", "plans", "-o", "out"], None),  # in two processes
    (["build", "plans", "-o", "out", "-j", "1"], ["build", *SOME, "-o", "out"]),  # two unchanged: skipped
    (["build", "--force", "-o", "out", *SOME], ["build", *SOME, "-o", "out"]),  # built again
    (["build", "-j", "2", "bad/bad-date.yaml", "plans/zyryansky-2025.yaml", "-o", "out"], None),  # errors: exit 1
    (["build", "plans/no-such-plan.yaml", "plans/zyryansky-2025.yaml", "-o", "out"], None),  # exit 2
    (["build", "plans/baltiysk-2024.yaml", "--output", "new/deeper"], None),  # a new folder
    (["build", "-o", "plans/zyryansky-2025.yaml", "plans/baltiysk-2024.yaml"], None),  # a file: click's error
    (["build", "-j", "0", "plans/baltiysk-2024.yaml"], None),  # out of range: click's error
    (["build", "--jobs=1", "-oout", "plans/baltiysk-2024.yaml"], None),  # other spellings: click parses them
    (["build", "--help"], None),
]


@pytest.mark.parametrize(("args", "before"), BUILD_CASES, ids=[" ".join(args) for args, _ in BUILD_CASES])
def test_lean_build_says_and_writes_what_click_does(args: list[str], before: list[str] | None,
                                                    tmp_path: Path) -> None:
    lean, click = _build_both_ways(args, tmp_path, before)
    assert lean == click


@pytest.mark.slow
def test_lean_build_with_pdf_says_and_writes_what_click_does(tmp_path: Path) -> None:
    lean, click = _build_both_ways(["build", "--pdf", "plans/zyryansky-2025.yaml", "-o", "out"], tmp_path)
    assert lean[:3] == click[:3] and lean[0] == 0
    assert sorted(lean[3]) == sorted(click[3]) == [  # type: ignore[call-overload]
        "out/.orderforge-cache.json", "out/zyryansky-2025.docx", "out/zyryansky-2025.pdf"]


def test_a_build_of_the_lean_path_is_skipped_by_click(tmp_path: Path) -> None:
    """The cache record the lean path writes is the one click's path reads (and the other way round)."""
    root = _build_folder(tmp_path / "work")
    assert run(LEAN, ["build", *SOME, "-o", "out"], root, tmp_path / "cache")[0] == 0
    code, out, _ = run(CLICK, ["build", "plans", "-o", "out"], root, tmp_path / "cache")
    assert code == 0 and out.count("пропущен") == 2 and out.count(" с)") == 2, out
    code, out, _ = run(LEAN, ["build", "plans", "-o", "out"], root, tmp_path / "cache")
    assert code == 0 and out.count("пропущен") == 4, out


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_plain_build_runs_without_click(jobs: str, tmp_path: Path) -> None:
    """Nor with the context's TypedDicts (context.py, for mypy only: typing compiles every field to make them)."""
    root = _build_folder(tmp_path / "work")
    witness = ("import atexit, sys; atexit.register(lambda: print([m for m in ('click', 'orderforge.context') "
               "if m in sys.modules], file=sys.stderr)); ")
    code, out, err = run(witness + LEAN, ["build", "-j", jobs, *SOME, "-o", "out"], root, tmp_path / "cache")
    assert (code, err.splitlines()[-1]) == (0, "[]") and out.count(".docx (") == 2, (out, err)
    assert (root / "out" / "zyryansky-2025.docx").is_file() and (root / "out" / "baltiysk-2024.docx").is_file()


@pytest.mark.parametrize("args", [
    ["build", "--help"], ["build", "-h"], ["build", "--"], ["build", "-"], ["build", ""], ["build", "--pdf=1"],
    ["build", "-o"], ["build", "-o", ""], ["build", "-o", "-j"], ["build", "-o", "a", "-o", "b"], ["build", "-oout"],
    ["build", "--output=out"], ["build", "-j"], ["build", "-j", "0"], ["build", "-j", "65"], ["build", "-j", "+2"],
    ["build", "-j", "2.0"], ["build", "-j", "٢"], ["build", "-j2"], ["build", "--jobs=2"],
    ["build", "-j", "1", "-j", "2"], ["build", "--json"], ["build", "-q"], ["--help", "build"], ["buil"],
])
def test_anything_but_plain_build_goes_to_click(args: list[str]) -> None:
    assert plain_build_args(args, {}) is None


def test_plain_build_is_parsed_as_click_parses_it(tmp_path: Path) -> None:
    out = str(tmp_path / "out")
    assert plain_build_args(["build", "-o", out], {}) == {
        "plans": (), "out_dir": Path(out), "pdf": False, "force": False, "jobs": None}
    assert plain_build_args(["build", "a.yaml", "--force", "-j", "02", "--output", out, "b.yaml", "--pdf",
                             "--pdf"], {}) == {
        "plans": (Path("a.yaml"), Path("b.yaml")), "out_dir": Path(out), "pdf": True, "force": True, "jobs": 2}
    assert plain_build_args(["build", "--jobs", "64", "-o", out], {})["jobs"] == 64  # type: ignore[index]
    assert plain_build_args(["build", "a.yaml"], {"_ORDERFORGE_COMPLETE": "bash_complete"}) is None
    assert plain_validate_args(["build", "a.yaml"], {}) is None


def test_the_default_output_folder_is_checked_as_click_checks_it(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Without -o, click converts its default ``output`` too: a file of that name is click's usage error."""
    monkeypatch.chdir(tmp_path)
    assert plain_build_args(["build", "a.yaml"], {}) == {
        "plans": (Path("a.yaml"),), "out_dir": Path("output"), "pdf": False, "force": False, "jobs": None}
    (tmp_path / "output").write_text("")
    assert plain_build_args(["build", "a.yaml"], {}) is None
    assert plain_build_args(["build", "-o", "output", "a.yaml"], {}) is None


#: What a build whose plans are all unchanged does without: the command tree, the plan's YAML, the rendering
#: stack and the heavy standard modules (a second build is measured against ``orderforge --help``).
NOT_FOR_A_SKIP = ("click", "typing", "dataclasses", "inspect", "yaml", "jinja2", "lxml", "docxtpl", "zipfile")


def test_a_build_of_unchanged_plans_imports_only_the_cache_check(tmp_path: Path) -> None:
    root = _build_folder(tmp_path / "work")
    assert run(LEAN, ["build", *SOME, "-o", "out"], root, tmp_path / "cache")[0] == 0
    witness = ("import atexit, sys; atexit.register(lambda: print(','.join(m for m in "
               f"{NOT_FOR_A_SKIP!r} if m in sys.modules), file=sys.stderr)); ")
    code, out, err = run(witness + LEAN, ["build", *SOME, "-o", "out"], root, tmp_path / "cache")
    assert (code, out.count("пропущен"), err) == (0, 2, "\n"), (out, err)

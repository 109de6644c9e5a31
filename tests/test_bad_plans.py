"""Every validation rule has a bad-plan fixture that declares what it must produce.

Each file in fixtures/bad/ carries lines
``# expect: CODE severity line:col message-fragment [| hint-fragment]``;
the test asserts that validation yields exactly those diagnostics — no more,
no fewer — with the code, the severity, the position and the words given.
A diagnostic in another file (a broken directory the plan names) is written
``# expect: CODE severity path:line:col …``, the path relative to the plan's folder;
such files live in subfolders, so they are not taken for plans.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from orderforge.diagnostics import Report
from orderforge.planfile import load_plan

from .conftest import FIXTURES, PLANS, ROOT

BAD = sorted((FIXTURES / "bad").glob("*.yaml"))
_EXPECT = re.compile(
    r"^# expect: (OF\d+) (error|warning) (?:(\S+):)?(\d+):(\d+) ([^|\n]+?)(?: \| (.+))?$", re.MULTILINE
)


def expectations(path: Path) -> list[tuple[str, str, int, int, str, str, str]]:
    """(code, severity, line, col, message, hint, file) — the file as the report names it."""
    found = _EXPECT.findall(path.read_text(encoding="utf-8"))
    here = path.relative_to(ROOT)
    return [(c, s, int(line), int(col), msg.strip(), (hint or "").strip(), str(here.parent / other if other else here))
            for c, s, other, line, col, msg, hint in found]


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_plan(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    expected = expectations(path)
    assert expected, f"{path.name} declares no expectations"
    _, report = load_plan(path.relative_to(ROOT))
    got = sorted(report.items, key=lambda d: (d.pos.file, d.pos.line, d.pos.col, d.code))
    assert len(got) == len(expected), "\n".join(d.format() for d in got)
    for diag, (code, severity, line, col, message, hint, file) in zip(
            got, sorted(expected, key=lambda e: (e[6], e[2], e[3], e[0])), strict=False):
        assert (diag.code, diag.severity, diag.pos.line, diag.pos.col) == (code, severity, line, col), diag.format()
        assert message in diag.message, diag.format()
        assert hint in diag.hint, diag.format()
        assert diag.pos.file == file, diag.format()


def test_not_utf8(tmp_path: Path) -> None:
    plan = tmp_path / "cp1251.yaml"
    plan.write_bytes("style: x\nplan:\n  title: План мероприятий\n".encode("cp1251"))
    _, report = load_plan(plan)
    (diag,) = report.items
    assert (diag.code, diag.pos.line, diag.pos.col) == ("OF002", 3, 10)
    assert diag.message == "файл не в кодировке UTF-8"
    assert "Windows-1251" in diag.hint and "UTF-8" in diag.hint


@pytest.mark.parametrize("data", [
    "\ufeffstyle: x\nplan:\n  title: План\n".encode("utf-16-le"),  # Notepad «Юникод»: FF FE
    "\ufeffstyle: x\nplan:\n  title: План\n".encode("utf-16-be"),  # FE FF
    "style: x\nplan:\n  title: План\n".encode("utf-16-le"),  # no BOM: NUL bytes beside every Latin letter
])
def test_utf16_is_named(tmp_path: Path, data: bytes) -> None:
    plan = tmp_path / "utf16.yaml"
    plan.write_bytes(data)
    _, report = load_plan(plan)
    (diag,) = report.items
    assert (diag.code, diag.pos.line, diag.pos.col) == ("OF002", 1, 1)
    assert "UTF-16" in diag.message and "Windows-1251" not in diag.hint and "UTF-8" in diag.hint


def test_decomposed_letters_are_composed(tmp_path: Path) -> None:
    """«Й» from a PDF is «И» + U+0306: it must still match the directory's code; a soft hyphen stays."""
    plan = tmp_path / "nfd.yaml"
    plan.write_text(
        "style: kaliningrad-committee\ndirectory:\n  parties: {ОЙ: Отдел йоги}\nplan:\n  title: План\u00ad\n"
        "  sections:\n    - title: Раздел\n      activities:\n"
        "        - {text: Первое, deadline: Январь 2026 г., responsible: [О\u0418\u0306]}\n",
        encoding="utf-8",
    )
    loaded, report = load_plan(plan)
    assert [d.code for d in report.items if d.code != "OF111"] == []
    assert loaded is not None and loaded.plan.title == ["План\u00ad"]
    assert loaded.directory.parties["ОЙ"].name == "Отдел йоги"


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_only_a_regular_file_is_read(tmp_path: Path, kind: str) -> None:
    """Reading a named pipe waits forever: it is refused before it is opened (OF001, exit code 2)."""
    import os
    import signal

    plan = tmp_path / "plan.yaml"
    os.mkfifo(plan) if kind == "fifo" else plan.mkdir()
    signal.alarm(10)  # a regression would hang the suite
    try:
        loaded, report = load_plan(plan)
    finally:
        signal.alarm(0)
    (diag,) = report.items
    assert loaded is None and diag.code == "OF001" and report.exit_code == 2
    assert ("папка" if kind == "folder" else "канал") in diag.message and diag.hint


@pytest.mark.parametrize(("names", "hint"), [
    (["a.yml", "b.yml", "x.directory.yml"], "переименуйте: a.yml → a.yaml, b.yml → b.yaml"),
    ([], "положите планы (*.yaml) в эту папку"),
])
def test_no_plans_says_why(tmp_path: Path, names: list[str], hint: str) -> None:
    """OF021 with *.yml files beside: they are not read as plans, the hint names the renames."""
    from orderforge.diagnostics import UserError
    from orderforge.plans import plan_files

    for name in names:
        (tmp_path / name).write_text("style: x\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        plan_files((tmp_path,))
    (diag,) = caught.value.diagnostics
    assert diag.code == "OF021" and hint in diag.hint and caught.value.exit_code == 2
    assert "x.directory" not in diag.hint


def test_broken_directory_is_listed_before_its_one_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    """As the CLI prints it: the directory's own error first, then the single line about unchecked references."""
    monkeypatch.chdir(ROOT)
    _, report = load_plan(Path("tests/fixtures/bad/directory-syntax-error.yaml"))
    assert [d.code for d in report.sorted()] == ["OF010", "OF215"]


def test_bom_is_accepted(tmp_path: Path) -> None:
    plan = tmp_path / "bom.yaml"
    plan.write_bytes(b"\xef\xbb\xbf" + (FIXTURES / "bad" / "unknown-deadline.yaml").read_bytes())
    _, report = load_plan(plan)
    assert [d.code for d in report.items if d.code != "OF111"] == ["OF205"]


def test_missing_file(tmp_path: Path) -> None:
    plan, report = load_plan(tmp_path / "nope.yaml")
    assert plan is None
    assert [d.code for d in report.items] == ["OF001"]


def test_validation_collects_everything_in_one_report() -> None:
    report = Report()
    for path in BAD[:3]:
        load_plan(path, report)
    assert len({d.pos.file for d in report.items}) == 3


def test_a_plan_over_the_activity_limit_is_refused_with_how_to_split(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from orderforge import validate

    monkeypatch.setattr(validate, "MAX_ACTIVITIES", 3)
    plan, report = load_plan(PLANS / "zyryansky-2025.yaml")
    assert [d.code for d in report.errors] == ["OF221"]
    assert "разделите план" in report.errors[0].hint


def test_a_plan_file_over_the_size_limit_is_refused_before_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    from orderforge import load

    monkeypatch.setattr(load, "MAX_PLAN_BYTES", 1024)
    plan, report = load_plan(PLANS / "zyryansky-2025.yaml")
    assert plan is None and [d.code for d in report.errors] == ["OF007"]
    assert "разделите план" in report.errors[0].hint

"""Execution records: the examples load clean and show every status; bad records give clear Russian errors."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from orderforge.planfile import load_plan
from orderforge.records import STATUSES, load_records, records_path

from .conftest import ROOT

EXAMPLES = ["kaliningrad-committee-2026", "baltiysk-2024", "gymnasium1-2022", "zyryansky-2025"]


@pytest.fixture
def ws(execution_workspace: Path) -> Path:
    return execution_workspace


def check(ws: Path, text: str, plan: str = "kaliningrad-committee-2026") -> list[str]:
    """Diagnostics of a records file for the plan, formatted as the CLI prints them."""
    path = ws / "reports" / f"{plan}.yaml"
    path.write_text(text, encoding="utf-8")
    loaded, report = load_plan(ws / "plans" / f"{plan}.yaml")
    assert loaded is not None and not report.has_errors
    _, report = load_records(path, loaded, report)
    return [d.format() for d in report.sorted()]


HEAD = "plan: plans/kaliningrad-committee-2026.yaml\norder: {number: ПД-КПО-113, date: 2026-02-11}\nrecords:\n"


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_records_are_valid_and_show_every_status(name: str) -> None:
    plan, report = load_plan(ROOT / "plans" / f"{name}.yaml")
    assert plan is not None
    path = records_path(ROOT / "plans" / f"{name}.yaml")
    assert path == ROOT / "reports" / f"{name}.yaml"
    execution, report = load_records(path, plan, report)
    assert not report.has_errors, [d.format() for d in report.errors]
    assert {r.status for r in execution.records.values()} == set(STATUSES)
    assert any(r.late for r in execution.records.values())  # «выполнено с нарушением срока» shown too


def test_unknown_activity_is_an_error_with_a_suggestion(ws: Path) -> None:
    lines = check(ws, HEAD + "  - {activity: working-grup, status: выполняется}\n")
    assert len(lines) == 1
    assert (
        "reports/kaliningrad-committee-2026.yaml:4:16: ошибка OF704: мероприятия «working-grup» нет в плане" in lines[0]
    )
    assert "возможно, имелось в виду «working-group»" in lines[0]


def test_misspelled_status_suggests_the_right_one(ws: Path) -> None:
    lines = check(ws, HEAD + "  - {activity: '1.1', status: выполненно, done: 2026-02-20, text: Сделано}\n")
    assert len(lines) == 1
    assert ":4:31: ошибка OF105: недопустимое значение «выполненно»" in lines[0]
    assert "возможно, имелось в виду «выполнено»" in lines[0]


def test_all_problems_at_once_with_line_and_column(ws: Path) -> None:
    text = HEAD + (
        "  - activity: working-group\n"
        "    status: выполнено\n"  # no text, no date: two warnings
        "  - activity: progress-report\n"  # recurring: occurrence required
        "    status: выполняется\n"
        "  - activity: staffing-analysis\n"
        "    occurrence: 2029-12\n"  # outside the plan period
        "    status: не выполнено\n"
        "  - activity: exam-results-analysis\n"
        "    status: выполнено\n"
        "    done: 2030-01-10\n"  # outside the plan, and late
        "    text: Сделано\n"
    )
    lines = check(ws, text)
    codes = [line.split(": ")[1].split()[1] for line in lines]
    assert codes == ["OF711", "OF712", "OF707", "OF706", "OF709", "OF710"], lines
    assert (
        "reports/kaliningrad-committee-2026.yaml:13:11: ошибка OF709: дата выполнения 10.01.2030 вне периода плана"
        in "\n".join(lines)
    )
    assert "выполнено с нарушением срока" in lines[-1]
    assert "подсказка: сроки мероприятия по плану: декабрь 2026, декабрь 2027, декабрь 2028" in lines[3]


def test_records_of_another_plan(ws: Path) -> None:
    lines = check(ws, "plan: plans/baltiysk-2024.yaml\nrecords:\n  - {activity: '1.1', status: выполняется}\n")
    assert any("ошибка OF702: файл исполнения относится к плану «plans/baltiysk-2024.yaml»" in line for line in lines)


def test_records_of_another_plan_version(ws: Path) -> None:
    lines = check(
        ws, "plan: plans/kaliningrad-committee-2026.yaml\norder: {number: ПД-КПО-99, date: 2025-02-11}\nrecords: []\n"
    )
    assert (
        len(lines) == 1
        and "ошибка OF703: сведения составлены к плану, утвержденному приказом от 11.02.2025 № ПД-КПО-99" in lines[0]
    )


def test_duplicate_record(ws: Path) -> None:
    lines = check(
        ws, HEAD + "  - {activity: working-group, status: выполняется}\n  - {activity: '1.1', status: выполняется}\n"
    )
    assert [line.split()[2] for line in lines] == ["OF708:", "OF714:"]
    assert "(строка 4)" in lines[0]


def test_a_number_where_the_activity_has_an_id_is_warned(ws: Path) -> None:
    lines = check(ws, HEAD + "  - {activity: '2.3', status: выполняется}\n")
    assert len(lines) == 1
    assert "предупреждение OF714: запись ссылается на номер 2.3, а у мероприятия есть id " in lines[0]
    assert "укажите activity: teacher-competence-diagnostics" in lines[0]


def git(ws: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args],
        cwd=ws,
        check=True,
        capture_output=True,
        env={
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@t",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@t",
            "GIT_AUTHOR_DATE": "2026-05-10T10:00:00",
            "GIT_COMMITTER_DATE": "2026-05-10T10:00:00",
            "PATH": "/usr/bin:/bin",
        },
    )


def test_records_older_than_an_amendment_that_removed_the_activity(ws: Path) -> None:
    git(ws, "init", "-q")
    git(ws, "add", "plans")
    git(ws, "commit", "-qm", "signed")
    plan = ws / "plans" / "kaliningrad-committee-2026.yaml"
    text = plan.read_text(encoding="utf-8")
    start = text.index("        - id: practice-seminars")
    end = text.index("        - id: network-cooperation")
    plan.write_text(text[:start] + text[end:], encoding="utf-8")
    git(ws, "commit", "-qam", "amendment: 3.4 removed")
    lines = check(
        ws,
        HEAD.replace("records:", "updated: 2026-04-01\nrecords:")
        + "  - {activity: practice-seminars, status: выполняется, text: Семинары}\n",
    )
    assert len(lines) == 1
    assert "ошибка OF705: мероприятие «practice-seminars» исключено из плана изменением от 10.05.2026" in lines[0]
    assert "а сведения составлены раньше — 01.04.2026" in lines[0]


def test_broken_yaml_is_reported_not_raised(ws: Path) -> None:
    lines = check(ws, HEAD + "  - {activity: '1.1', status: [\n")
    assert lines and all("ошибка" in line for line in lines)


def test_every_execution_code_is_documented() -> None:
    import re

    text = (ROOT / "docs" / "execution.md").read_text(encoding="utf-8")
    modules = ("records", "status", "xlsx", "execreport", "calendar_ics", "cli/params", "cli/execution")
    sources = "".join((ROOT / "src" / "orderforge" / f"{m}.py").read_text(encoding="utf-8") for m in modules)
    used = set(re.findall(r'"(OF7\d\d)"', sources))
    documented = set(re.findall(r"OF7\d\d", text))
    for low, high in re.findall(r"OF(7\d\d)–OF(7\d\d)", text):
        documented |= {f"OF{n}" for n in range(int(low), int(high) + 1)}
    assert used and used <= documented, sorted(used - documented)


@pytest.mark.parametrize("text", [
    HEAD + "  - &a {activity: '1.1', status: выполняется}\n  - *a\n",           # anchors and aliases
    HEAD + "  - activity: '1.1'\n\tstatus: выполняется\n",                      # a tab
    HEAD + "  - {activity: '1.1', status: выполняется, status: выполнено}\n",   # a duplicate key
    HEAD + "  - activity: {a: b}\n    status: [выполнено]\n    done: 2026-13-45\n    evidence: [x]\n",
    "records: 7\n",
    "- just a list\n",
    "\ufeff" + HEAD + "  - {activity: '1.1', status: \"\\x00\"}\n",
])
def test_hostile_records_give_diagnostics_not_tracebacks(ws: Path, text: str) -> None:
    lines = check(ws, text)
    assert any("ошибка" in line for line in lines)
    assert all(line.startswith("reports/kaliningrad-committee-2026.yaml") for line in lines)

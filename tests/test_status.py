"""orderforge status: the overdue list equals one computed here, independently, from the plan's deadline texts."""

from __future__ import annotations

import calendar
import json
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from orderforge.cli import main

from .conftest import ROOT
from .oracles import MONTHS

PLAN = "plans/kaliningrad-committee-2026.yaml"


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def due_dates(text: str, years: range) -> list[date]:
    """The days a deadline of this plan falls due on, read from its words (not through orderforge)."""
    low = text.lower()
    months = [n for stem, n in MONTHS.items() if re.search(rf"\b{stem}", low)]
    year = re.search(r"\d{4}", low)
    if low.startswith("ежегодно"):
        return [month_end(y, m) for y in years for m in (months or [12])]
    if year and months:
        return [month_end(int(year.group()), max(months))]
    return []  # «постоянно», «по мере необходимости», «в течение года», «в соответствии с графиком …»


def expected_overdue(on: date) -> set[tuple[str, date]]:
    yaml = YAML(typ="safe")
    plan = yaml.load((ROOT / PLAN).read_text(encoding="utf-8"))
    records = yaml.load((ROOT / "reports/kaliningrad-committee-2026.yaml").read_text(encoding="utf-8"))["records"]
    closed = {
        (r["activity"], str(r.get("occurrence") or "")) for r in records if r["status"] in ("выполнено", "перенесено")
    }
    found = set()
    for section in plan["plan"]["sections"]:
        for activity in section["activities"]:
            for due in due_dates(str(activity["deadline"]), range(2026, 2029)):
                single = len(due_dates(str(activity["deadline"]), range(2026, 2029))) == 1
                key = (activity["id"], "" if single else f"{due.year}-{due.month:02d}")
                if due < on and key not in closed:
                    found.add((activity["id"], due))
    return found


@pytest.mark.parametrize("on", ["2026-03-15", "2026-07-15", "2027-01-10", "2029-01-01"])
def test_overdue_is_exactly_what_the_deadlines_say(repo_root: Path, on: str) -> None:
    result = CliRunner().invoke(main, ["status", PLAN, "--on", on, "--json"])
    data = json.loads(result.stdout)
    listed = {(item["id"], date.fromisoformat(item["due"])) for item in data["overdue"]}
    expected = expected_overdue(date.fromisoformat(on))
    assert listed == expected
    assert result.exit_code == (1 if expected else 0)


def test_overdue_on_a_fixed_date_by_party(repo_root: Path) -> None:
    result = CliRunner().invoke(main, ["status", PLAN, "--on", "15.07.2026"])
    assert result.exit_code == 1
    out = result.stdout
    assert "Состояние исполнения на 15.07.2026" in out
    assert "просрочено — 2, срок в ближайшие 14 дн. — 0, выполнено — 3" in out
    assert "ЦОРП — МКУ ЦОРП КПО" in out
    assert "2.3. Диагностика уровня сформированности" in out and "(отметка «выполняется»)" in out
    assert "выполнено с нарушением срока 03.04.2026" in out


def test_due_soon_and_filters(repo_root: Path) -> None:
    data = json.loads(CliRunner().invoke(main, ["status", PLAN, "--on", "2026-06-20", "--days", "14", "--json"]).stdout)
    assert [(i["number"], i["due"]) for i in data["soon"]] == [("2.8", "2026-06-30")]
    only = json.loads(
        CliRunner()
        .invoke(main, ["status", PLAN, "--on", "2026-07-15", "--json", "--responsible", "ОУ", "--section", "2"])
        .stdout
    )
    assert {i["number"] for i in only["overdue"]} == {"2.8"}
    assert all("ОУ" in i["responsible"] for k in ("overdue", "soon", "done") for i in only[k])


def test_clean_plan_exits_zero(repo_root: Path) -> None:
    result = CliRunner().invoke(main, ["status", PLAN, "--on", "2026-02-01"])
    assert result.exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--responsible", "ЦОПР"], "ответственный «ЦОПР» не найден в справочнике"),
        (["--section", "9"], "в плане нет раздела 9"),
        (["--on", "31.02.2026"], "дата «31.02.2026» не распознана"),
    ],
)
def test_bad_options_are_usage_errors(repo_root: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["status", PLAN, *args])
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output


def test_validate_and_status_load_no_spreadsheet_calendar_or_plotting(repo_root: Path) -> None:
    import subprocess
    import sys

    heavy = ("openpyxl", "icalendar", "matplotlib", "docxtpl", "docx")
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from orderforge.cli import main\n"
        f"CliRunner().invoke(main, ['validate', {PLAN!r}])\n"
        f"CliRunner().invoke(main, ['status', {PLAN!r}, '--on', '2026-07-01'])\n"
        f"print(','.join(m for m in {heavy!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=repo_root, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""

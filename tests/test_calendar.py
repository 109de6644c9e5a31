"""orderforge calendar: the .ics parses back (icalendar) with one occurrence per dated deadline and recurrence."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from pathlib import Path

from click.testing import CliRunner
from dateutil.rrule import rrulestr
from icalendar import Calendar
from ruamel.yaml import YAML

from orderforge.cli import main

from .conftest import ROOT
from .oracles import MONTHS


def count_by_words(deadline: str, years: range) -> int:
    """Dated deadlines and occurrences of the gymnasium plan, from the words (independently of orderforge)."""
    low = deadline.lower()
    months = {n for stem, n in MONTHS.items() if re.search(rf"\b{stem}", low)}
    dated = re.search(r"\b\d{4}\b", low)
    if "ежегодно" in low:
        return len(years) * max(len(months), 1)
    if dated:
        return 1
    return len(years) * len(months)  # «март», «июль» with no year: every year of the plan


def activities(node: dict) -> list[dict]:
    found = list(node.get("activities") or [])
    for section in node.get("sections") or []:
        found += activities(section)
    return found


def occurrences_in(cal: Calendar) -> list[date]:
    days = []
    for event in cal.walk("VEVENT"):
        start = event.decoded("dtstart")
        if "RRULE" in event:
            rule = event["RRULE"].to_ical().decode()
            days += [d.date() for d in rrulestr(rule, dtstart=datetime.combine(start, time()))]
        else:
            days.append(start)
    return days


def test_gymnasium_calendar_has_every_dated_deadline_and_occurrence(repo_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    result = CliRunner().invoke(main, ["calendar", "plans/gymnasium1-2022.yaml", "-o", str(out)])
    assert result.exit_code == 0, result.output
    plan = YAML(typ="safe").load((ROOT / "plans/gymnasium1-2022.yaml").read_text(encoding="utf-8"))
    items = activities(plan["plan"])
    assert len(items) == 88
    expected = sum(count_by_words(str(a.get("deadline", "")), range(2022, 2025)) for a in items)
    cal = Calendar.from_ical(out.read_bytes())
    days = occurrences_in(cal)
    assert len(days) == expected
    assert all(date(2022, 1, 1) <= d <= date(2024, 12, 31) for d in days)
    for event in cal.walk("VEVENT"):
        alarms = event.walk("VALARM")
        assert len(alarms) == 1 and alarms[0].decoded("trigger") == timedelta(days=-7)
        assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(days=1)
        assert str(event["summary"])[0].isdigit()
    assert len({str(e["uid"]) for e in cal.walk("VEVENT")}) == len(cal.walk("VEVENT"))
    assert any("RRULE" in e for e in cal.walk("VEVENT"))


def test_calendar_for_one_party(repo_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "oy.ics"
    result = CliRunner().invoke(
        main, ["calendar", "plans/kaliningrad-committee-2026.yaml", "-o", str(out), "--responsible", "КлО"]
    )
    assert result.exit_code == 0, result.output
    cal = Calendar.from_ical(out.read_bytes())
    summaries = sorted(
        str(e["summary"]).split(".")[0] + "." + str(e["summary"]).split(".")[1] for e in cal.walk("VEVENT")
    )
    assert summaries == ["1.1", "1.2", "2.9"]
    recurring = [e for e in cal.walk("VEVENT") if "RRULE" in e]
    assert len(recurring) == 1 and recurring[0]["RRULE"]["BYMONTH"] == [12]


def test_unknown_party_and_unwritable_output(repo_root: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["calendar", "plans/kaliningrad-committee-2026.yaml", "-o", str(tmp_path / "x.ics"), "--responsible", "Кло"],
    )
    assert result.exit_code == 2 and "возможно, имелось в виду «КлО»" in result.stderr
    (tmp_path / "dir.ics").mkdir()
    result = CliRunner().invoke(
        main, ["calendar", "plans/kaliningrad-committee-2026.yaml", "-o", str(tmp_path / "dir.ics")]
    )
    assert result.exit_code == 2 and "Traceback" not in result.output

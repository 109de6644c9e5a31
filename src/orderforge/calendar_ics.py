"""``orderforge calendar``: every deadline of a plan as an iCalendar (RFC 5545) file.

One all-day event per activity on the day it falls due, with a reminder (VALARM)
a week before. A recurring deadline («ежегодно, в июне и декабре») is one event
with an RRULE when the rule reproduces exactly the occurrences of
:mod:`orderforge.schedule`, else one event per occurrence. Undated deadlines
(«постоянно», «по мере необходимости») have no day and no event. The
``icalendar`` package writes the file (it is imported only by this command);
the result opens in Thunderbird, Outlook and Яндекс Календарь.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from .planmodel import Plan, plain
from .planrows import Row, activity_rows
from .schedule import Occurrence, occurrences
from .typography import shorten

REMINDER_DAYS = 7


def build_calendar(plan: Plan, responsible: str | None = None, stamp: datetime | None = None) -> bytes:
    """The .ics bytes; ``responsible`` keeps one party's activities."""
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", "-//orderforge//Контроль исполнения//RU")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", shorten(" ".join(plan.plan.title), 80))
    stamp = stamp or datetime.now(timezone.utc).replace(microsecond=0)
    stem = Path(plan.source).stem
    for row in activity_rows(plan):
        assert row.activity is not None
        if responsible is not None and responsible not in {r.key for r in row.activity.responsible}:
            continue
        due = occurrences(row.activity.deadline, plan.plan.period)
        for index, (first, rule) in enumerate(_groups(due)):
            cal.add_component(_event(plan, row, first, rule, f"{stem}-{row.key}-{index}@orderforge", stamp))
    return bytes(cal.to_ical())


def _groups(due: list[Occurrence]) -> list[tuple[Occurrence, dict[str, Any] | None]]:
    """(first occurrence, RRULE or None) per event: one rule for the lot when it is exact."""
    if len(due) > 1:
        rule = _month_end_rule(due)
        if rule is not None:
            return [(due[0], rule)]
    return [(occurrence, None) for occurrence in due]


def _month_end_rule(due: list[Occurrence]) -> dict[str, Any] | None:
    """FREQ=YEARLY;BYMONTH=…;BYMONTHDAY=-1 when it gives exactly these month ends, else None."""
    from dateutil.rrule import YEARLY, rrule

    from .schedule import month_end

    if any(o.due != month_end(o.due.year, o.due.month) for o in due):
        return None
    months = sorted({o.due.month for o in due})
    until = due[-1].due
    expanded = [d.date() for d in rrule(YEARLY, dtstart=due[0].due, bymonth=months, bymonthday=-1, until=until)]
    if expanded != [o.due for o in due]:
        return None
    return {"freq": "yearly", "bymonth": months, "bymonthday": -1, "until": until}


def _event(plan: Plan, row: Row, first: Occurrence, rule: dict[str, Any] | None, uid: str, stamp: datetime) -> Any:
    from icalendar import Alarm, Event

    activity = row.activity
    assert activity is not None
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", f"{row.label}. {shorten(plain(activity.text), 120)}")
    event.add("dtstart", first.due)
    event.add("dtend", first.due + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("description", _description(plan, row))
    event.add("categories", [ref.key for ref in activity.responsible] or ["orderforge"])
    if rule is not None:
        event.add("rrule", rule)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Срок мероприятия {row.label}: {shorten(plain(activity.text), 60)}")
    alarm.add("trigger", timedelta(days=-REMINDER_DAYS))
    event.add_component(alarm)
    return event


def _description(plan: Plan, row: Row) -> str:
    activity = row.activity
    assert activity is not None
    lines = [plain(activity.text)]
    if activity.deadline is not None:
        lines.append(f"Срок по плану: {activity.deadline.text}")
    names = [_party(plan, ref.key) for ref in activity.responsible]
    if names:
        lines.append("Ответственные: " + "; ".join(names))
    return "\n".join(lines)


def _party(plan: Plan, key: str) -> str:
    party = plan.directory.parties.get(key)
    if party is not None:
        return party.name
    person = plan.directory.people.get(key)
    return person.short_name if person else key


def dated_count(plan: Plan, responsible: str | None = None) -> int:
    """How many days the plan's deadlines fall due on, occurrences counted one by one."""
    return sum(
        len(occurrences(r.activity.deadline, plan.plan.period))
        for r in activity_rows(plan)
        if r.activity and (responsible is None or responsible in {x.key for x in r.activity.responsible})
    )

"""``orderforge status``: what is overdue, what falls due soon, what is done — by responsible party.

A view of plan + records on one day. Every occurrence of every deadline is
classified with :func:`orderforge.records.outcome`; an item is listed under each
of its responsible parties. The exit code tells a scheduled job whether
anything is overdue (1) or all is clean (0).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .diagnostics import UserError, did_you_mean
from .planmodel import Plan, plain
from .planrows import Row
from .records import DONE, LATE, OVERDUE, POSTPONED, Execution, Record, outcome
from .schedule import Occurrence
from .typography import shorten

CATEGORIES = (("overdue", "просрочено"), ("soon", "срок в ближайшие {days} дн."), ("done", "выполнено"))


@dataclass
class Item:
    row: Row
    occurrence: Occurrence | None
    record: Record | None
    state: str

    @property
    def parties(self) -> list[str]:
        return [ref.key for ref in self.row.activity.responsible] if self.row.activity else []

    def to_json(self) -> dict[str, Any]:
        activity = self.row.activity
        assert activity is not None
        record = self.record
        return {
            "number": self.row.label,
            "id": activity.id,
            "section": self.row.section,
            "text": plain(activity.text),
            "deadline": activity.deadline.text if activity.deadline else None,
            "due": self.occurrence.due.isoformat() if self.occurrence else None,
            "occurrence": self.occurrence.key if self.occurrence else None,
            "state": self.state,
            "status": record.status if record else None,
            "done": record.done.isoformat() if record and record.done else None,
            "late": self.state == LATE,
            "responsible": [ref.key for ref in activity.responsible],
        }


@dataclass
class Status:
    on: date
    days: int
    plan: str
    records: str | None
    overdue: list[Item] = field(default_factory=list)
    soon: list[Item] = field(default_factory=list)
    done: list[Item] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.overdue else 0

    def to_json(self) -> dict[str, Any]:
        return {
            "plan": self.plan,
            "records": self.records,
            "on": self.on.isoformat(),
            "days": self.days,
            **{name: [item.to_json() for item in getattr(self, name)] for name, _ in CATEGORIES},
        }


def compute_status(
    execution: Execution, on: date, days: int = 14, responsible: str | None = None, section: int | None = None
) -> Status:
    """Classify every occurrence on ``on``; filters keep one party's or one top section's items."""
    _check_filters(execution, responsible, section)
    result = Status(on, days, execution.plan.source, execution.source)
    horizon = on + timedelta(days=days)
    for row in execution.rows:
        assert row.activity is not None
        if section is not None and row.section != section:
            continue
        if responsible is not None and responsible not in {ref.key for ref in row.activity.responsible}:
            continue
        for occurrence in execution.slots(row):
            item = Item(row, occurrence, execution.record(row, occurrence), "")
            item.state = outcome(execution, row, occurrence, on)
            _place(result, item, horizon)
    return result


def _place(result: Status, item: Item, horizon: date) -> None:
    if item.state == OVERDUE:
        result.overdue.append(item)
    elif item.state in (DONE, LATE):
        result.done.append(item)
    elif item.state != POSTPONED and item.occurrence is not None and item.occurrence.due <= horizon:
        result.soon.append(item)


def check_responsible(plan: Plan, responsible: str | None) -> None:
    """A filter by party names a code of the plan's directory (a typo gets «возможно, имелось в виду»)."""
    directory = plan.directory
    if responsible is not None and responsible not in directory.keys():
        raise UserError.simple(
            "OF720",
            responsible,
            f"ответственный «{responsible}» не найден в справочнике",
            did_you_mean(responsible, directory.keys()) or "коды: " + ", ".join(directory.keys()[:20]),
        )


def _check_filters(execution: Execution, responsible: str | None, section: int | None) -> None:
    check_responsible(execution.plan, responsible)
    count = len(execution.plan.plan.sections)
    if section is not None and not 1 <= section <= count:
        raise UserError.simple(
            "OF721",
            str(section),
            f"в плане нет раздела {section}",
            f"разделы плана: 1–{count}" if count else "в плане нет разделов",
        )


def format_status(status: Status, execution: Execution) -> str:
    """Plain text for the terminal or a mail: party by party, each with its three lists."""
    lines = [
        f"Состояние исполнения на {status.on:%d.%m.%Y}: {status.plan}"
        + (f" (сведения: {status.records})" if status.records else " (сведений о выполнении пока нет)")
    ]
    totals = ", ".join(f"{title.format(days=status.days)} — {len(getattr(status, name))}" for name, title in CATEGORIES)
    lines.append(totals)
    for party in _parties(status, execution):
        lines.append("")
        lines.append(_party_name(party, execution))
        for name, title in CATEGORIES:
            items = [i for i in getattr(status, name) if party in i.parties]
            if items:
                lines.append(f"  {title.format(days=status.days)}:")
                lines.extend(f"    {_item_line(item)}" for item in items)
    return "\n".join(lines)


def _parties(status: Status, execution: Execution) -> list[str]:
    seen: dict[str, None] = {}
    for name, _ in CATEGORIES:
        for item in getattr(status, name):
            for key in item.parties:
                seen.setdefault(key, None)
    return list(seen)


def _party_name(key: str, execution: Execution) -> str:
    party = execution.plan.directory.parties.get(key)
    if party is not None:
        return f"{key} — {party.name}"
    person = execution.plan.directory.people.get(key)
    return f"{key} — {person.short_name}" if person else key


def _item_line(item: Item) -> str:
    activity = item.row.activity
    assert activity is not None
    due = f"срок {item.occurrence.due:%d.%m.%Y}" if item.occurrence else "без срока"
    mark = item.state
    if item.state == OVERDUE and item.record is not None:
        mark += f" (отметка «{item.record.status}»)"
    if item.record is not None and item.record.done:
        mark += f" {item.record.done:%d.%m.%Y}"
    return f"{item.row.label}. {shorten(plain(activity.text), 70)} — {due}; {mark}"

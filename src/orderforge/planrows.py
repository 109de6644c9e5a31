"""The plan as numbered rows: what execution control walks through.

Status lists, the report, the spreadsheet and the calendar all name an
activity by its printed number («2.3») and its id, and group by top section.
The numbering is the one the document prints (:mod:`orderforge.resolve`):
top-level activities 1, 2, …; sections 1, 2, …; inside a section its
activities first, then its subsections numbered on after them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .planmodel import Activity, Plan, Section


@dataclass(frozen=True)
class Row:
    """A section heading (``activity`` None) or an activity, with its number parts and top section."""

    number: tuple[int, ...]
    section: int | None  # the top section's number; None for activities above the first section
    activity: Activity | None = None
    heading: Section | None = None

    @property
    def label(self) -> str:
        """«2.3» — the number without the style's trailing dot, as records and messages write it."""
        return ".".join(str(n) for n in self.number)

    @property
    def key(self) -> str:
        """How records refer to the activity: its id, else its number."""
        assert self.activity is not None
        return self.activity.id or self.label


def plan_rows(plan: Plan) -> Iterator[Row]:
    """Section headings and activities in document order."""
    for n, activity in enumerate(plan.plan.activities, start=1):
        yield Row((n,), None, activity)
    for n, section in enumerate(plan.plan.sections, start=1):
        yield from _section_rows(section, (n,), n)


def _section_rows(section: Section, number: tuple[int, ...], top: int) -> Iterator[Row]:
    yield Row(number, top, heading=section)
    for n, activity in enumerate(section.activities, start=1):
        yield Row((*number, n), top, activity)
    for n, sub in enumerate(section.sections, start=len(section.activities) + 1):
        yield from _section_rows(sub, (*number, n), top)


def activity_rows(plan: Plan) -> list[Row]:
    return [row for row in plan_rows(plan) if row.activity is not None]


def find_row(rows: list[Row], key: str) -> Row | None:
    """The activity a record names: by id, or by number written «2.3» or «2.3.»."""
    key = key.strip()
    for row in rows:
        if row.activity is not None and row.activity.id == key:
            return row
    number = key.rstrip(".")
    return next((row for row in rows if row.label == number), None)


def section_titles(plan: Plan) -> dict[int, str]:
    """Top section number → its title (for grouping and the chart)."""
    return {n: section.title for n, section in enumerate(plan.plan.sections, start=1)}

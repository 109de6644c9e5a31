"""Moving a deadline to another year (rollover): :func:`shift_deadline`, :func:`mentions_year`."""

from __future__ import annotations

from datetime import date

from ..slotted import replace
from .render import render_deadline
from .value import Deadline, DeadlineStyle
from .words import _YEAR_IN_TEXT, AS_WRITTEN


def shift_deadline(d: Deadline, years: int) -> Deadline:
    """Move every year the deadline names (next year's plan); undated kinds are returned as is.

    29 February becomes 28 February in a common year. The text is regenerated
    in the clerk's own manner (case and year suffix as written), so messages
    about the shifted plan quote the new year.
    """
    if years == 0 or d.span() is None:
        return d
    moved = replace(
        d,
        months=tuple((y + years if y is not None else None, m) for y, m in d.months),
        day=_shift_day(d.day, years) if d.day else None,
        last_day=_shift_day(d.last_day, years) if d.last_day else None,
        year=d.year + years if d.year is not None else None,
        last_year=d.last_year + years if d.last_year is not None else None,
    )
    return replace(moved, text=render_deadline(moved, DeadlineStyle(AS_WRITTEN, " – ", AS_WRITTEN)))


def _shift_day(day: date, years: int) -> date:
    """The same day ``years`` later; 29 February becomes 28 in a common year (calendar is not imported for
    it: :func:`orderforge.deadline.value.days_in_month`)."""
    from .value import days_in_month

    year = day.year + years
    return date(year, day.month, min(day.day, days_in_month(year, day.month)))


def mentions_year(d: Deadline) -> bool:
    """True when a year sits in words that :func:`shift_deadline` cannot move.

    That is a «free» phrase («к 1 сентября 2026 г.») or the verbatim wording of
    a phrase or note («по плану на 2026 год»): on rollover the caller warns.
    """
    verbatim = [d.text] if d.kind == "free" else [d.wording, *d.notes]
    return any(_YEAR_IN_TEXT.search(part) for part in verbatim)

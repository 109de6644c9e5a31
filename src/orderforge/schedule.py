"""When an activity falls due: the dated occurrences of its deadline within the plan period.

Execution control (status, the report, the monitoring spreadsheet, the calendar)
needs dates, while a plan holds phrases. The deadline package already turns a
phrase into a structured value; this module only answers «by which day, and how
many times». The rules (documented for clerks in docs/execution.md):

* A deadline with a span («до 31.05.2026», «апрель – май 2026 г.», «II квартал
  2026 г.», «2026 год», «2025-2026 учебный год») falls due once, on the span's
  last day.
* A list of months («январь, май 2026 г.») falls due once per month; a month or a
  range of months with no year («Январь, май», «Май-август») each time the plan
  period holds it (once in a school-year plan).
* «ежегодно, в июне и декабре» falls due at the end of each named month of each
  year of the plan period; plain «ежегодно» at the end of each calendar year of a
  calendar period, or once at the end of a school-year period.
* «ежемесячно», «ежеквартально», «1 раз в полугодие» fall due at the end of each
  month, quarter or half-year of the period.
* Undated phrases («постоянно», «по мере необходимости», «по запросу», «в течение
  года», «еженедельно») and a phrase not understood never fall due: they have
  no occurrence, and their records need none.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from .deadline import Deadline
from .planmodel import Period

_MONTHS_RU = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)


@dataclass(frozen=True, order=True)
class Occurrence:
    """One time an activity falls due: ``due`` is the last day, ``start`` the first day it refers to."""

    due: date
    start: date

    @property
    def key(self) -> str:
        """How a record names it: the month «2026-06», or the day when the span is shorter than a month."""
        if self.start.day == 1 and self.due == month_end(self.due.year, self.due.month):
            return f"{self.due.year:04d}-{self.due.month:02d}"
        return self.due.isoformat()

    @property
    def label(self) -> str:
        """For people: «июнь 2026» or «31.05.2026»."""
        if len(self.key) == 7:
            return f"{_MONTHS_RU[self.due.month - 1]} {self.due.year}"
        return self.due.strftime("%d.%m.%Y")


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month(year: int, month: int) -> Occurrence:
    return Occurrence(month_end(year, month), date(year, month, 1))


def _period_months(period: Period) -> list[tuple[int, int]]:
    months = []
    year, month = period.start.year, period.start.month
    while date(year, month, 1) <= period.end:
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _every(period: Period | None, months: set[int]) -> list[Occurrence]:
    if period is None:
        return []
    return [_month(y, m) for y, m in _period_months(period) if m in months]


def _annual(deadline: Deadline, period: Period | None) -> list[Occurrence]:
    if period is None:
        return []
    months = {m for _, m in deadline.months}
    if months:
        return _every(period, months)
    if period.school_year:
        return [Occurrence(period.end, period.start)]
    return [Occurrence(date(y, 12, 31), date(y, 1, 1)) for y in range(period.first_year, period.last_year + 1)]


def _listed_months(deadline: Deadline, period: Period | None) -> list[Occurrence]:
    """Dated months as written; a month with no year («Январь, май» in a school-year plan) each time the
    period has it."""
    dated = [_month(y, m) for y, m in deadline.months if y is not None]
    yearless = {m for y, m in deadline.months if y is None}
    return dated + _every(period, yearless) if yearless else dated


def _range(deadline: Deadline, period: Period | None) -> list[Occurrence]:
    """«апрель – май 2026 г.» once; «Май-август» with no year each time the period holds the whole range."""
    if deadline.span() is not None or period is None:
        return _spanned(deadline, period)
    (_, first), (_, last) = deadline.months[0], deadline.months[-1]
    found = []
    for year, month in _period_months(period):
        start = date(year if first <= last else year - 1, first, 1)
        if month == last and start >= period.start:
            found.append(Occurrence(month_end(year, month), start))
    return found


def _spanned(deadline: Deadline, period: Period | None) -> list[Occurrence]:
    span = deadline.span()
    return [Occurrence(span[1], span[0])] if span else []


_PHRASE_MONTHS = {"monthly": set(range(1, 13)), "quarterly": {3, 6, 9, 12}, "half_yearly": {6, 12}}


def _phrase(deadline: Deadline, period: Period | None) -> list[Occurrence]:
    months = _PHRASE_MONTHS.get(deadline.phrase)
    return _every(period, months) if months else []


_RULES: dict[str, Callable[[Deadline, Period | None], list[Occurrence]]] = {
    "annual": _annual,
    "months": _listed_months,
    "range": _range,
    "phrase": _phrase,
    "free": lambda d, p: [],
}


def occurrences(deadline: Deadline | None, period: Period | None) -> list[Occurrence]:
    """Every time the deadline falls due, in date order; empty for an undated or unknown deadline."""
    if deadline is None:
        return []
    found = _RULES.get(deadline.kind, _spanned)(deadline, period)
    return sorted(set(found))


def occurrence_named(text: str, due: list[Occurrence]) -> Occurrence | None:
    """The occurrence a record or a spreadsheet row names: by its key («2026-06») or its due day."""
    return next((o for o in due if text in (o.key, o.due.isoformat())), None)


def recurring(deadline: Deadline | None) -> bool:
    """A deadline that repeats by its nature («ежегодно», «ежеквартально»), however many times it falls due."""
    return deadline is not None and (
        deadline.kind == "annual" or (deadline.kind == "phrase" and deadline.phrase in _PHRASE_MONTHS)
    )

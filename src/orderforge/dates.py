"""Calendar dates as a plan, an order and an imported Word file write them — one reading for all.

Three places read dates: the plan schema (``date:`` fields, :class:`orderforge.valuetypes.DateT`),
``orderforge amend --date`` and the importer, which finds the order's date inside a line of an old
Word file («от «11» февраля 2026 г.»). They share the forms, the check that the day exists and the
years a plan can name, so a date one of them accepts is a date the others accept too.
"""

from __future__ import annotations

import re
from datetime import date

from .diagnostics import UserError
from .lazyre import LazyPattern, precompiled

#: The years a plan can name, in dates, deadlines, periods and ``--year``.
#:
#: One range for all of them, because a year that one step accepts must not be refused by the next:
#: ``init --year`` and ``new --year`` write a plan that ``validate`` then reads, and a date that
#: ``import`` takes from a Word file becomes a plan's ``date:``. Outside it a year is a typo — «0000»,
#: «0202», «20266» cut to four digits — and year 0 is not even a date Python can hold, so such a
#: value must never reach date arithmetic. It is wide on both sides on purpose: orders cite
#: documents of the 1990s, and a plan may name a year far ahead; 2199 is the last year whose school
#: year («2199/2200») still ends inside it — it is refused, so every period ends within the range.
YEARS = range(1900, 2200)

#: Month names as a date writes them: «11 февраля 2026».
MONTHS_GENITIVE = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                   "октября", "ноября", "декабря")

#: The two forms a plan and ``--date`` accept, and what the hint of every date error shows.
FORMS_HINT = "запишите дату как 2026-02-11 или 11.02.2026"
JSON_PATTERN = r"^(\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})$"

_ISO = precompiled(r"^(\d{4})-(\d{2})-(\d{2})$")
_RU = precompiled(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
# inside free text (an imported order's heading): «11.02.2026», «11» февраля 2026 г., «11» 02 2026
_IN_TEXT_DOTS = LazyPattern(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)")
_IN_TEXT_WORDS = LazyPattern(
    r"(?<!\d)[«\"“„]?\s*(\d{1,2})\s*[»\"”]?\s*[.\s]\s*(\d{1,2}|[а-яё]+)\s*[.\s]\s*(\d{4})(?!\d)", re.I)


class DateError(ValueError):
    """A value that is not a plan date: a Russian message and a hint, for whichever code the caller reports."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def year_problem(year: int) -> tuple[str, str] | None:
    """Why a year is not a plan year (message tail, hint), or None when it is within :data:`YEARS`."""
    if year in YEARS:
        return None
    return (f"год {year:04d} — не год плана", f"годы плана — от {YEARS.start} до {YEARS.stop - 1}: проверьте год")


def parse_date(value: str) -> date:
    """A date written as 2026-02-11 or 11.02.2026 (spaces around allowed); raises :class:`DateError`.

    The day must exist and its year be a plan year (:data:`YEARS`)."""
    text = value.strip()
    iso, ru = _ISO.match(text), _RU.match(text)
    parts = ((iso.group(1), iso.group(2), iso.group(3)) if iso
             else (ru.group(3), ru.group(2), ru.group(1)) if ru else None)
    if parts is None:
        raise DateError(f"«{text}» — не дата", FORMS_HINT)
    try:
        day = date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise DateError(f"даты «{text}» не существует", "проверьте число и месяц") from None
    problem = year_problem(day.year)
    if problem:
        raise DateError(f"дата «{text}»: {problem[0]}", problem[1])
    return day


def date_option(text: str, code: str = "OF646") -> date:
    """A date given on the command line (``amend --date``); a usage error (exit 2) when it is not one."""
    try:
        return parse_date(text)
    except DateError as exc:
        message = f"дата «{text}» не распознана" if exc.hint == FORMS_HINT else exc.message
        raise UserError.simple(code, text, message, exc.hint) from None


def find_date(text: str) -> date | None:
    """The first real date inside free text — «от «11» 02 2026 г.», «29» декабря 2023 года, «11.02.2026» —
    or None when there is none. Days that do not exist and years outside :data:`YEARS` are skipped."""
    for m in _IN_TEXT_DOTS.finditer(text):
        found = _calendar_date(m.group(3), m.group(2), m.group(1))
        if found:
            return found
    for m in _IN_TEXT_WORDS.finditer(text):
        month = m.group(2).lower()
        number = month if month.isdigit() else str(MONTHS_GENITIVE.index(month) + 1 if month in MONTHS_GENITIVE else 0)
        found = _calendar_date(m.group(3), number, m.group(1))
        if found:
            return found
    return None


def find_date_end(text: str) -> int:
    """Where the first date-like text ends (0 when there is none): an order's number follows it."""
    found = [m.end() for rx in (_IN_TEXT_DOTS, _IN_TEXT_WORDS) for m in [rx.search(text)] if m]
    return min(found) if found else 0


def _calendar_date(year: str, month: str, day: str) -> date | None:
    try:
        found = date(int(year), int(month), int(day))
    except ValueError:
        return None
    return found if found.year in YEARS else None

"""How years move in a plan's texts: the plan years in a phrase, the period's mentions, a deadline; and by how
many years ``new --from`` moves them (:func:`compute_shift`, the clerk's --year or --shift checked).

The rollover (:mod:`orderforge.rollover`) applies these to last year's plan, and its warnings
(:mod:`orderforge.rolloverwarn`) use them to see the new plan through the old one; kept apart from the
tree editing of the rollover because they are pure functions of a text and a shift.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .dates import YEARS
from .diagnostics import UserError

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs new --from's start-up (issue 12)
    from typing import Any

    from .planmodel import Period

_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def shift_years(text: str, shift: int) -> str:
    """Every four-digit plan year (:data:`orderforge.dates.YEARS`) in the text moved by ``shift``."""
    return _YEAR.sub(lambda m: str(int(m[1]) + shift) if int(m[1]) in YEARS else m[0], text)


def period_pattern(period: Period) -> re.Pattern[str]:
    """How the plan period appears in running text: «2026-2028», «2025/2026», «2026 год»."""
    return _period_pattern(period.first_year, period.last_year)


@lru_cache(maxsize=64)
def _period_pattern(first: int, last: int) -> re.Pattern[str]:
    """Remembered: it is asked for every text of a plan, twice (the rollover, then its warnings)."""
    if first != last:
        return re.compile(rf"(?<!\d){first}(\s*[-–—/]\s*){last}(?!\d)")
    return re.compile(rf"(?<![\d.]){first}(?=\s*(?:год|гг?\.|г\b))")


def shift_period_mentions(text: str, period: Period, shift: int) -> str:
    """The period's mentions (:func:`period_pattern`) moved by ``shift``; a text without the period's first
    year, as most are, is not searched (every mention starts with it)."""
    if str(period.first_year) not in text:
        return text
    first, last = period.first_year + shift, period.last_year + shift
    return period_pattern(period).sub(lambda m: f"{first}{m[1]}{last}" if m.lastindex else str(first), text)


def essence(deadline: Any) -> dict[str, Any]:
    """What a deadline means, without the words it is written in: two are the same deadline when equal."""
    return {k: v for k, v in deadline.to_data().items() if k != "text"}


@lru_cache(maxsize=4096)
def shift_deadline_text(text: str, shift: int) -> tuple[str, str]:
    """A deadline phrase moved by ``shift`` years → (new text, "moved" | "kept" | "free").

    The years are replaced where the clerk wrote them; if the result does not
    parse to exactly the shifted deadline, the deadline module renders it.
    Remembered: a plan repeats a few dozen phrases over hundreds of activities, and the
    answer depends on nothing else.
    """
    from .deadline import parse_deadline, shift_deadline

    deadline = parse_deadline(text)
    if deadline.span() is None:
        return text, "kept" if deadline.known else "free"
    moved = shift_deadline(deadline, shift)
    candidate = shift_years(text, shift)
    if essence(parse_deadline(candidate)) == essence(moved):
        return candidate, "moved"
    return moved.text, "moved"


def plural_years(n: int) -> str:
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return f"{n} год"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return f"{n} года"
    return f"{n} лет"


def compute_shift(period: Period | None, year: int | None, shift: int | None, source: str) -> int:
    if year is not None and shift is not None:
        raise UserError.simple("OF612", source, "укажите что-то одно: --year или --shift",
                               "--year 2027 — новый первый год периода; --shift 1 — на сколько лет сдвинуть")
    if year is not None:
        if period is None:
            raise UserError.simple("OF613", source,
                                   "в плане не указан период (plan: period:), --year не от чего считать",
                                   "укажите сдвиг в годах: --shift 1")
        shift = year - period.first_year
    if shift is None:
        shift = 1
    if shift < 1:
        raise UserError.simple("OF614", source,
                               f"новый план должен быть позже старого, а сдвиг получился {shift}",
                               f"период старого плана начинается в {period.first_year} году" if period else "")
    _check_range(period, shift, source)
    return shift


MAX_SHIFT = 100  # a plan is rolled over a year or a few, never a century


def _check_range(period: Period | None, shift: int, source: str) -> None:
    """A typo like ``--year 99999`` must be a Russian error, not a date overflow deep in the rollover.
    The new period must end within the years a plan can name (:data:`orderforge.dates.YEARS`)."""
    last = period.last_year + shift if period else None
    if shift <= MAX_SHIFT and (last is None or last < YEARS.stop):
        return
    got = f"сдвиг на {plural_years(shift)}" if shift > MAX_SHIFT else f"период нового плана закончился бы в {last} году"
    raise UserError.simple("OF614", source, f"год вне допустимых пределов: {got}",
                           f"--year — четырёхзначный первый год нового периода (например, "
                           f"{period.first_year + 1 if period else 2027}); --shift — сдвиг в годах, "
                           f"не больше {MAX_SHIFT} (обычно 1)")

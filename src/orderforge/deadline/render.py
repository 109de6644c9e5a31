"""Printing a deadline in the house style: :func:`render_deadline`.

One renderer per kind (:data:`_RENDERERS`) writes the body with the year
suffix and dash of the resolved style (:class:`_Ctx`); the first letter is set
last, by the style's ``capitalize`` or, «as written», by the clerk's own text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from .model import Deadline, DeadlineStyle, MonthRef
from .words import (
    _GEN,
    _NOM,
    _PART_WORD,
    _PREP,
    _ROMAN,
    _SUFFIX_WRITTEN,
    _YEAR_IN_TEXT,
    _YEAR_SUFFIXES,
    AS_WRITTEN,
)

_SUFFIX_IN_TEXT = re.compile(r"\d{4}\s*(годов|годы|года|год|гг|г)\b")


# --------------------------------------------------------------------------- rendering


@dataclass(frozen=True)
class _Ctx:
    """Resolved style: the year-suffix forms and the dash."""

    suffix: tuple[str, str, str, str]
    dash: str

    def year(self, year: int, governed: bool = True) -> str:
        """«2026 г.»; ``governed`` after a month, a day or «в течение» («2026 года»)."""
        word = self.suffix[1 if governed else 0]
        return f"{year} {word}" if word else str(year)

    def years(self, first: int, last: int, governed: bool) -> str:
        word = self.suffix[3 if governed else 2]
        dash = self.dash.strip() or "–"
        return f"{first}{dash}{last} {word}" if word else f"{first}{dash}{last}"


def render_deadline(d: Deadline, style: DeadlineStyle = DeadlineStyle()) -> str:
    """Print a deadline in the house style; «free» text comes back as written."""
    if d.kind == "free":
        return d.text
    body = _RENDERERS[d.kind](d, _Ctx(_YEAR_SUFFIXES[_suffix_for(d, style)], style.range_dash))
    return _apply_case(body, d, style.capitalize)


def _suffix_for(d: Deadline, style: DeadlineStyle) -> str:
    """The style's suffix, or for ``as_written`` the one after the clerk's last year."""
    if style.year_suffix != AS_WRITTEN:
        return style.year_suffix
    found = _SUFFIX_IN_TEXT.findall(d.text.lower())
    if found:
        return _SUFFIX_WRITTEN[found[-1]]
    return "" if _YEAR_IN_TEXT.search(d.text) else "г."


def _apply_case(body: str, d: Deadline, mode: str) -> str:
    """Set the first letter; numerals («2026 г.», «II полугодие») are left alone."""
    if not body[:1].isalpha() or d.kind in _PART_WORD:
        return body
    upper = mode == "upper" or (mode == AS_WRITTEN and _written_upper(d.text))
    return (body[0].upper() if upper else body[0].lower()) + body[1:]


def _written_upper(text: str) -> bool:
    first = next((c for c in text if c.isalnum()), "")
    return first.isupper()


def _render_day(d: Deadline, ctx: _Ctx) -> str:
    day = d.day
    assert day is not None
    if d.numeric:
        return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"
    return f"{day.day} {_GEN[day.month]} {ctx.year(day.year)}"


def _render_until(d: Deadline, ctx: _Ctx) -> str:
    if d.day is not None:
        return "до " + _render_day(d, ctx)
    year, month = d.months[0]
    return f"до {_GEN[month]}" + (f" {ctx.year(year)}" if year is not None else "")


def _render_months(d: Deadline, ctx: _Ctx) -> str:
    """Consecutive months of one year share it: «январь, май 2026 г.»."""
    parts = []
    for i, ((year, month), note) in enumerate(zip(d.months, d.notes)):
        part = _NOM[month]
        following = d.months[i + 1][0] if i + 1 < len(d.months) else None
        if year is not None and following != year:
            part += " " + ctx.year(year)
        parts.append(part + (f" ({note})" if note else ""))
    return ", ".join(parts)


def _render_range(d: Deadline, ctx: _Ctx) -> str:
    (y1, m1), (y2, m2) = d.months
    if y1 is None or y2 is None:
        return f"{_NOM[m1]}{ctx.dash}{_NOM[m2]}"
    start = _NOM[m1] if y1 == y2 else f"{_NOM[m1]} {y1}"
    return f"{start}{ctx.dash}{_NOM[m2]} {ctx.year(y2)}"


def _render_part(d: Deadline, ctx: _Ctx) -> str:
    assert d.part is not None
    numeral = _ROMAN[d.part] if d.roman else str(d.part)
    text = f"{numeral} {_PART_WORD[d.kind]}"
    return text if d.year is None else f"{text} {ctx.year(d.year)}"


def _render_year(d: Deadline, ctx: _Ctx) -> str:
    assert d.year is not None
    return ("в течение " if d.during else "") + ctx.year(d.year, governed=d.during)


def _render_years(d: Deadline, ctx: _Ctx) -> str:
    assert d.year is not None and d.last_year is not None
    return ("в течение " if d.during else "") + ctx.years(d.year, d.last_year, governed=d.during)


def _render_annual(d: Deadline, ctx: _Ctx) -> str:
    """Keep the clerk's order and case: «ежегодно, в июне и декабре» / «Май, декабрь ежегодно»."""
    comma = "," if d.comma else ""
    if d.wording:
        return f"ежегодно{comma} {d.wording}"
    if not d.months:
        return "ежегодно"
    listed = _prep_list(d.months) if d.prepositional else ", ".join(_NOM[m] for _, m in d.months)
    return f"{listed}{comma} ежегодно" if d.months_first else f"ежегодно{comma} {listed}"


def _prep_list(months: tuple[MonthRef, ...]) -> str:
    names = [_PREP[m] for _, m in months]
    return "в " + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " и " + names[-1])


_RENDERERS: dict[str, Callable[[Deadline, _Ctx], str]] = {
    "date": _render_day, "until": _render_until, "months": _render_months, "range": _render_range,
    "half": _render_part, "quarter": _render_part, "year": _render_year, "years": _render_years,
    "annual": _render_annual, "phrase": lambda d, ctx: d.wording,
}

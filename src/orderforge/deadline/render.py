"""Printing a deadline in the house style: :func:`render_deadline`.

One renderer per kind (:data:`_RENDERERS`) writes the body with the year
suffix and dash of the resolved style (:class:`_Ctx`); the first letter is set
last, by the style's ``capitalize`` or, «as written», by the clerk's own text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from .model import Deadline, DeadlineStyle, MonthRef
from .words import (
    _GEN,
    _NOM,
    _PART_FORMS,
    _PART_WORD,
    _PREP,
    _ROMAN,
    _SCHOOL_YEAR_WORDS,
    _SUFFIX_WRITTEN,
    _YEAR_IN_TEXT,
    _YEAR_SUFFIXES,
    AS_WRITTEN,
)

_SUFFIX_IN_TEXT = re.compile(r"\d{4}\s*(годов|годах|годы|года|году|год|гг|г)\b")


# --------------------------------------------------------------------------- rendering


@dataclass(frozen=True)
class _Ctx:
    """Resolved style: the year-suffix forms and the dash."""

    suffix: tuple[str, str, str, str, str, str]
    dash: str

    def year(self, year: int, governed: bool = True, prepositional: bool = False) -> str:
        """«2026 г.»; ``governed`` after a month, a day or «в течение» («2026 года»); «в 2026 году»."""
        word = self.suffix[4 if prepositional else 1 if governed else 0]
        return f"{year} {word}" if word else str(year)

    def years(self, first: int, last: int, governed: bool, prepositional: bool = False) -> str:
        word = self.suffix[5 if prepositional else 3 if governed else 2]
        return f"{self.numbers(first, last)} {word}" if word else self.numbers(first, last)

    def numbers(self, first: int, last: int) -> str:
        """Numbers take the style's dash without its spaces: «2026–2027»."""
        return f"{first}{self.dash.strip() or '–'}{last}"


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
    roman_first = d.kind in _PART_WORD and not (d.during or d.prepositional)
    if not body[:1].isalpha() or roman_first:
        return body
    upper = mode == "upper" or (mode == AS_WRITTEN and _written_upper(d.text))
    return (body[0].upper() if upper else body[0].lower()) + body[1:]


def _written_upper(text: str) -> bool:
    first = next((c for c in text if c.isalnum()), "")
    return first.isupper()


def _render_day(d: Deadline, ctx: _Ctx) -> str:
    assert d.day is not None
    return _day_text(d.day, d.numeric, ctx)


def _day_text(day: date, numeric: bool, ctx: _Ctx) -> str:
    if numeric:
        return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"
    return f"{day.day} {_GEN[day.month]} {ctx.year(day.year)}"


def _render_until(d: Deadline, ctx: _Ctx) -> str:
    word = "не позднее" if d.not_later else "до"
    if d.day is not None:
        return f"{word} {_render_day(d, ctx)}"
    year, month = d.months[0]
    return f"{word} {_GEN[month]}" + (f" {ctx.year(year)}" if year is not None else "")


def _render_dates(d: Deadline, ctx: _Ctx) -> str:
    """«01.09.2025 – 30.09.2025»; in words one year is named once, as in a month range."""
    first, last = d.day, d.last_day
    assert first is not None and last is not None
    end = _day_text(last, d.numeric, ctx)
    if d.numeric:
        start = _day_text(first, True, ctx)
    else:
        start = f"{first.day} {_GEN[first.month]}" + (f" {first.year}" if first.year != last.year else "")
    return f"с {start} по {end}" if d.prepositions else f"{start}{ctx.dash}{end}"


def _governing(d: Deadline) -> str:
    """The words before a governed year, quarter or school year; «во II полугодии» is read «во втором»."""
    if d.during:
        return "в течение "
    if d.prepositional:
        return "во " if d.kind in _PART_WORD and d.part == 2 else "в "
    return ""


def _render_months(d: Deadline, ctx: _Ctx) -> str:
    """Consecutive months of one year share it: «январь, май 2026 г.»."""
    parts = []
    for i, ((year, month), note) in enumerate(zip(d.months, d.notes, strict=False)):
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


def _case_index(d: Deadline) -> int:
    """Index into the nominative / genitive / prepositional tables of words."""
    return 1 if d.during else 2 if d.prepositional else 0


def _render_part(d: Deadline, ctx: _Ctx) -> str:
    assert d.part is not None
    numeral = _ROMAN[d.part] if d.roman else str(d.part)
    text = f"{_governing(d)}{numeral} {_PART_FORMS[d.kind][_case_index(d)]}"
    return text if d.year is None else f"{text} {ctx.year(d.year)}"


def _render_year(d: Deadline, ctx: _Ctx) -> str:
    assert d.year is not None
    return _governing(d) + ctx.year(d.year, governed=d.during, prepositional=d.prepositional)


def _render_years(d: Deadline, ctx: _Ctx) -> str:
    assert d.year is not None and d.last_year is not None
    return _governing(d) + ctx.years(d.year, d.last_year, governed=d.during, prepositional=d.prepositional)


def _render_school_year(d: Deadline, ctx: _Ctx) -> str:
    """«2025–2026 учебный год»: the slash and «уч.» as written; no year suffix applies."""
    assert d.year is not None and d.last_year is not None
    numbers = f"{d.year}/{d.last_year}" if d.slash else ctx.numbers(d.year, d.last_year)
    return f"{_governing(d)}{numbers} {_SCHOOL_YEAR_WORDS[d.short][_case_index(d)]}"


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
    "date": _render_day, "until": _render_until, "dates": _render_dates, "months": _render_months,
    "range": _render_range, "half": _render_part, "quarter": _render_part, "year": _render_year,
    "years": _render_years, "school_year": _render_school_year, "annual": _render_annual, "phrase": lambda d, ctx: d.wording,
}

"""Printing a deadline in the house style: :func:`render_deadline`.

One renderer per kind (:data:`_RENDERERS`) writes the body with the year
suffix and dash of the resolved style (:class:`_Ctx`); the first letter is set
last, by the style's ``capitalize`` or, «as written», by the clerk's own text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ..lazyre import LazyPattern
from ..slotted import FrozenSlotted
from .value import Deadline, DeadlineStyle, MonthRef
from .words import (
    _GEN,
    _NOM,
    _ORDINAL_WORDS,
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

_SUFFIX_IN_TEXT = LazyPattern(r"\d{4}\s*(годов|годах|годы|года|году|год|гг|г)\b")


# --------------------------------------------------------------------------- rendering


class _Ctx(FrozenSlotted):
    """Resolved style: the year-suffix forms and the dash."""

    __slots__ = ("suffix", "dash")
    suffix: tuple[str, str, str, str, str, str]
    dash: str

    def __init__(self, suffix: tuple[str, str, str, str, str, str], dash: str) -> None:
        object.__setattr__(self, "suffix", suffix)
        object.__setattr__(self, "dash", dash)

    def year(self, year: int, governed: bool = True, prepositional: bool = False) -> str:
        """«2026 г.»; ``governed`` after a month, a day or «в течение» («2026 года»); «в 2026 году»."""
        word = self.suffix[4 if prepositional else 1 if governed else 0]
        return f"{year} {word}" if word else str(year)

    def years(self, first: int, last: int, governed: bool, prepositional: bool = False) -> str:
        word = self.suffix[5 if prepositional else 3 if governed else 2]
        return f"{self.numbers(first, last)} {word}" if word else self.numbers(first, last)

    @staticmethod
    def numbers(first: int, last: int) -> str:
        """One form for a range of numbers whatever the style's dash: an en dash, no spaces — «2026–2027».

        The style's ``range_dash`` separates words («апрель – май»); Russian typography sets a
        numeric range with a closed-up en dash, and a clerk's search for «2026–2027» must find it.
        """
        return f"{first}–{last}"


_DEFAULT_STYLE = DeadlineStyle()  # frozen: one shared default is safe


def render_deadline(d: Deadline, style: DeadlineStyle = _DEFAULT_STYLE) -> str:
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
    """Set the first letter; numerals («2026 г.», «II полугодие») are left alone, words («Первое …») are not."""
    roman_first = d.kind in _PART_WORD and not (d.during or d.prepositional or d.spelled)
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
    word = "не позднее" if d.not_later else "к" if d.by else "до"
    if d.day is not None:
        return f"{word} {_render_day(d, ctx)}"
    if not d.months:
        assert d.year is not None
        return f"{word} {'конца ' if d.end else ''}{ctx.year(d.year)}"
    year, month = d.months[0]
    return f"{word} {_GEN[month]}" + (f" {ctx.year(year)}" if year is not None else "")


def _render_dates(d: Deadline, ctx: _Ctx) -> str:
    """«01.09.2025 – 30.09.2025»; in words a shared year is named once, as in a month range.

    ``compact`` names the start by its day alone: «с 1 по 10 сентября 2026 г.», and with a
    dash, as numbers are set, «1–10 сентября 2026 г.», «20–24.04.2027».
    """
    first, last = d.day, d.last_day
    assert first is not None and last is not None
    end = _day_text(last, d.numeric, ctx)
    if d.compact and (first.year, first.month) == (last.year, last.month):
        return f"с {first.day} по {end}" if d.prepositions else f"{first.day}–{end}"
    if d.numeric:
        start = _day_text(first, True, ctx)
    else:
        start = f"{first.day} {_GEN[first.month]}" + (f" {ctx.year(first.year)}" if first.year != last.year else "")
    return f"с {start} по {end}" if d.prepositions else f"{start}{ctx.dash}{end}"


def _governing(d: Deadline) -> str:
    """The words before a governed year, quarter or school year; «во II полугодии» is read «во втором»."""
    if d.during:
        return "в течение "
    if d.prepositional:
        return "во " if d.kind in _PART_WORD and d.part == 2 else "в "
    return ""


def _render_months(d: Deadline, ctx: _Ctx) -> str:
    """Consecutive months of one year share it: «январь, май 2026 г.»; «в апреле и мае 2026 г.»."""
    names = _PREP if d.prepositional else _NOM
    parts = []
    for i, ((year, month), note) in enumerate(zip(d.months, d.notes, strict=False)):
        part = names[month]
        following = d.months[i + 1][0] if i + 1 < len(d.months) else None
        if year is not None and following != year:
            part += " " + ctx.year(year)
        parts.append(part + (f" ({note})" if note else ""))
    if not d.prepositional:
        return ", ".join(parts)
    return "в " + (parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " и " + parts[-1])


def _render_range(d: Deadline, ctx: _Ctx) -> str:
    """«апрель – май 2026 г.»; across the new year each end names its year: «ноябрь 2025 г. – февраль 2026 г.»."""
    (y1, m1), (y2, m2) = d.months
    names = _PREP if d.prepositional else _NOM
    lead = "в " if d.prepositional else ""
    if y1 is None or y2 is None:
        return f"{lead}{names[m1]}{ctx.dash}{names[m2]}"
    start = names[m1] if y1 == y2 else f"{names[m1]} {ctx.year(y1)}"
    return f"{lead}{start}{ctx.dash}{names[m2]} {ctx.year(y2)}"


def _case_index(d: Deadline) -> int:
    """Index into the nominative / genitive / prepositional tables of words."""
    return 1 if d.during else 2 if d.prepositional else 0


def _numeral(d: Deadline) -> str:
    """«II», «2» or, in words, «второе» / «второго» / «втором» as the noun and its case require."""
    assert d.part is not None
    if d.spelled:
        return _ORDINAL_WORDS[d.kind][d.part][_case_index(d)]
    return _ROMAN[d.part] if d.roman else str(d.part)


def _render_part(d: Deadline, ctx: _Ctx) -> str:
    text = f"{_governing(d)}{_numeral(d)} {_PART_FORMS[d.kind][_case_index(d)]}"
    return text if d.year is None else f"{text} {ctx.year(d.year)}"


def _render_term(d: Deadline, ctx: _Ctx) -> str:
    """«III четверть», «2 четверть 2025/2026 учебного года»: the school year is always in the genitive."""
    text = f"{_governing(d)}{_numeral(d)} {_PART_FORMS['term'][_case_index(d)]}"
    if d.year is None or d.last_year is None:
        return text
    numbers = f"{d.year}/{d.last_year}" if d.slash else ctx.numbers(d.year, d.last_year)
    return f"{text} {numbers} {_SCHOOL_YEAR_WORDS[d.short][1]}"


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
    if d.bare:
        return f"{_governing(d)}{numbers}"
    return f"{_governing(d)}{numbers} {_SCHOOL_YEAR_WORDS[d.short][_case_index(d)]}"


def _render_annual(d: Deadline, ctx: _Ctx) -> str:
    """Keep the clerk's order and case: «ежегодно, в июне и декабре» / «Май, декабрь ежегодно»."""
    comma = "," if d.comma else ""
    if d.wording:
        return f"ежегодно{comma} {d.wording}"
    if not d.months:
        return "ежегодно"
    if d.through:
        names = _PREP if d.prepositional else _NOM
        listed = ("в " if d.prepositional else "") + ctx.dash.join(names[m] for _, m in d.months)
    else:
        listed = _prep_list(d.months) if d.prepositional else ", ".join(_NOM[m] for _, m in d.months)
    return f"{listed}{comma} ежегодно" if d.months_first else f"ежегодно{comma} {listed}"


def _prep_list(months: tuple[MonthRef, ...]) -> str:
    names = [_PREP[m] for _, m in months]
    return "в " + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " и " + names[-1])


_RENDERERS: dict[str, Callable[[Deadline, _Ctx], str]] = {
    "date": _render_day, "until": _render_until, "dates": _render_dates, "months": _render_months,
    "range": _render_range, "half": _render_part, "quarter": _render_part, "term": _render_term,
    "year": _render_year, "years": _render_years, "school_year": _render_school_year, "annual": _render_annual,
    "phrase": lambda d, ctx: d.wording,
}

"""The deadline value and its style: :class:`Deadline`, :class:`DeadlineStyle`, :data:`KINDS`.

Besides the two frozen dataclasses this holds what :class:`Deadline` answers
about itself: the days it spans (:meth:`Deadline.span`) and its structured
form of strings (:meth:`Deadline.to_data`; the way back is
:func:`orderforge.deadline.data.deadline_from_data`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from ..dates import YEARS, year_problem
from ..slotted import FrozenSlotted
from .words import _CAPITALIZE, _PART_MAX, _YEAR_SUFFIXES, AS_WRITTEN

KINDS: tuple[str, ...] = (
    "date", "until", "dates", "months", "range", "half", "quarter", "term", "year", "years", "school_year",
    "annual", "phrase", "free",
)


#: A month with its year, or ``None`` when the clerk named no year («Сентябрь»).
MonthRef = tuple[int | None, int]
Data = dict[str, str | list[str]]



class DeadlineError(ValueError):
    """A deadline that reads but cannot be (31.02.2026, the year 0000): a Russian message and a hint."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


def year_error(year: int) -> DeadlineError:
    """A year outside :data:`orderforge.dates.YEARS` (year 0 must never reach :meth:`Deadline.span`)."""
    message, hint = year_problem(year) or ("", "")
    return DeadlineError(message, hint)


def bad_year(d: Deadline) -> int | None:
    """The first year of the deadline outside :data:`YEARS`, or None when all are plausible."""
    years = [y for y, _ in d.months if y is not None] + [x.year for x in (d.day, d.last_day) if x is not None]
    years += [y for y in (d.year, d.last_year) if y is not None]
    return next((y for y in years if y not in YEARS), None)


# --------------------------------------------------------------------------- style


class DeadlineStyle(FrozenSlotted):
    """How deadlines are printed; comes from the committee's house style.

    ``year_suffix``: «г.», «года», «год», «» (no suffix) or ``"as_written"``
    (the suffix the clerk used, e.g. to keep «1 полугодие 2027 года» after a
    shift). Plurals are automatic: «гг.», «годы»/«годов» (see the package doc).
    ``range_dash`` separates range parts («апрель – май»); years use it without
    spaces («2026–2027 гг.»). ``capitalize``: ``"as_written"`` keeps the case
    of the clerk's first letter, ``"upper"``/``"lower"`` force it.
    """

    __slots__ = ("year_suffix", "range_dash", "capitalize")
    year_suffix: str
    range_dash: str
    capitalize: str

    def __init__(self, year_suffix: str = "г.", range_dash: str = " – ", capitalize: str = AS_WRITTEN) -> None:
        object.__setattr__(self, "year_suffix", year_suffix)
        object.__setattr__(self, "range_dash", range_dash)
        object.__setattr__(self, "capitalize", capitalize)
        self.__post_init__()

    def __post_init__(self) -> None:
        suffixes = (*_YEAR_SUFFIXES, AS_WRITTEN)
        if self.year_suffix not in suffixes:
            raise ValueError(f"неизвестная запись года «{self.year_suffix}»; допустимые: {_quoted(suffixes)}")
        if self.capitalize not in _CAPITALIZE:
            raise ValueError(f"неизвестный режим заглавной буквы «{self.capitalize}»; "
                             f"допустимые: {_quoted(_CAPITALIZE)}")


# --------------------------------------------------------------------------- the value


class Deadline(FrozenSlotted):
    """A parsed deadline. Which fields matter depends on ``kind`` (see :meth:`to_data`).

    ``months`` holds (year or None, month) pairs: the months of «months», the two
    ends of «range», the months of «annual» (no year) and the target month of
    «until». ``notes`` runs parallel to ``months`` for kind «months»
    («Январь (региональный мониторинг)»). ``during`` and ``prepositional`` are
    the two ways a year, a quarter or a school year is governed: «в течение
    2026 года», «в 2026 году»; at most one of them is set.
    """

    __slots__ = (
        "kind",
        "text",
        "months",
        "notes",
        "day",
        "last_day",
        "numeric",
        "year",
        "last_year",
        "part",
        "roman",
        "during",
        "phrase",
        "wording",
        "months_first",
        "prepositional",
        "comma",
        "not_later",
        "prepositions",
        "slash",
        "short",
        "spelled",
        "by",
        "end",
        "compact",
        "through",
        "bare",
    )
    kind: str
    text: str
    months: tuple[MonthRef, ...]
    notes: tuple[str, ...]
    day: date | None  # date, until; dates (first day)
    last_day: date | None  # dates
    numeric: bool  # date, until, dates: «31.05.2026» rather than «31 мая 2026 г.»
    year: int | None  # half, quarter, term, year, years, school_year (first year); until: «до 2027 года»
    last_year: int | None  # years, school_year, term
    part: int | None  # half 1–2, quarter 1–4, term 1–4
    roman: bool  # half, quarter, term: «II полугодие»
    during: bool  # year, years, half, quarter, term, school_year: «в течение 2026 года»
    phrase: str  # phrase: sub-kind such as "as_needed"
    wording: str  # phrase: the clerk's words; annual: the tail («по отдельному графику»)
    months_first: bool  # annual: «Май, декабрь ежегодно»
    prepositional: bool  # annual: «в июне и декабре»; months, range: «в мае 2026 года»;
    # year, years, half, quarter, term, school_year: «в 2026 году»
    comma: bool  # annual: «ежегодно, в июне»
    not_later: bool  # until: «не позднее 15.03.2026» rather than «до …»
    prepositions: bool  # dates: «с 01.09.2025 по 30.09.2025» rather than «01.09.2025 – 30.09.2025»
    slash: bool  # school_year, term: «2025/2026» rather than «2025–2026»
    short: bool  # school_year, term: «уч. год» rather than «учебный год»
    # Fields added later keep their default in older data, so its structured form is unchanged.
    spelled: bool  # half, quarter, term: «первое полугодие» rather than «1 полугодие»
    by: bool  # until: «к 1 сентября 2026 г.» rather than «до …»
    end: bool  # until with a year: «до конца 2026 года» (31 December) rather than «до 2026 года»
    compact: bool  # dates in one month: «с 1 по 10 сентября 2026 г.», «20–24.04.2027»
    through: bool  # annual: the months are a range, «сентябрь – октябрь ежегодно»
    bare: bool  # school_year: «2026–2027» alone, read so in a school-year plan

    def __init__(
        self,
        kind: str,
        text: str,
        months: tuple[MonthRef, ...] = (),
        notes: tuple[str, ...] = (),
        day: date | None = None,
        last_day: date | None = None,
        numeric: bool = False,
        year: int | None = None,
        last_year: int | None = None,
        part: int | None = None,
        roman: bool = False,
        during: bool = False,
        phrase: str = "",
        wording: str = "",
        months_first: bool = False,
        prepositional: bool = False,
        comma: bool = False,
        not_later: bool = False,
        prepositions: bool = False,
        slash: bool = False,
        short: bool = False,
        spelled: bool = False,
        by: bool = False,
        end: bool = False,
        compact: bool = False,
        through: bool = False,
        bare: bool = False,
    ) -> None:
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "months", months)
        object.__setattr__(self, "notes", notes)
        object.__setattr__(self, "day", day)
        object.__setattr__(self, "last_day", last_day)
        object.__setattr__(self, "numeric", numeric)
        object.__setattr__(self, "year", year)
        object.__setattr__(self, "last_year", last_year)
        object.__setattr__(self, "part", part)
        object.__setattr__(self, "roman", roman)
        object.__setattr__(self, "during", during)
        object.__setattr__(self, "phrase", phrase)
        object.__setattr__(self, "wording", wording)
        object.__setattr__(self, "months_first", months_first)
        object.__setattr__(self, "prepositional", prepositional)
        object.__setattr__(self, "comma", comma)
        object.__setattr__(self, "not_later", not_later)
        object.__setattr__(self, "prepositions", prepositions)
        object.__setattr__(self, "slash", slash)
        object.__setattr__(self, "short", short)
        object.__setattr__(self, "spelled", spelled)
        object.__setattr__(self, "by", by)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "compact", compact)
        object.__setattr__(self, "through", through)
        object.__setattr__(self, "bare", bare)
        self.__post_init__()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(_unknown_kind(self.kind))

    @property
    def known(self) -> bool:
        """False only for a phrase the parser did not understand: the caller warns."""
        return self.kind != "free"

    def span(self) -> tuple[date, date] | None:
        """First and last day the deadline refers to, or None when it names no year."""
        return _SPANS.get(self.kind, _no_span)(self)

    def to_data(self) -> Data:
        """The structure as strings only, for JSON output and YAML round trips."""
        return {"kind": self.kind, "text": self.text, **_TO_DATA[self.kind](self)}


# --------------------------------------------------------------------------- span


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, days_in_month(year, month))


def days_in_month(year: int, month: int) -> int:
    """``calendar.monthrange(year, month)[1]``, without importing calendar (and locale with it: ~2 ms of
    ``validate``'s start-up for one subtraction)."""
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def _no_span(d: Deadline) -> None:
    return None


def _span_months(d: Deadline) -> tuple[date, date] | None:
    """Months (and a range's two ends): from the earliest to the latest dated month."""
    dated = sorted((y, m) for y, m in d.months if y is not None)
    if not dated:
        return None
    return _month_span(*dated[0])[0], _month_span(*dated[-1])[1]


def _span_until(d: Deadline) -> tuple[date, date] | None:
    """The day the deadline falls on: «до 2027 года» is 1 January 2027, as «до февраля» is 1 February."""
    if d.day is not None:
        return d.day, d.day
    if d.year is not None:
        return (date(d.year, 12, 31) if d.end else date(d.year, 1, 1),) * 2
    year, month = d.months[0]
    return (date(year, month, 1),) * 2 if year is not None else None


def _span_part(d: Deadline) -> tuple[date, date] | None:
    if d.year is None or d.part is None:
        return None
    size = 12 // _PART_MAX[d.kind]
    return _month_span(d.year, (d.part - 1) * size + 1)[0], _month_span(d.year, d.part * size)[1]


#: The months of school terms I–IV. Terms have no fixed dates (holidays differ by region and
#: year), but a plan period begins on 1 January or 1 September, so only the calendar year a
#: term falls in matters for the check: I and II are in the first year, III and IV in the second.
_TERM_MONTHS = {1: (9, 10), 2: (11, 12), 3: (1, 3), 4: (4, 5)}


def _span_term(d: Deadline) -> tuple[date, date] | None:
    if d.year is None or d.last_year is None or d.part is None:
        return None
    first, last = _TERM_MONTHS[d.part]
    year = d.year if first >= 9 else d.last_year
    return _month_span(year, first)[0], _month_span(year, last)[1]


def _span_years(d: Deadline) -> tuple[date, date] | None:
    assert d.year is not None
    return date(d.year, 1, 1), date(d.last_year or d.year, 12, 31)


def _span_school_year(d: Deadline) -> tuple[date, date]:
    """A school year runs 1 September – 31 August, as a plan's school-year period does."""
    assert d.year is not None and d.last_year is not None
    return date(d.year, 9, 1), date(d.last_year, 8, 31)


def _span_dates(d: Deadline) -> tuple[date, date]:
    assert d.day is not None and d.last_day is not None
    return d.day, d.last_day


_SPANS: dict[str, Callable[[Deadline], tuple[date, date] | None]] = {
    "date": lambda d: (d.day, d.day) if d.day else None, "until": _span_until, "dates": _span_dates,
    "months": _span_months, "range": _span_months, "half": _span_part, "quarter": _span_part,
    "term": _span_term, "year": _span_years, "years": _span_years, "school_year": _span_school_year,
}

# --------------------------------------------------------------------------- to_data


def _month_str(ref: MonthRef) -> str:
    year, month = ref
    return f"{month:02d}" if year is None else f"{year:04d}-{month:02d}"


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _day_data(d: Deadline) -> Data:
    assert d.day is not None
    return {"date": d.day.isoformat(), "format": "numeric" if d.numeric else "words"}


def _until_data(d: Deadline) -> Data:
    if d.day is not None:
        data = _day_data(d)
    elif d.months:
        data = {"month": _month_str(d.months[0])}
    else:
        data = {"year": str(d.year), **_flags(d, "end")}
    return {**data, **_flags(d, "not_later", "by")}


def _flags(d: Deadline, *names: str) -> Data:
    """The flags that are set, as «yes»; unset ones are left out, so older data stays as it was."""
    return {name: "yes" for name in names if getattr(d, name)}


def _dates_data(d: Deadline) -> Data:
    assert d.day is not None and d.last_day is not None
    return {"from": d.day.isoformat(), "to": d.last_day.isoformat(),
            "format": "numeric" if d.numeric else "words", "prepositions": _yes(d.prepositions), **_flags(d, "compact")}


def _governed(d: Deadline, always_during: bool = True) -> Data:
    """``during`` (always, or only when set) and ``case`` only when «в …»: older data stays as it was."""
    data: Data = {"during": _yes(d.during)} if always_during or d.during else {}
    return {**data, "case": "prepositional"} if d.prepositional else data


def _months_data(d: Deadline) -> Data:
    data: Data = {"months": [_month_str(m) for m in d.months]}
    if any(d.notes):
        data["notes"] = list(d.notes)
    return {**data, **_governed(d, always_during=False)}


def _numeral(d: Deadline) -> str:
    return "words" if d.spelled else "roman" if d.roman else "arabic"


def _part_data(d: Deadline) -> Data:
    data: Data = {d.kind: str(d.part), "numeral": _numeral(d)}
    if d.year is not None:
        data["year"] = str(d.year)
    return {**data, **_governed(d, always_during=False)}


def _term_data(d: Deadline) -> Data:
    data: Data = {"term": str(d.part), "numeral": _numeral(d)}
    if d.year is not None:
        data.update({"from": str(d.year), "to": str(d.last_year), **_school_words(d)})
    return {**data, **_governed(d, always_during=False)}


def _school_words(d: Deadline) -> Data:
    return {"separator": "slash" if d.slash else "dash", "short": _yes(d.short)}


def _school_year_data(d: Deadline) -> Data:
    return {"from": str(d.year), "to": str(d.last_year), **_governed(d), **_school_words(d), **_flags(d, "bare")}


def _annual_data(d: Deadline) -> Data:
    if d.wording:
        return {"tail": d.wording, "comma": _yes(d.comma)}
    if not d.months:
        return {}
    return {
        "months": [_month_str(m) for m in d.months],
        "order": "months_first" if d.months_first else "annual_first",
        "case": "prepositional" if d.prepositional else "nominative",
        "comma": _yes(d.comma),
        **({"range": "yes"} if d.through else {}),
    }


_TO_DATA: dict[str, Callable[[Deadline], Data]] = {
    "date": _day_data,
    "until": _until_data,
    "dates": _dates_data,
    "months": _months_data,
    "range": lambda d: {"from": _month_str(d.months[0]), "to": _month_str(d.months[1]),
                        **_governed(d, always_during=False)},
    "half": _part_data,
    "quarter": _part_data,
    "term": _term_data,
    "year": lambda d: {"year": str(d.year), **_governed(d)},
    "years": lambda d: {"from": str(d.year), "to": str(d.last_year), **_governed(d)},
    "school_year": _school_year_data,
    "annual": _annual_data,
    "phrase": lambda d: {"phrase": d.phrase, "wording": d.wording},
    "free": lambda d: {},
}

# --------------------------------------------------------------------------- messages


def _quoted(values: Iterable[str]) -> str:
    return ", ".join(f"«{v}»" for v in values)


def _unknown_kind(kind: object) -> str:
    return f"неизвестный вид срока «{kind}»; допустимые: {', '.join(KINDS)}"

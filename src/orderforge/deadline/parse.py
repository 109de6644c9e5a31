"""Parsing a clerk's phrase: :func:`parse_deadline`.

Table driven (see the package docstring): the phrase's key is matched against
the regexes below by the parsers of :data:`_PARSERS`, tried in order; the
first that recognises it wins, and a phrase none recognises becomes kind
«free». The year helpers at the end (:func:`_inherit_years`,
:func:`_complete_range`) also serve :func:`deadline_from_data`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from functools import lru_cache

from ..lazyre import LazyPattern, pattern_for
from ..slotted import replace
from .value import YEARS, Deadline, DeadlineError, MonthRef, bad_year, year_error
from .words import (
    _GEN,
    _MONTH_NO,
    _NOM,
    _ORDINAL_NO,
    _PART_KIND,
    _PART_MAX,
    _PREP,
    _ROMAN_NO,
    _match_phrase,
    _normalise,
    _source,
    _Src,
    _wording,
)

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs validate's start-up (issue 12)
    from typing import Any

# --------------------------------------------------------------------------- regexes


def _alt(words: Iterable[str]) -> str:
    """A non-capturing alternation, longest first so «мая» never stops at «ма…»; words of one length in
    alphabetical order, so that the pattern is the same text in every process (lazyre's shipped table)."""
    return "(?:" + "|".join(sorted(set(words), key=lambda word: (-len(word), word))) + r")\b"


_NOM_RE, _GEN_RE, _PREP_RE = _alt(_NOM.values()), _alt(_GEN.values()), _alt(_PREP.values())
_YEAR = r"(?<!\d)\d{4}(?!\d)"
_SUF = r"(?:\s*(?:годов|годах|годы|года|году|год|гг|г)\b\.?)?"
_DASH = r"\s*[-‐‑‒–—―−]\s*"
_ANY_MONTH = LazyPattern(_alt(_MONTH_NO))

_DATE_NUM = LazyPattern(rf"(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})\.(?P<y>{_YEAR}){_SUF}")
_DATE_WORDS = LazyPattern(rf"(?P<d>\d{{1,2}})\s+(?P<m>{_GEN_RE})\s+(?P<y>{_YEAR}){_SUF}")
_DAY_NO_YEAR = LazyPattern(rf"(?P<d>\d{{1,2}})\s+(?P<m>{_GEN_RE})")
#: «в срок до …» says no more than «до …» in a deadline column: «в срок» is read and not printed.
_UNTIL = LazyPattern(r"(?:в срок\s+)?(?P<w>до|не позднее|к)\s+(?P<rest>.+)")
_UNTIL_STARTS = ("в срок", "до", "не позднее", "к")  # how every match of _UNTIL starts
_UNTIL_MONTH = LazyPattern(rf"(?P<m>{_GEN_RE})(?:\s+(?P<y>{_YEAR}){_SUF})?")
_UNTIL_YEAR = LazyPattern(rf"(?P<end>конца\s+)?(?P<y>{_YEAR}){_SUF}")
_BARE_DAY = LazyPattern(r"\d{1,2}")
_DASH_CHARS = "-‐‑‒–—―−"
#: «с 01.09.2025 по 30.09.2025» and «01.09.2025 – 30.09.2025»: (pattern, written with «с … по …»,
#: what a phrase must hold for the pattern to match).
_DATES_FORMS: tuple[tuple[LazyPattern, bool, str | tuple[str, ...]], ...] = (
    (LazyPattern(r"с\s+(?P<a>.+?)\s+по\s+(?P<b>.+)"), True, ("по",)),
    (LazyPattern(rf"(?P<a>[^{_DASH_CHARS}]+?){_DASH}(?P<b>[^{_DASH_CHARS}]+)"), False, _DASH_CHARS),
)
#: «в течение 2026 года» or «в 2026 году», «во II квартале» (group ``inside``); neither for «2026 год».
_DURING = r"(?:(?P<during>в течение\s+)|(?P<inside>во?\s+))?"
#: «II», «2», «2-е», «второе», «второго», «второй» — the number of a half-year, quarter or term.
_NUMBER = rf"(?P<n>[1-4]|iv|iii|ii|i|{_alt(_ORDINAL_NO)})(?:\s*-?\s*(?:ое|ый|ая|ом|ого|ой|ей|го|й|е|м|я)\b)?"
_PART = LazyPattern(rf"{_DURING}{_NUMBER}\s*(?P<w>{_alt(_PART_KIND)})(?:\s+(?P<y>{_YEAR}){_SUF})?")
_SCHOOL_WORD = r"(?P<sw>учебн(?:ый|ого|ом)\s+год(?:а|у)?|уч\.?\s*г(?:од|ода|оду)?\b\.?)"
_TWO_YEARS = rf"(?P<a>{_YEAR})(?:(?P<slash>\s*/\s*)|{_DASH})(?P<b>{_YEAR})"
_SCHOOL_YEAR = LazyPattern(rf"{_DURING}{_TWO_YEARS}\s*{_SCHOOL_WORD}")
#: «2026–2027» alone: a school year when the plan's period is one (``school_year=True``).
_BARE_SCHOOL_YEAR = LazyPattern(rf"{_DURING}{_TWO_YEARS}")
#: «III четверть», «2 четверть 2025/2026 учебного года»: a term's year is a school year, never a calendar one.
_TERM = LazyPattern(rf"{_DURING}{_NUMBER}\s*четверт(?:ь|и)(?:\s+{_TWO_YEARS}\s*{_SCHOOL_WORD})?")
_LONE_YEAR = LazyPattern(rf"{_YEAR}{_SUF}")
_YEARS = LazyPattern(rf"{_DURING}(?P<a>{_YEAR}){_SUF}{_DASH}(?P<b>{_YEAR}){_SUF}")
_ONE_YEAR = LazyPattern(rf"{_DURING}(?P<y>{_YEAR}){_SUF}")
#: «апрель – май 2026 г.», «Апрель-май, 2026» (a comma before the year), «в апреле – мае 2026 года».
_YEAR_AFTER = rf"(?:\s*,\s*|\s+)(?P<y2>{_YEAR}){_SUF}"
_RANGE = LazyPattern(
    rf"(?P<m1>{_NOM_RE})(?:\s+(?P<y1>{_YEAR}){_SUF})?{_DASH}(?P<m2>{_NOM_RE})(?:{_YEAR_AFTER})?"
)
_PREP_RANGE = LazyPattern(
    rf"в\s+(?P<m1>{_PREP_RE})(?:\s+(?P<y1>{_YEAR}){_SUF})?{_DASH}(?P<m2>{_PREP_RE})(?:{_YEAR_AFTER})?"
)
#: «в мае 2026 года», «в апреле и мае 2026 года», «в январе 2026 г., мае 2026 г.».
_PREP_MONTHS = LazyPattern(r"в\s+(?P<list>.+)")
_PREP_ITEM = LazyPattern(rf"(?P<m>{_PREP_RE})(?:\s+(?P<y>{_YEAR}){_SUF})?")
_PREP_SPLIT = LazyPattern(r"\s*,\s*|\s+и\s+")
_NOTE = r"\s*\((?P<{}>[^()]*)\)"
_MONTH_ITEM = LazyPattern(
    rf"(?P<m>{_NOM_RE})(?:{_NOTE.format('n1')})?(?:\s+(?P<y>{_YEAR}){_SUF})?(?:{_NOTE.format('n2')})?"
)
_LIST_COMMA = LazyPattern(r"\s*,\s*(?![^()]*\))")  # a comma outside parentheses

_PREP_LIST = rf"в\s+{_PREP_RE}(?:(?:\s*,\s*|\s+и\s+){_PREP_RE})*"
_NOM_LIST = rf"{_NOM_RE}(?:\s*,\s*{_NOM_RE})*"
_COMMA = r"(?P<comma>\s*,)?"
#: The months of «ежегодно»: (pattern, in prepositional case, a range «сентябрь – октябрь»).
_ANNUAL_MONTHS = (
    (_PREP_LIST, True, False), (_NOM_LIST, False, False),
    (rf"в\s+{_PREP_RE}{_DASH}{_PREP_RE}", True, True), (rf"{_NOM_RE}{_DASH}{_NOM_RE}", False, True),
)
#: «ежегодно» forms: (pattern, months come first, months in prepositional case, months are a range).
_ANNUAL_FORMS: tuple[tuple[LazyPattern, bool, bool, bool], ...] = tuple(
    (LazyPattern(form.format(months=rf"(?P<list>{months})", comma=_COMMA)), first, prep, through)
    for first, form in ((False, r"ежегодно{comma}\s+{months}"), (True, r"{months}{comma}\s+ежегодно"))
    for months, prep, through in _ANNUAL_MONTHS
)
_ANNUAL_TAIL = LazyPattern(rf"ежегодно{_COMMA}\s+(?P<tail>.+)")


def _may_match(key: str, words: Iterable[str]) -> bool:
    """Whether ``key`` holds one of ``words``, which a pattern needs to match: else it is not even compiled."""
    return any(word in key for word in words)


def _starts_with_digit(key: str) -> bool:
    """Whether a pattern starting with ``\\d`` may match: str.isdigit holds for every character ``\\d`` matches.
    Cheap tests like this one keep a phrase from compiling patterns that cannot match it (issue 12)."""
    return key[:1].isdigit()


def _may_be_year(key: str) -> bool:
    """How every match of :data:`_ONE_YEAR` and :data:`_YEARS` starts: «в течение …», «в(о) …» or the year."""
    return key[:1] == "в" or _starts_with_digit(key)


# --------------------------------------------------------------------------- parsing


def parse_deadline(text: str, *, school_year: bool = False) -> Deadline:
    """Parse a clerk's deadline phrase; never raises — unknown text becomes kind «free».

    So does a phrase naming a date that does not exist or a year outside :data:`YEARS`:
    whatever reads a parsed deadline can take its span; :func:`deadline_problem` tells why.

    ``school_year`` is the plan's own context: when its period is a school year, a list of
    months runs in school-year order («сентябрь, декабрь, март, май 2027» begins in
    September 2026) and «2026–2027» alone is that school year, not two calendar years.
    """
    return _parse_cached(text if isinstance(text, str) else str(text), school_year)


@lru_cache(maxsize=4096)
def _parse_cached(text: str, school_year: bool) -> Deadline:
    """A plan repeats its deadlines («постоянно», «ежеквартально», «до 31.05.2026»): each is parsed once.

    :class:`Deadline` is frozen and holds only tuples, dates and strings, so one value can serve every
    caller (tests/test_deadline_cache.py: cached == parsed afresh).
    """
    return _parse_fresh(text, school_year)


def _parse_fresh(text: str, school_year: bool) -> Deadline:
    src = _source(text)
    for parser in _PARSERS:
        try:
            found = parser(src, school_year)
        except ValueError:  # an impossible date such as 31.02.2026
            found = None
        if found is not None and bad_year(found) is None:
            return found
    return Deadline("free", src.text)


def deadline_problem(text: str) -> DeadlineError | None:
    """Why a phrase :func:`parse_deadline` left free is a mistake, not an unusual wording — or None.

    «до 31.02.2026» names a day that does not exist; «Январь 0000 г.» would be read
    with a plausible year. A four-digit number that is not a year («приказ № 1234»)
    is left alone: the phrase does not read even with a plausible year in its place.
    """
    src = _source(text)
    for rx in (_DATE_NUM, _DATE_WORDS):
        for m in rx.finditer(src.key):
            problem = _day_problem(m, src.orig[m.start("d"):m.end("y")])
            if problem is not None:
                return problem
    for m in pattern_for(_YEAR).finditer(src.key):
        year = int(m[0])
        if year not in YEARS and parse_deadline(f"{src.orig[:m.start()]}2000{src.orig[m.end():]}").known:
            return year_error(year)
    return None


def _day_problem(m: re.Match[str], written: str) -> DeadlineError | None:
    """A match of :data:`_DATE_NUM` or :data:`_DATE_WORDS` that names no real day."""
    year, month = int(m["y"]), _MONTH_NO.get(m["m"]) or int(m["m"])
    if year not in YEARS:
        return year_error(year)
    try:
        date(year, month, int(m["d"]))
    except ValueError:
        return DeadlineError(f"даты {written} не существует", "проверьте число и месяц")
    return None


def _parse_phrase(src: _Src, school: bool) -> Deadline | None:
    sub = _match_phrase(src.key)
    return Deadline("phrase", src.text, phrase=sub, wording=_wording(src.orig)) if sub else None


def _parse_annual(src: _Src, school: bool) -> Deadline | None:
    if "ежегодно" not in src.key:  # every annual pattern has it
        return None
    if src.key == "ежегодно":
        return Deadline("annual", src.text)
    for rx, first, prep, through in _ANNUAL_FORMS if _may_match(src.key, _MONTH_NO) else ():
        m = rx.fullmatch(src.key)
        if m:
            months = tuple((None, _MONTH_NO[w]) for w in _ANY_MONTH.findall(m["list"]))
            return Deadline("annual", src.text, months=months, months_first=first,
                            prepositional=prep, comma=bool(m["comma"]), through=through)
    m = _ANNUAL_TAIL.fullmatch(src.key)
    if m and _match_phrase(m["tail"]):
        return Deadline("annual", src.text, wording=_wording(src.orig[m.start("tail"):]), comma=bool(m["comma"]))
    return None


def _match_day(key: str) -> tuple[date, bool] | None:
    """«31.05.2026» or «10 февраля 2026 г.» → (date, written numerically)."""
    if not _starts_with_digit(key):  # both patterns do: no need to compile them for «Февраль 2026 г.»
        return None
    m = _DATE_NUM.fullmatch(key) if "." in key else None
    if m:
        return date(int(m["y"]), int(m["m"]), int(m["d"])), True
    m = _DATE_WORDS.fullmatch(key) if _may_match(key, _GEN.values()) else None
    if m:
        return date(int(m["y"]), _MONTH_NO[m["m"]], int(m["d"])), False
    return None


def _parse_date(src: _Src, school: bool) -> Deadline | None:
    found = _match_day(src.key)
    return Deadline("date", src.text, day=found[0], numeric=found[1]) if found else None


def _parse_until(src: _Src, school: bool) -> Deadline | None:
    """«до 31.05.2026», «не позднее 15.03.2026», «к 1 сентября 2026 г.», «до февраля 2022 года»,
    «до 2027 года», «до конца 2026 года»; «к» only before a day («к сентябрю» is not read)."""
    m = _UNTIL.fullmatch(src.key) if src.key.startswith(_UNTIL_STARTS) else None
    if not m:
        return None
    until = Deadline("until", src.text, not_later=m["w"] == "не позднее", by=m["w"] == "к")
    found = _match_day(m["rest"])
    if found:
        return replace(until, day=found[0], numeric=found[1])
    if until.by:
        return None
    target = _UNTIL_MONTH.fullmatch(m["rest"])
    if target:
        return replace(until, months=((_int(target["y"]), _MONTH_NO[target["m"]]),))
    year = _UNTIL_YEAR.fullmatch(m["rest"])
    return replace(until, year=int(year["y"]), end=year["end"] is not None) if year else None


def _parse_dates(src: _Src, school: bool) -> Deadline | None:
    """«01.09.2025 – 30.09.2025», «с 1 сентября по 30 сентября 2025 г.»: both ends are days.

    The start may be its day alone, in the end's month and year: «с 1 по 10 сентября 2026 г.»,
    «20–24.04.2027» (``compact``).
    """
    for rx, prepositions, needs in _DATES_FORMS:
        if not (prepositions or _starts_with_digit(src.key)):
            continue  # «01.09.2025 – …», «20–24.04.2027»: without a day first, no start is found below
        m = rx.fullmatch(src.key) if _may_match(src.key, needs) else None
        end = _match_day(m["b"]) if m else None
        if m is None or end is None:
            continue
        compact = _BARE_DAY.fullmatch(m["a"]) is not None
        start = (end[0].replace(day=int(m["a"])), end[1]) if compact else None
        start = start or _match_day(m["a"]) or _start_day(m["a"], end[0])
        if start is None or start[1] != end[1] or start[0] > end[0]:
            return None
        return Deadline("dates", src.text, day=start[0], last_day=end[0], numeric=end[1], prepositions=prepositions,
                        compact=compact)
    return None


def _start_day(key: str, end: date) -> tuple[date, bool] | None:
    """«1 сентября» before «30 сентября 2025 г.»: the year of the end, or the one before when it wraps."""
    m = _DAY_NO_YEAR.fullmatch(key)
    if not m:
        return None
    month, day = _MONTH_NO[m["m"]], int(m["d"])
    return date(end.year if (month, day) <= (end.month, end.day) else end.year - 1, month, day), False


def _governed(m: re.Match[str]) -> dict[str, Any]:
    """The ``during`` / ``prepositional`` fields from a match of :data:`_DURING`."""
    return {"during": bool(m["during"]), "prepositional": bool(m["inside"])}


def _number(m: re.Match[str], kind: str) -> dict[str, Any] | None:
    """The ``part``, ``roman`` and ``spelled`` fields from a match of :data:`_NUMBER`; None past the last part."""
    n = m["n"]
    spelled, roman = n in _ORDINAL_NO, n in _ROMAN_NO
    part = _ORDINAL_NO[n] if spelled else _ROMAN_NO[n] if roman else int(n)
    return {"part": part, "roman": roman, "spelled": spelled} if 1 <= part <= _PART_MAX[kind] else None


def _parse_part(src: _Src, school: bool) -> Deadline | None:
    m = _PART.fullmatch(src.key) if _may_match(src.key, _PART_KIND) else None
    if not m:
        return None
    kind = _PART_KIND[m["w"]]
    number = _number(m, kind)
    if number is None:
        return None
    return Deadline(kind, src.text, year=_int(m["y"]), **number, **_governed(m))


def _school_years(m: re.Match[str]) -> dict[str, Any] | None:
    """``year``, ``last_year``, ``slash``, ``short`` of a school year «2025/2026 уч. года»; None if not one."""
    if m["a"] is None:
        return {}
    first, last = int(m["a"]), int(m["b"])
    if last != first + 1:
        return None
    short = m.groupdict().get("sw") is not None and not m["sw"].startswith("учебн")
    return {"year": first, "last_year": last, "slash": m["slash"] is not None, "short": short}


def _parse_term(src: _Src, school: bool) -> Deadline | None:
    """«III четверть», «в течение второй четверти», «2 четверть 2025/2026 учебного года»."""
    m = _TERM.fullmatch(src.key) if "четверт" in src.key else None
    number = _number(m, "term") if m else None
    years = _school_years(m) if m else None
    if m is None or number is None or years is None:
        return None
    return Deadline("term", src.text, **number, **years, **_governed(m))


def _parse_school_year(src: _Src, school: bool) -> Deadline | None:
    """«2025-2026 учебный год», «в течение 2025/2026 учебного года», «в 2025-2026 уч. году»;
    in a school-year plan also «2026–2027» alone (``bare``)."""
    m = _SCHOOL_YEAR.fullmatch(src.key) if "уч" in src.key else None  # both forms of _SCHOOL_WORD
    bare = m is None and school
    if bare:
        m = _BARE_SCHOOL_YEAR.fullmatch(src.key)
    years = _school_years(m) if m else None
    if m is None or not years:
        return None
    return Deadline("school_year", src.text, bare=bare, **years, **_governed(m))


def _parse_years(src: _Src, school: bool) -> Deadline | None:
    m = _YEARS.fullmatch(src.key) if _may_match(src.key, _DASH_CHARS) and _may_be_year(src.key) else None
    if not m or int(m["a"]) >= int(m["b"]):
        return None
    return Deadline("years", src.text, year=int(m["a"]), last_year=int(m["b"]), **_governed(m))


def _parse_year(src: _Src, school: bool) -> Deadline | None:
    m = _ONE_YEAR.fullmatch(src.key) if _may_be_year(src.key) else None
    return Deadline("year", src.text, year=int(m["y"]), **_governed(m)) if m else None


def _parse_range(src: _Src, school: bool) -> Deadline | None:
    """«апрель – май 2026 г.»; «в апреле – мае 2026 года» (``prepositional``)."""
    if not _may_match(src.key, _DASH_CHARS):  # both patterns have _DASH
        return None
    for rx, prepositional in ((_RANGE, False), (_PREP_RANGE, True)):
        m = rx.fullmatch(src.key)
        if m:
            ends = _complete_range((_int(m["y1"]), _MONTH_NO[m["m1"]]), (_int(m["y2"]), _MONTH_NO[m["m2"]]))
            return Deadline("range", src.text, months=ends, prepositional=prepositional) if ends else None
    return None


def _parse_months(src: _Src, school: bool) -> Deadline | None:
    found = [_month_item(k, o) for k, o in _list_items(src)]
    items = [item for item in found if item is not None]
    if not items or len(items) != len(found):
        return None
    months = _inherit_years((month for month, _ in items), school)
    return Deadline("months", src.text, months=months, notes=tuple(note for _, note in items))


def _parse_prep_months(src: _Src, school: bool) -> Deadline | None:
    """«в мае 2026 года», «в апреле и мае 2026 года»: months in the prepositional case (no notes)."""
    m = _PREP_MONTHS.fullmatch(src.key)
    items = [_PREP_ITEM.fullmatch(item) for item in _PREP_SPLIT.split(m["list"])] if m else []
    if not items or not all(items):
        return None
    months = _inherit_years(((_int(i["y"]), _MONTH_NO[i["m"]]) for i in items if i), school)
    return Deadline("months", src.text, months=months, notes=("",) * len(months), prepositional=True)


def _list_items(src: _Src) -> list[tuple[str, str]]:
    """The (key, original) items between commas; a lone year after a comma belongs to the month before it.

    Word tables often read «Сентябрь, 2025»: that is one month, not a list.
    """
    items: list[tuple[str, str]] = []
    for key, orig in zip(_LIST_COMMA.split(src.key), _LIST_COMMA.split(src.orig), strict=False):
        if items and _LONE_YEAR.fullmatch(key):
            before_key, before_orig = items.pop()
            key, orig = f"{before_key} {key}", f"{before_orig} {orig}"
        items.append((key, orig))
    return items


def _month_item(key: str, orig: str) -> tuple[MonthRef, str] | None:
    """«май 2026 г. (ВГР)» → ((2026, 5), "ВГР"); the note keeps the clerk's case."""
    m = _MONTH_ITEM.fullmatch(key)
    if not m or (m["n1"] is not None and m["n2"] is not None):
        return None
    group = "n1" if m["n1"] is not None else "n2"
    note = _normalise(orig[m.start(group):m.end(group)]) if m[group] is not None else ""
    return (_int(m["y"]), _MONTH_NO[m["m"]]), note


#: Each parser takes the phrase and whether the plan's period is a school year.
_PARSERS: tuple[Callable[[_Src, bool], Deadline | None], ...] = (
    _parse_phrase, _parse_annual, _parse_until, _parse_date, _parse_dates, _parse_part, _parse_term,
    _parse_school_year, _parse_years, _parse_year, _parse_range, _parse_months, _parse_prep_months,
)


def _int(value: str | None) -> int | None:
    return int(value) if value is not None else None


def _inherit_years(months: Iterable[MonthRef], school_year: bool = False) -> tuple[MonthRef, ...]:
    """«январь, май 2026 г.»: a year covers the months before it that have none.

    In a school-year plan it covers them as a school year does: «сентябрь, декабрь, март,
    май 2027» — the autumn months of that school year fall in 2026.
    """
    result: list[MonthRef] = []
    carry: MonthRef | None = None
    for year, month in reversed(list(months)):
        if year is not None:
            carry = (year, month)
        result.append((_same_year_as(carry, month, school_year), month))
    return tuple(reversed(result))


def _same_year_as(carry: MonthRef | None, month: int, school_year: bool) -> int | None:
    """The year of ``month`` in the same calendar — or school — year as the dated month ``carry``."""
    year, dated = carry if carry is not None else (None, 0)
    if year is None or not school_year:
        return year
    start = year if dated >= 9 else year - 1  # a school year runs September – August
    return start if month >= 9 else start + 1


def _complete_range(start: MonthRef, end: MonthRef) -> tuple[MonthRef, MonthRef] | None:
    """Give both ends a year when one has it; None for a range running backwards."""
    (y1, m1), (y2, m2) = start, end
    if y1 is None and y2 is not None:
        y1 = y2 if m1 <= m2 else y2 - 1
    elif y2 is None and y1 is not None:
        y2 = y1 if m2 >= m1 else y1 + 1
    if y1 is not None and y2 is not None and (y1, m1) > (y2, m2):
        return None
    return (y1, m1), (y2, m2)

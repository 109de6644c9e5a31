"""Deadlines («срок исполнения») as clerks write them.

A plan's deadline column is free Russian text: «Февраль 2026 г.», «апрель – май
2026 г.», «ежегодно, в июне и декабре», «по мере необходимости», «до 31.05.2026».
To check a deadline against the plan period, to print every deadline in one
house style and to roll a plan over to the next year, the text has to become a
structure — but a phrase that is not understood must never be lost, so it
becomes kind ``"free"`` (text kept, ``known`` is False) and the caller warns.

The parser is table driven: month names in three cases, a table of undated
phrases and a handful of regexes, tried in order (:data:`_PARSERS`). It works on
a *key* — the phrase lower-cased, whitespace-normalised, «ё» → «е», one trailing
«,»/«;»/«.» dropped — which has the same length as the normalised original, so
the clerk's own spelling of notes and phrases can be cut out of the original by
the same match positions.

Design decisions (documented here because callers depend on them):

* ``text`` is the clerk's phrase, whitespace-normalised. It drives
  ``capitalize="as_written"`` and ``year_suffix="as_written"``, and it is part
  of :meth:`Deadline.to_data` so that a structured deadline round-trips exactly.
  :func:`shift_deadline` regenerates it (the old text would name the old year).
* Plural year suffixes: «г.» → «гг.»; «года»/«год» → «годы» in a plain cell
  («2026–2027 годы») and «годов» after «в течение» («в течение 2026–2027
  годов»). A year range is printed with the dash of ``range_dash`` without its
  spaces («2026–2027 гг.»), as numeric ranges are set in Russian typography.
* :meth:`Deadline.span` of «до …» is the single day the deadline falls on:
  «до 31.05.2026» → 31.05.2026; «до февраля 2022 года» → 01.02.2022 (the moment
  February begins). Only the end point matters for the period check.
* A range whose start has no year takes the year of its end, or the year
  before when the months wrap («сентябрь – май 2027 г.» starts in September
  2026); it is then printed with both years. In a list of months a year applies
  to the months before it that have none («январь, май 2026 г.»).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Callable, Iterable, Optional, Union

KINDS: tuple[str, ...] = (
    "date", "until", "months", "range", "half", "quarter", "year", "years", "annual", "phrase", "free",
)

#: A month with its year, or ``None`` when the clerk named no year («Сентябрь»).
MonthRef = tuple[Optional[int], int]
Data = dict[str, Union[str, list[str]]]

AS_WRITTEN = "as_written"

# --------------------------------------------------------------------------- tables

#: Month names: nominative («май»), genitive («до мая»), prepositional («в мае»).
_MONTH_NAMES: tuple[tuple[str, str, str], ...] = (
    ("январь", "января", "январе"), ("февраль", "февраля", "феврале"), ("март", "марта", "марте"),
    ("апрель", "апреля", "апреле"), ("май", "мая", "мае"), ("июнь", "июня", "июне"),
    ("июль", "июля", "июле"), ("август", "августа", "августе"), ("сентябрь", "сентября", "сентябре"),
    ("октябрь", "октября", "октябре"), ("ноябрь", "ноября", "ноябре"), ("декабрь", "декабря", "декабре"),
)
_NOM = {n: forms[0] for n, forms in enumerate(_MONTH_NAMES, 1)}
_GEN = {n: forms[1] for n, forms in enumerate(_MONTH_NAMES, 1)}
_PREP = {n: forms[2] for n, forms in enumerate(_MONTH_NAMES, 1)}
#: Any form of a month name → its number.
_MONTH_NO = {form: n for n, forms in enumerate(_MONTH_NAMES, 1) for form in forms}

#: Year suffix of a style → (singular, singular after a month or «в течение»,
#: plural, plural after «в течение»).
_YEAR_SUFFIXES: dict[str, tuple[str, str, str, str]] = {
    "г.": ("г.", "г.", "гг.", "гг."),
    "года": ("года", "года", "годы", "годов"),
    "год": ("год", "года", "годы", "годов"),
    "": ("", "", "", ""),
}
#: How a clerk wrote the suffix → the style it stands for (for ``as_written``).
_SUFFIX_WRITTEN = {"г": "г.", "гг": "г.", "года": "года", "годов": "года", "год": "год", "годы": "год"}
_CAPITALIZE = (AS_WRITTEN, "upper", "lower")

#: Undated phrases: sub-kind → pattern over the key. Schedules, plans and
#: requests may carry a qualifier («по графику оценочных процедур»).
_PHRASES: tuple[tuple[str, str], ...] = (
    ("always", r"постоянно"),
    ("as_needed", r"по мере (?:необходимости|потребности)"),
    ("during_school_year", r"в течение (?:всего )?учебного года"),
    ("during_year", r"в течение (?:всего )?(?:календарного )?года"),
    ("whole_period", r"(?:весь период|в течение всего периода)(?: .+)?"),
    ("until_school_year_end", r"до (?:конца|окончания) учебного года"),
    ("until_year_end", r"до конца (?:календарного )?года"),
    ("schedule", r"(?:по|согласно) (?:\w+ )?графику(?: .+)?|в соответствии с (?:\w+ )?графиком(?: .+)?"),
    ("on_request", r"по запрос(?:у|ам)(?: .+)?"),
    ("by_plan", r"(?:по|согласно) (?:\w+ )?плану(?: .+)?|в соответствии с (?:\w+ )?планом(?: .+)?"),
)
#: The wording used when a structured deadline names only the sub-kind.
_PHRASE_WORDING = {
    "always": "постоянно", "as_needed": "по мере необходимости", "during_school_year": "в течение учебного года",
    "during_year": "в течение года", "whole_period": "весь период", "until_school_year_end": "до конца учебного года",
    "until_year_end": "до конца года", "schedule": "по графику", "on_request": "по запросу", "by_plan": "по плану",
}
_PHRASE_RES = tuple((sub, re.compile(rx)) for sub, rx in _PHRASES)

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_ROMAN_NO = {v.lower(): k for k, v in _ROMAN.items()}
_PART_WORD = {"half": "полугодие", "quarter": "квартал"}
_PART_KIND = {v: k for k, v in _PART_WORD.items()}
_PART_MAX = {"half": 2, "quarter": 4}
_PART_GENITIVE = {"half": "полугодия", "quarter": "квартала"}

# --------------------------------------------------------------------------- regexes


def _alt(words: Iterable[str]) -> str:
    """A non-capturing alternation, longest first so «мая» never stops at «ма…»."""
    return "(?:" + "|".join(sorted(set(words), key=len, reverse=True)) + r")\b"


_NOM_RE, _GEN_RE, _PREP_RE = _alt(_NOM.values()), _alt(_GEN.values()), _alt(_PREP.values())
_YEAR = r"(?<!\d)\d{4}(?!\d)"
_SUF = r"(?:\s*(?:годов|годы|года|год|гг|г)\b\.?)?"
_DASH = r"\s*[-‐‑‒–—―−]\s*"
_ANY_MONTH = re.compile(_alt(_MONTH_NO))

_DATE_NUM = re.compile(rf"(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})\.(?P<y>{_YEAR}){_SUF}")
_DATE_WORDS = re.compile(rf"(?P<d>\d{{1,2}})\s+(?P<m>{_GEN_RE})\s+(?P<y>{_YEAR}){_SUF}")
_UNTIL = re.compile(r"до\s+(?P<rest>.+)")
_UNTIL_MONTH = re.compile(rf"(?P<m>{_GEN_RE})(?:\s+(?P<y>{_YEAR}){_SUF})?")
_PART = re.compile(
    rf"(?P<n>[1-4]|iv|iii|ii|i)(?:\s*-?\s*(?:ое|ый|й|е))?\s*(?P<w>полугодие|квартал)(?:\s+(?P<y>{_YEAR}){_SUF})?"
)
_DURING = r"(?P<during>в течение\s+)?"
_YEARS = re.compile(rf"{_DURING}(?P<a>{_YEAR}){_SUF}{_DASH}(?P<b>{_YEAR}){_SUF}")
_ONE_YEAR = re.compile(rf"{_DURING}(?P<y>{_YEAR}){_SUF}")
_RANGE = re.compile(
    rf"(?P<m1>{_NOM_RE})(?:\s+(?P<y1>{_YEAR}){_SUF})?{_DASH}(?P<m2>{_NOM_RE})(?:\s+(?P<y2>{_YEAR}){_SUF})?"
)
_NOTE = r"\s*\((?P<{}>[^()]*)\)"
_MONTH_ITEM = re.compile(
    rf"(?P<m>{_NOM_RE})(?:{_NOTE.format('n1')})?(?:\s+(?P<y>{_YEAR}){_SUF})?(?:{_NOTE.format('n2')})?"
)
_LIST_COMMA = re.compile(r"\s*,\s*(?![^()]*\))")  # a comma outside parentheses

_PREP_LIST = rf"в\s+{_PREP_RE}(?:(?:\s*,\s*|\s+и\s+){_PREP_RE})*"
_NOM_LIST = rf"{_NOM_RE}(?:\s*,\s*{_NOM_RE})*"
_COMMA = r"(?P<comma>\s*,)?"
#: «ежегодно» forms: (pattern, months come first, months in prepositional case).
_ANNUAL_FORMS: tuple[tuple[re.Pattern[str], bool, bool], ...] = (
    (re.compile(rf"ежегодно{_COMMA}\s+(?P<list>{_PREP_LIST})"), False, True),
    (re.compile(rf"ежегодно{_COMMA}\s+(?P<list>{_NOM_LIST})"), False, False),
    (re.compile(rf"(?P<list>{_PREP_LIST}){_COMMA}\s+ежегодно"), True, True),
    (re.compile(rf"(?P<list>{_NOM_LIST}){_COMMA}\s+ежегодно"), True, False),
)
_ANNUAL_TAIL = re.compile(rf"ежегодно{_COMMA}\s+(?P<tail>.+)")

_SPACES = re.compile(r"\s+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u00ad\ufeff"))
_TRAILING = re.compile(r"(?<![гГ])\s*[.,;]$")
_SPACED_HYPHEN = re.compile(r"\s[-–—]\s")
_YEAR_IN_TEXT = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_SUFFIX_IN_TEXT = re.compile(r"\d{4}\s*(годов|годы|года|год|гг|г)\b")

# --------------------------------------------------------------------------- style


@dataclass(frozen=True)
class DeadlineStyle:
    """How deadlines are printed; comes from the committee's house style.

    ``year_suffix``: «г.», «года», «год», «» (no suffix) or ``"as_written"``
    (the suffix the clerk used, e.g. to keep «1 полугодие 2027 года» after a
    shift). Plurals are automatic: «гг.», «годы»/«годов» (see module doc).
    ``range_dash`` separates range parts («апрель – май»); years use it without
    spaces («2026–2027 гг.»). ``capitalize``: ``"as_written"`` keeps the case
    of the clerk's first letter, ``"upper"``/``"lower"`` force it.
    """

    year_suffix: str = "г."
    range_dash: str = " – "
    capitalize: str = AS_WRITTEN

    def __post_init__(self) -> None:
        suffixes = (*_YEAR_SUFFIXES, AS_WRITTEN)
        if self.year_suffix not in suffixes:
            raise ValueError(f"неизвестная запись года «{self.year_suffix}»; допустимые: {_quoted(suffixes)}")
        if self.capitalize not in _CAPITALIZE:
            raise ValueError(f"неизвестный режим заглавной буквы «{self.capitalize}»; допустимые: {_quoted(_CAPITALIZE)}")


# --------------------------------------------------------------------------- the value


@dataclass(frozen=True)
class Deadline:
    """A parsed deadline. Which fields matter depends on ``kind`` (see :meth:`to_data`).

    ``months`` holds (year or None, month) pairs: the months of «months», the two
    ends of «range», the months of «annual» (no year) and the target month of
    «until». ``notes`` runs parallel to ``months`` for kind «months»
    («Январь (региональный мониторинг)»).
    """

    kind: str
    text: str
    months: tuple[MonthRef, ...] = ()
    notes: tuple[str, ...] = ()
    day: Optional[date] = None  # date, until
    numeric: bool = False  # date, until: «31.05.2026» rather than «31 мая 2026 г.»
    year: Optional[int] = None  # half, quarter, year, years (first year)
    last_year: Optional[int] = None  # years
    part: Optional[int] = None  # half 1–2, quarter 1–4
    roman: bool = False  # half, quarter: «II полугодие»
    during: bool = False  # year, years: «в течение 2026 года»
    phrase: str = ""  # phrase: sub-kind such as "as_needed"
    wording: str = ""  # phrase: the clerk's words; annual: the tail («по отдельному графику»)
    months_first: bool = False  # annual: «Май, декабрь ежегодно»
    prepositional: bool = False  # annual: «в июне и декабре»
    comma: bool = False  # annual: «ежегодно, в июне»

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(_unknown_kind(self.kind))

    @property
    def known(self) -> bool:
        """False only for a phrase the parser did not understand: the caller warns."""
        return self.kind != "free"

    def span(self) -> Optional[tuple[date, date]]:
        """First and last day the deadline refers to, or None when it names no year."""
        return _SPANS.get(self.kind, _no_span)(self)

    def to_data(self) -> Data:
        """The structure as strings only, for JSON output and YAML round trips."""
        return {"kind": self.kind, "text": self.text, **_TO_DATA[self.kind](self)}


# --------------------------------------------------------------------------- parsing


@dataclass(frozen=True)
class _Src:
    """A phrase three ways: as kept (``text``), trimmed (``orig``) and its match key."""

    text: str
    orig: str
    key: str


def _normalise(text: str) -> str:
    """One space for any run of whitespace (NBSP, a line break inside a table cell)."""
    return _SPACES.sub(" ", text.translate(_INVISIBLE)).strip()


def _source(text: str) -> _Src:
    norm = _normalise(text)
    orig = _TRAILING.sub("", norm)
    key = "".join(c.lower() if len(c.lower()) == 1 else c for c in orig).replace("ё", "е")
    return _Src(norm, orig, key)


def parse_deadline(text: str) -> Deadline:
    """Parse a clerk's deadline phrase; never raises — unknown text becomes kind «free»."""
    src = _source(text if isinstance(text, str) else str(text))
    for parser in _PARSERS:
        try:
            found = parser(src)
        except ValueError:  # an impossible date such as 31.02.2026
            found = None
        if found is not None:
            return found
    return Deadline("free", src.text)


def _match_phrase(key: str) -> Optional[str]:
    return next((sub for sub, rx in _PHRASE_RES if rx.fullmatch(key)), None)


def _wording(orig: str) -> str:
    """The clerk's words with the first letter lowered (case is the style's business).

    A phrase typed with Caps Lock on is lowered as a whole; mixed case is kept,
    so abbreviations («по запросу ОО») survive.
    """
    orig = _SPACED_HYPHEN.sub(" – ", orig.lower() if orig.isupper() else orig)
    return orig[:1].lower() + orig[1:]


def _parse_phrase(src: _Src) -> Optional[Deadline]:
    sub = _match_phrase(src.key)
    return Deadline("phrase", src.text, phrase=sub, wording=_wording(src.orig)) if sub else None


def _parse_annual(src: _Src) -> Optional[Deadline]:
    if src.key == "ежегодно":
        return Deadline("annual", src.text)
    for rx, first, prep in _ANNUAL_FORMS:
        m = rx.fullmatch(src.key)
        if m:
            months = tuple((None, _MONTH_NO[w]) for w in _ANY_MONTH.findall(m["list"]))
            return Deadline("annual", src.text, months=months, months_first=first,
                            prepositional=prep, comma=bool(m["comma"]))
    m = _ANNUAL_TAIL.fullmatch(src.key)
    if m and _match_phrase(m["tail"]):
        return Deadline("annual", src.text, wording=_wording(src.orig[m.start("tail"):]), comma=bool(m["comma"]))
    return None


def _match_day(key: str) -> Optional[tuple[date, bool]]:
    """«31.05.2026» or «10 февраля 2026 г.» → (date, written numerically)."""
    m = _DATE_NUM.fullmatch(key)
    if m:
        return date(int(m["y"]), int(m["m"]), int(m["d"])), True
    m = _DATE_WORDS.fullmatch(key)
    if m:
        return date(int(m["y"]), _MONTH_NO[m["m"]], int(m["d"])), False
    return None


def _parse_date(src: _Src) -> Optional[Deadline]:
    found = _match_day(src.key)
    return Deadline("date", src.text, day=found[0], numeric=found[1]) if found else None


def _parse_until(src: _Src) -> Optional[Deadline]:
    m = _UNTIL.fullmatch(src.key)
    if not m:
        return None
    found = _match_day(m["rest"])
    if found:
        return Deadline("until", src.text, day=found[0], numeric=found[1])
    target = _UNTIL_MONTH.fullmatch(m["rest"])
    if target:
        return Deadline("until", src.text, months=((_int(target["y"]), _MONTH_NO[target["m"]]),))
    return None


def _parse_part(src: _Src) -> Optional[Deadline]:
    m = _PART.fullmatch(src.key)
    if not m:
        return None
    kind = _PART_KIND[m["w"]]
    roman = not m["n"].isdigit()
    part = _ROMAN_NO[m["n"]] if roman else int(m["n"])
    if part > _PART_MAX[kind]:
        return None
    return Deadline(kind, src.text, part=part, roman=roman, year=_int(m["y"]))


def _parse_years(src: _Src) -> Optional[Deadline]:
    m = _YEARS.fullmatch(src.key)
    if not m or int(m["a"]) >= int(m["b"]):
        return None
    return Deadline("years", src.text, year=int(m["a"]), last_year=int(m["b"]), during=bool(m["during"]))


def _parse_year(src: _Src) -> Optional[Deadline]:
    m = _ONE_YEAR.fullmatch(src.key)
    return Deadline("year", src.text, year=int(m["y"]), during=bool(m["during"])) if m else None


def _parse_range(src: _Src) -> Optional[Deadline]:
    m = _RANGE.fullmatch(src.key)
    if not m:
        return None
    ends = _complete_range((_int(m["y1"]), _MONTH_NO[m["m1"]]), (_int(m["y2"]), _MONTH_NO[m["m2"]]))
    return Deadline("range", src.text, months=ends) if ends else None


def _parse_months(src: _Src) -> Optional[Deadline]:
    found = [_month_item(k, o) for k, o in zip(_LIST_COMMA.split(src.key), _LIST_COMMA.split(src.orig))]
    items = [item for item in found if item is not None]
    if not items or len(items) != len(found):
        return None
    months = _inherit_years(month for month, _ in items)
    return Deadline("months", src.text, months=months, notes=tuple(note for _, note in items))


def _month_item(key: str, orig: str) -> Optional[tuple[MonthRef, str]]:
    """«май 2026 г. (ВГР)» → ((2026, 5), "ВГР"); the note keeps the clerk's case."""
    m = _MONTH_ITEM.fullmatch(key)
    if not m or (m["n1"] is not None and m["n2"] is not None):
        return None
    group = "n1" if m["n1"] is not None else "n2"
    note = _normalise(orig[m.start(group):m.end(group)]) if m[group] is not None else ""
    return (_int(m["y"]), _MONTH_NO[m["m"]]), note


_PARSERS: tuple[Callable[[_Src], Optional[Deadline]], ...] = (
    _parse_phrase, _parse_annual, _parse_until, _parse_date, _parse_part,
    _parse_years, _parse_year, _parse_range, _parse_months,
)


def _int(value: Optional[str]) -> Optional[int]:
    return int(value) if value is not None else None


def _inherit_years(months: Iterable[MonthRef]) -> tuple[MonthRef, ...]:
    """«январь, май 2026 г.»: a year covers the months before it that have none."""
    result: list[MonthRef] = []
    carry: Optional[int] = None
    for year, month in reversed(list(months)):
        carry = year if year is not None else carry
        result.append((carry, month))
    return tuple(reversed(result))


def _complete_range(start: MonthRef, end: MonthRef) -> Optional[tuple[MonthRef, MonthRef]]:
    """Give both ends a year when one has it; None for a range running backwards."""
    (y1, m1), (y2, m2) = start, end
    if y1 is None and y2 is not None:
        y1 = y2 if m1 <= m2 else y2 - 1
    elif y2 is None and y1 is not None:
        y2 = y1 if m2 >= m1 else y1 + 1
    if y1 is not None and y2 is not None and (y1, m1) > (y2, m2):
        return None
    return (y1, m1), (y2, m2)


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

# --------------------------------------------------------------------------- span


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _no_span(d: Deadline) -> None:
    return None


def _span_months(d: Deadline) -> Optional[tuple[date, date]]:
    """Months (and a range's two ends): from the earliest to the latest dated month."""
    dated = sorted((y, m) for y, m in d.months if y is not None)
    if not dated:
        return None
    return _month_span(*dated[0])[0], _month_span(*dated[-1])[1]


def _span_until(d: Deadline) -> Optional[tuple[date, date]]:
    if d.day is not None:
        return d.day, d.day
    year, month = d.months[0]
    return (date(year, month, 1),) * 2 if year is not None else None


def _span_part(d: Deadline) -> Optional[tuple[date, date]]:
    if d.year is None or d.part is None:
        return None
    size = 12 // _PART_MAX[d.kind]
    return _month_span(d.year, (d.part - 1) * size + 1)[0], _month_span(d.year, d.part * size)[1]


def _span_years(d: Deadline) -> Optional[tuple[date, date]]:
    assert d.year is not None
    return date(d.year, 1, 1), date(d.last_year or d.year, 12, 31)


_SPANS: dict[str, Callable[[Deadline], Optional[tuple[date, date]]]] = {
    "date": lambda d: (d.day, d.day) if d.day else None, "until": _span_until,
    "months": _span_months, "range": _span_months, "half": _span_part, "quarter": _span_part,
    "year": _span_years, "years": _span_years,
}

# --------------------------------------------------------------------------- shift


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
        year=d.year + years if d.year is not None else None,
        last_year=d.last_year + years if d.last_year is not None else None,
    )
    return replace(moved, text=render_deadline(moved, DeadlineStyle(AS_WRITTEN, " – ", AS_WRITTEN)))


def _shift_day(day: date, years: int) -> date:
    year = day.year + years
    return date(year, day.month, min(day.day, calendar.monthrange(year, day.month)[1]))


def mentions_year(d: Deadline) -> bool:
    """True when a year sits in words that :func:`shift_deadline` cannot move.

    That is a «free» phrase («к 1 сентября 2026 г.») or the verbatim wording of
    a phrase or note («по плану на 2026 год»): on rollover the caller warns.
    """
    verbatim = [d.text] if d.kind == "free" else [d.wording, *d.notes]
    return any(_YEAR_IN_TEXT.search(part) for part in verbatim)


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
    return _day_data(d) if d.day is not None else {"month": _month_str(d.months[0])}


def _months_data(d: Deadline) -> Data:
    data: Data = {"months": [_month_str(m) for m in d.months]}
    if any(d.notes):
        data["notes"] = list(d.notes)
    return data


def _part_data(d: Deadline) -> Data:
    data: Data = {d.kind: str(d.part), "numeral": "roman" if d.roman else "arabic"}
    if d.year is not None:
        data["year"] = str(d.year)
    return data


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
    }


_TO_DATA: dict[str, Callable[[Deadline], Data]] = {
    "date": _day_data,
    "until": _until_data,
    "months": _months_data,
    "range": lambda d: {"from": _month_str(d.months[0]), "to": _month_str(d.months[1])},
    "half": _part_data,
    "quarter": _part_data,
    "year": lambda d: {"year": str(d.year), "during": _yes(d.during)},
    "years": lambda d: {"from": str(d.year), "to": str(d.last_year), "during": _yes(d.during)},
    "annual": _annual_data,
    "phrase": lambda d: {"phrase": d.phrase, "wording": d.wording},
    "free": lambda d: {},
}

# --------------------------------------------------------------------------- from_data


def _quoted(values: Iterable[str]) -> str:
    return ", ".join(f"«{v}»" for v in values)


def _unknown_kind(kind: object) -> str:
    return f"неизвестный вид срока «{kind}»; допустимые: {', '.join(KINDS)}"


class _Fields:
    """Reads one kind's fields from a mapping, with Russian messages for the clerk."""

    _YES_NO = {"yes": True, "да": True, "true": True, "no": False, "нет": False, "false": False}

    def __init__(self, data: Data, kind: str, allowed: tuple[str, ...]) -> None:
        unknown = [k for k in data if k not in ("kind", "text", *allowed)]
        if unknown:
            fields = ", ".join(allowed) or "только text"
            raise ValueError(f"поле «{unknown[0]}» не подходит к виду срока «{kind}»; допустимые поля: {fields}")
        self.data, self.kind = data, kind

    def value(self, key: str, required: bool = True) -> Optional[str]:
        value = self.data.get(key)
        if value is None or value == "":
            if required:
                raise ValueError(f"у срока вида «{self.kind}» не указано поле «{key}»")
            return None
        if not isinstance(value, str):
            raise ValueError(f"поле «{key}» срока должно быть строкой, а не списком")
        return value.strip()

    def values(self, key: str, required: bool = True) -> list[str]:
        value = self.data.get(key)
        items = [value] if isinstance(value, str) else list(value or [])
        if not items and required:
            raise ValueError(f"у срока вида «{self.kind}» не указано поле «{key}» (список)")
        return [str(v).strip() for v in items]

    def choice(self, key: str, options: tuple[str, str]) -> bool:
        """A two-way field (first option is the default); True for the second option."""
        value = self.value(key, required=False) or options[0]
        if value not in options:
            raise ValueError(f"поле «{key}» срока: «{value}» не подходит; допустимые: {_quoted(options)}")
        return value == options[1]

    def flag(self, key: str) -> bool:
        value = (self.value(key, required=False) or "no").lower()
        if value not in self._YES_NO:
            raise ValueError(f"поле «{key}» срока: «{value}» не подходит; допустимые: «yes», «no»")
        return self._YES_NO[value]


def _data_month(value: str) -> MonthRef:
    """«2026-02», «02» or a month name in any case («февраль», «в феврале» without «в»)."""
    m = re.fullmatch(r"(?:(\d{4})-)?(\d{1,2})", value)
    if m and 1 <= int(m[2]) <= 12:
        return _int(m[1]), int(m[2])
    name = value.lower().replace("ё", "е")
    if name in _MONTH_NO:
        return None, _MONTH_NO[name]
    raise ValueError(f"месяц «{value}» не распознан: ожидается ГГГГ-ММ, ММ или название месяца")


def _data_year(value: Optional[str]) -> Optional[int]:
    if value is None:
        return None
    if not re.fullmatch(r"\d{4}", value):
        raise ValueError(f"год «{value}» не распознан: ожидаются четыре цифры")
    return int(value)


def _data_day(f: _Fields) -> dict[str, object]:
    value = f.value("date")
    assert value is not None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"дата «{value}» не распознана: ожидается ГГГГ-ММ-ДД, например 2026-05-31") from None
    return {"day": day, "numeric": not f.choice("format", ("numeric", "words"))}


def _from_until(f: _Fields) -> dict[str, object]:
    if f.data.get("date") and f.data.get("month"):
        raise ValueError("у срока вида «until» укажите либо date, либо month, но не оба")
    if f.data.get("date"):
        return _data_day(f)
    return {"months": (_data_month(f.value("month") or ""),)}


def _from_months(f: _Fields) -> dict[str, object]:
    months = _inherit_years(_data_month(v) for v in f.values("months"))
    notes = [_normalise(n) for n in f.values("notes", required=False)] or [""] * len(months)
    if len(notes) != len(months):
        raise ValueError(f"примечаний ({len(notes)}) должно быть столько же, сколько месяцев ({len(months)})")
    if any("(" in n or ")" in n for n in notes):
        raise ValueError("примечание к месяцу не может содержать скобки")
    return {"months": months, "notes": tuple(notes)}


def _from_range(f: _Fields) -> dict[str, object]:
    ends = _complete_range(_data_month(f.value("from") or ""), _data_month(f.value("to") or ""))
    if ends is None:
        raise ValueError("начало периода позже его конца")
    return {"months": ends}


def _from_part(f: _Fields) -> dict[str, object]:
    value = f.value(f.kind) or ""
    limit = _PART_MAX[f.kind]
    if not value.isdigit() or not 1 <= int(value) <= limit:
        raise ValueError(f"номер {_PART_GENITIVE[f.kind]} должен быть от 1 до {limit}, а не «{value}»")
    return {"part": int(value), "roman": f.choice("numeral", ("arabic", "roman")),
            "year": _data_year(f.value("year", required=False))}


def _from_years(f: _Fields) -> dict[str, object]:
    first, last = _data_year(f.value("from")), _data_year(f.value("to"))
    assert first is not None and last is not None
    if first >= last:
        raise ValueError(f"первый год ({first}) должен быть раньше последнего ({last})")
    return {"year": first, "last_year": last, "during": f.flag("during")}


def _from_annual(f: _Fields) -> dict[str, object]:
    tail = f.value("tail", required=False)
    months = tuple(_data_month(v) for v in f.values("months", required=False))
    if tail and months:
        raise ValueError("у ежегодного срока укажите либо месяцы, либо tail, но не оба")
    if any(y is not None for y, _ in months):
        raise ValueError("у ежегодного срока месяцы указываются без года, например «06» или «июнь»")
    if tail:
        if not _match_phrase(_source(tail).key):
            raise ValueError(f"продолжение «{tail}» после «ежегодно» не распознано; пример: «по отдельному графику»")
        return {"wording": _wording(_normalise(tail)), "comma": f.flag("comma")}
    if not months:
        return {}
    return {"months": months, "comma": f.flag("comma"),
            "months_first": f.choice("order", ("annual_first", "months_first")),
            "prepositional": f.choice("case", ("nominative", "prepositional"))}


def _from_phrase(f: _Fields) -> dict[str, object]:
    sub = f.value("phrase", required=False)
    wording = f.value("wording", required=sub is None)
    if sub is not None and sub not in _PHRASE_WORDING:
        raise ValueError(f"неизвестный вид фразы «{sub}»; допустимые: {', '.join(_PHRASE_WORDING)}")
    found = _match_phrase(_source(wording).key) if wording else sub
    if found is None or (sub is not None and found != sub):
        raise ValueError(f"формулировка «{wording}» не подходит к виду фразы «{sub}»")
    return {"phrase": found, "wording": _wording(_normalise(wording or _PHRASE_WORDING[found]))}


#: kind → (allowed fields, reader).
_FROM_DATA: dict[str, tuple[tuple[str, ...], Callable[[_Fields], dict[str, object]]]] = {
    "date": (("date", "format"), _data_day),
    "until": (("date", "format", "month"), _from_until),
    "months": (("months", "notes"), _from_months),
    "range": (("from", "to"), _from_range),
    "half": (("half", "numeral", "year"), _from_part),
    "quarter": (("quarter", "numeral", "year"), _from_part),
    "year": (("year", "during"), lambda f: {"year": _data_year(f.value("year")), "during": f.flag("during")}),
    "years": (("from", "to", "during"), _from_years),
    "annual": (("months", "order", "case", "comma", "tail"), _from_annual),
    "phrase": (("phrase", "wording"), _from_phrase),
    "free": ((), lambda f: {}),
}


def deadline_from_data(data: Data) -> Deadline:
    """Build a deadline from its structured form (:meth:`Deadline.to_data`).

    Lenient where a clerk writes the mapping by hand (a month may be «февраль»,
    a flag «да»), strict about anything it cannot understand: ValueError with a
    Russian message. Without ``text`` the text is the deadline's own rendering.
    """
    kind = data.get("kind")
    if not kind:
        raise ValueError(f"не указан вид срока (kind); допустимые: {', '.join(KINDS)}")
    if not isinstance(kind, str) or kind.strip() not in _FROM_DATA:
        raise ValueError(_unknown_kind(kind))
    kind = kind.strip()
    allowed, reader = _FROM_DATA[kind]
    fields = _Fields(data, kind, allowed)
    text = data.get("text")
    if text is not None and not isinstance(text, str):
        raise ValueError("поле «text» срока должно быть строкой, а не списком")
    d = Deadline(kind, _normalise(text or ""), **reader(fields))  # type: ignore[arg-type]
    if text is None and kind != "free":
        d = replace(d, text=render_deadline(d, DeadlineStyle(capitalize="lower")))
    return d

"""The vocabulary of deadlines and the clerk's text made comparable.

The tables the parser, the renderer and the data reader share: month names in
three cases, year suffixes, undated phrases with the wording used when only
their sub-kind is given, half-years and quarters. Also how a phrase becomes
its match *key* (:func:`_source`) and how a phrase's own words are kept
(:func:`_wording`), which both the parser and :func:`deadline_from_data` use.
"""

from __future__ import annotations

from ..lazyre import LazyPattern
from ..slotted import FrozenSlotted

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
#: plural, plural after «в течение», singular after «в» («в 2025 году»),
#: plural after «в» («в 2026–2027 годах»)).
_YEAR_SUFFIXES: dict[str, tuple[str, str, str, str, str, str]] = {
    "г.": ("г.", "г.", "гг.", "гг.", "г.", "гг."),
    "года": ("года", "года", "годы", "годов", "году", "годах"),
    "год": ("год", "года", "годы", "годов", "году", "годах"),
    "": ("", "", "", "", "", ""),
}
#: How a clerk wrote the suffix → the style it stands for (for ``as_written``).
#: «году»/«годах» name no style of their own: «года» prints them the same.
_SUFFIX_WRITTEN = {
    "г": "г.", "гг": "г.", "года": "года", "годов": "года",
    "год": "год", "годы": "год", "году": "года", "годах": "года",
}
_CAPITALIZE = (AS_WRITTEN, "upper", "lower")

_ONCE = r"(?:(?:1|один) )?раз в "
_AFTER = r"по (?:итогам|результатам) "
_ORDINAL = r"(?:[1-4]|iv|iii|ii|i)(?:-?(?:ой|ого|го|й))?"
#: Undated phrases: sub-kind → pattern over the key. Schedules, plans and
#: requests may carry a qualifier («по графику оценочных процедур»).
_PHRASES: tuple[tuple[str, str], ...] = (
    ("always", r"постоянно"),
    ("as_needed", r"по (?:мере )?(?:необходимости|потребности)"),
    ("during_school_year", r"в течение (?:всего )?учебного года"),
    ("during_year", r"в течение (?:всего )?(?:календарного )?года"),
    ("whole_period", r"(?:весь период|в течение всего периода)(?: .+)?"),
    ("until_school_year_end", r"до (?:конца|окончания) учебного года"),
    ("until_year_end", r"до конца (?:календарного )?года"),
    ("schedule", r"(?:по|согласно) (?:\w+ )?графику(?: .+)?|в соответствии с (?:\w+ )?графиком(?: .+)?"),
    ("on_request", r"по запрос(?:у|ам)(?: .+)?"),
    ("by_plan", r"(?:по|согласно) (?:\w+ )?плану(?: .+)?|в соответствии с (?:\w+ )?планом(?: .+)?"),
    # Recurring without a date: nothing to check against the period, nothing to move.
    ("daily", rf"ежедневно|{_ONCE}день"),
    ("weekly", rf"еженедельно|{_ONCE}неделю"),
    ("monthly", rf"ежемесячно|{_ONCE}месяц"),
    ("quarterly", rf"ежеквартально|{_ONCE}квартал"),
    ("per_term", rf"{_ONCE}(?:четверть|триместр)"),
    ("half_yearly", rf"{_ONCE}(?:полугодие|полгода)|(?:2|два) раза в год"),
    ("yearly", rf"{_ONCE}год"),
    ("after_term", rf"{_AFTER}(?:каждой |каждого |{_ORDINAL} )?(?:четверти|триместра|полугодия|квартала|месяца)"),
    ("after_year", rf"{_AFTER}(?:учебного |календарного )?года"),
)
#: The wording used when a structured deadline names only the sub-kind.
_PHRASE_WORDING = {
    "always": "постоянно", "as_needed": "по мере необходимости", "during_school_year": "в течение учебного года",
    "during_year": "в течение года", "whole_period": "весь период", "until_school_year_end": "до конца учебного года",
    "until_year_end": "до конца года", "schedule": "по графику", "on_request": "по запросу", "by_plan": "по плану",
    "daily": "ежедневно", "weekly": "еженедельно", "monthly": "ежемесячно", "quarterly": "ежеквартально",
    "per_term": "1 раз в четверть", "half_yearly": "1 раз в полугодие", "yearly": "1 раз в год",
    "after_term": "по итогам четверти", "after_year": "по итогам учебного года",
}
_PHRASE_RES = tuple((sub, LazyPattern(rx)) for sub, rx in _PHRASES)
#: The characters each phrase's pattern may start with (tests/test_deadline_words.py derives them from the
#: patterns): a key is tried only against the phrases its first character allows, so a dated deadline
#: («апрель – май 2026 г.») compiles none of the nineteen patterns (issue 12: validate's start-up).
_PHRASE_FIRST = {
    "always": "п", "as_needed": "п", "during_school_year": "в", "during_year": "в", "whole_period": "в",
    "until_school_year_end": "д", "until_year_end": "д", "schedule": "пвс", "on_request": "п", "by_plan": "пвс",
    "daily": "е1ор", "weekly": "е1ор", "monthly": "е1ор", "quarterly": "е1ор", "per_term": "1ор",
    "half_yearly": "1ор2д", "yearly": "1ор", "after_term": "п", "after_year": "п",
}
_PHRASES_BY_FIRST = {first: tuple((sub, rx) for sub, rx in _PHRASE_RES if first in _PHRASE_FIRST[sub])
                     for first in "".join(_PHRASE_FIRST.values())}

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_ROMAN_NO = {v.lower(): k for k, v in _ROMAN.items()}
#: Half-year and quarter: nominative, genitive («в течение I квартала»), prepositional («в I квартале»).
#: A school term («четверть») is read by its own pattern (its year is a school year), so it is not in
#: :data:`_PART_KIND`, which the calendar half-year and quarter pattern matches.
_PART_FORMS = {"half": ("полугодие", "полугодия", "полугодии"), "quarter": ("квартал", "квартала", "квартале"),
               "term": ("четверть", "четверти", "четверти")}
_PART_WORD = {kind: forms[0] for kind, forms in _PART_FORMS.items()}
_PART_GENITIVE = {kind: forms[1] for kind, forms in _PART_FORMS.items()}
_PART_KIND = {form: kind for kind, forms in _PART_FORMS.items() for form in forms if kind != "term"}
_PART_MAX = {"half": 2, "quarter": 4, "term": 4}
#: Ordinals in words by the noun's gender: (nominative, genitive, prepositional), as for :data:`_PART_FORMS`.
#: «четвертый» with «е»: the key reads «ё» as «е», and official documents print «е».
_ORDINAL_WORDS: dict[str, dict[int, tuple[str, str, str]]] = {
    "half": {1: ("первое", "первого", "первом"), 2: ("второе", "второго", "втором")},
    "quarter": {1: ("первый", "первого", "первом"), 2: ("второй", "второго", "втором"),
                3: ("третий", "третьего", "третьем"), 4: ("четвертый", "четвертого", "четвертом")},
    "term": {1: ("первая", "первой", "первой"), 2: ("вторая", "второй", "второй"),
             3: ("третья", "третьей", "третьей"), 4: ("четвертая", "четвертой", "четвертой")},
}
#: Any ordinal in words → its number, whatever the gender or case («первого», «третью»).
_ORDINAL_NO = {form: n for table in _ORDINAL_WORDS.values() for n, forms in table.items() for form in forms}
_ORDINAL_NO.update({"третье": 3, "третьего": 3, "третьем": 3, "четвертое": 4, "четвертого": 4, "четвертом": 4})
#: «учебный год» in full and abbreviated, by case as for :data:`_PART_FORMS`.
_SCHOOL_YEAR_WORDS = {
    False: ("учебный год", "учебного года", "учебном году"),
    True: ("уч. год", "уч. года", "уч. году"),
}


# --------------------------------------------------------------------------- text

_SPACES = LazyPattern(r"\s+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u00ad\ufeff"))
_TRAILING = LazyPattern(r"(?<![гГ])\s*[.,;]$")
_SPACED_HYPHEN = LazyPattern(r"\s[-–—]\s")
_YEAR_IN_TEXT = LazyPattern(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


class _Src(FrozenSlotted):
    """A phrase three ways: as kept (``text``), trimmed (``orig``) and its match key."""

    __slots__ = ("text", "orig", "key")
    text: str
    orig: str
    key: str

    def __init__(self, text: str, orig: str, key: str) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "orig", orig)
        object.__setattr__(self, "key", key)


def _normalise(text: str) -> str:
    """One space for any run of whitespace (NBSP, a line break inside a table cell)."""
    return _SPACES.sub(" ", text.translate(_INVISIBLE)).strip()


def _source(text: str) -> _Src:
    norm = _normalise(text)
    orig = _TRAILING.sub("", norm)
    return _Src(norm, orig, _key(orig))


def _key(orig: str) -> str:
    """Each character lowered on its own, kept when lowering would lengthen it («İ»): the key stays as
    long as the original, so match positions cut the original too.

    ``str.lower`` of the whole phrase gives the same in one call unless a character lengthens (then the
    lengths differ) or a «Σ» is there (the whole string's lowering knows the final «ς»); only then the
    characters are lowered one by one (tests/test_deadline_cache.py compares both ways).
    """
    lowered = orig.lower()
    if len(lowered) != len(orig) or "Σ" in orig:
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in orig)
    return lowered.replace("ё", "е")


def _match_phrase(key: str) -> str | None:
    return next((sub for sub, rx in _PHRASES_BY_FIRST.get(key[:1], ()) if rx.fullmatch(key)), None)


def _wording(orig: str) -> str:
    """The clerk's words with the first letter lowered (case is the style's business).

    A phrase typed with Caps Lock on is lowered as a whole; mixed case is kept,
    so abbreviations («по запросу ОО») survive.
    """
    orig = _SPACED_HYPHEN.sub(" – ", orig.lower() if orig.isupper() else orig)
    return orig[:1].lower() + orig[1:]

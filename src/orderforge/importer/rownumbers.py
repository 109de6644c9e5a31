"""The numbers a plan row shows: in the № cell («1.2.»), or at the start of a text («1.1. Анализ …», «I. Раздел»).

Read by :mod:`.tables` (whether a table continues the plan) and :mod:`.structure` (where a row goes).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lazyre import LazyPattern, pattern_for
from .imported import Number
from .text import clean

_NUM_CELL = LazyPattern(r"^((?:\d{1,3}\.)*\d{1,3})(\.?)$")
_NUM_LEAD = LazyPattern(r"^(?:раздел\s+)?((?:\d{1,2}\.)*\d{1,2})(\.?)\s*(?=[«\"(A-ZА-ЯЁa-zа-яё])(.+)$", re.I)
_ROMAN_LEAD = LazyPattern(r"^((?:X{0,2})(?:IX|IV|V?I{0,3}))\.\s+(?=[«\"A-ZА-ЯЁ])(.+)$")
_ROMAN_VALUE = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}


@lru_cache(maxsize=32768)  # above MAX_ROWS: every row's number is asked for three times while reading
def parse_number(text: str) -> Number | None:
    """«1.2.» → Number((1, 2), dot, «1.2.»); None when the cell holds no number. A Number is frozen,
    so the one made for a text is shared by every caller."""
    value = clean(text)
    m = _NUM_CELL.match(value)
    if not m:
        return None
    return Number(tuple(map(int, m.group(1).split("."))), bool(m.group(2)), value)


def split_leading_number(text: str) -> tuple[Number | None, str]:
    """«1.1. Система оценки …» → (1.1., «Система оценки …»); «I. Раздел» → (1, …)."""
    value = clean(text)
    m = _NUM_LEAD.match(value)
    if m and not pattern_for(r"^\d{4}\b").match(value):
        return Number(tuple(int(p) for p in m.group(1).split(".")), bool(m.group(2)),
                      m.group(1) + m.group(2)), m.group(3).strip()
    m = _ROMAN_LEAD.match(value)
    if m and m.group(1) in _ROMAN_VALUE:
        return Number((_ROMAN_VALUE[m.group(1)],), True, m.group(1) + "."), m.group(2).strip()
    return None, value


def follows(last: Number, number: Number) -> bool:
    """Whether ``number`` can come right after ``last`` in a plan: the next item at some depth
    (a gap of one allowed, as typed plans have them) or the first item under it («1.2» → «1.2.1»)."""
    a, b = last.parts, number.parts
    if len(b) > len(a) and b[: len(a)] == a and all(p == 1 for p in b[len(a):]):
        return True
    for depth in range(len(a)):
        if b[:depth] == a[:depth] and len(b) > depth and b[depth] in (a[depth] + 1, a[depth] + 2) \
                and all(p == 1 for p in b[depth + 1:]):
            return True
    return False


def text_number(text: str) -> tuple[Number | None, str]:
    """«1.1.1. Проведение ВПР» → (1.1.1., «Проведение ВПР»); (None, text) when the text has no number.

    Stricter than :func:`split_leading_number`: the number must end with a dot or have
    two parts and be followed by a space, so «5 классов …» or «2025 год» stay text.
    """
    number, rest = split_leading_number(text)
    value = clean(text)
    if number is None or not re.match(r"^(?:\d{1,2}\.)*\d{1,2}\.?\s", value) or (not number.dot and number.depth < 2):
        return None, value
    return number, rest


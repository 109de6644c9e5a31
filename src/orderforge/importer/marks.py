"""The appendix mark («Приложение к приказу … от … № …») and an approval stamp («УТВЕРЖДЕН …»).

Found in the lines after the order (:func:`_find_marks`); the stamp is reported
(IM131), the appendix mark gives the issuer in the genitive and is cross-checked
against the order's date and number (IM134).
"""

from __future__ import annotations

import re
from datetime import date

from ..dates import find_date, find_date_end
from ..lazyre import LazyPattern
from ..slotted import Slotted
from .imported import ApprovalOut, Line, OrderOut, _Reader
from .order import _APPENDIX, _STAMP, cut_at_number_sign, parse_number_sign
from .text import _short, clean

_Date = date  # the field named «date» hides the type inside the class


class _Mark(Slotted):
    """An appendix mark or approval stamp: its lines and what they say."""

    __slots__ = ("kind", "lines", "genitive", "date", "number", "text")
    kind: str  # "appendix" | "stamp"
    lines: list[int]
    genitive: str
    date: _Date | None
    number: str
    text: str

    def __init__(self, kind: str, lines: list[int], genitive: str, date: _Date | None, number: str,
                 text: str) -> None:
        self.kind, self.lines, self.genitive, self.date, self.number, self.text = \
            kind, lines, genitive, date, number, text


def _find_marks(lines: list[Line], start: int) -> list[_Mark]:
    marks: list[_Mark] = []
    i = start
    while i < len(lines):
        text = lines[i].text
        kind = "appendix" if _APPENDIX.match(text) else "stamp" if _STAMP.match(text) else ""
        if not kind:
            i += 1
            continue
        taken = [i]
        joined = text
        j = i
        while find_date(joined) is None and j + 1 < len(lines) and len(taken) < 8:
            j += 1
            if lines[j].text:
                taken.append(j)
                joined = f"{joined} {lines[j].text}"
        if find_date(joined) is None:
            taken, joined, j = _mark_lines(lines, i)
        # the number may follow on the next line («от 11.02.2026» / «№ 113»)
        if not parse_number_sign(joined) and j + 1 < len(lines) and lines[j + 1].text.startswith("№"):
            j += 1
            taken.append(j)
            joined = f"{joined} {lines[j].text}"
        marks.append(_Mark(kind, taken, _genitive(kind, joined), find_date(joined), _mark_number(joined), joined))
        i = max(taken) + 1
    return marks


_MARK_GOES_ON = LazyPattern(r"^(к\s+(приказу|распоряжению|постановлению)\b|от\b|№)", re.I)


def _mark_lines(lines: list[Line], i: int) -> tuple[list[int], str, int]:
    """A mark without a date (a draft: «Приложение к приказу» / «от ______ № ____»): its first line and
    the lines that plainly continue it, so that they do not end up in the plan's title."""
    taken, joined, j = [i], lines[i].text, i
    while j + 1 < len(lines) and len(taken) < 4 and _MARK_GOES_ON.match(lines[j + 1].text):
        j += 1
        taken.append(j)
        joined = f"{joined} {lines[j].text}"
    return taken, joined, j


def _genitive(kind: str, joined: str) -> str:
    """Who issued the order, in the genitive: after «к приказу» / «приказом», up to «от».

    When the number stands before the date («к приказу Управления образования № 245-о
    от 28.08.2025») the genitive ends at that «№»; when it follows the date, a «№» before
    it is part of the name («директора МАОУ гимназии № 1 от 17.02.2022 № 116»).
    """
    verb = r"(?:приказом|распоряжением|постановлением)" if kind == "stamp" else \
        r"к\s+(?:приказу|распоряжению|постановлению)"
    m = re.search(rf"\b{verb}\b\s*(.*)$", joined, re.I)
    if not m:
        return ""
    genitive = re.split(r"(?:^|\s)от\b", m.group(1), maxsplit=1, flags=re.I)[0]
    return clean(genitive) if _number_after_date(joined) else cut_at_number_sign(genitive)


def _number_after_date(joined: str) -> str:
    after_date = find_date_end(joined)
    return parse_number_sign(joined[after_date:]) if after_date else ""


def _mark_number(joined: str) -> str:
    """The order's number in a mark, after the date («от … № 113») or before it («№ 245-о от …»)."""
    return _number_after_date(joined) or parse_number_sign(joined[_verb_end(joined):])


def _verb_end(joined: str) -> int:
    """Where «к приказу» / «приказом» ends: a «№» before it numbers the appendix, not the order."""
    m = re.search(r"\b(?:к\s+)?(?:приказ|распоряжени|постановлени)\w*", joined, re.I)
    return m.end() if m else 0


_KIND_OF_VERB = (("распоряж", "распоряжение"), ("постановл", "постановление"), ("приказ", "приказ"))


def mark_kind(text: str) -> str:
    """The kind of the approving document as the mark names it: «распоряжением» → распоряжение."""
    m = re.search(r"\b(?:к\s+)?(приказ|распоряж|постановл)\w*", text, re.I)
    if not m:
        return "приказ"
    stem = m.group(1).lower()
    return next(kind for prefix, kind in _KIND_OF_VERB if stem.startswith(prefix))


def approval_of(marks: list[_Mark]) -> ApprovalOut | None:
    """The stamp of a plan without an order, when it names a приказ or распоряжение with its date and
    number (``approval:`` of the plan format); None otherwise (the stamp is only reported)."""
    for mark in marks:
        kind = mark_kind(mark.text)
        if mark.kind == "stamp" and mark.date and mark.number and mark.genitive and kind in ("приказ", "распоряжение"):
            return ApprovalOut(kind, mark.genitive, mark.date, mark.number)
    return None


def _check_marks(reader: _Reader, order: OrderOut | None, marks: list[_Mark]) -> None:
    """An approval stamp is reported; the appendix mark gives issuer_genitive and is cross-checked."""
    for mark in marks:
        if mark.kind == "stamp":
            details = ", ".join(x for x in (
                f"{mark_kind(mark.text)} {mark.genitive}" if mark.genitive else "",
                f"от {mark.date:%d.%m.%Y}" if mark.date else "",
                f"№ {mark.number}" if mark.number else "") if x)
            tail = ("в плане отметку о приложении строит стиль из order:" if order is not None else
                    "он записан в план как approval:" if approval_of([mark]) is not None else
                    "в плане без приказа (order:) гриф не печатается — добавьте approval: или order:, если он нужен")
            reader.warn("IM131", f"найден гриф утверждения «{_short(mark.text, 60)}»"
                        f"{f' ({details})' if details else ''}; {tail}", "")
        if order is None:
            continue
        if mark.genitive and not order.issuer_genitive:
            order.issuer_genitive = mark.genitive
        if mark.date and order.date and mark.date != order.date:
            reader.warn("IM134", f"дата в отметке «{_short(mark.text, 40)}» ({mark.date:%d.%m.%Y}) не совпадает "
                        f"с датой приказа ({order.date:%d.%m.%Y}); в плане — дата приказа", "")
        if mark.number and order.number and mark.number != order.number:
            reader.warn("IM134", f"номер в отметке «{mark.number}» не совпадает с номером приказа "
                        f"«{order.number}»; в плане — номер приказа", "")
    if order is not None and not order.issuer_genitive:
        reader.info.append("организация в родительном падеже (issuer_genitive) не найдена — отметка о приложении "
                           "будет без неё")

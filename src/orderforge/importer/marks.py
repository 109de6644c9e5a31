"""The appendix mark («Приложение к приказу … от … № …») and an approval stamp («УТВЕРЖДЕН …»).

Found in the lines after the order (:func:`_find_marks`); the stamp is reported
(IM131), the appendix mark gives the issuer in the genitive and is cross-checked
against the order's date and number (IM134).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Optional

from .model import Line, OrderOut, _Reader
from .order import _APPENDIX, _STAMP, _date_end, parse_date, parse_number_sign
from .text import _short, clean


@dataclass
class _Mark:
    """An appendix mark or approval stamp: its lines and what they say."""

    kind: str  # "appendix" | "stamp"
    lines: list[int]
    genitive: str
    date: Optional[date]
    number: str
    text: str


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
        while parse_date(joined) is None and j + 1 < len(lines) and len(taken) < 8:
            j += 1
            if lines[j].text:
                taken.append(j)
                joined = f"{joined} {lines[j].text}"
        if parse_date(joined) is None:
            taken = [i]
            joined = text
        # the number may follow on the next line («от 11.02.2026» / «№ 113»)
        if "№" not in joined and j + 1 < len(lines) and lines[j + 1].text.startswith("№"):
            j += 1
            taken.append(j)
            joined = f"{joined} {lines[j].text}"
        genitive = ""
        m = re.search(r"\bк\s+(?:приказу|распоряжению|постановлению)\s+(.+?)\s+от\b", joined, re.I)
        if kind == "stamp":
            m = re.search(r"\b(?:приказом|распоряжением|постановлением)\s+(.+?)\s+от\b", joined, re.I)
        if m:
            genitive = clean(m.group(1))
        after_date = _date_end(joined)
        number = parse_number_sign(joined[after_date:]) if after_date else ""
        marks.append(_Mark(kind, taken, genitive, parse_date(joined), number or parse_number_sign(joined), joined))
        i = max(taken) + 1
    return marks


def _check_marks(reader: _Reader, order: Optional[OrderOut], marks: list["_Mark"]) -> None:
    """An approval stamp is reported; the appendix mark gives issuer_genitive and is cross-checked."""
    for mark in marks:
        if mark.kind == "stamp":
            details = ", ".join(x for x in (
                f"приказ {mark.genitive}" if mark.genitive else "",
                f"от {mark.date:%d.%m.%Y}" if mark.date else "",
                f"№ {mark.number}" if mark.number else "") if x)
            tail = ("в плане отметку о приложении строит стиль из order:" if order is not None else
                    "в плане без приказа (order:) гриф не печатается — добавьте order:, если он нужен")
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

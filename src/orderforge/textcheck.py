"""Warnings about the clerk's own text that typography cannot repair: unbalanced quotes, impossible dates.

Typography curls quotes and spaces numbers, but it cannot know where a quote
that was never closed should end, nor whether «05.20.2020» meant 20 May or
5 October. These are warnings (the document is built all the same), placed at
the exact line and column of the quote or date in the plan file, so that the
clerk finds it in the editor at once.

Only text values are read: ids, dates, deadlines, periods and references have
their own checks. The file's source is read again only when something is found
(to turn an offset inside a folded value into line:col), so a clean plan costs
one pass over its strings, and only the strings with a quote or a date are checked one by one.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from pathlib import Path

from .diagnostics import Pos, Report
from .lazyre import LazyPattern
from .load import Node, Scalar
from .typography import date_problems, quote_problems
from .yamltree import scalars

#: keys whose values are not running text (checked elsewhere, or not printed as written)
_NOT_TEXT = frozenset({
    "id", "style", "directory", "date", "deadline", "period", "responsible", "signatory", "gender", "kind",
    "number", "numbered", "format", "list", "forms", "position_forms", "initials",
})

_NUMBER = LazyPattern(r"\d[\d.]*\d")


def check_texts(root: Node, path: Path, report: Report) -> None:
    """OF219 for an unbalanced quote, OF220 for a date no calendar has, each at its line:col."""
    source: list[str] = []  # read once, on the first finding
    for scalar in _candidates(scalars(root, _NOT_TEXT)):
        found = [(o, m, "OF219") for o, m in quote_problems(scalar.value)]
        found += [(o, m, "OF220") for o, m in date_problems(scalar.value)]
        for offset, message, code in sorted(found):
            if not source:
                source.append(_read(path))
            pos = locate(source[0], scalar, offset)
            if code == "OF219":
                report.warning(code, pos, message,
                               "проверьте, где кончается название в кавычках, и поставьте парную кавычку")
            else:
                report.warning(code, pos, message,
                               "проверьте дату по документу-источнику: день.месяц.год, например 20.05.2020")


def _candidates(texts: list[Scalar]) -> list[Scalar]:
    """The texts that have a quote or something written like a date: the only ones either check can fault.

    All the texts are joined by NUL (which no value holds and neither check reads), and searched at C
    speed: each quote character by ``str.find``, and dates by :data:`_DATE_START`, a pattern that opens
    with a literal dot. typography's _DATE_IN_TEXT itself opens with a look-behind and a digit class, tried at every
    offset: 40 ms at 5,000 activities, against half a millisecond. Every date it reads holds a
    «.день.год» match of :data:`_DATE_START` (so the texts kept are a superset: the checks then say what
    is wrong), and no match spans the separator, so each hit is its own text's.
    """
    if not texts:
        return texts
    joined = "\0".join(scalar.value for scalar in texts)
    hits = [m.start() for m in _DATE_START.finditer(joined)] if "." in joined else []
    find = joined.find
    for quote in _QUOTES:
        at = find(quote)
        while at >= 0:
            hits.append(at)
            at = find(quote, at + 1)
    if not hits:
        return []
    starts = list(accumulate((len(scalar.value) + 1 for scalar in texts[:-1]), initial=0))
    return [texts[i] for i in sorted({bisect_right(starts, hit) - 1 for hit in hits})]


#: The characters typography's _ANY_QUOTE finds (tests/test_textcheck_guards.py checks they are the same).
_QUOTES = "«„»“\""

#: Where a date typography's _DATE_IN_TEXT could read starts its month: a literal dot first, found by a fast scan.
_DATE_START = LazyPattern(r"\.\d{1,2}\.\d{4}")


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig", errors="replace")
    except OSError:
        return ""


def locate(source: str, scalar: Scalar, offset: int) -> Pos:
    """The line:col in ``source`` of the character at ``offset`` in ``scalar.value``.

    A folded or quoted value is not a slice of the file (line breaks become
    spaces, escapes are resolved), but the character or token at ``offset`` is
    written in the file as it is: the n-th occurrence of it in the value is the
    n-th after the value's start in the file. Falls back to the value's start.
    """
    value = scalar.value
    number = _NUMBER.match(value, offset)
    token = number.group() if number else value[offset:offset + 1]
    start = _offset_of(source, scalar.pos)
    if start is None or not token:
        return scalar.pos
    if scalar.quoted and source[start:start + 1] in "\"'":
        start += 1  # the YAML quote that opens the value is not the clerk's
    index = start - 1
    for _ in range(value.count(token, 0, offset) + 1):
        index = source.find(token, index + 1)
        if index < 0:
            return scalar.pos
    line = source.count("\n", 0, index) + 1
    col = index - (source.rfind("\n", 0, index) + 1) + 1
    return Pos(scalar.pos.file, line, col)


def _offset_of(source: str, pos: Pos) -> int | None:
    if pos.line <= 0:
        return None
    index = 0
    for _ in range(pos.line - 1):
        index = source.find("\n", index) + 1
        if index == 0:
            return None
    return index + max(pos.col - 1, 0)

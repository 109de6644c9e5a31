"""Warnings about the clerk's own text that typography cannot repair: unbalanced quotes, impossible dates.

Typography curls quotes and spaces numbers, but it cannot know where a quote
that was never closed should end, nor whether «05.20.2020» meant 20 May or
5 October. These are warnings (the document is built all the same), placed at
the exact line and column of the quote or date in the plan file, so that the
clerk finds it in the editor at once.

Only text values are read: ids, dates, deadlines, periods and references have
their own checks. The file's source is read again only when something is found
(to turn an offset inside a folded value into line:col), so a clean plan costs
one pass over its strings.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .diagnostics import Pos, Report
from .lazyre import LazyPattern
from .load import Map, Node, Scalar, Seq
from .typography import date_problems, quote_problems

#: keys whose values are not running text (checked elsewhere, or not printed as written)
_NOT_TEXT = frozenset({
    "id", "style", "directory", "date", "deadline", "period", "responsible", "signatory", "gender", "kind",
    "number", "numbered", "format", "list", "forms", "position_forms", "initials",
})

_NUMBER = LazyPattern(r"\d[\d.]*\d")


def check_texts(root: Node, path: Path, report: Report) -> None:
    """OF219 for an unbalanced quote, OF220 for a date no calendar has, each at its line:col."""
    source: list[str] = []  # read once, on the first finding
    for scalar in _text_scalars(root):
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


def _text_scalars(node: Node) -> Iterator[Scalar]:
    if isinstance(node, Scalar):
        yield node
    elif isinstance(node, Seq):
        for item in node.items:
            yield from _text_scalars(item)
    elif isinstance(node, Map):
        for entry in node:
            if entry.key not in _NOT_TEXT:
                yield from _text_scalars(entry.value)


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

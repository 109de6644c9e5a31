"""Where a YAML text's comments and blank lines are: the gaps between the tokens that cover its text.

Split from yamlcomments.py, which decides what each comment belongs to; this module only finds them
(:class:`Finder`), from the text's own «#» and blank lines, and says where a block scalar's text ends.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from itertools import accumulate, islice
from operator import attrgetter, itemgetter, le

from .lazyre import LazyPattern
from .slotted import FrozenSlotted

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs fmt's start-up (issue 12)
    import re
    from typing import Any


class Comment(FrozenSlotted):
    """A comment (``text`` from «#») or a blank line (``text`` empty) and where it was."""

    __slots__ = ("text", "index", "line", "col")
    text: str
    index: int
    line: int
    col: int

    def __init__(self, text: str, index: int, line: int, col: int) -> None:
        for name, value in (("text", text), ("index", index), ("line", line), ("col", col)):
            object.__setattr__(self, name, value)


def _covered_end(token: Any, text: str) -> int:
    """Where a token's text ends; a block scalar ends at its last line with text (blank lines are layout)."""
    end: int = token.end_mark.index
    if token.id != "<scalar>" or token.style not in ("|", ">"):
        return end
    header_end = text.find("\n", token.start_mark.index, end)
    if header_end < 0 or "+" in _block_header(text, token.start_mark.index):
        return end
    last = token.start_mark.index + len(text[token.start_mark.index:end].rstrip())
    stop = text.find("\n", max(last, header_end), end)
    return end if stop < 0 else stop


_BLOCK_HEADER = LazyPattern(r"[|>][0-9+-]*")
_HEADER_COMMENT = LazyPattern(r"[ \t]+(#[^\n]*)")
_HASH = LazyPattern("#")
_BLANK_LINE = LazyPattern(r"\n[ \t]*(?=\n)")  # a line break, then a blank line that another one ends
_BLANK_AT_START = LazyPattern(r"[ \t]*\n")
_BLOCK_MARKS = (LazyPattern(r"\|"), LazyPattern(">"))
START, END = attrgetter("start_mark.index"), attrgetter("end_mark.index")
_FIRST, _REST = itemgetter(0), itemgetter(1, 2)


def _block_header(text: str, index: int) -> str:
    match = _BLOCK_HEADER.match(text[index:index + 4])
    return match.group() if match else ""


def _header_comment(text: str, token: Any) -> re.Match[str] | None:
    """The comment on a block scalar's header line (``key: >-  # comment``)."""
    start = token.start_mark.index
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    if text.find("#", start, line_end) < 0:  # most headers: no «#», no comment to look for
        return None
    header = _block_header(text, start)
    return _HEADER_COMMENT.match(text, start + len(header), line_end)


class Finder:
    """Comments and blank lines between the tokens that cover text, each with the position in ``tokens``
    of the token that precedes it (-1: none).

    They are found from the text's own «#» and blank lines (a plan has a few dozen) rather than by visiting
    each of its tens of thousands of tokens, which was a fifth of ``fmt``: a place lies in a gap between
    tokens when no token starting at or before it reaches past it (the running maximum of the tokens' ends,
    a block scalar's without its trailing blank lines, made by C loops). tests/test_fmt_finder.py compares
    this with the walk over every token it replaced, on every plan, fixture and generated plan.
    """

    def __init__(self, text: str, tokens: list[Any]) -> None:
        self.text = text
        self.tokens = tokens
        self.starts = [0, *accumulate(len(line) + 1 for line in text.split("\n"))]
        self.begins: list[int] = []  # where each token starts
        self.reach: list[int] = []  # how far the tokens up to each one cover the text

    def items(self) -> Iterator[tuple[Comment, int]]:
        text, tokens = self.text, self.tokens
        self.begins = list(map(START, tokens))
        ends = list(map(END, tokens))
        found: list[tuple[int, Comment, int]] = []
        for n in self._block_scalars():
            match = _header_comment(text, tokens[n])
            if match:
                found.append((match.start(1), self._comment(match.start(1), match.group(1)), n))
            ends[n] = _covered_end(tokens[n], text)
        # the running maximum: the ends themselves where they never decrease (checked by a C loop), as in
        # a plan, whose tokens follow each other
        self.reach = ends if all(map(le, ends, islice(ends, 1, None))) else list(accumulate(ends, max))
        taken_to = -1  # the end of the line of the last comment found: a «#» before it is that comment's
        for match in _HASH.finditer(text):
            at = match.start()
            gap = self._gap_at(at) if at >= taken_to else None
            if gap is not None:
                line_end = text.find("\n", at)
                taken_to = len(text) if line_end < 0 else line_end
                found.append((at, self._comment(at, text[at:taken_to]), gap[0]))
        for at in self._blank_line_starts():
            gap = self._gap_at(at)
            if gap is not None and self._whole_line(at, gap[1], gap[2]):
                found.append((at, self._comment(at, ""), -1))
        found.sort(key=_FIRST)
        return map(_REST, found)

    def _blank_line_starts(self) -> list[int]:
        """Where each line of only spaces and tabs that a line break ends starts (searched from each «\\n»:
        a pattern that starts with a literal is searched for at memory speed, one with «^» at every place)."""
        text = self.text
        found = [0] if _BLANK_AT_START.match(text) else []
        found += [match.start() + 1 for match in _BLANK_LINE.finditer(text)]
        return found

    def _block_scalars(self) -> list[int]:
        """Positions in ``tokens`` of the block scalars: tokens starting at a «|» or «>» of the text."""
        begins, tokens, found = self.begins, self.tokens, []
        for at in sorted(match.start() for mark in _BLOCK_MARKS for match in mark.finditer(self.text)):
            n = bisect.bisect_left(begins, at)
            if n < len(begins) and begins[n] == at:
                token = tokens[n]
                if token.id == "<scalar>" and token.style in ("|", ">"):
                    found.append(n)
        return found

    def _gap_at(self, at: int) -> tuple[int, int, int] | None:
        """(the token before, the gap's start, its end) of the gap ``at`` lies in; None inside a token."""
        n = bisect.bisect_right(self.begins, at)  # tokens[:n] start at or before it
        start = self.reach[n - 1] if n else 0
        if start > at:
            return None
        return n - 1, start, self.begins[n] if n < len(self.begins) else len(self.text)

    def _comment(self, index: int, text: str) -> Comment:
        line = bisect.bisect_right(self.starts, index) - 1
        return Comment(text.rstrip(), index, line, index - self.starts[line])

    def _whole_line(self, index: int, start: int, stop: int) -> bool:
        """A blank line lies entirely in the gap (not the rest of a content line, nor the file's end)."""
        line = bisect.bisect_right(self.starts, index) - 1
        begin, end = self.starts[line], self.starts[line + 1] - 1
        return begin >= start and end < stop and end < len(self.text)

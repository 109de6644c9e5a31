"""Text-level checks of ``new --from``'s splice (:mod:`orderforge.rolloversplice`), kept apart to keep that
module short: whether the round trip would rewrite the text as a whole, whether any node may carry an
anchor, an alias or a tag, which digits a moved value changes, whether a new value is written plain."""

from __future__ import annotations

import re
from functools import lru_cache

from .lazyre import LazyPattern

_DIGITS = re.compile("[0-9]")


class Decline(Exception):
    """The fast path cannot promise the round trip's bytes: the caller takes the round trip."""

#: What the round trip would not write back as it is, in the text as a whole; :func:`_unstable` answers the
#: same with ``in`` (this regex's alternation, tried at every offset of a 2 MB plan, took as long as the rest).
_UNSTABLE_TEXT = LazyPattern(r"[\t\r]|[ ]\n|\n\n\Z|\A\n|^(?:---|\.\.\.)(?:\s|$)|^%", re.MULTILINE)


def _unstable(text: str) -> bool:
    """Whether :data:`_UNSTABLE_TEXT` matches (tests/test_fast_writers.py proves the same answers)."""
    if "\t" in text or "\r" in text or " \n" in text or text.endswith("\n\n") or text.startswith("\n"):
        return True
    if text.startswith("%") or "\n%" in text:
        return True
    return _marker_line(text, "---") or _marker_line(text, "...")


def _marker_line(text: str, marker: str) -> bool:
    """A line starting with ``marker`` followed by whitespace or the line's end (``^marker(?:\\s|$)``)."""
    starts = [0] if text.startswith(marker) else []
    at = text.find("\n" + marker)
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\n" + marker, at + 1)
    for start in starts:
        after = start + len(marker)
        if after == len(text) or text[after].isspace():
            return True
    return False


def _properties_possible(text: str) -> bool:
    """Whether a «&», «*» or «!» follows, past spaces, a line's start or one of «-:?,[{»: the only places a
    node's text can start (the block and flow indicators, a key's indentation). A plan's texts seldom hold
    these characters at all; where one does, the nodes are checked one by one (tests/test_rollover_lean.py)."""
    for mark in "&*!":
        at = text.find(mark)
        while at >= 0:
            before = at - 1
            while before >= 0 and text[before] == " ":
                before -= 1
            if before < 0 or text[before] in "\n-:?,[{":
                return True
            at = text.find(mark, at + 1)
    return False


def plain_in_block(value: str) -> bool:
    """Whether ruamel's round trip writes this new string value plain in a block mapping: its emitter's
    ``allow_block_plain`` (:func:`orderforge.yamlscalars.analyze`, which tests/test_fast_writers.py proves
    ruamel's), every plain scalar being a string to the editing resolver (:func:`orderforge.yamlrt.editing_yaml`)."""
    from .yamlscalars import analyze

    found = analyze(value)
    return bool(value) and not found.multiline and found.allow_block_plain


@lru_cache(maxsize=1024)
def _digit_changes(old: str, new: str) -> tuple[tuple[int, str], ...]:
    """(offset, new digit) of each digit ``new`` changes in ``old``; :func:`_record` for a value whose text is
    the value itself (a plain one-line scalar), remembered: a plan repeats its deadlines (issue 12)."""
    if len(new) != len(old) or _DIGITS.sub("0", old) != _DIGITS.sub("0", new):
        raise Decline("a value rewritten, not its years moved")
    return tuple((m.start(), new[m.start()]) for m in _DIGITS.finditer(old) if new[m.start()] != m[0])

"""How ``fmt`` writes one string: plain, '…', "…", or a block wrapped at the width.

Kept apart from the layout of the whole file (:mod:`orderforge.fmt`): these are the
YAML quoting rules, decided by :func:`analyze`, ruamel's own emitter analysis restated with
regular expressions (ruamel's loops over every character in Python, and importing ruamel
alone cost fmt a fifth of a second; tests/test_fast_writers.py proves both give the same answer).
"""

from __future__ import annotations

import json
from collections import namedtuple

from .lazyre import LazyPattern

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs fmt's start-up (issue 12)
    from typing import Any

# --------------------------------------------------------------------------- the emitter's analysis


#: The styles a string may be written in: ruamel's ``ScalarAnalysis``, the fields fmt reads (a plain
#: namedtuple: typing's NamedTuple would import typing at every start).
Analysis = namedtuple("Analysis", [
    "empty", "multiline", "allow_flow_plain", "allow_block_plain", "allow_single_quoted", "allow_double_quoted",
    "allow_block",
])


_WS = "\0 \t\r\n\x85\u2028\u2029"  # what ruamel counts as whitespace around an indicator
_BREAKS = "\n\x85\u2028\u2029"
_BREAK_SPACES = tuple(f"{b} " for b in _BREAKS)
_SPACE_BREAKS = tuple(f" {b}" for b in _BREAKS)
#: Outside the characters ruamel writes as they are (allow_unicode): only double quotes can hold it. The
#: class ``[^\n\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|\ufeff`` written as the
#: characters it matches: compiling the negated form cost fmt 4.6 ms of its start-up (issue 12).
_SPECIAL = LazyPattern("[\x00-\x09\x0b-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")
_INNER_FLOW = LazyPattern("[,\\[\\]{}?]")  # at any index after the first (YAML 1.1: «?» as well)
_WORD_SPACE_WORD = LazyPattern(r"\S \S")
_WORD_GAP = LazyPattern(r"(?<=\S) (?=\S)")


def _special(scalar: str) -> bool:
    """Does the string hold a character only double quotes can hold (:data:`_SPECIAL`)?

    Every such character is one ``str.isprintable`` refuses, so a printable string (most values; a
    value's line breaks are the only other unprintable characters a plan usually has) needs no regex.
    """
    if scalar.isprintable() or ("\n" in scalar and scalar.replace("\n", "").isprintable()):
        return False
    return _SPECIAL.search(scalar) is not None


def _indicator_after(scalar: str, indicator: str, before: bool) -> bool:
    """Is ``indicator`` (at index 1 or later) followed by whitespace or the end (``before`` False: «: »),
    or preceded by whitespace (``before`` True: « #»)? str.find instead of a regex with YAML's whitespace
    class: the few values holding the indicator at all are looked at closer, and nothing is compiled."""
    index, last = scalar.find(indicator, 1), len(scalar) - 1
    while index >= 0:
        if before:
            if scalar[index - 1] in _WS:
                return True
        elif index == last or scalar[index + 1] in _WS:
            return True
        index = scalar.find(indicator, index + 1)
    return False


def analyze(scalar: str) -> Analysis:
    """ruamel.yaml's ``Emitter.analyze_scalar`` (0.19, allow_unicode, YAML 1.1 rules for «?» and «:»),
    the same decisions found by string searches instead of a Python loop over every character."""
    if not scalar:
        return Analysis(True, False, False, True, True, True, False)
    first = scalar[0]
    spaced = len(scalar) == 1 or scalar[1] in _WS  # the first character is followed by whitespace
    both = scalar.startswith(("---", "...")) or first in "#,[]{}&*!|>'\"%@`" or (first == "-" and spaced)
    inner = _indicator_after(scalar, ":", False) or _indicator_after(scalar, "#", True)
    flow = both or inner or first in "?:" or _INNER_FLOW.search(scalar, 1) is not None
    block = both or inner or (first in "?:" and spaced)
    line_breaks = "\n" in scalar or "\x85" in scalar or "\u2028" in scalar or "\u2029" in scalar
    plain = single = allow_block = True
    if first == " " or first in _BREAKS or scalar[-1] == " " or scalar[-1] in _BREAKS:
        plain = False
    if scalar[-1] == " ":
        allow_block = False
    if line_breaks and any(pair in scalar for pair in _BREAK_SPACES):
        plain = single = False
    if _special(scalar):
        plain = single = allow_block = False
    elif line_breaks and any(pair in scalar for pair in _SPACE_BREAKS):
        plain = single = allow_block = False
    if line_breaks:
        plain = False
    return Analysis(False, line_breaks, plain and not flow, plain and not block, single, True, allow_block)


# --------------------------------------------------------------------------- scalars


class Scalars:
    """Decides how a string is written: plain, '…', "…", or as a block."""

    def __init__(self) -> None:
        self.analysed: dict[str, Analysis] = {}
        self.inlined: dict[tuple[str, bool, bool], str] = {}
        self._resolvers: list[Any] | None = None

    def analysis(self, value: str) -> Analysis:
        """The emitter's analysis (:func:`analyze`): once per distinct value."""
        found = self.analysed.get(value)
        if found is None:
            found = self.analysed[value] = analyze(value)
        return found

    def typed(self, value: str) -> bool:
        """Would another YAML tool read the plain value as a number, boolean, null or date?

        YAML 1.2 (ruamel's default) reads «yes» / «no» / «on» as text, YAML 1.1 (PyYAML, many
        editors) as booleans: a value either would read as a non-string keeps its quotes. Asked
        only of values the clerk quoted, so ruamel is imported only for a file that has some.
        """
        from ruamel.yaml.nodes import ScalarNode

        if self._resolvers is None:
            from .yamlrt import version_resolvers

            self._resolvers = version_resolvers()
        return any(r.resolve(ScalarNode, value, (True, False)) != "tag:yaml.org,2002:str" for r in self._resolvers)

    def inline(self, value: str, was_plain: bool, flow: bool = False) -> str:
        """The value on one line, written once per distinct value and context (a plan repeats its names)."""
        key = (value, was_plain, flow)
        found = self.inlined.get(key)
        if found is None:
            found = self.inlined[key] = self._inline(value, was_plain, flow)
        return found

    def _inline(self, value: str, was_plain: bool, flow: bool) -> str:
        if value == "":
            return "''"
        a = self.analysis(value)
        plain_ok = (a.allow_flow_plain if flow else a.allow_block_plain) and not a.multiline
        if plain_ok and (was_plain or not self.typed(value)):
            return value
        if a.allow_single_quoted and "\n" not in value and not a.multiline:
            return "'" + value.replace("'", "''") + "'"
        return double_quoted(value)

    def literal_ok(self, body: str) -> bool:
        """Whether ``body`` written as a literal block («|») reads back as itself. Its first line that is not
        empty must not start with a space: YAML takes the block's indentation from that line, so a space
        there (also after empty lines, «\n а») would be read as indentation and lost."""
        if not body or body.lstrip("\n")[:1] == " " or not self.analysis(body).allow_block:
            return False
        return all(not line.lstrip(" ").startswith("\t") and (line.strip() or not line) for line in body.split("\n"))

    def foldable(self, value: str) -> bool:
        return (
            "\n" not in value and value == value.strip() and _WORD_SPACE_WORD.search(value) is not None
            and "\t" not in value and self.analysis(value).allow_block
        )


def double_quoted(value: str) -> str:
    text = json.dumps(value, ensure_ascii=False)
    for ch in ("\u0085", "\u2028", "\u2029", "\ufeff"):
        text = text.replace(ch, f"\\u{ord(ch):04x}")
    return text


def wrap(value: str, width: int) -> list[str]:
    """Greedy wrap at single spaces between words (so that folding restores the value exactly)."""
    pieces = _WORD_GAP.split(value)
    lines: list[str] = []
    current = ""
    for piece in pieces:
        if not current:
            current = piece
        elif len(current) + 1 + len(piece) <= width:
            current += " " + piece
        else:
            lines.append(current)
            current = piece
    lines.append(current)
    return lines

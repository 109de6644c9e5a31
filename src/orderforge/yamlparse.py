"""The two ways YAML text becomes an event stream: libyaml's fast path and ruamel's reference parser.

libyaml reads a valid plan ten times faster: through orderforge's compiled reader (:mod:`orderforge._yamlc`,
when built), else through PyYAML's C parser (:mod:`.yamlfast` builds the tree from its events as they
come); whatever it might read differently, or finds wrong, is read again by ruamel.yaml's pure parser,
so every syntax diagnostic is the reference parser's own. Both are cut off past :data:`MAX_DEPTH`
levels of nesting. The parsers are imported lazily: a valid plan never loads ruamel.yaml, nor PyYAML
where the compiled reader is built.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .diagnostics import Diagnostic, Pos, Report
from .lazyre import LazyPattern

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .yamltree import Node

#: Lists and mappings inside each other: a plan needs about 20 levels. Far deeper is a broken or
#: hostile file — 3,000 levels overflowed Python's stack, 100 KB of «[[[…» kept ruamel busy for minutes.
MAX_DEPTH = 50

#: What the two parsers are known to read differently — tabs (libyaml allows more of them), other line
#: breaks (U+0085, U+2028, U+2029), directives («%»), complex keys («?»), a comment glued to a block
#: scalar's «|» or «>», a block scalar whose first blank line has spaces and a later line more of them
#: (ruamel refuses «more indented follow up line than first», libyaml reads it) — sends a file straight to
#: the reference parser. Plans rarely have any of them (a «?» where a key could start costs only the
#: speed-up); a differential fuzz test keeps this list honest.
RISKY = LazyPattern(r"[\t\x85\u2028\u2029]|^%|[|>][-+0-9]*#|(?:^|[-\[{,:?])[ ]*\?(?:\s|$)"
                    r"|[|>][-+]?[ ]*(?:#[^\n]*)?\n( +)\n(?:[ ]*\n)*\1 ", re.MULTILINE)

#: The block-scalar alternative of :data:`RISKY`, tried only where a «|» or «>» stands: ruamel's scanner
#: (scan_block_scalar_indentation) refuses leading blank lines of a block scalar without an indentation
#: digit when the first has spaces and a later blank line, or the first line of text, has more.
_DEEPER_BLANK = LazyPattern(r"[|>][-+]?[ ]*(?:#[^\n]*)?\n( +)\n(?:[ ]*\n)*\1 ")

_RISKY_QUESTION = LazyPattern(r"(?:^|[-\[{,:?])[ ]*\?(?:\s|$)", re.MULTILINE)


def is_risky(text: str) -> bool:
    """Whether :data:`RISKY` matches, each alternative tried only when its own character is in the text.

    One regex over a 2 MB plan took 0.15 s (its alternation is tried at every offset); ``in`` finds a
    character at memory speed. tests/test_load_guards.py proves the answer is RISKY's own.
    """
    if "\t" in text or "\x85" in text or "\u2028" in text or "\u2029" in text:
        return True
    if "%" in text and (text.startswith("%") or "\n%" in text):
        return True
    if "#" in text and _block_indicator_comment(text):
        return True
    if ("|" in text or ">" in text) and _deeper_blank_line(text):
        return True
    return "?" in text and _RISKY_QUESTION.search(text) is not None


def _block_indicator_comment(text: str) -> bool:
    """A «#» right after «|» or «>» and their indicators (``[|>][-+0-9]*#``), looked for from each «#»."""
    at = text.find("#")
    while at >= 0:
        before = at - 1
        while before >= 0 and text[before] in "-+0123456789":
            before -= 1
        if before >= 0 and text[before] in "|>":
            return True
        at = text.find("#", at + 1)
    return False


def _deeper_blank_line(text: str) -> bool:
    """:data:`_DEEPER_BLANK` matched at each «|» and «>» (a search would try it at every offset)."""
    match = _DEEPER_BLANK.match
    for mark in "|>":
        at = text.find(mark)
        while at >= 0:
            if match(text, at):
                return True
            at = text.find(mark, at + 1)
    return False


def fast_tree(text: str, name: str, report: Report) -> Node | None:
    """The tree read by libyaml, ten times faster than the pure parser; None when libyaml is missing or
    finds anything wrong or unusual — then the reference parser reads the text again, so every syntax
    diagnostic stays the pure parser's own, word for word and column for column.

    libyaml is read first through orderforge's own compiled reader (:func:`compiled_tree`), which makes
    only the tree's objects; where that is not built, or leaves the text (anything to report), through
    PyYAML's CParser and :class:`.yamlfast.FastTreeBuilder`, which report exactly as the reference
    path's builder does. Both give the same events with the same marks as the pure parser
    (tests/test_load_parsers.py and tests/test_load_compiled.py prove it on every fixture and example).
    What the builder reported before it gave up is taken back: the reference path reports it again.
    """
    if is_risky(text):
        return None
    tree = compiled_tree(text, name)
    if tree is not None:
        return tree
    try:
        from yaml import YAMLError
        from yaml._yaml import CParser

        from .yamlfast import FastTreeBuilder, Refused
    except ImportError:  # PyYAML without libyaml, or none at all: the pure parser does it all
        return None
    before = len(report.items)
    try:
        return FastTreeBuilder(CParser(text), name, report, MAX_DEPTH, text).build()
    except (YAMLError, UnicodeError, Refused):  # the reference parser says what and where
        del report.items[before:]
        return None


def compiled_tree(text: str, name: str) -> Node | None:
    """The tree through :mod:`orderforge._yamlc` (libyaml's C API, no PyYAML objects: a 5,000-activity plan
    in 86 ms instead of 156), or None: when it is not built (setup.py: optional) or leaves the text to the
    Python builder. While ``new --from`` taps the old plan's parse (:class:`.yamltap.ParseTap`), that text's
    nodes are composed first and the tree is made of them, so that the splice gets them without a second
    parse."""
    if not compiled_available():
        return None
    from ._yamlc import tree, tree_of_nodes
    from .yamltap import ParseTap

    tap = ParseTap.active
    if tap is not None and tap.wants(text):
        root = compiled_nodes(text)
        built = tree_of_nodes(root, name, MAX_DEPTH) if root is not None else None
        if built is not None:
            tap.nodes = root
            return built
    return tree(text, name, MAX_DEPTH)


def compiled_tokens(text: str) -> list[Any] | None:
    """libyaml's tokens through :mod:`orderforge._yamlc`, with what ``fmt`` and ``new --from`` read of
    PyYAML's (``get_token``), without importing PyYAML: ``fmt`` of 1,000 activities spent a tenth of its time
    importing it and a seventh making its token objects. None where it is not built or leaves the text to
    PyYAML (anything libyaml refuses, directives, anchors, aliases, tags)."""
    if not compiled_available():
        return None
    from ._yamlc import tokens

    return tokens(text)


def compiled_compose(tokens: list[Any]) -> Any:
    """:func:`orderforge.yamltokens.compose_tokens` of :func:`compiled_tokens`' tokens, composed in C by
    :mod:`orderforge._yamlc` (the same nodes, in a third of the time); None where that composer gives None."""
    from ._yamlc import compose_tokens

    return compose_tokens(tokens)


def compiled_nodes(text: str) -> Any:
    """libyaml's composed node tree through :mod:`orderforge._yamlc`, as
    :func:`orderforge.yamlnodes.untagged_composer` composes it, for ``new --from``'s splice; None where it
    is not built or leaves the text to PyYAML (anchors, aliases, tags, anything libyaml refuses)."""
    if not compiled_available():
        return None
    from ._yamlc import nodes

    return nodes(text, SPLICE_DEPTH)


def compiled_available() -> bool:
    """Whether orderforge._yamlc is built here and not switched off (:data:`COMPILED`)."""
    global COMPILED
    if COMPILED:
        try:
            from . import _yamlc  # noqa: F401
        except ImportError:  # not built here: PyYAML's parser reads every plan
            COMPILED = False
    return COMPILED


#: Whether the compiled reader (:func:`compiled_tree`, :func:`compiled_tokens`, :func:`compiled_nodes`) may be
#: tried: False once its import failed (not tried again in the same process), and in the tests that compare
#: PyYAML's paths with the reference parser.
COMPILED = True

#: The nesting the splice's composer takes: PyYAML's composer, which it replaces, has no limit of its own, and
#: the old plan was cut off at :data:`MAX_DEPTH` when it was loaded; this only keeps C's recursion bounded.
SPLICE_DEPTH = 1000


class ReferenceFailure(Exception):
    """The pure parser refused the text: carries its exception until yamlerrors turns it into a diagnostic."""

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error


def reference_events(text: str) -> list[object]:
    """ruamel.yaml's pure (safe) parser: the reference for what is valid YAML and for every error message."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        return list(bounded(YAML(typ="safe", pure=True).parse(text)))
    except YAMLError as exc:
        raise ReferenceFailure(exc) from exc


class TooDeep(Exception):
    def __init__(self, mark: object) -> None:
        super().__init__("too deep")
        self.mark = mark


def bounded(events: Iterator[object]) -> Iterator[object]:
    """ruamel's events, stopped as soon as lists and mappings nest deeper than :data:`MAX_DEPTH`.

    Stopping early keeps the scanner from reading the rest of a pathological file, and the
    builder, which recurses once per level, from overflowing the stack.
    """
    depth = 0
    for event in events:
        kind = type(event).__name__
        if kind in ("SequenceStartEvent", "MappingStartEvent"):
            depth += 1
            if depth > MAX_DEPTH:
                raise TooDeep(getattr(event, "start_mark", None))
        elif kind in ("SequenceEndEvent", "MappingEndEvent"):
            depth -= 1
        yield event


def too_deep(pos: Pos) -> Diagnostic:
    return Diagnostic("OF017", "error", f"слишком глубокая вложенность: больше {MAX_DEPTH} уровней списков и словарей",
                      pos, "в плане не бывает больше 20 уровней; проверьте скобки «[», «{» и «- » в этом месте — "
                      "похоже, файл повреждён или это не план")

"""The node tree of a plan composed from libyaml's tokens, for ``fmt``, without a second libyaml pass.

``fmt`` needs every token of a text (where comments and blank lines lie between them,
:mod:`orderforge.yamlcomments`) and its node tree (what to write). libyaml gives them in two
passes — the scanner's tokens, then the composer's nodes from a second scan — and each pass spends
most of its time making Python objects: the nodes' pass was a ninth of ``fmt``'s instructions on a
1,000-activity plan (issue 12). The tokens already hold every scalar's value, style and marks, and
the nodes of a plan follow from them by a few of libyaml's parser rules (``parser.c``): block
mappings and sequences (an «indentless» one under a key too), flow sequences, scalars, and the empty
scalar that stands for a missing value, with the marks libyaml gives each.

Anything else — anchors, aliases, tags, directives, document markers, flow mappings, an explicit or
a flow-sequence key («?», ``[a: b]``), or tokens in an order only a malformed text has — gives None,
and libyaml's own composer reads the text as before. The nodes are tuples made in C
(:data:`orderforge.yamlnodes.Node`); tests/test_fmt_tokens.py proves them equal to
libyaml's composer's on every fixture and on generated plans with comments, empty values and nesting of
every kind.
"""

from __future__ import annotations

from .yamlnodes import Node

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs fmt's start-up (issue 12)
    from typing import Any

_new = tuple.__new__


class Unsupported(Exception):
    """A token this composer leaves to libyaml's (see the module docstring)."""


class _Composer:
    """libyaml's parser rules for the block and flow-sequence subset, over a list of tokens."""

    def __init__(self, tokens: list[Any]) -> None:
        self.tokens = tokens
        self.at = 0

    def empty(self, mark: Any) -> Any:
        """libyaml's empty plain scalar where a value or an item is missing."""
        return _new(Node, ("scalar", "", mark, mark, "", None))

    def node(self, indentless: bool) -> Any:
        """``yaml_parser_parse_node`` in block context (``indentless``: a «-» may start a sequence here)."""
        token = self.tokens[self.at]
        kind = token.id
        if kind == "<scalar>":
            self.at += 1
            return _new(Node, ("scalar", token.value, token.start_mark, token.end_mark, token.style, None))
        if kind == "<block mapping start>":
            return self.block_mapping()
        if kind == "<block sequence start>":
            return self.block_sequence()
        if kind == "-" and indentless:
            return self.indentless_sequence()
        if kind == "[":
            return self.flow_sequence()
        raise Unsupported(kind)

    def block_mapping(self) -> Any:
        tokens = self.tokens
        start = tokens[self.at].start_mark
        self.at += 1
        pairs: list[tuple[Any, Any]] = []
        while True:
            token = tokens[self.at]
            if token.id == "<block end>":
                self.at += 1
                return _new(Node, ("mapping", pairs, start, token.end_mark, None, False))
            if token.id != "?" or token.end_mark.index != token.start_mark.index:
                raise Unsupported(token.id)  # an explicit key «? …», or no key where one must be
            self.at += 1
            following = tokens[self.at].id
            key = self.empty(token.end_mark) if following in ("?", ":", "<block end>") else self.node(True)
            token = tokens[self.at]
            if token.id == ":":
                self.at += 1
                following = tokens[self.at].id
                value = self.empty(token.end_mark) if following in ("?", ":", "<block end>") else self.node(True)
            else:
                value = self.empty(token.start_mark)
            pairs.append((key, value))

    def opening(self) -> tuple[list[Any], Any, list[Any]]:
        """Steps over a collection's opening token: the tokens, where the collection starts, its empty items."""
        start = self.tokens[self.at].start_mark
        self.at += 1
        return self.tokens, start, []

    def block_sequence(self) -> Any:
        tokens, start, items = self.opening()
        while True:
            token = tokens[self.at]
            if token.id == "<block end>":
                self.at += 1
                return _new(Node, ("sequence", items, start, token.end_mark, None, False))
            if token.id != "-":
                raise Unsupported(token.id)
            self.at += 1
            following = tokens[self.at].id
            items.append(self.empty(token.end_mark) if following in ("-", "<block end>") else self.node(False))

    def indentless_sequence(self) -> Any:
        """A sequence whose «-» stand at its key's column: it ends at the first token that is no «-»."""
        tokens = self.tokens
        start = tokens[self.at].start_mark
        items: list[Any] = []
        while True:
            token = tokens[self.at]
            if token.id != "-":
                return _new(Node, ("sequence", items, start, token.start_mark, None, False))
            self.at += 1
            following = tokens[self.at].id
            items.append(self.empty(token.end_mark) if following in ("-", "?", ":", "<block end>")
                         else self.node(False))

    def flow_sequence(self) -> Any:
        tokens, start, items = self.opening()
        while True:
            token = tokens[self.at]
            if token.id != "]" and items:
                if token.id != ",":
                    raise Unsupported(token.id)
                self.at += 1
                token = tokens[self.at]
            if token.id == "]":
                self.at += 1
                return _new(Node, ("sequence", items, start, token.end_mark, None, True))
            if token.id != "<scalar>" and token.id != "[":
                raise Unsupported(token.id)  # a key «[a: b]», a flow mapping, a block token, a stray «,»
            items.append(self.node(False))


def compose_tokens(tokens: list[Any]) -> Any:
    """The root node of a one-document text from its libyaml tokens, or None: this composer does not read
    it (see the module docstring); libyaml's composer then does."""
    if len(tokens) < 3 or tokens[0].id != "<stream start>" or tokens[-1].id != "<stream end>":
        return None
    composer = _Composer(tokens)
    composer.at = 1
    try:
        root = composer.node(False)
    except (Unsupported, IndexError):
        return None
    return root if composer.at == len(tokens) - 1 else None

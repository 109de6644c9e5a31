"""The tree built straight from libyaml's parser (PyYAML's CParser), event by event, with no event list.

Why a second builder: at 5,000 activities the plan is 60,000 nodes, and collecting libyaml's events
into a list, checking them in one loop and building the tree in another cost 0.44 s, about half of
loading. Here each event is looked at once, by class identity, as it comes out of the parser.

It builds only what the fast path may read (:func:`.yamlparse.fast_tree`): an anchor, an alias, a tag,
an explicit document marker or nesting past :data:`.yamlparse.MAX_DEPTH` makes it give up
(:class:`Refused`), and the reference parser then reads the text again, so every such diagnostic stays
the reference path's own. What it does find — duplicate keys, a list or mapping as a key, a control
character written as an escape — it reports exactly as :class:`.yamltree.TreeBuilder` does
(tests/test_load_parsers.py compares both paths on every fixture and on random YAML).
"""

from __future__ import annotations

from unicodedata import is_normalized, normalize

from yaml.events import MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent

from .diagnostics import Pos, Report
from .rawtext import FORBIDDEN_CHARS
from .yamltap import ParseTap
from .yamltree import Entry, Map, Node, Scalar, Seq, _nfc, report_forbidden_char

#: A :class:`.Pos` made in C, with no Python call (tests/test_pos_tuple.py: the same as ``Pos(...)``).
_new = tuple.__new__

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class Refused(Exception):
    """Something the fast path leaves to the reference parser (anchors, tags, aliases, deep nesting …)."""


class FastTreeBuilder:
    """Pulls events from a PyYAML parser and builds Scalar/Seq/Map nodes as they come."""

    def __init__(self, parser: Any, name: str, report: Report, max_depth: int, text: str | None = None) -> None:
        tap = ParseTap.active
        self.get, self.seen = tap.parser(parser, text) if tap is not None and text is not None \
            else (parser.get_event, None)
        self.name = name
        self.report = report
        self.max_depth = max_depth

    def build(self) -> Node:
        """The root, a mapping or a list; :class:`Refused` for anything else (a bare scalar, an empty
        text or a second document, which the reference parser reports or reads its own way)."""
        get = self.get
        get()  # StreamStart
        start = get()
        if start.__class__.__name__ != "DocumentStartEvent" or start.explicit:
            raise Refused
        root = get()
        if root.__class__ is not MappingStartEvent and root.__class__ is not SequenceStartEvent:
            raise Refused
        tree = self._node(root, 0)
        end = get()
        if end.explicit or get().__class__.__name__ != "StreamEndEvent":
            raise Refused
        if self.seen is not None and ParseTap.active is not None:
            ParseTap.active.events = self.seen
        return tree

    def _node(self, event: object, depth: int) -> Node:
        cls = event.__class__
        if cls is ScalarEvent:
            return self._scalar(event)
        mark = event.start_mark  # type: ignore[attr-defined]
        pos = _new(Pos, (self.name, mark.line + 1, mark.column + 1))
        if event.anchor is not None or event.tag is not None:  # type: ignore[attr-defined]
            raise Refused
        depth += 1
        if depth > self.max_depth:
            raise Refused
        if cls is MappingStartEvent:
            return self._mapping(pos, depth)
        if cls is not SequenceStartEvent:
            raise Refused  # an alias
        items: list[Node] = []
        get, node, scalar = self.get, self._node, self._scalar
        event = get()
        while event.__class__ is not SequenceEndEvent:
            items.append(scalar(event) if event.__class__ is ScalarEvent else node(event, depth))
            event = get()
        return Seq(items, pos)

    def _scalar(self, event: object, pos: Pos | None = None) -> Scalar:
        """A scalar event's node, at ``pos`` when given (an empty plain value takes its key's)."""
        if event.anchor is not None or event.tag is not None:  # type: ignore[attr-defined]
            raise Refused
        value: str = event.value  # type: ignore[attr-defined]
        style = event.style  # type: ignore[attr-defined]
        if pos is None:
            mark = event.start_mark  # type: ignore[attr-defined]
            pos = _new(Pos, (self.name, mark.line + 1, mark.column + 1))
        if not value.isascii() and not is_normalized("NFC", value):  # yamltree._nfc, without its call
            value = normalize("NFC", value)
        # The raw text was checked for control characters before parsing (rawtext.check_raw_text):
        # only a double-quoted escape such as "\x07" can bring one in.
        if style == '"' and FORBIDDEN_CHARS.search(value):
            report_forbidden_char(self.report, value, pos)
        return Scalar(value, pos, style == "'" or style == '"')

    def _mapping(self, pos: Pos, depth: int) -> Map:
        """A mapping's entries; a scalar key or value, nearly every node of a plan, is read here without a
        call for its dispatch, and a key gets no node of its own: only its text and position are kept."""
        result = Map(pos=pos)
        entries, get, node, scalar, report, name = result.entries, self.get, self._node, self._scalar, self.report, \
            self.name
        event = get()
        while event.__class__ is not MappingEndEvent:
            if event.__class__ is not ScalarEvent:
                self._complex_key(node(event, depth), get(), depth, result)
                event = get()
                continue
            if event.anchor is not None or event.tag is not None:
                raise Refused
            mark = event.start_mark
            key_pos = _new(Pos, (name, mark.line + 1, mark.column + 1))
            key: str = event.value
            if not key.isascii():
                key = _nfc(key)
            if event.style == '"' and FORBIDDEN_CHARS.search(key):
                report_forbidden_char(report, key, key_pos)
            event = get()
            if event.__class__ is not ScalarEvent:
                value = node(event, depth)
            elif event.value or event.style == "'" or event.style == '"':
                value = scalar(event)
            else:  # an empty unquoted value is reported at its key, as TreeBuilder does
                value = scalar(event, key_pos)
            event = get()
            if key in entries:
                report.error(
                    "OF014", key_pos, f"ключ «{key}» повторяется (первый раз — в строке {entries[key].key_pos.line})",
                    "оставьте один из двух ключей",
                )
                continue
            entries[key] = Entry(key, key_pos, value)
        return result

    def _complex_key(self, key: Node, value_event: object, depth: int, result: Map) -> None:
        """A list or mapping as a key: its value is still read (and checked), then the entry is dropped."""
        self._node(value_event, depth)
        self.report.error(
            "OF013", key.pos, "вместо ключа — список или словарь",
            "фигурные и квадратные скобки в YAML имеют особый смысл; заключите значение в кавычки",
        )
        result.broken = True

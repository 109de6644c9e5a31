"""The position-carrying tree of strings a plan is read into, and its builder from parser events.

Every scalar stays a string (``no`` is not False, ``1.10`` is not 1.1), every
node knows its line and column, and anchors, aliases, duplicate keys, odd tags
and forbidden characters are reported with a Russian message as the tree is built.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator

from .diagnostics import Pos, Report
from .rawtext import FORBIDDEN_CHARS
from .slotted import Slotted
from .yamlerrors import mark_pos

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs validate's start-up (issue 12)
    from typing import TypeAlias

Node: TypeAlias = "Scalar | Seq | Map"


class Scalar(Slotted):
    """A scalar value, always a string; ``quoted`` tells whether the clerk quoted it."""

    __slots__ = ("value", "pos", "quoted")
    value: str
    pos: Pos
    quoted: bool

    def __init__(self, value: str, pos: Pos, quoted: bool = False) -> None:
        self.value = value
        self.pos = pos
        self.quoted = quoted

    kind = "scalar"


class Seq(Slotted):
    """A YAML sequence, with the position of its start."""

    __slots__ = ("items", "pos")
    items: list[Node]
    pos: Pos

    def __init__(self, items: list[Node], pos: Pos) -> None:
        self.items = items
        self.pos = pos

    kind = "list"


class Entry(Slotted):
    """A mapping entry keeps the key's own position for «unknown key» messages."""

    __slots__ = ("key", "key_pos", "value")
    key: str
    key_pos: Pos
    value: Node

    def __init__(self, key: str, key_pos: Pos, value: Node) -> None:
        self.key = key
        self.key_pos = key_pos
        self.value = value


class Map(Slotted):
    """A YAML mapping: its entries by key (in file order), with the position of its start."""

    __slots__ = ("entries", "pos", "broken")
    entries: dict[str, Entry]
    pos: Pos
    broken: bool  # already reported (e.g. «{{ x }}» read as a mapping); do not report again

    def __init__(self, entries: dict[str, Entry] | None = None, pos: Pos | None = None, broken: bool = False) -> None:
        self.entries = {} if entries is None else entries
        self.pos = Pos("?") if pos is None else pos
        self.broken = broken

    kind = "mapping"

    def get(self, key: str) -> Node | None:
        entry = self.entries.get(key)
        return entry.value if entry else None

    def __contains__(self, key: str) -> bool:
        return key in self.entries

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())


def scalars(root: Node, skip: frozenset[str] = frozenset()) -> list[Scalar]:
    """Every scalar under ``root`` in file order, except those under a mapping key in ``skip``.

    One call per list or mapping, none per scalar: a 5,000-activity plan has 45,000 scalars, and a stack
    that took each of them off again cost a third more (yield from, before it, a call per scalar per level).
    The depth is the tree's nesting, which both parsers cut off at :data:`.yamlparse.MAX_DEPTH`.
    """
    if root.__class__ is Scalar:
        return [root]
    found: list[Scalar] = []
    _walk(root, skip, found.append)  # type: ignore[arg-type]
    return found


def _walk(node: Seq | Map, skip: frozenset[str], append: Callable[[Scalar], None]) -> None:
    """:func:`scalars`' walk: a module function, not a closure over itself (that would be a reference
    cycle holding the whole list of scalars for the cycle collector, tests/test_rollover_lean.py)."""
    if node.__class__ is Seq:
        values: list[Node] = node.items
    elif skip:
        values = [entry.value for entry in node.entries.values() if entry.key not in skip]  # type: ignore[union-attr]
    else:
        values = [entry.value for entry in node.entries.values()]  # type: ignore[union-attr]
    for value in values:
        if value.__class__ is Scalar:
            append(value)
        else:
            _walk(value, skip, append)  # type: ignore[arg-type]


_STANDARD_TAGS = {None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


def _nfc(value: str) -> str:
    """«Й» copied from a PDF or a Mac is often «И» + U+0306: it looks the same but matches no code.

    NFC composes such pairs and nothing else — no-break spaces, soft hyphens and the like stay.
    """
    return value if value.isascii() or unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)


def report_forbidden_char(report: Report, value: str, pos: Pos) -> None:
    """Escapes like "\\x07" or "\\ud800" in double quotes bypass the raw-text check."""
    match = FORBIDDEN_CHARS.search(value)
    if match:
        report.error(
            "OF004", pos, f"в значении недопустимый символ U+{ord(match.group()):04X}",
            "такой символ не может попасть в документ Word; удалите escape-последовательность из строки",
        )


class TreeBuilder:
    """Consumes ruamel events and builds Scalar/Seq/Map nodes, checking as it goes."""

    def __init__(self, events: list[object], name: str, report: Report) -> None:
        self.events = events
        self.i = 0
        self.name = name
        self.report = report

    def _next(self) -> object:
        event = self.events[self.i]
        self.i += 1
        return event

    def _peek(self) -> str:
        return type(self.events[self.i]).__name__

    def build(self) -> Node | None:
        self._next()  # StreamStart
        if self._peek() == "StreamEndEvent":
            return Map(pos=Pos(self.name, 1, 1))
        self._next()  # DocumentStart
        root = self._node()
        self._next()  # DocumentEnd
        if self._peek() == "DocumentStartEvent":
            event = self.events[self.i]
            self.report.error(
                "OF011", mark_pos(getattr(event, "start_mark", None), self.name),
                "в файле больше одного YAML-документа («---»)",
                "в одном файле — один план; удалите строку «---» или разделите файл",
            )
            return None
        return root

    def _node(self) -> Node:
        event = self.events[self.i]
        self.i += 1
        kind = type(event).__name__
        mark = getattr(event, "start_mark", None)
        line = getattr(mark, "line", -1)  # mark_pos, inlined: one call less for each of 60,000 nodes
        pos = Pos(self.name, line + 1, getattr(mark, "column", -1) + 1) if line >= 0 else Pos(self.name)
        if kind == "AliasEvent":
            self.report.error(
                "OF012", pos, "ссылки YAML («*имя») не поддерживаются",
                "повторите текст полностью или заключите значение в кавычки, если «*» — часть текста",
            )
            return Scalar("", pos)
        if getattr(event, "anchor", None) or getattr(event, "tag", None) not in _STANDARD_TAGS:
            self._check_anchor_and_tag(event, pos)
        if kind == "ScalarEvent":
            style = getattr(event, "style", None)
            value: str = event.value  # type: ignore[attr-defined]
            if not value.isascii():
                value = _nfc(value)
            if FORBIDDEN_CHARS.search(value):
                self._check_chars(value, pos)
            return Scalar(value, pos, quoted=style in ("'", '"'))
        if kind == "SequenceStartEvent":
            items: list[Node] = []
            events = self.events
            while type(events[self.i]).__name__ != "SequenceEndEvent":
                items.append(self._node())
            self.i += 1
            return Seq(items, pos)
        return self._mapping(pos)

    def _mapping(self, pos: Pos) -> Map:
        result = Map(pos=pos)
        events, node = self.events, self._node
        while type(events[self.i]).__name__ != "MappingEndEvent":
            key = node()
            value = node()
            if not isinstance(key, Scalar):
                self.report.error(
                    "OF013", key.pos, "вместо ключа — список или словарь",
                    "фигурные и квадратные скобки в YAML имеют особый смысл; заключите значение в кавычки",
                )
                result.broken = True
                continue
            if isinstance(value, Scalar) and not value.value and not value.quoted:
                # An empty plain value is reported where the clerk sees it: at its key,
                # not at the next line where the parser happens to place it.
                value.pos = key.pos
            if key.value in result.entries:
                first = result.entries[key.value].key_pos
                self.report.error(
                    "OF014", key.pos, f"ключ «{key.value}» повторяется (первый раз — в строке {first.line})",
                    "оставьте один из двух ключей",
                )
                continue
            result.entries[key.value] = Entry(key.value, key.pos, value)
        self.i += 1
        return result

    def _check_chars(self, value: str, pos: Pos) -> None:
        report_forbidden_char(self.report, value, pos)

    def _check_anchor_and_tag(self, event: object, pos: Pos) -> None:
        if getattr(event, "anchor", None):
            self.report.error(
                "OF012", pos, f"якоря YAML («&{event.anchor}») не поддерживаются",  # type: ignore[attr-defined]
                "повторите текст полностью или заключите значение в кавычки, если «&» — часть текста",
            )
        tag = getattr(event, "tag", None)
        if tag not in _STANDARD_TAGS:
            self.report.warning(
                "OF015", pos, f"тег YAML «{tag}» не учитывается: все значения читаются как текст",
                "удалите тег или заключите значение в кавычки",
            )

"""The plan's YAML text, written straight from the tree output.py builds, in ``fmt``'s canonical layout.

ruamel's round-trip dumper took longer to write an imported plan than
``validate`` takes to read it back (2.4 s of 6.8 s for 1,000 rows): every
scalar goes through its event machinery, tag resolution and serializer. The
tree import writes is small and regular — mappings, block and flow lists,
strings, numbers, dates, comments before an entry or at its line's end — so
it is written here directly, with ``fmt``'s own decisions for each scalar
(plain, '…', "…", a folded ``>-`` block wrapped at 100 columns, a literal
``|`` block for several lines). The result is what ``orderforge fmt`` would
make of it: a freshly imported plan passes ``fmt --check``
(tests/test_import_reading.py checks this, and that the text reads back as
the same values ruamel's dump gives).

The tree is plain: :class:`Map` and :class:`Seq` are a dict and a list with
the comments beside them (no ruamel object is built, nor ruamel imported):
building ruamel's CommentedMaps cost more than writing them out. The comment
texts are kept as ruamel kept them (:func:`before_tokens`, :func:`eol_token`),
so the text is byte for byte what the CommentedMap tree gave
(tests/test_import_yaml_writer.py compares both on generated plans).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..lazyre import LazyPattern
from ..yamlrt import WIDTH

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..yamlscalars import Scalars

INDENT = 2
#: Text that is plain in any YAML without asking ruamel (most of a plan: it starts with a letter or «,
#: has no «:», «#», control or line-separator characters and no space at the end). Anything else
#: goes through fmt's full analysis; tests/test_import_reading.py checks both agree.
_PLAIN_BLOCK = LazyPattern(r"[A-Za-zА-Яа-яЁё«][^\x00-\x1f\x7f-\x9f#:\u2028\u2029\ufeff\ud800-\udfff]*(?<! )")
_PLAIN_FLOW = LazyPattern(r"[A-Za-zА-Яа-яЁё«][^\x00-\x1f\x7f-\x9f#:,\[\]{}\u2028\u2029\ufeff\ud800-\udfff]*(?<! )")
#: Words YAML 1.1 or 1.2 reads as booleans or null when plain.
_TYPED_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
#: Text starting with a digit that is plain in any YAML unless a resolver reads it as a number or a date
#: (years, «1.1.», «01.03.2026», «2026-2027»): no «:», «#», quote, flow indicator (in a flow list) or
#: character outside these, no space at the end. fmt's analysis gives such text plain, or '…' when
#: :func:`typed`; deciding it here spares importing that analysis (yamlscalars) for a plan that needs
#: nothing else from it. tests/test_import_reading.py checks both agree.
_DIGIT_BLOCK = LazyPattern(r"[0-9][0-9A-Za-zА-Яа-яЁё .,()«»/_+\u2013\u2014-]*(?<! )")
_DIGIT_FLOW = LazyPattern(r"[0-9][0-9A-Za-zА-Яа-яЁё .()«»/_+\u2013\u2014-]*(?<! )")

#: ruamel.yaml's implicit resolvers (resolver.py, 0.18/0.19), YAML 1.2 and 1.1 together, by the first
#: character each is tried for, as ``VersionedResolver.resolve`` picks them: a plain value one of them
#: matches is read as a boolean, number, null, date, merge key or value by one YAML version or the other,
#: so fmt keeps its quotes (:meth:`orderforge.yamlscalars.Scalars.typed`, which imports ruamel to ask).
#: The patterns are ruamel's, copied as they are; tests/test_import_reading.py proves the same answers.
_RESOLVER_SOURCES = [
    ("^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("""^(?:y|Y|yes|Yes|YES|n|N|no|No|NO
        |true|True|TRUE|false|False|FALSE
        |on|On|ON|off|Off|OFF)$""", "yYnNtTfFoO"),
    ("""^(?:
         [-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+]?[0-9]+)?
        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
        |[-+]?\\.[0-9_]+(?:[eE][-+][0-9]+)?
        |[-+]?\\.(?:inf|Inf|INF)
        |\\.(?:nan|NaN|NAN))$""", "-+0123456789."),
    ("""^(?:
         [-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+]?[0-9]+)?
        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
        |\\.[0-9_]+(?:[eE][-+][0-9]+)?
        |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*
        |[-+]?\\.(?:inf|Inf|INF)
        |\\.(?:nan|NaN|NAN))$""", "-+0123456789."),
    ("""^(?:[-+]?0b[0-1_]+
        |[-+]?0o?[0-7_]+
        |[-+]?[0-9_]+
        |[-+]?0x[0-9a-fA-F_]+)$""", "-+0123456789"),
    ("""^(?:[-+]?0b[0-1_]+
        |[-+]?0?[0-7_]+
        |[-+]?(?:0|[1-9][0-9_]*)
        |[-+]?0x[0-9a-fA-F_]+
        |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$""", "-+0123456789"),
    ("^(?:<<)$", "<"),
    ("""^(?: ~
        |null|Null|NULL
        | )$""", "~nN"),
    ("""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
        |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
        (?:[Tt]|[ \\t]+)[0-9][0-9]?
        :[0-9][0-9] :[0-9][0-9] (?:\\.[0-9]*)?
        (?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""", "0123456789"),
    ("^(?:=)$", "="),
    ("^(?:!|&|\\*)$", "!&*"),
]
_RESOLVERS: dict[str, Any] = {}


def typed(value: str) -> bool:
    """Whether YAML 1.2 or 1.1 reads the plain ``value`` as anything but a string (ruamel's resolvers).

    Compiled on first use, per first character: most plans ask only about a year or two."""
    if not value:
        return True  # the null resolver's empty alternative
    if value.isascii() and value.isdigit():
        return True  # YAML 1.2's int, «[-+]?[0-9_]+»: a year, without compiling a pattern
    first = value[0]
    found = _RESOLVERS.get(first)
    if found is None:
        sources = [source for source, firsts in _RESOLVER_SOURCES if first in firsts]
        found = _RESOLVERS[first] = [LazyPattern(s, re.X) for s in sources]
    return any(pattern.match(value) for pattern in found)


class Map(dict[Any, Any]):
    """A mapping written in its keys' order, with comment lines before a key and a comment at its line's end."""

    __slots__ = ("before", "eol")

    def __init__(self, items: Any = ()) -> None:
        super().__init__(items)
        self.before: dict[Any, list[str]] = {}
        self.eol: dict[Any, str] = {}

    def comment_before(self, key: Any, text: str) -> None:
        self.before.setdefault(key, []).extend(before_tokens(text))

    def comment_eol(self, key: Any, text: str) -> None:
        self.eol[key] = eol_token(text)


class Seq(list[Any]):
    """A list, written as a block or (``flow``) as «[a, b]», with comment lines before an item."""

    __slots__ = ("before", "flow")

    def __init__(self, items: Any = (), flow: bool = False) -> None:
        super().__init__(items)
        self.before: dict[int, list[str]] = {}
        self.flow = flow

    def comment_before(self, index: int, text: str) -> None:
        self.before.setdefault(index, []).extend(before_tokens(text))


def before_tokens(text: str) -> list[str]:
    """The comment tokens ruamel's ``yaml_set_comment_before_after_key`` makes of ``text``: «# line» each."""
    if text and len(text) > 1 and text[-1] == "\n":
        text = text[:-1]
    if text == "\n":
        return ["\n"]
    return [("# " if line else "") + line + "\n" for line in text.split("\n")]


def start_tokens(text: str) -> list[str]:
    """The tokens of ruamel's ``yaml_set_start_comment``: lines not starting with «#» get «# »."""
    if text[-1] == "\n":
        text = text[:-1]
    out = []
    for line in text.split("\n"):
        stripped = line.strip()
        out.append(("# " + line if stripped and stripped[0] != "#" else line) + "\n")
    return out


def eol_token(text: str) -> str:
    """An end-of-line comment as ruamel's ``yaml_add_eol_comment`` puts it: «# » before, at column 0
    (a new tree has no column to take one from: every such comment is placed by :func:`_place_comment`)."""
    return f"{_EOL}0{_EOL}{(text if text[0] == '#' else '# ' + text).strip()}"


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self._sc: Scalars | None = None

    @property
    def sc(self) -> Scalars:
        """fmt's scalar analysis, imported only for a value the checks here cannot decide."""
        if self._sc is None:
            from ..yamlscalars import Scalars

            self._sc = Scalars()
        return self._sc

    def comments(self, tokens: Any, indent: int) -> None:
        """Comment lines kept before an entry (tokens as ruamel made them: each ends with a newline)."""
        for token in tokens or []:
            for line in token.splitlines():
                if line.strip():
                    self.lines.append(" " * indent + line.strip())

    def mapping(self, node: Map, indent: int, first_head: str = "") -> None:
        """Entries at ``indent``; the first one after ``first_head`` («  - ») when inside a list."""
        before, eol = node.before, node.eol
        for n, (key, value) in enumerate(node.items()):
            if not (n == 0 and first_head) and key in before:
                self.comments(before[key], indent)
            head = (first_head if n == 0 and first_head else " " * indent) + f"{self.key(key)}:"
            self.value(head, value, indent, eol.get(key, ""))

    def key(self, key: Any) -> str:
        return self.inline(str(key))

    def inline(self, text: str, flow: bool = False) -> str:
        """fmt's one-line form of ``text``, without the full analysis when it is plainly plain."""
        if (_PLAIN_FLOW if flow else _PLAIN_BLOCK).fullmatch(text) and text.lower() not in _TYPED_WORDS:
            return text
        if (_DIGIT_FLOW if flow else _DIGIT_BLOCK).fullmatch(text):
            return f"'{text}'" if typed(text) else text
        return self.sc.inline(text, False, flow=flow)

    def sequence(self, node: Seq, indent: int) -> None:
        before = node.before
        dash = " " * indent + "- "
        for n, item in enumerate(node):
            if n in before:
                self.comments(before[n], indent)
            if _is_map(item) and len(item):
                self.mapping(item, indent + INDENT, dash)
            elif _is_seq(item) and len(item) and not _flow(item):
                self.lines.append(dash.rstrip())
                self.sequence(item, indent + INDENT)
            else:
                self.value(dash.rstrip(), item, indent, "")

    def value(self, head: str, value: Any, owner: int, eol: str) -> None:
        """``head`` («key:» or «-») and its value; ``owner`` is the head's indentation."""
        if _is_map(value):
            if not len(value):
                self.lines.append(f"{head} {{}}{eol}")
                return
            self.lines.append(head + eol)
            self.mapping(value, owner + INDENT)
            return
        if _is_seq(value):
            if not len(value):
                self.lines.append(f"{head} []{eol}")
                return
            if _flow(value) and all(isinstance(x, str) for x in value):
                flow = "[" + ", ".join(self.inline(x, flow=True) for x in value) + "]"
                if len(head) + 1 + len(flow) <= WIDTH:
                    self.lines.append(f"{head} {flow}{eol}")
                    return
            self.lines.append(head + eol)
            self.sequence(value, owner + INDENT)
            return
        self.scalar(head, value, owner, eol)

    def scalar(self, head: str, value: Any, owner: int, eol: str) -> None:
        if value is None:
            self.lines.append(head + eol)
            return
        if isinstance(value, bool):
            self.lines.append(f"{head} {'true' if value else 'false'}{eol}")
            return
        if isinstance(value, (int, date)):
            self.lines.append(f"{head} {value.isoformat() if isinstance(value, date) else value}{eol}")
            return
        text = str(value)
        indent = " " * (owner + INDENT)
        if text == "":
            self.lines.append(f"{head} ''{eol}")
            return
        if "\n" in text:
            body = text.rstrip("\n")
            trailing = len(text) - len(body)
            if trailing <= 1 and self.sc.literal_ok(body):
                self.lines.append(f"{head} |{'' if trailing else '-'}{eol}")
                self.lines.extend(indent + line if line else "" for line in body.split("\n"))
            else:
                from ..yamlscalars import double_quoted

                self.lines.append(f"{head} {double_quoted(text)}{eol}")
            return
        inline = self.inline(text)
        if len(head) + 1 + len(inline) <= WIDTH or not self.sc.foldable(text):
            self.lines.append(f"{head} {inline}{eol}")
            return
        from ..yamlscalars import wrap

        self.lines.append(f"{head} >-{eol}")
        self.lines.extend(indent + line for line in wrap(text, WIDTH - len(indent)))


def _is_map(value: Any) -> bool:
    return isinstance(value, dict)


def _is_seq(value: Any) -> bool:
    return isinstance(value, list)


def _flow(seq: Any) -> bool:
    return bool(getattr(seq, "flow", False))


def plain_line(text: Any, indent: int) -> bool:
    """Whether ``text`` is written as it is (plain) on a line after ``indent`` characters and «: »:
    then any YAML writer of the plan format's layout writes it the same way."""
    return (isinstance(text, str) and text.lower() not in _TYPED_WORDS and _PLAIN_BLOCK.fullmatch(text) is not None
            and indent + 2 + len(text) <= WIDTH)


def dump(root: Map, start: str = "") -> str:
    """The YAML text of ``root``, ``start`` (several lines) as the comment above it, every comment kept."""
    writer = _Writer()
    if start:
        writer.comments(start_tokens(start), 0)
    writer.mapping(root, 0)
    return "\n".join(_place_comment(line) for line in writer.lines) + "\n"


_EOL = "\0"  # marks an end-of-line comment and its column inside a line being built (never in plan text)


def _place_comment(line: str) -> str:
    """An end-of-line comment at its column when the line still fits, else two spaces after: fmt's rule
    (``fmtlayout._with_comment``), restated so that a comment does not import fmt's layout; the writer
    tests compare the text with the one written through fmtlayout."""
    if _EOL not in line:
        return line
    text, column, comment = line.split(_EOL)
    col = int(column)
    if len(text) < col and col + len(comment) <= WIDTH:
        return text.ljust(col) + comment
    return f"{text}  {comment}"

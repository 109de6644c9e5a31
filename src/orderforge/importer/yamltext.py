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
from types import MappingProxyType
from unicodedata import is_normalized, normalize

from ..diagnostics import Pos
from ..lazyre import LazyPattern
from ..rawtext import FORBIDDEN_CHARS
from ..yamlparse import MAX_DEPTH
from ..yamlrt import WIDTH
from ..yamltree import Entry as _Entry
from ..yamltree import Map as _TreeMap
from ..yamltree import Scalar as _Scalar
from ..yamltree import Seq as _TreeSeq
from ..yamltree import _nfc

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs import's start-up (issue 11)
    from typing import Any

    from ..yamlscalars import Scalars

INDENT = 2
#: A :class:`.Pos` made in C (as :mod:`orderforge.yamlfast` makes them).
_new = tuple.__new__
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
#: The comments of a :class:`Map` that has none: shared, and read-only so that no map writes into it.
_NO_COMMENTS: Any = MappingProxyType({})


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


class Map(dict["Any", "Any"]):  # names as text: typing is not imported at run time
    """A mapping written in its keys' order, with comment lines before a key and a comment at its line's end.

    No ``__init__`` of its own (dict's, in C: a plan makes one per activity): a map has no comments until
    :meth:`comment_before` or :meth:`comment_eol` gives it its own dict of them."""

    before: dict[Any, list[str]] = _NO_COMMENTS
    eol: dict[Any, str] = _NO_COMMENTS

    def comment_before(self, key: Any, text: str) -> None:
        if self.before is _NO_COMMENTS:
            self.before = {}
        self.before.setdefault(key, []).extend(before_tokens(text))

    def comment_eol(self, key: Any, text: str) -> None:
        if self.eol is _NO_COMMENTS:
            self.eol = {}
        self.eol[key] = eol_token(text)


class Seq(list["Any"]):  # names as text: typing is not imported at run time
    """A list, written as a block or (``flow``, :func:`flow_list`) as «[a, b]», with comment lines before an
    item; list's ``__init__`` (in C) like :class:`Map`'s, no comments until :meth:`comment_before`."""

    before: dict[int, list[str]] = _NO_COMMENTS
    flow = False

    def comment_before(self, index: int, text: str) -> None:
        if self.before is _NO_COMMENTS:
            self.before = {}
        self.before.setdefault(index, []).extend(before_tokens(text))


def flow_list(items: Any) -> Seq:
    """A :class:`Seq` written as «[a, b]» when it fits its line."""
    seq = Seq(items)
    seq.flow = True
    return seq


#: The deepest indentation of a list or mapping the tree writer vouches for: each level of nesting indents by
#: INDENT, and a flow or empty list one more level below it, so the loader never counts past MAX_DEPTH.
_DEEPEST = INDENT * (MAX_DEPTH - 2)
#: Keys written as they are (plain), remembered: a plan asks for the same few thousands of times.
_KEYS: dict[str, str] = {}


def before_tokens(text: str) -> list[str]:
    """The comment tokens ruamel's ``yaml_set_comment_before_after_key`` makes of ``text``: «# line» each."""
    if text and len(text) > 1 and text[-1] == "\n":
        text = text[:-1]
    if text == "\n":
        return ["\n"]
    return [("# " if line else "") + line + "\n" for line in _comment_lines(text)]


def _comment_lines(text: str) -> list[str]:
    """The lines of a comment's text: broken at «\n», and also at every other character YAML ends a line
    at (CR, NEL, U+2028/2029), so that each piece gets its «#» (else the piece after it is no comment and
    the plan no YAML); a text without them gives what ``split("\n")`` gives."""
    if text.isprintable() or not any(ch in text for ch in "\r\x85\u2028\u2029"):  # nearly always: no translation
        return text.split("\n")
    return text.replace("\r\n", "\n").translate(_YAML_BREAKS).split("\n")


#: The characters besides «\n» YAML (libyaml) ends a line at.
_YAML_BREAKS = str.maketrans(dict.fromkeys("\r\x85\u2028\u2029", "\n"))


def start_tokens(text: str) -> list[str]:
    """The tokens of ruamel's ``yaml_set_start_comment``: lines not starting with «#» get «# »."""
    if text[-1] == "\n":
        text = text[:-1]
    out = []
    for line in _comment_lines(text):
        stripped = line.strip()
        out.append(("# " + line if stripped and stripped[0] != "#" else line) + "\n")
    return out


def eol_token(text: str) -> str:
    """An end-of-line comment as ruamel's ``yaml_add_eol_comment`` puts it: «# » before, at column 0
    (a new tree has no column to take one from: every such comment is placed by :func:`_place_comment`)."""
    if "\n" in text or not text.isprintable():  # one line: the comment ends at the line's end, so a line
        text = " ".join(_comment_lines(text)).strip() or "#"  # break inside it (CR, NEL, U+2028 …) is a space
    return f"{_EOL}0{_EOL}{(text if text[0] == '#' else '# ' + text).strip()}"


class Refused(Exception):
    """The tree writer cannot vouch that its tree is the one the loader would read from the text."""


class _Writer:
    """Writes the lines; with ``name`` it also builds, node by node, the tree :func:`orderforge.load.load_file`
    would read back from those lines (:func:`dump_tree`). Without ``name`` every method returns None."""

    def __init__(self, name: str | None = None) -> None:
        self.lines: list[str] = []
        self._sc: Scalars | None = None
        self.name = name

    @property
    def sc(self) -> Scalars:
        """fmt's scalar analysis, imported only for a value the checks here cannot decide."""
        if self._sc is None:
            from ..yamlscalars import Scalars

            self._sc = Scalars()
        return self._sc

    def pos(self, col: int) -> Pos:
        """The place of column ``col`` (0-based) of the line about to be written, as the loader gives it."""
        return _new(Pos, (self.name, len(self.lines) + 1, col + 1))

    def comments(self, tokens: Any, indent: int) -> None:
        """Comment lines kept before an entry (tokens as ruamel made them: each ends with a newline)."""
        pad, lines = " " * indent, self.lines
        for token in tokens or []:
            for line in token.split("\n"):  # only there: a form feed or U+001C is no line end to YAML
                stripped = line.strip()
                if stripped:  # each starts with «#»: before_tokens and start_tokens give every piece its own
                    lines.append(pad + stripped)

    def mapping(self, node: Map, indent: int, first_head: str = "") -> Any:
        """Entries at ``indent``; the first one after ``first_head`` («  - ») when inside a list.

        A one-line text, most values of a plan, is written here, without the calls of :meth:`value`."""
        before, eol, name, lines = node.before, node.eol, self.name, self.lines
        if indent > _DEEPEST and name is not None:
            raise Refused
        entries: dict[str, Any] = {}
        first: Pos | None = None
        pad = " " * indent
        for n, (key, value) in enumerate(node.items()):
            if n == 0 and first_head:
                lead = first_head
            else:
                lead = pad
                if key in before:
                    self.comments(before[key], indent)
            head = lead + (_KEYS.get(key) or self.key(key)) + ":"
            if name is not None:
                key_pos = _new(Pos, (name, len(lines) + 1, len(lead) + 1))
                first = first or key_pos
            if value.__class__ is str and value and "\n" not in value:
                written = self.inline(value)
                if len(head) + 1 + len(written) <= WIDTH or not self.sc.foldable(value):
                    child = None if name is None else self.text_node(value, written, len(head) + 1)
                    lines.append(f"{head} {written}{eol[key]}" if key in eol else f"{head} {written}")
                else:
                    child = self.value(head, value, indent, eol.get(key, ""))
            else:
                child = self.value(head, value, indent, eol.get(key, ""))
            if name is None:
                continue
            text = key if key.__class__ is str and key.isascii() else _nfc(str(key))
            if text in entries:
                raise Refused  # the loader reports the second one (OF014)
            entries[text] = _Entry(text, key_pos, _Scalar("", key_pos, False) if child is None else child)
        if name is None:
            return None
        if first is None:
            raise Refused
        return _TreeMap(entries, first)

    def key(self, key: Any) -> str:
        """A key as written; the plan format's keys, asked for at every entry, are kept (:data:`_KEYS`)."""
        written = self.inline(str(key))
        if key.__class__ is str and written == key and len(_KEYS) < 200:
            _KEYS[key] = written
        return written

    def inline(self, text: str, flow: bool = False) -> str:
        """fmt's one-line form of ``text``, without the full analysis when it is plainly plain."""
        if (_PLAIN_FLOW if flow else _PLAIN_BLOCK).fullmatch(text) and (len(text) > 5 or
                                                                        text.lower() not in _TYPED_WORDS):
            return text  # (no YAML word is longer than «false»)
        if (_DIGIT_FLOW if flow else _DIGIT_BLOCK).fullmatch(text):
            return f"'{text}'" if typed(text) else text
        return self.sc.inline(text, False, flow=flow)

    def sequence(self, node: Seq, indent: int) -> Any:
        before, tree = node.before, self.name is not None
        if indent > _DEEPEST and tree:
            raise Refused
        dash = " " * indent + "- "
        items: list[Any] = []
        first: Pos | None = None
        for n, item in enumerate(node):
            if n in before:
                self.comments(before[n], indent)
            if tree and first is None:
                first = self.pos(indent)
            if _is_map(item) and len(item):
                child = self.mapping(item, indent + INDENT, dash)
            elif _is_seq(item) and len(item) and not _flow(item):
                self.lines.append(dash.rstrip())
                child = self.sequence(item, indent + INDENT)
            else:
                child = self.value(dash.rstrip(), item, indent, "")
                if child is None and tree:
                    raise Refused  # an empty item: the loader places it by the next token
            items.append(child)
        return _TreeSeq(items, first) if first is not None else None

    def value(self, head: str, value: Any, owner: int, eol: str) -> Any:
        """``head`` («key:» or «-») and its value; ``owner`` is the head's indentation."""
        if _is_map(value):
            if not len(value):
                empty = _TreeMap({}, self.pos(len(head) + 1)) if self.name is not None else None
                self.lines.append(f"{head} {{}}{eol}")
                return empty
            self.lines.append(head + eol)
            return self.mapping(value, owner + INDENT)
        if _is_seq(value):
            if not len(value):
                node = _TreeSeq([], self.pos(len(head) + 1)) if self.name is not None else None
                self.lines.append(f"{head} []{eol}")
                return node
            if _flow(value) and all(isinstance(x, str) for x in value):
                texts = [self.inline(x, flow=True) for x in value]
                flow = "[" + ", ".join(texts) + "]"
                if len(head) + 1 + len(flow) <= WIDTH:
                    node = self.flow_node(head, value, texts) if self.name is not None else None
                    self.lines.append(f"{head} {flow}{eol}")
                    return node
            self.lines.append(head + eol)
            return self.sequence(value, owner + INDENT)
        return self.scalar(head, value, owner, eol)

    def flow_node(self, head: str, values: list[str], texts: list[str]) -> Any:
        """The nodes of «head [a, b]»: the list at «[», each item where its text starts."""
        col = len(head) + 1
        node = _TreeSeq([], self.pos(col))
        col += 1
        for value, text in zip(values, texts, strict=True):
            node.items.append(self.text_node(value, text, col))
            col += len(text) + 2
        return node

    def text_node(self, value: str, written: str, col: int) -> Any:
        """A one-line scalar written as ``written`` at ``col`` of the line about to be written: the loader reads
        ``value`` back (fmt's choice of form guarantees it), quoted when ``written`` is; an escape in double
        quotes it would report."""
        mark = written[0]
        if mark == '"' and FORBIDDEN_CHARS.search(value):
            raise Refused
        if not value.isascii() and not is_normalized("NFC", value):
            value = normalize("NFC", value)
        return _Scalar(value, _new(Pos, (self.name, len(self.lines) + 1, col + 1)), mark == "'" or mark == '"')

    def scalar(self, head: str, value: Any, owner: int, eol: str) -> Any:
        tree, col = self.name is not None, len(head) + 1
        if value is None:
            self.lines.append(head + eol)
            return None
        if isinstance(value, bool):
            text = "true" if value else "false"
            node = _Scalar(text, self.pos(col), False) if tree else None
            self.lines.append(f"{head} {text}{eol}")
            return node
        if isinstance(value, (int, date)):
            text = value.isoformat() if isinstance(value, date) else str(value)
            node = _Scalar(text, self.pos(col), False) if tree else None
            self.lines.append(f"{head} {text}{eol}")
            return node
        text = str(value)
        indent = " " * (owner + INDENT)
        if text == "":
            node = _Scalar("", self.pos(col), True) if tree else None
            self.lines.append(f"{head} ''{eol}")
            return node
        if "\n" in text:
            return self.lines_scalar(head, text, indent, eol)
        inline = self.inline(text)
        if len(head) + 1 + len(inline) <= WIDTH or not self.sc.foldable(text):
            node = self.text_node(text, inline, col) if tree else None
            self.lines.append(f"{head} {inline}{eol}")
            return node
        from ..yamlscalars import wrap

        lines = wrap(text, WIDTH - len(indent))
        node = _Scalar(_nfc(text), self.pos(col), False) if tree else None
        if tree and (" ".join(lines) != text or any(not line or line[0] == " " or line[-1] == " " for line in lines)):
            raise Refused  # folding would not give the text back word for word
        self.lines.append(f"{head} >-{eol}")
        self.lines.extend(indent + line for line in lines)
        return node

    def lines_scalar(self, head: str, text: str, indent: str, eol: str) -> Any:
        """Several lines: a literal block when fmt's analysis allows one (the loader keeps it as it is:
        at most one line break at its end, «|» keeps it, «|-» has none), else one double-quoted line."""
        col = len(head) + 1
        body = text.rstrip("\n")
        trailing = len(text) - len(body)
        if trailing <= 1 and self.sc.literal_ok(body):
            lines = body.split("\n")
            node = _Scalar(_nfc(text), self.pos(col), False) if self.name is not None else None
            self.lines.append(f"{head} |{'' if trailing else '-'}{eol}")
            self.lines.extend(indent + line if line else "" for line in lines)
            return node
        from ..yamlscalars import double_quoted

        written = double_quoted(text)
        node = self.text_node(text, written, col) if self.name is not None else None
        self.lines.append(f"{head} {written}{eol}")
        return node


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
    return joined(writer.lines)


def joined(lines: list[str]) -> str:
    """The lines as the file's text, each end-of-line comment placed (:func:`_place_comment`): the lines are
    joined once more only when one has such a comment (a few TODO marks in a plan)."""
    text = "\n".join(lines) + "\n"
    if _EOL in text:
        return "\n".join(_place_comment(line) for line in lines) + "\n"
    return text


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

"""The plan's text and, built with it line by line, the tree :func:`orderforge.load.load_file` reads from it.

``import`` checks the plan it wrote as ``validate`` would, from this tree instead of reading the file again
(:func:`dump_tree`). :class:`.yamltext._Writer` can build the tree too, node by node through its general
methods; for a 1,000-row plan that cost more than writing the text (issue 11). :class:`TreeWriter` writes
the same lines and builds the same nodes with fewer calls in the two places nearly every node passes:
a mapping's entries, a one-line text or a flow list of names (an activity's values), and a list's items.
Anything else it leaves to the general methods. tests/test_import_tree.py compares its trees with the
general writer's and with ``load_file``'s on every fixture, corpus document and generated plan.
"""

from __future__ import annotations

from unicodedata import is_normalized, normalize

from ..diagnostics import Pos
from ..lazyre import LazyPattern
from ..yamlrt import WIDTH
from ..yamltree import Entry, Node, _nfc
from ..yamltree import Map as TreeMap
from ..yamltree import Scalar as TreeScalar
from ..yamltree import Seq as TreeSeq
from .yamltext import (
    _DEEPEST,
    _KEYS,
    _PLAIN_FLOW,
    _TYPED_WORDS,
    INDENT,
    Refused,
    Seq,
    _Writer,
    dump,
    joined,
    start_tokens,
)

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs import's start-up (issue 11)
    from typing import Any

    from .yamltext import Map

_new = tuple.__new__
#: A key as written with its colon, and as the loader keys it (NFC): the plan format's keys, asked for at
#: every entry. Only str keys are kept (1 and True would share a slot of a dict).
_TREE_KEYS: dict[str, tuple[str, str]] = {}


class TreeWriter(_Writer):
    """:class:`.yamltext._Writer` building the loader's tree, its two busiest methods written for that."""

    name: str

    def __init__(self, name: str) -> None:
        super().__init__(name)
        #: Texts written plain in a block, each with its NFC form: a plan repeats its deadlines, results and
        #: names, which then skip :meth:`inline`'s checks.
        self.plain: dict[str, str] = {}
        #: The same for texts in a flow list (:meth:`names`).
        self.flow_plain: dict[str, str] = {}

    def nfc_plain(self, value: str, written: str) -> str:
        """``value``, written plain as ``written``, in NFC as the loader reads it; kept in :attr:`plain` when
        it is the text as it is (every plain one-line text :meth:`inline` gives)."""
        nfc = value if value.isascii() or is_normalized("NFC", value) else normalize("NFC", value)
        if written == value:
            self.plain[value] = nfc
        return nfc

    def mapping(self, node: Map, indent: int, first_head: str = "") -> Any:
        """Entries at ``indent``, as :meth:`.yamltext._Writer.mapping` writes them; a one-line text or a flow
        list of plain names that fits the line is written and made a node here."""
        before, eol, name, lines, plain = node.before, node.eol, self.name, self.lines, self.plain
        if indent > _DEEPEST:
            raise Refused
        entries: dict[str, Any] = {}
        pad = " " * indent
        lead = first_head or pad
        for key, value in node.items():
            if lead is pad and key in before:
                self.comments(before[key], indent)
            known = _TREE_KEYS.get(key)  # (holds str keys only: no other key equals one)
            if known is None:
                known = self.tree_key(key)
            head = lead + known[0]
            line = len(lines) + 1
            key_pos = _new(Pos, (name, line, len(lead) + 1))
            col = len(head) + 1
            cls = value.__class__
            if cls is str and value in plain and col + len(value) <= WIDTH:
                child = TreeScalar(plain[value], _new(Pos, (name, line, col + 1)), False)
                lines.append(f"{head} {value}{eol[key]}" if key in eol else f"{head} {value}")
            elif cls is not Seq or not value.flow or not value or key in eol or \
                    (child := self.names(head, value, col)) is None:
                child = self.entry_value(head, value, indent, eol.get(key, ""))
            text = known[1]
            if text in entries:
                raise Refused  # the loader reports the second one (OF014)
            entries[text] = Entry(text, key_pos, TreeScalar("", key_pos, False) if child is None else child)
            lead = pad
        if not entries:
            raise Refused
        return TreeMap(entries, next(iter(entries.values())).key_pos)

    def entry_value(self, head: str, value: Any, indent: int, eol: str) -> Any:
        """A value after «key:» (``head``) that :meth:`mapping` did not write itself: a one-line text is
        written here as :meth:`.yamltext._Writer.mapping` writes it, anything else by :meth:`value`."""
        if value.__class__ is str and value and "\n" not in value:
            written, col = self.inline(value), len(head) + 1
            if col + len(written) <= WIDTH or not self.sc.foldable(value):
                mark = written[0]
                if mark == "'" or mark == '"':
                    child = self.text_node(value, written, col)
                else:  # plain: the loader reads the value itself
                    child = TreeScalar(self.nfc_plain(value, written), self.pos(col), False)
                self.lines.append(f"{head} {written}{eol}")
                return child
        return self.value(head, value, indent, eol)

    def tree_key(self, key: Any) -> tuple[str, str]:
        """«key:» as written and the key as the loader has it; a str key is kept (:data:`_TREE_KEYS`)."""
        known = ((_KEYS.get(key) or self.key(key)) + ":",
                 key if key.__class__ is str and key.isascii() else _nfc(str(key)))
        if key.__class__ is str and len(_TREE_KEYS) < 200:
            _TREE_KEYS[key] = known
        return known

    def names(self, head: str, values: Seq, col: int) -> Any:
        """A flow list of texts each plain in a flow list (an activity's responsible parties), written after
        ``head`` when it fits the line, and its node; None (nothing written) for any other list."""
        known = self.flow_plain
        for value in values:
            if value.__class__ is not str:
                return None
            if value not in known:
                if not _PLAIN_FLOW.fullmatch(value) or len(value) <= 5 and value.lower() in _TYPED_WORDS:
                    return None
                known[value] = value if value.isascii() or is_normalized("NFC", value) else normalize("NFC", value)
        flow = "[" + ", ".join(values) + "]"
        if col + len(flow) > WIDTH:
            return None
        name, line = self.name, len(self.lines) + 1
        node = TreeSeq([], _new(Pos, (name, line, col + 1)))
        items, col = node.items, col + 2
        for value in values:
            items.append(TreeScalar(known[value], _new(Pos, (name, line, col)), False))
            col += len(value) + 2
        self.lines.append(f"{head} {flow}")
        return node

    def sequence(self, node: Seq, indent: int) -> Any:
        """Items at ``indent``, as :meth:`.yamltext._Writer.sequence` writes them."""
        before, lines = node.before, self.lines
        if indent > _DEEPEST:
            raise Refused
        dash = " " * indent + "- "
        bare = dash.rstrip()
        items: list[Any] = []
        first: Pos | None = None
        for n, item in enumerate(node):
            if n in before:
                self.comments(before[n], indent)
            if first is None:
                first = _new(Pos, (self.name, len(lines) + 1, indent + 1))
            if isinstance(item, dict) and item:
                child = self.mapping(item, indent + INDENT, dash)  # type: ignore[arg-type]
            elif isinstance(item, list) and item and not getattr(item, "flow", False):
                lines.append(bare)
                child = self.sequence(item, indent + INDENT)  # type: ignore[arg-type]
            else:
                child = self.value(bare, item, indent, "")
                if child is None:
                    raise Refused  # an empty item: the loader places it by the next token
            items.append(child)
        return TreeSeq(items, first) if first is not None else None


def dump_tree(root: Map, start: str, name: str) -> tuple[str, Node | None]:
    """:func:`.yamltext.dump`'s text, and the tree :func:`orderforge.load.load_file` reads from it for a file
    shown as ``name`` (positions, NFC values, quoted or not) — or None where the writer cannot vouch for it:
    a duplicate key after NFC, an empty list item, an escape the loader reports, a fold that would not give
    the text back, or a text the raw-text check, decoding or libyaml would read otherwise (a CR, NEL,
    U+2028/9, BOM, tab in an indentation, a control character, «[[[…», more than 8 MB, nesting past
    MAX_DEPTH). tests/test_import_tree.py compares it with ``load_file`` on every fixture, corpus document
    and generated plan."""
    writer = TreeWriter(name)
    if start:
        writer.comments(start_tokens(start), 0)
    try:
        tree = writer.mapping(root, 0)
    except Refused:  # rare (hostile text): the text written again, whole, without the tree
        return dump(root, start), None
    text = joined(writer.lines)
    if tree is None or text.count("\n") != len(writer.lines) or not readable_as_written(text, name):
        # (every line written is one line: a line break inside one would move the lines after it)
        return text, None
    return text, tree


def readable_as_written(text: str, name: str) -> bool:
    """Whether the loader reads ``text`` line for line as written: no other line break for decoding or libyaml
    to split at, nothing for the raw-text check to report, within the size a plan may have.

    Nearly always every character but «\n» is printable (:meth:`str.isprintable`, one scan in C): then there
    is no character :data:`_OTHER_BREAKS` finds (each is a control, format, surrogate, separator or
    unassigned one), and nothing :func:`.rawtext.check_raw_text` looks for but a run of openers (a tab, a
    no-break space, a BOM, a control character are none of them printable)."""
    from ..load import MAX_PLAN_BYTES
    from ..rawtext import opener_run_start

    if not text.replace("\n", "").isprintable():
        return _readable_in_full(text, name)
    if len(text) * 4 > MAX_PLAN_BYTES and len(text.encode()) > MAX_PLAN_BYTES:
        return False
    return opener_run_start(text) is None


def _readable_in_full(text: str, name: str) -> bool:
    """:func:`readable_as_written` for a text with a character that is not printable: asked of the
    raw-text check itself."""
    from ..diagnostics import Report
    from ..load import MAX_PLAN_BYTES
    from ..rawtext import check_raw_text

    if _OTHER_BREAKS.search(text) or len(text) * 4 > MAX_PLAN_BYTES and len(text.encode()) > MAX_PLAN_BYTES:
        return False
    report = Report()
    check_raw_text(text, name, report)
    return not report.items


#: What decoding or the YAML reader would not take as written: a line break other than LF (CR, NEL, U+2028/9),
#: a BOM, and any character outside YAML's printable set (the reader refuses C1 controls, surrogates …).
_OTHER_BREAKS = LazyPattern("[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")

"""Where every comment of a YAML text belongs: the attachment rules ``fmt`` keeps.

A formatter that reorders keys and re-indents lines can only keep a clerk's
comments if it knows what each comment is *about*. The rules, stated once and
used both to format a file and to check the result (:func:`attachments`):

* **end of line** — a comment after content on its line belongs to the entry
  (mapping key or list item) whose content precedes it on that line: its key,
  its value, the «-» of its item, the closing bracket of its flow list, or the
  header of its block scalar (``text: >-  # comment``);
* **before** — a comment on a line of its own belongs to the next entry below
  it when it is indented no deeper than that entry (runs of blank lines go
  with the comment or entry that follows them);
* **after** — a comment indented deeper than the next entry closes the block
  above it: the latest entry above whose column is at most the comment's.
  At that entry's own column it closes the entry's list or mapping
  (:attr:`Notes.end`); deeper, it belongs under that entry's value
  (:attr:`Notes.after`, or the end of the value's block when it has one);
* comments above the first entry that a blank line separates from it are the
  file's **header** (a comment right above a key is that key's, even the first
  one's); the end of the top-level block is the file's **footer**.

Comments are found between the scanner's tokens, so a «#» inside a quoted or
block value is never taken for one, and nothing is searched by guesswork.
"""

from __future__ import annotations

import bisect
from collections import namedtuple
from collections.abc import Iterator
from itertools import accumulate, compress, repeat
from operator import attrgetter, gt

from .slotted import Slotted
from .yamlgaps import END, START, Comment, Finder
from .yamlnodes import is_scalar, untagged_composer

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs fmt's start-up (issue 12)
    from typing import Any

    #: What a comment is attached to, for comparing two layouts of one plan:
    #: ("header" | "before" | "with", path of the entry, comment text).
    Attachment = tuple[str, tuple[Any, ...], str]


#: A mapping key or a list item: what comments attach to. ``node``: the key node, or the item node itself;
#: ``value``: the key's value, or the item; ``parent``: the collection holding the entry; ``index`` and ``col``:
#: where the entry's head starts (its key, or its item's «-»). A tuple made in C (``tuple.__new__``), not a
#: class with an ``__init__``: a plan has one per key and item, and a Python call for each was a tenth of fmt.
#: (The entry's path of keys and item numbers, which only :func:`attachments` needs, is worked out there.)
Entry = namedtuple("Entry", "node value parent index col")
_new = tuple.__new__


class Notes(Slotted):
    """Comments and blank lines by what they belong to (``id()`` of an entry's node or a collection)."""

    __slots__ = ("header", "before", "eol", "after", "end", "footer")

    def __init__(self) -> None:
        self.header: list[Comment] = []
        self.before: dict[int, list[Comment]] = {}
        self.eol: dict[int, list[Comment]] = {}
        self.after: dict[int, list[Comment]] = {}
        self.end: dict[int, list[Comment]] = {}
        self.footer: list[Comment] = []

    def groups(self) -> Iterator[list[Comment]]:
        yield self.header
        yield self.footer
        for table in (self.before, self.eol, self.after, self.end):
            yield from table.values()

    def texts(self) -> list[str]:
        return sorted(c.text for group in self.groups() for c in group if c.text)

    def has_comment(self, table: dict[int, list[Comment]], key: int) -> bool:
        return any(c.text for c in table.get(key, ()))


# --------------------------------------------------------------------------- parsing


class TooDeep(ValueError):
    """Lists and mappings nest deeper than the loader allows (a hostile file is not parsed to its end)."""


_OPENING = {"[", "{", "<block mapping start>", "<block sequence start>"}
_CLOSING = {"]", "}", "<block end>"}
#: A token's change of the nesting depth, for the tokens that change it.
_STEPS = {**{t: 1 for t in _OPENING}, **{t: -1 for t in _CLOSING}}


def compose(text: str, max_depth: int = 1000) -> tuple[Any, list[Any]]:
    """The node tree and every token of the text: libyaml's when it reads the text as the reference does,
    else one pass of ruamel's pure safe parser.

    libyaml (PyYAML's C parser) is ten times faster and gives the same nodes, tokens and character
    marks (:func:`orderforge.yamlparse.fast_tree` relies on the same agreement, and the fmt tests run both
    ways); on any text it is known to read differently, and on any error, the pure parser decides. One
    difference is left as it is: a plain scalar's ``style`` is ``""`` from libyaml and None from ruamel
    (readers test ``not node.style``; setting None on every scalar was a walk of its own through the tree).
    Raises ruamel's YAMLError for what is not YAML and :class:`TooDeep` past ``max_depth``.
    """
    fast = _compose_libyaml(text, max_depth)
    return fast if fast is not None else compose_reference(text, max_depth)


def compose_reference(text: str, max_depth: int = 1000) -> tuple[Any, list[Any]]:
    """:func:`compose` through ruamel's pure parser only (the reference, and the tests' other path)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.scanner import Scanner

    tokens: list[Any] = []
    depth = [0]

    class Recording(Scanner):
        def get_token(self) -> Any:
            token = super().get_token()
            tokens.append(token)
            depth[0] += (token.id in _OPENING) - (token.id in _CLOSING)
            if depth[0] > max_depth:
                raise TooDeep(token.start_mark)
            return token

    yaml = YAML(typ="safe", pure=True)
    yaml.Scanner = Recording
    root = yaml.compose(text)
    return root, tokens


def _compose_libyaml(text: str, max_depth: int) -> tuple[Any, list[Any]] | None:
    """:func:`compose` by libyaml, or None: no C parser, a text the two parsers read differently
    (:data:`orderforge.yamlparse.RISKY`), too deep, or anything libyaml refuses (the reference then says why).

    The nodes are composed from the tokens (:mod:`orderforge.yamltokens`) where that composer reads the
    text, else by libyaml's composer from a second scan. The tokens come from orderforge's compiled reader
    where it is built (:func:`orderforge.yamlparse.compiled_tokens`: PyYAML is then not even imported), and
    are composed there too (:func:`orderforge.yamlparse.compiled_compose`), else from PyYAML's."""
    from .yamlparse import compiled_compose, compiled_tokens, is_risky
    from .yamltokens import compose_tokens

    if is_risky(text):
        return None
    made = compiled_tokens(text)
    if made is not None:
        if _deepest(made) > max_depth:
            return None
        root = compiled_compose(made)
        if root is not None:
            return None if is_scalar(root) else (root, made)
        # what the token composer leaves is composed by libyaml's composer, from PyYAML's own tokens below
    try:
        import yaml
        from yaml._yaml import CParser
    except ImportError:
        return None
    try:
        tokens: list[Any] = list(iter(CParser(text).get_token, None))  # the text is bounded (MAX_PLAN_BYTES)
        if _deepest(tokens) > max_depth:
            return None
        root = compose_tokens(tokens)
        if root is None:
            root = untagged_composer()(text).get_single_node()
    except (yaml.YAMLError, UnicodeError):
        return None
    if root is None or is_scalar(root):
        return None  # an empty or bare-scalar text: rare, and the reference reads a top-level scalar differently
    return root, tokens


def _deepest(tokens: list[Any]) -> int:
    """The deepest nesting, told by C loops over the token kinds."""
    return max(accumulate(map(_STEPS.get, map(attrgetter("id"), tokens), repeat(0))), default=0)


# --------------------------------------------------------------------------- the tree's entries


class Tree:
    """The entries of a composed tree in document order, and the look-ups comments need."""

    def __init__(self, root: Any, tokens: list[Any]) -> None:
        self.root = root
        dashes = map("-".__eq__, map(attrgetter("id"), tokens))
        self.dashes = list(compress(map(attrgetter("start_mark"), tokens), dashes))
        self.dash_index = list(map(attrgetter("index"), self.dashes))
        self.entries: list[Entry] = []
        self.owner: dict[int, Entry] = {}  # id(key, value or item node) -> its entry
        self.by_dash: dict[int, Entry] = {}  # index of an item's «-» -> the item's entry
        #: scalar or flow collection by where it starts (``index``) or, a flow collection, ends (``~index``)
        self.nodes_at: dict[int, Any] = {}
        self._walk(root)
        self.entries.sort(key=attrgetter("index"))  # stable: the walk's order where two heads coincide
        self.heads = list(map(attrgetter("index"), self.entries))

    def _walk(self, node: Any) -> None:
        """Every entry under ``node`` in the walk's order, each noted as its key's, value's or item's owner;
        a scalar is noted where it starts without a call of its own (most nodes are scalars)."""
        entries, owner, nodes_at = self.entries, self.owner, self.nodes_at
        kind = node.id
        if kind == "mapping":
            if node.flow_style:
                self._note_flow(node)
            for key, value in node.value:
                mark = key.start_mark
                entry = _new(Entry, (key, value, node, mark.index, mark.column))
                entries.append(entry)
                owner[id(key)] = entry
                owner.setdefault(id(value), entry)
                if key.id == "scalar":
                    nodes_at[mark.index] = key
                else:
                    self._walk(key)
                if value.id == "scalar":
                    nodes_at[value.start_mark.index] = value
                else:
                    self._walk(value)
        elif kind == "sequence":
            if node.flow_style:
                self._note_flow(node)
            for item in node.value:
                entry = self._item_entry(node, item)
                entries.append(entry)
                owner[id(item)] = entry
                self._walk(item)
        else:
            nodes_at[node.start_mark.index] = node

    def _note_flow(self, node: Any) -> None:
        self.nodes_at[node.start_mark.index] = node
        self.nodes_at[~node.end_mark.index] = node

    def _item_entry(self, seq: Any, item: Any) -> Entry:
        mark = item.start_mark
        if not seq.flow_style:
            k = bisect.bisect_left(self.dash_index, item.start_mark.index) - 1
            mark = self.dashes[k]
        entry = _new(Entry, (item, item, seq, mark.index, mark.column))
        if not seq.flow_style:
            self.by_dash[mark.index] = entry
        return entry

    def next_entry(self, index: int) -> int:
        """Position in :attr:`entries` of the first entry whose head starts after ``index``."""
        return bisect.bisect_right(self.heads, index)

    def closing(self, k: int, col: int) -> Entry | None:
        """The latest entry before position ``k`` whose column is at most ``col``."""
        for n in range(k - 1, -1, -1):
            if self.entries[n].col <= col:
                return self.entries[n]
        return None

    def has_block(self, node: Any) -> bool:
        """A non-empty block list or mapping (the entries under it are deeper than its key)."""
        return not is_scalar(node) and bool(node.value) and not node.flow_style


# --------------------------------------------------------------------------- attaching


class Attacher:
    """Sorts every comment and blank line of a text into :class:`Notes`."""

    def __init__(self, text: str, tree: Tree, tokens: list[Any]) -> None:
        self.lines = text.split("\n")
        self.tree = tree
        # not a block's end (nor another token that covers no text), chosen by C loops
        self.tokens = list(compress(tokens, map(gt, map(END, tokens), map(START, tokens))))
        self.notes = Notes()
        self.blanks: list[Comment] = []  # blank lines waiting for what follows them
        self.waiting_for = -1  # the entry the blank lines wait for
        self.leading_for = -1  # the entry that already took a comment as «before»
        for comment, previous in Finder(text, self.tokens).items():
            self._take(comment, previous)
        self._flush(len(tree.entries))
        self._split_header()

    def _take(self, comment: Comment, previous: int) -> None:
        k = self.tree.next_entry(comment.index)
        if k != self.waiting_for:
            self._flush(self.waiting_for)
            self.waiting_for = k
        if not comment.text:
            self.blanks.append(comment)
            return
        entry = self._line_owner(previous) if self.lines[comment.line][: comment.col].strip() else None
        if entry is not None:
            table = self.notes.after if self.notes.has_comment(self.notes.eol, id(entry.node)) else self.notes.eol
            table.setdefault(id(entry.node), []).append(comment)
            return
        target = self._place(comment, k)
        target.extend(self.blanks)
        target.append(comment)
        self.blanks = []

    def _split_header(self) -> None:
        """Above the first entry, what a blank line separates is the file's header; the rest is the entry's."""
        top = self.notes.header
        cut = 0
        for n, comment in enumerate(top):
            if not comment.text and any(c.text for c in top[:n]):
                cut = n + 1
        self.notes.header = top[:cut]
        if self.tree.entries and top[cut:]:
            self.notes.before[id(self.tree.entries[0].node)] = top[cut:]

    def _flush(self, k: int) -> None:
        if self.blanks and k >= 0:
            self._leading(k).extend(self.blanks)
        self.blanks = []

    def _leading(self, k: int) -> list[Comment]:
        if k == 0:
            return self.notes.header
        if k >= len(self.tree.entries):
            return self.notes.footer
        return self.notes.before.setdefault(id(self.tree.entries[k].node), [])

    def _place(self, comment: Comment, k: int) -> list[Comment]:
        """Where a comment on its own line goes (the rules in the module docstring)."""
        entries = self.tree.entries
        following = entries[k].col if k < len(entries) else 0
        if k == 0 or self.leading_for == k or comment.col <= following:
            self.leading_for = k
            return self._leading(k)
        closed = self.tree.closing(k, comment.col)
        if closed is None:
            self.leading_for = k
            return self._leading(k)
        if comment.col == closed.col:
            return self.notes.end.setdefault(id(closed.parent), [])
        if self.tree.has_block(closed.value):
            return self.notes.end.setdefault(id(closed.value), [])
        return self.notes.after.setdefault(id(closed.node), [])

    def _line_owner(self, n: int) -> Entry | None:
        """The entry whose content precedes an end-of-line comment on its line (``n``: the token before it)."""
        tokens = self.tokens
        while n >= 0 and tokens[n].id in (":", ","):
            n -= 1
        if n < 0:
            return None
        token = tokens[n]
        if token.id == "-":
            return self.tree.by_dash.get(token.start_mark.index)
        place = ~token.end_mark.index if token.id in ("]", "}") else token.start_mark.index
        node = self.tree.nodes_at.get(place)
        return self.tree.owner.get(id(node)) if node is not None else None


def attach(text: str, root: Any, tokens: list[Any]) -> tuple[Tree, Notes]:
    tree = Tree(root, tokens)
    return tree, Attacher(text, tree, tokens).notes


def _entry_paths(node: Any, path: tuple[Any, ...] = (), found: dict[int, tuple[Any, ...]] | None = None,
                 ) -> dict[int, tuple[Any, ...]]:
    """id(an entry's node: a key or an item) → its path of keys and item numbers from the root."""
    found = {} if found is None else found
    if node.id == "mapping":
        for key, value in node.value:
            key_path = path + (getattr(key, "value", None),)
            found[id(key)] = key_path
            _entry_paths(key, key_path, found)
            _entry_paths(value, key_path, found)
    elif node.id == "sequence":
        for n, item in enumerate(node.value):
            found[id(item)] = path + (n,)
            _entry_paths(item, path + (n,), found)
    return found


def attachments(text: str) -> list[Attachment]:
    """Every comment of the text with what it belongs to, to compare two layouts of one plan.

    «eol», «after» and «end» all say «with this entry, after its head»: an end-of-line
    comment that cannot stay on its line (a second one for the same entry) moves under it.
    """
    root, tokens = compose(text)
    if root is None:
        return []
    tree, notes = attach(text, root, tokens)
    paths = _entry_paths(root)
    entry_of = {id(e.node): e for e in tree.entries}
    collection_entry = {id(e.value): e for e in tree.entries}
    found: list[Attachment] = [("header", (), c.text) for c in notes.header]
    found += [("with", (), c.text) for c in notes.footer]
    for kind, table, owners in (
        ("before", notes.before, entry_of), ("with", notes.eol, entry_of),
        ("with", notes.after, entry_of), ("with", notes.end, collection_entry),
    ):
        for key, group in table.items():
            path = paths.get(id(owners[key].node), ()) if key in owners else ()
            found += [(kind, path, c.text) for c in group]
    return sorted(a for a in found if a[2])

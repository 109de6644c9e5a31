"""The canonical layout ``orderforge fmt`` writes a plan in, comments kept.

Two clerks who write the same plan should produce the same file, so that a
git diff shows what changed in the plan and nothing else. The canonical layout:

* **key order** as in the schema tables of :mod:`orderforge.spec` (``format,
  style, directory, order, plan``; an activity ``id, text, deadline,
  responsible, result, note`` …; a structured deadline ``kind, text, …``);
  unknown keys (misspellings the validator reports) follow the known ones in
  their own order — fmt never drops anything;
* **indentation** 2 spaces; a list under a key is indented by 2 and its
  items start with «- » (``key:`` / ``  - item``), a mapping in a list starts on
  the dash's line;
* **quoting** only where YAML needs it (``'…'``, or ``"…"`` when the value
  holds characters that need escapes); quotes are kept on a value that
  other YAML tools would otherwise read as a number, a boolean or a date;
* **line width** 100 characters: a one-line value that does not fit becomes a
  folded block ``>-`` wrapped at 100 columns. A value the clerk already wrote as
  a block keeps the clerk's style and line breaks (only the indentation is
  normalised): ``>-`` stays folded where it was folded, ``|`` stays literal.
  A value with several lines is always a literal block ``|`` (each line is a
  paragraph in the document);
* **flow lists** ``[КлО, ЦОРП]`` stay flow when the clerk wrote them so and
  they fit the width; otherwise block lists;
* **comments** are kept with what they belong to, by the rules of
  :mod:`orderforge.yamlcomments`: a comment at the end of a line stays on the
  line of its key or item (at its column when the line still fits the width,
  else two spaces after the value); a comment line goes with the entry below
  it, or closes the block above it when it is indented deeper than that entry;
  a flow list with comments inside becomes a block list; runs of blank lines
  become one.

Only the writing is here; reading the file, checking the result and writing
it back are :mod:`orderforge.fmt`'s.
"""

from __future__ import annotations

from .schema import Block, ListT, MapOf, OneOf
from .valuetypes import DeadlineT
from .yamlcomments import Comment
from .yamlnodes import is_map, is_scalar, is_seq
from .yamlrt import WIDTH
from .yamlscalars import Scalars, double_quoted, wrap

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs fmt's start-up (issue 12)
    from typing import Any

INDENT = 2

#: Key order of a structured deadline (the deadline module's fields, grouped by kind).
DEADLINE_KEYS = (
    "kind", "text", "date", "not_later", "by", "format", "month", "months", "notes", "from", "to", "separator",
    "half", "quarter", "term", "numeral", "year", "end", "during", "prepositions", "compact", "order", "case", "comma",
    "range", "tail", "phrase", "wording", "short", "bare",
)
_PLAN_KEYS = {"format", "style", "directory", "order", "plan"}
_DIRECTORY_KEYS = {"parties", "people"}


# --------------------------------------------------------------------------- schema walk


def _root_type(node: Any) -> Any:
    from .spec import DIRECTORY, PLAN

    if not is_map(node):
        return None
    keys = {k.value for k, _ in node.value if hasattr(k, "value") and isinstance(k.value, str)}
    if keys & _PLAN_KEYS:
        return PLAN
    if keys & _DIRECTORY_KEYS:
        return DIRECTORY
    return None


def _resolve(typ: Any, node: Any) -> Any:
    """Unwrap a type for a node: OneOf by the node's kind."""
    if isinstance(typ, OneOf):
        return typ.mapping if is_map(node) else typ.scalar
    return typ


def _key_order(typ: Any) -> list[str] | None:
    if isinstance(typ, Block):
        return [f.key for f in typ.fields]
    if isinstance(typ, DeadlineT):
        return list(DEADLINE_KEYS)
    return None


def _child(typ: Any, key: str) -> Any:
    if isinstance(typ, Block):
        spec = typ.by_key.get(key)
        return spec.type if spec else None
    if isinstance(typ, MapOf):
        return typ.item
    return None


def _item(typ: Any) -> Any:
    return typ.item if isinstance(typ, ListT) else None


# --------------------------------------------------------------------------- the formatter


def _with_comment(text: str, comment: Comment) -> str:
    """An end-of-line comment at its column when the line still fits the width, else two spaces after."""
    if len(text) < comment.col and comment.col + len(comment.text) <= WIDTH:
        return text.ljust(comment.col) + comment.text
    return f"{text}  {comment.text}"


class Formatter:
    """Writes a composed tree in the canonical layout, each comment where :mod:`.yamlcomments` attached it."""

    def __init__(self, text: str, root: Any, tokens: list[Any]) -> None:
        from .yamlcomments import attach

        self.src = text.split("\n")
        self.root = root
        self.sc = Scalars()
        self.tree, self.notes = attach(text, root, tokens)
        self.out: list[tuple[str, bool]] = []  # (line, is a layout blank line)
        self.written: list[str] = []  # every comment as it is written out, to check none is lost
        self.ranks: dict[int, dict[str, int] | None] = {}  # id(schema type) → rank of each key, see ordered()
        notes = self.notes  # who has a comment (not only blank lines), asked once per entry and flow list
        self.with_before, self.with_eol, self.with_end = (
            {key for key, group in table.items() if any(c.text for c in group)}
            for table in (notes.before, notes.eol, notes.end)
        )
        self.with_any = self.with_before | self.with_eol | {
            key for key, group in notes.after.items() if any(c.text for c in group)
        }

    # ---------------------------------------------------------------- output

    def emit(self, text: str, entry: Any = None) -> None:
        """A content line; the end-of-line comment of ``entry`` (a key or an item node) goes on it."""
        eol = self.notes.eol.get(id(entry)) if entry is not None else None
        if eol:  # one at most: a second one for the same entry was put under it
            text = _with_comment(text, eol[0])
            self.written.append(eol[0].text)
        self.out.append((text, False))

    def content(self, text: str) -> None:
        self.out.append((text, False))

    def comments(self, lines: list[Comment] | None, indent: int) -> None:
        for comment in lines or []:
            text = comment.text
            self.out.append(("", True) if not text else (" " * indent + text, False))
            if text:
                self.written.append(text)

    def result(self) -> str:
        lines: list[str] = []
        previous_blank = True  # no blank line at the start of the file
        for text, layout in self.out:
            if layout and previous_blank:
                continue
            previous_blank = layout
            lines.append(text)
        while lines and lines[-1] == "":
            lines.pop()
        return "\n".join(lines) + "\n"

    # ---------------------------------------------------------------- nodes

    def ordered(self, node: Any, typ: Any) -> list[tuple[Any, Any]]:
        if id(typ) not in self.ranks:  # a type's key order, worked out once (types live as long as the schema)
            order = _key_order(typ)
            self.ranks[id(typ)] = None if order is None else {key: i for i, key in enumerate(order)}
        rank = self.ranks[id(typ)]
        if rank is None:
            return list(node.value)
        pairs, last = node.value, len(rank)
        ranks = [rank.get(str(getattr(key, "value", "")), last) for key, _ in pairs]
        return [pairs[n] for n in sorted(range(len(pairs)), key=ranks.__getitem__)]  # a stable sort keeps ties

    def key(self, node: Any) -> str:
        if node.id == "scalar":
            return self.sc.inline(node.value, not node.style)
        return self.flow(node, None)  # the loader refuses such keys; kept as written all the same

    def scalars_in(self, node: Any) -> list[Any]:
        if node.id == "scalar":
            return [node]
        if is_seq(node):
            return [s for item in node.value for s in self.scalars_in(item)]
        return [s for k, v in node.value for s in (*self.scalars_in(k), *self.scalars_in(v))]

    def flow(self, node: Any, typ: Any) -> str:
        if node.id == "scalar":
            if node.value == "" and not node.style:
                return "''"
            return self.sc.inline(node.value, not node.style, flow=True)
        if is_seq(node):
            item = _item(typ)
            return "[" + ", ".join(self.flow(v, _resolve(item, v)) for v in node.value) + "]"
        parts = []
        for k, v in self.ordered(node, typ):
            parts.append(f"{self.flow_key(k)}: {self.flow(v, _resolve(_child(typ, str(k.value)), v))}")
        return "{" + ", ".join(parts) + "}"

    def flow_key(self, node: Any) -> str:
        if node.id == "scalar":
            return self.sc.inline(node.value, not node.style, flow=True)
        return self.flow(node, None)

    def commented_inside(self, node: Any) -> bool:
        """Does a comment belong to something inside this collection? Then it cannot stay on one line."""
        if node.id == "scalar":
            return False
        if id(node) in self.with_end:
            return True
        pairs = node.value if is_map(node) else [(item, item) for item in node.value]
        for entry, value in pairs:
            if id(entry) in self.with_any:
                return True
            if self.commented_inside(value) or (entry is not value and self.commented_inside(entry)):
                return True
        return False

    def keep_flow(self, node: Any, head: str, typ: Any) -> str | None:
        """The flow text when the node stays a flow collection, else None."""
        if not getattr(node, "flow_style", False) or self.commented_inside(node):
            return None
        if any("\n" in s.value for s in self.scalars_in(node)):
            return None
        text = self.flow(node, typ)
        return text if len(head) + 1 + len(text) <= WIDTH else None

    def value(self, head: str, node: Any, owner: int, typ: Any, entry: Any) -> int:
        """``head`` («  key:» or «  -») followed by the node; ``owner`` is the head's indentation.

        Returns the column for comments under the value: one less than a block scalar's
        text (a comment there would be read as text), else where entries under the head go.
        """
        typ = _resolve(typ, node)
        if node.id == "scalar":
            return owner + (1 if self.scalar(head, node, owner, entry) else INDENT)
        if not node.value:
            self.emit(f"{head} {'[]' if is_seq(node) else '{}'}", entry)
            return owner + INDENT
        flow = self.keep_flow(node, head, typ)
        if flow is not None:
            self.emit(f"{head} {flow}", entry)
            return owner + INDENT
        self.emit(head, entry)
        if is_seq(node):
            self.seq(node, owner + INDENT, _item(typ))
        else:
            self.map(node, owner + INDENT, typ)
        return owner + INDENT

    def scalar(self, head: str, node: Any, owner: int, entry: Any) -> bool:
        """Writes a scalar value; True when it became a block scalar."""
        value, style = node.value, node.style
        if value == "":
            self.emit(head if not style else f"{head} ''", entry)
            return False
        body = value.rstrip("\n")
        if "\n" in body or len(value) > len(body):
            return self.block(head, node, owner, entry)
        if style == "|" and self.sc.literal_ok(value):
            self.emit(f"{head} |-", entry)
            self.content(" " * (owner + INDENT) + value)
            return True
        if style == ">" and self.sc.foldable(value):
            return self.folded(head, self.clerk_lines(node, value, owner), owner, entry, "-")
        text = self.sc.inline(value, not style)
        if len(head) + 1 + len(text) <= WIDTH or not self.sc.foldable(value):
            self.emit(f"{head} {text}", entry)
            return False
        return self.folded(head, wrap(value, WIDTH - owner - INDENT), owner, entry, "-")

    def block(self, head: str, node: Any, owner: int, entry: Any) -> bool:
        """A value with line breaks: a literal block (or the clerk's folded one), else double quotes."""
        value = node.value
        body = value.rstrip("\n")
        trailing = len(value) - len(body)
        if trailing > 1 or not self.sc.literal_ok(body):
            self.emit(f"{head} {double_quoted(value)}", entry)
            return False
        chomp = "" if trailing else "-"
        if "\n" not in body and node.style == ">" and self.sc.foldable(body):
            return self.folded(head, self.clerk_lines(node, body, owner), owner, entry, chomp)
        self.emit(f"{head} |{chomp}", entry)
        for line in body.split("\n"):
            self.content(" " * (owner + INDENT) + line if line else "")
        return True

    def folded(self, head: str, lines: list[str], owner: int, entry: Any, chomp: str) -> bool:
        self.emit(f"{head} >{chomp}", entry)
        for line in lines:
            self.content(" " * (owner + INDENT) + line)
        return True

    def clerk_lines(self, node: Any, value: str, owner: int) -> list[str]:
        """The clerk's own line breaks of a folded block, when folding them gives the value back."""
        end = node.end_mark
        last = end.line if end.column else end.line - 1
        lines = [line.strip() for line in self.src[node.start_mark.line + 1:last + 1]]
        while lines and not lines[-1]:
            lines.pop()
        if lines and all(lines) and " ".join(lines) == value:
            return lines
        return wrap(value, WIDTH - owner - INDENT)

    def map(self, node: Any, indent: int, typ: Any, dash: str | None = None,
            pairs: list[tuple[Any, Any]] | None = None) -> None:
        """A block mapping; with ``dash`` its first entry starts on a list item's «-» line; ``pairs``: its
        entries in order when the caller has them already (:meth:`block_item`)."""
        for n, (key, value) in enumerate(self.ordered(node, typ) if pairs is None else pairs):
            self.entry(key, value, indent, typ, dash if n == 0 else None)
        if id(node) in self.notes.end:  # most entries have none: no call
            self.comments(self.notes.end[id(node)], indent)

    def entry(self, key: Any, value: Any, indent: int, typ: Any, dash: str | None = None) -> None:
        if dash is None:  # on a «-» line only blank lines come before the key, and those are dropped
            if id(key) in self.notes.before:  # most entries have none: no call
                self.comments(self.notes.before[id(key)], indent)
        head = (f"{dash} " if dash is not None else " " * indent) + self.key(key) + ":"
        under = self.value(head, value, indent, _child(typ, str(getattr(key, "value", ""))), key)
        if id(key) in self.notes.after:  # most entries have none: no call
            self.comments(self.notes.after[id(key)], under)

    def seq(self, node: Any, indent: int, typ: Any) -> None:
        for item in node.value:
            self.item(item, indent, _resolve(typ, item))
        if id(node) in self.notes.end:  # most entries have none: no call
            self.comments(self.notes.end[id(node)], indent)

    def item(self, item: Any, indent: int, typ: Any) -> None:
        if id(item) in self.notes.before:  # most entries have none: no call
            self.comments(self.notes.before[id(item)], indent)
        dash = " " * indent + "-"
        under = indent + INDENT
        if item.id != "scalar" and item.value and self.keep_flow(item, dash, typ) is None:
            self.block_item(item, dash, indent, typ)
        else:
            under = self.value(dash, item, indent, typ, item)
        if id(item) in self.notes.after:  # most entries have none: no call
            self.comments(self.notes.after[id(item)], under)

    def block_item(self, item: Any, dash: str, indent: int, typ: Any) -> None:
        """``- key: …`` on one line, unless a comment must stand between the «-» and the first key."""
        if is_seq(item):
            self.emit(dash, item)
            self.seq(item, indent + INDENT, _item(typ))
            return
        pairs = self.ordered(item, typ)
        first = pairs[0][0]
        if id(item) in self.with_eol or id(first) in self.with_before:
            self.emit(dash, item)
            before = self.notes.before.get(id(first), [])
            while before and not before[0].text:
                before.pop(0)
            self.map(item, indent + INDENT, typ, pairs=pairs)
            return
        self.map(item, indent + INDENT, typ, dash, pairs)

    def run(self) -> str:
        self.comments(self.notes.header, 0)
        root = self.root
        typ = _root_type(root)
        if is_map(root) and root.value:
            first = self.ordered(root, typ)[0][0]
            before = self.notes.before.get(id(first))
            if before:  # a blank line there would make the comments above it the file's header
                before[:] = [c for c in before if c.text]
            self.map(root, 0, typ)
        elif is_seq(root) and root.value:
            self.seq(root, 0, None)
        elif not is_scalar(root):
            self.emit("{}" if is_map(root) else "[]")
        else:
            self.emit(self.sc.inline(root.value, not root.style) if root.value else "''")
        self.comments(self.notes.footer, 0)
        return self.result()

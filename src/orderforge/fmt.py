"""``orderforge fmt``: every plan in one canonical layout, comments kept.

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
* **comments** are kept: a comment line goes with the entry below it (or,
  when it is indented deeper than that entry, with the block above it) and
  is indented like it; a comment at the end of a line stays on the line of its
  value, at its column when there is room; runs of blank lines become one.

The result is checked before it is written: it must read back as exactly the
same tree of values as the original, or the file is left untouched.
A second ``fmt`` changes nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Pos, Report, UserError

WIDTH = 100
INDENT = 2

_BLANK = ("", -1)  # a blank line in a comment group
Line = tuple[str, int]  # (comment text from «#», original column) or _BLANK

#: Key order of a structured deadline (the deadline module's fields, grouped by kind).
DEADLINE_KEYS = (
    "kind", "text", "date", "not_later", "by", "format", "month", "months", "notes", "from", "to", "separator",
    "half", "quarter", "term", "numeral", "year", "end", "during", "prepositions", "compact", "order", "case", "comma",
    "range", "tail", "phrase", "wording", "short", "bare",
)
_PLAN_KEYS = {"format", "style", "directory", "order", "plan"}
_DIRECTORY_KEYS = {"parties", "people"}


# --------------------------------------------------------------------------- scalars


def _emitter() -> Any:
    from ruamel.yaml.emitter import Emitter

    emitter = Emitter(None, allow_unicode=True)
    emitter.use_version = (1, 1)  # the stricter reading of «?» — quote rather than guess
    return emitter


class _Scalars:
    """Decides how a string is written: plain, '…', "…", or as a block."""

    def __init__(self) -> None:
        from ruamel.yaml.resolver import VersionedResolver

        self.emitter = _emitter()
        # YAML 1.2 (ruamel's default) reads «yes» / «no» / «on» as text, YAML 1.1 (PyYAML, many
        # editors) as booleans: a value either would read as a non-string keeps its quotes
        self.resolvers = [VersionedResolver(version=(1, 2)), VersionedResolver(version=(1, 1))]

    def analysis(self, value: str) -> Any:
        return self.emitter.analyze_scalar(value)

    def typed(self, value: str) -> bool:
        """Would another YAML tool read the plain value as a number, boolean, null or date?"""
        from ruamel.yaml.nodes import ScalarNode

        return any(r.resolve(ScalarNode, value, (True, False)) != "tag:yaml.org,2002:str" for r in self.resolvers)

    def inline(self, value: str, was_plain: bool, flow: bool = False) -> str:
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
        if not body or body[0] == " " or not self.analysis(body).allow_block:
            return False
        return all(not re.match(r" *\t", line) and (line.strip() or not line) for line in body.split("\n"))

    def foldable(self, value: str) -> bool:
        return (
            "\n" not in value and value == value.strip() and bool(re.search(r"\S \S", value))
            and "\t" not in value and self.analysis(value).allow_block
        )


def double_quoted(value: str) -> str:
    text = json.dumps(value, ensure_ascii=False)
    for ch in ("\u0085", "\u2028", "\u2029", "\ufeff"):
        text = text.replace(ch, f"\\u{ord(ch):04x}")
    return text


def wrap(value: str, width: int) -> list[str]:
    """Greedy wrap at single spaces between words (so that folding restores the value exactly)."""
    pieces = re.split(r"(?<=\S) (?=\S)", value)
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


# --------------------------------------------------------------------------- schema walk


def _root_type(node: Any) -> Any:
    from ruamel.yaml.nodes import MappingNode

    from .spec import DIRECTORY, PLAN

    if not isinstance(node, MappingNode):
        return None
    keys = {k.value for k, _ in node.value if hasattr(k, "value") and isinstance(k.value, str)}
    if keys & _PLAN_KEYS:
        return PLAN
    if keys & _DIRECTORY_KEYS:
        return DIRECTORY
    return None


def _resolve(typ: Any, node: Any) -> Any:
    """Unwrap a type for a node: OneOf by the node's kind."""
    from ruamel.yaml.nodes import MappingNode

    from .schema import OneOf

    if isinstance(typ, OneOf):
        return typ.mapping if isinstance(node, MappingNode) else typ.scalar
    return typ


def _key_order(typ: Any) -> list[str] | None:
    from .schema import DeadlineT, Obj

    if isinstance(typ, Obj):
        return [f.key for f in typ.fields]
    if isinstance(typ, DeadlineT):
        return list(DEADLINE_KEYS)
    return None


def _child(typ: Any, key: str) -> Any:
    from .schema import MapOf, Obj

    if isinstance(typ, Obj):
        spec = typ.by_key.get(key)
        return spec.type if spec else None
    if isinstance(typ, MapOf):
        return typ.item
    return None


def _item(typ: Any) -> Any:
    from .schema import ListT

    return typ.item if isinstance(typ, ListT) else None


# --------------------------------------------------------------------------- the formatter


class _Formatter:
    def __init__(self, text: str, root: Any) -> None:
        from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

        self.Map, self.Seq, self.Scalar = MappingNode, SequenceNode, ScalarNode
        self.src = text.split("\n")
        self.root = root
        self.sc = _Scalars()
        self.leading: dict[int, list[Line]] = {}
        self.trailing: dict[int, list[Line]] = {}
        self.eol: dict[int, list[Line]] = {}
        self.header: list[Line] = []
        self.footer: list[Line] = []
        self.out: list[tuple[str, bool]] = []  # (line, is a layout blank line)
        self.written: list[str] = []  # every comment as it is written out, to check none is lost
        self._collect_comments()

    # ---------------------------------------------------------------- comments

    def _walk(self, node: Any, anchors: list[Any], scalars: list[Any]) -> None:
        if isinstance(node, self.Scalar):
            scalars.append(node)
        elif isinstance(node, self.Seq):
            for item in node.value:
                anchors.append(item)
                self._walk(item, anchors, scalars)
        elif isinstance(node, self.Map):
            for key, value in node.value:
                anchors.append(key)
                self._walk(key, anchors, scalars)
                self._walk(value, anchors, scalars)

    def _block_header(self, node: Any) -> str:
        line = self.src[node.start_mark.line]
        match = re.match(r"[|>][0-9+-]*", line[node.start_mark.column:])
        return match.group() if match else ""

    def _collect_comments(self) -> None:
        import bisect

        anchors: list[Any] = []
        scalars: list[Any] = []
        if isinstance(self.root, (self.Map, self.Seq)):
            self._walk(self.root, anchors, scalars)
        else:
            scalars.append(self.root)
        inside = [False] * (len(self.src) + 1)  # lines that belong to a scalar's content
        for node in scalars:
            first, last = node.start_mark.line, node.end_mark.line
            if node.style in ("|", ">"):
                stop = last - 1 if node.end_mark.column == 0 else last
                keep = "+" in self._block_header(node)
                end = first
                for n in range(first + 1, min(stop, len(self.src) - 1) + 1):
                    if keep or self.src[n].strip():
                        end = n
                for n in range(first + 1, end + 1):
                    inside[n] = True
            else:
                for n in range(first + 1, last + 1):
                    inside[n] = True
        ranges = sorted(((n.start_mark.index, n.end_mark.index, n) for n in scalars), key=lambda r: r[:2])
        starts = [r[0] for r in ranges]
        offsets = [0]
        for line in self.src:
            offsets.append(offsets[-1] + len(line) + 1)

        def in_scalar(index: int) -> bool:
            k = bisect.bisect_right(starts, index) - 1
            return k >= 0 and ranges[k][0] <= index < ranges[k][1]

        def owner_on_line(lineno: int, index: int) -> Any:
            """The scalar that ends on this line just before a comment."""
            k = bisect.bisect_right(starts, index) - 1
            best = None
            while k >= 0:
                s, e, node = ranges[k]
                if node.style not in ("|", ">") and e <= index and node.end_mark.line == lineno:
                    if best is None or e > best.end_mark.index:
                        best = node
                if node.end_mark.line < lineno and node.start_mark.line < lineno:
                    break
                k -= 1
            return best

        by_line: dict[int, list[Any]] = {}
        for anchor in anchors:
            by_line.setdefault(anchor.start_mark.line, []).append(anchor)
        pending: list[Line] = []
        recent: list[tuple[int, Any]] = []  # (indentation, anchor) seen so far
        seen_anchor = False
        for n, line in enumerate(self.src):
            stripped = line.strip()
            if n in by_line:
                first, *others = by_line[n]  # «- id: x»: the list item, then its first key
                col = len(line) - len(line.lstrip(" "))
                self._assign(pending, col, first, recent, seen_anchor)
                pending = []
                seen_anchor = True
                recent.append((col, first))
                recent.extend((other.start_mark.column, other) for other in others)
            elif not stripped:
                if not inside[n]:
                    pending.append(_BLANK)
                continue
            elif stripped.startswith("#") and not inside[n]:
                pending.append((stripped, len(line) - len(line.lstrip(" "))))
                continue
            # a comment at the end of a content line
            for m in re.finditer(r"(?:^|(?<=[ \t]))#", line):
                index = offsets[n] + m.start()
                if in_scalar(index):
                    continue
                owner = owner_on_line(n, index) if line[: m.start()].strip() else None
                comment = (line[m.start():].rstrip(), m.start())
                if owner is None:
                    pending.append(comment)
                else:
                    self.eol.setdefault(id(owner), []).append(comment)
                break
        self._assign(pending, 0, None, recent, seen_anchor)

    def _assign(self, pending: list[Line], col: int, anchor: Any, recent: list[tuple[int, Any]], seen: bool) -> None:
        """Split a run of comment/blank lines between the block above and the entry below."""
        if not pending:
            return
        if not seen:
            self.header = pending
            return
        k = 0
        while k < len(pending):
            text, c = pending[k]
            if pending[k] == _BLANK:
                k += 1
                continue
            if c <= col:
                break
            found = next(((ind, a) for ind, a in reversed(recent) if ind <= c), None)
            if found is None or found[0] < col:  # the entry above contains the one below: a leading comment
                break
            owner = found[1]
            # the comment and the blank lines just before it go with the block above
            self.trailing.setdefault(id(owner), []).extend(pending[:k + 1])
            pending = pending[k + 1:]
            k = 0
        if anchor is None:
            self.footer = pending
        else:
            self.leading.setdefault(id(anchor), []).extend(pending)

    # ---------------------------------------------------------------- output

    def emit(self, text: str, owners: Iterable[Any] = ()) -> None:
        comments = [c for node in owners for c in self.eol.get(id(node), [])]
        self.written.extend(text for text, _ in comments)
        for n, (comment, col) in enumerate(comments):
            if n == 0:
                text = text.ljust(col) if len(text) < col else text + "  "
            else:
                text += " "
            text += comment
        self.out.append((text, False))

    def content(self, text: str) -> None:
        self.out.append((text, False))

    def comments(self, lines: list[Line] | None, indent: int) -> None:
        for text, _ in lines or []:
            self.out.append(("", True) if not text else (" " * indent + text, False))
            if text:
                self.written.append(text)

    def result(self) -> str:
        lines: list[str] = []
        previous_blank = True  # no blank line at the start of the file
        for text, layout in self.out:
            if layout:
                if previous_blank:
                    continue
                previous_blank = True
            else:
                previous_blank = False
            lines.append(text)
        while lines and lines[-1] == "":
            lines.pop()
        return "\n".join(lines) + "\n"

    # ---------------------------------------------------------------- nodes

    def ordered(self, node: Any, typ: Any) -> list[tuple[Any, Any]]:
        order = _key_order(typ)
        if order is None:
            return list(node.value)
        rank = {key: i for i, key in enumerate(order)}
        indexed = list(enumerate(node.value))
        indexed.sort(key=lambda p: (rank.get(str(getattr(p[1][0], "value", "")), len(rank)), p[0]))
        return [entry for _, entry in indexed]

    def key(self, node: Any) -> str:
        if isinstance(node, self.Scalar):
            return self.sc.inline(node.value, node.style is None)
        return self.flow(node, None)  # the loader refuses such keys; kept as written all the same

    def scalars_in(self, node: Any) -> list[Any]:
        found: list[Any] = []
        self._walk(node, [], found)
        return found

    def flow(self, node: Any, typ: Any) -> str:
        if isinstance(node, self.Scalar):
            if node.value == "" and node.style is None:
                return "''"
            return self.sc.inline(node.value, node.style is None, flow=True)
        if isinstance(node, self.Seq):
            item = _item(typ)
            return "[" + ", ".join(self.flow(v, _resolve(item, v)) for v in node.value) + "]"
        parts = []
        for k, v in self.ordered(node, typ):
            parts.append(f"{self.flow_key(k)}: {self.flow(v, _resolve(_child(typ, str(k.value)), v))}")
        return "{" + ", ".join(parts) + "}"

    def flow_key(self, node: Any) -> str:
        if isinstance(node, self.Scalar):
            return self.sc.inline(node.value, node.style is None, flow=True)
        return self.flow(node, None)

    def keep_flow(self, node: Any, head: str, typ: Any) -> str | None:
        """The flow text when the node stays a flow collection, else None."""
        if not getattr(node, "flow_style", False):
            return None
        if any("\n" in s.value for s in self.scalars_in(node)):
            return None
        text = self.flow(node, typ)
        return text if len(head) + 1 + len(text) <= WIDTH else None

    def value(self, head: str, node: Any, owner: int, typ: Any, owners: list[Any]) -> None:
        """``head`` («  key:» or «  -») followed by the node; ``owner`` is the head's indentation."""
        typ = _resolve(typ, node)
        if isinstance(node, self.Scalar):
            self.scalar(head, node, owner, owners + [node])
            return
        empty = "[]" if isinstance(node, self.Seq) else "{}"
        if not node.value:
            self.emit(f"{head} {empty}", owners)
            return
        flow = self.keep_flow(node, head, typ)
        if flow is not None:
            self.emit(f"{head} {flow}", owners + self.scalars_in(node))
            return
        self.emit(head, owners)
        if isinstance(node, self.Seq):
            self.seq(node, owner + INDENT, _item(typ))
        else:
            self.map(node, owner + INDENT, typ)

    def scalar(self, head: str, node: Any, owner: int, owners: list[Any]) -> None:
        raw = node.value
        value = raw.replace("\a", "") if node.style == ">" else raw
        style = node.style
        if value == "":
            self.emit(head if style is None else f"{head} ''", owners)
            return
        indent = " " * (owner + INDENT)
        body = value.rstrip("\n")
        trailing = len(value) - len(body)
        if "\n" in body or trailing:
            if trailing <= 1 and self.sc.literal_ok(body):
                if "\n" not in body and style == ">" and self.sc.foldable(body):
                    header, lines = ">", self.clerk_lines(raw.rstrip("\n"), body, owner)
                else:
                    header, lines = "|", body.split("\n")
                self.emit(f"{head} {header}{'' if trailing else '-'}", owners)
                for line in lines:
                    self.content(indent + line if line else "")
                return
            self.emit(f"{head} {double_quoted(value)}", owners)
            return
        if style == ">" and self.sc.foldable(value):
            lines = self.clerk_lines(raw, value, owner)
        elif style == "|" and self.sc.literal_ok(value):
            self.emit(f"{head} |-", owners)
            self.content(indent + value)
            return
        else:
            text = self.sc.inline(value, style is None)
            if len(head) + 1 + len(text) <= WIDTH or not self.sc.foldable(value):
                self.emit(f"{head} {text}", owners)
                return
            lines = wrap(value, WIDTH - len(indent))
        self.emit(f"{head} >-", owners)
        for line in lines:
            self.content(indent + line)

    def clerk_lines(self, raw: str, value: str, owner: int) -> list[str]:
        """The clerk's own line breaks of a folded block (ruamel marks each fold with BEL)."""
        pieces = raw.split("\a ") if "\a" in raw else [raw]
        if " ".join(pieces) == value and all(p and p == p.strip() and "\a" not in p for p in pieces):
            return pieces
        return wrap(value, WIDTH - owner - INDENT)

    def map(self, node: Any, indent: int, typ: Any) -> None:
        for key, value in self.ordered(node, typ):
            self.entry(key, value, indent, typ)

    def entry(self, key: Any, value: Any, indent: int, typ: Any) -> None:
        self.comments(self.leading.get(id(key)), indent)
        head = " " * indent + self.key(key) + ":"
        self.value(head, value, indent, _child(typ, str(getattr(key, "value", ""))), [key])
        self.comments(self.trailing.get(id(key)), indent)

    def seq(self, node: Any, indent: int, typ: Any) -> None:
        for item in node.value:
            self.comments(self.leading.get(id(item)), indent)
            item_type = _resolve(typ, item)
            dash = " " * indent + "-"
            if isinstance(item, self.Map) and item.value and self.keep_flow(item, dash, item_type) is None:
                for n, (key, value) in enumerate(self.ordered(item, item_type)):
                    if n == 0:
                        self.comments(self.leading.get(id(key)), indent)
                        head = f"{dash} {self.key(key)}:"
                        self.value(head, value, indent + INDENT, _child(item_type, str(getattr(key, "value", ""))), [key])
                        self.comments(self.trailing.get(id(key)), indent + INDENT)
                    else:
                        self.entry(key, value, indent + INDENT, item_type)
            elif isinstance(item, self.Seq) and item.value and self.keep_flow(item, dash, item_type) is None:
                self.emit(dash)
                self.seq(item, indent + INDENT, _item(item_type))
            else:
                self.value(dash, item, indent, item_type, [])
            self.comments(self.trailing.get(id(item)), indent)

    def run(self) -> str:
        self.comments(self.header, 0)
        root = self.root
        typ = _root_type(root)
        if isinstance(root, self.Map) and root.value:
            self.map(root, 0, typ)
        elif isinstance(root, self.Seq) and root.value:
            self.seq(root, 0, None)
        elif isinstance(root, (self.Map, self.Seq)):
            self.emit("{}" if isinstance(root, self.Map) else "[]")
        else:
            self.emit(self.sc.inline(root.value, root.style is None) if root.value else "''", [root])
        self.comments(self.footer, 0)
        return self.result()

    def all_comments(self) -> list[str]:
        groups = [self.header, self.footer, *self.leading.values(), *self.trailing.values(), *self.eol.values()]
        return sorted(text for group in groups for text, _ in group if text)


# --------------------------------------------------------------------------- entry points


def _values(node: Any) -> Any:
    """A loaded tree as plain values (map entries unordered), to check that nothing changed."""
    from .load import Map, Scalar, Seq

    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Seq):
        return [_values(v) for v in node.items]
    if isinstance(node, Map):
        return {k: _values(e.value) for k, e in node.entries.items()}
    return None


def format_text(text: str, name: str = "план") -> str:
    """The canonical layout of a plan's text; UserError (exit 1) when the file is not readable YAML."""
    from ruamel.yaml import YAML

    from .load import load_text

    report = Report()
    tree = load_text(text, name, report)
    if tree is None or report.has_errors:
        raise UserError(report.errors, exit_code=1)
    root = YAML(typ="rt").compose(text)
    if root is None:
        return text
    formatter = _Formatter(text, root)
    formatted = formatter.run()
    check = Report()
    again = load_text(formatted, name, check)
    lost = sorted(formatter.written) != formatter.all_comments()
    if again is None or check.has_errors or _values(again) != _values(tree) or lost:  # pragma: no cover - a bug guard
        raise UserError.simple(
            "OF620", name, "fmt не смог переписать файл без потери содержания; файл оставлен как был",
            "сообщите разработчикам orderforge и приложите этот файл", exit_code=2,
        )
    return formatted


@dataclass
class FmtResult:
    changed: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)


def fmt_paths(paths: list[Path], check: bool = False) -> FmtResult:
    """Format files in place (or only tell which would change, with ``check``)."""
    from .load import decode
    from .validate import display_path
    from .write import write_atomic

    result = FmtResult()
    for path in paths:
        name = display_path(path)
        try:
            data = path.read_bytes()
        except OSError:
            result.errors.append(Diagnostic("OF001", "error", "файл не найден или не читается", Pos(name),
                                            "проверьте путь к файлу"))
            continue
        report = Report()
        text = decode(data, name, report)
        if text is None:
            result.errors.extend(report.errors)
            continue
        try:
            formatted = format_text(text, name)
        except UserError as exc:
            result.errors.extend(exc.diagnostics)
            continue
        encoded = formatted.encode("utf-8")
        if encoded == data:
            result.unchanged.append(path)
            continue
        result.changed.append(path)
        if not check:
            write_atomic(path, encoded)
    return result

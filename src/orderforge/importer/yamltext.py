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
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..fmtlayout import WIDTH
from ..yamlscalars import Scalars, double_quoted, wrap

INDENT = 2
#: Text that is plain in any YAML without asking ruamel (most of a plan: it starts with a letter or «,
#: has no «:», «#», control or line-separator characters and no space at the end). Anything else
#: goes through fmt's full analysis; tests/test_import_reading.py checks both agree.
_PLAIN_BLOCK = re.compile(r"[A-Za-zА-Яа-яЁё«][^\x00-\x1f\x7f-\x9f#:\u2028\u2029\ufeff\ud800-\udfff]*(?<! )")
_PLAIN_FLOW = re.compile(r"[A-Za-zА-Яа-яЁё«][^\x00-\x1f\x7f-\x9f#:,\[\]{}\u2028\u2029\ufeff\ud800-\udfff]*(?<! )")
#: Words YAML 1.1 or 1.2 reads as booleans or null when plain.
_TYPED_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.sc = Scalars()

    def comments(self, tokens: Any, indent: int) -> None:
        """Comment lines ruamel keeps before an entry (``yaml_set_comment_before_after_key``)."""
        for token in tokens or []:
            for line in token.value.splitlines():
                if line.strip():
                    self.lines.append(" " * indent + line.strip())

    @staticmethod
    def eol(ca: Any, key: Any) -> str:
        item = ca.items.get(key)
        token = item[2] if item and len(item) > 2 else None
        if token is None:
            return ""
        return f"{_EOL}{getattr(token, 'column', 0)}{_EOL}{token.value.strip()}"  # placed by _place_comment

    @staticmethod
    def before(ca: Any, key: Any) -> Any:
        item = ca.items.get(key)
        return item[1] if item and len(item) > 1 else None

    def mapping(self, node: Any, indent: int, first_head: str = "") -> None:
        """Entries at ``indent``; the first one after ``first_head`` («  - ») when inside a list."""
        for n, (key, value) in enumerate(node.items()):
            if not (n == 0 and first_head):
                self.comments(self.before(node.ca, key), indent)
            head = (first_head if n == 0 and first_head else " " * indent) + f"{self.key(key)}:"
            self.value(head, value, indent, self.eol(node.ca, key))

    def key(self, key: Any) -> str:
        return self.inline(str(key))

    def inline(self, text: str, flow: bool = False) -> str:
        """fmt's one-line form of ``text``, without the full analysis when it is plainly plain."""
        if (_PLAIN_FLOW if flow else _PLAIN_BLOCK).fullmatch(text) and text.lower() not in _TYPED_WORDS:
            return text
        return self.sc.inline(text, False, flow=flow)

    def sequence(self, node: Any, indent: int) -> None:
        for n, item in enumerate(node):
            self.comments(self.before(node.ca, n), indent)
            dash = " " * indent + "- "
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
                self.lines.append(f"{head} {double_quoted(text)}{eol}")
            return
        inline = self.inline(text)
        if len(head) + 1 + len(inline) <= WIDTH or not self.sc.foldable(text):
            self.lines.append(f"{head} {inline}{eol}")
            return
        self.lines.append(f"{head} >-{eol}")
        self.lines.extend(indent + line for line in wrap(text, WIDTH - len(indent)))


def _is_map(value: Any) -> bool:
    return isinstance(value, dict)


def _is_seq(value: Any) -> bool:
    return isinstance(value, list)


def _flow(seq: Any) -> bool:
    fa = getattr(seq, "fa", None)
    return bool(fa is not None and fa.flow_style())


def dump(root: Any) -> str:
    """The YAML text of ``root`` (a CommentedMap), with its start comment and every comment kept."""
    writer = _Writer()
    start = getattr(root, "ca", None)
    if start is not None and start.comment and len(start.comment) > 1:
        writer.comments(start.comment[1], 0)
    writer.mapping(root, 0)
    return "\n".join(_place_comment(line) for line in writer.lines) + "\n"


_EOL = "\0"  # marks an end-of-line comment and its column inside a line being built (never in plan text)


def _place_comment(line: str) -> str:
    """An end-of-line comment at its column when the line still fits, else two spaces after (as fmt does)."""
    if _EOL not in line:
        return line
    from ..fmtlayout import _with_comment
    from ..yamlcomments import Comment

    text, column, comment = line.split(_EOL)
    return _with_comment(text, Comment(comment, index=0, line=0, col=int(column)))

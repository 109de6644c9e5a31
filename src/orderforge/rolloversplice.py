"""``new --from`` without ruamel's round trip: last year's text with only the changed bytes rewritten.

ruamel.yaml's pure-Python round trip (load and dump) was two thirds of ``new --from``'s time. Yet
what the rollover changes is small: years in some values (four digits for four digits), the
order's number and date emptied with a remark, last year's notes dropped. So the text is parsed
with libyaml, the rollover (:func:`orderforge.rollover.rollover_tree`) runs on a light copy of
the tree (:class:`SpliceMap`, :class:`SpliceSeq`) that records each change with the node's
position, and the changes are spliced into the text; every other byte, comments included, is
copied.

The result must be the round trip's, byte for byte. That holds only for a text ruamel would
write back unchanged, and for changes whose rendering is certain. :func:`splice_rollover`
returns None — and the round trip does the work — for anything else:

* a text the C parser does not read like the reference one (:func:`orderforge.yamlparse.is_risky`),
  anchors, aliases, tags, directives, document markers, explicit keys;
* a layout ruamel would change: indentation other than the plan format's (2 per level, «- » inside
  a list's indentation), more or fewer than one space after «:» or «-», a value on a line of its
  own, a plain or quoted value over several lines, a flow collection not written ``[a, b]`` or
  ``{k: v}``, an escape in double quotes, a block scalar with indicators, or a list item's with a
  comment on its header line (the round trip drops it, and those after the item), other
  indentation, blank lines inside a folded one or at the start of any, an empty value, trailing
  spaces, lines over :data:`LONGEST`, blank lines at the start or the end of the file, tabs and
  carriage returns;
* a change other than digits for digits in the same places (a deadline the deadline module had
  to re-render, a structured deadline rebuilt, a moved ``directory:`` path that is quoted, followed by a
  comment or would be quoted); an order's number or
  date with a comment on its line, or whose remark's column the round trip would take from a blank
  line; a note that is the first key of its activity, holds more than one line, is followed by a
  blank line, or by comments when the value before it is a block.

tests/test_fast_writers.py runs both ways on generated plans and proves the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import accumulate

from .rollovertext import _DIGITS, Decline, _digit_changes, _properties_possible, _unstable, plain_in_block
from .yamlnodes import compose_text, is_block_scalar, is_map, is_scalar, is_seq

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs new --from's start-up (issue 12)
    from typing import Any

#: Longer lines are left to the round trip (its width is 4,096; a plain value there would be folded).
LONGEST = 4000
_HEADERS = ("|", "|-", ">", ">-")


# --------------------------------------------------------------------------- the recording tree


class Edits:
    """The changes of one rollover, as (start, end, replacement) slices of the old text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.slices: list[tuple[int, int, str]] = []
        #: Each rewritten string value's new text, by its node's (line, column), 1-based as :class:`Pos` gives
        #: them: what a value of the new plan is, without reading the new text again (:meth:`moved_pos`).
        self.values: dict[tuple[int, int], str] = {}
        self.lines = text.split("\n")  # split once: the layout's check and the position map read them

    def apply(self) -> str:
        out: list[str] = []
        done = 0
        for start, end, new in sorted(self.slices):
            if start < done:
                raise Decline("overlapping changes")
            out += [self.text[done:start], new]
            done = end
        out.append(self.text[done:])
        return "".join(out)

    def position_map(self, new_text: str) -> Callable[[int, int], tuple[int, int] | None]:
        """(line, column) in the old text → the same place in ``new_text`` (this rollover's result), or None
        for a place inside a rewritten span (an emptied number, a dropped note). 1-based, as :class:`Pos`."""
        from bisect import bisect_right

        edits = sorted(self.slices)
        ends = [end for _, end, _ in edits]
        shifts = [0, *accumulate(len(new) - (end - start) for start, end, new in edits)]
        old_starts, new_starts = _line_starts(self.lines), _line_starts(new_text.split("\n"))

        def moved(line: int, col: int) -> tuple[int, int] | None:
            if not 0 < line <= len(old_starts):
                return None
            at = old_starts[line - 1] + col - 1
            n = bisect_right(ends, at)  # the edits that end at or before the place
            if n < len(edits):
                start, end, new = edits[n]
                if start < at or start == at and len(new) != end - start:
                    return None
            place = at + shifts[n]
            new_line = bisect_right(new_starts, place)
            return new_line, place - new_starts[new_line - 1] + 1

        return moved


class SpliceMap(dict[str, "Any"]):
    """A mapping of the plan as plain values; setting a string value records the change in the text."""

    def __init__(self, node: Any, edits: Edits) -> None:
        super().__init__()
        self.node, self.edits = node, edits
        self.keys_at: dict[str, Any] = {}
        self.values_at: dict[str, Any] = {}
        self.blanked: dict[str, int] = {}  # emptied keys → the column their remark was given
        keys_at, values_at, put = self.keys_at, self.values_at, dict.__setitem__
        for key, value in node.value:  # _plain inlined for scalars: one call less per value of the plan
            name = key.value
            keys_at[name], values_at[name] = key, value
            put(self, name, value.value if value.id == "scalar" else _plain(value, edits))

    def __setitem__(self, key: str, value: Any) -> None:
        if key not in self or not isinstance(value, str) or not isinstance(self[key], str):
            raise Decline("a new key or a new kind of value")
        _record(self.edits, self.values_at[key], self[key], value)
        dict.__setitem__(self, key, value)

    def __delitem__(self, key: str) -> None:
        raise Decline("a structured deadline rebuilt")

    def splice_blank(self, key: str, remark: str) -> None:
        """``key: value`` → ``key: # remark``, where the round trip puts the remark of an emptied value.

        The round trip (rollover's ``_blank_for_clerk``) gives the remark the column of the comment
        lines below the value, else of a neighbouring key's comment (ruamel's ``_yaml_get_column``);
        :meth:`columns` restates which keys hold a comment and at which column.
        """
        node, key_node = self.values_at[key], self.keys_at[key]
        if not isinstance(self[key], str) or not self[key] or is_block_scalar(node) \
                or node.start_mark.line != node.end_mark.line or node.start_mark.line != key_node.start_mark.line:
            raise Decline("an empty or multi-line value to empty")
        columns = self.columns()
        own = columns.get(key)
        if own is not None and own[1]:
            raise Decline("an end-of-line comment on the value to empty")
        text = f"# {remark}"
        column = _sure(own[0]) if own is not None else self.neighbour_column(key, columns)
        if column is None:
            text, column = " " + text, 0
        self.blanked[key] = column
        end_col = key_node.end_mark.column + 1
        self.edits.slices.append((key_node.end_mark.index + 1, node.end_mark.index,
                                  " " * max(1, column - end_col) + text))
        dict.__setitem__(self, key, "")

    def neighbour_column(self, key: str, columns: dict[str, tuple[int | None, bool]]) -> int | None:
        """ruamel's ``CommentedMap._yaml_get_column``: the key before's comment, the key after's, else the
        last commented key that sorts before this one (string order, as ruamel compares)."""
        keys = list(self.keys_at)
        at = keys.index(key)
        for near in (keys[at - 1] if at else None, keys[at + 1] if at + 1 < len(keys) else None):
            if near is not None and near in columns:
                return _sure(columns[near][0])
        found = None
        for other in keys:
            if other >= key:
                break
            if other in columns:
                found = _sure(columns[other][0])
        return found

    def columns(self) -> dict[str, tuple[int | None, bool]]:
        """Key → (column of its comment, whether on the value's own line), for the keys ruamel keeps a
        comment on: an end-of-line one, or comment lines below a scalar value. Declines where blank lines
        (which ruamel keeps as comments at a column of its own) or comments after the last key make it unsure."""
        text = self.edits.text
        found: dict[str, tuple[int | None, bool]] = {k: (c, False) for k, c in self.blanked.items()}
        keys = list(self.keys_at)
        for n, key in enumerate(keys):
            if key in found:
                continue
            key_node, value = self.keys_at[key], self.values_at[key]
            line_end = text.find("\n", key_node.end_mark.index)
            at = text.find("#", key_node.end_mark.index, line_end)
            if is_block_scalar(value) or not is_scalar(value) and not value.flow_style:
                # where ruamel keeps a comment of a block's (on the key, the block, its last item) is not
                # restated here: the column is unsure when there is one, on the key's line or below
                following = text[value.end_mark.index:text.find("\n", value.end_mark.index)].strip()
                if at >= 0 or not following or following.startswith("#"):
                    found[key] = (None, at >= 0)
                continue
            if is_scalar(value) or value.flow_style:
                line_end = text.find("\n", value.end_mark.index) if value.end_mark.column else value.end_mark.index - 1
                at = text.find("#", value.end_mark.index, line_end) if value.end_mark.column else -1
            if at >= 0:
                found[key] = (at - text.rfind("\n", 0, at) - 1, True)
                continue
            following = text[line_end + 1:text.find("\n", line_end + 1)]
            if not following.strip() or n == len(keys) - 1 and following.lstrip().startswith("#"):
                found[key] = (None, False)  # a blank line, or comments past the mapping: column unsure
            elif following.lstrip().startswith("#"):
                found[key] = (len(following) - len(following.lstrip()), False)
        return found

    def splice_path(self, key: str, path: str) -> None:
        """A one-line plain value rewritten whole (``directory:`` from the new file's folder), where the round
        trip writes the new value plain too (:func:`orderforge.rollovertext.plain_in_block`) and no comment
        follows on its line (whose column the round trip might move)."""
        node, text = self.values_at[key], self.edits.text
        start, end = node.start_mark.index, node.end_mark.index
        if node.id != "scalar" or node.style or node.start_mark.line != node.end_mark.line \
                or text[end:text.find("\n", end)].strip() or not plain_in_block(path) \
                or node.start_mark.column + len(path) > LONGEST:
            raise Decline("a path not plain on its own line")
        self.edits.values[(node.start_mark.line + 1, node.start_mark.column + 1)] = path
        self.edits.slices.append((start, end, path))
        dict.__setitem__(self, key, path)

    def splice_drop(self, key: str) -> None:
        """The entry's line goes, with its end-of-line remark; the comment lines around it stay."""
        keys = list(self)
        node, key_node = self.values_at[key], self.keys_at[key]
        if keys.index(key) == 0 or not is_scalar(node) or is_block_scalar(node) \
                or node.start_mark.line != key_node.start_mark.line:
            raise Decline("a note first in its activity, or over several lines")
        text = self.edits.text
        start = text.rfind("\n", 0, key_node.start_mark.index) + 1
        end = text.find("\n", node.end_mark.index) + 1
        following = text[end:text.find("\n", end)].strip()
        if not following:
            raise Decline("a blank line after the note (the round trip drops it with the note)")
        before = self.values_at[keys[keys.index(key) - 1]]
        flat = before.start_mark.line == before.end_mark.line and not is_block_scalar(before)
        if following.startswith("#") and not flat:
            raise Decline("comments after a note that follows a block (the round trip moves them under it)")
        self.edits.slices.append((start, end, ""))
        dict.__delitem__(self, key)


class SpliceSeq(list["Any"]):
    """A list of the plan as plain values; setting a string item records the change in the text."""

    def __init__(self, node: Any, edits: Edits) -> None:
        super().__init__(_plain(item, edits) for item in node.value)
        self.node, self.edits = node, edits

    def __setitem__(self, index: Any, value: Any) -> None:
        if not isinstance(index, int) or not isinstance(value, str) or not isinstance(self[index], str):
            raise Decline("a new kind of item")
        _record(self.edits, self.node.value[index], self[index], value)
        list.__setitem__(self, index, value)


def _line_starts(lines: list[str]) -> list[int]:
    """The offset where each line of the text starts (``lines``: the text split at «\\n»)."""
    return [0, *accumulate(map((1).__add__, map(len, lines)))][:-1]  # no Python-level loop


def _sure(column: int | None) -> int:
    if column is None:
        raise Decline("blank lines or comments where the round trip's comment column is unsure")
    return column


def _plain(node: Any, edits: Edits) -> Any:
    if is_map(node):
        return SpliceMap(node, edits)
    if is_seq(node):
        return SpliceSeq(node, edits)
    return node.value


def _record(edits: Edits, node: Any, old: str, new: str) -> None:
    """A changed value as slices of the text: only digits for digits in the same places, each written
    where the clerk wrote it (the round trip keeps the style, the quotes and the folds then)."""
    if new == old:
        return
    mark = node.start_mark
    edits.values[(mark.line + 1, mark.column + 1)] = new
    start = mark.index
    if node.end_mark.index - start == len(old) and edits.text.startswith(old, start):  # written as it reads
        edits.slices += [(start + at, start + at + 1, digit) for at, digit in _digit_changes(old, new)]
        return
    # only digits changed, each for a digit, iff both are the same with every digit written «0»: compared
    # in C, not character by character (a loop over each value's characters was half of this function)
    if len(new) != len(old) or _DIGITS.sub("0", old) != _DIGITS.sub("0", new):
        raise Decline("a value rewritten, not its years moved")
    old_digits, new_digits = _DIGITS.findall(old), _DIGITS.findall(new)
    start, end = _content(edits.text, node)
    places = [m.start() for m in _DIGITS.finditer(edits.text, start, end)]
    if "".join(edits.text[p] for p in places) != "".join(old_digits):
        raise Decline("the digits of the text are not the value's")
    for rank, (was, digit) in enumerate(zip(old_digits, new_digits, strict=True)):
        if was != digit:
            edits.slices.append((places[rank], places[rank] + 1, digit))


def _content(text: str, node: Any) -> tuple[int, int]:
    """Where a scalar's characters are written: inside the quotes, below a block scalar's header."""
    start, end = node.start_mark.index, node.end_mark.index
    if node.style in ("'", '"'):
        return start + 1, end - 1
    if node.style in ("|", ">"):
        return text.index("\n", start) + 1, end
    return start, end


# --------------------------------------------------------------------------- what ruamel keeps as it is


class _Layout:
    """Checks that the round trip would write the text back unchanged (the module doc lists how)."""

    def __init__(self, text: str, lines: list[str] | None = None) -> None:
        self.text = text
        self.lines = text.split("\n") if lines is None else lines
        #: Whether any node may start with «&», «*» or «!» (:func:`_properties_possible`); if none can, the
        #: nodes are not asked one by one (a third of this check at 1,000 activities).
        self.props = _properties_possible(text)

    def check(self, root: Any) -> None:
        self.properties(root)
        if not is_map(root) or root.flow_style or root.start_mark.column != 0:
            raise Decline("not a block mapping at the left edge")
        self.mapping(root, 0)

    def properties(self, node: Any) -> None:
        """An anchor, an alias or a tag starts the node's text (a plain value cannot start with these)."""
        if self.props and self.text[node.start_mark.index] in "&*!":
            raise Decline("an anchor, an alias or a tag")

    def mapping(self, node: Any, col: int) -> None:
        """Each key plain on one line at ``col``, «:» right after it; a one-line plain or single-quoted value
        (most of a plan) is checked here, inline, as :meth:`value` and :meth:`flat` would: a third of this
        check was their calls (issue 12)."""
        text, props = self.text, self.props
        for key, value in node.value:
            if props:
                self.properties(key)
                self.properties(value)
            start, end = key.start_mark, key.end_mark
            if key.id != "scalar" or key.style in ("|", ">") or start.column != col:
                raise Decline("an unusual key")
            if start.line != end.line:
                raise Decline("a value over several lines")
            if key.style == '"' and "\\" in text[start.index:end.index]:
                raise Decline("an escape in double quotes")
            colon = end.index
            if text[colon] != ":":
                raise Decline("a space before «:»")
            style = value.style if value.id == "scalar" else "-"
            if not style or style == "'":
                start = value.start_mark
                if start.index != colon + 2 or text[colon + 1] != " ":
                    raise Decline("not one space before the value")
                if value.value == "" and not style:
                    raise Decline("an empty value")
                if start.line != value.end_mark.line:
                    raise Decline("a value over several lines")
            else:
                self.value(value, col, colon + 1)

    def value(self, node: Any, col: int, after: int, item: bool = False) -> None:
        """A value after «key:» (``after`` is past the colon) or after «-»: one space, then the value, or
        a block collection on the next lines, indented by 2."""
        if is_scalar(node) or node.flow_style:
            if node.start_mark.index != after + 1 or self.text[after] != " ":
                raise Decline("not one space before the value")
            self.inline(node, col, item)
        elif is_map(node):
            self.own_line(after)
            self.mapping(node, col + 2)
        else:
            self.own_line(after)
            self.sequence(node, col + 2)

    def own_line(self, after: int) -> None:
        end = self.text.find("\n", after)
        rest = self.text[after:end].strip()
        if rest and not rest.startswith("#"):
            raise Decline("a collection starting on its key's line")

    def sequence(self, node: Any, col: int) -> None:
        for item in node.value:
            self.properties(item)
            dash = self.text.rfind("-", 0, item.start_mark.index)
            if self.text.rfind("\n", 0, dash) + 1 + col != dash or is_seq(item) and not item.flow_style:
                raise Decline("an unusual list item")
            if is_map(item) and not item.flow_style:
                if item.start_mark.index != dash + 2:
                    raise Decline("a mapping item not on its dash's line")
                self.mapping(item, col + 2)
            else:
                self.value(item, col, dash + 1, item=True)

    def inline(self, node: Any, col: int, item: bool) -> None:
        if is_block_scalar(node):
            self.block(node, col, item)
        elif is_scalar(node):
            if node.value == "" and not node.style:
                raise Decline("an empty value")
            self.flat(node)
        else:
            self.flow(node)

    def flat(self, node: Any) -> None:
        if node.start_mark.line != node.end_mark.line:
            raise Decline("a value over several lines")
        if node.style == '"' and "\\" in self.text[node.start_mark.index:node.end_mark.index]:
            raise Decline("an escape in double quotes")

    def flow(self, node: Any) -> None:
        """A flow collection on one line, written as the round trip writes it: ``[a, b]``, ``{k: v, l: w}``."""
        if node.start_mark.line != node.end_mark.line:
            raise Decline("a flow collection over several lines")
        text, props = self.text, self.props
        pairs = node.value if is_map(node) else [(item,) for item in node.value]
        parts = []
        for pair in pairs:  # each item checked as properties() and flat() would: one line, as the collection
            for item in pair:
                if props:
                    self.properties(item)
                style = item.style if item.id == "scalar" else "|"  # PyYAML's collections have no style
                if style in ("|", ">") or item.value == "" and not style:
                    raise Decline("a nested flow collection or an empty value in one")
                if style == '"' and "\\" in text[item.start_mark.index:item.end_mark.index]:
                    raise Decline("an escape in double quotes")
            parts.append(": ".join(text[i.start_mark.index:i.end_mark.index] for i in pair))
        brackets = "{}" if is_map(node) else "[]"
        if self.text[node.start_mark.index:node.end_mark.index] != brackets[0] + ", ".join(parts) + brackets[1]:
            raise Decline("a flow collection not written «[a, b]» or «{k: v}»")

    def block(self, node: Any, col: int, item: bool) -> None:
        """A block scalar: ``|``, ``|-``, ``>``, ``>-`` (a comment after it only for a mapping's value: the
        round trip drops it on a list item), its lines indented by 2 from its key or dash."""
        start = node.start_mark.index
        header_end = self.text.index("\n", start)
        header, _, comment = self.text[start:header_end].partition(" ")
        if header not in _HEADERS or (comment and (item or not comment.lstrip().startswith("#"))):
            raise Decline("a block scalar with indicators or a comment on its header")
        first = node.start_mark.line + 1
        last = node.end_mark.line if node.end_mark.column else node.end_mark.line - 1
        body = self.lines[first:last + 1]
        while body and not body[-1]:
            body.pop()
        indent = " " * (col + 2)
        for line in body:
            if line and (not line.startswith(indent) or line[col + 2] == " "):
                raise Decline("a block scalar indented otherwise")
            if not line and node.style == ">":
                raise Decline("a blank line inside a folded block")
        if not body or not body[0]:
            raise Decline("an empty block scalar, or one starting with a blank line (written with «|2»)")


def _check_text(text: str, lines: list[str]) -> None:
    if _unstable(text) or not text.endswith("\n"):
        raise Decline("tabs, carriage returns, trailing spaces, document markers or blank lines at the edges")
    if max(map(len, lines)) > LONGEST:
        raise Decline("a line too long")


# --------------------------------------------------------------------------- the entry point


def splice_rollover(text: str, roll: Callable[[Any], None], composed: Any = None) -> tuple[str, Any] | None:
    """``roll`` (the rollover of a tree, in place) applied to the text: the new text and the edited
    tree, or None when only the round trip can promise its own bytes (see the module doc). ``composed``:
    libyaml's node tree of this very text, when the caller has it (:class:`orderforge.yamltap.ParseTap`)."""
    root = composed if composed is not None else compose_text(text)
    if root is None:
        return None
    edits = Edits(text)
    try:
        _check_text(text, edits.lines)
        _Layout(text, edits.lines).check(root)
        data = SpliceMap(root, edits)
        roll(data)
        return edits.apply(), data
    except Decline:
        return None

"""style.yaml of a derived style: the wording and formats found in the document, with comments for the clerk.

Strings are written double-quoted (JSON's escaping is valid YAML), so a header
word or a format such as «от «{dd}» {mm} {yyyy} г.» is never misread by YAML.
"""

from __future__ import annotations

import json

from ..diagnostics import Pos
from ..lazyre import LazyPattern
from ..rawtext import FORBIDDEN_CHARS
from ..slotted import Slotted
from ..yamltree import Entry, Map, Node, Scalar, Seq, _nfc
from .order import OrderFacts
from .plan import PlanFacts

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs import's start-up (issue 11)
    from typing import Any


#: A :class:`.Pos` made in C (as :mod:`orderforge.yamlfast` makes them).
_new = tuple.__new__
_SPACED = LazyPattern(r"^(?:\S ){2,}\S:?$")


class StyleFacts(Slotted):
    """Everything style.yaml says (written out, not a dataclass: built at every import's start)."""

    __slots__ = ("name", "source", "issuer", "has_order", "order", "plan", "responsible", "separator", "capitalize")
    name: str
    source: str
    issuer: list[str]
    has_order: bool
    order: OrderFacts
    plan: PlanFacts
    responsible: str
    separator: str
    capitalize: bool

    def __init__(self, name: str, source: str, issuer: list[str] | None = None, has_order: bool = False,
                 order: OrderFacts | None = None, plan: PlanFacts | None = None, responsible: str = "name",
                 separator: str = "newline", capitalize: bool = False) -> None:
        self.name, self.source = name, source
        self.issuer = [] if issuer is None else issuer
        self.has_order = has_order
        self.order = OrderFacts() if order is None else order
        self.plan = PlanFacts() if plan is None else plan
        self.responsible, self.separator, self.capitalize = responsible, separator, capitalize


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def responsible_facts(imported: Any) -> tuple[str, str]:
    """How the document prints responsible parties: (code | name | grouped, newline | comma).

    Codes only when every party it names is a short code («КлО», «ЦОРП»); a party
    written out in full makes it «name» — the directory then keeps that full name
    and the plan refers to it by an id the document never shows.
    """
    parties = imported.parties.values()
    named = any(p.name_known and p.name != p.code for p in parties)
    people_with_positions = any(p.position and not p.position_from_signature for p in imported.people.values())
    fmt = "grouped" if people_with_positions else "name" if named or not parties else "code"
    if not parties and not imported.people:
        fmt = "name"
    separator = "comma"  # one party per cell: the same either way, and only «comma» capitalises
    for activity in imported.all_activities():
        if len(activity.responsible) > 1:
            separator = "newline" if len(activity.responsible_lines) > 1 else "comma"
            break
    return fmt, separator


def capitalised(imported: Any) -> bool:
    """Whether the document starts responsible cells with a capital the directory's names do not have."""
    for activity in imported.all_activities():
        first = activity.responsible_lines[0] if activity.responsible_lines else ""
        party = imported.parties.get(activity.responsible[0]) if activity.responsible else None
        if first[:1].isupper() and party is not None and party.name[:1].islower():
            return True
    return False


def _like(word: str, sample: str) -> str:
    """The other kind's word in the form the document uses for this one («Р А С П О Р Я Ж Е Н И Е»)."""
    letters = word.replace(" ", "")
    if sample.replace(" ", "").rstrip(":").isupper():
        letters = letters.upper()
    elif sample[:1].islower():
        letters = letters.lower()
    if _SPACED.match(sample):
        return " ".join(letters.rstrip(":")) + (":" if letters.endswith(":") else "")
    return letters


def _kinds(facts: OrderFacts, value: str, defaults: dict[str, str]) -> dict[str, str]:
    out = dict(defaults)
    if value:
        for kind in out:
            out[kind] = value if kind == facts.kind else _like(defaults[kind], value)
    return out


def style_yaml(facts: StyleFacts) -> str:
    """The text of style.yaml."""
    return _write(facts, None)[0]


def style_tree(facts: StyleFacts, name: str) -> Node | None:
    """The tree :func:`orderforge.load.load_text` reads from :func:`style_yaml`'s text for a file shown as
    ``name``, built as the lines are written; None where the writer cannot vouch for it (a text the raw-text
    check or the YAML reader would take otherwise: a control character, a line break other than LF …).
    ``import`` reads the style it has just made through it: PyYAML is then not loaded at all (issue 11);
    tests/test_written_trees.py proves it the loader's tree on every document and on hostile texts."""
    from ..importer.treewrite import readable_as_written

    text, tree = _write(facts, name)
    return tree if tree is not None and readable_as_written(text, name) else None


def _write(facts: StyleFacts, name: str | None) -> tuple[str, Map | None]:
    out = _Out(name)
    for line in (
        f"# Стиль оформления «{facts.name}», сделан командой orderforge style new из «{facts.source}».",
        "# Шрифты, поля, бланк с гербом, подпись и рамки таблицы — в template.docx (правьте его в Word);",
        "# здесь — слова и форматы, найденные в документе. Ключи описаны в docs/house-styles.md.",
    ):
        out.lines.append(line)
    root = _Block(out)
    root.pair(0, "name", facts.issuer[0] if facts.issuer else facts.name)
    root.pair(0, "description", "Сделан из документа «" + facts.source + "»")
    root.pair(0, "template", "template.docx", quoted=False)
    _order(out, root, facts)
    _appendix(root, facts.plan)
    numbering = root.nested(0, "numbering")
    numbering.pair(2, "trailing_dot", "да" if facts.plan.trailing_dot else "нет", quoted=False)
    _table(root, facts)
    deadline = root.nested(0, "deadline")
    deadline.pair(2, "year_suffix", "as_written", quoted=False)
    deadline.pair(2, "capitalize", "as_written", quoted=False)
    out.lines.append("")
    text = "\n".join(out.lines)
    if name is None or out.refused or text.count("\n") != len(out.lines) - 1:  # a break inside a line (a file name)
        return text, None
    return text, root.node()


def _order(out: _Out, root: _Block, facts: StyleFacts) -> None:
    order = facts.order
    if not facts.has_order:
        out.lines.append("# В документе нет приказа: приказ в этом стиле печатается по ГОСТ (шапка, дата и номер, "
                         "подпись).")
        return
    block = root.nested(0, "order")
    kinds = _kinds(order, order.kind_display, {"приказ": "ПРИКАЗ", "распоряжение": "РАСПОРЯЖЕНИЕ"})
    operative = _kinds(order, order.operative, {"приказ": "ПРИКАЗЫВАЮ:", "распоряжение": "ОБЯЗЫВАЮ:"})
    for key, words in (("kind_display", kinds), ("operative", operative)):
        inner = block.nested(2, key)
        for kind, value in words.items():
            inner.pair(4, kind, value)
    if order.date_format:
        block.pair(2, "date_format", order.date_format)
    if order.number_format:
        block.pair(2, "number_format", order.number_format)


def _appendix(root: _Block, plan: PlanFacts) -> None:
    block = root.nested(0, "appendix")
    for key, lines in (("mark", plan.mark), ("stamp", plan.stamp)):
        if lines is not None:
            block.strings(2, key, lines)
    if plan.mark is None and plan.stamp is None:
        block.strings(2, "mark", [], "  # в документе нет отметки о приложении")
    if plan.appendix_date_format:
        block.pair(2, "date_format", plan.appendix_date_format)


def _table(root: _Block, facts: StyleFacts) -> None:
    block = root.nested(0, "table")
    columns = block.items(2, "columns")
    for c in facts.plan.columns:
        columns.flow(4, [("key", c.key, False), ("header", c.header, True), ("width", f"{c.width_mm:g}", False),
                         ("center", "да" if c.center else "нет", False)])
    block.pair(2, "responsible", facts.responsible, quoted=False)
    block.pair(2, "responsible_separator", facts.separator, quoted=False)
    if facts.capitalize:
        block.pair(2, "responsible_capitalize", "да", quoted=False)


class _Out:
    """The lines written so far; with a file ``name``, the positions the loader gives their nodes."""

    def __init__(self, name: str | None) -> None:
        self.lines: list[str] = []
        self.name = name
        self.refused = False  # a value the loader would report (a control character, escaped by JSON)

    def pos(self, col: int) -> Pos:
        """Column ``col`` (0-based) of the line about to be written."""
        return _new(Pos, (self.name, len(self.lines) + 1, col + 1))

    def scalar(self, col: int, value: str, quoted: bool) -> tuple[str, Scalar]:
        """A value as written at ``col`` (double-quoted: JSON's escaping is YAML's) and as the loader reads it."""
        self.refused = self.refused or FORBIDDEN_CHARS.search(value) is not None
        return (_q(value) if quoted else value), Scalar(_nfc(value), self.pos(col), quoted)


class _Block:
    """A block mapping being written: its entries as the loader keys them, its position its first key's."""

    def __init__(self, out: _Out) -> None:
        self.out = out
        self.entries: dict[str, Entry] = {}
        self.first: Pos | None = None

    def _key(self, indent: int, key: str, value: Node) -> None:
        pos = self.out.pos(indent)
        self.first = self.first or pos
        self.entries[key] = Entry(key, pos, value)

    def pair(self, indent: int, key: str, value: str, quoted: bool = True) -> None:
        """«key: value» on one line."""
        head = " " * indent + key + ": "
        written, node = self.out.scalar(len(head), value, quoted)
        self._key(indent, key, node)
        self.out.lines.append(head + written)

    def nested(self, indent: int, key: str) -> _Block:
        """«key:» with a block mapping on the lines below (its node made when :meth:`node` is asked)."""
        inner = _Block(self.out)
        self._key(indent, key, inner)  # type: ignore[arg-type]
        self.out.lines.append(" " * indent + key + ":")
        return inner

    def items(self, indent: int, key: str) -> _Items:
        """«key:» with a block list below (an empty value when no item follows)."""
        inner = _Items(self.out, self.out.pos(indent))
        self._key(indent, key, inner)  # type: ignore[arg-type]
        self.out.lines.append(" " * indent + key + ":")
        return inner

    def strings(self, indent: int, key: str, lines: list[str], comment: str = "") -> None:
        """A list of quoted strings below «key:», or «key: []» (with ``comment``) when there are none."""
        if not lines:
            head = " " * indent + key + ": "
            self._key(indent, key, Seq([], self.out.pos(len(head))))
            self.out.lines.append(head + "[]" + comment)
            return
        inner = self.items(indent, key)
        for line in lines:
            inner.string(indent + 2, line)

    def node(self) -> Map:
        """The mapping, each nested block or list (in its entry until written whole) made a node."""
        for entry in self.entries.values():
            value: Any = entry.value
            if isinstance(value, (_Block, _Items)):
                entry.value = value.node()
        assert self.first is not None, "every block of style.yaml has an entry"
        return Map(self.entries, self.first)


class _Items:
    """A block list being written: «- » items, its position its first dash's."""

    def __init__(self, out: _Out, key_pos: Pos) -> None:
        self.out = out
        self.key_pos = key_pos
        self.nodes: list[Node] = []
        self.first: Pos | None = None

    def _dash(self, indent: int) -> str:
        self.first = self.first or self.out.pos(indent)
        return " " * indent + "- "

    def string(self, indent: int, value: str) -> None:
        head = self._dash(indent)
        written, node = self.out.scalar(len(head), value, True)
        self.nodes.append(node)
        self.out.lines.append(head + written)

    def flow(self, indent: int, pairs: list[tuple[str, str, bool]]) -> None:
        """One «- {key: value, …}» item: (key, value, quoted) in their order."""
        line = self._dash(indent) + "{"
        entries: dict[str, Entry] = {}
        flow_pos = self.out.pos(len(line) - 1)
        for n, (key, value, quoted) in enumerate(pairs):
            line += (", " if n else "") + key + ": "
            key_pos = self.out.pos(len(line) - len(key) - 2)
            written, node = self.out.scalar(len(line), value, quoted)
            entries[key] = Entry(key, key_pos, node)
            line += written
        self.nodes.append(Map(entries, flow_pos))
        self.out.lines.append(line + "}")

    def node(self) -> Node:
        if self.first is None:  # «columns:» and nothing below: the loader reads an empty value at its key
            return Scalar("", self.key_pos, False)
        return Seq(self.nodes, self.first)

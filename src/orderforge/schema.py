"""A small declarative schema: one description gives the validator and the JSON Schema.

Why hand-made and not pydantic/cattrs: the messages must be Russian and point
at the exact YAML line and column, validation must go on after the first
problem and report them all, and ``validate`` on every save must start fast.
The same field tables produce the JSON Schema that ``orderforge schema`` prints
for editors, so the two can never drift apart.

This module holds the machinery — :class:`ValueType`, :class:`ConvertContext`, and the
containers :class:`Block` (a mapping of declared :class:`Field` s), :class:`ListT`,
:class:`MapOf`, :class:`OneOf`; the value types of single scalars (text, dates,
periods, deadlines …) are in :mod:`orderforge.valuetypes`.
"""

from __future__ import annotations

from collections.abc import Callable

from .diagnostics import Pos, Report, did_you_mean
from .lazyre import pattern_for
from .load import Map, Node, Scalar, Seq
from .planmodel import Period
from .slotted import Slotted

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs validate's start-up (issue 12)
    from typing import Any, TypeAlias

_NODE_RU = {"scalar": "текст", "list": "список (строки с «- »)", "mapping": "набор ключей (строки «ключ: значение»)"}
# Where an Block stands in the file, as the clerk sees it: a block is named by its key, never called «раздел»
# (that word is the plan's own sections') and never an English key dressed as a Russian label.
_WHERE_RU = {
    "план": "на верхнем уровне файла", "plan": "в блоке plan:", "order": "в блоке order:",
    "approval": "в блоке approval:", "directory": "в блоке directory:", "пункт приказа": "в пункте приказа",
    "мероприятие": "в мероприятии", "раздел": "в разделе плана", "подраздел": "в подразделе плана",
    "строка паспорта": "в строке паспорта", "организация": "в записи об организации",
    "человек": "в записи о человеке",
}


def where_ru(name: str) -> str:
    """«в мероприятии», «в блоке order:» — where a key is missing or unknown."""
    return _WHERE_RU.get(name, f"в блоке {name}:")


class ConvertContext:
    """What converters share: the report to write to, and what a later value is read against."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.field: Field | None = None  # the key being converted, named in «пустое значение» messages
        # The plan's period, once converted: deadlines are read in its terms (a school year reads
        # «декабрь, январь 2027» as December 2026). Block converts it first (``Block.first``).
        self.period: Period | None = None

    def wrong_type(self, node: Node, expected: str, hint: str = "") -> None:
        if isinstance(node, Map) and node.broken:
            return
        self.report.error(
            "OF103", node.pos, f"ожидался {expected}, а указан {_NODE_RU[node.kind]}", hint,
        )


class ValueType:
    """A value type: converts a node (reporting problems) and describes itself as JSON Schema."""

    doc: str = ""

    def convert(self, node: Node, ctx: ConvertContext) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError


def scalar_value(node: Node, ctx: ConvertContext, expected: str = "текст", list_hint: str = "") -> str | None:
    """The node's text, or None after saying what was expected — and how to write it instead."""
    if not isinstance(node, Scalar):
        if isinstance(node, Map):
            hint = "если это текст с двоеточием или скобками, заключите его в кавычки"
        else:
            hint = list_hint or "здесь нужно одно значение, а не список: уберите «- » или квадратные скобки"
        ctx.wrong_type(node, expected, hint)
        return None
    return node.value


def block_hint(ctx: ConvertContext, what: str) -> str:
    """How to write several paragraphs or lines where a list was given: a «|» block under the key."""
    key = ctx.field.key if ctx.field is not None else "ключ"
    return (f"{what} запишите одним текстом: блоком «{key}: |», а под ним каждую строку с отступом; "
            "или соедините элементы списка в одну строку")


def nonempty_value(node: Node, ctx: ConvertContext, value: str | None) -> str | None:
    if value is None:
        return None
    if not value.strip():
        spec = ctx.field
        if spec is None:
            ctx.report.error("OF104", node.pos, "пустое значение", "заполните значение или удалите ключ")
        else:
            hint = (f"заполните: {spec.doc}" if spec.doc else "заполните значение") if spec.required \
                else "заполните значение или удалите ключ"
            ctx.report.error("OF104", node.pos, f"пустое значение ключа «{spec.key}»", hint)
        return None
    return value


# JSON Schema for editors. The loader keeps every scalar a string, so validate reads `number: 116` or
# `period: 2026` as text; an editor reads YAML 1.2, where those are numbers and `true` is a boolean.
# The schema must accept what validate accepts, so text-like scalars also allow numbers.
_TEXT_TYPES = ["string", "integer", "number"]


def text_schema(pattern: str | None = None, min_length: int = 1) -> dict[str, Any]:
    """A scalar validate takes as text; numbers only where the pattern lets digits through."""
    types = ["string"]
    if pattern is None or pattern_for(pattern).fullmatch("1"):
        types.append("integer")
    if pattern is None or pattern_for(pattern).fullmatch("1.5"):
        types.append("number")
    schema: dict[str, Any] = {"type": types, "minLength": min_length}  # minLength/pattern bind strings only
    if pattern:
        schema["pattern"] = f"^(?:{pattern})$"
    return schema


class ListT(ValueType, Slotted):
    """A list; ``scalar_ok`` lets a single value stand for a one-item list."""

    __slots__ = ("item", "scalar_ok", "doc")
    item: ValueType
    scalar_ok: bool
    doc: str

    def __init__(self, item: ValueType, scalar_ok: bool = False, doc: str = "") -> None:
        self.item = item
        self.scalar_ok = scalar_ok
        self.doc = doc

    def convert(self, node: Node, ctx: ConvertContext) -> list[Any]:
        if node.__class__ is not Seq:  # a list, the usual value, goes straight to its items
            if isinstance(node, Scalar) and self.scalar_ok:
                if not node.value.strip():
                    return []
                value = self.item.convert(node, ctx)
                return [value] if value is not None else []
            if isinstance(node, Scalar) and not node.value.strip():
                return []
            ctx.wrong_type(node, "список", "элементы списка начинаются с «- » на отдельных строках")
            return []
        convert = self.item.convert
        converted = []
        for item in node.items:
            value = convert(item, ctx)
            if value is not None:
                converted.append(value)
        return converted

    def json_schema(self) -> dict[str, Any]:
        schema = {"type": "array", "items": self.item.json_schema()}
        empty = {"type": "null"}  # `activities:` with nothing after it: validate reads an empty list
        if self.scalar_ok:
            return {"anyOf": [schema, self.item.json_schema(), empty]}
        return {"anyOf": [schema, empty]}


class Field(Slotted):
    """A field of a mapping: key, type, whether required, and a Russian doc line.

    ``required`` and ``doc`` are keyword-only: a table of fields reads ``required=True``, never a bare ``True``."""

    __slots__ = ("key", "type", "required", "doc")
    key: str
    type: ValueType
    required: bool
    doc: str

    def __init__(self, key: str, type: ValueType, *, required: bool = False, doc: str = "") -> None:
        self.key = key
        self.type = type
        self.required = required
        self.doc = doc


Builder: TypeAlias = "Callable[[dict[str, Any], Pos, dict[str, Pos]], Any]"


class Block(ValueType, Slotted):
    """A mapping with known keys; unknown keys are errors with a «did you mean» hint."""

    __slots__ = ("name", "fields", "build", "shorthand", "doc", "first", "by_key")
    name: str
    fields: list[Field]
    build: Builder
    shorthand: str | None  # a plain scalar fills this field
    doc: str
    first: tuple[str, ...]  # keys converted before the others, whatever their place: others read them
    by_key: dict[str, Field]

    def __init__(
        self,
        name: str,
        fields: list[Field],
        build: Builder,
        shorthand: str | None = None,
        doc: str = "",
        first: tuple[str, ...] = (),
    ) -> None:
        self.name = name
        self.fields = fields
        self.build = build
        self.shorthand = shorthand
        self.doc = doc
        self.first = first
        self.__post_init__()

    def __post_init__(self) -> None:
        self.by_key = {f.key: f for f in self.fields}

    def convert(self, node: Node, ctx: ConvertContext) -> Any:
        if isinstance(node, Scalar) and self.shorthand:
            value = self.by_key[self.shorthand].type.convert(node, ctx)
            return self.build({self.shorthand: value}, node.pos, {self.shorthand: node.pos})
        if not isinstance(node, Map):
            keys = ", ".join(f"{f.key}:" for f in self.fields[:3])
            ctx.wrong_type(node, f"набор ключей ({keys} …)")
            return None
        values: dict[str, Any] = {}
        positions: dict[str, Pos] = {}
        first = self.first
        # stable: the rest keep their order; most blocks (an activity among them) have no such keys
        entries = sorted(node, key=lambda e: e.key not in first) if first else node.entries.values()
        by_key, outer, present = self.by_key, ctx.field, node.entries
        for entry in entries:
            key = entry.key
            spec = by_key.get(key)
            if spec is None:
                hint = did_you_mean(key, by_key) or "допустимые ключи: " + ", ".join(by_key)
                ctx.report.error("OF101", entry.key_pos, f"неизвестный ключ «{key}» {where_ru(self.name)}", hint)
                continue
            value = entry.value
            positions[key] = value.pos
            ctx.field = spec  # what the value's type words its messages by; every convert puts it back
            values[key] = spec.type.convert(value, ctx)
        ctx.field = outer
        for spec in self.fields:
            if spec.required and spec.key not in present:
                ctx.report.error(
                    "OF102", node.pos, f"не указан обязательный ключ «{spec.key}» {where_ru(self.name)}",
                    f"добавьте «{spec.key}: …» — {spec.doc}" if spec.doc else f"добавьте «{spec.key}: …»",
                )
        return self.build(values, node.pos, positions)

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "type": "object",
            "title": self.name,
            "properties": {f.key: {**f.type.json_schema(), "description": f.doc} for f in self.fields},
            "additionalProperties": False,
        }
        required = [f.key for f in self.fields if f.required]
        if required:
            schema["required"] = required
        if self.doc:
            schema["description"] = self.doc
        if self.shorthand:
            return {"anyOf": [self.by_key[self.shorthand].type.json_schema(), schema]}
        return schema


class MapOf(ValueType, Slotted):
    """A mapping from free keys (codes, ids) to values of one type; keys are checked by pattern."""

    __slots__ = ("item", "build", "key_pattern", "key_hint", "doc")
    item: ValueType
    build: Callable[[str, Any, Pos], Any]
    key_pattern: str
    key_hint: str
    doc: str

    def __init__(
        self,
        item: ValueType,
        build: Callable[[str, Any, Pos], Any],
        key_pattern: str = r".+",
        key_hint: str = "",
        doc: str = "",
    ) -> None:
        self.item = item
        self.build = build
        self.key_pattern = key_pattern
        self.key_hint = key_hint
        self.doc = doc

    def convert(self, node: Node, ctx: ConvertContext) -> dict[str, Any]:
        if not isinstance(node, Map):
            ctx.wrong_type(node, "набор строк «код: описание»")
            return {}
        result: dict[str, Any] = {}
        for entry in node:
            if not pattern_for(self.key_pattern).fullmatch(entry.key):
                ctx.report.error("OF105", entry.key_pos, f"недопустимый ключ «{entry.key}»", self.key_hint)
                continue
            outer, ctx.field = ctx.field, Field(entry.key, self.item, required=True)
            value = self.item.convert(entry.value, ctx)
            ctx.field = outer
            if value is not None:
                result[entry.key] = self.build(entry.key, value, entry.key_pos)
        return result

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "propertyNames": {"pattern": f"^(?:{self.key_pattern})$"},
            "additionalProperties": self.item.json_schema(),
        }


class OneOf(ValueType, Slotted):
    """A scalar form or a mapping form (e.g. ``directory: file.yaml`` or an inline directory)."""

    __slots__ = ("scalar", "mapping", "doc")
    scalar: ValueType
    mapping: ValueType
    doc: str

    def __init__(self, scalar: ValueType, mapping: ValueType, doc: str = "") -> None:
        self.scalar = scalar
        self.mapping = mapping
        self.doc = doc

    def convert(self, node: Node, ctx: ConvertContext) -> Any:
        return self.mapping.convert(node, ctx) if isinstance(node, Map) else self.scalar.convert(node, ctx)

    def json_schema(self) -> dict[str, Any]:
        return {"anyOf": [self.scalar.json_schema(), self.mapping.json_schema()]}

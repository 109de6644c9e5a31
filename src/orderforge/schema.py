"""A small declarative schema: one description gives the validator and the JSON Schema.

Why hand-made and not pydantic/cattrs: the messages must be Russian and point
at the exact YAML line and column, validation must go on after the first
problem and report them all, and ``validate`` on every save must start fast.
The same field tables produce the JSON Schema that ``orderforge schema`` prints
for editors, so the two can never drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .diagnostics import Pos, Report, did_you_mean
from .load import Map, Node, Scalar, Seq
from .model import Period, Ref, parse_period, parse_text
from .typography import squeeze

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


def _scalar(node: Node, ctx: ConvertContext, expected: str = "текст", list_hint: str = "") -> str | None:
    """The node's text, or None after saying what was expected — and how to write it instead."""
    if not isinstance(node, Scalar):
        if isinstance(node, Map):
            hint = "если это текст с двоеточием или скобками, заключите его в кавычки"
        else:
            hint = list_hint or "здесь нужно одно значение, а не список: уберите «- » или квадратные скобки"
        ctx.wrong_type(node, expected, hint)
        return None
    return node.value


def _block_hint(ctx: ConvertContext, what: str) -> str:
    """How to write several paragraphs or lines where a list was given: a «|» block under the key."""
    key = ctx.field.key if ctx.field is not None else "ключ"
    return (f"{what} запишите одним текстом: блоком «{key}: |», а под ним каждую строку с отступом; "
            "или соедините элементы списка в одну строку")


def _nonempty(node: Node, ctx: ConvertContext, value: str | None) -> str | None:
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
    if pattern is None or re.fullmatch(pattern, "1"):
        types.append("integer")
    if pattern is None or re.fullmatch(pattern, "1.5"):
        types.append("number")
    schema: dict[str, Any] = {"type": types, "minLength": min_length}  # minLength/pattern bind strings only
    if pattern:
        schema["pattern"] = f"^(?:{pattern})$"
    return schema


def _yaml12_value(text: str) -> Any:
    """How a YAML 1.2 editor reads a plain scalar that is a number: "1" → 1; anything else stays text."""
    if re.fullmatch(r"-?(0|[1-9]\d*)", text):
        return int(text)
    return text


def _any_case(word: str) -> str:
    """A regex for a word in any letter case (ECMA-262 patterns have no inline (?i))."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.lower() != c.upper() else re.escape(c) for c in word)


@dataclass
class Str(ValueType):
    """A single-line string (spaces normalised)."""

    pattern: str | None = None
    pattern_hint: str = ""
    doc: str = ""
    keep_spaces: bool = False  # for separators like « – », where the spaces are the point

    def convert(self, node: Node, ctx: ConvertContext) -> str | None:
        value = _nonempty(node, ctx, _scalar(node, ctx))
        if value is None:
            return None
        if not self.keep_spaces:
            value = squeeze(value)
        if self.pattern and not re.fullmatch(self.pattern, value):
            ctx.report.error("OF105", node.pos, f"недопустимое значение «{value}»", self.pattern_hint)
            return None
        return value

    def json_schema(self) -> dict[str, Any]:
        return text_schema(self.pattern)


@dataclass
class TextT(ValueType):
    """Multi-paragraph text: each line a paragraph, «- » dash items, «1) » numbered items."""

    doc: str = ""

    def convert(self, node: Node, ctx: ConvertContext) -> Any:
        list_hint = _block_hint(ctx, "несколько абзацев (или пунктов «- »)")
        value = _nonempty(node, ctx, _scalar(node, ctx, list_hint=list_hint))
        if value is None:
            return None
        return parse_text(value)

    def json_schema(self) -> dict[str, Any]:
        return text_schema()


@dataclass
class Lines(ValueType):
    """Text whose lines are kept as separate lines (titles, signature positions)."""

    doc: str = ""

    def convert(self, node: Node, ctx: ConvertContext) -> list[str] | None:
        value = _nonempty(node, ctx, _scalar(node, ctx, list_hint=_block_hint(ctx, "несколько строк")))
        if value is None:
            return None
        return [squeeze(line) for line in value.split("\n") if squeeze(line)]

    def json_schema(self) -> dict[str, Any]:
        return text_schema()


@dataclass
class DateT(ValueType):
    """A calendar date, ISO (2026-02-11) or Russian (11.02.2026); read by :func:`orderforge.dates.parse_date`."""

    doc: str = ""

    def convert(self, node: Node, ctx: ConvertContext) -> date | None:
        from .dates import DateError, parse_date

        value = _nonempty(node, ctx, _scalar(node, ctx, "дата"))
        if value is None:
            return None
        try:
            return parse_date(value)
        except DateError as exc:
            ctx.report.error("OF106", node.pos, exc.message, exc.hint)
            return None

    def json_schema(self) -> dict[str, Any]:
        from .dates import JSON_PATTERN

        return {"type": "string", "pattern": JSON_PATTERN}


@dataclass
class Enum(ValueType):
    choices: tuple[str, ...]
    doc: str = ""

    def convert(self, node: Node, ctx: ConvertContext) -> str | None:
        value = _nonempty(node, ctx, _scalar(node, ctx))
        if value is None:
            return None
        value = value.strip()
        if value not in self.choices:
            hint = did_you_mean(value, self.choices) or "допустимые значения: " + ", ".join(self.choices)
            ctx.report.error("OF105", node.pos, f"недопустимое значение «{value}»", hint)
            return None
        return value

    def json_schema(self) -> dict[str, Any]:
        values = [*self.choices, *(v for v in map(_yaml12_value, self.choices) if not isinstance(v, str))]
        return {"enum": values}  # `format: 1` is the integer 1 to a YAML 1.2 editor


_TRUE = {"да", "yes", "true", "on"}
_FALSE = {"нет", "no", "false", "off"}


@dataclass
class Bool(ValueType):
    doc: str = ""

    def convert(self, node: Node, ctx: ConvertContext) -> bool | None:
        value = _nonempty(node, ctx, _scalar(node, ctx))
        if value is None:
            return None
        low = value.strip().lower()
        if low in _TRUE | _FALSE:
            return low in _TRUE
        ctx.report.error("OF105", node.pos, f"ожидалось «да» или «нет», а указано «{value}»",
                         "допустимые значения: да, нет (а также yes, no, true, false, on, off)")
        return None

    def json_schema(self) -> dict[str, Any]:
        words = sorted(_TRUE | _FALSE)
        any_case = r"^\s*(?:" + "|".join(_any_case(w) for w in words) + r")\s*$"
        # `true` is a boolean in YAML 1.2; «Да» in any case is accepted by validate; the enum feeds completion
        return {"anyOf": [{"enum": words}, {"type": "boolean"}, {"type": "string", "pattern": any_case}]}


@dataclass
class RefT(ValueType):
    """A directory reference; whether it exists is checked later against the directory."""

    doc: str = ""

    def convert(self, node: Node, ctx: ConvertContext) -> Ref | None:
        value = _nonempty(node, ctx, _scalar(node, ctx, "код или идентификатор из справочника"))
        return Ref(value.strip(), node.pos) if value is not None else None

    def json_schema(self) -> dict[str, Any]:
        return text_schema()


def _plausible_year(year: int, node: Node, ctx: ConvertContext, code: str, subject: str) -> bool:
    """Years a plan can name (:data:`orderforge.dates.YEARS`); «0000» or «0202» is a typo, reported here."""
    from .dates import year_problem

    problem = year_problem(year)
    if problem is None:
        return True
    ctx.report.error(code, node.pos, f"{subject}: {problem[0]}", problem[1])
    return False


@dataclass
class PeriodT(ValueType):
    doc: str = ""

    def convert(self, node: Node, ctx: ConvertContext) -> Any:
        value = _nonempty(node, ctx, _scalar(node, ctx))
        if value is None:
            return None
        years = re.findall(r"(?<!\d)\d{4}(?!\d)", value)
        if not all(_plausible_year(int(y), node, ctx, "OF107", f"период «{value}»") for y in years):
            return None  # and year 0 would not even make a date
        period = parse_period(value)
        if period is None:
            ctx.report.error(
                "OF107", node.pos, f"период «{value}» не распознан",
                "запишите годы («2026-2028») или учебный год («2025-2026 учебный год»)",
            )
        ctx.period = period
        return period

    def json_schema(self) -> dict[str, Any]:
        return {"type": ["string", "integer"], "minLength": 4}  # `period: 2026` is an integer in YAML 1.2


@dataclass
class DeadlineT(ValueType):
    """A deadline phrase («апрель – май 2026 г.») or its structured form (a mapping)."""

    doc: str = ""

    def convert(self, node: Node, ctx: ConvertContext) -> Any:
        from .deadline import deadline_from_data

        if isinstance(node, Map):
            data: dict[str, Any] = {}
            for entry in node:
                value = entry.value
                if isinstance(value, Seq):
                    data[entry.key] = [v.value for v in value.items if isinstance(v, Scalar)]
                elif isinstance(value, Scalar):
                    data[entry.key] = value.value
            try:
                return deadline_from_data(data, school_year=ctx.period is not None and ctx.period.school_year)
            except ValueError as exc:
                ctx.report.error("OF108", node.pos, f"срок задан неверно: {exc}", getattr(exc, "hint", ""))
                return None
        text = _nonempty(node, ctx, _scalar(node, ctx, "срок"))
        return self._phrase(text, node, ctx) if text is not None else None

    @staticmethod
    def _phrase(value: str, node: Node, ctx: ConvertContext) -> Any:
        """A phrase not understood stays free (a warning later) — unless it names 31.02.2026 or the year 0000.

        It is read in the terms of the plan's period: in a school-year plan «2026–2027» is that school year.
        """
        from .deadline import deadline_problem, parse_deadline

        deadline = parse_deadline(value, school_year=ctx.period is not None and ctx.period.school_year)
        problem = None if deadline.known else deadline_problem(value)
        if problem is None:
            return deadline
        ctx.report.error("OF108", node.pos, f"срок «{deadline.text}» задан неверно: {problem}",
                         getattr(problem, "hint", ""))
        return None

    def json_schema(self) -> dict[str, Any]:
        from .deadline import deadline_json_schema  # the deadline module owns its structured form

        return {"anyOf": [text_schema(), *deadline_json_schema()["anyOf"]]}


@dataclass
class ListT(ValueType):
    """A list; ``scalar_ok`` lets a single value stand for a one-item list."""

    item: ValueType
    scalar_ok: bool = False
    doc: str = ""

    def convert(self, node: Node, ctx: ConvertContext) -> list[Any]:
        if isinstance(node, Scalar) and self.scalar_ok:
            if not node.value.strip():
                return []
            value = self.item.convert(node, ctx)
            return [value] if value is not None else []
        if isinstance(node, Scalar) and not node.value.strip():
            return []
        if not isinstance(node, Seq):
            ctx.wrong_type(node, "список", "элементы списка начинаются с «- » на отдельных строках")
            return []
        return [v for v in (self.item.convert(item, ctx) for item in node.items) if v is not None]

    def json_schema(self) -> dict[str, Any]:
        schema = {"type": "array", "items": self.item.json_schema()}
        empty = {"type": "null"}  # `activities:` with nothing after it: validate reads an empty list
        if self.scalar_ok:
            return {"anyOf": [schema, self.item.json_schema(), empty]}
        return {"anyOf": [schema, empty]}


@dataclass
class Field:
    """A field of a mapping: key, type, whether required, and a Russian doc line.

    ``required`` and ``doc`` are keyword-only: a table of fields reads ``required=True``, never a bare ``True``."""

    key: str
    type: ValueType
    required: bool = field(default=False, kw_only=True)
    doc: str = field(default="", kw_only=True)


Builder = Callable[[dict[str, Any], Pos, dict[str, Pos]], Any]


@dataclass
class Block(ValueType):
    """A mapping with known keys; unknown keys are errors with a «did you mean» hint."""

    name: str
    fields: list[Field]
    build: Builder
    shorthand: str | None = None  # a plain scalar fills this field
    doc: str = ""
    first: tuple[str, ...] = ()  # keys converted before the others, whatever their place: others read them
    by_key: dict[str, Field] = field(init=False, repr=False)

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
        for entry in sorted(node, key=lambda e: e.key not in self.first):  # stable: the rest keep their order
            spec = self.by_key.get(entry.key)
            if spec is None:
                hint = did_you_mean(entry.key, self.by_key) or "допустимые ключи: " + ", ".join(self.by_key)
                ctx.report.error("OF101", entry.key_pos, f"неизвестный ключ «{entry.key}» {where_ru(self.name)}", hint)
                continue
            positions[entry.key] = entry.value.pos
            outer, ctx.field = ctx.field, spec
            values[entry.key] = spec.type.convert(entry.value, ctx)
            ctx.field = outer
        for spec in self.fields:
            if spec.required and spec.key not in node:
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


@dataclass
class MapOf(ValueType):
    """A mapping from free keys (codes, ids) to values of one type; keys are checked by pattern."""

    item: ValueType
    build: Callable[[str, Any, Pos], Any]
    key_pattern: str = r".+"
    key_hint: str = ""
    doc: str = ""

    def convert(self, node: Node, ctx: ConvertContext) -> dict[str, Any]:
        if not isinstance(node, Map):
            ctx.wrong_type(node, "набор строк «код: описание»")
            return {}
        result: dict[str, Any] = {}
        for entry in node:
            if not re.fullmatch(self.key_pattern, entry.key):
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


@dataclass
class OneOf(ValueType):
    """A scalar form or a mapping form (e.g. ``directory: file.yaml`` or an inline directory)."""

    scalar: ValueType
    mapping: ValueType
    doc: str = ""

    def convert(self, node: Node, ctx: ConvertContext) -> Any:
        return self.mapping.convert(node, ctx) if isinstance(node, Map) else self.scalar.convert(node, ctx)

    def json_schema(self) -> dict[str, Any]:
        return {"anyOf": [self.scalar.json_schema(), self.mapping.json_schema()]}

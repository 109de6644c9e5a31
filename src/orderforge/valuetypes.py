"""The value types of single scalars in a plan, a directory, style.yaml or a record file.

Each reads one string of the loaded tree (the loader keeps every scalar a string), reports what is
wrong in Russian at the exact line and column, and describes itself as JSON Schema for editors. The
containers that hold them — fields of a block, lists, maps — and the shared conversion helpers are
in :mod:`orderforge.schema`.
"""

from __future__ import annotations

import re
from datetime import date

from .diagnostics import did_you_mean
from .lazyre import pattern_for
from .load import Map, Node, Scalar, Seq
from .planmodel import Ref, parse_period, parse_text
from .schema import ConvertContext, ValueType, block_hint, nonempty_value, scalar_value, text_schema
from .slotted import Slotted
from .typography import squeeze

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs validate's start-up (issue 12)
    from typing import Any


def _yaml12_value(text: str) -> Any:
    """How a YAML 1.2 editor reads a plain scalar that is a number: "1" → 1; anything else stays text."""
    if pattern_for(r"-?(0|[1-9]\d*)").fullmatch(text):
        return int(text)
    return text


def _any_case(word: str) -> str:
    """A regex for a word in any letter case (ECMA-262 patterns have no inline (?i))."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.lower() != c.upper() else re.escape(c) for c in word)


class Str(ValueType, Slotted):
    """A single-line string (spaces normalised)."""

    __slots__ = ("pattern", "pattern_hint", "doc", "keep_spaces")
    pattern: str | None
    pattern_hint: str
    doc: str
    keep_spaces: bool  # for separators like « – », where the spaces are the point

    def __init__(
        self,
        pattern: str | None = None,
        pattern_hint: str = "",
        doc: str = "",
        keep_spaces: bool = False,
    ) -> None:
        self.pattern = pattern
        self.pattern_hint = pattern_hint
        self.doc = doc
        self.keep_spaces = keep_spaces

    def convert(self, node: Node, ctx: ConvertContext) -> str | None:
        if node.__class__ is Scalar and node.value.strip():  # the usual value: nothing to say about it
            value: str | None = node.value
        else:
            value = nonempty_value(node, ctx, scalar_value(node, ctx))
        if value is None:
            return None
        if not self.keep_spaces:
            value = squeeze(value)
        if self.pattern and not pattern_for(self.pattern).fullmatch(value):
            ctx.report.error("OF105", node.pos, f"недопустимое значение «{value}»", self.pattern_hint)
            return None
        return value

    def json_schema(self) -> dict[str, Any]:
        return text_schema(self.pattern)


class TextT(ValueType, Slotted):
    """Multi-paragraph text: each line a paragraph, «- » dash items, «1) » numbered items."""

    __slots__ = ("doc",)
    doc: str

    def __init__(self, doc: str = "") -> None:
        self.doc = doc

    def convert(self, node: Node, ctx: ConvertContext) -> Any:
        if node.__class__ is Scalar:  # the hint for a list is only worded when a list was given
            text: str = node.value
            value = text if text.strip() else nonempty_value(node, ctx, text)
        else:
            list_hint = block_hint(ctx, "несколько абзацев (или пунктов «- »)")
            value = nonempty_value(node, ctx, scalar_value(node, ctx, list_hint=list_hint))
        if value is None:
            return None
        return parse_text(value)

    def json_schema(self) -> dict[str, Any]:
        return text_schema()


class Lines(ValueType, Slotted):
    """Text whose lines are kept as separate lines (titles, signature positions)."""

    __slots__ = ("doc",)
    doc: str

    def __init__(self, doc: str = "") -> None:
        self.doc = doc

    def convert(self, node: Node, ctx: ConvertContext) -> list[str] | None:
        value = nonempty_value(node, ctx, scalar_value(node, ctx, list_hint=block_hint(ctx, "несколько строк")))
        if value is None:
            return None
        return [squeeze(line) for line in value.split("\n") if squeeze(line)]

    def json_schema(self) -> dict[str, Any]:
        return text_schema()


class DateT(ValueType, Slotted):
    """A calendar date, ISO (2026-02-11) or Russian (11.02.2026); read by :func:`orderforge.dates.parse_date`."""

    __slots__ = ("doc",)
    doc: str

    def __init__(self, doc: str = "") -> None:
        self.doc = doc

    def convert(self, node: Node, ctx: ConvertContext) -> date | None:
        from .dates import DateError, parse_date

        value = nonempty_value(node, ctx, scalar_value(node, ctx, "дата"))
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


class Enum(ValueType, Slotted):
    """One of a fixed set of words (``choices``)."""

    __slots__ = ("choices", "doc")
    choices: tuple[str, ...]
    doc: str

    def __init__(self, choices: tuple[str, ...], doc: str = "") -> None:
        self.choices = choices
        self.doc = doc

    def convert(self, node: Node, ctx: ConvertContext) -> str | None:
        value = nonempty_value(node, ctx, scalar_value(node, ctx))
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


class Bool(ValueType, Slotted):
    """Yes or no: да/нет, yes/no, true/false, on/off, in any case."""

    __slots__ = ("doc",)
    doc: str

    def __init__(self, doc: str = "") -> None:
        self.doc = doc

    def convert(self, node: Node, ctx: ConvertContext) -> bool | None:
        value = nonempty_value(node, ctx, scalar_value(node, ctx))
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


class RefT(ValueType, Slotted):
    """A directory reference; whether it exists is checked later against the directory."""

    __slots__ = ("doc",)
    doc: str

    def __init__(self, doc: str = "") -> None:
        self.doc = doc

    def convert(self, node: Node, ctx: ConvertContext) -> Ref | None:
        if node.__class__ is Scalar:
            key = node.value.strip()
            if key:  # the usual reference: nothing to say about it
                return Ref(key, node.pos)
        value = nonempty_value(node, ctx, scalar_value(node, ctx, "код или идентификатор из справочника"))
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


class PeriodT(ValueType, Slotted):
    """A plan period: «2026», «2026-2028», «2026/2027 учебный год» (a :class:`Period`)."""

    __slots__ = ("doc",)
    doc: str

    def __init__(self, doc: str = "") -> None:
        self.doc = doc

    def convert(self, node: Node, ctx: ConvertContext) -> Any:
        value = nonempty_value(node, ctx, scalar_value(node, ctx))
        if value is None:
            return None
        years = pattern_for(r"(?<!\d)\d{4}(?!\d)").findall(value)
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


class DeadlineT(ValueType, Slotted):
    """A deadline phrase («апрель – май 2026 г.») or its structured form (a mapping)."""

    __slots__ = ("doc",)
    doc: str

    def __init__(self, doc: str = "") -> None:
        self.doc = doc

    def convert(self, node: Node, ctx: ConvertContext) -> Any:
        if isinstance(node, Map):
            from .deadline import deadline_from_data

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
        if node.__class__ is Scalar and node.value.strip():  # the usual phrase: nothing to say about it
            return self._phrase(node.value, node, ctx)
        text = nonempty_value(node, ctx, scalar_value(node, ctx, "срок"))
        return self._phrase(text, node, ctx) if text is not None else None

    @staticmethod
    def _phrase(value: str, node: Node, ctx: ConvertContext) -> Any:
        """A phrase not understood stays free (a warning later) — unless it names 31.02.2026 or the year 0000.

        It is read in the terms of the plan's period: in a school-year plan «2026–2027» is that school year.
        """
        from .deadline.parse import deadline_problem, parse_deadline  # a module: no package fromlist step

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

"""Reference tables of the plan format, generated from the schema tables in spec.py.

docs/plan-format.md embeds this output between markers; a test fails when the
document and the schema disagree, so the documentation cannot go stale.
"""

from __future__ import annotations

from .schema import Block, ListT, MapOf, OneOf, ValueType
from .valuetypes import Enum

BEGIN = "<!-- BEGIN GENERATED: orderforge.specdoc -->"
END = "<!-- END GENERATED: orderforge.specdoc -->"


def _type_name(t: ValueType) -> str:
    if isinstance(t, Enum):
        return " \\| ".join(f"`{c}`" for c in t.choices)
    if isinstance(t, ListT):
        inner = _type_name(t.item)
        return f"список: {inner}" + (" (или одно значение)" if t.scalar_ok else "")
    if isinstance(t, Block):
        return f"«{t.name}»" + (" или строка" if t.shorthand else "")
    if isinstance(t, MapOf):
        return f"словарь: ключ → {_type_name(t.item)}"
    if isinstance(t, OneOf):
        return f"{_type_name(t.scalar)} или {_type_name(t.mapping)}"
    return {
        "Str": "строка", "TextT": "текст (абзацы, списки)", "Lines": "строки", "DateT": "дата",
        "Bool": "да/нет", "RefT": "ссылка на справочник", "PeriodT": "период", "DeadlineT": "срок",
    }.get(type(t).__name__, type(t).__name__)


def _objects(root: Block) -> list[Block]:
    found: list[Block] = []

    def walk(t: ValueType) -> None:
        if isinstance(t, Block):
            if any(o is t for o in found):
                return
            found.append(t)
            for f in t.fields:
                walk(f.type)
        elif isinstance(t, ListT):
            walk(t.item)
        elif isinstance(t, MapOf):
            walk(t.item)
        elif isinstance(t, OneOf):
            walk(t.scalar)
            walk(t.mapping)

    walk(root)
    return found


def reference(root: Block) -> str:
    """Markdown: one table of keys per mapping of the format."""
    parts: list[str] = []
    for obj in _objects(root):
        parts.append(f"### «{obj.name}»\n")
        if obj.doc:
            parts.append(obj.doc + "\n")
        parts.append("| ключ | обязателен | тип | что это |\n|---|---|---|---|")
        for f in obj.fields:
            parts.append(f"| `{f.key}` | {'да' if f.required else ''} | {_type_name(f.type)} | {f.doc} |")
        parts.append("")
    return "\n".join(parts)


def generated_block() -> str:
    from .spec import PLAN

    return f"{BEGIN}\n\n## Все ключи (план и справочник)\n\n{reference(PLAN)}\n{END}"


# --------------------------------------------------------------------------- style.yaml

STYLE_BEGIN = "<!-- BEGIN GENERATED: orderforge.specdoc.style -->"
STYLE_END = "<!-- END GENERATED: orderforge.specdoc.style -->"


def _style_values(t: ValueType) -> str:
    """What a key of style.yaml may be: its choices (spaces shown), or its kind with the fields it takes."""
    from .style import Choice, Pattern

    if isinstance(t, ListT) and isinstance(t.item, Block):
        return "список колонок (ключи ниже)"
    if isinstance(t, ListT):
        lines = "строки списком" + (" (или одна строка)" if t.scalar_ok else "")
        return _style_values(t.item).replace("строка", lines, 1)
    if isinstance(t, Choice):
        return " \\| ".join(f"`\"{c}\"`" if c != c.strip() else f"`{c}`" for c in t.choices)
    if isinstance(t, Pattern):
        fields = " ".join(f"`{{{f}}}`" for f in t.fields)
        needed = " ".join(f"`{{{f}}}`" for f in t.needs)
        return "строка" + (f"; поля: {fields}" if fields else "") + (f"; обязательно {needed}" if needed else "")
    if isinstance(t, Block):
        return "словарь (ключи ниже)"
    return getattr(t, "pattern_hint", "") or _type_name(t)


def _shown_default(default: str) -> str:
    if not default:
        return ""
    return f"`\"{default}\"`" if default != default.strip() else f"`{default}`".replace("|", "\\|")


def style_reference() -> str:
    """Markdown: one row per key of style.yaml, from the table in style.py — allowed values and default."""
    from .style import style_keys

    rows = ["| ключ | допустимые значения | по умолчанию | что это |", "|---|---|---|---|"]
    for path, key in style_keys():
        required = " (обязателен)" if key.required else ""
        doc = key.doc.replace("|", "\\|")
        rows.append(f"| `{path}` | {_style_values(key.type)}{required} | {_shown_default(key.default)} | {doc} |")
    return "\n".join(rows) + "\n"


def style_block() -> str:
    return f"{STYLE_BEGIN}\n\n## Все ключи style.yaml\n\n{style_reference()}\n{STYLE_END}"

"""The converters' shortcuts for the usual value (a non-empty scalar; a list given as a list) give what the
full way gives: the same value and the same diagnostics, for blank, spaced, quoted, listed and mapped nodes."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from orderforge.diagnostics import Pos, Report
from orderforge.planmodel import Ref, parse_text
from orderforge.schema import ConvertContext, Field, ListT, nonempty_value, scalar_value
from orderforge.spec import ACTIVITY
from orderforge.valuetypes import DeadlineT, RefT, Str, TextT
from orderforge.yamltree import Entry, Map, Node, Scalar, Seq

POS = Pos("plan.yaml", 3, 5)
WORDS = ["", " ", "  ", "\n", "\t", "ЦОРП", " ОУ ", "ежегодно", "до 31.05.2026", "до 31.02.2026", "- пункт\n1) два",
         "апрель – май 2026 г.", "x"]
SCALARS = st.builds(Scalar, st.lists(st.sampled_from(WORDS), max_size=3).map("".join), st.just(POS), st.booleans())
NODES: st.SearchStrategy[Node] = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=3).map(lambda items: Seq(items, POS))
    | st.dictionaries(st.sampled_from(["a", "b"]), inner, max_size=2).map(
        lambda d: Map({k: Entry(k, POS, v) for k, v in d.items()}, POS)), max_leaves=5)


def full_str(node: Node, ctx: ConvertContext) -> Any:
    value = nonempty_value(node, ctx, scalar_value(node, ctx))
    if value is None:
        return None
    return Str().convert(Scalar(value, POS), ctx)  # the rest of Str.convert: squeeze (the value is non-empty)


def full_text(node: Node, ctx: ConvertContext) -> Any:
    if node.__class__ is Scalar:
        value = nonempty_value(node, ctx, node.value)  # type: ignore[union-attr]
    else:
        value = nonempty_value(node, ctx, scalar_value(node, ctx, list_hint=_list_hint(ctx)))
    return None if value is None else parse_text(value)


def _list_hint(ctx: ConvertContext) -> str:
    from orderforge.schema import block_hint

    return block_hint(ctx, "несколько абзацев (или пунктов «- »)")


def full_ref(node: Node, ctx: ConvertContext) -> Any:
    value = nonempty_value(node, ctx, scalar_value(node, ctx, "код или идентификатор из справочника"))
    return Ref(value.strip(), node.pos) if value is not None else None


def full_deadline(node: Node, ctx: ConvertContext) -> Any:
    if isinstance(node, Map):
        return DeadlineT().convert(node, ctx)
    text = nonempty_value(node, ctx, scalar_value(node, ctx, "срок"))
    return DeadlineT._phrase(text, node, ctx) if text is not None else None


def full_list(node: Node, ctx: ConvertContext) -> Any:
    item = RefT()
    if isinstance(node, Scalar):
        if not node.value.strip():
            return []
        value = item.convert(node, ctx)
        return [value] if value is not None else []
    if not isinstance(node, Seq):
        ctx.wrong_type(node, "список", "элементы списка начинаются с «- » на отдельных строках")
        return []
    return [v for v in (item.convert(i, ctx) for i in node.items) if v is not None]


CASES = [(Str(), full_str), (TextT(), full_text), (RefT(), full_ref), (DeadlineT(), full_deadline),
         (ListT(RefT(), scalar_ok=True), full_list)]


def run(convert: Any, node: Node, key: str) -> tuple[Any, list[str]]:
    ctx = ConvertContext(Report())
    ctx.field = Field(key, ACTIVITY.by_key[key].type, required=key == "text", doc="поле")
    return convert(node, ctx), [d.format() for d in ctx.report]


@settings(max_examples=1500)
@given(NODES, st.sampled_from(range(len(CASES))), st.sampled_from(["text", "deadline", "note"]))
def test_shortcut_equals_full_way(node: Node, case: int, key: str) -> None:
    fast, full = CASES[case]
    assert run(fast.convert, node, key) == run(full, node, key)

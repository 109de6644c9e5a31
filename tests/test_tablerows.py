"""The lean plan table (tablerows.py) writes the very document the full docxtpl render writes.

The full render (``render_docx(..., lean=False)``: every row through docxtpl, every part re-parsed by
lxml) is the reference: both are compared byte for byte on the example plans in every built-in style,
with hostile text in every cell, and on templates the lean path must not trust.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orderforge.build import validated_plan
from orderforge.context import Context, RowContext
from orderforge.diagnostics import UserError
from orderforge.docxtext import Table, read_blocks
from orderforge.render import render_docx
from orderforge.resolve import build_context
from orderforge.slotted import replace
from orderforge.style import Style, load_style
from orderforge.tablerows import HEADING, NUMBER, para_marker

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p for p in (ROOT / "plans").glob("*.yaml") if not p.name.endswith("directory.yaml"))

HOSTILE = [
    "{{ 7*7 }} {% if true %}да{% endif %} {#- c -#} {%p endfor %} {%tr endfor %} {_{ x }_}",
    "</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>инъекция & <b> \"\" '' &amp; &#123;",
    "табуляция\tи\nперенос строки\r\nи\fразрыв\x07колокол",
    "ofrowmark0x1z ofrowmarkhz ofrowmarknz — маркеры в тексте клерка",
    "100% «ёлочки» „лапки“ № 5 ‐ дефис — тире\u00a0nbsp \u200b zw \U0001F600",
    " ведущие и хвостовые пробелы  ",
    "очень длинный текст " * 400,
]


def example_context(path: Path) -> tuple[Context, Style]:
    plan, _ = validated_plan(path)
    style = load_style(plan.style, path.resolve().parent)
    return build_context(plan, style), style


def docx_parts(data: bytes) -> dict[str, bytes]:
    package = zipfile.ZipFile(io.BytesIO(data))
    return {name: package.read(name) for name in package.namelist()}


def assert_same_as_full(context: Context, style: Style) -> bytes:
    lean = render_docx(copy.deepcopy(context), style)
    full = render_docx(copy.deepcopy(context), style, lean=False)
    assert docx_parts(lean) == docx_parts(full)
    assert lean == full  # the zip too: fixed timestamps, same order
    return lean


def with_texts(context: Context, texts: list[str]) -> Context:
    """Every heading and every paragraph of the table replaced by the texts in turn; some cells emptied."""
    result = copy.deepcopy(context)
    assert result["appendix"] is not None
    supply = iter(texts * 10_000)
    for n, row in enumerate(result["appendix"]["table"]["rows"]):
        if row["section"]:
            row["heading"] = next(supply)
            continue
        row["number"] = next(supply)
        for k, cell in enumerate(row["cells"]):
            cell["paras"] = [] if (n + k) % 5 == 0 else [next(supply) for _ in range(1 + (n + k) % 3)]
    return result


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples_byte_identical_to_full_render(path: Path) -> None:
    assert_same_as_full(*example_context(path))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_hostile_text_byte_identical_to_full_render(path: Path) -> None:
    context, style = example_context(path)
    assert_same_as_full(with_texts(context, HOSTILE), style)


_XML_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufffe\uffff",
                                  max_codepoint=0x2FFF).filter(lambda c: c >= " " or c in "\t\n\r\x07\x0c"),
                    max_size=60)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(_XML_TEXT, min_size=1, max_size=8))
def test_any_text_byte_identical_to_full_render(texts: list[str]) -> None:
    context, style = example_context(ROOT / "plans" / "gymnasium1-2022.yaml")
    assert_same_as_full(with_texts(context, texts), style)


def plan_table(data: bytes, tmp_path: Path) -> Table:
    path = tmp_path / "out.docx"
    path.write_bytes(data)
    (table,) = [b for b in read_blocks(path) if isinstance(b, Table) and b.caption == "orderforge:plan"]
    return table


def expected_rows(context: Context) -> list[list[str]]:
    assert context["appendix"] is not None
    return [[row["heading"]] if row["section"] else ["\n".join(c["paras"]) for c in row["cells"]]
            for row in context["appendix"]["table"]["rows"]]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_rows_and_text_are_the_plans(path: Path, tmp_path: Path) -> None:
    context, style = example_context(path)
    plain = ["{{ x }} & <y> {% z %}", "текст " * 300, "ofrowmark1x1z"]
    context = with_texts(context, plain)
    table = plan_table(render_docx(context, style), tmp_path)
    got = [[c.text for c in row] for row in table.rows[1:]]
    assert got == expected_rows(context)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_widths_are_the_styles(path: Path) -> None:
    context, style = example_context(path)
    xml = docx_parts(render_docx(context, style))["word/document.xml"].decode()
    table = next(t for t in re.findall(r"<w:tbl>.*?</w:tbl>", xml, re.S) if "orderforge:plan" in t)
    grid = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"', table)]
    mm = [c.width for c in style.columns]
    assert len(grid) == len(mm)
    assert [round(w / sum(grid), 2) for w in grid] == [round(w / sum(mm), 2) for w in mm]
    assert context["appendix"] is not None
    rows = re.findall(r"<w:tr[ >].*?</w:tr>", table, re.S)
    assert len(rows) == 1 + len(context["appendix"]["table"]["rows"])
    for row in rows:
        cells = [int(w) for w in re.findall(r'<w:tcW w:w="(\d+)"', row)]
        assert sum(cells) == sum(grid)


def edited_style(style: Style, tmp_path: Path, edit: tuple[str, str]) -> Style:
    """The style with its template's document.xml edited (as a committee might, in Word)."""
    assert style.template_path is not None
    source = zipfile.ZipFile(style.template_path)
    target = tmp_path / "template.docx"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/document.xml":
                text = data.decode()
                assert edit[0] in text
                before, found, after = text.rpartition(edit[0])  # the last: the plan table comes last
                data = (before + edit[1] + after).encode()
            out.writestr(name, data)
    return replace(style, folder=tmp_path, template=target.name)


@pytest.mark.parametrize(("edit", "lean"), [
    (("{{ row.heading }}", "{{ loop.index }}. {{ row.heading }}"), False),  # counts rows: needs the real loop
    (("{{ row.heading }}", "{{ row.heading|upper }}"), False),  # a filter: the marker is not found as written
    (("{{ row.heading }}", "{{ row.heading }} ({{ appendix.table.rows|length }})"), False),  # rows used twice
    (("{{ row.heading }}", "{% set ns = namespace(n=1) %}{{ row.heading }}"), False),  # state across rows
    (("{{ para }}", "{{ para }} [{{ row.number }}]"), True),  # the number: substituted in the shapes
    (("{{ row.heading }}", "{{ row.heading }} ({{ appendix.table.ncols }})"), True),  # other fields: as they are
])
def test_edited_templates_render_as_the_full_path(edit: tuple[str, str], lean: bool, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A template the lean path cannot trust is rendered the full way; one it can, lean; the same result."""
    import orderforge.tablerows

    filled: list[int] = []
    real_fill = orderforge.tablerows.fill
    monkeypatch.setattr(orderforge.tablerows, "fill", lambda *a: filled.append(1) or real_fill(*a))
    context, style = example_context(ROOT / "plans" / "kaliningrad-committee-2026.yaml")
    context = with_texts(context, ["ofrowmarknz ofrowmarkhz", "a & b", "{{ 1 }}"])
    assert_same_as_full(context, edited_style(style, tmp_path, edit))
    assert bool(filled) == lean


def test_markers_are_distinct_words() -> None:
    words = [HEADING, NUMBER] + [para_marker(c, k) for c in range(12) for k in (1, 2)]
    assert all(a not in b for a in words for b in words if a != b)


def test_xml_forbidden_character_is_refused_not_written(tmp_path: Path) -> None:
    context, style = example_context(ROOT / "plans" / "zyryansky-2025.yaml")
    with pytest.raises(UserError) as caught:
        render_docx(with_texts(context, ["bad\x01char"]), style)
    assert caught.value.diagnostics[0].code == "OF404"


def test_an_empty_table_renders_as_before() -> None:
    context, style = example_context(ROOT / "plans" / "baltiysk-2024.yaml")
    assert context["appendix"] is not None
    rows: list[RowContext] = []
    context["appendix"]["table"]["rows"] = rows
    assert_same_as_full(context, style)

"""The marker document rendered without docxtpl (bodyrender.py, wordtags.py) is docxtpl's, byte for byte.

The lean build renders the template once with marker rows. ``render._render_direct`` does it from the
template's parts; ``render._render_docxtpl(lean=True)`` is the reference (docxtpl and python-docx). Both are
compared part by part, bytes and order, on every bundled house style, on styles made by ``style new`` from
generated Word documents, and on templates edited to use each tag of docxtpl's dialect. What the direct path
does not reproduce (``Unsupported``) must end in the same document through docxtpl, and template errors must
be told in the same words. A first build imports neither docxtpl nor python-docx.
"""

from __future__ import annotations

import copy
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from orderforge import render
from orderforge.bodyrender import Unsupported
from orderforge.build import validated_plan
from orderforge.context import Context
from orderforge.diagnostics import UserError
from orderforge.resolve import build_context
from orderforge.slotted import replace
from orderforge.style import Style, load_style
from orderforge.stylegen import make_style
from orderforge.tablerows import marker_rows

from . import stylegen_docs as docs
from .conftest import ROOT
from .test_tablerows import assert_same_as_full, example_context

BUNDLED = sorted(p.name for p in (ROOT / "src" / "orderforge" / "templates").iterdir() if p.is_dir())
PLAN = ROOT / "plans" / "kaliningrad-committee-2026.yaml"
ODD = "табуляция\tперенос\nстраница\fабзац\x07 {{ 7*7 }} {%p if 1 %} <w:t>&amp; «ёлочки» “лапки” ’"


def markers(context: Context) -> Context:
    """The context the lean path renders the template with: the plan's rows replaced by marker rows."""
    appendix = context["appendix"]
    assert appendix is not None
    table = appendix["table"]
    return {**context, "appendix": {**appendix, "table": {**table, "rows": marker_rows(table)}}}


def both_ways(context: Context, style: Style) -> tuple[list[tuple[str, bytes]], list[tuple[str, bytes]]]:
    direct, _ = render._render_direct(copy.deepcopy(markers(context)), style)
    data, _ = render._render_docxtpl(copy.deepcopy(markers(context)), style, lean=True)
    return direct, render._entries(data)


def assert_same_parts(context: Context, style: Style) -> None:
    direct, reference = both_ways(context, style)
    assert [name for name, _ in direct] == [name for name, _ in reference]
    for (name, mine), (_, theirs) in zip(direct, reference, strict=True):
        assert mine == theirs, name


def context_in(style: Style, odd: bool = False) -> Context:
    """The example plan's context in another style; with ``odd``, the order's text full of special characters."""
    plan, _ = validated_plan(PLAN)
    context = build_context(plan, style)
    if odd:
        order = context["order"]
        order["title_lines"] = [ODD, *order["title_lines"]]
        order["body"] = [ODD, *order["body"]]
        order["place"] = ODD
    return context


@pytest.mark.parametrize("name", BUNDLED)
@pytest.mark.parametrize("odd", [False, True], ids=["plain", "odd-text"])
def test_every_bundled_style_renders_as_docxtpl_does(name: str, odd: bool) -> None:
    assert_same_parts(context_in(load_style(name, ROOT), odd), load_style(name, ROOT))


GENERATED = {
    "letterhead": lambda p: docs.letterhead_order(p),
    "letterhead-head-table": lambda p: docs.letterhead_order(p, head_table=True),
    "bare": lambda p: docs.bare_plan(p),
    "portrait-columns": lambda p: docs.plan_document(
        p, [("number", "№ п/п", 15), ("text", "Мероприятие", 90), ("deadline", "Срок исполнения", 30),
            ("responsible", "Ответственный", 45)], landscape=False),
}


@pytest.mark.parametrize("kind", sorted(GENERATED))
def test_every_generated_style_renders_as_docxtpl_does(kind: str, tmp_path: Path) -> None:
    """Styles made by ``style new`` from a committee's Word file: emblems (drawings), head tables, portrait pages."""
    source = GENERATED[kind](tmp_path / "source.docx")
    made = make_style(source, "made", tmp_path / "templates")
    assert not made.report.has_errors
    style = load_style("made", tmp_path)
    assert_same_parts(context_in(style, odd=True), style)


def edited(style: Style, tmp_path: Path, paragraphs: str, part: str = "word/document.xml") -> Style:
    """The style with paragraphs added at the start of the template's part (as a committee might, in Word)."""
    assert style.template_path is not None
    source = zipfile.ZipFile(style.template_path)
    target = tmp_path / "template.docx"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == part:
                text = data.decode()
                found = re.search(r"<w:body>" if part == "word/document.xml" else r"(?=<w:p[ >])", text)
                assert found is not None
                data = (text[:found.end()] + paragraphs + text[found.end():]).encode()
            out.writestr(info, data)
    return replace(style, folder=tmp_path, template=target.name)


def para(*runs: str) -> str:
    """A paragraph of bold runs, one per piece of text (as Word splits a tag when its formatting changes)."""
    runs_xml = "".join(f'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{r}</w:t></w:r>' for r in runs)
    return f"<w:p>{runs_xml}</w:p>"


def table(grid: list[int], rows: list[list[str]]) -> str:
    """A small table: its grid's column widths and each row's cells (a cell «2:text» spans two columns)."""
    cols = "".join(f'<w:gridCol w:w="{w}"/>' for w in grid)
    cells = [["".join(f'<w:tc>{_span(c)}<w:p><w:r><w:t>{c.split(":")[-1]}</w:t></w:r></w:p></w:tc>' for c in row)]
             for row in rows]
    return f"<w:tbl><w:tblPr/><w:tblGrid>{cols}</w:tblGrid>" + "".join(f"<w:tr>{r[0]}</w:tr>" for r in cells) + \
        "</w:tbl><w:p/>"


def _span(cell: str) -> str:
    return f'<w:tcPr><w:gridSpan w:val="{cell.split(":")[0]}"/></w:tcPr>' if ":" in cell else "<w:tcPr/>"


DIALECT = {
    "grid-too-wide": table([1000, 2000, 3000], [["a", "b"], ["c", "{{ order.place }}"]]),
    "grid-too-narrow": table([1000, 2000], [["a", "b", "c", "d"]]),
    "grid-spans": table([1000, 2000, 3000, 4000], [["2:a", "b"], ["c", "2:d", "e"]]),
    "column-loop": table([3000], [["{%tc for x in order.title_lines %}", "{{ x }}", "{%tc endfor %}"]]),
    "split-tag": para("{", "{ order.place }", "}") + para("{%", " if 1 %}да{% endif ", "%}"),
    "paragraph-tags": para("{%p if order.place %}") + para("{{ order.place }}") + para("{%p endif %}"),
    "paragraph-loop": para("{%p for line in order.title_lines %}") + para("{{ line }}") + para("{%p endfor %}"),
    "run-tag": para("a", "{%r if 1 %}", "b", "{%r endif %}"),
    "comments": para("{#p a comment #}") + para("x {# inline #} y"),
    "merging-dashes": para("a {%- if 1 -%}") + para(" b ") + para("{%- endif -%} c"),
    "typographic-quotes": para("{{ “a” ~ ‘b’ ~ &#8216;c&#8217; }} {% if 2 &gt; 1 %}больше{% endif %}"),
    "listing-characters": para('{{ "x\\ty\\nz\\fw\\aq" }}'),
    "escaped-braces": para("{_{ not a tag }_} {_% nor this %_}"),
    "set-and-macro": para("{% set x = order.place %}{% macro m(v) %}[{{ v }}]{% endmacro %}{{ m(x) }}"),
    "vertical-merge": para("{% vm %}"),
    "cell-background": para("{% cellbg 'FF0000' %}"),
}


DOCXTPL_ONLY = ("run-tag", "vertical-merge", "cell-background")


def outcome(render_once: Callable[[], object]) -> object:
    """What a render gives: its result, the clerk's error messages, or the lean path's refusal."""
    try:
        return render_once()
    except UserError as exc:
        return [d.format() for d in exc.diagnostics]
    except render._NotLean:
        return "not lean"


def direct_and_docxtpl(context: Context, style: Style) -> tuple[object, object]:
    direct = outcome(lambda: render._render_direct(copy.deepcopy(markers(context)), style)[0])
    docxtpl = outcome(lambda: render._entries(render._render_docxtpl(copy.deepcopy(markers(context)), style,
                                                                     lean=True)[0]))
    return direct, docxtpl


@pytest.mark.parametrize("kind", sorted(DIALECT))
def test_each_tag_of_the_dialect_renders_as_docxtpl_does(kind: str, tmp_path: Path) -> None:
    """Each tag renders the same either way (or fails in the same words); a tag only docxtpl rewrites makes the
    direct path step aside; the build's document (or error) is the full path's."""
    context, style = example_context(PLAN)
    style = edited(style, tmp_path, DIALECT[kind])
    if kind in DOCXTPL_ONLY:
        with pytest.raises(Unsupported):
            render._render_direct(copy.deepcopy(markers(context)), style)
    else:
        direct, docxtpl = direct_and_docxtpl(context, style)
        assert direct == docxtpl
        assert isinstance(direct, list) and isinstance(direct[0], tuple) or kind == "escaped-braces"
    lean = outcome(lambda: render.render_docx(copy.deepcopy(context), style))
    assert lean == outcome(lambda: render.render_docx(copy.deepcopy(context), style, lean=False))


def test_a_header_with_a_tag_renders_as_docxtpl_does(tmp_path: Path) -> None:
    context, style = example_context(PLAN)
    style = edited(style, tmp_path, para("{{ order.place }} {{ order.number }}"), part="word/header1.xml")
    assert_same_parts(context, style)
    assert_same_as_full(context, style)


@pytest.mark.parametrize("tag", ["{{ nothing_here }}", "{{ 1/0 }}", "{% if %}", "{{ order.place.__class__ }}",
                                 "{{ order.place }", "{ { order.place } }", "{{ range(10**9)|list }}"])
def test_template_errors_are_told_in_the_same_words(tag: str, tmp_path: Path) -> None:
    context, style = example_context(PLAN)
    style = edited(style, tmp_path, para("перед") + para(tag) + para("после"))
    direct, docxtpl = direct_and_docxtpl(context, style)
    assert direct == docxtpl
    assert isinstance(direct, list) and isinstance(direct[0], str) or direct == "not lean"


WITNESS = ("import atexit, runpy, sys; "
           "atexit.register(lambda: print('loaded:' + ','.join(m for m in ('docx', 'docxtpl') if m in sys.modules), "
           "file=sys.stderr)); "
           "sys.argv[0] = 'orderforge'; runpy.run_module('orderforge', run_name='__main__')")


def test_a_first_build_imports_neither_docxtpl_nor_python_docx(tmp_path: Path) -> None:
    """The first build of a plan, with an empty cache folder, renders its order without them."""
    env = {**os.environ, "ORDERFORGE_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", WITNESS, "build", "--force", "-o", str(tmp_path / "out"),
                           str(PLAN)], cwd=ROOT, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert list((tmp_path / "out").glob("*.docx"))
    last = done.stderr.splitlines()[-1]
    assert last == "loaded:", done.stderr

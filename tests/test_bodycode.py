"""The shipped template code run without Jinja (bodycode.py) gives Jinja's own result, or hands over to Jinja.

Every part of every bundled template is rendered both ways with the example plan's context, with the order's
text full of special characters, and with random text in every field; whatever the lean run does not
reproduce (a missing name or attribute, a method, a filter, a recursive loop) must raise NeedsJinja, and the
build then gives exactly what Jinja gives, its errors included (that a first build imports no Jinja at all:
tests/test_prepared.py).
"""

from __future__ import annotations

import copy
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orderforge import bodycode, bodyrender, render, templateprep
from orderforge.diagnostics import UserError
from orderforge.style import load_style

from .conftest import ROOT
from .test_bodyrender import BUNDLED, context_in, markers

#: Text that XML, Jinja's braces and the finalize's escapes all care about.
_TEXT = st.lists(st.sampled_from(list("ab<>/&;#%}{-+ \n\t\"'xуЁ«»") + ["{{", "%}", "&amp;"]), max_size=12).map("".join)


def _codes(name: str) -> dict[str, str]:
    prepared = templateprep.shipped(load_style(name, ROOT).template_path.read_bytes())
    assert prepared is not None and prepared.code
    return prepared.code


def _jinja(code: str, context: Any) -> str:
    env = render.make_env()
    env.autoescape = True
    return str(bodyrender._from_code(env, code).render(copy.deepcopy(context)))


def _replace_texts(value: Any, texts: list[str]) -> Any:
    """The context with its strings replaced, in order, by ``texts`` (cycled)."""
    counter = iter(range(10**9))

    def walk(item: Any) -> Any:
        if isinstance(item, str):
            return texts[next(counter) % len(texts)]
        if isinstance(item, dict):
            return {key: walk(v) for key, v in item.items()}
        if isinstance(item, list):
            return [walk(v) for v in item]
        return item

    return walk(value)


@pytest.mark.parametrize("name", BUNDLED)
@pytest.mark.parametrize("odd", [False, True], ids=["plain", "odd-text"])
def test_every_part_renders_as_jinja_renders_it(name: str, odd: bool) -> None:
    context = markers(context_in(load_style(name, ROOT), odd))
    for part, code in _codes(name).items():
        assert bodycode.render(code, context) == _jinja(code, context), part


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(BUNDLED), st.lists(_TEXT, min_size=1, max_size=8),
       st.lists(st.lists(_TEXT, max_size=3), min_size=1, max_size=3))
def test_random_text_everywhere_renders_as_jinja_renders_it(name: str, texts: list[str],
                                                            bodies: list[list[str]]) -> None:
    context = _replace_texts(markers(context_in(load_style(name, ROOT))), texts)
    order = context["order"]
    order["body"], order["preamble"] = bodies[0], bodies[-1]  # loops of 0 to 3 items, `loop.last` each time
    for part, code in _codes(name).items():
        assert bodycode.render(code, context) == _jinja(code, context), part


@pytest.mark.parametrize("name", BUNDLED)
def test_the_lean_package_is_jinjas_byte_for_byte(name: str) -> None:
    style = load_style(name, ROOT)
    prepared = templateprep.shipped(style.template_path.read_bytes())
    context = markers(context_in(style, True))
    check = lambda xml, part: render.check_leftovers(xml, part, "t")  # noqa: E731
    env = render.make_env()
    env.autoescape = True
    data = style.template_path.read_bytes()
    lean = bodyrender.render_package(data, copy.deepcopy(context), None, render._lean_source, check, prepared)
    assert lean == bodyrender.render_package(data, copy.deepcopy(context), env, render._lean_source, check, prepared)


def test_what_the_lean_run_does_not_reproduce_goes_to_jinja() -> None:
    code = _codes(BUNDLED[0])["/word/document.xml"]
    context = markers(context_in(load_style(BUNDLED[0], ROOT)))
    with pytest.raises(bodycode.NeedsJinja):  # a name the context lacks: StrictUndefined's error is Jinja's
        bodycode.render(code, {key: value for key, value in context.items() if key != "order"})
    order_without_kind = {**context, "order": {k: v for k, v in context["order"].items() if k != "kind"}}
    with pytest.raises(bodycode.NeedsJinja):
        bodycode.render(code, order_without_kind)
    with pytest.raises(bodycode.NeedsJinja):  # a dict's method, not its item: the sandbox decides
        bodycode._Environment.getattr({"items": "x"}, "items")
    with pytest.raises(bodycode.NeedsJinja):
        bodycode._Environment.getattr(context, "__class__")
    assert bodycode._Environment.getattr({"kind": "ПРИКАЗ"}, "kind") == "ПРИКАЗ"
    with pytest.raises(bodycode.NeedsJinja):
        bodycode.compiled(code.replace("environment.getattr(", "environment.call(", 1))
    with pytest.raises(bodycode.NeedsJinja):
        bodycode.compiled("from jinja2.runtime import escape\n" + code.partition("\n")[2])
    with pytest.raises(bodycode.NeedsJinja):
        list(bodycode._loop_context([1], None, recurse=lambda: None))


def test_a_template_error_is_still_jinjas(monkeypatch: pytest.MonkeyPatch) -> None:
    """A context the template cannot render: the lean run hands over, and the clerk reads Jinja's error."""
    style = load_style(BUNDLED[0], ROOT)
    context = markers(context_in(style))
    context["order"] = {k: v for k, v in context["order"].items() if k != "kind"}
    with pytest.raises(UserError) as lean:
        render._render_direct(copy.deepcopy(context), style)
    monkeypatch.setattr(templateprep, "jinja_version", lambda: "0.0")  # no shipped code: Jinja only
    with pytest.raises(UserError) as jinja:
        render._render_direct(copy.deepcopy(context), style)
    assert [d.message for d in lean.value.diagnostics] == [d.message for d in jinja.value.diagnostics]


@pytest.mark.parametrize("length", range(5))
def test_the_loop_counters_are_loopcontexts(length: int) -> None:
    from jinja2.runtime import LoopContext, Undefined

    items = [f"п{i}" for i in range(length)]
    names = ("index", "index0", "first", "last", "length", "revindex", "revindex0")
    ours = [(item, tuple(getattr(loop, n) for n in names)) for item, loop in bodycode._loop_context(items, None)]
    theirs = [(item, tuple(getattr(loop, n) for n in names)) for item, loop in LoopContext(iter(items), Undefined)]
    assert ours == theirs


def test_jinja_version_is_read_without_importing_jinja() -> None:
    code = ("import sys\nfrom orderforge.templateprep import jinja_version\nv = jinja_version()\n"
            "print('jinja2' in sys.modules)\nimport jinja2\nprint(v == jinja2.__version__)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]


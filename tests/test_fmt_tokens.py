"""fmt composes a plan's nodes from libyaml's tokens (:mod:`orderforge.yamltokens`) instead of a second
libyaml pass: the nodes must be libyaml's composer's own — kinds, values, styles, flow styles and every
mark — on every YAML file of the repository, on generated plans with comments everywhere, and on
hand-written corners (empty values, indentless lists, nested flow lists). Where it declines, libyaml's
composer reads the text, so fmt's output cannot differ; the test also proves it does not decline plans.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orderforge.yamlnodes import untagged_composer
from orderforge.yamltokens import compose_tokens

from .conftest import ROOT
from .test_fmt_comments import commented_plans

yaml = pytest.importorskip("yaml")

try:
    from orderforge import _yamlc
except ImportError:  # not built here: fmt composes every text in Python (test_load_compiled says when CI must)
    _yamlc = None  # type: ignore[assignment]


def tokens_of(text: str) -> list[Any] | None:
    from yaml._yaml import CParser

    try:
        return list(iter(CParser(text).get_token, None))
    except (yaml.YAMLError, UnicodeError):
        return None


def shape(node: Any) -> Any:
    """Everything the writers may read of a node, marks as (index, line, column)."""
    marks = tuple((m.index, m.line, m.column) for m in (node.start_mark, node.end_mark))
    if node.id == "scalar":
        return ("scalar", node.value, node.style, marks)
    if node.id == "sequence":
        return ("sequence", [shape(v) for v in node.value], bool(node.flow_style), marks)
    return ("mapping", [(shape(k), shape(v)) for k, v in node.value], bool(node.flow_style), marks)


def libyaml_shape(text: str) -> Any:
    try:
        root = untagged_composer()(text).get_single_node()
    except (yaml.YAMLError, UnicodeError):
        return "refused"
    return None if root is None else shape(root)


def check_compiled(text: str) -> None:
    """The compiled composer (``_yamlc.compose_tokens``, what fmt takes where the module is built) gives the
    Python one's nodes of the compiled tokens, and None exactly where it gives None."""
    if _yamlc is None:
        return
    made = _yamlc.tokens(text)
    if made is None:  # left to PyYAML's tokens, which the Python composer reads
        return
    compiled, python = _yamlc.compose_tokens(made), compose_tokens(made)
    assert (compiled is None) == (python is None)
    if compiled is not None:
        assert shape(compiled) == shape(python)


def check_same(text: str) -> bool:
    """The token composer's tree is libyaml's, the compiled one's too (:func:`check_compiled`); True when it
    took the text (False: it left it to libyaml)."""
    check_compiled(text)
    tokens = tokens_of(text)
    if tokens is None:
        return False
    root = compose_tokens(tokens)
    if root is None:
        return False
    assert shape(root) == libyaml_shape(text)
    return True


FILES = sorted(p for p in ROOT.rglob("*.yaml") if ".venv" not in p.parts and ".git" not in p.parts)


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_every_yaml_file_composes_as_libyaml_does(path: Path) -> None:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return
    check_same(text)


def test_plans_and_the_benchmark_plan_are_composed_from_tokens() -> None:
    """The shortcut is taken where it matters: the example plans and generated benchmark plans."""
    sys.path.insert(0, str(ROOT / "tools"))
    import genplan

    texts = [p.read_text(encoding="utf-8") for p in (ROOT / "plans").glob("*.yaml")]
    texts += [genplan.plan_text(60, seed, seed % 2 == 0) for seed in (1, 2)]
    assert texts and all(check_same(text) for text in texts)


CORNERS = [
    "a: 1\nb:\n- x\n- y: 2\n  z:\nc: [p, q]\nd: >-\n  t\n  u\ne:\n  - 1\n  -\n",
    "a:\nb:\n",
    "a:\n  -\n  - - x\n    - - y\n      -\n  - []\n  - [[], [a, [b]], c,]\n",
    "- a\n- b:\n  - c\n  -\n- - d\n",
    "k: 'q'\nl: \"d\\n\"\nm: |\n  lit\n\n  x\n\nn: |+\n  keep\n\n",
    "a:\n- b\n-\nc: d\n",
    "a: [x,\n  y]  # c\nb: [\n]\n",
    "x",
    "",
    "a: 1\n---\nb: 2\n",
    "? a\n: b\n",
    "a: {b: c}\n",
    "a: [b: c]\n",
    "a: &x 1\nb: *x\n",
    "a: !t 1\n",
    "a:\n  b: 1\n c: 2\n",
    "- a\nb: c\n",
]


@pytest.mark.parametrize("text", CORNERS)
def test_corners_compose_as_libyaml_does_or_are_left_to_it(text: str) -> None:
    check_same(text)


_PIECES = st.sampled_from(["a", "b: ", "- ", "-", "[", "]", ", ", ",", ":", " ", "  ", "\n", "'q'", '"d"', "|", ">-",
                           "#c", "x y", "?", "{", "}", "&a", "*a", "!t"])


@settings(max_examples=600, deadline=None)
@given(st.lists(_PIECES, max_size=24).map("".join))
def test_odd_texts_compose_as_libyaml_does_or_are_left_to_it(text: str) -> None:
    check_same(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(commented_plans())
def test_generated_commented_plans_compose_as_libyaml_does(text: str) -> None:
    assert check_same(text)

"""The compiled reader (orderforge._yamlc: libyaml's C API) gives PyYAML's path's tree, and PyYAML's tokens.

Two promises, checked on every fixture and example, on generated large plans, on Hypothesis plans and on
random YAML syntax:

* where the compiled reader gives a tree, it is :class:`.yamlfast.FastTreeBuilder`'s tree over PyYAML's
  CParser (every value, quoting and line:column), and that builder reports nothing;
* where it gives None, the Python builder refuses the text or reports something: the compiled reader
  never drops a text the Python path would have read cleanly, nor reads one it would have faulted.

With tests/test_load_parsers.py (the fast path, compiled reader first, against the pure reference parser)
this makes all three readers agree. The tokens (``fmt``, ``new --from``'s splice) are checked the same way
against PyYAML's ``get_token``, attribute by attribute. The module is optional (setup.py); where it is
not built these tests are skipped, except under CI, which installs libyaml's headers and must build it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from yaml import YAMLError
from yaml._yaml import CParser

from orderforge import load, yamlparse
from orderforge.diagnostics import Report
from orderforge.yamlfast import FastTreeBuilder, Refused
from orderforge.yamltap import ParseTap

from .conftest import ROOT
from .planhelpers import plan_yaml
from .test_load_parsers import FILES, PIECES

sys.path.insert(0, str(ROOT / "tools"))
import genplan  # noqa: E402

try:
    from orderforge import _yamlc
except ImportError:  # not built on this machine: PyYAML's path reads every plan
    _yamlc = None  # type: ignore[assignment]

needs_compiled = pytest.mark.skipif(_yamlc is None, reason="orderforge._yamlc is not built here (setup.py)")


def python_tree(text: str) -> tuple[object, list[str]]:
    """PyYAML's CParser and FastTreeBuilder: the tree (None where it refuses) and what it reported."""
    report = Report()
    try:
        tree = FastTreeBuilder(CParser(text), "plan.yaml", report, yamlparse.MAX_DEPTH).build()
    except (YAMLError, UnicodeError, Refused):
        tree = None
    return tree, [d.format() for d in report]


def check_agree(text: str) -> object:
    """The compiled tree, after checking it against the Python builder's (see the module docstring)."""
    assert _yamlc is not None
    compiled = _yamlc.tree(text, "plan.yaml", yamlparse.MAX_DEPTH)
    tree, reported = python_tree(text)
    if compiled is not None:
        assert (compiled, []) == (tree, reported)
    else:
        assert tree is None or reported, "the compiled reader left a text the Python builder reads cleanly"
    return compiled


def test_ci_builds_the_compiled_reader() -> None:
    """CI installs libyaml's headers (tools/system-deps.sh): a build there without the reader is a broken
    install step, not a machine without a compiler."""
    if not os.environ.get("CI"):
        pytest.skip("only CI promises a compiler and libyaml's headers")
    assert _yamlc is not None


@needs_compiled
def test_the_examples_and_large_plans_are_read_by_the_compiled_reader() -> None:
    """Ordinary plans take it (else it would save nothing), and the fast path uses it."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "plans").glob("*.yaml"))]
    texts += [genplan.plan_text(400, seed=3, ids=ids) for ids in (True, False)]
    for text in texts:
        assert check_agree(text) is not None
        assert yamlparse.fast_tree(text, "plan.yaml", Report()) == check_agree(text)


@needs_compiled
@pytest.mark.parametrize("text", [
    "a: 1\na: 2\n",                          # a duplicate key: the Python builder reports it (OF014)
    "? [a]\n: 1\n",                           # a list as a key (OF013)
    "a: \"\\x07\"\n",                         # an escaped control character (OF015)
    "\"k\\x07\": 1\n",                        # … in a key
    "a: &x 1\nb: *x\n",                       # an anchor and an alias
    "a: !!str 1\n",                           # a tag
    "--- \na: 1\n",                           # an explicit document start
    "a: 1\n...\n",                            # an explicit document end
    "a: 1\n---\nb: 2\n",                      # two documents
    "just text\n",                            # a bare scalar
    "",                                       # nothing
    "a: [1\n",                                # a syntax error
    "[" * 51 + "1" + "]" * 51 + "\n",         # deeper than MAX_DEPTH
    "a: \ud800\n",                            # a lone surrogate: not UTF-8
])
def test_what_the_compiled_reader_leaves_to_the_python_builder(text: str) -> None:
    assert check_agree(text) is None


@needs_compiled
@pytest.mark.parametrize("text", [
    "a:\nb: ''\nc: \"\"\nd: |\ne: >-\n",     # empty values: the unquoted ones at their key
    "- a:\n  b: |\n- [x, {c: }]\n",           # … in nested and flow collections
    "ключ: значение\n\"кавычки\": 'да'\n",     # Cyrillic keys and values, quoted
    "a: \"е\u0308\"\nе\u0308: 1\n",            # decomposed letters: NFC, in values and in keys
    "\ufeffa: 1\n",                           # a byte order mark
    "a: 'it''s'\nb: \"\\u0416\"\n",           # escapes that are not control characters
    "[" * 50 + "1" + "]" * 50 + "\n",         # exactly MAX_DEPTH levels
])
def test_hand_picked_cases_read_the_same(text: str) -> None:
    assert check_agree(text) is not None


@needs_compiled
def test_an_open_parse_tap_keeps_the_compiled_nodes_the_tree_is_made_of() -> None:
    """``new --from`` loads the old plan under a tap: the compiled reader composes its nodes, keeps them for
    the splice and makes the same tree of them; another text read meanwhile (the directory) is not kept."""
    assert _yamlc is not None
    text = genplan.plan_text(20, seed=1, ids=True)
    other = genplan.plan_text(5, seed=2, ids=True)
    with ParseTap(text) as tap:
        assert yamlparse.fast_tree(other, "directory.yaml", Report()) == _yamlc.tree(other, "directory.yaml",
                                                                                     yamlparse.MAX_DEPTH)
        assert tap.nodes is None
        assert yamlparse.fast_tree(text, "plan.yaml", Report()) == check_agree(text)
    assert tap.events is None
    from .test_fmt_tokens import shape

    assert shape(tap.composed()) == shape(_yamlc.nodes(text, yamlparse.SPLICE_DEPTH))  # marks compared by value


@needs_compiled
@pytest.mark.parametrize("text", ["a: 1\na: 2\n", "a: \"\\x07\"\n", "[" * 51 + "1" + "]" * 51 + "\n"])
def test_a_tap_keeps_nothing_of_a_text_the_python_builder_must_read(text: str) -> None:
    """Where the tree made of the nodes is refused, nothing is kept, and the load reports as it always did."""
    report = Report()
    with ParseTap(text) as tap:
        yamlparse.fast_tree(text, "plan.yaml", report)
    assert tap.nodes is None


# --------------------------------------------------------------------------- tokens (fmt, new --from)

#: PyYAML's token kinds the compiled reader leaves to it (the text's tokens are then all PyYAML's).
LEFT_TO_PYYAML = {"<directive>", "<anchor>", "<alias>", "<tag>"}


def check_tokens(text: str) -> object:
    """The compiled tokens, after checking them against PyYAML's ``get_token``: every attribute the readers
    take (id, a scalar's value and style, both marks' index, line and column). Where the compiled reader
    gives None, PyYAML refuses the text or finds a kind it leaves to PyYAML."""
    assert _yamlc is not None
    made = _yamlc.tokens(text)
    try:
        theirs = list(iter(CParser(text).get_token, None))
    except (YAMLError, UnicodeError):
        theirs = None
    if made is None:
        assert theirs is None or LEFT_TO_PYYAML & {t.id for t in theirs}, "tokens PyYAML reads were left"
        return None
    assert theirs is not None

    def seen(token: object) -> tuple[object, ...]:
        marks = tuple((m.index, m.line, m.column) for m in (token.start_mark, token.end_mark))  # type: ignore[attr-defined]
        scalar = token.id == "<scalar>"  # type: ignore[attr-defined]
        return (token.id, token.value if scalar else None, token.style if scalar else None, marks)  # type: ignore[attr-defined]

    assert [seen(t) for t in made] == [seen(t) for t in theirs]
    return made


@needs_compiled
@pytest.mark.parametrize("text", ["%YAML 1.1\n---\na: 1\n", "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: [1\n",
                                  "a: \ud800\n", "? a\n: b\n", "{a: 1, b: [2, 3]}\n", "a: |\n  x\n  y\n",
                                  "\ufeffa: 1\n"])
def test_tokens_of_hand_picked_cases(text: str) -> None:
    check_tokens(text)


# --------------------------------------------------------------------------- composed nodes (new --from)


def check_nodes(text: str) -> object:
    """The compiled composer's tree against libyaml's composer through PyYAML (everything the splice reads,
    marks as index, line and column). Where it gives None, PyYAML's composer refuses the text, gives no
    collection at the root, or the text holds what it leaves to PyYAML (an anchor, alias or tag, a
    directive or an explicit document marker)."""
    from .test_fmt_tokens import libyaml_shape, shape

    assert _yamlc is not None
    made = _yamlc.nodes(text, 1000)
    theirs = libyaml_shape(text)
    if made is None:
        unusual = any(mark in text for mark in "&*!%") or "---" in text or "..." in text
        assert theirs in ("refused", None) or theirs[0] == "scalar" or unusual, "a text PyYAML composes was left"
        return None
    assert shape(made) == theirs
    return made


def check_tree_of_nodes(text: str) -> object:
    """The tree made of the compiled nodes (``new --from``'s load, :func:`orderforge._yamlc.tree_of_nodes`) is
    the compiled tree, itself checked against the Python builder's; it is None exactly where that tree is."""
    assert _yamlc is not None
    compiled = check_agree(text)
    root = _yamlc.nodes(text, yamlparse.SPLICE_DEPTH)
    if root is None:
        assert compiled is None, "the nodes were refused, the tree was not"
        return None
    made = _yamlc.tree_of_nodes(root, "plan.yaml", yamlparse.MAX_DEPTH)
    assert made == compiled
    return made


# --------------------------------------------------------------------------- every check on every corpus

#: Each reading the compiled reader offers, with its check against PyYAML's.
CHECKS = {"tree": check_agree, "tokens": check_tokens, "nodes": check_nodes, "tree_of_nodes": check_tree_of_nodes}
each_check = pytest.mark.parametrize("check", list(CHECKS.values()), ids=list(CHECKS))


def unless_risky(check: Callable[[str], object], text: str | None) -> None:
    """Run ``check`` on a text the callers give the compiled reader (never a risky one: yamlparse.RISKY)."""
    if text is not None and not yamlparse.is_risky(text):
        check(text)


@needs_compiled
@each_check
@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_fixture_and_example(check: Callable[[str], object], path: Path) -> None:
    unless_risky(check, load.decode(path.read_bytes(), str(path), Report()))


@needs_compiled
@each_check
def test_plans_are_read_by_the_compiled_reader(check: Callable[[str], object]) -> None:
    """Ordinary plans are not left to PyYAML (else the reader would save nothing)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "plans").glob("*.yaml"))]
    texts += [genplan.plan_text(400, seed=7, ids=ids) for ids in (True, False)]
    for text in texts:
        assert check(text) is not None


@needs_compiled
@each_check
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=plan_yaml())
def test_hypothesis_plans(check: Callable[[str], object], text: str) -> None:
    unless_risky(check, text)


@needs_compiled
@each_check
@settings(max_examples=2000, deadline=None)
@given(pieces=st.lists(st.sampled_from(PIECES), min_size=1, max_size=25))
def test_random_yaml_syntax(check: Callable[[str], object], pieces: list[str]) -> None:
    unless_risky(check, "".join(pieces))

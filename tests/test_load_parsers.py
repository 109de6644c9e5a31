"""The C parser (libyaml through PyYAML) on the hot path gives exactly what the pure reference parser gives.

Every fixture, every example plan and directory, generated large plans and Hypothesis plans are
loaded both ways: the same tree (values, quoting, every line:column) and the same diagnostics, word
for word — on errors because the reference parser reads the text again, on valid files because the
two parsers emit the same events with the same marks.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orderforge import load, rawtext, yamlparse
from orderforge.diagnostics import Report

from .conftest import ROOT
from .planhelpers import plan_yaml

sys.path.insert(0, str(ROOT / "tools"))
import genplan  # noqa: E402

FILES = sorted((ROOT / "tests" / "fixtures").rglob("*.yaml")) + sorted((ROOT / "plans").glob("*.yaml"))


def both_ways(text: str) -> tuple[tuple[object, list[str]], tuple[object, list[str]]]:
    """(tree, formatted diagnostics) through the fast path and through the reference parser alone."""
    results = []
    for fast in (True, False):
        report = Report()
        tree = load.load_text(text, "plan.yaml", report, fast=fast)
        results.append((tree, [d.format() for d in report]))
    return results[0], results[1]


def fast_read(text: str) -> object:
    """The tree through the C parser alone, None where the fast path leaves the text to the reference."""
    return yamlparse.fast_tree(text, "plan.yaml", Report())


def read(path: Path) -> str | None:
    report = Report()
    return load.decode(path.read_bytes(), str(path), report)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_fixture_and_example_loads_the_same_both_ways(path: Path) -> None:
    text = read(path)
    if text is None:  # not UTF-8: refused before any parser runs
        return
    fast, reference = both_ways(text)
    assert fast == reference


def test_the_fixtures_include_syntax_errors_that_the_c_parser_refuses() -> None:
    """Otherwise the fallback to the reference parser would be untested."""
    refused = [p for p in FILES if (t := read(p)) is not None and fast_read(t) is None
               and not rawtext.OPENER_RUN.search(t)]
    assert len(refused) >= 5, refused


@pytest.mark.parametrize("ids", [True, False])
def test_generated_large_plans_load_the_same_both_ways(ids: bool) -> None:
    text = genplan.plan_text(400, seed=7, ids=ids)
    assert fast_read(text) is not None  # the C parser is really used
    fast, reference = both_ways(text)
    assert fast == reference
    assert fast[0] is not None and not fast[1]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan_yaml())
def test_hypothesis_plans_load_the_same_both_ways(text: str) -> None:
    fast, reference = both_ways(text)
    assert fast == reference


@pytest.mark.parametrize("text", [
    "a: b\nc: d: e\n",                       # mapping values are not allowed here
    "text: 'не закрыта\nnext: 1\n",           # unclosed quote, found at the end
    "a: *x\n",                               # undefined alias
    "a: &x 1\nb: *x\n",                      # anchors and aliases: refused by the builder, same events
    "a: 1\na: 2\n",                          # duplicate key
    "- [" * 40 + "1" + "]" * 40 + "\n",      # deep but within the limit
    "a: 1\n---\nb: 2\n",                     # two documents
    "a: !!python/object x\n",                # unknown tag: a warning
    "a: \"\\x07\"\n",                        # an escaped control character
    "text: пробел\u2028разрыв\n",            # a Unicode line separator: the reference parser only
    "\n- |\n  \n   ",                         # a blank line deeper than the first: ruamel refuses it
    "a: |-\n  \n    текст\n",                  # … also when the deeper line has text (libyaml reads it)
    "a: | # c\n  \n   \n",                     # … after a comment on the header line
    "a: |2\n  \n    текст\n",                  # an indentation digit: both read it
    "a: |\nb: >-\nc: ''\nd:\ne: \"\"\n",         # empty values: the unquoted ones are placed at their key
    "- a:\n  b: |\n- [x, {c: }]\n",              # … in nested mappings, flow ones too
    "\"\\x07\": \"\\x08\"\n\"k\\x07\": 1\n",         # an escaped control character in a key and its value
])
def test_hand_picked_hard_cases_load_the_same_both_ways(text: str) -> None:
    fast, reference = both_ways(text)
    assert fast == reference


#: Pieces of YAML syntax, Cyrillic and invisible characters: random texts built of them reach the corners
#: where the two parsers disagree (tabs, «?», «%», anchors, block scalars at column 0 …).
PIECES = ["?", "? ", " ?", "a?", "a", "b: ", ": ", "- ", "  ", "\n", "\n  ", "'", '"', "[", "]", "{", "}", ",", "#",
          " #", "&x ", "*x", "!", "!!str ", "|", ">", "|-", ">+", " ", "%", "---", "...", "\t", "\\", "@", "`",
          "ж", "ё", "2026", "-", ":", "\n- ", "\n  - ", "\nk: ", "\n\n", "\ufeff", "\u00a0", "\\x41", "\u2028"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=25))
def test_random_yaml_syntax_loads_the_same_both_ways(pieces: list[str]) -> None:
    fast, reference = both_ways("".join(pieces))
    assert fast == reference


def test_example_plans_take_the_fast_path() -> None:
    """The guards that send a text to the reference parser must not catch ordinary plans."""
    for path in sorted((ROOT / "plans").glob("*.yaml")):
        text = read(path)
        assert text is not None and fast_read(text) is not None, path

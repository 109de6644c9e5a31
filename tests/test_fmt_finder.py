"""yamlgaps.Finder finds the comments and blank lines from the text's «#» and blank lines; the walk over
every token it replaced is kept here as the reference, and both must give the same comments, at the same
places, with the same preceding token, on every plan and fixture and on generated texts full of comments,
blank lines, block scalars (with header comments and trailing blank lines) and «#» inside values.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from itertools import accumulate
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orderforge import fmt
from orderforge.yamlgaps import Comment, Finder, _covered_end, _header_comment

from .conftest import FIXTURES, PLANS

_GAP = re.compile(r"^[ \t]*$|(#[^\n]*)", re.MULTILINE)


def reference_items(text: str, tokens: list[Any]) -> Iterator[tuple[Comment, int]]:
    """The token walk Finder.items replaced: every gap between the tokens' covered text, scanned."""
    starts = [0, *accumulate(len(line) + 1 for line in text.split("\n"))]

    def comment(index: int, body: str) -> Comment:
        line = bisect.bisect_right(starts, index) - 1
        return Comment(body.rstrip(), index, line, index - starts[line])

    def whole_line(index: int, start: int, stop: int) -> bool:
        line = bisect.bisect_right(starts, index) - 1
        begin, end = starts[line], starts[line + 1] - 1
        return begin >= start and end < stop and end < len(text)

    def gap(start: int, stop: int, previous: int) -> Iterator[tuple[Comment, int]]:
        for match in _GAP.finditer(text[start:stop]):
            index = start + match.start()
            if match.group(1):
                yield comment(index, match.group(1)), previous
            elif whole_line(index, start, stop):
                yield comment(index, ""), -1

    done = 0
    for n, token in enumerate(tokens):
        if token.start_mark.index > done:
            yield from gap(done, token.start_mark.index, n - 1)
        if token.id == "<scalar>" and token.style in ("|", ">"):
            match = _header_comment(text, token)
            if match:
                yield comment(match.start(1), match.group(1)), n
        done = max(done, _covered_end(token, text))
    yield from gap(done, len(text), len(tokens) - 1)


def assert_same(text: str) -> None:
    composed = fmt._compose(text)
    if composed is None or composed[0] is None:
        return
    tokens = [t for t in composed[1] if t.end_mark.index > t.start_mark.index]
    ours = list(Finder(text, tokens).items())
    assert ours == list(reference_items(text, tokens))


FILES = sorted(PLANS.glob("*.yaml")) + sorted(FIXTURES.rglob("*.yaml"))


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_plan_and_fixture(path: Any) -> None:
    assert_same(path.read_text(encoding="utf-8"))


_PIECES = ["key: value", "key: 'a#b'", 'key: "x # y"', "key: a#b", "# comment", "  # indented comment", "",
           "   ", "\t", "key: 1  # eol", "list:", "  - item  # c", "  - 'q#'", "  -", "text: >-  # header",
           "text: |", "text: |+", "  line one", "  line # not a comment", "", "  line two", "flow: [a, b]  # f",
           "map: {a: 1}", "deep:", "  inner: x", "  # under", "k: #", "#"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=25), st.booleans())
def test_generated_texts(lines: list[str], final_break: bool) -> None:
    assert_same("\n".join(lines) + ("\n" if final_break else ""))


def test_the_hash_after_one_inside_a_value_is_still_a_comment() -> None:
    text = "k: 'a#b'  # real\nz: 1\n"
    composed = fmt._compose(text)
    assert composed is not None
    tokens = [t for t in composed[1] if t.end_mark.index > t.start_mark.index]
    assert [c.text for c, _ in Finder(text, tokens).items()] == ["# real"]

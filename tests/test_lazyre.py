"""LazyPattern compiles on first use and then costs nothing per call: its methods are the compiled pattern's.

A build typesets every paragraph of every activity, and each rule's guard search went through a Python
wrapper (~40,000 calls at 5,000 activities, more time in the wrapper than in the search itself).
"""

from __future__ import annotations

import re

import pytest

from orderforge.lazyre import LazyPattern

METHODS = ["search", "match", "fullmatch", "finditer", "findall", "split", "sub", "subn"]


def test_nothing_is_compiled_before_first_use() -> None:
    pattern = LazyPattern(r"(")  # invalid: compiling it would raise
    assert repr(pattern) == "LazyPattern('(')"
    with pytest.raises(re.error):
        pattern.search("x")


@pytest.mark.parametrize("first", METHODS)
def test_after_first_use_every_method_is_the_compiled_patterns_own(first: str) -> None:
    pattern = LazyPattern(r"(\d+)-(\d+)", re.IGNORECASE)
    compiled = re.compile(r"(\d+)-(\d+)", re.IGNORECASE)
    text = "1-2, 30-40 и 5-6"
    calls = {"search": (text,), "match": (text,), "fullmatch": ("7-8",), "finditer": (text,), "findall": (text,),
             "split": (text,), "sub": (r"\2-\1", text), "subn": (r"\2-\1", text)}
    getattr(pattern, first)(*calls[first])
    for name in METHODS:
        bound = getattr(pattern, name)
        assert getattr(bound, "__self__", None) is pattern.compiled()
        got, want = bound(*calls[name]), getattr(compiled, name)(*calls[name])
        if name == "finditer":
            got, want = [m.span() for m in got], [m.span() for m in want]
        elif name in ("search", "match", "fullmatch"):
            got, want = got and got.span(), want and want.span()
        assert got == want


def test_positions_and_counts_are_passed_on() -> None:
    pattern = LazyPattern(r"a")
    assert pattern.search("aba", 1).start() == 2  # type: ignore[union-attr]
    assert pattern.sub("x", "aaa", 2) == "xxa"
    assert pattern.split("bab", 1) == ["b", "b"]

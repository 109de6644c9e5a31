"""The faster scans on the way to the tree give the answers of the plain regexes they stand for.

load_plan of a 5,000-activity plan spent 0.35 s in two regex searches over the whole text
(rawtext.OPENER_RUN, yamlparse.RISKY); they are now found by literal-prefixed patterns and
``in`` tests. Each property here compares the fast answer with the reference regex's.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orderforge import rawtext, yamlparse
from orderforge.diagnostics import Pos, Report

OPENER_PIECES = ["[", "{", "-", " ", "  ", "- ", "[ ", "{ ", "-  ", "\n", "a", "]", ":"]


def reference_start(text: str) -> int | None:
    match = rawtext.OPENER_RUN.search(text)
    return match.start() if match else None


@settings(max_examples=1500)  # long runs reach the depth bound: each piece repeats up to 60 times
@given(st.lists(st.tuples(st.sampled_from(OPENER_PIECES), st.integers(1, 60)), max_size=8)
       .map(lambda parts: "".join(piece * times for piece, times in parts)))
def test_opener_run_start_is_opener_runs(text: str) -> None:
    assert rawtext.opener_run_start(text) == reference_start(text)


@pytest.mark.parametrize("text", [
    "[" * 51, "[" * 50, "{ " * 51, "- " * 51, "- " * 50 + "-", "a: " + "[{" * 26, "x\n" + "-  " * 51,
    "[" * 30 + "{" * 21, "- " * 40 + "[" * 51, "[" * 60 + "- " * 60,
])
def test_opener_run_start_on_known_runs(text: str) -> None:
    assert rawtext.opener_run_start(text) == reference_start(text)


RISKY_PIECES = ["\t", "\x85", "\u2028", "\u2029", "%", "\n", "|", ">", "-", "+", "3", "#", "?", " ", "[", "{", ",",
                ":", "a", "б", "\r", "\f"]


@settings(max_examples=3000)
@given(st.lists(st.sampled_from(RISKY_PIECES), max_size=16).map("".join))
def test_is_risky_is_the_risky_regex(text: str) -> None:
    assert yamlparse.is_risky(text) == (yamlparse.RISKY.search(text) is not None)


@given(st.text(max_size=60))
def test_is_risky_is_the_risky_regex_on_any_text(text: str) -> None:
    assert yamlparse.is_risky(text) == (yamlparse.RISKY.search(text) is not None)


def every_line(text: str) -> list[str]:
    """check_raw_text's findings as they were before the guard that skips the line-by-line loop."""
    report = Report()
    if "\u00a0" in text or "\ufeff" in text:
        rawtext._check_invisible(text, "p", report)
    for lineno, line in enumerate(text.split("\n"), start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent]:
            report.error("OF003", Pos("p", lineno, line.index("\t") + 1), "t", "")
        for match in rawtext.FORBIDDEN_CHARS.finditer(line):
            report.error("OF004", Pos("p", lineno, match.start() + 1), "f", "")
    return [f"{d.code}:{d.pos.line}:{d.pos.col}" for d in report.items]


@settings(max_examples=1500)
@given(st.lists(st.sampled_from(["\t", " ", "\n", "a", "\x07", "\x00", "\u00a0", "\ufeff", "-", ": "]), max_size=16)
       .map("".join))
def test_raw_text_guard_finds_what_every_line_finds(text: str) -> None:
    report = Report()
    rawtext.check_raw_text(text, "p", report)
    assert [f"{d.code}:{d.pos.line}:{d.pos.col}" for d in report.items] == every_line(text)


@pytest.mark.parametrize("text", ["a: 1\nb: [x, y]\n", "a: [\n", "[" * 60, "a: *x\n", "- a\n" * 3])
@pytest.mark.parametrize("enabled", [True, False])
def test_loading_leaves_cycle_collection_as_it_found_it(text: str, enabled: bool) -> None:
    """The tree is built with collection paused; afterwards it is on or off as before, whatever the text."""
    import gc

    from orderforge.load import load_text

    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        load_text(text, "p.yaml", Report())
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()

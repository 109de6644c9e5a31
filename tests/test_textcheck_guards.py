"""quote_problems visits only the quotes and date_problems skips a text without a dot: same findings.

validate reads every text of a plan through both; a 5,000-activity plan spent 0.4 s walking
every character. The references below are the functions as they were, character by character.
"""

from __future__ import annotations

import random
import re
import sys
from datetime import date
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from orderforge.diagnostics import Pos, Report
from orderforge.load import load_text
from orderforge.textcheck import _DATE_START, _NOT_TEXT, _QUOTES, check_texts
from orderforge.typography import _ANY_QUOTE, date_problems, quote_problems
from orderforge.validate import check_todo
from orderforge.yamltree import Entry, Map, Node, Scalar, Seq, scalars

from .conftest import ROOT
from .planhelpers import plan_yaml

sys.path.insert(0, str(ROOT / "tools"))
import genplan  # noqa: E402


def quote_problems_every_char(text: str) -> list[tuple[int, str]]:
    problems: list[tuple[int, str]] = []
    opened: list[list] = []
    straight: list[int] = []
    pairs = {"»": "«", "“": "„"}
    for index, char in enumerate(text):
        if char in "«„":
            opened.append([index, char, False])
        elif char in pairs:
            openers = [i for i, entry in enumerate(opened) if entry[1] == pairs[char]]
            if openers:
                problems.extend((i, f"открывающая кавычка «{c}» не закрыта") for i, c, _ in opened[openers[-1] + 1:])
                del opened[openers[-1]:]
                if opened:
                    opened[-1][2] = True
            elif char == "»":
                problems.append((index, f"закрывающая кавычка «{char}» без открывающей"))
        elif char == '"':
            straight.append(index)
    problems.extend((i, f"открывающая кавычка «{c}» не закрыта") for i, c, shared in opened if not shared)
    if len(straight) % 2:
        problems.append((straight[-1], "кавычка «\"» без пары: число прямых кавычек нечётно"))
    return sorted(problems)


_DATE_IN_TEXT = re.compile(r"(?<![\w.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\w]|\.\d)")


def date_problems_unguarded(text: str) -> list[tuple[int, str]]:
    problems = []
    for match in _DATE_IN_TEXT.finditer(text):
        day, month, year = (int(x) for x in match.groups())
        try:
            date(year, month, day)
        except ValueError:
            what = f"месяца {month} нет" if not 1 <= month <= 12 else f"в этом месяце нет {day}-го числа"
            problems.append((match.start(), f"дата «{match.group()}» невозможна: {what}"))
    return problems


QUOTES = ["«", "»", "„", "“", '"', "”", "'", "План", " ", "а", "(", ")", "\n", "—"]
DATES = ["31", "04", "05", "20", "2020", "2026", "1", "13", ".", " ", "а", "-", "0", "29.02.", "٣"]


@settings(max_examples=3000)
@given(st.lists(st.sampled_from(QUOTES), max_size=14).map("".join))
def test_quote_problems_visiting_only_quotes_equals_every_char(text: str) -> None:
    assert quote_problems(text) == quote_problems_every_char(text)


@given(st.text(max_size=60))
def test_quote_problems_on_any_text(text: str) -> None:
    assert quote_problems(text) == quote_problems_every_char(text)


@settings(max_examples=3000)
@given(st.lists(st.sampled_from(DATES), max_size=12).map("".join))
def test_date_problems_guard_equals_unguarded(text: str) -> None:
    assert date_problems(text) == date_problems_unguarded(text)


@given(st.text(max_size=60))
def test_date_problems_on_any_text(text: str) -> None:
    assert date_problems(text) == date_problems_unguarded(text)


def tree_of(texts: list[str]) -> Map:
    """A plan-like tree: the texts under «text» keys, each also under an «id» key check_texts skips."""
    pos = Pos("plan.yaml", 1, 1)
    items: list[Node] = [Map({"text": Entry("text", pos, Scalar(t, Pos("plan.yaml", n + 1, 7))),
                              "id": Entry("id", pos, Scalar(t, Pos("plan.yaml", n + 1, 3)))}, pos)
                         for n, t in enumerate(texts)]
    return Map({"items": Entry("items", pos, Seq(items, pos))}, pos)


def every_text_checked(texts: list[str]) -> list[tuple[str, int, str]]:
    """What check_texts reported when it called both checks on every text, in the same order."""
    found = []
    for n, text in enumerate(texts):
        problems = [(o, m, "OF219") for o, m in quote_problems(text)] + \
                   [(o, m, "OF220") for o, m in date_problems(text)]
        found += [(code, n + 1, message) for _, message, code in sorted(problems)]
    return found


@settings(max_examples=500)
@given(st.lists(st.lists(st.sampled_from(QUOTES + DATES), max_size=10).map("".join), max_size=8))
def test_check_texts_checking_only_candidates_finds_what_checking_every_text_found(texts: list[str]) -> None:
    """One search over the joined texts picks the ones to check: no finding may be lost or reordered."""
    report = Report()
    check_texts(tree_of(texts), Path("/nonexistent/plan.yaml"), report)
    assert [(d.code, d.pos.line, d.message) for d in report] == every_text_checked(texts)


def test_only_d_upper_cases_to_d() -> None:
    """check_todo looks at a value only when it holds «d» or «D»: true if no other character upper-cases
    to one, for every code point of this Python's Unicode."""
    assert [c for c in range(sys.maxunicode + 1) if "D" in chr(c).upper() and chr(c) not in "dD"] == []


@given(st.lists(st.sampled_from(["TODO", "todo", "ToDo", " ", "\u00a0", "т", "d", "D", ":", "x"]), max_size=6)
       .map("".join))
def test_check_todo_finds_every_mark(text: str) -> None:
    report = Report()
    found = check_todo(tree_of([text]), report)
    expected = text.lstrip().upper().startswith("TODO")
    assert len(found) == (2 if expected else 0) and len(report) == len(found)


def test_the_quotes_found_by_str_find_are_any_quotes() -> None:
    """textcheck finds candidate texts by ``str.find`` of each quote: the very characters _ANY_QUOTE matches."""
    assert {chr(c) for c in range(0x10000) if _ANY_QUOTE.fullmatch(chr(c))} == set(_QUOTES)


@settings(max_examples=3000)
@given(st.lists(st.sampled_from(DATES + ["\0", "г.", "x", ".1.", "7.", ".٣.", "٢٠٢٦"]), max_size=12).map("".join))
@example("1.1.2026")
@example("٣.٣.٢٠٢٦")
@example("x 31.04.2026")
def test_every_date_in_text_holds_a_date_start(text: str) -> None:
    """The fast search keeps a text whenever the date pattern could read a date in it."""
    for match in _DATE_IN_TEXT.finditer(text):
        assert _DATE_START.search(text, match.start(), match.end()) is not None


def test_check_texts_on_a_generated_plan_finds_what_checking_every_text_found() -> None:
    """The benchmark's varied text with impossible dates and stray quotes put in: the same findings."""
    rng = random.Random(5)
    texts = [genplan.sentence(rng) for _ in range(600)]
    for n in range(0, 600, 7):
        texts[n] += rng.choice([" до 31.04.2026", " «Дорожной карты", " от 05.20.2020 г.", " этап 1.2.2026", "»"])
    report = Report()
    check_texts(tree_of(texts), Path("/nonexistent/plan.yaml"), report)
    assert [(d.code, d.pos.line, d.message) for d in report] == every_text_checked(texts)
    assert len(report) > 50


def scalars_by_generators(node: Node, skip: frozenset[str]) -> list[Scalar]:
    """yamltree.scalars as first written: recursive generators, in file order."""
    def walk(node: Node):  # type: ignore[no-untyped-def]
        if isinstance(node, Scalar):
            yield node
        elif isinstance(node, Seq):
            for item in node.items:
                yield from walk(item)
        else:
            for entry in node.entries.values():
                if entry.key not in skip:
                    yield from walk(entry.value)
    return list(walk(node))


@settings(max_examples=60, deadline=None)
@given(plan_yaml(), st.sampled_from([frozenset(), _NOT_TEXT, frozenset({"activities", "text"})]))
def test_scalars_are_every_scalar_in_file_order(text: str, skip: frozenset[str]) -> None:
    root = load_text(text, "plan.yaml", Report())
    if root is not None:
        found = scalars(root, skip)
        assert [id(s) for s in found] == [id(s) for s in scalars_by_generators(root, skip)]

"""The loader keeps every scalar a string, knows every position and refuses YAML traps."""

from __future__ import annotations

import re
import time

import pytest

from orderforge.diagnostics import Report
from orderforge.load import MAX_DEPTH, Map, Scalar, Seq, load_text


def load(text: str) -> tuple[object, Report]:
    report = Report()
    return load_text(text, "t.yaml", report), report


def test_scalars_stay_strings() -> None:
    root, report = load("a: no\nb: 1.10\nc: 2026-02-11\nd: ON\ne: 007\nf:\n")
    assert not report.items
    assert isinstance(root, Map)
    values = {e.key: e.value.value for e in root}  # type: ignore[union-attr]
    assert values == {"a": "no", "b": "1.10", "c": "2026-02-11", "d": "ON", "e": "007", "f": ""}


def test_positions_are_one_based() -> None:
    root, _ = load("plan:\n  sections:\n    - title: X\n")
    assert isinstance(root, Map)
    sections = root.get("plan").get("sections")  # type: ignore[union-attr]
    assert isinstance(sections, Seq)
    item = sections.items[0]
    assert isinstance(item, Map)
    assert (item.entries["title"].key_pos.line, item.entries["title"].key_pos.col) == (3, 7)
    title = item.get("title")
    assert isinstance(title, Scalar) and (title.pos.line, title.pos.col) == (3, 14)


def test_folded_block_has_no_fold_markers() -> None:
    root, report = load("a: >-\n  foo bar\n  baz\n\n  qux\n")
    assert not report.items
    assert root.get("a").value == "foo bar baz\nqux"  # type: ignore[union-attr]


def test_billion_laughs_is_refused_quickly() -> None:
    lol = "a: &a [lol, lol]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    _, report = load(lol)
    assert report.has_errors
    assert {d.code for d in report.items} == {"OF012"}


def test_template_syntax_in_unquoted_value_is_an_error() -> None:
    _, report = load("title: {{ name }}\n")
    assert [d.code for d in report.items] == ["OF013"]


def test_more_than_one_document() -> None:
    _, report = load("a: 1\n---\nb: 2\n")
    assert [(d.code, d.pos.line) for d in report.items] == [("OF011", 2)]


def test_raw_control_character_has_line_and_column() -> None:
    _, report = load("a: b\nc: d\x0ce\n")
    assert [(d.code, d.pos.line, d.pos.col) for d in report.items] == [("OF004", 2, 5)]


def test_crlf_is_normalised() -> None:
    root, report = load("a: |\r\n  x\r\n  y\r\n")
    assert not report.items
    assert root.get("a").value == "x\ny\n"  # type: ignore[union-attr]


def test_unclosed_quote_is_translated() -> None:
    _, report = load("a: 'x\nb: c\n")
    (diag,) = report.items
    assert diag.code == "OF010" and "кавычка" in diag.message


@pytest.mark.parametrize(("text", "where", "words"), [
    ('a: b\nc:\n  d: "x\n  e: f\n', "3:6", "не закрыта кавычка"),  # noticed at the end of the file
    ("a: 'x\nb: it's\n", "1:4", "значение в кавычках тянется до строки 2"),  # closed by an apostrophe below
    ('a: "x\\"\nb: y" z\n', "1:4", "тянется до строки 2"),  # \" does not close
    ("a: [b, c\nd: e\n", "1:4", "не закрыта квадратная скобка"),
])
def test_unclosed_quote_or_bracket_is_reported_where_it_opens(text: str, where: str, words: str) -> None:
    _, report = load(text)
    (diag,) = report.items
    assert diag.code == "OF010" and words in diag.message, diag.format()
    assert f"{diag.pos.line}:{diag.pos.col}" == where, diag.format()


@pytest.mark.parametrize(("text", "where", "words"), [
    ('title: "Дорожная карта" на 2026 год\n', "1:25", "после закрывающей кавычки продолжается текст"),
    ("a: b\t\nc: d\n", "1:5", "символ табуляции там, где YAML его не допускает"),
    ("a: &\n", "1:4", "значение начинается с «&» — заключите значение в кавычки"),
    ("a: - b\n", "1:4", "«- » после ключа на той же строке"),
    ("a: ]\n", "1:4", "служебного знака YAML"),
    ("%YAML 1.1\na: b\n", "2:1", "директива YAML"),
    ("a: b\n- c\n", "2:1", "неверный отступ"),
])
def test_syntax_errors_are_russian_with_a_place(text: str, where: str, words: str) -> None:
    """No English from ruamel reaches a clerk, whatever the mistake."""
    _, report = load(text)
    (diag,) = report.items
    assert diag.code == "OF010" and words in diag.message
    assert f"{diag.pos.line}:{diag.pos.col}" == where
    assert not re.search("[A-Za-z]{3,}", diag.message.replace("YAML", "")), diag.message
    assert diag.hint


@pytest.mark.parametrize(("line", "col", "char", "example"), [
    ("text: *важно* сделать", 7, "*", 'text: "*важно* сделать"'),
    ("text: [черновик] отчёт", 7, "[", 'text: "[черновик] отчёт"'),
    ("text: !важно", 7, "!", 'text: "!важно"'),
    ("text: | x", 7, "|", 'text: "| x"'),
    ("text: ? вопрос", 7, "?", 'text: "? вопрос"'),
    ("text: * важно", 7, "*", 'text: "* важно"'),
    ("- text: @почта", 9, "@", 'text: "@почта"'),
    ("- [черновик] отчёт", 3, "[", '- "[черновик] отчёт"'),
    ('text: {a} "b"', 7, "{", "text: '{a} \"b\"'"),
])
def test_value_starting_with_an_indicator_says_so(line: str, col: int, char: str, example: str) -> None:
    """Not «неверный отступ» nor a bare «ошибка синтаксиса»: the character, and the value quoted."""
    _, report = load(f"a: b\nc:\n  {line}\n")
    (diag,) = report.items
    assert diag.message == f"нарушена разметка YAML: значение начинается с «{char}» — заключите значение в кавычки"
    assert (diag.pos.line, diag.pos.col) == (3, col + 2)
    assert example in diag.hint, diag.hint


@pytest.mark.parametrize(("text", "where", "message"), [
    ("a:\n\u00a0 b: c\n", "2:1", "неразрывный пробел в отступе — замените обычным пробелом"),
    ("a:\n  \u00a0- b\n", "2:3", "неразрывный пробел в отступе"),
    ("a:\u00a0 b\n", "1:3", "неразрывный пробел после «:»"),
    ("- a\n-\u00a0b\n", "2:2", "неразрывный пробел после «-»"),
    ("a:\n  b: c\n\u00a0\n  d: e\n", "3:1", "неразрывный пробел в пустой строке"),
    ("a: b\n\ufeff  c: d\n", "2:1", "невидимый символ U+FEFF"),
])
def test_no_break_space_or_bom_where_yaml_needs_a_space(text: str, where: str, message: str) -> None:
    _, report = load(text)
    (diag,) = report.items
    assert diag.code in ("OF005", "OF006") and message in diag.message, diag.format()
    assert f"{diag.pos.line}:{diag.pos.col}" == where
    assert diag.hint


@pytest.mark.parametrize("text", [
    "a: 1\u00a0000 руб.\n",
    "text: Примечание:\u00a0x\n",
    "a: |\n  \u00a0\u00a0Абзац с красной строкой\n",
    "a: >\n  x\n  \u00a0y\n",
])
def test_no_break_space_inside_text_is_kept(text: str) -> None:
    root, report = load(text)
    assert not report.items
    assert "\u00a0" in root.get("a" if text.startswith("a") else "text").value  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "where"), [
    ("plan: " + "[" * 50_000 + "]" * 50_000 + "\n", "1:7"),  # took ruamel minutes
    ("plan: " + "[a, " * 30_000 + "]" * 30_000 + "\n", "1:203"),
    ("plan: " + "{a: " * 30_000 + "}" * 30_000 + "\n", "1:203"),
    ("plan:\n" + "".join("  " * i + "-\n" for i in range(3_000)), "51:99"),  # overflowed the stack
    ("plan:\n  " + "- " * 3_000 + "x\n", "2:3"),
])
def test_deep_nesting_is_refused_quickly(text: str, where: str) -> None:
    start = time.perf_counter()
    root, report = load(text)
    assert time.perf_counter() - start < 3
    (diag,) = report.items
    assert root is None and diag.code == "OF017" and "слишком глубокая вложенность" in diag.message
    assert f"{diag.pos.line}:{diag.pos.col}" == where


def test_nesting_a_plan_may_need_is_accepted() -> None:
    root, report = load("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n")  # with the root mapping: MAX_DEPTH
    assert not report.items and isinstance(root, Map)


def test_scalars_are_nfc_and_keep_their_invisible_characters() -> None:
    root, report = load("О\u0418\u0306: ве\u0306\u00a0x\u00ady\n")
    assert not report.items
    ((key, value),) = [(e.key, e.value.value) for e in root]  # type: ignore[union-attr]
    assert (key, value) == ("ОЙ", "в\u04d7\u00a0x\u00ady")  # е + U+0306 → ӗ

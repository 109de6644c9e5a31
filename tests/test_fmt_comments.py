"""``orderforge fmt`` never loses or moves a comment, and one run is enough.

The property tests format every example plan, every fixture that loads and
generated plans with comments in every place YAML allows, and check for each:

* every comment's text is still there — read by ruamel's round-trip scanner, a
  reader independent of the one fmt uses;
* every comment still belongs to the same key or item, before or after it
  (:func:`orderforge.yamlcomments.attachments`, applied to the text before and
  after);
* the plan reads back as the same tree of values;
* one run is enough: fmt of the result changes nothing (``fmt --check`` is clean);
* no line is longer than the width because of padding before a comment.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orderforge import yamlcomments
from orderforge.diagnostics import Report, UserError
from orderforge.fmt import WIDTH, _values, format_text
from orderforge.load import load_text
from orderforge.yamlcomments import attachments

from .conftest import FIXTURES, PLANS


def scanner_comments(text: str) -> list[str]:
    """Every comment as ruamel's round-trip scanner sees it (not the scanner fmt uses)."""
    from ruamel.yaml import YAML

    found: list[str] = []

    def gather(value: Any) -> None:
        if value is None:
            return
        if isinstance(value, list):
            for item in value:
                gather(item)
        elif isinstance(value, str):  # a block scalar's header comment is kept as a plain string
            found.extend(line.strip() for line in value.split("\n") if line.strip().startswith("#"))
        else:
            gather(value.value)

    for token in YAML(typ="rt").scan(text):
        if type(token).__name__ == "CommentToken":
            gather(token.value)
        else:
            gather(getattr(token, "comment", None))
    return sorted(found)


def values(text: str) -> Any:
    report = Report()
    tree = load_text(text, "p", report)
    assert tree is not None and not report.has_errors, report.errors
    return _values(tree)


def reference_format(text: str) -> str:
    """fmt with ruamel's pure parser doing all the reading (the libyaml path is never taken)."""
    with mock.patch.object(yamlcomments, "compose", yamlcomments.compose_reference):
        return format_text(text)


def check_fmt(text: str) -> str:
    """All the promises of fmt for one text; returns the formatted text."""
    out = format_text(text)
    assert reference_format(text) == out, "libyaml and the reference parser give different layouts"
    assert format_text(out) == out, "a second fmt changes the file"
    assert values(out) == values(text)
    assert scanner_comments(out) == scanner_comments(text)
    assert attachments(out) == attachments(text)
    for line in out.splitlines():  # a line past the width has no padding before its comment
        assert len(line) <= WIDTH or not re.search(r"\S {3,}#", line), line
    return out


# --------------------------------------------------------------------------- the clerk's plan

CLERK = """\
# План мероприятий района на 2026 год
# (черновик, согласовать с отделом)
format: 1
style: kaliningrad-committee
directory: kaliningrad-committee.directory.yaml

order:
  number: '12'  # номер дал секретарь
  date: 2026-02-11
  title: Об утверждении плана мероприятий
  points:
    - Утвердить план.  # 1.
    # 2. пункт о контроле добавить позже
  signatory: petukhova

plan:
  title: План мероприятий (дорожная карта) района на 2026 год
  period: 2026
  sections:
    # 1. Организационные мероприятия
    - title: Организационные мероприятия
      activities:
        # 1.1.
        - text: {LONG}   # 1.1. согласовано с ЦОРП, перенос на март возможен
          deadline: Февраль 2026 г.  # срок
          responsible: [ЦОРП]
        # 1.2.
        - text: Короткий текст   # 1.2.
          # id нужен для ссылки из пункта 2.1
          id: short
          deadline: Март 2026 г.
          # ответственные
          responsible:
            - ЦОРП   # главный
            - ОУ
        - text: >-   # 1.3. сложенный
            Мониторинг результатов оценочных процедур в образовательных организациях района с последующим
            анализом и подготовкой рекомендаций
          deadline: Апрель 2026 г.
            # срок уточнить
        # - text: 1.4. снято с плана
    # 2. Методическое сопровождение
    - title: Методическое сопровождение
      activities:
        - text: Семинар для заместителей директоров  # 2.1.
          deadline: Май 2026 г.
          result: Повышение квалификации педагогов, участвующих в проведении и проверке всероссийских проверочных работ
          # результат сформулировал методист
# конец файла
""".replace("{LONG}", "Проведение совещания с руководителями образовательных организаций по вопросам организации "
            "и проведения оценочных процедур в 2026 году")


def test_clerk_commented_plan_keeps_every_comment_in_one_run() -> None:
    """The report of issue 10: the first fmt padded «# 1.1.» to the far right of the «- text: >-» line,
    the second run dropped the comments. Now every comment stays with its entry and one run is final."""
    out = check_fmt(CLERK)
    assert len(scanner_comments(out)) == CLERK.count("#")
    assert "        - text: >-  # 1.1. согласовано с ЦОРП, перенос на март возможен\n" in out
    assert "          # id нужен для ссылки из пункта 2.1\n          id: short\n" in out
    assert "        # - text: 1.4. снято с плана\n    # 2. Методическое сопровождение\n" in out


def test_end_of_line_comment_is_padded_only_within_the_width() -> None:
    text = "plan:\n  title: Короткое название                    # выровнено\n  period: '2026'\n"
    assert format_text(text) == text  # the clerk's alignment is kept where it fits
    padded = "  title: Название" + " " * 70 + "# комментарий к названию"
    assert len(padded) > WIDTH
    assert format_text(f"plan:\n{padded}\n") == "plan:\n  title: Название  # комментарий к названию\n"


def test_comment_under_a_value_that_becomes_a_folded_block_stays_a_comment() -> None:
    words = " ".join(["слово"] * 30)
    text = f"plan:\n  title: {words}\n    # под значением\n  period: '2026'\n"
    out = check_fmt(text)
    assert "   # под значением" in out  # less indented than the block's text, or it would be text


def test_a_comment_above_a_key_that_moves_first_stays_above_that_key() -> None:
    text = "plan:\n  activities:\n    - text: Мероприятие\n      # ссылка\n      id: a1\n"
    out = check_fmt(text)
    assert "    -\n      # ссылка\n      id: a1\n      text: Мероприятие\n" in out


def test_comments_inside_a_flow_list_make_it_a_block_list() -> None:
    text = "plan:\n  activities:\n    - text: А\n      responsible: [ЦОРП,  # главный\n        ОУ]  # все\n"
    out = check_fmt(text)
    assert "      responsible:  # все\n        - ЦОРП             # главный\n        - ОУ\n" in out


def test_two_end_of_line_comments_of_one_entry_are_both_kept() -> None:
    text = "plan:\n  title:   # первый\n    Название  # второй\n  period: '2026'\n"
    out = check_fmt(text)
    assert "  title: Название  # первый\n    # второй\n" in out


def test_hash_inside_values_is_not_a_comment() -> None:
    text = "plan:\n  title: 'Пункт #3'\n  note: |\n    # не комментарий\n  period: a#b\n"
    assert check_fmt(text).count("#") == 3


# --------------------------------------------------------------------------- every plan and fixture

FILES = sorted(
    [p for p in PLANS.glob("*.yaml")] + [p for p in FIXTURES.rglob("*.yaml")],
    key=lambda p: str(p),
)


def loads(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return False
    report = Report()
    return load_text(text, "p", report) is not None and not report.has_errors


LOADABLE = [p for p in FILES if loads(p)]


def test_libyaml_reads_plans_for_fmt_and_the_reference_reads_what_it_may_read_differently() -> None:
    """fmt reads a plain plan with libyaml (ten times faster) and gets the reference's nodes and tokens;
    a text with a tab (read differently by the two parsers) goes to the reference parser."""
    text = (PLANS / "kaliningrad-committee-2026.yaml").read_text(encoding="utf-8")
    fast = yamlcomments._compose_libyaml(text, 50)
    assert fast is not None
    root, tokens = yamlcomments.compose_reference(text)
    assert [(t.id, t.start_mark.index, t.end_mark.index) for t in fast[1]] == \
        [(t.id, t.start_mark.index, t.end_mark.index) for t in tokens]
    assert yamlcomments.attach(text, *fast)[1].texts() == yamlcomments.attach(text, root, tokens)[1].texts()
    assert yamlcomments._compose_libyaml("a:\tb\n", 50) is None


def test_fmt_of_a_plain_plan_never_runs_the_pure_parser() -> None:
    """ruamel's pure parser is only the reference for what libyaml may read differently."""
    text = (PLANS / "kaliningrad-committee-2026.yaml").read_text(encoding="utf-8")
    expected = reference_format(text)
    with mock.patch.object(yamlcomments, "compose_reference", side_effect=AssertionError("pure parser used")):
        assert format_text(text) == expected


def test_most_files_load() -> None:
    assert len(LOADABLE) >= 40, [str(p) for p in LOADABLE]


REFUSED = [p for p in FILES if p not in LOADABLE]


@pytest.mark.parametrize("path", REFUSED, ids=[str(p.relative_to(PLANS.parent)) for p in REFUSED])
def test_a_file_the_loader_refuses_is_refused_with_the_loaders_diagnostics(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    report = Report()
    load_text(text, "p", report)
    with pytest.raises(UserError) as refused:
        format_text(text, "p")
    assert [d.format() for d in refused.value.diagnostics] == [d.format() for d in report.errors]


@pytest.mark.parametrize("path", LOADABLE, ids=[str(p.relative_to(PLANS.parent)) for p in LOADABLE])
def test_every_plan_and_fixture(path: Path) -> None:
    check_fmt(path.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- generated plans

_WORDS = ["анализ", "мониторинг", "результатов", "оценочных", "процедур", "ОУ", "качества", "образования",
          "семинар", "отчет", "2026", "«Дорожная", "карта»", "(ВПР)", "–", "школ", "№", "5", "г.", "ЦОРП"]
_SPECIAL = ["пункт #3", "a: b", "- тире", "'кавычки'", "yes", "1.10", "2026-02-11", "[скобки]", "{x}", "@", "%"]


@st.composite
def texts(draw: Any, long: bool = False) -> str:
    words = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=40 if long else 6))
    if draw(st.integers(0, 5)) == 0:
        words.insert(draw(st.integers(0, len(words))), draw(st.sampled_from(_SPECIAL)))
    return " ".join(words)


def _activity(draw: Any) -> dict[str, Any]:
    activity: dict[str, Any] = {"text": draw(texts(long=True))}
    for key, strategy in (
        ("id", st.sampled_from(["a1", "b-2", "c3"])), ("deadline", texts()), ("note", texts()),
        ("responsible", st.lists(st.sampled_from(["ЦОРП", "ОУ", "КлО"]), min_size=1, max_size=3)),
        ("result", texts(long=True)),
        ("deadline", st.fixed_dictionaries({"kind": st.just("until"), "text": texts(), "date": st.just("2026-05-31")})),
    ):
        if draw(st.integers(0, 2)) == 0:
            activity[key] = draw(strategy)
    return activity


@st.composite
def plan_trees(draw: Any) -> dict[str, Any]:
    sections = []
    for _ in range(draw(st.integers(1, 3))):
        section: dict[str, Any] = {"title": draw(texts())}
        section["activities"] = [_activity(draw) for _ in range(draw(st.integers(1, 3)))]
        sections.append(section)
    order = {"number": "12", "title": draw(texts()), "points": [draw(texts(long=True)) for _ in range(2)]}
    tree = {"plan": {"sections": sections, "title": draw(texts()), "period": "2026"}, "order": order,
            "style": "kaliningrad-committee", "format": "1"}
    keys = draw(st.permutations(list(tree)))
    return {k: tree[k] for k in keys}


class Writer:
    """Writes a tree as YAML a clerk might, with comments wherever YAML allows one."""

    def __init__(self, draw: Any) -> None:
        self.draw = draw
        self.lines: list[str] = []
        self.count = 0
        self.step = draw(st.sampled_from([2, 4]))
        self.indentless = draw(st.booleans())
        self.block_text: tuple[int, int] = (-1, 0)  # (line count, indentation) just after a block scalar

    def maybe(self, odds: int = 3) -> bool:
        return bool(self.draw(st.integers(0, odds - 1)) == 0)

    def comment(self) -> str:
        self.count += 1
        words = self.draw(st.lists(st.sampled_from(_WORDS + _SPECIAL + ["1.1.", "#", ":"]), max_size=4))
        return f"# c{self.count} " + " ".join(words)

    def eol(self, line: str) -> str:
        if not self.maybe():
            return line
        spaces = self.draw(st.sampled_from([1, 2, 40]))
        return line + " " * spaces + self.comment()

    def own_lines(self, col: int) -> None:
        """Comment lines (and blank lines) at, above or below ``col``."""
        below_text = self.block_text[1] - 1 if self.block_text[0] == len(self.lines) else 10_000
        while self.maybe():
            if self.maybe(4):
                self.lines.append("")
            shift = self.draw(st.sampled_from([0, 0, 0, -2, 2, 1]))
            self.lines.append(" " * max(0, min(col + shift, below_text)) + self.comment())

    def scalar(self, head: str, value: str, col: int) -> None:
        """``head value``, quoted, folded or literal; ``col`` is where the head starts."""
        style = self.draw(st.sampled_from(["plain", "quoted", "folded", "literal", "double"]))
        plain_ok = all(s not in value for s in _SPECIAL)
        if style == "folded" or (style == "plain" and not plain_ok and len(value) > 60):
            words = value.split(" ")
            cut = max(1, len(words) // 2)
            header = self.eol(f"{head} >-")
            self.lines += [header, " " * (col + self.step) + " ".join(words[:cut])]
            if words[cut:]:
                self.lines.append(" " * (col + self.step) + " ".join(words[cut:]))
            self.block_text = (len(self.lines), col + self.step)  # a comment line as deep would be text
            return
        if style == "literal" and "\n" not in value:
            self.lines += [self.eol(f"{head} |-"), " " * (col + self.step) + value]
            self.block_text = (len(self.lines), col + self.step)
            return
        if style == "double":
            text = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        elif style == "plain" and plain_ok:
            text = value
        else:
            text = "'" + value.replace("'", "''") + "'"
        if self.maybe(8):  # the value on the line below its key, a comment between them
            self.lines += [self.eol(head), " " * (col + self.step) + self.comment()]
            self.lines.append(self.eol(" " * (col + self.step) + text))
            return
        self.lines.append(self.eol(f"{head} {text}"))
        if self.maybe(4):  # a comment under the value, deeper than its key
            self.lines.append(" " * (col + self.step) + self.comment())

    def flow(self, head: str, values: list[str], col: int) -> None:
        items = [v if re.fullmatch(r"[А-Яа-яЁё]+", v) else "'" + v.replace("'", "''") + "'" for v in values]
        if not self.maybe(3):
            self.lines.append(self.eol(f"{head} [{', '.join(items)}]"))
            return
        self.lines.append(f"{head} [{items[0]},  {self.comment()}")  # a comment inside the brackets
        rest = ", ".join(items[1:])
        self.lines.append(self.eol(" " * (col + self.step) + f"{rest}]" if rest else " " * (col + self.step) + "]"))

    def node(self, head: str, value: Any, col: int) -> None:
        """``head`` (a key with «:» or a «-») at ``col``, then the value."""
        if isinstance(value, str):
            self.scalar(head, value, col)
        elif isinstance(value, list) and all(isinstance(v, str) for v in value) and len(value) < 4 and self.maybe(2):
            self.flow(head, value, col)
        elif isinstance(value, list):
            self.lines.append(self.eol(head))
            self.sequence(value, col if (self.indentless and head.endswith(":")) else col + self.step)
        elif isinstance(value, dict) and head.endswith("-") and not self.maybe(4):
            self.mapping(value, col + 2, dash=head)
        else:
            self.lines.append(self.eol(head))
            self.mapping(value, col + self.step)

    def mapping(self, tree: dict[str, Any], col: int, dash: str | None = None) -> None:
        keys = list(tree)
        for n, key in enumerate(keys):
            if n or dash is None:
                self.own_lines(col)
            head = f"{dash} {key}:" if (n == 0 and dash) else " " * col + f"{key}:"
            self.node(head, tree[key], col)
        self.own_lines(col)

    def sequence(self, items: list[Any], col: int) -> None:
        for item in items:
            self.own_lines(col)
            self.node(" " * col + "-", item, col)
        self.own_lines(col)


@st.composite
def commented_plans(draw: Any) -> str:
    writer = Writer(draw)
    writer.own_lines(0)
    writer.mapping(draw(plan_trees()), 0)
    return "\n".join(writer.lines) + "\n"


@settings(max_examples=200, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(commented_plans())
def test_generated_commented_plans(text: str) -> None:
    check_fmt(text)


@pytest.mark.slow
@settings(max_examples=2000, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(commented_plans())
def test_generated_commented_plans_2000(text: str) -> None:
    """Issue 15: every command that rewrites a clerk's file runs 2,000 generated examples in CI."""
    check_fmt(text)

"""Hypothesis strategies for the property tests of the commands that rewrite a clerk's files.

:func:`rich_plans` extends :func:`tests.planhelpers.plan_yaml`: Russian text with
quotes of every kind, dashes, «№», braces ``{{ }}``, ``<``, ``&``, no-break
spaces and long paragraphs; comments in many positions (each one unique, so a
lost one is found); ids or none; deadlines in every form the deadline reader
knows (``tests/test_deadline_forms.py``), as text and as structured mappings;
an order or an approval stamp, a passport, subsections, unnumbered sections.
The plan period covers the deadlines drawn, so most plans are valid; a few
carry a clerk's mistake on purpose (a repeated id, an unknown code).

:func:`word_tables` draws the rows of a Word roadmap table and
:func:`table_docx` builds the .docx in memory with python-docx.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hypothesis import strategies as st

from orderforge.deadline import parse_deadline

from .test_deadline_forms import FORMS, FREE, SHIFTS, SPANS, UNDATED

NBSP = "\u00a0"

# --------------------------------------------------------------------------- text

WORDS = ["анализ", "мониторинг", "результатов", "оценочных", "процедур", "учителей", "ОУ", "качества",
         "образования", "семинар", "отчет", "планов", "школ", "ёлка", "ЦОРП", "методического", "объединения"]
SPECIAL = [
    "«Дорожная карта»", "„вложенные“", '"прямые кавычки"', "'апостроф'", "(далее – ДК)", "— тире", "–",
    f"ОУ №{NBSP}5", "№ 774/1", "{{ 7*7 }}", "{% if x %}", "{#", "}}", "<b>жирный</b>", "A & B", "1 < 2 > 0",
    f"т.{NBSP}е.", f"50{NBSP}%", "e-mail: info@example.ru", "C:\\папка\\файл", "ПД-КПО-113", "#хэштег",
    "вопрос?", "точка; запятая,", "2025", "ГИА-2025", "x: y", "a #b", "*звёздочка", "&амп", "!восклицание",
    "%процент", "@собака", "`обратные`", "|черта", ">больше", "[скобки]", "{фигурные}", "?", "-", "—", ":",
]


_PARTS = st.lists(st.sampled_from(WORDS + SPECIAL), min_size=1, max_size=8)
_INTS: dict[tuple[int, int], Any] = {}


def num(draw: Any, low: int, high: int) -> int:
    """``draw(st.integers(low, high))`` with the strategy built once (strategies are costly to create)."""
    strategy = _INTS.get((low, high))
    if strategy is None:
        strategy = _INTS[(low, high)] = st.integers(low, high)
    return int(draw(strategy))


def chance(draw: Any, one_in: int) -> bool:
    return num(draw, 0, one_in - 1) == 0


def phrase(draw: Any, period: str = "", long: bool = True) -> str:
    """One paragraph: words, special fragments, sometimes the plan period, sometimes very long."""
    parts = draw(_PARTS)
    if period and chance(draw, 4):
        parts.insert(num(draw, 0, len(parts)), f"на {period} годы")
    if long and chance(draw, 15):
        parts = parts * num(draw, 4, 8)  # a long paragraph, up to some 800 characters
    text = " ".join(parts)
    return text[0].upper() + text[1:] if chance(draw, 2) else text


def paragraphs(draw: Any, period: str = "", most: int = 3) -> str:
    return "\n".join(phrase(draw, period) for _ in range(num(draw, 1, most)))


_PLAIN_START = set("-?:,[]{}#&*!|>'\"%@`«» ")


def plain_ok(text: str) -> bool:
    """Conservative: ``text`` can be written unquoted in block context and reads back the same."""
    if not text or text[0] in _PLAIN_START or text[-1] in " :" or "\n" in text:
        return False
    if ": " in text or " #" in text or text.startswith(NBSP) or text.endswith(NBSP):
        return False
    return not re.fullmatch(r"[-+.\d:eE ]*|~|null|Null|NULL|true|false|yes|no|on|off", text, flags=re.I)


def single(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def double(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


_COMMENT_WORDS = st.lists(st.sampled_from(["заметка", "«кавычки»", "{{ x }}", "a & b", "№ 5", "—", "2025"]),
                         max_size=3)
_BOOL = st.booleans()


@dataclass
class Writer:
    """Collects the lines of a YAML plan and every comment put into them (each one unique)."""

    lines: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)  # must survive a rewrite
    droppable: list[str] = field(default_factory=list)  # the remark on a value the rewrite drops by design
    block_items: bool = True  # block scalars as list items («- >-»): ruamel drops their comments (see the xfail)
    all_ids: bool = False  # every activity gets its own id

    def comment(self, draw: Any, where: str) -> str:
        n = len(self.comments) + len(self.droppable)
        words = draw(_COMMENT_WORDS)
        return f"# к{n}-{where} {' '.join(words)}".rstrip()

    def maybe_line_comment(self, draw: Any, indent: str, where: str) -> None:
        if chance(draw, 5):
            text = self.comment(draw, where)
            self.comments.append(text)
            self.lines.append(indent + text)

    def eol(self, draw: Any, where: str, droppable: bool = False) -> str:
        if not chance(draw, 5):
            return ""
        text = self.comment(draw, where)
        (self.droppable if droppable else self.comments).append(text)
        return "  " + text

    def scalar(self, draw: Any, indent: str, head: str, text: str, where: str, droppable: bool = False,
               block_ok: bool = True) -> None:
        """``head`` («key:» or «-») and ``text`` in a style that can hold it; maybe a comment after it."""
        styles = ["single", "double"]
        block_ok = block_ok and (self.block_items or head != "-")
        if plain_ok(text):
            styles.append("plain")
        words = text.split(" ")
        if block_ok and len(words) > 1 and all(words) and not any(w.startswith(NBSP) for w in words) \
                and text.strip() == text and "\n" not in text and not text.startswith("#"):
            styles.append("folded")
        if block_ok and "\n" in text and all(line and line.strip() == line and not line.startswith(NBSP)
                                             for line in text.split("\n")):
            styles.append("literal")
        style = styles[num(draw, 0, len(styles) - 1)]
        if style == "plain":
            self.lines.append(f"{indent}{head} {text}{self.eol(draw, where, droppable)}")
        elif style == "single" and "\n" not in text:
            self.lines.append(f"{indent}{head} {single(text)}{self.eol(draw, where, droppable)}")
        elif style in ("single", "double"):
            self.lines.append(f"{indent}{head} {double(text)}{self.eol(draw, where, droppable)}")
        elif style == "folded":
            cut = num(draw, 1, len(words) - 1)
            self.lines.append(f"{indent}{head} >-{self.eol(draw, where, droppable)}")
            self.lines += [f"{indent}    {' '.join(words[:cut])}", f"{indent}    {' '.join(words[cut:])}"]
        else:
            self.lines.append(f"{indent}{head} |{self.eol(draw, where, droppable)}")
            self.lines += [f"{indent}    {line}" for line in text.split("\n")]


# --------------------------------------------------------------------------- deadlines


def _pool() -> list[tuple[str, tuple[date, date] | None]]:
    phrases = {p for p, school, _, _ in FORMS if not school} | {p for p, school, _, _ in SPANS if not school}
    phrases |= {p for p, school, _, _ in SHIFTS if not school} | set(UNDATED) | set(FREE)
    phrases |= {"Февраль 2026 г.", "апрель – май 2026 г.", "ежегодно", "по мере необходимости", "до 31.05.2026",
                "1 полугодие 2027 года", "2026–2027 гг.", "ежегодно, в июне и декабре", "постоянно",
                "в течение 2026 года", "I квартал 2027 г.", "10 февраля 2026 г."}
    out = []
    for phrase in sorted(phrases):
        deadline = parse_deadline(phrase)
        out.append((phrase, deadline.span()))
    return out


DEADLINES = _pool()
_DEADLINE = st.sampled_from(DEADLINES)
_DEADLINE_FORM = st.sampled_from(["text", "text", "flow", "block"])


@st.composite
def deadline_lines(draw: Any, w: Writer, indent: str, years: list[int]) -> None:
    """``deadline:`` as text (any quoting) or as a structured mapping (flow or block)."""
    phrase, span = draw(_DEADLINE)
    if span is not None:
        years += [span[0].year, span[1].year]
    form = draw(_DEADLINE_FORM)
    if form == "text":
        w.scalar(draw, indent, "deadline:", phrase, "срок", block_ok=False)
        return
    data = parse_deadline(phrase).to_data()
    if data.get("kind") != "free" and draw(_BOOL):
        data.pop("text", None)
    if form == "flow":
        def flow(v: Any) -> str:
            return "[" + ", ".join(single(x) for x in v) + "]" if isinstance(v, list) else single(str(v))
        w.lines.append(f"{indent}deadline: {{{', '.join(f'{k}: {flow(v)}' for k, v in data.items())}}}"
                       f"{w.eol(draw, 'срок')}")
        return
    w.lines.append(f"{indent}deadline:{w.eol(draw, 'срок')}")
    for key, value in data.items():
        w.maybe_line_comment(draw, indent + "  ", "в-сроке")
        if isinstance(value, list):
            w.lines.append(f"{indent}  {key}:")
            w.lines += [f"{indent}    - {single(str(x))}" for x in value]
        else:
            w.lines.append(f"{indent}  {key}: {single(str(value))}")


# --------------------------------------------------------------------------- plans


@dataclass
class GenPlan:
    text: str
    comments: list[str]
    droppable: list[str]
    ids: list[str]
    mistake: bool  # a clerk's mistake may have been put in on purpose (a repeated id, an unknown code)


CODES = ["ЦОРП", "ОУ", "КлО", "ММЦ"]
_CODES = st.lists(st.sampled_from(CODES + ["ivanova"]), min_size=1, max_size=3, unique=True)


@st.composite
def _activity(draw: Any, w: Writer, indent: str, name: str, period_text: str, years: list[int], ids: list[str],
              mistakes: list[str]) -> None:
    keys = ["text"] + [k for k in ("id", "deadline", "responsible", "result", "note") if draw(_BOOL)
                       or (k == "id" and w.all_ids)]
    if draw(_BOOL):
        keys = draw(st.permutations(keys))
    first = True
    for key in keys:
        head = indent + ("- " if first else "  ")
        inner = indent + "  "
        if not first:
            w.maybe_line_comment(draw, inner, "ключ")
        if key == "id":
            ident = name if w.all_ids or num(draw, 0, 30) else "dup"
            if ident == "dup":
                mistakes.append("dup")
            ids.append(ident)
            w.lines.append(f"{head}id: {ident}{w.eol(draw, 'id')}")
        elif key in ("text", "result"):
            w.scalar(draw, head[:-2] if first else inner, ("- " if first else "") + f"{key}:",
                     paragraphs(draw, period_text), key)
        elif key == "deadline":
            before = len(w.lines)
            draw(deadline_lines(w, inner, years))
            if first:
                w.lines[before] = head + w.lines[before][len(inner):]
        elif key == "responsible":
            codes = draw(_CODES)
            if chance(draw, 41):
                codes.append("НЕТ-ТАКОГО")
                mistakes.append("code")
            if draw(_BOOL):
                w.lines.append(f"{head}responsible: [{', '.join(codes)}]{w.eol(draw, 'отв')}")
            else:
                w.lines.append(f"{head}responsible:{w.eol(draw, 'отв')}")
                w.lines += [f"{inner}  - {c}" for c in codes]
        else:
            w.scalar(draw, head[:-2] if first else inner, ("- " if first else "") + "note:",
                     phrase(draw, long=False), "прим", droppable=True, block_ok=False)
        first = False


@st.composite
def _activities(draw: Any, w: Writer, indent: str, prefix: str, period_text: str, years: list[int], ids: list[str],
                mistakes: list[str], most: int = 4) -> None:
    count = num(draw, 0, most)
    if count == 0:
        if draw(_BOOL):
            w.lines.append(f"{indent}activities: []")
        return
    w.lines.append(f"{indent}activities:{w.eol(draw, 'мер')}")
    for n in range(count):
        w.maybe_line_comment(draw, indent + "  ", "перед-мер")
        draw(_activity(w, indent + "  ", f"{prefix}-{n}", period_text, years, ids, mistakes))


def _order(draw: Any, w: Writer, period_text: str) -> None:
    w.lines.append(f"order:{w.eol(draw, 'приказ')}")
    w.maybe_line_comment(draw, "  ", "в-приказе")
    w.lines.append("  issuer:")
    w.lines.append("    - Администрация городского округа «Город»")
    w.scalar(draw, "    ", "-", phrase(draw, long=False), "орг", block_ok=False)
    w.lines.append("  issuer_genitive: комитета по образованию")
    w.lines.append(f"  date: {draw(st.sampled_from(['2025-12-30', '30.12.2025', single('2025-12-30')]))}"
                   f"{w.eol(draw, 'дата', droppable=True)}")
    w.maybe_line_comment(draw, "  ", "после-даты")
    w.scalar(draw, "  ", "number:", draw(st.sampled_from(["ПД-КПО-113", "113", "7-р", "№ 5/1", "01-02/3"])),
             "номер", droppable=True, block_ok=False)
    w.maybe_line_comment(draw, "  ", "после-номера")
    w.scalar(draw, "  ", "title:", f"Об утверждении плана {phrase(draw, period_text, long=False)}", "загол")
    if draw(_BOOL):
        w.scalar(draw, "  ", "preamble:", paragraphs(draw, period_text, 2),
                 "преамб")
    w.lines.append("  points:")
    for _ in range(num(draw, 1, 3)):
        w.maybe_line_comment(draw, "    ", "пункт")
        if draw(_BOOL):
            w.scalar(draw, "    ", "-", phrase(draw, period_text), "пункт")
        else:
            w.scalar(draw, "    ", "- text:", phrase(draw, period_text, long=False), "пункт", block_ok=False)
            w.lines.append(f"      list: {draw(st.sampled_from(['numbered', 'dash']))}")
            w.lines.append("      items:")
            for _ in range(num(draw, 1, 3)):
                w.scalar(draw, "        ", "-", phrase(draw, period_text, long=False), "подп", block_ok=False)
    if draw(_BOOL):
        w.scalar(draw, "  ", "control:", draw(st.sampled_from(["self", f"Контроль {phrase(draw, period_text)}"])),
                 "контр", block_ok=False)
    w.lines.append(f"  signatory: ivanova{w.eol(draw, 'подп')}")


def _passport(draw: Any, w: Writer, period_text: str) -> None:
    w.lines.append("  passport:")
    for _ in range(num(draw, 1, 2)):
        w.scalar(draw, "    ", "- label:", phrase(draw, long=False), "паспорт", block_ok=False)
        w.lines.append("      items:")
        for _ in range(num(draw, 1, 2)):
            w.scalar(draw, "        ", "-", phrase(draw, period_text), "пасп-пункт", block_ok=False)


@st.composite
def rich_plans(draw: Any, sections_only: bool = False, all_ids: bool = False, block_items: bool = True,
               with_order: bool = False) -> GenPlan:
    """A plan as YAML text, with what a rewrite must keep (see the module doc).

    ``sections_only``: no top-level activities, no subsections; ``all_ids``: every activity has its own id;
    ``with_order``: always an order (with a date and a number).
    """
    w = Writer(block_items=block_items, all_ids=all_ids)
    ids: list[str] = []
    years: list[int] = []
    mistakes: list[str] = []
    w.maybe_line_comment(draw, "", "начало")
    w.lines += ["style: kaliningrad-committee", "directory:", "  parties:"]
    w.lines += [f"    {code}: Организация {code}" for code in CODES]
    w.lines += ["  people:", "    ivanova: {surname: Иванова, initials: И.И., gender: f, position: председатель}"]
    period_text = "\x00"  # replaced once the deadlines are known
    kind = "order" if with_order else draw(st.sampled_from(["order", "order", "approval", "none"]))
    w.maybe_line_comment(draw, "", "перед-приказом")
    if kind == "order":
        _order(draw, w, period_text)
    elif kind == "approval":
        w.lines += ["approval:", "  kind: распоряжение", "  issuer_genitive: Управления образования",
                    f"  date: 2025-09-01{w.eol(draw, 'дата', droppable=True)}",
                    f"  number: 7-р{w.eol(draw, 'номер', droppable=True)}"]
    w.maybe_line_comment(draw, "", "перед-планом")
    w.lines.append(f"plan:{w.eol(draw, 'план')}")
    w.scalar(draw, "  ", "title:", "План мероприятий\n" + phrase(draw, period_text, long=False), "загол")
    w.lines.append(f"  period: {period_text}{w.eol(draw, 'период')}")
    if chance(draw, 4):
        _passport(draw, w, period_text)
    if not sections_only and chance(draw, 4):
        if draw(_BOOL):
            w.scalar(draw, "  ", "activities_title:", phrase(draw, period_text, long=False), "загол-мер",
                     block_ok=False)
        draw(_activities(w, "  ", "top", period_text, years, ids, mistakes))
    w.lines.append("  sections:")
    for s in range(num(draw, 1, 3)):
        w.maybe_line_comment(draw, "    ", "раздел")
        w.scalar(draw, "    ", "- title:", phrase(draw, period_text, long=False), "разд", block_ok=False)
        if chance(draw, 5):
            w.lines.append("      numbered: нет")
        draw(_activities(w, "      ", f"s{s}", period_text, years, ids, mistakes))
        if not sections_only and chance(draw, 4):
            w.lines.append("      sections:")
            for u in range(num(draw, 1, 2)):
                w.scalar(draw, "        ", "- title:", phrase(draw, period_text, long=False), "подразд",
                         block_ok=False)
                draw(_activities(w, "          ", f"s{s}-{u}", period_text, years, ids, mistakes, most=2))
        w.maybe_line_comment(draw, "      ", "конец-раздела")
    w.maybe_line_comment(draw, "", "конец")
    first, last = (min(years), max(years)) if years else (2026, 2026 + num(draw, 0, 2))
    period = f"{first}-{last}" if last > first else str(first)
    if all_ids:
        mistakes = [m for m in mistakes if m != "dup"]
    text = "\n".join(w.lines).replace("\x00", period) + "\n"
    comments = [c.replace("\x00", period) for c in w.comments]
    return GenPlan(text, comments, [c.replace("\x00", period) for c in w.droppable], ids, bool(mistakes))


# --------------------------------------------------------------------------- Word tables

HEADERS = {"number": ["№ п/п", "№", "N п/п"], "text": ["Мероприятие", "Наименование мероприятия",
                                                       "Содержание деятельности"],
           "deadline": ["Срок исполнения", "Сроки", "Срок"], "responsible": ["Ответственный", "Исполнители"],
           "result": ["Ожидаемый результат", "Результат"]}
TABLE_CODES = ["ОУ", "ЦОРП", "КлО", "ММЦ", "ОО"]
_TABLE_DEADLINES = st.sampled_from([p for p, span in DEADLINES if span is None or 2026 <= span[0].year
                                    and span[1].year <= 2028])


@dataclass
class WordTable:
    title: list[str]  # paragraphs above the table
    header: list[str]
    roles: list[str]
    rows: list[list[str] | str]  # a str is a row merged across the table (a section heading)


def _cell(draw: Any, role: str, number: str) -> str:
    if role == "number":
        return number
    if role == "deadline":
        return str(draw(_TABLE_DEADLINES))
    if role == "responsible":
        return ", ".join(draw(st.lists(st.sampled_from(TABLE_CODES), min_size=1, max_size=3, unique=True)))
    return "\n".join(phrase(draw, long=role == "result") for _ in range(num(draw, 1, 2)))


@st.composite
def word_tables(draw: Any) -> WordTable:
    """A roadmap table as a clerk's Word file has it: columns in any order, numbered sections (merged rows),
    activities numbered 1.1., 1.2. …, cells of one or several paragraphs, Russian text with every special."""
    others = draw(st.lists(st.sampled_from(["deadline", "responsible", "result"]), min_size=2, max_size=3, unique=True))
    roles = ["text"] + (["number"] if draw(_BOOL) else []) + others  # import needs two of the three
    roles = draw(st.permutations(roles))
    header = [draw(st.sampled_from(HEADERS[r])) for r in roles]
    rows: list[list[str] | str] = []
    for s in range(1, num(draw, 1, 3) + 1):
        rows.append(phrase(draw, long=False) if chance(draw, 4) else f"{s}. {phrase(draw, long=False)}")
        for a in range(1, num(draw, 1, 4) + 1):
            rows.append([_cell(draw, role, f"{s}.{a}.") for role in roles])
    title = ["План мероприятий", phrase(draw, long=False), "на 2026-2028 годы"]
    return WordTable(title, header, roles, rows)


def table_docx(table: WordTable, path: Any) -> None:
    """The .docx of ``table``, built by python-docx (merged heading rows, multi-paragraph cells)."""
    mk = _make_fixtures()
    document = mk.new_document()
    for line in table.title:
        mk.para(document, line, center=True)
    mk.table(document, table.header, table.rows)
    document.save(str(path))


def _make_fixtures() -> Any:
    """tests/fixtures/import/make_fixtures.py (not importable by name: «import» is a keyword)."""
    import importlib.util
    import sys
    from pathlib import Path

    module = sys.modules.get("make_fixtures")
    if module is None:
        spec = importlib.util.spec_from_file_location(
            "make_fixtures", Path(__file__).parent / "fixtures" / "import" / "make_fixtures.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules["make_fixtures"] = module
    return module

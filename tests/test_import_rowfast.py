"""The plan table's usual rows read without the per-cell calls are proved equal to the full reading.

``import`` reads a row of the usual shape — one cell per header column, nothing merged, no Word list
label — in one loop (importer/tables._plain_row). Here that path is switched off (``FAST_ROWS``) and
both results compared: every byte an import writes and says, on every fixture and corpus document;
and the reading of generated hostile tables (merges, spans, labels, extra and missing cells, repeated
headers, «1 | 2 | 3» rows, unclean text), taken by the shortcut or not.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orderforge.docxtext import Cell, Paragraph, Table
from orderforge.importer import tables

from .test_import_shortcuts import _DIRECTORY, DOCUMENTS, _import_everything, document


def _full(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every shortcut of this file switched off: the reading as it was before them."""
    monkeypatch.setattr(tables, "FAST_ROWS", False)


@pytest.mark.parametrize("directory", [None, _DIRECTORY], ids=["new-directory", "given-directory"])
@pytest.mark.parametrize("name", DOCUMENTS)
def test_plans_read_by_the_row_shortcut_are_byte_identical(name: str, directory: str | None, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    docx = document(name, tmp_path)
    fast = _import_everything(docx, tmp_path / "fast", directory, monkeypatch)
    with monkeypatch.context() as full:
        _full(full)
        assert fast == _import_everything(docx, tmp_path / "full", directory, monkeypatch)


def test_the_row_shortcut_is_taken_for_the_usual_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Otherwise the comparisons above prove nothing about it."""
    taken: list[bool] = []
    original = tables._plain_row
    monkeypatch.setattr(tables, "_plain_row", lambda *args: taken.append(True) or original(*args))
    _import_everything(document("long:150", tmp_path), tmp_path / "fast", None, monkeypatch)
    assert len(taken) >= 150


# -- generated tables

_HEADERS = [
    ["№ п/п", "Мероприятие", "Срок исполнения", "Ответственный", "Результат"],
    ["№", "Мероприятие", "Срок", "Ответственный", "Результат", "Примечание"],
    ["Мероприятие", "Сроки", "Исполнитель", "Итоговый документ", "Охват", ""],
    ["№", "", "Мероприятие", "Срок", "Ответственные", "Ответственные", "Форма отчетности"],
]
_WORDS = ["", " ", "1", "2", "3", "1.", "1.1.", "2.1", "1.2.3.", "12", "I. Раздел", "1. Раздел", "Мероприятие",
          "мероприятие", "март 2026 г.", "в течение", "года", "до 1 мая", "ежемесячно", "УО", "Иванова А.А., учитель",
          "Управление образования, Методический кабинет", "– пункт", "Справка", "№ п/п", "Срок исполнения",
          "a\u00a0 b", "x\u200by", "\t", "c\nd", "\u2011", "e\x01", "² ", "\u2028z", ", далее", "(продолжение)"]
_TEXT = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3).map(" ".join) | st.sampled_from(_WORDS)


@st.composite
def _cell(draw: Any) -> Cell:
    paras = draw(st.lists(_TEXT, max_size=3))
    labels = draw(st.sampled_from([None, "empty", "some"]))
    nums: list[Any] | None = None
    marks: list[str] | None = None
    if labels == "empty":
        marks, nums = [""] * len(paras), [None] * len(paras)
    elif labels == "some":
        marks = [draw(st.sampled_from(["", "1.", "1.2.", "–", "a)"])) for _ in paras]
        nums = [draw(st.sampled_from([None, ("1", 0), ("2", 0)])) for _ in paras]
    span = draw(st.sampled_from([1, 1, 1, 1, 0, 2, 3]))
    vmerge = draw(st.sampled_from(["", "", "", "restart", "continue"]))
    return Cell(paras, span, vmerge, nums, marks)


@st.composite
def _table(draw: Any) -> tuple[list[Any], list[Any]]:
    header = draw(st.sampled_from(_HEADERS))
    width = len(header)
    head = [Cell([text]) for text in header]
    rows: list[list[Cell]] = [head]
    for _ in range(draw(st.integers(0, 12))):
        shape = draw(st.sampled_from(["plain", "plain", "plain", "title", "any", "header", "numbers", "merged"]))
        if shape == "plain":
            rows.append([Cell([draw(_TEXT)], 1, "", [None], [""]) for _ in range(width)])
        elif shape == "title":  # a number and a text only: a heading or an activity by what follows
            rows.append([Cell([draw(st.sampled_from(["1.", "1.1.", "2", "2.1.1"]))]), Cell([draw(_TEXT)])]
                        + [Cell([""]) for _ in range(width - 2)])
        elif shape == "any":
            rows.append(draw(st.lists(_cell(), min_size=1, max_size=width + 1)))
        elif shape == "header":
            rows.append([Cell([text]) for text in header])
        elif shape == "numbers":
            rows.append([Cell([str(k + 1)]) for k in range(width)])
        else:
            rows.append([Cell([draw(_TEXT)], width)])
    header_rows = draw(st.sets(st.integers(0, 3), max_size=2))
    first = Table(rows, "", header_rows)
    blocks: list[Any] = [Paragraph("План мероприятий на 2026 год"), first]
    if draw(st.booleans()):  # a second part, continued without the header or repeating it
        more = draw(st.lists(st.lists(_cell(), min_size=width, max_size=width), max_size=4))
        blocks += [Paragraph(draw(st.sampled_from(["", "2. Раздел", "Продолжение таблицы"]))),
                   Table(([head] if draw(st.booleans()) else []) + more)]
    return blocks, rows


def _read(blocks: list[Any]) -> Any:
    from orderforge.diagnostics import Pos, Report
    from orderforge.importer import reading
    from orderforge.importer.directory import Registry
    from orderforge.importer.docfile import Numbering
    from orderforge.planmodel import Directory
    from orderforge.style import Style

    registry = Registry(Directory(), Report(), Pos("x.docx"))
    try:
        imported = reading.read_plan(blocks, Numbering(), "x.docx", registry, Style(name="x", folder=Path(".")),
                                     tables.PlanTable())
    except Exception as exc:  # noqa: BLE001 - a refusal must be the same refusal
        return repr(exc)
    return repr(imported), [d.format() for d in imported.report]


@settings(max_examples=400, deadline=None)
@given(_table())
def test_any_table_is_read_as_the_full_path_reads_it(drawn: tuple[list[Any], list[Any]]) -> None:
    blocks, _ = drawn
    fast = _read(blocks)
    tables.FAST_ROWS = False
    try:
        assert fast == _read(blocks)
    finally:
        tables.FAST_ROWS = True
    _rows_are_classified_as_before(blocks)


def _rows_are_classified_as_before(blocks: list[Any]) -> None:
    """structure._kind_and_number, whose usual activity row skips _classify, gives what _classify and
    _row_number give."""
    from orderforge.diagnostics import Pos, Report
    from orderforge.importer import structure
    from orderforge.importer.directory import Registry
    from orderforge.importer.imported import _Reader
    from orderforge.planmodel import Directory

    reader = _Reader(blocks, None, "x.docx", Registry(Directory(), Report(), Pos("x.docx")), None)
    try:
        _, header, rows, _ = tables.find_plan(reader)
    except Exception:  # noqa: BLE001 - no plan table: nothing to classify
        return
    for numbered in (True, False):
        for row in rows:
            kind = structure._classify(row, numbered)
            assert structure._kind_and_number(row, numbered) == (kind, structure._row_number(row, kind))


# -- text cleaned with one look in C for a printable text (importer/text._clean)

def _clean_as_before(text: str) -> str:
    """text._clean as written before its printable shortcut."""
    from orderforge.importer import text as t

    if t._UNCLEAN.search(text) is None:
        return text.strip()
    text = t._CONTROL.sub(" ", text.translate(t._INVISIBLE).replace("\n", " ").replace("\t", " ")
                          .replace("\u2011", "-"))
    return t._SPACES.sub(" ", text).strip()


def test_every_character_clean_changes_but_one_is_unprintable() -> None:
    """What the shortcut stands on: str.isprintable is false for each character of _UNCLEAN's class
    except the no-break hyphen, which it asks for by itself."""
    from orderforge.importer import text as t

    one = __import__("re").compile(t._UNCLEAN.pattern.split("|")[0])
    assert [hex(c) for c in range(0x110000) if one.match(chr(c)) and chr(c).isprintable()] == ["0x2011"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", "Ё", " ", "  ", ".", ",", "\n", "\t", "\r", "\u00a0", "\u200b", "\u00ad",
                                  "\u2011", "\u2028", "\u3000", "\x01", "\x85", "\ufeff", "\ud800"])
                | st.sampled_from(["a", "б", " "]) | st.characters(), max_size=10).map("".join))
def test_text_is_cleaned_as_before(text: str) -> None:
    from orderforge.importer import text as t

    assert t._clean(text) == _clean_as_before(text)


def test_a_numbered_title_shallower_than_the_activities_is_a_heading() -> None:
    """«1. | Общие положения» with nothing under it, among activities numbered «2.1.», «2.2.»: a section
    heading by the usual depth of the activities (structure.build_structure counts it from the rows
    _kind_and_number reads)."""
    from orderforge.importer import structure
    from orderforge.importer.imported import _Reader

    header = ["№ п/п", "Мероприятие", "Срок исполнения", "Ответственный", "Результат"]
    rows = [[Cell([text]) for text in header], [Cell(["1."]), Cell(["Общие положения"]), Cell([""]), Cell([""]),
                                                 Cell([""])]]
    rows += [[Cell([f"2.{k}."]), Cell([f"Мероприятие {k}"]), Cell(["март 2026 г."]), Cell(["УО"]), Cell(["Справка"])]
             for k in (1, 2)]
    from orderforge.diagnostics import Pos, Report
    from orderforge.importer.directory import Registry
    from orderforge.planmodel import Directory

    reader = _Reader([Table(rows)], None, "x.docx", Registry(Directory(), Report(), Pos("x.docx")), None)
    _, found, read, _ = tables.find_plan(reader)
    _top, sections = structure.build_structure(reader, found, read)
    assert [s.title for s in sections][:1] == ["Общие положения"]

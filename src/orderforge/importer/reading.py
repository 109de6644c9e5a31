"""One document read into :class:`~.imported.Imported`, its parts in the order they depend on.

The plan table first (where it starts is where the order ends), then the order
around it, the appendix mark and the stamp, the plan's title and passport, the
structure of the table and its cells; last the period named in the title
(IM133: a deadline outside it is reported, the period left out) and the report
on the directory.
"""

from __future__ import annotations

import re
from datetime import date

from ..docxtext import Block, Table
from ..lazyre import LazyPattern, pattern_for
from .cells import _person
from .directory import Registry, _report_directory
from .docfile import Numbering
from .imported import ActivityOut, Imported, Line, _Reader
from .marks import _check_marks, _find_marks, approval_of
from .order import _ACQUAINTED, _APPENDIX, _STAMP, _OrderReader, front_lines
from .resolving import read_structure
from .tables import Header, PlanTable
from .text import _lines

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs import's start-up (issue 11)
    from typing import Any



def read_plan(blocks: list[Block], numbering: Numbering, name: str, registry: Registry, style: Any,
              table: PlanTable | None = None, *, for_style: bool = False) -> Imported:
    """Read the plan (and the order around it) from the blocks of a document.

    ``table`` carries the plan table between readings of the same blocks (with another style or
    registry): the table is then read, and its responsible cells parsed, only the first time.
    ``for_style``: the reading a style is made from (:func:`orderforge.stylegen.derive_style`), whose
    warnings nobody sees: the plan's period and the report on the directory, which only warn, are left
    to the reading of the plan itself (tests/test_import_shortcuts.py: the same style either way).
    """
    table = table if table is not None else PlanTable()
    reader = _Reader(blocks, numbering, name, registry, style)
    _report_reading(reader, numbering)
    used, header, rows, title_rows = table.find(reader)
    _report_extra_columns(reader, header)
    lines, front_tables = front_lines(reader, used[0])
    order, after = _OrderReader(reader, lines).read()
    marks = _find_marks(lines, after)
    _check_marks(reader, order, marks)
    mark_lines = {i for mark in marks for i in mark.lines}
    start_block = lines[after - 1].block + 1 if after else 0
    appendix_tables = [(i, t) for i, t in front_tables if i >= start_block]
    first_table = min([i for i, _ in appendix_tables] + [used[0]])
    title = _title_lines(lines, after, mark_lines, first_table) or _title_of_rows(title_rows)
    passport = _passport(appendix_tables)
    imported = Imported(name, order, title, "", passport, [], [], registry.parties, registry.people, reader.report)
    imported.approval = approval_of(marks) if order is None else None
    imported.row_places = {row.label: (row.table_no, row.row_no) for row in rows if row.row_no}
    imported.activities, imported.sections = read_structure(reader, header, rows, table)
    imported.heading_comments = reader.heading_comments
    imported.numbering_scheme = reader.numbering_scheme
    imported.activities_title = reader.activities_title
    if not title:
        imported.title = ["TODO: заголовок плана не найден"]
        imported.title_todo = "заголовок плана не найден в документе"
        reader.warn("IM130", "заголовок плана (строки над таблицей) не найден; в плане оставлено TODO",
                    "впишите plan: title: вручную")
    if not for_style:
        _period(imported, reader)
        _report_directory(imported, reader)
    imported.info.extend(reader.info)
    return imported


def _report_reading(reader: _Reader, notes: Numbering) -> None:
    """What reading the file noticed: the conversion, values taken as their default (IM008)."""
    if notes.converted_from:
        reader.info.append(f"файл {notes.converted_from} преобразован в .docx через LibreOffice")
    for problem in dict.fromkeys(notes.problems):
        reader.warn("IM008", f"в разметке документа {problem}", "проверьте эту таблицу или список в Word")


def _title_lines(lines: list[Line], after: int, mark_lines: set[int], first_table: int) -> list[str]:
    """The plan's title: the paragraphs right above the plan table (or the passport before it).

    Read upwards from the table and stopped at the first line that cannot be a title — a
    mark or stamp, another table, the signature, names under «С приказом ознакомлены:»,
    a blank «от ____ № ___» — so that nothing from earlier in the document leaks in.
    """
    title: list[str] = []
    for k in range(len(lines) - 1, after - 1, -1):
        line = lines[k]
        if line.block >= first_table or not line.text:
            continue
        if k in mark_lines or line.table or line.signature or _not_title(line.text):
            break
        title.insert(0, line.text)
    return title


def _title_of_rows(rows: list[str]) -> list[str]:
    """Title rows typed inside the table above its header, read upwards like paragraphs: a stamp
    («УТВЕРЖДАЮ … «___» ______ 2025 г.») typed there too stops the title, it is not part of it."""
    title: list[str] = []
    for text in reversed(rows):
        if _not_title(text):
            break
        title.insert(0, text)
    return title


def _not_title(text: str) -> bool:
    """A line that ends the title upwards: a mark, a stamp, a fill-in blank, a person's name."""
    if _APPENDIX.match(text) or _STAMP.match(text) or _ACQUAINTED.match(text) or "___" in text:
        return True
    if pattern_for(r"(?:от\s*)?[\s_.«»\"]*(?:\d{4}\s*г\.?)?\s*(?:№[\s_.]*)?", re.I).fullmatch(text):
        return True
    return _person(text.strip(" ,;:")) is not None


def _report_extra_columns(reader: _Reader, header: Header) -> None:
    """Columns outside the format are kept as the activities' note (IM101)."""
    for col, role in sorted(header.grid.items()):
        if role in ("extra", "note") and col in header.names:
            reader.warn("IM101", f"колонка «{header.names[col]}» не входит в формат плана: её текст сохранён "
                        "в примечании мероприятий (note:), в документ он выводится, только если в стиле есть "
                        "такая колонка", "")


def _passport(appendix_tables: list[tuple[int, Table]]) -> list[tuple[str, list[str]]]:
    """The rows «Основания для разработки | – …» of the passport-like tables before the plan."""
    passport = []
    for _, table in appendix_tables:
        for row in table.rows:
            label = " ".join(_lines(row[0].text))
            items = [re.sub(r"^[-–—•]\s*", "", line) for p in row[1].paras for line in _lines(p)]
            if label and items:
                passport.append((label, items))
    return passport


_PERIOD_RANGE = LazyPattern(r"(\d{4})\s*[-–—/]\s*(\d{4})\s*(?:гг?\.?|год\w*)?\s*(учебн\w*\s+год\w*)?", re.I)
_PERIOD_ONE = LazyPattern(r"\bна\s+(\d{4})\s*(?:(?:учебный\s+)?год|г\.)", re.I)


def _period(imported: Imported, reader: _Reader) -> None:
    """The plan's period: the one the title states («на 2026/2027 учебный год», «на 2026–2028 годы»)
    when every deadline fits in it; widened to the calendar years that hold them all when some do
    not (a school year's preparation in August, a report the next September: IM133 says so); the
    span of the deadlines when the title states none."""
    from ..planmodel import parse_period

    text = _stated_period(" ".join(imported.title))
    period = parse_period(text) if text else None
    if text and period is None:
        reader.info.append(f"период «{text}» из заголовка не распознан")
    span, outside = _deadline_span(imported, period)
    if period is not None and outside is None:
        imported.period = text
        return
    if span is None:
        return
    first = min(span[0].year, period.start.year) if period else span[0].year
    last = max(span[1].year, period.end.year) if period else span[1].year
    imported.period = f"{first}-{last}" if last > first else str(first)
    if period is None:
        reader.info.append(f"период {imported.period} выведен из сроков мероприятий (в заголовке его нет)")
        return
    assert outside is not None  # the period is there, and a deadline fell outside it
    activity, deadline = outside
    where = activity.number.text if activity.number else activity.label
    reader.warn("IM133", f"{activity.label}: срок «{deadline}» (мероприятие {where}) выходит за период {text} из "
                f"заголовка; записан период {imported.period}, в который входят все сроки",
                "проверьте срок или укажите период плана (plan: period:) вручную")


def _stated_period(title: str) -> str:
    ranges = list(_PERIOD_RANGE.finditer(title))
    if ranges:
        m = ranges[-1]
        return f"{m.group(1)}-{m.group(2)}" + (" учебный год" if m.group(3) else "")
    one = _PERIOD_ONE.search(title)
    return one.group(1) if one else ""


def _deadline_span(imported: Imported, period: Any
                   ) -> tuple[tuple[date, date] | None, tuple[ActivityOut, str] | None]:
    """(first day, last day) over all deadlines (None when none has a span), and the first
    (activity, deadline) outside ``period`` (None when all fit or there is no period).

    A table repeats a few deadlines hundreds of times: each distinct one's span is worked out once."""
    from .text import cell_deadline

    first: date | None = None
    last: date | None = None
    outside: tuple[ActivityOut, str] | None = None
    school_year = period is not None and period.school_year
    spans: dict[str, Any] = {}
    for activity in imported.all_activities():
        if not activity.deadline:
            continue
        span = spans.get(activity.deadline, spans)
        if span is spans:
            span = spans[activity.deadline] = cell_deadline(activity.deadline, school_year).span()
        if not span:
            continue
        first = span[0] if first is None else min(first, span[0])
        last = span[1] if last is None else max(last, span[1])
        if period is not None and outside is None and (span[0] < period.start or span[1] > period.end):
            outside = (activity, activity.deadline)
    return (None if first is None or last is None else (first, last)), outside

"""The plan table's structure and cells, read once per table and registered at every reading.

``import`` without ``--style`` reads a document twice: for the style made from it, and with that
style for the plan (:mod:`.command`). Rows → sections and activities (:mod:`.structure`), the
deadlines and the parsing of the responsible cells (:mod:`.cells`) depend on the table alone (and the
names of the directory given), not on the style or on the registry: so the second reading of the same
table takes the first one's result (copied) and its warnings, and only registers the responsible
parties and people anew — codes or ids is the style's choice (:class:`~.directory.Registry`).
tests/test_import_shortcuts.py proves it equal to reading everything again.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic
from ..slotted import Slotted
from . import cells
from .cells import Found, _is_code, _split_segments
from .imported import ActivityOut, SectionOut, _Reader, all_activities
from .structure import build_structure
from .tables import Header, PlanTable, Row

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs import's start-up (issue 11)
    from typing import Any


#: Whether a second reading of a table takes the first one's structure, and whether a responsible cell
#: naming no person is registered once per reading (tests turn both off: the full path).
REUSE = True
REGISTER_ONCE = True


class _Kept(Slotted):
    """The structure one reading made of a table, before anything was registered, and what it said."""

    __slots__ = ("top", "sections", "prepared", "warnings", "info", "heading_comments", "activities_title",
                 "numbering_scheme")
    top: list[ActivityOut]
    sections: list[SectionOut]
    prepared: list[Prepared]
    warnings: list[Diagnostic]
    info: list[str]
    heading_comments: list[str]
    activities_title: str
    numbering_scheme: str

    def __init__(self, top: list[ActivityOut], sections: list[SectionOut], prepared: list[Prepared],
                 warnings: list[Diagnostic], info: list[str], reader: _Reader) -> None:
        self.top, self.sections, self.prepared = top, sections, prepared
        self.warnings, self.info = warnings, info
        self.heading_comments = list(reader.heading_comments)
        self.activities_title, self.numbering_scheme = reader.activities_title, reader.numbering_scheme


def read_structure(reader: _Reader, header: Header, rows: list[Row], table: PlanTable
                   ) -> tuple[list[ActivityOut], list[SectionOut]]:
    """:func:`~.structure.build_structure` and :func:`resolve_cells` of the table's rows; a second reading
    of the same table (same document name, same directory) repeats the first one's warnings and takes a
    copy of its structure, made before the first reading registered anything."""
    if not REUSE:
        top, sections = build_structure(reader, header, rows)
        resolve_cells(reader, all_activities(top, sections), rows, table.cells)
        return top, sections
    kept = table.structures
    key = (reader.name, reader.registry.known_names())
    first = kept.pop(key, None)  # taken by the second reading (a third, if any, builds anew)
    if first is None:
        warnings, info = len(reader.report.items), len(reader.info)
        top, sections = build_structure(reader, header, rows)
        prepared = prepare_cells(reader, all_activities(top, sections), rows, table.cells)
        kept[key] = _Kept([a.copy() for a in top], [s.copy() for s in sections], prepared,
                          reader.report.items[warnings:], reader.info[info:], reader)
    else:
        top, sections, prepared = first.top, first.sections, first.prepared
        _repeat(reader, first)
    register_cells(reader, all_activities(top, sections), prepared)
    return top, sections


def _repeat(reader: _Reader, kept: _Kept) -> None:
    """What :func:`read_structure` read the first time, said again into ``reader``."""
    reader.report.extend(kept.warnings)
    reader.info.extend(kept.info)
    reader.heading_comments.extend(kept.heading_comments)
    reader.activities_title, reader.numbering_scheme = kept.activities_title, kept.numbering_scheme


class Prepared(Slotted):
    """What one activity's cells say before anything is registered: the warnings about them (IM141,
    IM110, IM120, in the order they are given) and the parties and people of its responsible cell."""

    __slots__ = ("warnings", "lines", "found")
    warnings: list[Diagnostic]
    lines: tuple[str, ...]
    found: list[Found]

    def __init__(self, warnings: list[Diagnostic], lines: tuple[str, ...], found: list[Found]) -> None:
        self.warnings, self.lines, self.found = warnings, lines, found


def resolve_cells(reader: _Reader, activities: list[ActivityOut], rows: list[Row],
                  memos: dict[Any, dict[tuple[str, ...], Any]] | None = None) -> None:
    """Deadlines and responsible cells, once page-break fragments have been joined: :func:`prepare_cells`
    (the same whatever the style and the directory being built), then :func:`register_cells`."""
    register_cells(reader, activities, prepare_cells(reader, activities, rows, memos))


def prepare_cells(reader: _Reader, activities: list[ActivityOut], rows: list[Row],
                  memos: dict[Any, dict[tuple[str, ...], Any]] | None = None) -> list[Prepared]:
    """Each activity's deadline read and its text checked (the activity changed in place), its responsible
    cell parsed; the warnings kept with the activity for :func:`register_cells` to give.

    A cell's parties and people depend only on its lines, the codes the table uses alone and the
    directory's names, so each distinct cell is parsed once (``memos`` keeps them between readings
    of the same table); registering them (codes or ids, the style's choice) is done every time.
    """
    from .text import cell_deadline

    standalone = _standalone_codes(rows)
    known = reader.registry.known_names()
    memo = (memos if memos is not None else {}).setdefault((frozenset(standalone), known), {})
    prepared: list[Prepared] = []
    for activity in activities:  # the warnings made as Report.warning makes them, in a list of their own
        warnings: list[Diagnostic] = []
        if not activity.text:
            activity.text = ["TODO: текст мероприятия не найден"]
            activity.remarks.append("TODO: нет текста")
            warnings.append(Diagnostic("IM141", "warning", f"{activity.label}: у мероприятия {_where(activity)} нет "
                                       "текста; в плане оставлено TODO", reader.pos,
                                       "впишите текст мероприятия (text:)"))
        if activity.deadline_lines:
            parsed = cell_deadline(" ".join(activity.deadline_lines))
            activity.deadline = parsed.text
            if not parsed.known:
                warnings.append(Diagnostic("IM110", "warning", f"{activity.label}: срок «{parsed.text}» (мероприятие "
                                           f"{_where(activity)}) не распознан; сохранён как написан", reader.pos,
                                           "проверьте срок; validate покажет его предупреждением OF205"))
                activity.remarks.append("срок не распознан")
        lines = tuple(activity.responsible_lines)
        parsed_cell = memo.get(lines)
        if parsed_cell is None:
            parsed_cell = memo[lines] = cells._parse_cell(lines, standalone, known)
        found, notes = parsed_cell
        for note in notes:
            warnings.append(Diagnostic("IM120", "warning", f"{activity.label}: {note}", reader.pos,
                                       "исправьте должность в справочнике"))
        prepared.append(Prepared(warnings, lines, found))
    return prepared


def _where(activity: ActivityOut) -> str:
    """How a warning names an activity: by its number, or «без номера»."""
    return activity.number.text if activity.number else "без номера"


def register_cells(reader: _Reader, activities: list[ActivityOut], prepared: list[Prepared]) -> None:
    """Each activity's warnings given and its responsible registered, activity by activity.

    A cell naming no person registers the same keys every time it is met (the first time adds its
    parties, later times find them), so it is registered once and its keys copied to the rest; a
    person is registered every time (their position is checked against the directory at each)."""
    keys_of: dict[tuple[str, ...], list[str]] = {}
    for activity, cell in zip(activities, prepared, strict=True):
        if cell.warnings:
            reader.report.extend(cell.warnings)
        keys = keys_of.get(cell.lines) if REGISTER_ONCE else None
        if keys is not None and not activity.responsible:
            activity.responsible = list(keys)
            continue
        _register(reader, activity, cell.found)
        if all(item.kind != "person" for item in cell.found):
            keys_of[cell.lines] = activity.responsible


def _standalone_codes(rows: list[Row]) -> set[str]:
    """Codes the table uses alone in a responsible cell («ОО»); each distinct line looked at once."""
    standalone: set[str] = set()
    seen: set[str] = set()
    for row in rows:
        for line in row.cells.get("responsible", []):
            if line not in seen:
                seen.add(line)
                standalone.update(p.strip() for p in _split_segments(line) if _is_code(p.strip()))
    return standalone


def _register(reader: _Reader, activity: ActivityOut, found: list[Found]) -> None:
    """The parties and people of one cell into the directory, and their keys onto the activity."""
    for item in found:
        if item.kind == "person":
            key = reader.registry.person(item.surname, item.initials, item.name, item.patronymic,
                                         item.position, f"{activity.label}: ")
        elif item.kind == "code":
            key = reader.registry.code(item.value)
        else:
            key = reader.registry.named(item.value)
        if key not in activity.responsible:
            activity.responsible.append(key)

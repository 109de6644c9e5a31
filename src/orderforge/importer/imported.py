"""The data shared by the importer's modules: what is read, and the state of reading it.

:class:`Line` (a paragraph around the plan table), :class:`Number` (a row's
number), the result model (:class:`ActivityOut` … :class:`Imported`) that
output.py and directory.py write out, and :class:`_Reader`, the state one
document's readers share (blocks, registry, style, report). No reading logic.
"""

from __future__ import annotations

from datetime import date

from ..diagnostics import Pos, Report
from ..docxtext import Block
from ..slotted import FrozenSlotted, Slotted

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs import's start-up (issue 11)
    from typing import Any

    from .directory import Registry
    from .docfile import Numbering


_Date = date  # the fields named «date» hide the type inside their classes

# The result model is written out (Slotted, not @dataclass): a cold ``import`` built some thirty
# dataclasses from source text at start-up, a twentieth of a 1,000-row import (see orderforge.slotted).


class Line(Slotted):
    """One paragraph of the text around the plan table (layout tables flattened cell by cell)."""

    __slots__ = ("text", "raw", "block", "table", "row", "col", "signature", "align")
    text: str
    raw: str
    block: int
    table: bool
    row: int
    col: int
    signature: bool  # a line of the signature table
    align: str

    def __init__(self, text: str, raw: str, block: int, table: bool = False, row: int = 0, col: int = 0,
                 signature: bool = False, align: str = "") -> None:
        self.text, self.raw, self.block, self.table = text, raw, block, table
        self.row, self.col, self.signature, self.align = row, col, signature, align


class Number(FrozenSlotted):
    __slots__ = ("parts", "dot", "text")
    parts: tuple[int, ...]
    dot: bool
    text: str

    def __init__(self, parts: tuple[int, ...], dot: bool, text: str) -> None:
        object.__setattr__(self, "parts", parts)
        object.__setattr__(self, "dot", dot)
        object.__setattr__(self, "text", text)

    @property
    def depth(self) -> int:
        return len(self.parts)


class ActivityOut(Slotted):
    __slots__ = ("number", "label", "text", "deadline", "responsible", "result", "note", "remarks", "deadline_lines",
                 "responsible_lines")
    number: Number | None
    label: str
    text: list[str]
    deadline: str
    responsible: list[str]
    result: list[str]
    note: str
    remarks: list[str]  # short notes for the YAML comment
    deadline_lines: list[str]
    responsible_lines: list[str]

    def __init__(self, number: Number | None, label: str, text: list[str], deadline: str = "",
                 responsible: list[str] | None = None, result: list[str] | None = None, note: str = "",
                 remarks: list[str] | None = None, deadline_lines: list[str] | None = None,
                 responsible_lines: list[str] | None = None) -> None:
        self.number, self.label, self.text, self.deadline = number, label, text, deadline
        self.responsible = [] if responsible is None else responsible
        self.result = [] if result is None else result
        self.note = note
        self.remarks = [] if remarks is None else remarks
        self.deadline_lines = [] if deadline_lines is None else deadline_lines
        self.responsible_lines = [] if responsible_lines is None else responsible_lines

    def copy(self) -> ActivityOut:
        """A copy that shares no list: a second reading of the same table gets its own activities."""
        return ActivityOut(self.number, self.label, list(self.text), self.deadline, list(self.responsible),
                           list(self.result), self.note, list(self.remarks), list(self.deadline_lines),
                           list(self.responsible_lines))  # every field, named (see test_import_shortcuts)


class SectionOut(Slotted):
    __slots__ = ("title", "numbered", "number", "label", "activities", "sections", "todo")
    title: str
    numbered: bool
    number: tuple[int, ...] | None
    label: str
    activities: list[ActivityOut]
    sections: list[SectionOut]
    todo: str

    def __init__(self, title: str, numbered: bool, number: tuple[int, ...] | None, label: str,
                 activities: list[ActivityOut] | None = None, sections: list[SectionOut] | None = None,
                 todo: str = "") -> None:
        self.title, self.numbered, self.number, self.label = title, numbered, number, label
        self.activities = [] if activities is None else activities
        self.sections = [] if sections is None else sections
        self.todo = todo

    def copy(self) -> SectionOut:
        """A copy with copies of its activities and subsections (see :meth:`ActivityOut.copy`)."""
        return SectionOut(self.title, self.numbered, self.number, self.label, [a.copy() for a in self.activities],
                          [s.copy() for s in self.sections], self.todo)


class PointOut(Slotted):
    __slots__ = ("text", "items", "kinds")
    text: list[str]
    items: list[list[str]]
    kinds: list[str]  # "numbered" | "dash" per item

    def __init__(self, text: list[str], items: list[list[str]] | None = None, kinds: list[str] | None = None) -> None:
        self.text = text
        self.items = [] if items is None else items
        self.kinds = [] if kinds is None else kinds


class OrderOut(Slotted):
    __slots__ = ("kind", "issuer", "issuer_genitive", "date", "number", "place", "title", "preamble", "operative",
                 "points", "control", "signatory", "todo")
    kind: str
    issuer: list[str]
    issuer_genitive: str
    date: _Date | None
    number: str
    place: str
    title: list[str]  # paragraphs of the title
    preamble: list[str]
    operative: str
    points: list[PointOut]
    control: str
    signatory: str
    todo: dict[str, str]

    def __init__(self, kind: str = "приказ", issuer: list[str] | None = None, issuer_genitive: str = "",
                 date: _Date | None = None, number: str = "", place: str = "", title: list[str] | None = None,
                 preamble: list[str] | None = None, operative: str = "", points: list[PointOut] | None = None,
                 control: str = "", signatory: str = "", todo: dict[str, str] | None = None) -> None:
        self.kind = kind
        self.issuer = [] if issuer is None else issuer
        self.issuer_genitive, self.date, self.number, self.place = issuer_genitive, date, number, place
        self.title = [] if title is None else title
        self.preamble = [] if preamble is None else preamble
        self.operative = operative
        self.points = [] if points is None else points
        self.control, self.signatory = control, signatory
        self.todo = {} if todo is None else todo


class ApprovalOut(Slotted):
    """An approval stamp typed above a plan that has no order of its own (``approval:`` in the plan)."""

    __slots__ = ("kind", "issuer_genitive", "date", "number")
    kind: str  # «приказ» | «распоряжение»
    issuer_genitive: str
    date: _Date | None
    number: str

    def __init__(self, kind: str, issuer_genitive: str, date: _Date | None, number: str) -> None:
        self.kind, self.issuer_genitive, self.date, self.number = kind, issuer_genitive, date, number


class PersonOut(Slotted):
    __slots__ = ("id", "surname", "initials", "name", "patronymic", "position", "signature_position",
                 "position_from_signature")
    id: str
    surname: str
    initials: str
    name: str
    patronymic: str
    position: str
    signature_position: list[str]
    position_from_signature: bool  # only the signature named it: the table's position wins

    def __init__(self, id: str, surname: str, initials: str = "", name: str = "", patronymic: str = "",
                 position: str = "", signature_position: list[str] | None = None,
                 position_from_signature: bool = False) -> None:
        self.id, self.surname, self.initials, self.name = id, surname, initials, name
        self.patronymic, self.position = patronymic, position
        self.signature_position = [] if signature_position is None else signature_position
        self.position_from_signature = position_from_signature


class PartyOut(Slotted):
    __slots__ = ("code", "name", "invented", "name_known")
    code: str
    name: str
    invented: bool  # the code is an abbreviation made by import
    name_known: bool  # False: only the code was found

    def __init__(self, code: str, name: str, invented: bool = False, name_known: bool = True) -> None:
        self.code, self.name, self.invented, self.name_known = code, name, invented, name_known


class Imported(Slotted):
    """Everything read from one document, before it is written anywhere."""

    __slots__ = ("source", "order", "title", "period", "passport", "activities", "sections", "parties", "people",
                 "report", "info", "title_todo", "heading_comments", "activities_title", "row_places",
                 "numbering_scheme", "approval")
    source: str
    order: OrderOut | None
    title: list[str]
    period: str
    passport: list[tuple[str, list[str]]]
    activities: list[ActivityOut]
    sections: list[SectionOut]
    parties: dict[str, PartyOut]
    people: dict[str, PersonOut]
    report: Report
    info: list[str]
    title_todo: str
    heading_comments: list[str]
    activities_title: str
    row_places: dict[str, tuple[int, int]]  # «строка 7» → (table, row)
    numbering_scheme: str  # "running" (1…N) | "per-section" (1… in each): activities under unnumbered sections
    approval: ApprovalOut | None  # the stamp «УТВЕРЖДЕН распоряжением …» of a plan without an order

    def __init__(self, source: str, order: OrderOut | None, title: list[str], period: str,
                 passport: list[tuple[str, list[str]]], activities: list[ActivityOut], sections: list[SectionOut],
                 parties: dict[str, PartyOut], people: dict[str, PersonOut], report: Report,
                 info: list[str] | None = None, title_todo: str = "", heading_comments: list[str] | None = None,
                 activities_title: str = "", row_places: dict[str, tuple[int, int]] | None = None,
                 numbering_scheme: str = "", approval: ApprovalOut | None = None) -> None:
        self.source, self.order, self.title, self.period, self.passport = source, order, title, period, passport
        self.activities, self.sections, self.parties, self.people = activities, sections, parties, people
        self.report = report
        self.info = [] if info is None else info
        self.title_todo = title_todo
        self.heading_comments = [] if heading_comments is None else heading_comments
        self.activities_title = activities_title
        self.row_places = {} if row_places is None else row_places
        self.numbering_scheme, self.approval = numbering_scheme, approval

    def all_activities(self) -> list[ActivityOut]:
        return all_activities(self.activities, self.sections)


def all_activities(top: list[ActivityOut], sections: list[SectionOut]) -> list[ActivityOut]:
    """Every activity in the plan's order: the top-level ones, then each section's and its subsections'."""
    out = list(top)
    for section in sections:
        out.extend(section.activities)
        for sub in section.sections:
            out.extend(sub.activities)
    return out


class _Reader:
    """The state of reading one document, shared by the readers of its parts.

    The blocks and their list numbering, the directory being built (``registry``),
    the style; warnings go to ``report``, notes for the summary to ``info``.
    """

    def __init__(self, blocks: list[Block], numbering: Numbering, name: str, registry: Registry,
                 style: Any) -> None:
        self.blocks = blocks
        self.numbering = numbering
        self.name = name
        self.pos = Pos(name)
        self.registry = registry
        self.report = registry.report
        self.style = style
        self.info: list[str] = []
        self.heading_comments: list[str] = []
        self.activities_title = ""
        self.numbering_scheme = ""  # "running" | "per-section": activities under unnumbered sections

    def warn(self, code: str, message: str, hint: str = "") -> None:
        self.report.warning(code, self.pos, message, hint)

"""The data shared by the importer's modules: what is read, and the state of reading it.

:class:`Line` (a paragraph around the plan table), :class:`Number` (a row's
number), the result model (:class:`ActivityOut` … :class:`Imported`) that
output.py and directory.py write out, and :class:`_Reader`, the state one
document's readers share (blocks, registry, style, report). No reading logic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ..diagnostics import Pos, Report
from ..docxtext import Block

if TYPE_CHECKING:
    from .directory import Registry
    from .docfile import Numbering


@dataclass
class Line:
    """One paragraph of the text around the plan table (layout tables flattened cell by cell)."""

    text: str
    raw: str
    block: int
    table: bool = False
    row: int = 0
    col: int = 0
    signature: bool = False  # a line of the signature table
    align: str = ""


@dataclass(frozen=True)
class Number:
    parts: tuple[int, ...]
    dot: bool
    text: str

    @property
    def depth(self) -> int:
        return len(self.parts)


@dataclass
class ActivityOut:
    number: Number | None
    label: str
    text: list[str]
    deadline: str = ""
    responsible: list[str] = field(default_factory=list)
    result: list[str] = field(default_factory=list)
    note: str = ""
    remarks: list[str] = field(default_factory=list)  # short notes for the YAML comment
    deadline_lines: list[str] = field(default_factory=list)
    responsible_lines: list[str] = field(default_factory=list)


@dataclass
class SectionOut:
    title: str
    numbered: bool
    number: tuple[int, ...] | None
    label: str
    activities: list[ActivityOut] = field(default_factory=list)
    sections: list[SectionOut] = field(default_factory=list)
    todo: str = ""


@dataclass
class PointOut:
    text: list[str]
    items: list[list[str]] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)  # "numbered" | "dash" per item


@dataclass
class OrderOut:
    kind: str = "приказ"
    issuer: list[str] = field(default_factory=list)
    issuer_genitive: str = ""
    date: date | None = None
    number: str = ""
    place: str = ""
    title: list[str] = field(default_factory=list)  # paragraphs of the title
    preamble: list[str] = field(default_factory=list)
    operative: str = ""
    points: list[PointOut] = field(default_factory=list)
    control: str = ""
    signatory: str = ""
    todo: dict[str, str] = field(default_factory=dict)


@dataclass
class ApprovalOut:
    """An approval stamp typed above a plan that has no order of its own (``approval:`` in the plan)."""

    kind: str  # «приказ» | «распоряжение»
    issuer_genitive: str
    date: date | None
    number: str


@dataclass
class PersonOut:
    id: str
    surname: str
    initials: str = ""
    name: str = ""
    patronymic: str = ""
    position: str = ""
    signature_position: list[str] = field(default_factory=list)
    position_from_signature: bool = False  # only the signature named it: the table's position wins


@dataclass
class PartyOut:
    code: str
    name: str
    invented: bool = False  # the code is an abbreviation made by import
    name_known: bool = True  # False: only the code was found


@dataclass
class Imported:
    """Everything read from one document, before it is written anywhere."""

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
    info: list[str] = field(default_factory=list)
    title_todo: str = ""
    heading_comments: list[str] = field(default_factory=list)
    activities_title: str = ""
    row_places: dict[str, tuple[int, int]] = field(default_factory=dict)  # «строка 7» → (table, row)
    numbering_scheme: str = ""  # "running" (1…N) | "per-section" (1… in each): activities under unnumbered sections
    approval: ApprovalOut | None = None  # the stamp «УТВЕРЖДЕН распоряжением …» of a plan without an order

    def all_activities(self) -> list[ActivityOut]:
        out = list(self.activities)
        for section in self.sections:
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

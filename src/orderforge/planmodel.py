"""The typed model of a plan, its directory and its period.

Everything downstream (resolve, render, diff, rollover) works on these
dataclasses, never on raw YAML. Each object keeps the position of the mapping
it came from and of its fields, so that semantic checks made later (unknown
party, deadline outside the period) can still point at file:line:col.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .diagnostics import Pos
from .lazyre import LazyPattern
from .typography import squeeze

if TYPE_CHECKING:  # the deadline module is imported lazily by the converters
    from .deadline import Deadline


@dataclass(frozen=True)
class Para:
    """One paragraph of a text field: plain, a dash list item or a numbered list item."""

    text: str
    kind: str = "p"  # "p" | "dash" | "num"


Text = tuple[Para, ...]

_DASH_ITEM = LazyPattern(r"^[-–—•]\s+")
_NUM_ITEM = LazyPattern(r"^(\d{1,2}[.)])\s+")


def parse_text(value: str) -> Text:
    """Split a clerk's text into paragraphs: each non-empty line is a paragraph.

    A line starting with «- »/«– » is a dash item, with «1) » a numbered item
    (the clerk's own numbering inside a cell is kept as typed). WYSIWYG: what
    the clerk sees as separate lines in the YAML comes out as separate paragraphs.
    """
    paras: list[Para] = []
    for raw in value.split("\n"):
        line = squeeze(raw)
        if not line:
            continue
        if _DASH_ITEM.match(line):
            paras.append(Para(_DASH_ITEM.sub("", line), "dash"))
        elif _NUM_ITEM.match(line):
            paras.append(Para(line, "num"))
        else:
            paras.append(Para(line))
    return tuple(paras)


def plain(text: Text) -> str:
    """The text as one string (for diffing, matching, messages)."""
    return "\n".join(p.text for p in text)


@dataclass(frozen=True)
class Ref:
    """A reference to a directory entry (party code or person id), with its place."""

    key: str
    pos: Pos


@dataclass(frozen=True)
class Period:
    """The span a plan covers: calendar years or a school year (1 Sep – 31 Aug)."""

    start: date
    end: date
    school_year: bool
    text: str

    @property
    def first_year(self) -> int:
        return self.start.year

    @property
    def last_year(self) -> int:
        return self.end.year


_PERIOD = LazyPattern(
    r"^(?:на\s+)?(\d{4})(?:\s*[-–—/]\s*(\d{4}))?\s*(?:(учебн\w*\s+год\w*)|(?:гг?\.?|год\w*))?\s*$",
    re.IGNORECASE,
)


def parse_period(text: str) -> Period | None:
    """«2026-2028», «2026–2028 годы», «2026», «2025-2026 учебный год», «2025/2026 учебный год»."""
    match = _PERIOD.match(" ".join(text.split()))
    if not match:
        return None
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if match.group(3):
        if last == first:
            last = first + 1
        if last != first + 1:
            return None
        return Period(date(first, 9, 1), date(last, 8, 31), True, text)
    if last < first:
        return None
    return Period(date(first, 1, 1), date(last, 12, 31), False, text)


@dataclass
class Party:
    """An organisation or unit, known by a short code (ЦОРП, ОУ, КлО)."""

    code: str
    name: str
    pos: Pos
    forms: dict[str, str] = field(default_factory=dict)  # case → the whole name, when a dictionary errs


@dataclass
class Person:
    """A person, written once in the nominative; every other form is derived."""

    id: str
    surname: str
    name: str | None
    patronymic: str | None
    initials: str | None
    gender: str | None
    position: str | None
    signature_position: str | None
    pos: Pos
    forms: dict[str, str] = field(default_factory=dict)  # case → surname, when a dictionary errs
    position_forms: dict[str, str] = field(default_factory=dict)  # case[_plural] → the whole position

    @property
    def initials_text(self) -> str:
        """«Т.М.» from explicit initials or from name and patronymic."""
        if self.initials:
            return "".join(self.initials.split())
        parts = [p for p in (self.name, self.patronymic) if p]
        return "".join(f"{p[0]}." for p in parts)

    @property
    def short_name(self) -> str:
        """«Петухова Т.М.» — the running-text form (surname first)."""
        return f"{self.surname} {self.initials_text}".strip()

    @property
    def signature_name(self) -> str:
        """«Т.М. Петухова» — the form for signatures and stamps (initials first)."""
        return f"{self.initials_text} {self.surname}".strip()


@dataclass
class Directory:
    """The parties and people a plan may name, and the file they were read from ("" when none)."""

    parties: dict[str, Party] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    source: str = ""

    def keys(self) -> list[str]:
        return list(self.parties) + list(self.people)


@dataclass
class Point:
    """An operative point of the order, with optional sub-points."""

    text: Text
    items: list[Text]
    list_style: str  # "numbered" | "dash"
    pos: Pos


@dataclass
class Order:
    """The приказ around the plan: its requisites, operative points and signature."""

    kind: str
    issuer: list[str]
    issuer_genitive: str | None
    date: date | None
    number: str | None
    place: str | None
    title: list[str]  # lines; most titles are one line, some styles print «Об утверждении» on its own
    preamble: Text
    operative: str | None
    points: list[Point]
    control: str | None  # free text, or "self"
    signatory: Ref | None
    pos: Pos
    field_pos: dict[str, Pos] = field(default_factory=dict)


@dataclass
class Approval:
    """«УТВЕРЖДЕН распоряжением … от … № …» — a plan approved without an attached order text."""

    kind: str
    issuer_genitive: str
    date: date | None
    number: str | None
    gender: str | None  # of the approved document: m (План), f (Дорожная карта), n (Положение), plural
    pos: Pos


@dataclass
class Activity:
    """One row of the plan table: what is done, by when, by whom, with what result."""

    id: str | None
    text: Text
    deadline: Deadline | None
    responsible: list[Ref]
    result: Text
    note: str | None
    pos: Pos
    field_pos: dict[str, Pos] = field(default_factory=dict)


@dataclass
class Section:
    """A titled group of activities, possibly with subsections (numbered after its own activities)."""

    title: str
    numbered: bool
    activities: list[Activity]
    sections: list[Section]
    pos: Pos


@dataclass
class PassportEntry:
    """One row of the plan's passport table: a label and its lines."""

    label: str
    items: list[str]
    pos: Pos


@dataclass
class PlanBody:
    """The «План мероприятий» itself: title, period, passport, activities and sections."""

    title: list[str]
    period: Period | None
    passport: list[PassportEntry]
    activities: list[Activity]
    sections: list[Section]
    pos: Pos
    field_pos: dict[str, Pos] = field(default_factory=dict)
    activities_title: str | None = None  # an unnumbered heading row above the activities before section 1


@dataclass
class Plan:
    """A whole plan file: its style, directory, optional order and the plan itself."""

    style: str
    order: Order | None
    plan: PlanBody
    approval: Approval | None
    directory: Directory
    source: str
    pos: Pos
    field_pos: dict[str, Pos] = field(default_factory=dict)
    #: The plan file's folder, absolute, fixed when it was read: house styles are looked up from here
    #: (``source`` is the path as typed, relative to a current folder that may change).
    folder: Path | None = None

    @property
    def workspace(self) -> Path:
        """Where the plan's house style is looked up (``templates/`` here, then one folder up)."""
        return self.folder if self.folder is not None else Path(self.source).resolve().parent

    def all_activities(self) -> list[Activity]:
        """Every activity in document order (top-level first, then section by section)."""
        result = list(self.plan.activities)

        def walk(sections: list[Section]) -> None:
            for section in sections:
                result.extend(section.activities)
                walk(section.sections)

        walk(self.plan.sections)
        return result

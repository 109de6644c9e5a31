"""The typed model of a plan, its directory and its period.

Everything downstream (resolve, render, diff, rollover) works on these
dataclasses, never on raw YAML. Each object keeps the position of the mapping
it came from and of its fields, so that semantic checks made later (unknown
party, deadline outside the period) can still point at file:line:col.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from .diagnostics import Pos
from .lazyre import LazyPattern
from .plandirectory import Directory as Directory
from .plandirectory import Party as Party
from .plandirectory import Person as Person
from .slotted import FrozenSlotted, Slotted
from .typography import squeeze

#: The type of a field named «date» (Order, Approval), where the name hides the class.
Day = date

TYPE_CHECKING = False
if TYPE_CHECKING:  # the deadline module is imported lazily by the converters
    from .deadline import Deadline


class Para(FrozenSlotted):
    """One paragraph of a text field: plain, a dash list item or a numbered list item."""

    __slots__ = ("text", "kind")
    text: str
    kind: str  # "p" | "dash" | "num"

    def __init__(self, text: str, kind: str = "p") -> None:
        _set_para_text(self, text)
        _set_para_kind(self, kind)


#: The slots' own setters (as diagnostics.Pos has): a third cheaper than ``object.__setattr__`` by name, for
#: the 10,000 paragraphs of a 5,000-activity plan.
_set_para_text, _set_para_kind = (getattr(Para, name).__set__ for name in Para.__slots__)


Text = tuple[Para, ...]

_DASH_CHARS = "-–—•"
_DASH_ITEM = LazyPattern(rf"^[{_DASH_CHARS}]\s+")
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
        if line[0] in _DASH_CHARS and _DASH_ITEM.match(line):  # the pattern compiled only for a likely item
            paras.append(Para(_DASH_ITEM.sub("", line), "dash"))
        elif _NUM_ITEM.match(line):
            paras.append(Para(line, "num"))
        else:
            paras.append(Para(line))
    return tuple(paras)


def plain(text: Text) -> str:
    """The text as one string (for diffing, matching, messages)."""
    return "\n".join(p.text for p in text)


def text_str(text: Text) -> str:
    """A text field as one string, list items marked as typed: «- пункт», «1) пункт».

    diff compares texts in this form, and ``new --from``'s warnings look for years in it; kept with the
    model so that the warnings need not import the diff package (its dataclasses, difflib)."""
    if len(text) == 1:  # most texts are one paragraph: asked for thousands of times by diff
        para = text[0]
        return "- " + para.text if para.kind == "dash" else para.text
    return "\n".join([f"- {p.text}" if p.kind == "dash" else p.text for p in text])


class Ref(FrozenSlotted):
    """A reference to a directory entry (party code or person id), with its place."""

    __slots__ = ("key", "pos")
    key: str
    pos: Pos

    def __init__(self, key: str, pos: Pos) -> None:
        _set_ref_key(self, key)
        _set_ref_pos(self, pos)


_set_ref_key, _set_ref_pos = (getattr(Ref, name).__set__ for name in Ref.__slots__)


class Period(FrozenSlotted):
    """The span a plan covers: calendar years or a school year (1 Sep – 31 Aug)."""

    __slots__ = ("start", "end", "school_year", "text")
    start: date
    end: date
    school_year: bool
    text: str

    def __init__(self, start: date, end: date, school_year: bool, text: str) -> None:
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "school_year", school_year)
        object.__setattr__(self, "text", text)

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


class Point(Slotted):
    """An operative point of the order, with optional sub-points."""

    __slots__ = ("text", "items", "list_style", "pos")
    text: Text
    items: list[Text]
    list_style: str  # "numbered" | "dash"
    pos: Pos

    def __init__(self, text: Text, items: list[Text], list_style: str, pos: Pos) -> None:
        self.text = text
        self.items = items
        self.list_style = list_style
        self.pos = pos


class Order(Slotted):
    """The приказ around the plan: its requisites, operative points and signature."""

    __slots__ = (
        "kind",
        "issuer",
        "issuer_genitive",
        "date",
        "number",
        "place",
        "title",
        "preamble",
        "operative",
        "points",
        "control",
        "signatory",
        "pos",
        "field_pos",
    )
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
    field_pos: dict[str, Pos]

    def __init__(
        self,
        kind: str,
        issuer: list[str],
        issuer_genitive: str | None,
        date: Day | None,
        number: str | None,
        place: str | None,
        title: list[str],
        preamble: Text,
        operative: str | None,
        points: list[Point],
        control: str | None,
        signatory: Ref | None,
        pos: Pos,
        field_pos: dict[str, Pos] | None = None,
    ) -> None:
        self.kind = kind
        self.issuer = issuer
        self.issuer_genitive = issuer_genitive
        self.date = date
        self.number = number
        self.place = place
        self.title = title
        self.preamble = preamble
        self.operative = operative
        self.points = points
        self.control = control
        self.signatory = signatory
        self.pos = pos
        self.field_pos = {} if field_pos is None else field_pos


class Approval(Slotted):
    """«УТВЕРЖДЕН распоряжением … от … № …» — a plan approved without an attached order text."""

    __slots__ = ("kind", "issuer_genitive", "date", "number", "gender", "pos")
    kind: str
    issuer_genitive: str
    date: date | None
    number: str | None
    gender: str | None  # of the approved document: m (План), f (Дорожная карта), n (Положение), plural
    pos: Pos

    def __init__(
        self,
        kind: str,
        issuer_genitive: str,
        date: Day | None,
        number: str | None,
        gender: str | None,
        pos: Pos,
    ) -> None:
        self.kind = kind
        self.issuer_genitive = issuer_genitive
        self.date = date
        self.number = number
        self.gender = gender
        self.pos = pos


class Activity(Slotted):
    """One row of the plan table: what is done, by when, by whom, with what result."""

    __slots__ = ("id", "text", "deadline", "responsible", "result", "note", "pos", "field_pos")
    id: str | None
    text: Text
    deadline: Deadline | None
    responsible: list[Ref]
    result: Text
    note: str | None
    pos: Pos
    field_pos: dict[str, Pos]

    def __init__(
        self,
        id: str | None,
        text: Text,
        deadline: Deadline | None,
        responsible: list[Ref],
        result: Text,
        note: str | None,
        pos: Pos,
        field_pos: dict[str, Pos] | None = None,
    ) -> None:
        self.id = id
        self.text = text
        self.deadline = deadline
        self.responsible = responsible
        self.result = result
        self.note = note
        self.pos = pos
        self.field_pos = {} if field_pos is None else field_pos


class Section(Slotted):
    """A titled group of activities, possibly with subsections (numbered after its own activities)."""

    __slots__ = ("title", "numbered", "activities", "sections", "pos")
    title: str
    numbered: bool
    activities: list[Activity]
    sections: list[Section]
    pos: Pos

    def __init__(
        self,
        title: str,
        numbered: bool,
        activities: list[Activity],
        sections: list[Section],
        pos: Pos,
    ) -> None:
        self.title = title
        self.numbered = numbered
        self.activities = activities
        self.sections = sections
        self.pos = pos


class PassportEntry(Slotted):
    """One row of the plan's passport table: a label and its lines."""

    __slots__ = ("label", "items", "pos")
    label: str
    items: list[str]
    pos: Pos

    def __init__(self, label: str, items: list[str], pos: Pos) -> None:
        self.label = label
        self.items = items
        self.pos = pos


class PlanBody(Slotted):
    """The «План мероприятий» itself: title, period, passport, activities and sections."""

    __slots__ = ("title", "period", "passport", "activities", "sections", "pos", "field_pos", "activities_title")
    title: list[str]
    period: Period | None
    passport: list[PassportEntry]
    activities: list[Activity]
    sections: list[Section]
    pos: Pos
    field_pos: dict[str, Pos]
    activities_title: str | None  # an unnumbered heading row above the activities before section 1

    def __init__(
        self,
        title: list[str],
        period: Period | None,
        passport: list[PassportEntry],
        activities: list[Activity],
        sections: list[Section],
        pos: Pos,
        field_pos: dict[str, Pos] | None = None,
        activities_title: str | None = None,
    ) -> None:
        self.title = title
        self.period = period
        self.passport = passport
        self.activities = activities
        self.sections = sections
        self.pos = pos
        self.field_pos = {} if field_pos is None else field_pos
        self.activities_title = activities_title


class Plan(Slotted):
    """A whole plan file: its style, directory, optional order and the plan itself."""

    __slots__ = ("style", "order", "plan", "approval", "directory", "source", "pos", "field_pos", "folder")
    style: str
    order: Order | None
    plan: PlanBody
    approval: Approval | None
    directory: Directory
    source: str
    pos: Pos
    field_pos: dict[str, Pos]
    #: The plan file's folder, absolute, fixed when it was read: house styles are looked up from here
    #: (``source`` is the path as typed, relative to a current folder that may change).
    folder: Path | None

    def __init__(
        self,
        style: str,
        order: Order | None,
        plan: PlanBody,
        approval: Approval | None,
        directory: Directory,
        source: str,
        pos: Pos,
        field_pos: dict[str, Pos] | None = None,
        folder: Path | None = None,
    ) -> None:
        self.style = style
        self.order = order
        self.plan = plan
        self.approval = approval
        self.directory = directory
        self.source = source
        self.pos = pos
        self.field_pos = {} if field_pos is None else field_pos
        self.folder = folder

    @property
    def workspace(self) -> Path:
        """Where the plan's house style is looked up (``templates/`` here, then one folder up)."""
        return self.folder if self.folder is not None else Path(self.source).resolve().parent

    def all_activities(self) -> list[Activity]:
        """Every activity in document order (top-level first, then section by section).

        A loop, not a recursive inner function: that one refers to itself through its closure, a cycle
        that held the result list, and so every activity, until the cycle collector found it."""
        result = list(self.plan.activities)
        pending = list(reversed(self.plan.sections))
        while pending:
            section = pending.pop()
            result.extend(section.activities)
            pending.extend(reversed(section.sections))
        return result

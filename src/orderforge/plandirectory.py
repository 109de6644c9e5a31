"""The directory's model: the parties and people a plan may name (read from directory.yaml).

Kept apart from :mod:`orderforge.planmodel` (which re-exports these names) because a directory is a
file of its own, shared by plans, and its people carry the forms the declension needs.
"""

from __future__ import annotations

from .diagnostics import Pos
from .slotted import Slotted


class Party(Slotted):
    """An organisation or unit, known by a short code (ЦОРП, ОУ, КлО)."""

    __slots__ = ("code", "name", "pos", "forms")
    code: str
    name: str
    pos: Pos
    forms: dict[str, str]  # case → the whole name, when a dictionary errs

    def __init__(self, code: str, name: str, pos: Pos, forms: dict[str, str] | None = None) -> None:
        self.code = code
        self.name = name
        self.pos = pos
        self.forms = {} if forms is None else forms


class Person(Slotted):
    """A person, written once in the nominative; every other form is derived."""

    __slots__ = (
        "id",
        "surname",
        "name",
        "patronymic",
        "initials",
        "gender",
        "position",
        "signature_position",
        "pos",
        "forms",
        "position_forms",
    )
    id: str
    surname: str
    name: str | None
    patronymic: str | None
    initials: str | None
    gender: str | None
    position: str | None
    signature_position: str | None
    pos: Pos
    forms: dict[str, str]  # case → surname, when a dictionary errs
    position_forms: dict[str, str]  # case[_plural] → the whole position

    def __init__(
        self,
        id: str,
        surname: str,
        name: str | None,
        patronymic: str | None,
        initials: str | None,
        gender: str | None,
        position: str | None,
        signature_position: str | None,
        pos: Pos,
        forms: dict[str, str] | None = None,
        position_forms: dict[str, str] | None = None,
    ) -> None:
        self.id = id
        self.surname = surname
        self.name = name
        self.patronymic = patronymic
        self.initials = initials
        self.gender = gender
        self.position = position
        self.signature_position = signature_position
        self.pos = pos
        self.forms = {} if forms is None else forms
        self.position_forms = {} if position_forms is None else position_forms

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


class Directory(Slotted):
    """The parties and people a plan may name, and the file they were read from ("" when none)."""

    __slots__ = ("parties", "people", "source")
    parties: dict[str, Party]
    people: dict[str, Person]
    source: str

    def __init__(
        self,
        parties: dict[str, Party] | None = None,
        people: dict[str, Person] | None = None,
        source: str = "",
    ) -> None:
        self.parties = {} if parties is None else parties
        self.people = {} if people is None else people
        self.source = source

    def keys(self) -> list[str]:
        return list(self.parties) + list(self.people)

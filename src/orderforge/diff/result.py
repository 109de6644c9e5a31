"""What a comparison yields: items, field and plan changes, :class:`PlanDiff`.

The activities and sections of one version with their numbers (:class:`Item`,
:class:`SectionItem`), one change (:class:`Change`, :class:`FieldChange`) and
the whole result (:class:`PlanDiff`), each with its JSON form for ``orderforge
diff --json``; also the fields that are compared, with their Russian names, and
:func:`text_str` (from :mod:`orderforge.planmodel`), the one-string form of a text field all the others use.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic
from ..planmodel import Activity, Section, text_str
from ..slotted import Slotted
from .sides import Side

TYPE_CHECKING = False
if TYPE_CHECKING:  # neither typing nor dataclasses on diff's start-up (issue 12): slotted.py says why
    from typing import Any

#: Field → its Russian name in messages (the amending order uses the style's column headers).
FIELD_RU = {
    "id": "идентификатор", "text": "текст", "deadline": "срок", "responsible": "ответственные",
    "result": "результат", "note": "примечание",
}
ACTIVITY_FIELDS = ("text", "deadline", "responsible", "result", "note")

ORDER_FIELD_RU = {
    "kind": "вид документа", "issuer": "организация", "issuer_genitive": "организация (род. падеж)",
    "date": "дата", "number": "номер", "place": "место издания", "title": "заголовок",
    "preamble": "преамбула", "operative": "распорядительное слово", "control": "пункт о контроле",
    "signatory": "подписывает",
}
APPROVAL_FIELD_RU = {
    "kind": "вид документа", "issuer_genitive": "кем утвержден", "date": "дата", "number": "номер",
    "gender": "род утверждаемого документа",
}
PLAN_FIELD_RU = {"style": "оформление", "title": "заголовок", "period": "период",
                 "activities_title": "заголовок мероприятий до первого раздела"}


# --------------------------------------------------------------------------- items


class SectionItem:
    """A section with its place in one version; compared by identity: the same section, not an equal one."""

    __slots__ = ("number", "section", "parent")

    def __init__(self, number: tuple[int, ...], section: Section, parent: tuple[int, ...]) -> None:
        self.number = number
        self.section = section
        self.parent = parent  # () for a top-level section

    def __repr__(self) -> str:
        return f"SectionItem({self.label})"

    @property
    def label(self) -> str:
        return ".".join(map(str, self.number))


class Item:
    """An activity with its place in one version; compared by identity: the same activity, not an equal one."""

    __slots__ = ("activity", "number", "section", "index")

    def __init__(self, activity: Activity, number: tuple[int, ...], section: tuple[int, ...], index: int) -> None:
        self.activity = activity
        self.number = number
        self.section = section  # the number of its section; () for activities before the first section
        self.index = index  # document order

    def __repr__(self) -> str:
        return f"Item({self.label}, {self.activity.id!r})"

    @property
    def label(self) -> str:
        return ".".join(map(str, self.number))


# --------------------------------------------------------------------------- field values


# --------------------------------------------------------------------------- the result


class FieldChange(Slotted):
    """One field's two values."""

    __slots__ = ("field", "old", "new")

    def __init__(self, field: str, old: str, new: str) -> None:
        self.field = field
        self.old = old
        self.new = new

    def to_json(self) -> dict[str, str]:
        return {"field": self.field, "old": self.old, "new": self.new}


class Change(Slotted):
    """One change. ``kind``: added, removed, changed, moved, renumbered (activities);
    order, point_added, point_removed, point_changed (the order); approval (the approval stamp);
    plan, passport_added,
    passport_removed, passport_changed (the plan); section_added, section_removed,
    section_changed (sections)."""

    __slots__ = ("kind", "old", "new", "fields", "old_section", "new_section", "field_name", "old_value",
                 "new_value", "old_number", "new_number", "label")

    def __init__(self, kind: str, old: Item | None = None, new: Item | None = None,
                 fields: list[FieldChange] | None = None, old_section: SectionItem | None = None,
                 new_section: SectionItem | None = None, field_name: str = "", old_value: str = "",
                 new_value: str = "", old_number: int | None = None, new_number: int | None = None,
                 label: str = "") -> None:
        self.kind = kind
        self.old = old
        self.new = new
        self.fields = [] if fields is None else fields
        self.old_section = old_section
        self.new_section = new_section
        # order/plan/passport level
        self.field_name = field_name
        self.old_value = old_value
        self.new_value = new_value
        self.old_number = old_number
        self.new_number = new_number
        self.label = label

    @property
    def is_activity(self) -> bool:
        return self.kind in ("added", "removed", "changed", "moved", "renumbered")

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind}
        if self.is_activity:
            item = self.new or self.old
            assert item is not None
            data["id"] = item.activity.id
            data["old_number"] = self.old.label if self.old else None
            data["new_number"] = self.new.label if self.new else None
            if self.kind in ("added", "removed"):
                data["text"] = text_str(item.activity.text)
            if self.old_section is not None or self.new_section is not None:
                data["old_section"] = self.old_section.label if self.old_section else None
                data["new_section"] = self.new_section.label if self.new_section else None
            data["fields"] = [f.to_json() for f in self.fields]
            return data
        if self.kind.startswith("section"):
            data["old_number"] = self.old_section.label if self.old_section else None
            data["new_number"] = self.new_section.label if self.new_section else None
            if self.kind != "section_changed":
                data["title"] = (self.new_section or self.old_section).section.title  # type: ignore[union-attr]
            data["fields"] = [f.to_json() for f in self.fields]
            return data
        if self.field_name:
            data["field"] = self.field_name
        if self.label:
            data["label"] = self.label
        if self.old_number is not None or self.new_number is not None:
            data["old_number"] = self.old_number
            data["new_number"] = self.new_number
        data["old"] = self.old_value
        data["new"] = self.new_value
        return data


class PlanDiff(Slotted):
    """Everything one comparison found."""

    __slots__ = ("old", "new", "changes", "pairs", "section_pairs", "renumbering", "section_renumbering",
                 "warnings")

    def __init__(self, old: Side, new: Side, changes: list[Change], pairs: list[tuple[Item, Item]],
                 section_pairs: list[tuple[SectionItem, SectionItem]], renumbering: list[tuple[Item, Item]],
                 section_renumbering: list[tuple[SectionItem, SectionItem]] | None = None,
                 warnings: list[Diagnostic] | None = None) -> None:
        self.old = old
        self.new = new
        self.changes = changes
        self.pairs = pairs  # every matched activity, in new document order
        self.section_pairs = section_pairs
        self.renumbering = renumbering  # matched, not otherwise reported, number changed
        self.section_renumbering = [] if section_renumbering is None else section_renumbering  # number changed
        self.warnings = [] if warnings is None else warnings  # what could not be compared (a missing directory)

    @property
    def empty(self) -> bool:
        """Nothing to report: a changed number is a change too (the printed document differs)."""
        return not self.changes and not self.renumbering and not self.section_renumbering

    def to_json(self) -> dict[str, Any]:
        return {
            "old": self.old.display,
            "new": self.new.display,
            "changes": [c.to_json() for c in self.changes],
            "renumbering": [
                {"id": o.activity.id, "old_number": o.label, "new_number": n.label} for o, n in self.renumbering
            ],
            "section_renumbering": [
                {"title": n.section.title, "old_number": o.label, "new_number": n.label}
                for o, n in self.section_renumbering
            ],
            "warnings": [w.to_json() for w in self.warnings],
        }


Number = tuple[int, ...]


def number_runs(shifts: list[tuple[Number, Number]]) -> list[list[tuple[Number, Number]]]:
    """Consecutive renumberings grouped: 2.1→3.1, 2.2→3.2 … is one run «2.1–2.9 → 3.1–3.9».

    Both the diff («номера изменились») and the amending order («пункты 2.3–2.9
    считать соответственно пунктами 2.4–2.10») word renumbering by runs, so a
    swapped section reads as one line, not fifteen.
    """
    runs: list[list[tuple[Number, Number]]] = []
    for o, n in sorted(shifts):
        if runs:
            po, pn = runs[-1][-1]
            if o[:-1] == po[:-1] and n[:-1] == pn[:-1] and o[-1] == po[-1] + 1 and n[-1] == pn[-1] + 1:
                runs[-1].append((o, n))
                continue
        runs.append([(o, n)])
    return runs


def run_labels(run: list[tuple[Number, Number]]) -> tuple[str, str]:
    """A run as two labels: («2.1–2.9», «3.1–3.9»), or («2.3», «2.4») for one number."""
    def label(number: Number) -> str:
        return ".".join(map(str, number))

    (o1, n1), (o2, n2) = run[0], run[-1]
    if len(run) == 1:
        return label(o1), label(n1)
    return f"{label(o1)}–{label(o2)}", f"{label(n1)}–{label(n2)}"

"""What a comparison yields: items, field and plan changes, :class:`PlanDiff`.

The activities and sections of one version with their numbers (:class:`Item`,
:class:`SectionItem`), one change (:class:`Change`, :class:`FieldChange`) and
the whole result (:class:`PlanDiff`), each with its JSON form for ``orderforge
diff --json``; also the fields that are compared, with their Russian names, and
:func:`text_str` (from :mod:`orderforge.planmodel`), the one-string form of a text field all the others use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostic
from ..planmodel import Activity, Section, text_str
from .sides import Side

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


@dataclass(eq=False)  # compared by identity: the same activity, not an equal one
class SectionItem:
    number: tuple[int, ...]
    section: Section
    parent: tuple[int, ...]  # () for a top-level section

    @property
    def label(self) -> str:
        return ".".join(map(str, self.number))


@dataclass(eq=False)  # compared by identity: the same activity, not an equal one
class Item:
    """An activity with its place in one version."""

    activity: Activity
    number: tuple[int, ...]
    section: tuple[int, ...]  # the number of its section; () for activities before the first section
    index: int  # document order

    @property
    def label(self) -> str:
        return ".".join(map(str, self.number))


# --------------------------------------------------------------------------- field values


# --------------------------------------------------------------------------- the result


@dataclass
class FieldChange:
    field: str
    old: str
    new: str

    def to_json(self) -> dict[str, str]:
        return {"field": self.field, "old": self.old, "new": self.new}


@dataclass
class Change:
    """One change. ``kind``: added, removed, changed, moved, renumbered (activities);
    order, point_added, point_removed, point_changed (the order); approval (the approval stamp);
    plan, passport_added,
    passport_removed, passport_changed (the plan); section_added, section_removed,
    section_changed (sections)."""

    kind: str
    old: Item | None = None
    new: Item | None = None
    fields: list[FieldChange] = field(default_factory=list)
    old_section: SectionItem | None = None
    new_section: SectionItem | None = None
    # order/plan/passport level
    field_name: str = ""
    old_value: str = ""
    new_value: str = ""
    old_number: int | None = None
    new_number: int | None = None
    label: str = ""

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


@dataclass
class PlanDiff:
    old: Side
    new: Side
    changes: list[Change]
    pairs: list[tuple[Item, Item]]  # every matched activity, in new document order
    section_pairs: list[tuple[SectionItem, SectionItem]]
    renumbering: list[tuple[Item, Item]]  # matched, not otherwise reported, number changed
    section_renumbering: list[tuple[SectionItem, SectionItem]] = field(default_factory=list)  # matched, number changed
    warnings: list[Diagnostic] = field(default_factory=list)  # what could not be compared (a missing directory)

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

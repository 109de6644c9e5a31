"""The changes in Russian, for people: :func:`format_diff`, one line per fact.

Long texts are cut to the changed words with a few around them
(:func:`fragment`); activities are named by their new number with the old one
beside it. The JSON form is the result's own (:meth:`PlanDiff.to_json`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

from ..planmodel import Plan
from ..slotted import Slotted, replace
from ..typography import shorten
from .result import (
    APPROVAL_FIELD_RU,
    FIELD_RU,
    ORDER_FIELD_RU,
    PLAN_FIELD_RU,
    Change,
    FieldChange,
    PlanDiff,
    SectionItem,
    number_runs,
    run_labels,
    text_str,
)


def quote(text: str, limit: int = 0) -> str:
    """«text» on one line (paragraphs joined by « / »), shortened to ``limit`` characters."""
    flat = " / ".join(line for line in text.split("\n") if line.strip()) if "\n" in text else text
    return f"«{shorten(flat, limit) if limit else flat}»"


def fragment(old: str, new: str, context: int = 3, limit: int = 100) -> tuple[str, str]:
    """The changed words of two long texts with a few words around them; short texts whole."""
    if len(old) <= limit and len(new) <= limit:
        return old, new
    a, b = old.split(" "), new.split(" ")
    codes = [c for c in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if c[0] != "equal"]
    if not codes:
        return old, new
    i1, j1 = codes[0][1], codes[0][3]
    i2, j2 = codes[-1][2], codes[-1][4]
    start_a, start_b = max(0, i1 - context), max(0, j1 - context)
    end_a, end_b = min(len(a), i2 + context), min(len(b), j2 + context)

    def cut(words: list[str], start: int, end: int) -> str:
        return ("…" if start > 0 else "") + " ".join(words[start:end]) + ("…" if end < len(words) else "")

    return cut(a, start_a, end_a), cut(b, start_b, end_b)


class Readable(Slotted):
    """What makes a change readable: the directories of both versions.

    Ids mean nothing to a reader («bykov», «school-dept»): people show as
    «Быков Ю.В.», parties by their code when it is an abbreviation («ЦОРП»,
    as the table prints it) or else by name, and «[[school-dept|дат]]» in the
    order's texts as the words the order prints. Without a directory (or for a
    reference that cannot be expanded) the text stays as written.
    """

    __slots__ = ("old", "new")

    def __init__(self, old: Plan | None = None, new: Plan | None = None) -> None:
        self.old = old
        self.new = new

    def names(self, keys: str, plan: Plan | None, full: bool = False) -> str:
        """Codes as a reader knows them; ``full`` — parties by name and people with their positions."""
        if plan is None or not keys:
            return keys
        return ", ".join(self._name(key.strip(), plan, full) for key in keys.split(","))

    @staticmethod
    def _name(key: str, plan: Plan, full: bool = False) -> str:
        person = plan.directory.people.get(key)
        if person is not None:
            return f"{person.short_name} ({person.position})" if full and person.position else person.short_name
        party = plan.directory.parties.get(key)
        if party is not None and (full or re.search(r"[A-Za-z]", key)):
            return party.name
        return key

    def expand(self, text: str, plan: Plan | None) -> str:
        if plan is None or "[[" not in text:
            return text
        from ..resolve import expand_references

        try:
            return expand_references(text, plan)
        except Exception:  # noqa: BLE001 - a broken reference is validate's to report; show it as written
            return text


def _label(change: Change) -> str:
    o, n = change.old, change.new
    if o and n:
        return f"п. {n.label}" if o.label == n.label else f"п. {n.label} (было {o.label})"
    if n:
        return f"п. {n.label}"
    assert o is not None
    return f"было п. {o.label}"


def _section_name(s: SectionItem | None, genitive: bool = False) -> str:
    if s is None:
        return "мероприятий вне разделов" if genitive else "мероприятия вне разделов"
    return f"{'раздела' if genitive else 'раздел'} {s.label} «{s.section.title}»"


def _field_lines(prefix: str, fields: list[FieldChange], readable: Readable | None = None) -> list[str]:
    lines = []
    for f in fields:
        a, b = f.old, f.new
        if f.field == "responsible" and readable is not None:
            full = a == b  # same codes, renamed in the directory: show what the cell prints
            a, b = readable.names(a, readable.old, full), readable.names(b, readable.new, full)
        old, new = fragment(a, b)
        name = FIELD_RU.get(f.field, "нумерация заголовка" if f.field == "numbered" else "заголовок")
        lines.append(f"{prefix}: {name}: {quote(old)} → {quote(new)}")
    return lines


def _added(change: Change, readable: Readable | None) -> list[str]:
    assert change.new is not None
    return [f"{_label(change)}: добавлено мероприятие {quote(text_str(change.new.activity.text), 90)}"]


def _removed(change: Change, readable: Readable | None) -> list[str]:
    assert change.old is not None
    return [f"{_label(change)}: исключено мероприятие {quote(text_str(change.old.activity.text), 90)}"]


def _moved(change: Change, readable: Readable | None) -> list[str]:
    head = (f"{_label(change)}: перенесено из {_section_name(change.old_section, genitive=True)} "
            f"в {_section_name(change.new_section)}")
    return [head] + _field_lines(_label(change), change.fields, readable)


def _renumbered(change: Change, readable: Readable | None) -> list[str]:
    return [f"{_label(change)}: переставлено внутри раздела"] + _field_lines(_label(change), change.fields, readable)


def _changed(change: Change, readable: Readable | None) -> list[str]:
    return _field_lines(_label(change), change.fields, readable)


def _section_added(change: Change, readable: Readable | None) -> list[str]:
    assert change.new_section is not None
    return [f"раздел {change.new_section.label}: добавлен {quote(change.new_section.section.title)}"]


def _section_removed(change: Change, readable: Readable | None) -> list[str]:
    assert change.old_section is not None
    return [f"было: раздел {change.old_section.label}: исключён {quote(change.old_section.section.title)}"]


def _section_changed(change: Change, readable: Readable | None) -> list[str]:
    o, n = change.old_section, change.new_section
    assert o is not None and n is not None
    prefix = f"раздел {n.label}" + (f" (было {o.label})" if o.label != n.label else "")
    return _field_lines(prefix, change.fields)


#: A block of requisites (``Change.kind``) → how it is named and how its fields are named.
BLOCKS = {"order": ("приказ", ORDER_FIELD_RU), "approval": ("гриф утверждения", APPROVAL_FIELD_RU),
          "plan": ("план", PLAN_FIELD_RU)}


def _requisite(change: Change, readable: Readable | None) -> list[str]:
    """«гриф утверждения: номер: «7-р» → «3-р»», or the whole block added or removed."""
    name, fields = BLOCKS[change.kind]
    if change.field_name == change.kind:
        return [f"{name}: {'добавлен' if change.new_value == 'есть' else 'удалён'}"]
    old, new = fragment(change.old_value, change.new_value)
    return [f"{name}: {fields.get(change.field_name, change.field_name)}: {quote(old)} → {quote(new)}"]


def _point_added(change: Change, readable: Readable | None) -> list[str]:
    return [f"приказ: пункт {change.new_number}: добавлен {quote(change.new_value, 90)}"]


def _point_removed(change: Change, readable: Readable | None) -> list[str]:
    return [f"приказ: было: пункт {change.old_number}: исключён {quote(change.old_value, 90)}"]


def _point_changed(change: Change, readable: Readable | None) -> list[str]:
    old, new = fragment(change.old_value, change.new_value)
    was = f" (был {change.old_number})" if change.old_number != change.new_number else ""
    where = f"пункт {change.new_number}{was}"
    return [f"приказ: {where}: {quote(old)} → {quote(new)}"]


def _passport_added(change: Change, readable: Readable | None) -> list[str]:
    return [f"паспорт: добавлена строка «{change.label}»"]


def _passport_removed(change: Change, readable: Readable | None) -> list[str]:
    return [f"паспорт: исключена строка «{change.label}»"]


def _passport_changed(change: Change, readable: Readable | None) -> list[str]:
    old, new = fragment(change.old_value.split("\n", 1)[-1], change.new_value.split("\n", 1)[-1])
    return [f"паспорт: строка «{change.label}»: {quote(old)} → {quote(new)}"]


#: ``Change.kind`` → its wording; every kind :mod:`.compare` makes is here (a test checks it).
WORDING: dict[str, Callable[[Change, Readable | None], list[str]]] = {
    "added": _added, "removed": _removed, "moved": _moved, "renumbered": _renumbered, "changed": _changed,
    "section_added": _section_added, "section_removed": _section_removed, "section_changed": _section_changed,
    "order": _requisite, "approval": _requisite, "plan": _requisite,
    "point_added": _point_added, "point_removed": _point_removed, "point_changed": _point_changed,
    "passport_added": _passport_added, "passport_removed": _passport_removed, "passport_changed": _passport_changed,
}


def format_change(change: Change, readable: Readable | None = None) -> list[str]:
    """One change in Russian, one line per fact (names and references readable when ``readable`` is given)."""
    if readable is not None and (change.kind == "order" or change.kind.startswith("point_")):
        change = replace(change, old_value=readable.expand(change.old_value, readable.old),
                         new_value=readable.expand(change.new_value, readable.new))
    return WORDING[change.kind](change, readable)


def format_diff(result: PlanDiff) -> str:
    """The diff for people; empty when nothing changed."""
    if result.empty:
        return ""
    lines = [f"--- {result.old.display}", f"+++ {result.new.display}"]
    readable = Readable(result.old.plan, result.new.plan)
    for change in result.changes:
        lines.extend(format_change(change, readable))
    lines.extend(section_renumbering_lines(result.section_renumbering))
    if result.renumbering:
        runs = number_runs([(o.number, n.number) for o, n in result.renumbering])
        moved = ", ".join(" → ".join(run_labels(run)) for run in runs)
        lines.append(f"номера изменились (без других изменений): {moved}")
    return "\n".join(lines)


def section_renumbering_lines(pairs: list[tuple[SectionItem, SectionItem]]) -> list[str]:
    """«разделы 2 и 3 переставлены» for a swap, «номера разделов изменились: 3–4 → 2–3» for the rest."""
    shifts = {o.number: n.number for o, n in pairs}
    lines: list[str] = []
    swapped: set[tuple[int, ...]] = set()
    for old, new in sorted(shifts.items()):
        if shifts.get(new) == old and old not in swapped:
            swapped.update((old, new))
            first, second = sorted((old, new))
            lines.append(f"разделы {'.'.join(map(str, first))} и {'.'.join(map(str, second))} переставлены")
    rest = [(o, n) for o, n in shifts.items() if o not in swapped]
    if rest:
        moved = ", ".join(" → ".join(run_labels(run)) for run in number_runs(rest))
        lines.append(f"номера разделов изменились: {moved}")
    return lines

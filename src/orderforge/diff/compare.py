"""Computing the changes between two versions: :func:`diff_plans`, :func:`diff_specs`.

The activities are matched (:mod:`.match`), then every pair, every unmatched
activity and every change of the order, the plan and its sections becomes a
:class:`Change`, in the order of the new document. Wording the changes for
people is :mod:`.report`'s job (and the amending order's, :mod:`orderforge.amend`).
"""

from __future__ import annotations

import difflib
import operator
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from ..diagnostics import Diagnostic, Pos, UserError
from ..planmodel import Activity, Para, Period, Plan, Point, Ref
from ..slotted import field_names
from .match import _keep_in_order, flatten, match_items, match_sections
from .result import (
    ACTIVITY_FIELDS,
    Change,
    FieldChange,
    Item,
    PlanDiff,
    SectionItem,
    text_str,
)
from .sides import Side, load_side

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs diff's start-up (issue 12)
    from typing import Any

# --------------------------------------------------------------------------- field values


def deadline_str(activity: Activity) -> str:
    deadline = activity.deadline
    if deadline is None:
        return ""
    if deadline.text:
        return deadline.text
    from ..deadline import render_deadline

    return render_deadline(deadline)


def field_value(activity: Activity, name: str) -> str:
    if name == "id":
        return activity.id or ""
    if name == "text":
        return text_str(activity.text)
    if name == "result":
        return text_str(activity.result)
    if name == "deadline":
        return deadline_str(activity)
    if name == "responsible":
        return ", ".join(ref.key for ref in activity.responsible)
    if name == "note":
        return activity.note or ""
    raise KeyError(name)


def printed_responsible(activity: Activity, plan: Plan) -> str:
    """What the responsible cell is made of: the parties' names, the people's names and positions.

    Compared besides the codes because a party renamed in the directory (or a
    person with a new position) changes the printed plan though the plan file
    did not change — an amending order must say so.
    """
    parts = []
    for ref in activity.responsible:
        person = plan.directory.people.get(ref.key)
        party = plan.directory.parties.get(ref.key)
        if person is not None:
            parts.append(f"{person.short_name}, {person.position or ''}")
        else:
            parts.append(party.name if party is not None else ref.key)
    return "; ".join(parts)


# --------------------------------------------------------------------------- comparing


Flat = tuple[list[Item], list[SectionItem]]  # a version's activities and sections, as flatten() gives them


def diff_plans(old: Side, new: Side) -> PlanDiff:
    """Everything that changed from ``old`` to ``new``, in the order of the new document.

    What the directory prints (a party's name, a person's position, the
    signature) is compared only when both versions have their directory: with
    one missing, every code would read as renamed. That is said as a warning
    (OF110), as ``validate`` says it.
    """
    old_flat, new_flat = flatten(old.plan), flatten(new.plan)
    (old_items, old_sections), (new_items, new_sections) = old_flat, new_flat
    pairs = match_items(old_items, new_items)
    section_pairs = match_sections(old_sections, new_sections, pairs)
    warnings = directory_warnings(old, new)
    names = not warnings

    changes: list[Change] = []
    changes.extend(_order_changes(old.plan, new.plan, names))
    changes.extend(_block_changes("approval", old.plan.approval, new.plan.approval))
    changes.extend(_plan_changes(old.plan, new.plan))
    changes.extend(_section_changes(old_sections, new_sections, section_pairs))
    activities, renumbering = _activity_changes(old, new, (old_flat, new_flat), pairs, section_pairs, names)
    changes.extend(activities)
    section_renumbering = [(o, n) for o, n in section_pairs if o.label != n.label]
    return PlanDiff(old, new, changes, pairs, section_pairs, renumbering, section_renumbering, warnings)


def _reordered(pairs: list[tuple[Item, Item]], moved: set[int]) -> set[int]:
    """Activities that changed their place inside the same section: not in the longest run kept in order."""
    reordered: set[int] = set()
    groups: dict[tuple[int, ...], list[tuple[Item, Item]]] = {}
    for o, n in pairs:
        if id(o) not in moved:
            groups.setdefault(n.section, []).append((o, n))
    for group in groups.values():
        group.sort(key=lambda p: p[0].index)
        keep = _keep_in_order([n.index for _, n in group], [o.label == n.label for o, n in group])
        reordered.update(id(o) for k, (o, _) in enumerate(group) if k not in keep)
    return reordered


_FIELDS = ("id",) + ACTIVITY_FIELDS


def _field_changes(o: Activity, n: Activity, old: Plan, new: Plan, names: bool) -> list[FieldChange]:
    """The fields of a matched activity that differ; a responsible party renamed in the directory too."""
    values = [(name, field_value(o, name), field_value(n, name)) for name in _FIELDS]
    fields = [FieldChange(name, before, after) for name, before, after in values if before != after]
    if names and not any(f.field == "responsible" for f in fields) and (
            printed_responsible(o, old) != printed_responsible(n, new)):
        keys = field_value(n, "responsible")  # the same codes, renamed in the directory
        fields.append(FieldChange("responsible", keys, keys))
    return fields


def _activity_changes(
    old: Side, new: Side, flat: tuple[Flat, Flat], pairs: list[tuple[Item, Item]],
    section_pairs: list[tuple[SectionItem, SectionItem]], names: bool,
) -> tuple[list[Change], list[tuple[Item, Item]]]:
    """Every activity added, removed, moved or changed, in new document order; and those only renumbered."""
    (old_items, old_sections), (new_items, new_sections) = flat
    section_map: dict[tuple[int, ...], tuple[int, ...]] = {(): ()}
    section_map.update({o.number: n.number for o, n in section_pairs})
    old_section_by_no = {s.number: s for s in old_sections}
    new_section_by_no = {s.number: s for s in new_sections}
    moved = {id(o) for o, n in pairs if section_map.get(o.section) != n.section}
    reordered = _reordered(pairs, moved)

    found: list[tuple[tuple[float, int], Change]] = []
    renumbering: list[tuple[Item, Item]] = []
    for o, n in pairs:
        fields = _field_changes(o.activity, n.activity, old.plan, new.plan, names)
        kind = "moved" if id(o) in moved else "renumbered" if id(o) in reordered else "changed" if fields else ""
        if not kind:
            if o.label != n.label:
                renumbering.append((o, n))
            continue
        change = Change(kind, o, n, fields)
        if kind == "moved":
            change.old_section = old_section_by_no.get(o.section)
            change.new_section = new_section_by_no.get(n.section)
        found.append(((n.index, 1), change))
    matched_old = {o.index for o, _ in pairs}
    matched_new = {n.index for _, n in pairs}
    found.extend(((item.index, 2), Change("added", None, item)) for item in new_items if item.index not in matched_new)
    # A removed activity is listed where it stood: just after what preceded it, before anything added there.
    preceding = _new_position_of_old(old_items, pairs)
    found.extend(((preceding[item.index] + 0.5, 0), Change("removed", item, None))
                 for item in old_items if item.index not in matched_old)
    found.sort(key=lambda c: c[0])
    return [c for _, c in found], renumbering


def _new_position_of_old(old_items: list[Item], pairs: list[tuple[Item, Item]]) -> dict[int, int]:
    """For each old activity, the new index of the nearest earlier old activity that survived (-1: none)."""
    where = {o.index: n.index for o, n in pairs}
    result: dict[int, int] = {}
    last = -1
    for item in old_items:
        result[item.index] = last
        if item.index in where:
            last = where[item.index]
    return result


def _point_str(point: Point) -> str:
    lines = [text_str(point.text)]
    for n, item in enumerate(point.items, start=1):
        mark = f"{n})" if point.list_style == "numbered" else "–"
        lines.append(f"{mark} {text_str(item)}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- requisites

#: Lists inside the order and the plan that are compared by their own rules, not as one requisite.
STRUCTURED = frozenset({"points", "passport", "activities", "sections"})
_BOOKKEEPING = frozenset({"pos", "field_pos"})

#: How a value of the model reads as one string, by its type (lists and tuples: one line per element).
_AS_TEXT: dict[type, Callable[[Any], str]] = {
    str: str,
    type(None): lambda _: "",
    bool: lambda value: "да" if value else "нет",
    date: date.isoformat,
    Ref: lambda ref: ref.key,
    Period: lambda period: period.text,
    Para: lambda para: f"- {para.text}" if para.kind == "dash" else para.text,
}


def requisite_text(value: Any) -> str:
    """One field of the model as the string compared and shown (a title's lines one per line)."""
    if isinstance(value, (list, tuple)):
        return "\n".join(requisite_text(v) for v in value)
    return _AS_TEXT[type(value)](value)


def requisites(block: Any) -> dict[str, str]:
    """Every field of a block (order, approval, plan body) but the lists compared on their own.

    Taken from the model's own fields, not from a list kept here: a key added to
    the format is compared from the day it is printed (a list of its own made
    the approval stamp invisible to ``diff``).
    """
    if block is None:
        return {}
    return {name: requisite_text(getattr(block, name)) for name in field_names(block)
            if name not in STRUCTURED | _BOOKKEEPING}


def _plan_requisites(plan: Plan) -> dict[str, str]:
    return {"style": plan.style, **requisites(plan.plan)}


Printed = Callable[[str], str]  # a text as the document prints it ([[…]] expanded), for one version


def _as_written(text: str) -> str:
    return text


def printed_text(plan: Plan) -> Printed:
    """``[[id|дат]]`` in the order's texts as this version prints them, through its own directory.

    A person renamed in the directory changes the printed order though the plan
    file did not change. The change keeps the texts as written (``--json`` shows
    the plan's words); only the comparison goes by what is printed.
    """
    def printed(text: str) -> str:
        if "[[" not in text:
            return text
        from ..resolve import expand_references

        try:
            return expand_references(text, plan)
        except Exception:  # noqa: BLE001 - a broken reference is validate's to report; compare it as written
            return text

    return printed


class PrintedTexts:
    """The order's texts of two versions compared as printed, declined only when that can tell them apart.

    A text prints through the directory entries its ``[[…]]`` spans name, and nothing
    else: the same words naming entries that read the same in both directories print
    the same, so only a text that differs, or names an entry that changed, is expanded.
    That spares building pymorphy3's analyser (~0.15 s) in the usual diff, where the
    order's texts did not change. ``names`` false (a directory missing): compared as written.
    """

    def __init__(self, old: Plan, new: Plan, names: bool) -> None:
        self.old, self.new, self.names = old, new, names
        self.printed = (printed_text(old), printed_text(new)) if names else (_as_written, _as_written)

    def differ(self, a: str, b: str) -> bool:
        """Whether ``a`` in the old version and ``b`` in the new one print differently."""
        if a == b and self._prints_alike(a):
            return False
        return self.printed[0](a) != self.printed[1](b)

    def keys(self, old: list[str], new: list[str]) -> tuple[list[str], list[str]]:
        """Two lists of texts as printed; as written when they are the same texts printing alike."""
        if old == new and all(self._prints_alike(text) for text in old):
            return old, new
        return [self.printed[0](text) for text in old], [self.printed[1](text) for text in new]

    def _prints_alike(self, text: str) -> bool:
        """Whether every entry ``text`` names reads the same in both directories (where it was written aside)."""
        if not self.names or "[[" not in text:
            return True
        from ..refs import find_refs

        old, new = self.old.directory, self.new.directory
        return all(_same_entry(old.people.get(span.key), new.people.get(span.key))
                   and _same_entry(old.parties.get(span.key), new.parties.get(span.key))
                   for span in find_refs(text)[0])


def _same_entry(a: Any, b: Any) -> bool:
    """Two directory entries (Person, Party or None) equal in all but where they were written."""
    if a is None or b is None:
        return a is b
    return type(a) is type(b) and all(getattr(a, name) == getattr(b, name)
                                      for name in field_names(a) if name not in _BOOKKEEPING)


def _block_changes(kind: str, old: Any, new: Any, differ: Callable[[str, str], bool] = operator.ne
                   ) -> Iterator[Change]:
    """A block added or removed, else each requisite printed differently (``kind``: order, approval, plan)."""
    if old is None and new is None:
        return
    if old is None or new is None:
        yield Change(kind, field_name=kind, old_value="есть" if old else "нет", new_value="есть" if new else "нет")
        return
    a, b = requisites(old), requisites(new)
    yield from (Change(kind, field_name=key, old_value=a[key], new_value=b[key])
                for key in a if differ(a[key], b[key]))


def printed_signatory(plan: Plan) -> str:
    """The signature as the directory prints it: the person's position and name."""
    order = plan.order
    person = plan.directory.people.get(order.signatory.key) if order and order.signatory else None
    if person is None:
        return ""
    position = requisite_text(person.signature_position or person.position).replace("\n", " ")
    return f"{position} {person.signature_name}".strip()


def _order_changes(old: Plan, new: Plan, names: bool) -> Iterator[Change]:
    """The order's requisites, its signature as printed (``names``: both directories known), its points."""
    printed = PrintedTexts(old, new, names)
    changes = list(_block_changes("order", old.order, new.order, printed.differ))
    yield from changes
    if old.order is None or new.order is None:
        return
    renamed = printed_signatory(old) != printed_signatory(new)
    if names and renamed and not any(c.field_name == "signatory" for c in changes):
        yield Change("order", field_name="signatory", old_value=printed_signatory(old),
                     new_value=printed_signatory(new))
    old_points = [_point_str(p) for p in old.order.points]
    new_points = [_point_str(p) for p in new.order.points]
    yield from _list_changes(old_points, new_points, "point", keys=printed.keys(old_points, new_points))


def _list_changes(old: list[str], new: list[str], what: str, labels: tuple[list[str], list[str]] | None = None,
                  keys: tuple[list[str], list[str]] | None = None) -> Iterator[Change]:
    """Changes between two lists of strings (order points, passport rows) by difflib opcodes.

    ``keys``: what is compared, when it differs from what is shown (points as printed, shown as written).
    """
    matcher = difflib.SequenceMatcher(None, *(keys or (old, new)), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            for i, j in zip(range(i1, i2), range(j1, j2), strict=False):
                yield Change(f"{what}_changed", old_number=i + 1, new_number=j + 1, old_value=old[i], new_value=new[j],
                             label=labels[1][j] if labels else "")
            continue
        for i in range(i1, i2):
            yield Change(f"{what}_removed", old_number=i + 1, old_value=old[i], label=labels[0][i] if labels else "")
        for j in range(j1, j2):
            yield Change(f"{what}_added", new_number=j + 1, new_value=new[j], label=labels[1][j] if labels else "")


def _plan_changes(old: Plan, new: Plan) -> Iterator[Change]:
    a, b = _plan_requisites(old), _plan_requisites(new)
    yield from (Change("plan", field_name=key, old_value=a[key], new_value=b[key]) for key in a if a[key] != b[key])
    old_rows = [e.label + "\n" + "\n".join(e.items) for e in old.plan.passport]
    new_rows = [e.label + "\n" + "\n".join(e.items) for e in new.plan.passport]
    labels = ([e.label for e in old.plan.passport], [e.label for e in new.plan.passport])
    yield from _list_changes(old_rows, new_rows, "passport", labels)


def _section_changes(
    old: list[SectionItem], new: list[SectionItem], pairs: list[tuple[SectionItem, SectionItem]],
) -> Iterator[Change]:
    matched_old = {id(o) for o, _ in pairs}
    matched_new = {id(n) for _, n in pairs}
    for s in old:
        if id(s) not in matched_old:
            yield Change("section_removed", old_section=s)
    for o, n in pairs:
        fields = []
        if o.section.title != n.section.title:
            fields.append(FieldChange("title", o.section.title, n.section.title))
        if o.section.numbered != n.section.numbered:
            fields.append(FieldChange("numbered", "да" if o.section.numbered else "нет",
                                      "да" if n.section.numbered else "нет"))
        if fields:
            yield Change("section_changed", old_section=o, new_section=n, fields=fields)
    for s in new:
        if id(s) not in matched_new:
            yield Change("section_added", new_section=s)


def diff_specs(old_spec: str, new_spec: str | None = None, cwd: Path | None = None) -> PlanDiff:
    """``diff OLD NEW``; with one argument, the other side is implied.

    A lone file is compared with its committed version (``HEAD:path``); a lone
    ``REV:path`` with the file in the working tree — both are «what did I change
    since then». The directories are loaded so that people show by name. The cycle
    collector stays paused throughout (see :func:`orderforge.load.paused_gc`): after the two
    plans are loaded, each collection of the oldest generation walks both whole models.
    """
    from ..load import paused_gc

    with paused_gc():
        return _diff_specs(old_spec, new_spec, cwd)


def _diff_specs(old_spec: str, new_spec: str | None, cwd: Path | None) -> PlanDiff:
    if new_spec is None:
        from ..gitio import head_spec, parse_rev_path, worktree_path

        path = Path(old_spec)
        rev_path = None if path.is_file() else parse_rev_path(old_spec)
        if rev_path is not None:
            working = worktree_path(rev_path, cwd)
            if not working.is_file():
                raise UserError.simple("OF001", str(working), "файл не найден в рабочей папке",
                                       f"укажите, с чем сравнить: orderforge diff {old_spec} ПУТЬ.yaml")
            from ..paths import display_path

            return diff_plans(load_side(old_spec, directory=True, cwd=cwd),
                              load_side(display_path(working), directory=True, cwd=cwd))
        if not path.is_file():
            raise UserError.simple("OF001", old_spec, "файл не найден", "проверьте путь к файлу плана")
        rev, folder = head_spec(path)
        new_side = load_side(old_spec, directory=True, cwd=cwd)
        old_side = load_side(str(rev), directory=True, cwd=folder)
        return diff_plans(old_side, new_side)
    return diff_plans(load_side(old_spec, directory=True, cwd=cwd), load_side(new_spec, directory=True, cwd=cwd))


# --------------------------------------------------------------------------- a directory one side lacks

_NO_NAMES = "названия ответственных, должности и подпись из справочника не сравниваются"
_NO_NAMES_HINT = ("верните справочник на место или исправьте путь в «directory:» — тогда будут сравнены "
                  "и изменения в самом справочнике")


def directory_warnings(old: Side, new: Side) -> list[Diagnostic]:
    """OF110 for each version whose directory could not be read; the same file missing on both: said once."""
    found = [w for w in (_directory_warning(old), _directory_warning(new)) if w is not None]
    return list(dict.fromkeys(found))


def _directory_warning(side: Side) -> Diagnostic | None:
    from ..validate import UncheckedDirectory

    directory = side.plan.directory
    if isinstance(directory, UncheckedDirectory):
        state = "не найден" if directory.announced else "не прочитан: в нём есть ошибки"
        return Diagnostic("OF110", "warning", f"справочник «{directory.source}» {state} — {_NO_NAMES}",
                          directory.first_error, _NO_NAMES_HINT)
    if directory.source or not _references(side.plan):
        return None
    return Diagnostic("OF110", "warning", f"справочник для {side.display} не найден — {_NO_NAMES}",
                      Pos(side.display), _NO_NAMES_HINT)


def _references(plan: Plan) -> bool:
    """Whether the plan names anyone from a directory (a plan naming no one needs none)."""
    signed = plan.order is not None and plan.order.signatory is not None
    return signed or any(activity.responsible for activity in plan.all_activities())

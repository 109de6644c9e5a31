"""Computing the changes between two versions: :func:`diff_plans`, :func:`diff_specs`.

The activities are matched (:mod:`.match`), then every pair, every unmatched
activity and every change of the order, the plan and its sections becomes a
:class:`Change`, in the order of the new document. Wording the changes for
people is :mod:`.report`'s job (and the amending order's, :mod:`orderforge.amend`).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..diagnostics import UserError
from ..model import Activity, Order, Plan, Point
from .match import _keep_in_order, flatten, match_items, match_sections
from .result import (
    ACTIVITY_FIELDS,
    ORDER_FIELD_RU,
    PLAN_FIELD_RU,
    Change,
    FieldChange,
    Item,
    PlanDiff,
    SectionItem,
    text_str,
)
from .sides import Side, load_side

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


def diff_plans(old: Side, new: Side) -> PlanDiff:
    """Everything that changed from ``old`` to ``new``, in the order of the new document."""
    old_items, old_sections = flatten(old.plan)
    new_items, new_sections = flatten(new.plan)
    pairs = match_items(old_items, new_items)
    section_pairs = match_sections(old_sections, new_sections, pairs)
    section_map: dict[tuple[int, ...], tuple[int, ...]] = {(): ()}
    section_map.update({o.number: n.number for o, n in section_pairs})
    old_section_by_no = {s.number: s for s in old_sections}
    new_section_by_no = {s.number: s for s in new_sections}

    changes: list[Change] = []
    changes.extend(_order_changes(old.plan.order, new.plan.order))
    changes.extend(_plan_changes(old.plan, new.plan))
    changes.extend(_section_changes(old_sections, new_sections, section_pairs))

    # Activities that changed their place inside the same section: not in the longest run kept in order.
    moved = {id(o) for o, n in pairs if section_map.get(o.section) != n.section}
    reordered: set[int] = set()
    groups: dict[tuple[int, ...], list[tuple[Item, Item]]] = {}
    for o, n in pairs:
        if id(o) not in moved:
            groups.setdefault(n.section, []).append((o, n))
    for group in groups.values():
        group.sort(key=lambda p: p[0].index)
        keep = _keep_in_order([n.index for _, n in group], [o.label == n.label for o, n in group])
        reordered.update(id(o) for k, (o, _) in enumerate(group) if k not in keep)

    activity_changes: list[tuple[tuple[float, int], Change]] = []
    renumbering: list[tuple[Item, Item]] = []
    for o, n in pairs:
        fields = [
            FieldChange(name, field_value(o.activity, name), field_value(n.activity, name))
            for name in ("id",) + ACTIVITY_FIELDS
            if field_value(o.activity, name) != field_value(n.activity, name)
        ]
        if not any(f.field == "responsible" for f in fields) and (
                printed_responsible(o.activity, old.plan) != printed_responsible(n.activity, new.plan)):
            keys = field_value(n.activity, "responsible")  # the same codes, renamed in the directory
            fields.append(FieldChange("responsible", keys, keys))
        if id(o) in moved:
            kind = "moved"
        elif id(o) in reordered:
            kind = "renumbered"
        elif fields:
            kind = "changed"
        else:
            if o.label != n.label:
                renumbering.append((o, n))
            continue
        change = Change(kind, o, n, fields)
        if kind == "moved":
            change.old_section = old_section_by_no.get(o.section)
            change.new_section = new_section_by_no.get(n.section)
        activity_changes.append(((n.index, 1), change))
    matched_old = {o.index for o, _ in pairs}
    matched_new = {n.index for _, n in pairs}
    for item in new_items:
        if item.index not in matched_new:
            activity_changes.append(((item.index, 2), Change("added", None, item)))
    # A removed activity is listed where it stood: just after what preceded it, before anything added there.
    preceding = _new_position_of_old(old_items, pairs)
    for item in old_items:
        if item.index not in matched_old:
            activity_changes.append(((preceding[item.index] + 0.5, 0), Change("removed", item, None)))
    activity_changes.sort(key=lambda c: c[0])
    changes.extend(c for _, c in activity_changes)
    section_renumbering = [(o, n) for o, n in section_pairs if o.label != n.label]
    return PlanDiff(old, new, changes, pairs, section_pairs, renumbering, section_renumbering)


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


def _lines(value: Any) -> str:
    """A title given as one string or as a list of lines."""
    return "\n".join(value) if isinstance(value, (list, tuple)) else str(value or "")


def _order_fields(order: Order | None) -> dict[str, str]:
    if order is None:
        return {}
    return {
        "kind": order.kind,
        "issuer": "\n".join(order.issuer),
        "issuer_genitive": order.issuer_genitive or "",
        "date": order.date.isoformat() if order.date else "",
        "number": order.number or "",
        "place": order.place or "",
        "title": _lines(order.title),
        "preamble": text_str(order.preamble),
        "operative": order.operative or "",
        "control": order.control or "",
        "signatory": order.signatory.key if order.signatory else "",
    }


def _order_changes(old: Order | None, new: Order | None) -> Iterator[Change]:
    if old is None and new is None:
        return
    if old is None or new is None:
        yield Change("order", field_name="order", old_value="есть" if old else "нет", new_value="есть" if new else "нет")
        return
    a, b = _order_fields(old), _order_fields(new)
    for key in ORDER_FIELD_RU:
        if a[key] != b[key]:
            yield Change("order", field_name=key, old_value=a[key], new_value=b[key])
    old_points = [_point_str(p) for p in old.points]
    new_points = [_point_str(p) for p in new.points]
    yield from _list_changes(old_points, new_points, "point")


def _list_changes(old: list[str], new: list[str], what: str, labels: tuple[list[str], list[str]] | None = None
                  ) -> Iterator[Change]:
    """Changes between two lists of strings (order points, passport rows) by difflib opcodes."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
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
    def fields(plan: Plan) -> dict[str, str]:
        return {"style": plan.style, "title": _lines(plan.plan.title),
                "period": plan.plan.period.text if plan.plan.period else "",
                "activities_title": getattr(plan.plan, "activities_title", None) or ""}

    a, b = fields(old), fields(new)
    for key in PLAN_FIELD_RU:
        if a[key] != b[key]:
            yield Change("plan", field_name=key, old_value=a[key], new_value=b[key])
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
            fields.append(FieldChange("numbered", "да" if o.section.numbered else "нет", "да" if n.section.numbered else "нет"))
        if fields:
            yield Change("section_changed", old_section=o, new_section=n, fields=fields)
    for s in new:
        if id(s) not in matched_new:
            yield Change("section_added", new_section=s)


def diff_specs(old_spec: str, new_spec: str | None = None, cwd: Path | None = None) -> PlanDiff:
    """``diff OLD NEW``; with one argument, the other side is implied.

    A lone file is compared with its committed version (``HEAD:path``); a lone
    ``REV:path`` with the file in the working tree — both are «what did I change
    since then». The directories are loaded so that people show by name.
    """
    if new_spec is None:
        from ..gitio import head_spec, parse_rev_path, worktree_path

        path = Path(old_spec)
        rev_path = None if path.is_file() else parse_rev_path(old_spec)
        if rev_path is not None:
            working = worktree_path(rev_path, cwd)
            if not working.is_file():
                raise UserError.simple("OF001", str(working), "файл не найден в рабочей папке",
                                       f"укажите, с чем сравнить: orderforge diff {old_spec} ПУТЬ.yaml")
            from ..validate import display_path

            return diff_plans(load_side(old_spec, directory=True, cwd=cwd),
                              load_side(display_path(working), directory=True, cwd=cwd))
        if not path.is_file():
            raise UserError.simple("OF001", old_spec, "файл не найден", "проверьте путь к файлу плана")
        rev, folder = head_spec(path)
        new_side = load_side(old_spec, directory=True, cwd=cwd)
        old_side = load_side(str(rev), directory=True, cwd=folder)
        return diff_plans(old_side, new_side)
    return diff_plans(load_side(old_spec, directory=True, cwd=cwd), load_side(new_spec, directory=True, cwd=cwd))

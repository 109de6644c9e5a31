"""Compare two versions of a plan in plan terms: what happened to which activity.

A line-by-line diff of YAML tells a clerk nothing about the document: inserting
one activity renumbers all that follow, and a moved row shows as a deletion and
an insertion far apart. This module matches the activities of the two versions
and reports, with the numbers of both versions:

* an activity added, removed, moved to another section, or moved within its
  section («renumbered» — the clerk changed its place, not only its number);
* which of its fields (text, deadline, responsible, result, note, id) changed
  from what to what;
* changes of the order (title, points, …), of the plan (title, period,
  passport) and of sections (added, removed, retitled).

Numbers that change only because something was added, removed or moved
before an activity are not changes of that activity: they show as «(было N)»
next to its number and are listed in :attr:`PlanDiff.renumbering` (the
amending order needs them: «пункты 2.3–2.9 считать пунктами 2.4–2.10»).

Matching rules (in this order):

1. by ``id``: activities with the same id are the same activity (duplicate
   ids are paired in document order);
2. by text: among the rest, every old/new pair whose texts have a
   ``difflib`` ratio ≥ 0.6 is a candidate; the best pairs are taken first
   (ties: the pair whose positions are closer, then the earlier one). Two
   activities that both have ids, and different ones, are never paired.

Sections have no ids: they are matched by exact title, then by title
similarity (≥ 0.6), then by where most of their activities went.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional

from .diagnostics import Report, UserError
from .model import Activity, Directory, Order, Plan, Point, Section, Text

SIMILARITY = 0.6

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
PLAN_FIELD_RU = {"style": "оформление", "title": "заголовок", "period": "период",
                 "activities_title": "заголовок мероприятий до первого раздела"}


# --------------------------------------------------------------------------- loading both sides


@dataclass
class Side:
    """One version of a plan: the model and how to name it in messages."""

    spec: str
    display: str
    plan: Plan
    path: Path  # where the plan lives (or would live) in the working tree


def load_side(spec: str, *, directory: bool = False, cwd: Optional[Path] = None) -> Side:
    """A plan from a file or from ``REV:path`` (through ``git show``).

    Only the file's own structure is needed to compare versions, so a plan with
    schema errors is still compared as far as it goes; a file that is not YAML
    at all is an error (exit code 1). ``directory`` also loads the directory
    (for the amending order's signature).
    """
    from .gitio import parse_rev_path, show, worktree_path
    from .load import decode, load_file, load_text
    from .schema import Ctx
    from .spec import PLAN, assemble
    from .validate import display_path

    report = Report()
    path = Path(spec)
    if path.is_file():
        display = display_path(path)
        loaded = load_file(path, display)
        report.extend(loaded.report)
        root = loaded.root
    else:
        rev = parse_rev_path(spec)
        if rev is None:
            raise UserError.simple("OF001", spec, "файл не найден",
                                   "укажите путь к плану или версию из git: HEAD:plans/план.yaml")
        display = str(rev)
        text = decode(show(rev, cwd), display, report)
        root = load_text(text, display, report) if text is not None else None
        path = worktree_path(rev, cwd)
    if root is None:
        raise UserError(report.errors or report.sorted(), exit_code=1)
    parts = PLAN.convert(root, Ctx(report))
    if parts is None:
        raise UserError(report.errors, exit_code=1)
    found = Directory()
    if directory:
        from .validate import _directory

        found = _directory(parts, path, report)
    return Side(spec, display, assemble(parts, found, display), path)


# --------------------------------------------------------------------------- flattening


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


def flatten(plan: Plan) -> tuple[list[Item], list[SectionItem]]:
    """Every activity and section with the numbers orderforge gives them (as resolve.py does)."""
    items: list[Item] = []
    sections: list[SectionItem] = []
    for n, activity in enumerate(plan.plan.activities, start=1):
        items.append(Item(activity, (n,), (), len(items)))

    def walk(section: Section, number: tuple[int, ...], parent: tuple[int, ...]) -> None:
        sections.append(SectionItem(number, section, parent))
        for n, activity in enumerate(section.activities, start=1):
            items.append(Item(activity, number + (n,), number, len(items)))
        for n, sub in enumerate(section.sections, start=len(section.activities) + 1):
            walk(sub, number + (n,), number)

    for n, section in enumerate(plan.plan.sections, start=1):
        walk(section, (n,), ())
    return items, sections


# --------------------------------------------------------------------------- field values


def text_str(text: Text) -> str:
    """A text field as one string, list items marked as typed: «- пункт», «1) пункт»."""
    return "\n".join(f"- {p.text}" if p.kind == "dash" else p.text for p in text)


def deadline_str(activity: Activity) -> str:
    deadline = activity.deadline
    if deadline is None:
        return ""
    if deadline.text:
        return deadline.text
    from .deadline import render_deadline

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


def similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < SIMILARITY or matcher.quick_ratio() < SIMILARITY:
        return 0.0
    return matcher.ratio()


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
    order, point_added, point_removed, point_changed (the order); plan, passport_added,
    passport_removed, passport_changed (the plan); section_added, section_removed,
    section_changed (sections)."""

    kind: str
    old: Optional[Item] = None
    new: Optional[Item] = None
    fields: list[FieldChange] = field(default_factory=list)
    old_section: Optional[SectionItem] = None
    new_section: Optional[SectionItem] = None
    # order/plan/passport level
    field_name: str = ""
    old_value: str = ""
    new_value: str = ""
    old_number: Optional[int] = None
    new_number: Optional[int] = None
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

    @property
    def empty(self) -> bool:
        return not self.changes

    def to_json(self) -> dict[str, Any]:
        return {
            "old": self.old.display,
            "new": self.new.display,
            "changes": [c.to_json() for c in self.changes],
            "renumbering": [
                {"id": o.activity.id, "old_number": o.label, "new_number": n.label} for o, n in self.renumbering
            ],
        }


# --------------------------------------------------------------------------- matching


def match_items(old: list[Item], new: list[Item]) -> list[tuple[Item, Item]]:
    """Pair activities of two versions: by id, then by text similarity (best pairs first)."""
    pairs: list[tuple[Item, Item]] = []
    by_id: dict[str, list[Item]] = {}
    for item in new:
        if item.activity.id:
            by_id.setdefault(item.activity.id, []).append(item)
    used_old: set[int] = set()
    used_new: set[int] = set()
    for item in old:
        candidates = by_id.get(item.activity.id or "")
        if candidates:
            partner = candidates.pop(0)
            pairs.append((item, partner))
            used_old.add(item.index)
            used_new.add(partner.index)
    rest_old = [i for i in old if i.index not in used_old]
    rest_new = [i for i in new if i.index not in used_new]
    scored: list[tuple[float, int, int, int, Item, Item]] = []
    for o in rest_old:
        o_text = text_str(o.activity.text)
        for n in rest_new:
            if o.activity.id and n.activity.id and o.activity.id != n.activity.id:
                continue
            ratio = similarity(o_text, text_str(n.activity.text))
            if ratio >= SIMILARITY:
                scored.append((-ratio, abs(o.index - n.index), o.index, n.index, o, n))
    scored.sort(key=lambda s: s[:4])
    for _, _, oi, ni, o, n in scored:
        if oi in used_old or ni in used_new:
            continue
        pairs.append((o, n))
        used_old.add(oi)
        used_new.add(ni)
    pairs.sort(key=lambda p: p[1].index)
    return pairs


def match_sections(
    old: list[SectionItem], new: list[SectionItem], pairs: list[tuple[Item, Item]],
) -> list[tuple[SectionItem, SectionItem]]:
    """Pair sections: same title, then similar title, then where most of their activities went."""
    result: list[tuple[SectionItem, SectionItem]] = []
    free_old = list(old)
    free_new = list(new)

    def take(o: SectionItem, n: SectionItem) -> None:
        result.append((o, n))
        free_old.remove(o)
        free_new.remove(n)

    for o in list(free_old):
        same = [n for n in free_new if n.section.title == o.section.title]
        if same:
            take(o, min(same, key=lambda n: (n.parent != o.parent, abs(len(n.number) - len(o.number)))))
    scored = sorted(
        ((-similarity(o.section.title, n.section.title), o.number, n.number, o, n) for o in free_old for n in free_new),
        key=lambda s: s[:3],
    )
    for score, _, _, o, n in scored:
        if -score >= SIMILARITY and o in free_old and n in free_new:
            take(o, n)
    for o in list(free_old):
        votes: dict[tuple[int, ...], int] = {}
        own = [(a, b) for a, b in pairs if a.section == o.number]
        for _, b in own:
            votes[b.section] = votes.get(b.section, 0) + 1
        for number, count in sorted(votes.items(), key=lambda v: -v[1]):
            target = next((n for n in free_new if n.number == number), None)
            if target is not None and count * 2 > len(own):
                take(o, target)
                break
    result.sort(key=lambda p: p[1].number)
    return result


def _keep_in_order(values: list[int], stable: list[bool]) -> set[int]:
    """Indexes of the longest run of activities that kept their relative order.

    Among runs of the same length, the one with most activities that also kept
    their number wins: swapping 1.1 and 1.3 reports those two, not 1.2.
    """
    best: list[tuple[int, int]] = []
    prev: list[int] = []
    for i, v in enumerate(values):
        score, link = (1, int(stable[i])), -1
        for j in range(i):
            if values[j] < v:
                candidate = (best[j][0] + 1, best[j][1] + int(stable[i]))
                if candidate > score:
                    score, link = candidate, j
        best.append(score)
        prev.append(link)
    keep: set[int] = set()
    i = max(range(len(values)), key=lambda k: best[k]) if values else -1
    while i >= 0:
        keep.add(i)
        i = prev[i]
    return keep


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
    return PlanDiff(old, new, changes, pairs, section_pairs, renumbering)


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


def _order_fields(order: Optional[Order]) -> dict[str, str]:
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


def _order_changes(old: Optional[Order], new: Optional[Order]) -> Iterator[Change]:
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


def _list_changes(old: list[str], new: list[str], what: str, labels: Optional[tuple[list[str], list[str]]] = None
                  ) -> Iterator[Change]:
    """Changes between two lists of strings (order points, passport rows) by difflib opcodes."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            for i, j in zip(range(i1, i2), range(j1, j2)):
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


# --------------------------------------------------------------------------- text for people


def quote(text: str, limit: int = 0) -> str:
    """«text» on one line (paragraphs joined by « / »), shortened to ``limit`` characters."""
    flat = " / ".join(line for line in text.split("\n") if line.strip()) if "\n" in text else text
    if limit and len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return f"«{flat}»"


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


def _label(change: Change) -> str:
    o, n = change.old, change.new
    if o and n:
        return f"п. {n.label}" if o.label == n.label else f"п. {n.label} (было {o.label})"
    if n:
        return f"п. {n.label}"
    assert o is not None
    return f"было п. {o.label}"


def _section_name(s: Optional[SectionItem], genitive: bool = False) -> str:
    if s is None:
        return "мероприятий вне разделов" if genitive else "мероприятия вне разделов"
    return f"{'раздела' if genitive else 'раздел'} {s.label} «{s.section.title}»"


def _field_lines(prefix: str, fields: list[FieldChange]) -> list[str]:
    lines = []
    for f in fields:
        old, new = fragment(f.old, f.new)
        name = FIELD_RU.get(f.field, "нумерация заголовка" if f.field == "numbered" else "заголовок")
        lines.append(f"{prefix}: {name}: {quote(old)} → {quote(new)}")
    return lines


def format_change(change: Change) -> list[str]:
    """One change in Russian, one line per fact."""
    kind = change.kind
    if kind == "added":
        assert change.new is not None
        return [f"{_label(change)}: добавлено мероприятие {quote(text_str(change.new.activity.text), 90)}"]
    if kind == "removed":
        assert change.old is not None
        return [f"{_label(change)}: исключено мероприятие {quote(text_str(change.old.activity.text), 90)}"]
    if kind == "moved":
        head = (f"{_label(change)}: перенесено из {_section_name(change.old_section, genitive=True)} "
                f"в {_section_name(change.new_section)}")
        return [head] + _field_lines(_label(change), change.fields)
    if kind == "renumbered":
        return [f"{_label(change)}: переставлено внутри раздела"] + _field_lines(_label(change), change.fields)
    if kind == "changed":
        return _field_lines(_label(change), change.fields)
    if kind == "section_added":
        assert change.new_section is not None
        return [f"раздел {change.new_section.label}: добавлен {quote(change.new_section.section.title)}"]
    if kind == "section_removed":
        assert change.old_section is not None
        return [f"было: раздел {change.old_section.label}: исключён {quote(change.old_section.section.title)}"]
    if kind == "section_changed":
        o, n = change.old_section, change.new_section
        assert o is not None and n is not None
        prefix = f"раздел {n.label}" + (f" (было {o.label})" if o.label != n.label else "")
        return _field_lines(prefix, change.fields)
    if kind == "order" and change.field_name == "order":
        return ["приказ: добавлен" if change.new_value == "есть" else "приказ: удалён"]
    if kind == "order":
        old, new = fragment(change.old_value, change.new_value)
        return [f"приказ: {ORDER_FIELD_RU.get(change.field_name, change.field_name)}: {quote(old)} → {quote(new)}"]
    if kind == "plan":
        old, new = fragment(change.old_value, change.new_value)
        return [f"план: {PLAN_FIELD_RU.get(change.field_name, change.field_name)}: {quote(old)} → {quote(new)}"]
    if kind.startswith("point_"):
        if kind == "point_added":
            return [f"приказ: пункт {change.new_number}: добавлен {quote(change.new_value, 90)}"]
        if kind == "point_removed":
            return [f"приказ: было: пункт {change.old_number}: исключён {quote(change.old_value, 90)}"]
        old, new = fragment(change.old_value, change.new_value)
        where = f"пункт {change.new_number}" + (f" (был {change.old_number})" if change.old_number != change.new_number else "")
        return [f"приказ: {where}: {quote(old)} → {quote(new)}"]
    if kind.startswith("passport_"):
        if kind == "passport_added":
            return [f"паспорт: добавлена строка «{change.label}»"]
        if kind == "passport_removed":
            return [f"паспорт: исключена строка «{change.label}»"]
        old, new = fragment(change.old_value.split("\n", 1)[-1], change.new_value.split("\n", 1)[-1])
        return [f"паспорт: строка «{change.label}»: {quote(old)} → {quote(new)}"]
    return [f"{kind}: {change.old_value} → {change.new_value}"]  # pragma: no cover - every kind is handled above


def format_diff(result: PlanDiff) -> str:
    """The diff for people; empty when nothing changed."""
    if result.empty:
        return ""
    lines = [f"--- {result.old.display}", f"+++ {result.new.display}"]
    for change in result.changes:
        lines.extend(format_change(change))
    if result.renumbering:
        moved = ", ".join(f"{o.label} → {n.label}" for o, n in result.renumbering)
        lines.append(f"номера изменились (без других изменений): {moved}")
    return "\n".join(lines)


def diff_specs(old_spec: str, new_spec: Optional[str] = None, cwd: Optional[Path] = None) -> PlanDiff:
    """``diff OLD NEW``; with one argument, OLD is the file as committed (``HEAD:path``)."""
    if new_spec is None:
        from .gitio import head_spec

        path = Path(old_spec)
        if not path.is_file():
            raise UserError.simple("OF001", old_spec, "файл не найден", "проверьте путь к файлу плана")
        rev, folder = head_spec(path)
        new_side = load_side(old_spec, cwd=cwd)
        old_side = load_side(str(rev), cwd=folder)
        return diff_plans(old_side, new_side)
    return diff_plans(load_side(old_spec, cwd=cwd), load_side(new_spec, cwd=cwd))

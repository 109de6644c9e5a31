"""The plan file: :class:`~.imported.Imported` → YAML text.

A tree of plain mappings and lists (yamltext's :class:`~.yamltext.Map` and
:class:`~.yamltext.Seq`) with the keys in the order the format lists them
(spec.py), written in fmt's layout by :mod:`.yamltext`, and comments for the
clerk: where each activity and section came from in the document, and a
``TODO`` marker at every value import could not read.
"""

from __future__ import annotations

from collections import Counter

from .imported import ActivityOut, Imported, OrderOut, SectionOut
from .treewrite import dump_tree
from .yamltext import Map, Seq, before_tokens, dump, flow_list

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs import's start-up (issue 11)
    from typing import Any



def _text(lines: list[str]) -> str:
    """Several lines as one text (the writer makes it a literal block); the writer folds a long one."""
    return "\n".join(lines) if len(lines) > 1 else lines[0] if lines else ""


#: Per spec (by id: the spec's blocks live as long as the program), its keys in order and as a set.
_ORDERS: dict[int, tuple[list[str], frozenset[str]]] = {}


def _ordered(mapping: dict[str, Any], spec: Any) -> Map:
    """The keys with a value, in the order the format (spec.py) lists them: the spec's keys taken in turn
    (a plan makes one such mapping per activity), not the mapping's sorted."""
    found = _ORDERS.get(id(spec))
    if found is None:
        keys = [f.key for f in spec.fields]
        found = _ORDERS[id(spec)] = (keys, frozenset(keys))
    keys, known = found
    if not known.issuperset(mapping):  # a key the format does not list: a slip of this module's
        raise KeyError(sorted(set(mapping) - known))
    return Map([(k, v) for k in keys if (v := mapping.get(k)) is not None])


def plan_yaml(imported: Imported, style: str, directory_ref: str | None, docx_name: str) -> str:
    """The plan file text (fmt's layout, keys in the order of spec.py, comments for the clerk)."""
    root, start = _plan_root(imported, style, directory_ref, docx_name)
    return dump(root, start)  # fmt's layout, written directly (no ruamel: see yamltext)


def plan_yaml_tree(imported: Imported, style: str, directory_ref: str | None, docx_name: str,
                   name: str) -> tuple[str, Any]:
    """:func:`plan_yaml`'s text and the tree the loader reads from it for the file shown as ``name`` (None
    where the writer cannot vouch for it: :func:`.treewrite.dump_tree`)."""
    root, start = _plan_root(imported, style, directory_ref, docx_name)
    return dump_tree(root, start, name)


def _plan_root(imported: Imported, style: str, directory_ref: str | None, docx_name: str) -> tuple[Map, str]:
    """The plan's tree and the comment above it."""
    from ..spec import APPROVAL, ORDER, PLAN, POINT

    root: dict[str, Any] = {"format": 1, "style": style, "directory": directory_ref}
    if imported.order is not None:
        root["order"] = _order_map(imported.order, ORDER, POINT)
    if imported.approval is not None:
        a = imported.approval
        root["approval"] = _ordered({"kind": a.kind, "issuer_genitive": a.issuer_genitive, "date": a.date,
                                     "number": a.number}, APPROVAL)
    root["plan"] = _plan_body_map(imported)
    start = (f"Импортировано из «{docx_name}» командой orderforge import.\n"
             "Проверьте места с пометкой TODO и предупреждения импорта, затем: orderforge validate")
    return _ordered(root, PLAN), start


def _plan_body_map(imported: Imported) -> Map:
    """The «plan:» mapping with the clerk's TODO comments; apart from plan_yaml to keep each step short."""
    from ..spec import ACTIVITY, PLAN_BODY, SECTION, SUBSECTION

    body: dict[str, Any] = {"title": _text(imported.title) if len(imported.title) > 1 else imported.title[0]}
    if imported.period:
        body["period"] = imported.period
    if imported.passport:
        passport = Seq()
        for label, items in imported.passport:
            passport.append(Map([("label", label), ("items", Seq(_text([i]) for i in items))]))
        body["passport"] = passport
    if imported.activities:
        if imported.activities_title:
            body["activities_title"] = imported.activities_title
        body["activities"] = _activities(imported.activities, ACTIVITY)
    if imported.sections:
        sections = Seq()
        for n, section in enumerate(imported.sections):
            sections.append(_section(section, SECTION, ACTIVITY, SUBSECTION))
            if section.label and section.label != "между частями таблицы":
                sections.comment_before(n, _section_comment(section))
        body["sections"] = sections
    plan_map = _ordered(body, PLAN_BODY)
    if imported.title_todo:
        plan_map.comment_eol("title", f"TODO: {imported.title_todo}")
    if imported.heading_comments:
        target = "activities" if "activities" in plan_map else None
        if target:
            text = "\n".join(f"в документе ещё один заголовок среди мероприятий верхнего уровня: «{h}»"
                             for h in imported.heading_comments)
            plan_map.comment_before(target, text)
    return plan_map


def _order_map(order: OrderOut, spec: Any, point_spec: Any) -> Map:
    points = Seq()
    for point in order.points:
        text = point.text or ["TODO: текст пункта не найден"]
        if not point.items:
            points.append(_text(text))
            continue
        kinds = Counter(point.kinds)
        style = "dash" if kinds["dash"] > kinds["numbered"] else "numbered"
        points.append(_ordered({"text": _text(text), "items": Seq(_text(i) for i in point.items),
                                "list": style}, point_spec))
    if not points:
        points.append("TODO: пункты приказа не найдены")
    values: dict[str, Any] = {
        "kind": order.kind,
        "issuer": Seq(order.issuer or ["TODO: наименование организации не найдено"]),
        "issuer_genitive": order.issuer_genitive or None,
        "date": order.date or "TODO: дата приказа не найдена",
        "number": order.number or "TODO: номер не найден",
        "place": order.place or None,
        "title": _text(order.title) if order.title else "TODO: заголовок приказа не найден",
        "preamble": _text(order.preamble) if order.preamble else None,
        "operative": order.operative or None,
        "points": points,
        "control": _text([order.control]) if order.control else None,
        "signatory": order.signatory or "TODO: подписант не найден",
    }
    mapping = _ordered(values, spec)
    for key, message in order.todo.items():
        if key in ("issuer", "points"):
            mapping.comment_before(key, f"TODO: {message}")
        else:
            mapping.comment_eol(key, f"TODO: {message}")
    return mapping


def _activity_map(activity: ActivityOut, spec: Any) -> Map:
    values: dict[str, Any] = {
        "text": _text(activity.text),
        "deadline": activity.deadline or None,
        "responsible": flow_list(activity.responsible) if activity.responsible else None,
        "result": _text(activity.result) if activity.result else None,
        "note": activity.note or None,
    }
    return _ordered(values, spec)


def _activities(activities: list[ActivityOut], spec: Any) -> Seq:
    seq = Seq()
    before = seq.before = {}
    for n, activity in enumerate(activities):
        seq.append(_activity_map(activity, spec))
        where = f"{activity.number.text} ({activity.label})" if activity.number else f"без номера ({activity.label})"
        before[n] = before_tokens("; ".join([where, *activity.remarks]) if activity.remarks else where)
        # (seq.comment_before's tokens for an item that has none yet: one call fewer per activity)
    return seq


def _section_comment(section: SectionOut) -> str:
    number = ".".join(map(str, section.number)) + "." if section.number and section.numbered else "без номера"
    return f"{number} ({section.label})" + (f"; TODO: {section.todo}" if section.todo else "")


def _section(section: SectionOut, spec: Any, activity_spec: Any, sub_spec: Any) -> Map:
    values: dict[str, Any] = {
        "title": section.title,
        "numbered": None if section.numbered else "нет",
        "activities": _activities(section.activities, activity_spec) if section.activities else None,
    }
    if section.sections and sub_spec is not None:
        subs = Seq()
        for n, sub in enumerate(section.sections):
            subs.append(_section(sub, sub_spec, activity_spec, None))
            if sub.label:
                subs.comment_before(n, _section_comment(sub))
        values["sections"] = subs
    return _ordered(values, spec)

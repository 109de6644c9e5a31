"""The plan file: :class:`~.imported.Imported` → YAML text.

A ruamel round-trip dump with the keys in the order the format lists them
(spec.py), long texts as block scalars, and comments for the clerk: where each
activity and section came from in the document, and a ``TODO`` marker at every
value import could not read.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from .imported import ActivityOut, Imported, OrderOut, SectionOut


def _yaml() -> Any:
    from ..yamlrt import round_trip_yaml

    return round_trip_yaml()


def _text(lines: list[str]) -> Any:
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    if len(lines) > 1:
        return LiteralScalarString("\n".join(lines))
    value = lines[0] if lines else ""
    if len(value) > 90 and not value.startswith((" ", "#")):
        return FoldedScalarString(value)
    return value


def _ordered(mapping: dict[str, Any], spec: Any) -> Any:
    """A CommentedMap with the keys in the order the format (spec.py) lists them."""
    from ruamel.yaml.comments import CommentedMap

    order = [f.key for f in spec.fields]
    out = CommentedMap()
    for key in sorted((k for k in mapping if mapping[k] is not None), key=lambda k: order.index(k)):
        out[key] = mapping[key]
    return out


def _flow(items: list[str]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def plan_yaml(imported: Imported, style: str, directory_ref: str | None, docx_name: str) -> str:
    """The plan file text (ruamel round-trip dump, keys in the order of spec.py, comments for the clerk)."""
    from ..spec import APPROVAL, ORDER, PLAN, POINT

    root: dict[str, Any] = {"format": 1, "style": style, "directory": directory_ref}
    if imported.order is not None:
        root["order"] = _order_map(imported.order, ORDER, POINT)
    if imported.approval is not None:
        a = imported.approval
        root["approval"] = _ordered({"kind": a.kind, "issuer_genitive": a.issuer_genitive, "date": a.date,
                                     "number": a.number}, APPROVAL)
    root["plan"] = _plan_body_map(imported)
    doc = _ordered(root, PLAN)
    doc.yaml_set_start_comment(
        f"Импортировано из «{docx_name}» командой orderforge import.\n"
        "Проверьте места с пометкой TODO и предупреждения импорта, затем: orderforge validate")
    from .yamltext import dump

    return dump(doc)  # fmt's layout, written directly: ruamel's dumper was the slowest step of import


def _plan_body_map(imported: Imported) -> Any:
    """The «plan:» mapping with the clerk's TODO comments; apart from plan_yaml to keep each step short."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from ..spec import ACTIVITY, PLAN_BODY, SECTION, SUBSECTION

    body: dict[str, Any] = {"title": _text(imported.title) if len(imported.title) > 1 else imported.title[0]}
    if imported.period:
        body["period"] = imported.period
    if imported.passport:
        passport = CommentedSeq()
        for label, items in imported.passport:
            passport.append(CommentedMap([("label", label), ("items", CommentedSeq(_text([i]) for i in items))]))
        body["passport"] = passport
    if imported.activities:
        if imported.activities_title:
            body["activities_title"] = imported.activities_title
        body["activities"] = _activities(imported.activities, ACTIVITY, 4)
    if imported.sections:
        sections = CommentedSeq()
        for n, section in enumerate(imported.sections):
            sections.append(_section(section, SECTION, ACTIVITY, SUBSECTION, 8))
            if section.label and section.label != "между частями таблицы":
                sections.yaml_set_comment_before_after_key(n, before=_section_comment(section), indent=4)
        body["sections"] = sections
    plan_map = _ordered(body, PLAN_BODY)
    if imported.title_todo:
        plan_map.yaml_add_eol_comment(f"TODO: {imported.title_todo}", "title")
    if imported.heading_comments:
        target = "activities" if "activities" in plan_map else None
        if target:
            text = "\n".join(f"в документе ещё один заголовок среди мероприятий верхнего уровня: «{h}»"
                             for h in imported.heading_comments)
            plan_map.yaml_set_comment_before_after_key(target, before=text, indent=2)
    return plan_map


def _order_map(order: OrderOut, spec: Any, point_spec: Any) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    points = CommentedSeq()
    for point in order.points:
        text = point.text or ["TODO: текст пункта не найден"]
        if not point.items:
            points.append(_text(text))
            continue
        kinds = Counter(point.kinds)
        style = "dash" if kinds["dash"] > kinds["numbered"] else "numbered"
        points.append(_ordered({"text": _text(text), "items": CommentedSeq(_text(i) for i in point.items),
                                "list": style}, point_spec))
    if not points:
        points.append("TODO: пункты приказа не найдены")
    values: dict[str, Any] = {
        "kind": order.kind,
        "issuer": CommentedSeq(order.issuer or ["TODO: наименование организации не найдено"]),
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
            mapping.yaml_set_comment_before_after_key(key, before=f"TODO: {message}", indent=2)
        else:
            mapping.yaml_add_eol_comment(f"TODO: {message}", key)
    return mapping


def _activity_map(activity: ActivityOut, spec: Any) -> Any:
    values: dict[str, Any] = {
        "text": _text(activity.text),
        "deadline": activity.deadline or None,
        "responsible": _flow(activity.responsible) if activity.responsible else None,
        "result": _text(activity.result) if activity.result else None,
        "note": activity.note or None,
    }
    return _ordered(values, spec)


def _activities(activities: list[ActivityOut], spec: Any, indent: int) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq()
    for n, activity in enumerate(activities):
        seq.append(_activity_map(activity, spec))
        where = f"{activity.number.text} ({activity.label})" if activity.number else f"без номера ({activity.label})"
        comment = "; ".join([where] + activity.remarks)
        seq.yaml_set_comment_before_after_key(n, before=comment, indent=indent)
    return seq


def _section_comment(section: SectionOut) -> str:
    number = ".".join(map(str, section.number)) + "." if section.number and section.numbered else "без номера"
    return f"{number} ({section.label})" + (f"; TODO: {section.todo}" if section.todo else "")


def _section(section: SectionOut, spec: Any, activity_spec: Any, sub_spec: Any, indent: int) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    values: dict[str, Any] = {
        "title": section.title,
        "numbered": None if section.numbered else "нет",
        "activities": _activities(section.activities, activity_spec, indent) if section.activities else None,
    }
    if section.sections and sub_spec is not None:
        subs = CommentedSeq()
        for n, sub in enumerate(section.sections):
            subs.append(_section(sub, sub_spec, activity_spec, None, indent + 4))
            if sub.label:
                subs.yaml_set_comment_before_after_key(n, before=_section_comment(sub), indent=indent)
        values["sections"] = subs
    return _ordered(values, spec)

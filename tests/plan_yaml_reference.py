"""The plan writer as it was before session 6: ruamel CommentedMaps written by yamltext's walk of them.

Kept here, unchanged but for its imports, as the reference the plain-tree writer
(orderforge.importer.output and .yamltext) must equal byte for byte
(tests/test_import_yaml_writer.py). Not used by orderforge itself.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import Any

from orderforge.fmtlayout import WIDTH
from orderforge.importer.imported import ActivityOut, Imported, OrderOut, SectionOut
from orderforge.yamlscalars import Scalars, double_quoted, wrap

INDENT = 2
#: Text that is plain in any YAML without asking ruamel (most of a plan: it starts with a letter or «,
#: has no «:», «#», control or line-separator characters and no space at the end). Anything else
#: goes through fmt's full analysis; tests/test_import_reading.py checks both agree.
_PLAIN_BLOCK = re.compile(r"[A-Za-zА-Яа-яЁё«][^\x00-\x1f\x7f-\x9f#:\u2028\u2029\ufeff\ud800-\udfff]*(?<! )")
_PLAIN_FLOW = re.compile(r"[A-Za-zА-Яа-яЁё«][^\x00-\x1f\x7f-\x9f#:,\[\]{}\u2028\u2029\ufeff\ud800-\udfff]*(?<! )")
#: Words YAML 1.1 or 1.2 reads as booleans or null when plain.
_TYPED_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.sc = Scalars()

    def comments(self, tokens: Any, indent: int) -> None:
        """Comment lines ruamel keeps before an entry (``yaml_set_comment_before_after_key``)."""
        for token in tokens or []:
            for line in token.value.splitlines():
                if line.strip():
                    self.lines.append(" " * indent + line.strip())

    @staticmethod
    def eol(ca: Any, key: Any) -> str:
        item = ca.items.get(key)
        token = item[2] if item and len(item) > 2 else None
        if token is None:
            return ""
        return f"{_EOL}{getattr(token, 'column', 0)}{_EOL}{token.value.strip()}"  # placed by _place_comment

    @staticmethod
    def before(ca: Any, key: Any) -> Any:
        item = ca.items.get(key)
        return item[1] if item and len(item) > 1 else None

    def mapping(self, node: Any, indent: int, first_head: str = "") -> None:
        """Entries at ``indent``; the first one after ``first_head`` («  - ») when inside a list."""
        for n, (key, value) in enumerate(node.items()):
            if not (n == 0 and first_head):
                self.comments(self.before(node.ca, key), indent)
            head = (first_head if n == 0 and first_head else " " * indent) + f"{self.key(key)}:"
            self.value(head, value, indent, self.eol(node.ca, key))

    def key(self, key: Any) -> str:
        return self.inline(str(key))

    def inline(self, text: str, flow: bool = False) -> str:
        """fmt's one-line form of ``text``, without the full analysis when it is plainly plain."""
        if (_PLAIN_FLOW if flow else _PLAIN_BLOCK).fullmatch(text) and text.lower() not in _TYPED_WORDS:
            return text
        return self.sc.inline(text, False, flow=flow)

    def sequence(self, node: Any, indent: int) -> None:
        for n, item in enumerate(node):
            self.comments(self.before(node.ca, n), indent)
            dash = " " * indent + "- "
            if _is_map(item) and len(item):
                self.mapping(item, indent + INDENT, dash)
            elif _is_seq(item) and len(item) and not _flow(item):
                self.lines.append(dash.rstrip())
                self.sequence(item, indent + INDENT)
            else:
                self.value(dash.rstrip(), item, indent, "")

    def value(self, head: str, value: Any, owner: int, eol: str) -> None:
        """``head`` («key:» or «-») and its value; ``owner`` is the head's indentation."""
        if _is_map(value):
            if not len(value):
                self.lines.append(f"{head} {{}}{eol}")
                return
            self.lines.append(head + eol)
            self.mapping(value, owner + INDENT)
            return
        if _is_seq(value):
            if not len(value):
                self.lines.append(f"{head} []{eol}")
                return
            if _flow(value) and all(isinstance(x, str) for x in value):
                flow = "[" + ", ".join(self.inline(x, flow=True) for x in value) + "]"
                if len(head) + 1 + len(flow) <= WIDTH:
                    self.lines.append(f"{head} {flow}{eol}")
                    return
            self.lines.append(head + eol)
            self.sequence(value, owner + INDENT)
            return
        self.scalar(head, value, owner, eol)

    def scalar(self, head: str, value: Any, owner: int, eol: str) -> None:
        if value is None:
            self.lines.append(head + eol)
            return
        if isinstance(value, bool):
            self.lines.append(f"{head} {'true' if value else 'false'}{eol}")
            return
        if isinstance(value, (int, date)):
            self.lines.append(f"{head} {value.isoformat() if isinstance(value, date) else value}{eol}")
            return
        text = str(value)
        indent = " " * (owner + INDENT)
        if text == "":
            self.lines.append(f"{head} ''{eol}")
            return
        if "\n" in text:
            body = text.rstrip("\n")
            trailing = len(text) - len(body)
            if trailing <= 1 and self.sc.literal_ok(body):
                self.lines.append(f"{head} |{'' if trailing else '-'}{eol}")
                self.lines.extend(indent + line if line else "" for line in body.split("\n"))
            else:
                self.lines.append(f"{head} {double_quoted(text)}{eol}")
            return
        inline = self.inline(text)
        if len(head) + 1 + len(inline) <= WIDTH or not self.sc.foldable(text):
            self.lines.append(f"{head} {inline}{eol}")
            return
        self.lines.append(f"{head} >-{eol}")
        self.lines.extend(indent + line for line in wrap(text, WIDTH - len(indent)))


def _is_map(value: Any) -> bool:
    return isinstance(value, dict)


def _is_seq(value: Any) -> bool:
    return isinstance(value, list)


def _flow(seq: Any) -> bool:
    fa = getattr(seq, "fa", None)
    return bool(fa is not None and fa.flow_style())


def dump(root: Any) -> str:
    """The YAML text of ``root`` (a CommentedMap), with its start comment and every comment kept."""
    writer = _Writer()
    start = getattr(root, "ca", None)
    if start is not None and start.comment and len(start.comment) > 1:
        writer.comments(start.comment[1], 0)
    writer.mapping(root, 0)
    return "\n".join(_place_comment(line) for line in writer.lines) + "\n"


_EOL = "\0"  # marks an end-of-line comment and its column inside a line being built (never in plan text)


def _place_comment(line: str) -> str:
    """An end-of-line comment at its column when the line still fits, else two spaces after (as fmt does)."""
    if _EOL not in line:
        return line
    from orderforge.fmtlayout import _with_comment
    from orderforge.yamlcomments import Comment

    text, column, comment = line.split(_EOL)
    return _with_comment(text, Comment(comment, index=0, line=0, col=int(column)))


# -- the tree (output.py as it was)


def _yaml() -> Any:
    from orderforge.yamlrt import round_trip_yaml

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


def _flow_seq(items: list[str]) -> Any:  # output.py's _flow (renamed: yamltext has one)
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def plan_yaml(imported: Imported, style: str, directory_ref: str | None, docx_name: str) -> str:
    """The plan file text (ruamel round-trip dump, keys in the order of spec.py, comments for the clerk)."""
    return dump(plan_tree(imported, style, directory_ref, docx_name))


def plan_tree(imported: Imported, style: str, directory_ref: str | None, docx_name: str) -> Any:
    """The CommentedMap tree plan_yaml wrote (split from it here, for ruamel's own dumper in a test)."""
    from orderforge.spec import APPROVAL, ORDER, PLAN, POINT

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
    return doc


def _plan_body_map(imported: Imported) -> Any:
    """The «plan:» mapping with the clerk's TODO comments; apart from plan_yaml to keep each step short."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from orderforge.spec import ACTIVITY, PLAN_BODY, SECTION, SUBSECTION

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
        "responsible": _flow_seq(activity.responsible) if activity.responsible else None,
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

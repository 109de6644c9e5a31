"""style.yaml of a derived style: the wording and formats found in the document, with comments for the clerk.

Strings are written double-quoted (JSON's escaping is valid YAML), so a header
word or a format such as «от «{dd}» {mm} {yyyy} г.» is never misread by YAML.
"""

from __future__ import annotations

import json

from ..lazyre import LazyPattern
from ..slotted import Slotted
from .order import OrderFacts
from .plan import PlanFacts

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs import's start-up (issue 11)
    from typing import Any


_SPACED = LazyPattern(r"^(?:\S ){2,}\S:?$")


class StyleFacts(Slotted):
    """Everything style.yaml says (written out, not a dataclass: built at every import's start)."""

    __slots__ = ("name", "source", "issuer", "has_order", "order", "plan", "responsible", "separator", "capitalize")
    name: str
    source: str
    issuer: list[str]
    has_order: bool
    order: OrderFacts
    plan: PlanFacts
    responsible: str
    separator: str
    capitalize: bool

    def __init__(self, name: str, source: str, issuer: list[str] | None = None, has_order: bool = False,
                 order: OrderFacts | None = None, plan: PlanFacts | None = None, responsible: str = "name",
                 separator: str = "newline", capitalize: bool = False) -> None:
        self.name, self.source = name, source
        self.issuer = [] if issuer is None else issuer
        self.has_order = has_order
        self.order = OrderFacts() if order is None else order
        self.plan = PlanFacts() if plan is None else plan
        self.responsible, self.separator, self.capitalize = responsible, separator, capitalize


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def responsible_facts(imported: Any) -> tuple[str, str]:
    """How the document prints responsible parties: (code | name | grouped, newline | comma).

    Codes only when every party it names is a short code («КлО», «ЦОРП»); a party
    written out in full makes it «name» — the directory then keeps that full name
    and the plan refers to it by an id the document never shows.
    """
    parties = imported.parties.values()
    named = any(p.name_known and p.name != p.code for p in parties)
    people_with_positions = any(p.position and not p.position_from_signature for p in imported.people.values())
    fmt = "grouped" if people_with_positions else "name" if named or not parties else "code"
    if not parties and not imported.people:
        fmt = "name"
    separator = "comma"  # one party per cell: the same either way, and only «comma» capitalises
    for activity in imported.all_activities():
        if len(activity.responsible) > 1:
            separator = "newline" if len(activity.responsible_lines) > 1 else "comma"
            break
    return fmt, separator


def capitalised(imported: Any) -> bool:
    """Whether the document starts responsible cells with a capital the directory's names do not have."""
    for activity in imported.all_activities():
        first = activity.responsible_lines[0] if activity.responsible_lines else ""
        party = imported.parties.get(activity.responsible[0]) if activity.responsible else None
        if first[:1].isupper() and party is not None and party.name[:1].islower():
            return True
    return False


def _like(word: str, sample: str) -> str:
    """The other kind's word in the form the document uses for this one («Р А С П О Р Я Ж Е Н И Е»)."""
    letters = word.replace(" ", "")
    if sample.replace(" ", "").rstrip(":").isupper():
        letters = letters.upper()
    elif sample[:1].islower():
        letters = letters.lower()
    if _SPACED.match(sample):
        return " ".join(letters.rstrip(":")) + (":" if letters.endswith(":") else "")
    return letters


def _kinds(facts: OrderFacts, value: str, defaults: dict[str, str]) -> dict[str, str]:
    out = dict(defaults)
    if value:
        for kind in out:
            out[kind] = value if kind == facts.kind else _like(defaults[kind], value)
    return out


def style_yaml(facts: StyleFacts) -> str:
    lines = [
        f"# Стиль оформления «{facts.name}», сделан командой orderforge style new из «{facts.source}».",
        "# Шрифты, поля, бланк с гербом, подпись и рамки таблицы — в template.docx (правьте его в Word);",
        "# здесь — слова и форматы, найденные в документе. Ключи описаны в docs/house-styles.md.",
        f"name: {_q(facts.issuer[0] if facts.issuer else facts.name)}",
        f"description: {_q('Сделан из документа «' + facts.source + '»')}",
        "template: template.docx",
    ]
    lines += _order(facts)
    lines += _appendix(facts.plan)
    lines += ["numbering:", f"  trailing_dot: {'да' if facts.plan.trailing_dot else 'нет'}"]
    lines += _table(facts)
    lines += ["deadline:", "  year_suffix: as_written", "  capitalize: as_written", ""]
    return "\n".join(lines)


def _order(facts: StyleFacts) -> list[str]:
    order = facts.order
    if not facts.has_order:
        return ["# В документе нет приказа: приказ в этом стиле печатается по ГОСТ (шапка, дата и номер, подпись)."]
    kinds = _kinds(order, order.kind_display, {"приказ": "ПРИКАЗ", "распоряжение": "РАСПОРЯЖЕНИЕ"})
    operative = _kinds(order, order.operative, {"приказ": "ПРИКАЗЫВАЮ:", "распоряжение": "ОБЯЗЫВАЮ:"})
    out = ["order:", "  kind_display:"]
    out += [f"    {k}: {_q(v)}" for k, v in kinds.items()]
    out += ["  operative:"] + [f"    {k}: {_q(v)}" for k, v in operative.items()]
    if order.date_format:
        out.append(f"  date_format: {_q(order.date_format)}")
    if order.number_format:
        out.append(f"  number_format: {_q(order.number_format)}")
    return out


def _appendix(plan: PlanFacts) -> list[str]:
    out = ["appendix:"]
    if plan.mark is not None:
        out.append("  mark:" + ("" if plan.mark else " []"))
        out += [f"    - {_q(line)}" for line in plan.mark]
    if plan.stamp is not None:
        out.append("  stamp:" + ("" if plan.stamp else " []"))
        out += [f"    - {_q(line)}" for line in plan.stamp]
    if plan.mark is None and plan.stamp is None:
        out.append("  mark: []  # в документе нет отметки о приложении")
    if plan.appendix_date_format:
        out.append(f"  date_format: {_q(plan.appendix_date_format)}")
    return out


def _table(facts: StyleFacts) -> list[str]:
    out = ["table:", "  columns:"]
    for c in facts.plan.columns:
        width = f"{c.width_mm:g}"
        centre = "да" if c.center else "нет"
        out.append(f"    - {{key: {c.key}, header: {_q(c.header)}, width: {width}, center: {centre}}}")
    out.append(f"  responsible: {facts.responsible}")
    out.append(f"  responsible_separator: {facts.separator}")
    if facts.capitalize:
        out.append("  responsible_capitalize: да")
    return out

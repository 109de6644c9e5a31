"""Resolve a validated plan into the render context: numbering, look-ups, phrases, typography.

The template receives only plain, final strings in lists and dicts, so that a
house style's .docx needs nothing but loops and ifs, and so that nothing a
clerk wrote can ever be evaluated as template code.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache

from .lazyre import precompiled
from .planmodel import Activity, Order, Para, Plan, Section, Text
from .spec import KIND_GENITIVE, KIND_INSTRUMENTAL
from .style import Column, Style
from .typography import squeeze, typeset, upper_first

TYPE_CHECKING = False
if TYPE_CHECKING:  # the context's TypedDicts are for mypy: typing compiles each of their fields when made
    from typing import Any

    from .context import (
        AppendixContext,
        CellContext,
        ColumnContext,
        Context,
        OrderContext,
        PassportEntry,
        RowContext,
        SignatureContext,
        TableContext,
    )
    from .deadline import Deadline, DeadlineStyle

MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)
KIND_DATIVE = {"приказ": "приказу", "распоряжение": "распоряжению"}
APPROVED = {"m": "УТВЕРЖДЕН", "f": "УТВЕРЖДЕНА", "n": "УТВЕРЖДЕНО", "plural": "УТВЕРЖДЕНЫ"}


def fill(pattern: str, values: dict[str, str]) -> str:
    """Substitute ``{name}`` placeholders of a style pattern.

    Not ``str.format``: plan values must never be interpreted, and a style
    pattern with a stray brace must not crash a build. One pass over the
    pattern, so a value that itself holds «{date}» (a clerk's text) is
    inserted as it is, never expanded in its turn; an unknown placeholder
    stays as written.
    """
    result = _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), pattern)
    return squeeze(result)


_PLACEHOLDER = precompiled(r"\{(\w+)\}")


def format_date(value: date, pattern: str) -> str:
    """«{dd}.{mm}.{yyyy}», «от «{dd}» {mm} {yyyy} г.», «{d} {month} {yyyy} г.», typeset like all text
    (a no-break space before «г.» / «года»)."""
    return typeset(fill(pattern, {
        "dd": f"{value.day:02d}", "d": str(value.day), "mm": f"{value.month:02d}",
        "month": MONTHS_GENITIVE[value.month - 1], "yyyy": str(value.year),
    }))


def build_context(plan: Plan, style: Style) -> Context:
    """The whole render context for one plan in one house style."""
    order = order_context(plan, style) if plan.order else None
    return {"order": order, "appendix": appendix_context(plan, style)}


def _paras(text: Text, style: Style) -> list[str]:
    dash = style.dash  # _para, inlined: a call less for each of 10,000 paragraphs at 5,000 activities
    return [typeset(f"{dash} {p.text}" if p.kind == "dash" else p.text) for p in text]


def expand_references(text: str, plan: Plan, sentence_start: bool = True) -> str:
    """Replace «[[id|дат|+должность]]» spans by the declined name or position.

    Only texts that contain a span pay for morphology: the declension module
    (and pymorphy3 behind it) is imported here, on first need.
    """
    if "[[" not in text:
        return text
    from .refs import expand_refs, party_phrase, person_phrase

    def resolve_span(span: Any) -> str:
        person = plan.directory.people.get(span.key)
        if person is not None:
            return person_phrase(person, span)
        party = plan.directory.parties.get(span.key)
        return party_phrase(party, span) if party is not None else span.raw

    return expand_refs(text, resolve_span, sentence_start)


def _para(para: Para, style: Style) -> str:
    return f"{style.dash} {para.text}" if para.kind == "dash" else para.text


def order_context(plan: Plan, style: Style) -> OrderContext:
    order = plan.order
    assert order is not None
    preamble = [expand_references(p, plan) for p in _paras(order.preamble, style)]
    return {
        "issuer_lines": [typeset(line) for line in order.issuer],
        "kind": keep_together(style.kind_display.get(order.kind, order.kind.upper())),
        "date": format_date(order.date, style.date_format) if order.date else "",
        "number": typeset(fill(style.number_format, {"number": order.number or ""})),
        "place": typeset(order.place or ""),
        "title_lines": [typeset(expand_references(line, plan)) for line in order.title],
        "preamble": preamble,
        "operative": keep_together(order.operative or style.operative.get(order.kind, "ПРИКАЗЫВАЮ:")),
        "body": order_body(order, style, lambda text, start=True: expand_references(text, plan, start),
                           directory_words(plan)),
        "signature": signature(plan, style),
    }


def keep_together(word: str) -> str:
    """A letter-spaced word («п р и к а з ы в а ю:») must not break across lines: join it with NBSP."""
    from .typography import NBSP

    letters = word.split(" ")
    if len(letters) > 2 and all(len(x) <= 2 for x in letters):
        return NBSP.join(letters)
    return word


def order_body(order: Order, style: Style, expand: Callable[..., str] = lambda text, start=True: text,
               proper: frozenset[str] = frozenset()) -> list[str]:
    """Numbered points, their sub-points and the control clause, one paragraph each.

    References are expanded before the numbers are prefixed, so a name that
    opens a point is capitalised as the start of a sentence. A list introduced
    by a colon continues that sentence: its items start in lower case
    («1) директору МАОУ …», «– главного специалиста …») unless the first word is
    a proper name (``proper``: the directory's names; else the dictionary's tags).
    """
    body: list[str] = []
    number = 0
    for point in order.points:
        number += 1
        paras: list[str] = []
        listing = False  # inside a list that a colon opened
        for p in point.text:
            listing = listing and p.kind != "p" or bool(paras) and paras[-1].rstrip().endswith(":")
            paras.append(_para(Para(_item(p.text, expand, proper) if listing else expand(p.text), p.kind), style))
        body.append(f"{number}. {paras[0]}" if paras else f"{number}.")
        body.extend(paras[1:])
        # items that are whole sentences (each ends with a full stop) keep their capitals (Розенталь)
        sentences = all(item and item[-1].text.rstrip().endswith(".") for item in point.items)
        after_colon = (not paras or paras[-1].rstrip().endswith(":")) and not sentences
        for n, item in enumerate(point.items, start=1):
            label = fill(style.subpoint_format, {"n": str(n)}) if point.list_style == "numbered" else style.dash
            item_paras = [_para(Para(_item(p.text, expand, proper) if after_colon and i == 0 else expand(p.text),
                                     p.kind), style) for i, p in enumerate(item)]
            if item_paras:
                body.append(f"{label} {item_paras[0]}")
                body.extend(item_paras[1:])
    control = _control(order, style)
    if control:
        body.append(f"{number + 1}. {expand(control)}")
    return [typeset(p) for p in body]


def _item(text: str, expand: Callable[..., str], proper: frozenset[str]) -> str:
    """A list item after a colon: its first word in lower case unless a proper name, references not capitalised."""
    from .declension import lower_common_start

    return expand(lower_common_start(text, proper), False)


def directory_words(plan: Plan) -> frozenset[str]:
    """Words the directory writes with a capital: surnames and the first words of names (proper names)."""
    words = {person.surname for person in plan.directory.people.values()}
    words.update(party.name.split(" ", 1)[0] for party in plan.directory.parties.values() if party.name)
    return frozenset(w for w in words if w[:1].isupper())


def _control(order: Order, style: Style) -> str:
    if not order.control:
        return ""
    if order.control.strip().lower() == "self":
        return fill(style.control_self, {"kind_genitive": KIND_GENITIVE.get(order.kind, "приказа")})
    return order.control


def signature(plan: Plan, style: Style) -> SignatureContext:
    order = plan.order
    person = plan.directory.people.get(order.signatory.key) if order and order.signatory else None
    if person is None:
        return {"position_lines": [], "name": ""}
    lines = list(person.signature_position or ([person.position] if person.position else []))
    if lines:  # a position written for running text («председатель комитета») opens the signature block
        lines[0] = upper_first(lines[0])
    return {"position_lines": [typeset(x) for x in lines], "name": typeset(person.signature_name)}


def appendix_context(plan: Plan, style: Style) -> AppendixContext:
    return {
        "corner_lines": corner_lines(plan.order, style) or stamp_lines(plan, style),
        "title_lines": [typeset(line) for line in plan.plan.title],
        "passport": [_passport_entry(e.label, e.items, style) for e in plan.plan.passport],
        "table": table_context(plan, style),
    }


def _passport_entry(label: str, items: list[str], style: Style) -> PassportEntry:
    return {"label": typeset(label), "items": [typeset(f"{style.dash} {i}") for i in items]}


def corner_lines(order: Order | None, style: Style) -> list[str]:
    """The appendix mark, derived from the order so that date and number are never typed twice."""
    if order is None:
        return []
    values = {
        "kind_dative": KIND_DATIVE.get(order.kind, order.kind),
        "issuer_genitive": order.issuer_genitive or "",
        "date": format_date(order.date, style.appendix_date_format) if order.date else "",
        "number": fill(style.number_format, {"number": order.number or ""}),
    }
    return [typeset(fill(line, values)) for line in style.appendix_mark if fill(line, values)]


def document_gender(title: str) -> str:
    """The form of «УТВЕРЖДЕН» for the approved document, from its title's head noun («Мероприятия …» →
    plural). A title whose head cannot be found prints «УТВЕРЖДЕН», and validate has warned (OF218)."""
    from .declension import document_form

    return document_form(title) or "m"


def stamp_lines(plan: Plan, style: Style) -> list[str]:
    """«УТВЕРЖДЕНА распоряжением комитета … от 13.01.2026 № 7-р», agreeing with the document's gender."""
    approval = plan.approval
    if approval is None:
        return []
    gender = approval.gender or document_gender(" ".join(plan.plan.title))
    values = {
        "approved": APPROVED[gender],
        "kind_instrumental": KIND_INSTRUMENTAL.get(approval.kind, approval.kind),
        "issuer_genitive": approval.issuer_genitive,
        "date": format_date(approval.date, style.appendix_date_format) if approval.date else "",
        "number": fill(style.number_format, {"number": approval.number or ""}),
    }
    return [typeset(fill(line, values)) for line in style.approval_stamp if fill(line, values)]


def number_label(parts: list[int], style: Style) -> str:
    label = ".".join(map(str, parts))
    return label + "." if style.trailing_dot else label


def table_context(plan: Plan, style: Style) -> TableContext:
    rows: list[RowContext] = []
    if plan.plan.activities_title and plan.plan.activities:
        rows.append(section_row(typeset(plan.plan.activities_title)))
    maker = _RowMaker(plan, style)
    for n, activity in enumerate(plan.plan.activities, start=1):
        rows.append(maker.row(activity, [n]))
    for n, section in enumerate(plan.plan.sections, start=1):
        _section_rows(section, [n], maker, rows)
    columns: list[ColumnContext] = [{"header": typeset(c.header), "center": c.center} for c in style.columns]
    return {"columns": columns, "ncols": len(columns), "rows": rows}


def section_row(heading: str) -> RowContext:
    return {"section": True, "heading": heading, "cells": [], "number": ""}


def _section_rows(section: Section, number: list[int], maker: _RowMaker, rows: list[RowContext]) -> None:
    heading = f"{number_label(number, maker.style)} {section.title}" if section.numbered else section.title
    rows.append(section_row(typeset(heading)))
    row = maker.row
    for n, activity in enumerate(section.activities, start=1):
        rows.append(row(activity, number + [n]))
    for n, sub in enumerate(section.sections, start=len(section.activities) + 1):
        _section_rows(sub, number + [n], maker, rows)


def activity_row(activity: Activity, number: list[int], plan: Plan, style: Style) -> RowContext:
    """One activity's row, every cell worked out afresh (:class:`_RowMaker` gives the same, faster)."""
    label = number_label(number, style)  # once for the row and its «№» cell
    cells: list[CellContext] = [{"paras": _cell(col, activity, label, plan, style), "center": col.center}
                                for col in style.columns]
    return {"section": False, "heading": "", "cells": cells, "number": label}


class _RowMaker:
    """The rows of one plan's table: :func:`activity_row`'s, with the per-row work of a large plan cut.

    Each column's way to fill a cell is chosen once, not by comparing its key for every cell; and the
    deadline and responsible cells, which a plan repeats over thousands of activities (the same deadline
    object for the same phrase, the same few parties), are worked out once per distinct value. Each row
    gets its own lists, as :func:`activity_row` gives. tests/test_resolve_rows.py compares both. No filler
    refers back to the maker: no reference cycle keeps the rows' memory for the cycle collector.
    """

    def __init__(self, plan: Plan, style: Style) -> None:
        self.style = style
        self.trailing_dot = style.trailing_dot
        self.columns = [(_filler(col, plan, style), col.center) for col in style.columns]

    def row(self, activity: Activity, number: list[int]) -> RowContext:
        label = ".".join(map(str, number))  # number_label, inlined
        if self.trailing_dot:
            label += "."
        cells: list[CellContext] = [{"paras": fill(activity, label), "center": center} for fill, center in self.columns]
        return {"section": False, "heading": "", "cells": cells, "number": label}


def _filler(column: Column, plan: Plan, style: Style) -> Callable[[Activity, str], list[str]]:
    """How :class:`_RowMaker` fills one column's cells: :func:`_cell`'s way for its key."""
    key, dash = column.key, style.dash
    if key == "number":
        return lambda activity, label: [label]
    if key == "text":
        return lambda activity, label: [typeset(f"{dash} {p.text}" if p.kind == "dash" else p.text)
                                        for p in activity.text]
    if key == "result":
        return lambda activity, label: [typeset(f"{dash} {p.text}" if p.kind == "dash" else p.text)
                                        for p in activity.result]
    if key == "deadline":
        return _deadline_filler(_deadline_style(style.year_suffix, style.range_dash, style.capitalize))
    if key == "responsible":
        return _responsible_filler(column, plan, style)
    return lambda activity, label: _cell(column, activity, label, plan, style)


def _deadline_filler(deadline_style: DeadlineStyle) -> Callable[[Activity, str], list[str]]:
    known: dict[int, tuple[Deadline, list[str]]] = {}  # by id: the deadline is kept alive with its cell

    def deadline_cell(activity: Activity, label: str) -> list[str]:
        deadline = activity.deadline
        if deadline is None:
            return []
        found = known.get(id(deadline))
        if found is None:
            found = known[id(deadline)] = (deadline, [_deadline_cell(deadline, deadline_style)])
        return list(found[1])

    return deadline_cell


def _responsible_filler(column: Column, plan: Plan, style: Style) -> Callable[[Activity, str], list[str]]:
    known: dict[tuple[str, ...], list[str]] = {}  # by the keys referred to: the cell depends on nothing else

    def responsible_cell(activity: Activity, label: str) -> list[str]:
        keys = tuple([ref.key for ref in activity.responsible])
        found = known.get(keys)
        if found is None:
            found = known[keys] = _cell(column, activity, label, plan, style)
        return list(found)

    return responsible_cell


def cell_paras(column: Column, activity: Activity, number: list[int], plan: Plan, style: Style) -> list[str]:
    """The paragraphs of one cell of an activity's row, typeset."""
    return _cell(column, activity, number_label(number, style), plan, style)


def _cell(column: Column, activity: Activity, label: str, plan: Plan, style: Style) -> list[str]:
    key = column.key
    if key == "number":
        return [label]
    if key == "text":
        return _paras(activity.text, style)
    if key == "result":
        return _paras(activity.result, style)
    if key == "note":
        return [typeset(activity.note)] if activity.note else []
    if key == "deadline":
        if activity.deadline is None:
            return []
        return [_deadline_cell(activity.deadline, _deadline_style(style.year_suffix, style.range_dash,
                                                                   style.capitalize))]
    if key == "responsible":
        if style.responsible_format == "grouped":
            return [typeset(line) for line in grouped_responsible(activity, plan, style)]
        names = [responsible_name(ref.key, plan, style) for ref in activity.responsible]
        if style.responsible_separator == "\n":
            return [typeset(n) for n in names]
        joined = style.responsible_separator.join(names)
        if style.responsible_capitalize:
            joined = upper_first(joined)
        return [typeset(joined)] if names else []
    return []


@lru_cache(maxsize=1024)
def _deadline_cell(deadline: Deadline, deadline_style: DeadlineStyle) -> str:
    """A deadline as its cell prints it, typeset: remembered, since a plan repeats a few dozen deadlines over
    thousands of activities. Both arguments are frozen and compared by every field, and the deadline
    parser hands back the same object for the same phrase, so a hit costs one hash of the deadline."""
    from .deadline import render_deadline

    return typeset(render_deadline(deadline, deadline_style))


@lru_cache(maxsize=16)
def _deadline_style(year_suffix: str, range_dash: str, capitalize: str) -> DeadlineStyle:
    """The house style's deadline settings, checked and built once, not once per activity (frozen: shared safely)."""
    from .deadline import DeadlineStyle

    return DeadlineStyle(year_suffix, range_dash, capitalize)


def grouped_responsible(activity: Activity, plan: Plan, style: Style) -> list[str]:
    """People under their shared position, in the plural when several («…, заместители директора»).

    Parties among them keep their own line, by full name. Consecutive people
    with the same position form one group, as clerks write them, and each group
    is a paragraph of its own: run together in one line, «…, заместитель
    директора Быков Ю.В., советник» reads as if Быков were the deputy's name.
    """
    from .declension import responsible_lines

    lines: list[str] = []
    people: list[tuple[str, str | None]] = []
    for ref in activity.responsible:
        person = plan.directory.people.get(ref.key)
        if person is None:
            lines.extend(responsible_lines(people))
            people = []
            lines.append(responsible_name(ref.key, plan, style))
            continue
        people.append((person.short_name, person.position))
    lines.extend(responsible_lines(people))
    return lines


def responsible_name(key: str, plan: Plan, style: Style) -> str:
    """A party by code or full name (per style); a person as «Фамилия И.О.»."""
    party = plan.directory.parties.get(key)
    if party is not None:
        return party.code if style.responsible_format == "code" else party.name
    person = plan.directory.people.get(key)
    if person is not None:
        return person.short_name
    return key

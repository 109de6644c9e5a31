"""What ``new --from`` could not move safely, for the clerk to check by hand in the new plan.

A year that is not the plan period — in the order's texts (OF602), in the plan's
headings and passport (OF604), in activities' texts and results (OF603) — or a
free-text deadline that mentions a year (OF601) is never changed by the rollover
(:mod:`orderforge.rollover`); each is reported with its position in the new file.
Kept apart from the rollover because it reads a plan model, not the tree being
edited: the loaded new plan (:func:`rollover_warnings`, the reference), or — after
the fast path, without reading the new file again — the old plan seen through the
splice's changes (:func:`moved_warnings`, which gives the same warnings or says it
is unsure).
"""

from __future__ import annotations

import re

from .diagnostics import Diagnostic, Pos, Report
from .planmodel import Order, Period, Plan, text_str
from .schema import ConvertContext
from .yamltree import Scalar, _nfc

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs new --from's start-up (issue 12)
    from typing import Any

    from .deadline import Deadline
    from .rolloversplice import Edits

_MENTIONED_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def _years_in(text: str, period: Period | None) -> list[str]:
    """The years the text mentions, other than the period's own mentions.

    A text without any year needs no period pattern: removing the period's mentions (each bounded by
    non-digits) never makes a year of what was not one. Every such year holds «19» or «20»: a text without
    either (most) is not searched (the regex's look-behind, tried at each offset, was half of the warnings)."""
    if "20" not in text and "19" not in text:
        return []
    years = _MENTIONED_YEAR.findall(text)
    if years and period is not None and str(period.first_year) in text:  # every mention starts with that year
        from .yearshift import period_pattern

        years = _MENTIONED_YEAR.findall(period_pattern(period).sub(" ", text))
    return sorted(set(years))


def _years_list(years: list[str]) -> str:
    return ", ".join(years)


def rollover_warnings(plan: Plan) -> list[Diagnostic]:
    """What the clerk must check by hand in the new plan (positions in the new file)."""
    return _warnings(plan, _AsLoaded(plan))


def moved_warnings(old: Plan, edits: Edits, new_text: str, new_name: str, shift: int) -> list[Diagnostic] | None:
    """:func:`rollover_warnings` of the new plan that ``edits`` (the fast path's splice) made of ``old``,
    without reading the new text: or None where a place or a value of the new plan is not certain
    (the caller then loads the new plan). tests/test_fast_writers.py compares both on generated plans."""
    try:
        return _warnings(old, _Moved(old, edits, new_text, new_name, shift))
    except _Unsure:
        return None


class _Unsure(Exception):
    """A value or a place of the new plan that only reading it again would give."""


class _AsLoaded:
    """The new plan as loaded: its values and places are the ones to report."""

    def __init__(self, plan: Plan) -> None:
        self.period = plan.plan.period

    def pos(self, pos: Pos) -> Pos:
        return pos

    def value(self, value: Any, pos: Pos | None, typ: Any) -> Any:
        """The new plan's value of a field (``pos``: where the old plan's was, None when unknown)."""
        return value

    def line(self, text: str) -> str:
        """A string of a list whose items' places the model does not keep."""
        return text

    def deadline(self, deadline: Deadline, pos: Pos | None, typ: Any) -> Deadline | None:
        return deadline


class _Moved:
    """The old plan seen as the new one after a splice: every string value the rollover rewrote is known by
    its node's place (:attr:`Edits.values`) and converted by its field's own type, as the loader would; the
    places move by the splice's changes; the items of a list, whose places the model does not keep, are
    moved as the rollover moves them (the period's mentions)."""

    def __init__(self, old: Plan, edits: Edits, new_text: str, new_name: str, shift: int) -> None:
        from .valuetypes import PeriodT
        from .yearshift import shift_period_mentions

        self.edits, self.name, self.shift = edits, new_name, shift
        self.deadlines: dict[str | None, Deadline | None] = {}  # a rewritten phrase → its conversion
        self.moved = edits.position_map(new_text)
        body = old.plan
        old_period = self.period = body.period
        if old_period is not None:
            self.period = self.value(old_period, body.field_pos.get("period"), PeriodT())
        self.line = (lambda text: shift_period_mentions(text, old_period, shift)) if old_period else _same

    def pos(self, pos: Pos) -> Pos:
        if pos.line <= 0:
            return Pos(self.name)
        place = self.moved(pos.line, pos.col)
        if place is None:
            raise _Unsure(pos)
        return Pos(self.name, *place)

    def value(self, value: Any, pos: Pos | None, typ: Any) -> Any:
        if pos is None:
            raise _Unsure(pos)
        new = self.edits.values.get((pos.line, pos.col))
        if new is None:
            return value
        report = Report()
        ctx = ConvertContext(report)
        ctx.period = self.period
        converted = typ.convert(Scalar(_nfc(new), pos), ctx)
        if report.items:
            raise _Unsure(pos)
        return converted

    def deadline(self, deadline: Deadline, pos: Pos | None, typ: Any) -> Deadline | None:
        """The new deadline: a phrase the rollover rewrote, converted; one it left alone, as it was. A
        structured one (its own values rewritten, not the mapping's place) moves as :func:`shift_deadline`
        moves it: that decides whether it mentions a year, but not the text a message would quote. A rewritten
        phrase is converted once per text: the conversion depends on nothing else (a plan repeats its deadlines)."""
        if pos is not None and (pos.line, pos.col) in self.edits.values or deadline.span() is None:
            new = self.edits.values.get((pos.line, pos.col)) if pos is not None else None
            if new not in self.deadlines:
                found = self.value(deadline, pos, typ)
                if new is None:
                    return found
                self.deadlines[new] = found
            return self.deadlines[new]
        from .deadline import mentions_year, shift_deadline

        if mentions_year(shift_deadline(deadline, self.shift)):
            raise _Unsure(pos)
        return None  # no warning, as for the deadline it became


def _same(text: str) -> str:
    return text


def _warnings(plan: Plan, new: _AsLoaded | _Moved) -> list[Diagnostic]:
    from .deadline import mentions_year
    from .valuetypes import DeadlineT, TextT

    report = Report()
    period = new.period
    deadline_type, text_type = DeadlineT(), TextT()  # stateless: made once, not per activity
    if plan.order is not None:
        for text, pos in _order_texts(plan.order, new):
            years = _years_in(text, period)
            if years:
                report.warning("OF602", new.pos(pos), f"в тексте приказа упоминается год ({_years_list(years)})",
                               "проверьте, подходит ли этот текст для нового приказа, и исправьте вручную")
    for text, pos, where in _plan_texts(plan, new):
        years = _years_in(text, period)
        if years:
            report.warning("OF604", new.pos(pos), f"в {where} упоминается год ({_years_list(years)}), не период "
                           "плана — не перенесён", "проверьте, относится ли год к новому плану, и исправьте вручную")
    for activity in plan.all_activities():
        deadline = activity.deadline
        if deadline is not None:
            deadline = new.deadline(deadline, activity.field_pos.get("deadline"), deadline_type)
        if deadline is not None and mentions_year(deadline):
            report.warning("OF601", new.pos(activity.field_pos.get("deadline", activity.pos)),
                           f"срок «{deadline.text}» упоминает год, но orderforge не может его перенести",
                           "проверьте срок и исправьте год вручную")
        for name, paras in (("text", activity.text), ("result", activity.result)):
            if paras:
                paras = new.value(paras, activity.field_pos.get(name), text_type)
            years = _years_in(text_str(paras), period)
            if years:
                what = "тексте мероприятия" if name == "text" else "результате мероприятия"
                report.warning("OF603", new.pos(activity.field_pos.get(name, activity.pos)),
                               f"в {what} упоминается год ({_years_list(years)})", "проверьте вручную")
    return report.sorted()


def _order_texts(order: Order, new: _AsLoaded | _Moved) -> list[tuple[str, Pos]]:
    """The order's own texts (text, position) for OF602: the years there are never moved, only reported.

    The preamble is never edited; a point's text and items are moved as a list's items (a point keeps
    no places of its own fields)."""
    from .valuetypes import Str

    checks: list[tuple[str, Pos]] = []
    if order.preamble:
        checks.append((text_str(order.preamble), order.field_pos.get("preamble", order.pos)))
    for point in order.points:
        checks.append(("\n".join(new.line(text_str(t)) for t in [point.text, *point.items]), point.pos))
    if order.control:
        checks.append((new.value(order.control, order.field_pos.get("control"), Str()),
                       order.field_pos.get("control", order.pos)))
    return checks


def _plan_texts(plan: Plan, new: _AsLoaded | _Moved) -> list[tuple[str, Pos, str]]:
    """The plan's own headings and passport (text, position, where in Russian), for OF604.

    Only the period moves there («на 2026-2028 годы»); any other year («к 2026
    году», a cited document's date) is the clerk's to check.
    """
    from .valuetypes import Lines, Str

    body = plan.plan
    title = new.value(body.title, body.field_pos.get("title"), Lines()) if body.title else body.title
    texts = [("\n".join(title), body.field_pos.get("title", body.pos), "заголовке плана")]
    if body.activities_title:
        texts.append((new.value(body.activities_title, body.field_pos.get("activities_title"), Str()),
                      body.field_pos.get("activities_title", body.pos), "заголовке мероприятий до первого раздела"))

    pending = list(reversed(body.sections))  # a loop: a recursive inner function is a cycle for the collector
    while pending:
        section = pending.pop()
        name = new.line(section.title)
        texts.append((name, section.pos, f"заголовке раздела «{name[:40]}»"))
        pending.extend(reversed(section.sections))
    for entry in body.passport:
        texts.append(("\n".join(new.line(i) for i in entry.items), entry.pos,
                      f"паспорте плана (строка «{entry.label}»)"))
    return texts

"""What ``new --from`` could not move safely, for the clerk to check by hand in the new plan.

A year that is not the plan period — in the order's texts (OF602), in the plan's
headings and passport (OF604), in activities' texts and results (OF603) — or a
free-text deadline that mentions a year (OF601) is never changed by the rollover
(:mod:`orderforge.rollover`); each is reported with its position in the new file.
Kept apart from the rollover because it reads the loaded new plan, not the
round-trip tree being edited.
"""

from __future__ import annotations

import re
from typing import Any

from .diagnostics import Diagnostic, Pos, Report
from .planmodel import Order, Period, Plan

_MENTIONED_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def _years_in(text: str, period: Period | None) -> list[str]:
    if period is not None:
        from .rollover import period_pattern

        text = period_pattern(period).sub(" ", text)
    return sorted(set(_MENTIONED_YEAR.findall(text)))


def _years_list(years: list[str]) -> str:
    return ", ".join(years)


def rollover_warnings(plan: Plan) -> list[Diagnostic]:
    """What the clerk must check by hand in the new plan (positions in the new file)."""
    from .deadline import mentions_year
    from .diff import text_str

    report = Report()
    period = plan.plan.period
    if plan.order is not None:
        for text, pos in _order_texts(plan.order):
            years = _years_in(text, period)
            if years:
                report.warning("OF602", pos, f"в тексте приказа упоминается год ({_years_list(years)})",
                               "проверьте, подходит ли этот текст для нового приказа, и исправьте вручную")
    for text, pos, where in _plan_texts(plan):
        years = _years_in(text, period)
        if years:
            report.warning("OF604", pos, f"в {where} упоминается год ({_years_list(years)}), не период плана — "
                           "не перенесён", "проверьте, относится ли год к новому плану, и исправьте вручную")
    for activity in plan.all_activities():
        deadline = activity.deadline
        if deadline is not None and mentions_year(deadline):
            report.warning("OF601", activity.field_pos.get("deadline", activity.pos),
                           f"срок «{deadline.text}» упоминает год, но orderforge не может его перенести",
                           "проверьте срок и исправьте год вручную")
        for name, paras in (("text", activity.text), ("result", activity.result)):
            years = _years_in(text_str(paras), period)
            if years:
                what = "тексте мероприятия" if name == "text" else "результате мероприятия"
                report.warning("OF603", activity.field_pos.get(name, activity.pos),
                               f"в {what} упоминается год ({_years_list(years)})", "проверьте вручную")
    return report.sorted()


def _order_texts(order: Order) -> list[tuple[str, Pos]]:
    """The order's own texts (text, position) for OF602: the years there are never moved, only reported."""
    from .diff import text_str

    checks: list[tuple[str, Pos]] = []
    if order.preamble:
        checks.append((text_str(order.preamble), order.field_pos.get("preamble", order.pos)))
    for point in order.points:
        checks.append(("\n".join([text_str(point.text)] + [text_str(i) for i in point.items]), point.pos))
    if order.control:
        checks.append((order.control, order.field_pos.get("control", order.pos)))
    return checks


def _plan_texts(plan: Plan) -> list[tuple[str, Pos, str]]:
    """The plan's own headings and passport (text, position, where in Russian), for OF604.

    Only the period moves there («на 2026-2028 годы»); any other year («к 2026
    году», a cited document's date) is the clerk's to check.
    """
    body = plan.plan
    texts = [("\n".join(body.title), body.field_pos.get("title", body.pos), "заголовке плана")]
    if body.activities_title:
        texts.append((body.activities_title, body.field_pos.get("activities_title", body.pos),
                      "заголовке мероприятий до первого раздела"))

    def walk(sections: list[Any]) -> None:
        for section in sections:
            texts.append((section.title, section.pos, f"заголовке раздела «{section.title[:40]}»"))
            walk(section.sections)

    walk(body.sections)
    for entry in body.passport:
        texts.append(("\n".join(entry.items), entry.pos, f"паспорте плана (строка «{entry.label}»)"))
    return texts

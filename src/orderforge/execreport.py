"""``orderforge report``: «Отчет о реализации плана мероприятий … за I квартал 2026 г.».

The plan's table in the house style with two more columns, «Отметка о
выполнении» and «Информация о выполнении», a summary line with Russian number
agreement and a small chart of execution by section. The template is the
style's ``report.docx``; its wording (title, column headers and widths) is the
style's ``report.yaml``, with defaults here. The chart is drawn by matplotlib,
imported only by this command.

What a period covers: every occurrence that falls due inside it, and every
activity without a dated deadline that has a record. The state of each is its
state the day after the period ends — «просрочено» is reported as «не выполнено».
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from .diagnostics import Report, UserError
from .load import load_file
from .planmodel import Plan
from .planrows import Row, plan_rows, section_titles
from .records import DONE, IN_PROGRESS, LATE, NO_DATA, NOT_DONE, NOT_DUE, OVERDUE, POSTPONED, Execution, outcome
from .schedule import Occurrence
from .schema import Block, ConvertContext, Field
from .slotted import replace
from .valuetypes import Lines, Str

ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class ReportPeriod:
    start: date
    end: date
    label: str  # «I квартал 2026 г.», «2026 год», «2025/2026 учебный год»


def parse_report_period(text: str) -> ReportPeriod:
    """«2026-Q1», «2026-H2», «2026», «2025/2026» (a school year, 1 September – 31 August)."""
    value = text.strip().upper()
    if match := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        year, part = int(match[1]), int(match[2])
        return ReportPeriod(
            date(year, 3 * part - 2, 1), _month_end(year, 3 * part), f"{ROMAN[part - 1]} квартал {year} г."
        )
    if match := re.fullmatch(r"(\d{4})-H([12])", value):
        year, part = int(match[1]), int(match[2])
        return ReportPeriod(
            date(year, 6 * part - 5, 1), _month_end(year, 6 * part), f"{ROMAN[part - 1]} полугодие {year} г."
        )
    if match := re.fullmatch(r"(\d{4})", value):
        year = int(match[1])
        return ReportPeriod(date(year, 1, 1), date(year, 12, 31), f"{year} год")
    if (match := re.fullmatch(r"(\d{4})\s*[/-]\s*(\d{4})", value)) and int(match[2]) == int(match[1]) + 1:
        return ReportPeriod(date(int(match[1]), 9, 1), date(int(match[2]), 8, 31), f"{match[1]}/{match[2]} учебный год")
    raise UserError.simple(
        "OF740",
        text,
        f"отчетный период «{text}» не распознан",
        "укажите квартал 2026-Q1, полугодие 2026-H1, год 2026 или учебный год 2025/2026",
    )


def _month_end(year: int, month: int) -> date:
    from .schedule import month_end

    return month_end(year, month)


# --------------------------------------------------------------------------- wording


@dataclass
class Wording:
    """What a style may say differently (templates/<style>/report.yaml)."""

    title: list[str] = field(default_factory=lambda: ["Отчет о реализации {plan}", "за {period}"])
    mark_header: str = "Отметка о выполнении"
    info_header: str = "Информация о выполнении"
    mark_width: float = 35
    info_width: float = 70
    table_width: float | None = None  # mm across the report's table; default: the plan's columns' sum
    chart_title: str = "Выполнение мероприятий по разделам плана"


def _wording(v: dict[str, Any], pos: Any, fp: Any) -> dict[str, Any]:
    return v


WORDING = Block(
    "report.yaml",
    [
        Field("title", Lines(), doc="строки заголовка отчета; {plan} — план в родительном падеже, {period} — период"),
        Field("mark_header", Str(), doc="заголовок графы отметки: «Отметка о выполнении»"),
        Field("info_header", Str(), doc="заголовок графы сведений: «Информация о выполнении»"),
        Field("mark_width", Str(r"\d+(?:[.,]\d+)?"), doc="ширина графы отметки, мм"),
        Field("info_width", Str(r"\d+(?:[.,]\d+)?"), doc="ширина графы сведений, мм"),
        Field("table_width", Str(r"\d+(?:[.,]\d+)?"),
              doc="ширина таблицы отчета, мм (по умолчанию — сумма ширин колонок плана)"),
        Field("chart_title", Str(), doc="подпись диаграммы"),
    ],
    _wording,
)


def load_wording(style: Any) -> Wording:
    """The style's report.yaml (this style's folder, then the styles it extends), else the defaults."""
    wording = Wording()
    for folder in [style.folder, *style.parents]:
        path = folder / "report.yaml"
        if path.is_file():
            report = Report()
            loaded = load_file(path)
            values = WORDING.convert(loaded.root, ConvertContext(report)) if loaded.root is not None else None
            report.extend(loaded.report)
            if report.has_errors or not isinstance(values, dict):
                raise UserError(report.sorted(), exit_code=2)
            for key, value in values.items():
                if value is not None:
                    setattr(wording, key, float(value.replace(",", ".")) if key.endswith("_width") else value)
            break
    return wording


_HEADS = (  # the plan title's head → its genitive, for «Отчет о реализации плана мероприятий …»
    ("«Дорожная карта» (план мероприятий)", "«Дорожной карты» (плана мероприятий)"),
    ("План мероприятий", "плана мероприятий"),
    ("Дорожная карта", "дорожной карты"),
    ("План", "плана"),
)


def plan_genitive(title: list[str]) -> str:
    """«План мероприятий («Дорожная карта») по …» → «плана мероприятий («Дорожная карта») по …»."""
    text = " ".join(" ".join(title).split())
    for head, genitive in _HEADS:
        if text.lower().startswith(head.lower()):
            return genitive + text[len(head) :]
    return f"плана «{text}»"


# --------------------------------------------------------------------------- summary


def plural(n: int, one: str, few: str, many: str) -> str:
    """Russian agreement with a number: 1 мероприятие, 2 мероприятия, 5 мероприятий (11–14: many)."""
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def summary_line(counts: dict[str, int], total: int) -> str:
    """«выполнено 14 из 18 мероприятий, 2 — с нарушением срока, 1 перенесено» (zero parts left out)."""
    done = counts.get(DONE, 0) + counts.get(LATE, 0)
    noun = "мероприятия" if total % 10 == 1 and total % 100 != 11 else "мероприятий"  # «из 21 мероприятия»
    parts = [f"выполнено {done} из {total} {noun}"]
    if counts.get(LATE):
        parts.append(f"{counts[LATE]} — с нарушением срока")
    for state, words in (
        (POSTPONED, "перенесено"),
        (IN_PROGRESS, "выполняется"),
        (NOT_DONE, "не выполнено"),
        (NOT_DUE, "срок не наступил"),
        (NO_DATA, "без сведений"),
    ):
        if counts.get(state):
            parts.append(f"{counts[state]} {words}")
    return ", ".join(parts)


# --------------------------------------------------------------------------- the report's content


@dataclass
class Entry:
    """One activity in the report: its states in the period (one per occurrence) and its overall state."""

    row: Row
    marks: list[tuple[Occurrence | None, str]]
    in_scope: bool

    @property
    def state(self) -> str:
        states = [s for _, s in self.marks]
        if all(s in (DONE, LATE) for s in states):
            return LATE if LATE in states else DONE
        for state in (POSTPONED, NOT_DONE, IN_PROGRESS, NOT_DUE):
            if state in states:
                return state
        return states[0]


def report_entries(execution: Execution, period: ReportPeriod) -> list[Entry]:
    """Every activity with its marks as of the day after the period."""
    after = period.end + timedelta(days=1)
    entries = []
    for row in execution.rows:
        due = execution.due[row.key]
        inside = [o for o in due if period.start <= o.due <= period.end]
        shown: list[Occurrence | None]
        if inside:
            shown, in_scope = [*inside], True
        elif due:
            later = [o for o in due if o.due > period.end]
            shown, in_scope = [later[0] if later else due[-1]], False
        else:
            shown, in_scope = [None], execution.record(row, None) is not None
        marks = [(o, _reported(outcome(execution, row, o, after))) for o in shown]
        entries.append(Entry(row, marks, in_scope))
    return entries


def _reported(state: str) -> str:
    return NOT_DONE if state == OVERDUE else state


def counts_by_section(entries: list[Entry]) -> dict[int | None, dict[str, int]]:
    result: dict[int | None, dict[str, int]] = {}
    for entry in entries:
        if entry.in_scope:
            bucket = result.setdefault(entry.row.section, {})
            bucket[entry.state] = bucket.get(entry.state, 0) + 1
    return result


def report_text_parts(execution: Execution, period: ReportPeriod, wording: Wording) -> tuple[list[str], list[str]]:
    """(title lines, summary paragraphs): the text the golden test checks."""
    from .typography import typeset

    values = {"plan": plan_genitive(execution.plan.plan.title), "period": period.label}
    title = [typeset(line.format(**values)) for line in wording.title]
    entries = report_entries(execution, period)
    counts: dict[str, int] = {}
    for entry in entries:
        if entry.in_scope:
            counts[entry.state] = counts.get(entry.state, 0) + 1
    total = sum(counts.values())
    summary = [
        f"По состоянию на {period.end:%d.%m.%Y}: "
        + (summary_line(counts, total) + "." if total else "в отчетном периоде сроков исполнения нет.")
    ]
    return title, [typeset(line) for line in summary]


# --------------------------------------------------------------------------- rendering


def build_report(execution: Execution, period: ReportPeriod, workspace: Path | None = None) -> bytes:
    """The report's .docx bytes in the plan's house style."""
    from .render import check_leftovers, finish_package, make_env
    from .style import Column, load_style
    from .templatefile import open_template, template_error

    plan = execution.plan
    style = load_style(plan.style, workspace or plan.workspace)
    wording = load_wording(style)
    extra = [Column("mark", wording.mark_header, wording.mark_width),
             Column("info", wording.info_header, wording.info_width)]
    budget = wording.table_width or sum(c.width for c in style.columns)
    style = replace(style, template="report.docx", columns=report_widths([*style.columns, *extra], budget))
    package = open_template(style.template_path)
    template = _template(package.data, str(style.template_path), check_leftovers)
    title, summary = report_text_parts(execution, period, wording)
    entries = report_entries(execution, period)
    chart = _chart(template, entries, section_titles(plan), wording)
    context = {
        "report": {"title_lines": title, "summary": summary, "chart": chart},
        "appendix": {"table": _table(plan, style, execution, entries)},
    }
    try:
        template.render(context, jinja_env=make_env(), autoescape=True)
    except Exception as exc:  # noqa: BLE001 - a clerk's template fails in many ways; told by render's own words
        raise template_error(exc, style.template_path) from None
    buffer = io.BytesIO()
    template.save(buffer)
    return finish_package(buffer.getvalue(), style, str(style.template_path))


NARROW_MM = 40  # a column this narrow (number, deadline, responsible, the mark) keeps its width
MIN_SHARE = 0.45  # a wide column (activity, result, information) keeps at least this share of its width


def report_widths(columns: list[Any], budget: float | None = None) -> list[Any]:
    """Column widths for the report: narrow columns keep theirs, wide ones share what is left of ``budget``.

    Widths are relative (the renderer scales their sum to the page). ``budget`` is the report page's
    text width in mm (``table_width`` in report.yaml), by default the plan's own columns' sum, so that
    a «Сроки исполнения» column stays as wide as in the plan instead of breaking «исполнения» in two.
    """
    narrow = sum(c.width for c in columns if c.width <= NARROW_MM)
    wide = sum(c.width for c in columns if c.width > NARROW_MM)
    if not wide or budget is None:
        return columns
    factor = max(MIN_SHARE, (budget - narrow) / wide)
    return [c if c.width <= NARROW_MM else replace(c, width=c.width * factor) for c in columns]


def _template(data: bytes, name: str, check: Any) -> Any:
    from docxtpl import DocxTemplate

    class Checked(DocxTemplate):
        def render_xml_part(self, src_xml: str, part: Any, context: dict, jinja_env: Any = None) -> str:
            dst = super().render_xml_part(src_xml, part, context, jinja_env)
            check(dst, getattr(part, "partname", "word/document.xml"), name)
            return dst

    template = Checked(io.BytesIO(data))
    template.template_name = name
    return template


def _table(plan: Plan, style: Any, execution: Execution, entries: list[Entry]) -> dict[str, Any]:
    from .resolve import cell_paras, number_label
    from .typography import typeset

    by_key = {entry.row.key: entry for entry in entries}
    plan_columns = style.columns[:-2]
    rows: list[dict[str, Any]] = []
    if plan.plan.activities_title and plan.plan.activities:  # as the plan's own table has it
        rows.append({"section": True, "heading": typeset(plan.plan.activities_title), "cells": []})
    for row in plan_rows(plan):
        if row.activity is None:
            assert row.heading is not None
            heading = row.heading.title
            if row.heading.numbered:
                heading = f"{number_label(list(row.number), style)} {heading}"
            rows.append({"section": True, "heading": typeset(heading), "cells": []})
            continue
        entry = by_key[row.key]
        cells = [
            {"paras": cell_paras(c, row.activity, list(row.number), plan, style), "center": c.center}
            for c in plan_columns
        ]
        cells.append({"paras": [typeset(p) for p in _mark_paras(entry, execution)], "center": True})
        cells.append({"paras": [typeset(p) for p in _info_paras(entry, execution)], "center": False})
        rows.append({"section": False, "heading": "", "cells": cells})
    columns = [{"header": typeset(c.header), "center": c.center} for c in style.columns]
    return {"columns": columns, "ncols": len(columns), "rows": rows}


def _mark_paras(entry: Entry, execution: Execution) -> list[str]:
    paras = []
    for occurrence, state in entry.marks:
        record = execution.record(entry.row, occurrence)
        text = state
        if record is not None and record.done and state in (DONE, LATE):
            text += f" {record.done:%d.%m.%Y}"
        prefix = f"{occurrence.label}: " if occurrence is not None and len(execution.due[entry.row.key]) > 1 else ""
        paras.append(prefix + text)
    return paras


def _info_paras(entry: Entry, execution: Execution) -> list[str]:
    paras: list[str] = []
    for occurrence, _ in entry.marks:
        record = execution.record(entry.row, occurrence)
        if record is None:
            continue
        paras.extend(p.text for p in record.text)
        if record.evidence is not None:
            paras.append(f"Подтверждение: {record.evidence}")
    return paras


_COLORS = {
    DONE: "#2e7d32",
    LATE: "#f9a825",
    IN_PROGRESS: "#1565c0",
    POSTPONED: "#8e24aa",
    NOT_DONE: "#c62828",
    NOT_DUE: "#9e9e9e",
    NO_DATA: "#e0e0e0",
}


def chart_png(entries: list[Entry], titles: dict[int, str], caption: str) -> bytes:
    """A horizontal stacked bar per section: how many activities of the period are in each state."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot
    from matplotlib.ticker import MaxNLocator

    counts = counts_by_section(entries)
    sections = sorted(counts, key=lambda s: (s is not None, s or 0))
    labels = [f"Раздел {s}" if s is not None else "Без раздела" for s in sections]
    figure, axes = pyplot.subplots(figsize=(6.5, 0.5 + 0.45 * max(len(sections), 1)), dpi=150)
    left = [0] * len(sections)
    for state, color in _COLORS.items():
        values = [counts[s].get(state, 0) for s in sections]
        if any(values):
            axes.barh(labels, values, left=left, color=color, label=state)
            left = [a + b for a, b in zip(left, values, strict=True)]
    axes.invert_yaxis()
    axes.set_title(caption, fontsize=9)
    axes.tick_params(labelsize=8)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    pyplot.close(figure)
    return buffer.getvalue()


def _chart(template: Any, entries: list[Entry], titles: dict[int, str], wording: Wording) -> Any:
    from docx.shared import Mm
    from docxtpl import InlineImage

    if not any(entry.in_scope for entry in entries):
        return ""
    return InlineImage(template, io.BytesIO(chart_png(entries, titles, wording.chart_title)), width=Mm(150))

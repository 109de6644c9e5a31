"""Execution records: what was done, kept beside the approved plan and never inside it.

The signed plan changes only through an amending order, so what was done lives
in its own file, ``reports/<plan>.yaml`` (see :func:`records_path`). It names the
plan and the order that approved it, and holds one record per activity — or per
occurrence of a recurring deadline («ежегодно, в июне и декабре»). Records are
loaded with the plan's own loader (strings with line:col) and validated with the
same schema machinery: Russian messages, every problem at once.

Checks against the plan: the file belongs to this plan and this approval; every
activity exists (an activity an amendment removed is told as such, from git);
an occurrence is one the deadline has; a done date lies inside the plan period;
«выполнено» after the deadline is flagged «выполнено с нарушением срока»;
«выполнено» without a text or a date is warned about.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .diagnostics import Pos, Report, did_you_mean
from .lazyre import precompiled
from .load import load_file
from .paths import display_path
from .planmodel import Plan, Text, plain
from .planrows import Row, activity_rows, find_row
from .schedule import Occurrence, occurrence_named, occurrences
from .schema import Block, ConvertContext, Field, ListT
from .valuetypes import DateT, Enum, Str, TextT

DONE, IN_PROGRESS, NOT_DONE, POSTPONED, NOT_DUE = (
    "выполнено",
    "выполняется",
    "не выполнено",
    "перенесено",
    "не наступил срок",
)
STATUSES = (DONE, IN_PROGRESS, NOT_DONE, POSTPONED, NOT_DUE)
LATE = "выполнено с нарушением срока"
REPORTS_DIR = "reports"


@dataclass
class Evidence:
    """The document that proves it: «приказ», № «ПД-КПО-130», от 20.02.2026."""

    name: str
    number: str | None = None
    date: date | None = None

    def __str__(self) -> str:
        parts = [self.name]
        if self.date:
            parts.append(f"от {self.date:%d.%m.%Y}")
        if self.number:
            parts.append(f"№ {self.number}")
        return " ".join(parts)


@dataclass
class Record:
    activity: str
    status: str
    occurrence: str | None = None
    done: date | None = None
    text: Text = ()
    evidence: Evidence | None = None
    pos: Pos = field(default_factory=lambda: Pos("?"))
    field_pos: dict[str, Pos] = field(default_factory=dict)
    late: bool = False  # set by the checks: done after the occurrence fell due

    @property
    def plain_text(self) -> str:
        return plain(self.text)


@dataclass
class Records:
    plan: str
    order_number: str | None
    order_date: date | None
    updated: date | None
    records: list[Record]
    source: str
    pos: Pos
    field_pos: dict[str, Pos] = field(default_factory=dict)


def _evidence(v: dict[str, Any], pos: Pos, fp: dict[str, Pos]) -> Evidence:
    return Evidence(v.get("name") or "", v.get("number"), v.get("date"))


def _record(v: dict[str, Any], pos: Pos, fp: dict[str, Pos]) -> Record | None:
    if not v.get("activity") or not v.get("status"):
        return None  # reported by the schema already
    return Record(
        v["activity"], v["status"], v.get("occurrence"), v.get("done"), v.get("text") or (), v.get("evidence"), pos, fp
    )


def _records(v: dict[str, Any], pos: Pos, fp: dict[str, Pos]) -> Records:
    order = v.get("order") or {}
    return Records(
        v.get("plan") or "",
        order.get("number"),
        order.get("date"),
        v.get("updated"),
        v.get("records") or [],
        pos.file,
        pos,
        fp,
    )


OCCURRENCE_PATTERN = r"\d{4}-\d{2}(?:-\d{2})?"

EVIDENCE = Block(
    "evidence",
    [
        Field("name", Str(), required=True, doc="вид документа: приказ, протокол, справка, отчет"),
        Field("number", Str(), doc="номер документа"),
        Field("date", DateT(), doc="дата документа: 2026-02-20 или 20.02.2026"),
    ],
    _evidence,
    shorthand="name",
    doc="Документ, подтверждающий выполнение.",
)

RECORD = Block(
    "запись",
    [
        Field("activity", Str(), required=True, doc="мероприятие: его id (working-group) или номер (1.2)"),
        Field(
            "occurrence",
              Str(OCCURRENCE_PATTERN, "срок повторяющегося мероприятия: месяц 2026-06 или дата 2026-06-30"),
              doc="для повторяющегося срока («ежегодно», «ежеквартально»): месяц 2026-06 или дата",
        ),
        Field("status", Enum(STATUSES), required=True, doc="отметка: " + ", ".join(STATUSES)),
        Field("done", DateT(), doc="дата выполнения: 2026-02-20 или 20.02.2026"),
        Field("text", TextT(), doc="что сделано — текст для графы «Информация о выполнении»"),
        Field("evidence", EVIDENCE, doc="подтверждающий документ: name, number, date"),
    ],
    _record,
    doc="Сведения о выполнении одного мероприятия (или одного его срока).",
)

_ORDER = Block(
    "order",
    [
        Field("number", Str(), required=True, doc="номер приказа (распоряжения), которым утвержден план"),
        Field("date", DateT(), required=True, doc="его дата"),
    ],
    lambda v, pos, fp: v,
)

RECORDS = Block(
    "файл исполнения",
    [
        Field("format", Enum(("1",)), doc="версия формата: 1"),
        Field("plan", Str(), required=True, doc="файл плана, к которому относятся записи: plans/x.yaml"),
        Field("order", _ORDER, doc="приказ, которым утвержден план: number, date — версия плана"),
        Field("updated", DateT(), doc="когда сведения последний раз обновлялись"),
        Field("records", ListT(RECORD), required=True, doc="записи о выполнении"),
    ],
    _records,
    doc="Сведения о выполнении плана мероприятий (файл рядом с планом, план не меняется).",
)


def records_path(plan_path: Path) -> Path:
    """``reports/<plan>.yaml`` beside the ``plans/`` folder, or inside the plan's folder when it is not ``plans/``."""
    folder = plan_path.resolve().parent
    base = folder.parent if folder.name == "plans" else folder
    return base / REPORTS_DIR / f"{plan_path.stem}.yaml"


@dataclass
class Execution:
    """A plan with its records matched to activities and occurrences."""

    plan: Plan
    rows: list[Row]
    records: dict[tuple[str, str], Record]  # (row key, occurrence key or "") → record
    source: str | None  # the records file, None when there is none yet
    due: dict[str, list[Occurrence]] = field(default_factory=dict)  # row key → occurrences

    def slots(self, row: Row) -> list[Occurrence | None]:
        """What an activity is recorded against: each occurrence, or one undated slot when it has none."""
        due: list[Occurrence | None] = [*self.due[row.key]]
        return due or [None]

    def record(self, row: Row, occurrence: Occurrence | None) -> Record | None:
        return self.records.get((row.key, occurrence.key if occurrence else ""))


def load_records(
    path: Path, plan: Plan, report: Report | None = None, display: str | None = None
) -> tuple[Execution, Report]:
    """The plan's execution: records read, checked against the plan, matched; every problem in ``report``.

    A missing file is no error: nothing has been recorded yet. ``display`` names the file in messages
    (``collect`` checks a new version in a temporary file before it replaces the real one).
    """
    report = report if report is not None else Report()
    rows = activity_rows(plan)
    execution = Execution(
        plan,
        rows,
        {},
        None,
        {row.key: occurrences(row.activity.deadline, plan.plan.period) for row in rows if row.activity is not None},
    )
    if not path.exists():
        return execution, report
    name = display or display_path(path)
    loaded = load_file(path, name)
    report.extend(loaded.report)
    if loaded.root is None:
        return execution, report
    records = RECORDS.convert(loaded.root, ConvertContext(report))
    if not isinstance(records, Records):
        return execution, report
    execution.source = name
    _check_header(records, plan, report)
    for record in records.records:
        if record is not None:
            _match(record, execution, records, report)
    return execution, report


def _check_header(records: Records, plan: Plan, report: Report) -> None:
    plan_stem = Path(plan.source).stem
    if Path(records.plan).stem != plan_stem:
        report.error(
            "OF702",
            records.field_pos.get("plan", records.pos),
            f"файл исполнения относится к плану «{records.plan}», а не к {plan.source}",
            f"сведения этого плана храните в {REPORTS_DIR}/{plan_stem}.yaml или укажите нужный файл (--records)",
        )
        return
    approved = plan.order or plan.approval
    if records.order_number is None or approved is None:
        return
    if (records.order_number, records.order_date) != (approved.number, approved.date):
        report.error(
            "OF703",
            records.field_pos.get("order", records.pos),
            f"сведения составлены к плану, утвержденному {_order_text(records.order_number, records.order_date)}, "
            f"а план {plan.source} утвержден {_order_text(approved.number, approved.date)}",
            "это сведения о другой версии плана: проверьте файл или исправьте order: number, date",
        )


def _order_text(number: str | None, day: date | None) -> str:
    return f"приказом от {day:%d.%m.%Y} № {number}" if day else f"приказом № {number}"


def _match(record: Record, execution: Execution, records: Records, report: Report) -> None:
    row = find_row(execution.rows, record.activity)
    where = record.field_pos.get("activity", record.pos)
    if row is None or row.activity is None:
        _unknown_activity(record, execution, records, report, where)
        return
    if row.activity.id and record.activity.strip() != row.activity.id:
        report.warning("OF714", where,
                       f"запись ссылается на номер {row.label}, а у мероприятия есть id «{row.activity.id}»",
                       f"укажите activity: {row.activity.id} — номер сменится, если изменение плана добавит "
                       "или исключит мероприятие выше")
    occurrence = _occurrence(record, row, execution, report)
    if occurrence is False:
        return
    key = (row.key, occurrence.key if isinstance(occurrence, Occurrence) else "")
    if key in execution.records:
        first = execution.records[key].pos
        report.error(
            "OF708",
            record.pos,
            f"сведения о мероприятии {row.label}{_occ_text(occurrence)} уже есть (строка {first.line})",
            "оставьте одну запись на мероприятие (и на каждый его срок)",
        )
        return
    _check_dates(record, row, occurrence if isinstance(occurrence, Occurrence) else None, execution.plan, report)
    execution.records[key] = record


def _occ_text(occurrence: object) -> str:
    return f" (срок {occurrence.label})" if isinstance(occurrence, Occurrence) else ""


def _occurrence(record: Record, row: Row, execution: Execution, report: Report) -> Occurrence | None | bool:
    """The occurrence the record is about; None for an activity with one or no date; False after an error."""
    due = execution.due[row.key]
    listed = ", ".join(o.label for o in due[:8]) + (" …" if len(due) > 8 else "")
    if record.occurrence is None:
        if len(due) > 1:
            report.error(
                "OF707",
                record.pos,
                f"срок мероприятия {row.label} повторяется ({len(due)} раз): укажите, к какому сроку относится запись",
                f"добавьте occurrence: {due[0].key} (сроки: {listed})",
            )
            return False
        return due[0] if due else None
    found = occurrence_named(record.occurrence, due)
    if found is None:
        where = record.field_pos.get("occurrence", record.pos)
        hint = (
            f"сроки мероприятия по плану: {listed}"
            if due
            else "у мероприятия нет датированных сроков: удалите occurrence"
        )
        report.error("OF706", where, f"у мероприятия {row.label} нет срока «{record.occurrence}» в периоде плана", hint)
        return False
    return found


def _check_dates(record: Record, row: Row, occurrence: Occurrence | None, plan: Plan, report: Report) -> None:
    period = plan.plan.period
    done_pos = record.field_pos.get("done", record.pos)
    if record.done and period and not period.start <= record.done <= period.end:
        report.error(
            "OF709",
            done_pos,
            f"дата выполнения {record.done:%d.%m.%Y} вне периода плана ({period.text})",
            "проверьте год в дате выполнения",
        )
    if record.status != DONE:
        if record.done:
            report.warning(
                "OF713",
                done_pos,
                f"дата выполнения указана, а отметка — «{record.status}»",
                f"если мероприятие выполнено, укажите status: {DONE}; иначе удалите done",
            )
        return
    if occurrence and record.done and record.done > occurrence.due:
        record.late = True
        report.warning(
            "OF710",
            done_pos,
            f"мероприятие {row.label} {LATE}: выполнено {record.done:%d.%m.%Y}, срок — {occurrence.due:%d.%m.%Y}",
            "так и будет отмечено в отчете; если дата неверна, исправьте её",
        )
    if not record.text:
        report.warning(
            "OF711",
            record.pos,
            f"мероприятие {row.label} отмечено «{DONE}», но не сказано, что сделано",
            "добавьте text: — он попадет в графу «Информация о выполнении»",
        )
    if record.done is None:
        report.warning(
            "OF712",
            record.pos,
            f"мероприятие {row.label} отмечено «{DONE}» без даты выполнения",
            "добавьте done: ГГГГ-ММ-ДД — без неё нарушение срока не проверяется",
        )


def _unknown_activity(record: Record, execution: Execution, records: Records, report: Report, where: Pos) -> None:
    removed = removed_by_amendment(Path(execution.plan.source), record.activity)
    if removed is not None:
        commit, day = removed
        stale = records.updated is not None and records.updated < day
        report.error(
            "OF705",
            where,
            f"мероприятие «{record.activity}» исключено из плана изменением от "
            f"{day:%d.%m.%Y} (коммит {commit})"
            + (f", а сведения составлены раньше — {records.updated:%d.%m.%Y}" if stale else ""),
            "сведения старше изменения плана: удалите эту запись (или перенесите её в архив) и обновите updated:",
        )
        return
    keys = [row.key for row in execution.rows] + [row.label for row in execution.rows]
    report.error(
        "OF704",
        where,
        f"мероприятия «{record.activity}» нет в плане {execution.plan.source}",
        did_you_mean(record.activity, keys) or "укажите id мероприятия или его номер, например 1.2",
    )


_ID = precompiled(r"[a-z0-9][a-z0-9_-]{0,39}")


def removed_by_amendment(plan_path: Path, key: str) -> tuple[str, date] | None:
    """The commit (short hash, date) that last removed ``id: key`` from the plan in git, if any.

    git's pickaxe finds the latest commit that changed how often «id: key» occurs; the plan no
    longer has it, so that commit removed it. Not in git, git missing, a number instead of an
    id: None, and the record is simply unknown.
    """
    if not _ID.fullmatch(key):
        return None
    try:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%h %cs", f"-Sid: {key}", "--", plan_path.name],
            cwd=plan_path.resolve().parent,
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    parts = done.stdout.split()
    if done.returncode != 0 or len(parts) != 2:
        return None
    try:
        return parts[0], date.fromisoformat(parts[1])
    except ValueError:
        return None


def open_execution(plan_path: Path, records_file: Path | None = None) -> tuple[Execution, Report]:
    """Plan and records for a command: any error in either stops here (UserError), warnings come back."""
    from .build import validated_plan
    from .diagnostics import UserError

    plan, report = validated_plan(plan_path)
    execution, report = load_records(records_file or records_path(plan_path), plan, report)
    if report.has_errors:
        raise UserError(report.sorted(), exit_code=report.exit_code or 1)
    return execution, report


def outcome(execution: Execution, row: Row, occurrence: Occurrence | None, on: date) -> str:
    """The state of one activity (or one of its occurrences) on a day: a status, or «просрочено».

    A record's own status stands, except that «не наступил срок», «выполняется» and «не выполнено»
    past the due day are overdue; with no record an occurrence past due is overdue too.
    """
    record = execution.record(row, occurrence)
    if record is not None and record.status in (DONE, POSTPONED):
        return LATE if record.late else record.status
    if occurrence is not None and occurrence.due < on:
        return OVERDUE
    return record.status if record is not None else NOT_DUE if occurrence is not None else NO_DATA


OVERDUE = "просрочено"
NO_DATA = "нет сведений"


def parse_day(text: str) -> date | None:
    """«2026-04-05» or «05.04.2026» as typed in a command line or a spreadsheet cell; None when neither."""
    text = text.strip()
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text) or re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    if match is None:
        return None
    a, b, c = (int(x) for x in match.groups())
    try:
        return date(a, b, c) if a > 31 else date(c, b, a)
    except ValueError:
        return None

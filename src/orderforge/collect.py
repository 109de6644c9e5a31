"""``orderforge collect``: a filled monitoring spreadsheet (``export --xlsx``) back into the records.

Rows are matched by id or number (never by position); every changed, unknown or
unreadable row is reported with its row and column; the record of a row that
could not be read stays exactly as it was. A foreign, damaged or oversized
file is refused before anything is read into the records. The merged records
file is validated in full before it replaces the old one, atomically.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Pos, Report, UserError, did_you_mean
from .planmodel import parse_text
from .records import STATUSES, Evidence, Execution, Record, parse_day
from .recordsfile import roundtrip_problem
from .schedule import Occurrence, occurrence_named
from .xlsx import (
    DOC_DATE,
    DOC_NAME,
    DOC_NUMBER,
    DONE,
    KEY,
    MAIN_SHEET,
    MARK,
    META_SHEET,
    NUMBER,
    OCCURRENCE,
    REQUIRED,
    STATUS,
    TEXT,
)


@dataclass
class Collected:
    """What ``collect`` found: records to write, the rows it changed and every problem, with row numbers."""

    records: dict[tuple[str, str], Record] = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)
    report: Report = field(default_factory=Report)
    unchanged: int = 0


def read_filled(path: Path, execution: Execution) -> Collected:
    """Read a filled spreadsheet against the plan; raises UserError (nothing changed) for a foreign file."""
    book = _open(path)
    name = str(path)
    _check_meta(book, execution, name)
    if MAIN_SHEET not in book.sheetnames:
        raise _foreign(name, f"в таблице нет листа «{MAIN_SHEET}»")
    rows = book[MAIN_SHEET].iter_rows(values_only=True)
    header = [str(v).strip() if v is not None else "" for v in next(rows, ())]
    missing = [h for h in REQUIRED if h not in header]
    if missing:
        raise _foreign(name, "в таблице нет столбцов: " + ", ".join(f"«{h}»" for h in missing))
    columns = {h: header.index(h) for h in REQUIRED}
    result = Collected()
    for number, values in enumerate(rows, start=2):
        _read_row(number, values, columns, execution, result, name)
    return result


def _check_size(path: Path) -> None:
    """A spreadsheet passes the one gate for foreign files (safeio) before openpyxl sees it: a zip that
    unpacks to gigabytes, a part with a DTD or entities (XXE, «billion laughs») is refused in Russian.

    A file that is not a zip at all is left to openpyxl's own refusal (OF731)."""
    from .safeio import open_package

    try:
        opened = open_package(path, kind="таблица Excel (.xlsx)")
    except UserError as exc:
        if any(d.code == "OF073" for d in exc.diagnostics):
            return
        raise
    with opened:
        for name in opened.names():
            if name.endswith((".xml", ".rels")):
                head = opened.read(name)[:4096]
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    opened.xml(name)  # refused there (OF075), naming the part


def _open(path: Path) -> Any:
    from openpyxl import load_workbook

    if not path.is_file():
        raise UserError.simple(
            "OF730",
            str(path),
            "файл не найден" if not path.exists() else "это не файл",
            "укажите заполненную таблицу .xlsx",
        )
    _check_size(path)
    try:
        return load_workbook(path, data_only=True)
    except Exception:  # noqa: BLE001 - a damaged zip or XML raises anything; the clerk needs one message
        raise UserError.simple(
            "OF731",
            str(path),
            "файл не открывается как таблица Excel (.xlsx): он поврежден или это файл другого формата",
            "откройте таблицу в Excel или LibreOffice и сохраните её как «Книга Excel (*.xlsx)»",
        ) from None


def _foreign(name: str, why: str) -> UserError:
    return UserError.simple(
        "OF732",
        name,
        f"это не таблица сведений orderforge: {why}",
        "выгрузите таблицу командой orderforge export --xlsx, заполните её и соберите снова",
    )


def _check_meta(book: Any, execution: Execution, name: str) -> None:
    if META_SHEET not in book.sheetnames:
        raise _foreign(name, f"нет служебного листа «{META_SHEET}»")
    meta = {str(row[0]): str(row[1] or "") for row in book[META_SHEET].iter_rows(max_col=2, values_only=True) if row[0]}
    if meta.get("mark") != MARK:
        raise _foreign(name, "служебный лист не заполнен orderforge")
    stem = Path(execution.plan.source).stem
    if meta.get("plan") != stem:
        raise UserError.simple(
            "OF733",
            name,
            f"таблица выгружена из плана «{meta.get('plan')}», а не {execution.plan.source}",
            f"соберите её для своего плана: orderforge collect {name} plans/{meta.get('plan')}.yaml",
        )
    approved = execution.plan.order or execution.plan.approval
    number = approved.number if approved else ""
    if approved is not None and meta.get("order_number") != (number or ""):
        raise UserError.simple(
            "OF733",
            name,
            f"таблица выгружена из версии плана, утвержденной приказом "
            f"№ {meta.get('order_number')}, а план утвержден приказом № {number}",
            "выгрузите таблицу из нынешней версии плана заново",
        )


def _text(value: Any) -> str:
    """A cell as text; only ASCII whitespace is trimmed — a no-break space a clerk typed stays (as in plans)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip(" \t\r\n\f\v")


def _day(value: Any) -> date | None | str:
    """A date cell: a date, None when empty, or the text when unreadable."""
    if value is None or _text(value) == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_day(_text(value)) or _text(value)


def _read_row(
    number: int, values: tuple[Any, ...], columns: dict[str, int], execution: Execution, result: Collected, name: str
) -> None:
    from .planrows import find_row

    def cell(header: str) -> Any:
        index = columns[header]
        return values[index] if index < len(values) else None

    key, label = _text(cell(KEY)), _text(cell(NUMBER))
    if not any(_text(v) for v in values):
        return
    row = find_row(execution.rows, key) if key else None
    row = row or (find_row(execution.rows, label) if label else None)

    def problem(code: str, column: str, message: str, hint: str = "") -> None:
        result.report.items.append(Diagnostic(code, "error", message, Pos(name, number, columns[column] + 1), hint))

    if row is None:
        problem(
            "OF734",
            KEY,
            f"строка {number}: мероприятия «{key or label}» нет в плане — строка не прочитана",
            "не меняйте столбцы «№ п/п» и «Код мероприятия»; новые мероприятия вносятся в план, а не в таблицу",
        )
        return
    occurrence = _occurrence(_text(cell(OCCURRENCE)), execution.due[row.key])
    if occurrence is False:
        problem(
            "OF734",
            OCCURRENCE,
            f"строка {number}, мероприятие {row.label}: срока «{_text(cell(OCCURRENCE))}» "
            "у мероприятия нет — строка не прочитана",
            "не меняйте столбец «Код срока»",
        )
        return
    record = _record(number, row.key, occurrence, cell, problem, row.label, len(execution.due[row.key]) > 1)
    if record is None:
        return
    broken = roundtrip_problem(record)
    if broken is not None:
        problem("OF735", TEXT, f"строка {number}, мероприятие {row.label}: сведения не удаётся сохранить как написаны "
                f"({broken}) — запись не изменена",
                "удалите из ячейки невидимые символы (они остаются при копировании из других документов) "
                "и соберите снова")
        return
    occ_key = occurrence.key if isinstance(occurrence, Occurrence) else ""
    _compare(execution.records.get((row.key, occ_key)), record, row.label, number, result)
    result.records[(row.key, occ_key)] = record


def _occurrence(text: str, due: list[Occurrence]) -> Occurrence | None | bool:
    """The occurrence a row names; the only one when it names none; False when there is none such."""
    if not text:
        return due[0] if len(due) == 1 else None if not due else False
    return occurrence_named(text, due) or False


def _record(
    number: int, key: str, occurrence: Any, cell: Any, problem: Any, label: str, recurring: bool
) -> Record | None:
    """The row as a record; None when it is empty or unreadable (reported, the old record kept)."""
    status = _text(cell(STATUS))
    text = _text(cell(TEXT))
    done, doc_date = _day(cell(DONE)), _day(cell(DOC_DATE))
    where = f"строка {number}, мероприятие {label}"
    if not status:
        if text or done or _text(cell(DOC_NAME)):
            problem(
                "OF735",
                STATUS,
                f"{where}: не выбрана отметка о выполнении — строка не прочитана",
                "выберите отметку из списка: " + ", ".join(STATUSES),
            )
        return None
    status = {s.lower(): s for s in STATUSES}.get(" ".join(status.lower().split()), status)  # «Выполнено» typed
    if status not in STATUSES:
        problem(
            "OF735",
            STATUS,
            f"{where}: отметка «{status}» не из списка — запись не изменена",
            did_you_mean(status, STATUSES) or "выберите отметку из списка: " + ", ".join(STATUSES),
        )
        return None
    for value, header in ((done, DONE), (doc_date, DOC_DATE)):
        if isinstance(value, str):
            problem(
                "OF735",
                header,
                f"{where}: «{value}» в столбце «{header}» — не дата — запись не изменена",
                "запишите дату как 20.02.2026",
            )
            return None
    doc_name = _text(cell(DOC_NAME))
    evidence = Evidence(doc_name, _text(cell(DOC_NUMBER)) or None, doc_date) if doc_name else None  # type: ignore[arg-type]
    occ_key = occurrence.key if isinstance(occurrence, Occurrence) and recurring else None
    return Record(key, status, occ_key, done, parse_text(text) if text else (), evidence)  # type: ignore[arg-type]


def _compare(old: Record | None, new: Record, label: str, number: int, result: Collected) -> None:
    changes = []
    for what, before, after in (
        ("отметка", old.status if old else None, new.status),
        ("дата выполнения", _show(old.done if old else None), _show(new.done)),
        ("информация", old.plain_text if old else "", new.plain_text),
        ("документ", str(old.evidence) if old and old.evidence else "", str(new.evidence) if new.evidence else ""),
    ):
        if (before or "") != (after or ""):
            changes.append(f"{what}: «{before or '—'}» → «{after or '—'}»")
    occurrence = f" (срок {new.occurrence})" if new.occurrence else ""
    if changes:
        result.changed.append(f"строка {number}, мероприятие {label}{occurrence}: " + "; ".join(changes))
    else:
        result.unchanged += 1


def _show(day: date | None) -> str:
    return f"{day:%d.%m.%Y}" if day else ""


def collect(xlsx: Path, plan_path: Path, records_file: Path | None = None, today: date | None = None) -> Collected:
    """Merge a filled spreadsheet into the records file: checked whole before anything is written.

    A foreign or damaged spreadsheet, or records that would not validate, raise UserError and leave the
    records file as it was; rows that could not be read are in the result's report and change nothing.
    """
    import tempfile

    from .paths import display_path
    from .records import load_records, open_execution, records_path
    from .recordsfile import records_yaml
    from .write import write_atomic

    target = records_file or records_path(plan_path)
    execution, _ = open_execution(plan_path, target)
    collected = read_filled(xlsx, execution)
    existing = target.read_bytes() if target.exists() else None
    data = records_yaml(existing, execution, collected.records, target, plan_path, today or date.today())
    with tempfile.TemporaryDirectory() as folder:
        check = Path(folder) / target.name
        check.write_bytes(data)
        _, report = load_records(check, execution.plan, display=display_path(target))
    if report.has_errors:
        raise UserError(
            report.sorted()
            + [
                Diagnostic(
                    "OF736",
                    "error",
                    "сведения из таблицы не записаны: после сбора файл сведений содержал бы ошибки",
                    Pos(display_path(target)),
                    "исправьте строки таблицы, названные выше, и соберите её снова",
                )
            ],
            exit_code=1,
        )
    if collected.changed:
        write_atomic(target, data)
    return collected

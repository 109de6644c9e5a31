"""The monitoring spreadsheet: ``export --xlsx`` writes it (:mod:`orderforge.collect` reads a filled copy back).

Ministries send execution forms around as Excel files, so the plan goes out as
one: a frozen header, the plan's columns in the house style's wording, one row
per activity (per occurrence for a recurring deadline), a status column with a
drop-down list (data validation) and columns for the date, the text and the
evidence. A hidden sheet «orderforge» names the plan and its approval, so that
``collect`` can refuse a foreign or another plan's table.

openpyxl is imported only inside the functions, so only ``export`` and
``collect`` load it.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from .records import STATUSES, Execution, Record
from .schedule import Occurrence

META_SHEET = "orderforge"
MAIN_SHEET = "Исполнение"
MARK = "orderforge: сведения о выполнении плана"
# Report columns after the plan's own: key → header. The keys are fixed, the headers are what a clerk reads.
NUMBER, KEY, OCCURRENCE, DUE = "№ п/п", "Код мероприятия", "Код срока", "Срок (отчетный)"
STATUS, DONE, TEXT = "Отметка о выполнении", "Дата выполнения", "Информация о выполнении"
DOC_NAME, DOC_NUMBER, DOC_DATE = "Подтверждающий документ", "Номер документа", "Дата документа"
TAIL = (DUE, STATUS, DONE, TEXT, DOC_NAME, DOC_NUMBER, DOC_DATE)
REQUIRED = (NUMBER, KEY, OCCURRENCE, STATUS, DONE, TEXT, DOC_NAME, DOC_NUMBER, DOC_DATE)


def export_xlsx(execution: Execution) -> bytes:
    """The workbook's bytes: plan columns, then the report columns, prefilled from the records."""
    from openpyxl import Workbook

    from .resolve import cell_paras
    from .style import load_style

    plan = execution.plan
    style = load_style(plan.style, plan.workspace)
    columns = [c for c in style.columns if c.key != "number"]
    headers = [NUMBER, KEY, OCCURRENCE, *(c.header for c in columns), *TAIL]
    book = Workbook()
    sheet = book.active
    sheet.title = MAIN_SHEET
    sheet.append(headers)
    for row in execution.rows:
        assert row.activity is not None
        plan_cells = ["\n".join(cell_paras(c, row.activity, list(row.number), plan, style)) for c in columns]
        for occurrence in execution.slots(row):
            record = execution.record(row, occurrence)
            sheet.append(
                [
                    row.label,
                    row.key,
                    occurrence.key if occurrence else "",
                    *plan_cells,
                    *_report_cells(occurrence, record),
                ]
            )
    _format(sheet, headers, len(columns))
    _meta(book, execution)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _report_cells(occurrence: Occurrence | None, record: Record | None) -> list[Any]:
    due = occurrence.due if occurrence else None
    if record is None:
        return [due, None, None, None, None, None, None]
    evidence = record.evidence
    return [
        due,
        record.status,
        record.done,
        record.plain_text or None,
        evidence.name if evidence else None,
        evidence.number if evidence else None,
        evidence.date if evidence else None,
    ]


def _format(sheet: Any, headers: list[str], plan_columns: int) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet.freeze_panes = "D2"
    widths = {
        NUMBER: 8,
        KEY: 14,
        OCCURRENCE: 10,
        DUE: 12,
        STATUS: 22,
        DONE: 13,
        TEXT: 50,
        DOC_NAME: 30,
        DOC_NUMBER: 14,
        DOC_DATE: 13,
    }
    for index, header in enumerate(headers, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = widths.get(header, 40)
        sheet.cell(1, index).font = Font(bold=True)
        sheet.cell(1, index).alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        if header in (DUE, DONE, DOC_DATE):
            for cells in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cells[0].number_format = "DD.MM.YYYY"
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    status_column = get_column_letter(headers.index(STATUS) + 1)
    rule = DataValidation(
        type="list",
        formula1='"' + ",".join(STATUSES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Отметка о выполнении",
        error="Выберите отметку из списка: " + ", ".join(STATUSES),
    )
    rule.add(f"{status_column}2:{status_column}{max(sheet.max_row, 2)}")
    sheet.add_data_validation(rule)
    sheet.auto_filter.ref = sheet.dimensions


def _meta(book: Any, execution: Execution) -> None:
    meta = book.create_sheet(META_SHEET)
    approved = execution.plan.order or execution.plan.approval
    for values in (
        ("mark", MARK),
        ("plan", Path(execution.plan.source).stem),
        ("order_number", approved.number if approved else ""),
        ("order_date", approved.date.isoformat() if approved and approved.date else ""),
    ):
        meta.append(list(values))
    meta.sheet_state = "hidden"

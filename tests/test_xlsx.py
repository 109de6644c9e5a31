"""The monitoring spreadsheet: exported, filled through openpyxl (or re-saved by LibreOffice Calc), collected."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from orderforge.cli import main
from orderforge.pdf import find_soffice
from orderforge.planfile import load_plan
from orderforge.records import load_records

from .conftest import ROOT

PLAN = "plans/kaliningrad-committee-2026.yaml"
RECORDS = "reports/kaliningrad-committee-2026.yaml"


@pytest.fixture
def ws(execution_workspace: Path) -> Path:
    return execution_workspace


def export(ws: Path) -> Path:
    result = CliRunner().invoke(main, ["export", PLAN, "--xlsx", "m.xlsx"])
    assert result.exit_code == 0, result.output
    return ws / "m.xlsx"


def columns(sheet) -> dict[str, int]:
    return {cell.value: cell.column for cell in sheet[1]}


def row_of(sheet, key: str, occurrence: str = "") -> int:
    col = columns(sheet)
    for row in range(2, sheet.max_row + 1):
        if (
            sheet.cell(row, col["Код мероприятия"]).value == key
            and (sheet.cell(row, col["Код срока"]).value or "") == occurrence
        ):
            return row
    raise AssertionError(key)


FILLED = {  # (key, occurrence) → status, done, text, document
    ("teacher-competence-diagnostics", "2026-05"): (
        "выполнено",
        date(2026, 5, 28),
        "Диагностика проведена во всех ОУ.",
        ("справка", "12", date(2026, 5, 29)),
    ),
    ("progress-report", "2026-06"): ("выполнено", date(2026, 6, 30), "Отчет направлен в Министерство.", None),
    ("staffing-analysis", "2026-12"): ("выполняется", None, "Собраны сведения о кадрах.", None),
}


def fill(path: Path) -> None:
    book = load_workbook(path)
    sheet = book["Исполнение"]
    col = columns(sheet)
    for (key, occurrence), (status, done, text, doc) in FILLED.items():
        row = row_of(sheet, key, occurrence)
        sheet.cell(row, col["Отметка о выполнении"]).value = status
        sheet.cell(row, col["Дата выполнения"]).value = done
        sheet.cell(row, col["Информация о выполнении"]).value = text
        if doc:
            for header, value in zip(
                ("Подтверждающий документ", "Номер документа", "Дата документа"), doc, strict=True
            ):
                sheet.cell(row, col[header]).value = value
    book.save(path)


def records(ws: Path) -> dict:
    plan, _ = load_plan(ws / PLAN)
    execution, report = load_records(ws / RECORDS, plan)
    assert not report.has_errors, [d.format() for d in report.errors]
    return {
        key: (r.status, r.done, r.plain_text, str(r.evidence) if r.evidence else None)
        for key, r in execution.records.items()
    }


def expected(before: dict) -> dict:
    after = dict(before)
    for key, (status, done, text, doc) in FILLED.items():
        evidence = f"{doc[0]} от {doc[2]:%d.%m.%Y} № {doc[1]}" if doc else None
        after[key] = (status, done, text, evidence)
    return after


def test_export_has_frozen_header_and_status_list(ws: Path) -> None:
    sheet = load_workbook(export(ws))["Исполнение"]
    assert sheet.freeze_panes == "D2"
    headers = [c.value for c in sheet[1]]
    assert headers[:4] == ["№ п/п", "Код мероприятия", "Код срока", "Мероприятие (содержание деятельности)"]
    assert "Отметка о выполнении" in headers and "Информация о выполнении" in headers
    rules = sheet.data_validations.dataValidation
    assert len(rules) == 1 and rules[0].type == "list" and "не наступил срок" in rules[0].formula1
    # one row per occurrence: 20 activities, recurring ones once per due date
    # 1.1 1.2 1.3 2.1 2.2 2.3 2.4 2.5 2.6 2.7 2.8 2.9 3.1 3.2 3.3 3.4 3.5 3.6 («ежегодно» ×3, «в июне и декабре» ×6)
    assert sheet.max_row - 1 == sum([1, 1, 1, 1, 3, 1, 3, 3, 1, 1, 6, 3, 1, 3, 3, 1, 3, 3])


def test_filled_spreadsheet_gives_exactly_the_records_filled(ws: Path) -> None:
    before = records(ws)
    path = export(ws)
    fill(path)
    result = CliRunner().invoke(main, ["collect", str(path), PLAN])
    assert result.exit_code == 0, result.output
    assert "изменено записей: 3" in result.stdout
    assert "отметка: «выполняется» → «выполнено»" in result.stdout
    assert records(ws) == expected(before)
    comments = (ws / RECORDS).read_text(encoding="utf-8")
    assert comments.startswith("# Сведения о выполнении")  # the clerk's comments stay


def test_unreadable_and_unknown_rows_change_nothing_of_theirs(ws: Path) -> None:
    before = records(ws)
    path = export(ws)
    book = load_workbook(path)
    sheet = book["Исполнение"]
    col = columns(sheet)
    sheet.cell(row_of(sheet, "working-group", "2026-02"), col["Отметка о выполнении"]).value = "выполненно"
    sheet.cell(row_of(sheet, "roadmap-approval", "2026-02"), col["Дата выполнения"]).value = "31.02.2026"
    exam = row_of(sheet, "exam-results-analysis", "2026-03")
    sheet.cell(exam, col["Код мероприятия"]).value = "no-such-activity"
    sheet.cell(exam, col["№ п/п"]).value = "9.9"
    sheet.cell(
        row_of(sheet, "teacher-competence-diagnostics", "2026-05"), col["Отметка о выполнении"]
    ).value = "не выполнено"
    book.save(path)
    result = CliRunner().invoke(main, ["collect", str(path), PLAN])
    assert result.exit_code == 1
    err = result.stderr
    assert (
        "отметка «выполненно» не из списка — запись не изменена" in err
        and "возможно, имелось в виду «выполнено»" in err
    )
    assert "«31.02.2026» в столбце «Дата выполнения» — не дата" in err
    assert "мероприятия «no-such-activity» нет в плане" in err
    after = records(ws)
    assert after[("working-group", "2026-02")] == before[("working-group", "2026-02")]
    assert after[("roadmap-approval", "2026-02")] == before[("roadmap-approval", "2026-02")]
    assert after[("teacher-competence-diagnostics", "2026-05")][0] == "не выполнено"


@pytest.mark.parametrize("content", [b"PK\x03\x04 broken", b"not a spreadsheet at all", b""])
def test_corrupted_xlsx_is_refused_and_changes_nothing(ws: Path, content: bytes) -> None:
    before = (ws / RECORDS).read_bytes()
    (ws / "bad.xlsx").write_bytes(content)
    result = CliRunner().invoke(main, ["collect", "bad.xlsx", PLAN])
    assert result.exit_code == 2
    assert "ошибка OF731: файл не открывается как таблица Excel (.xlsx)" in result.stderr
    assert "Traceback" not in result.output
    assert (ws / RECORDS).read_bytes() == before


def test_zip_bomb_is_refused_before_unpacking(ws: Path) -> None:
    import zipfile

    before = (ws / RECORDS).read_bytes()
    with zipfile.ZipFile(ws / "bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    result = CliRunner().invoke(main, ["collect", "bomb.xlsx", PLAN])
    assert result.exit_code == 2 and "OF072" in result.stderr and "zip-бомб" in result.stderr
    assert (ws / RECORDS).read_bytes() == before


def test_foreign_or_other_plan_xlsx_is_refused(ws: Path) -> None:
    from openpyxl import Workbook

    before = (ws / RECORDS).read_bytes()
    Workbook().save(ws / "foreign.xlsx")
    result = CliRunner().invoke(main, ["collect", "foreign.xlsx", PLAN])
    assert result.exit_code == 2 and "это не таблица сведений orderforge" in result.stderr
    assert CliRunner().invoke(main, ["export", "plans/baltiysk-2024.yaml", "--xlsx", "b.xlsx"]).exit_code == 0
    result = CliRunner().invoke(main, ["collect", "b.xlsx", PLAN])
    assert result.exit_code == 2 and "таблица выгружена из плана «baltiysk-2024»" in result.stderr
    assert (ws / RECORDS).read_bytes() == before


@pytest.mark.slow
@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice не установлен")
def test_spreadsheet_resaved_by_libreoffice_calc(ws: Path) -> None:
    before = records(ws)
    path = export(ws)
    fill(path)
    out = ws / "calc"
    done = subprocess.run(
        [
            find_soffice(),
            "--headless",
            f"-env:UserInstallation=file://{ws}/lo-profile",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    resaved = out / "m.xlsx"
    if not resaved.exists():
        pytest.skip(f"LibreOffice Calc не пересохранил таблицу: {done.stderr[-300:]}")
    assert resaved.read_bytes() != path.read_bytes()
    result = CliRunner().invoke(main, ["collect", str(resaved), PLAN])
    assert result.exit_code == 0, result.output
    assert records(ws) == expected(before)


PIECES = st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(
    ["\n", "{{ 7*7 }}", ": ", "no", "1.10", "«»"])
TEXTS = st.lists(PIECES, max_size=20).map("".join)
STATUS_CHOICES = st.sampled_from(["выполнено", "выполняется", "не выполнено", "перенесено", "не наступил срок"])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fills=st.lists(st.tuples(st.integers(0, 38), STATUS_CHOICES, TEXTS, st.dates(date(2026, 1, 1),
                                                                                      date(2028, 12, 31))),
                      max_size=6, unique_by=lambda f: f[0]))
def test_any_fill_is_collected_exactly(ws: Path, fills: list) -> None:
    """Whatever a clerk types into the text column (braces, colons, «no», line breaks) comes back as typed."""
    shutil.copy(ROOT / RECORDS, ws / RECORDS)
    path = export(ws)
    book = load_workbook(path)
    sheet = book["Исполнение"]
    col = columns(sheet)
    wanted, refused = {}, set()
    for index, status, text, done in fills:
        row = index + 2
        key = (sheet.cell(row, col["Код мероприятия"]).value, sheet.cell(row, col["Код срока"]).value or "")
        sheet.cell(row, col["Отметка о выполнении"]).value = status
        cell = sheet.cell(row, col["Информация о выполнении"])
        cell.value = text
        cell.data_type = "s"  # typed text: openpyxl would otherwise store «=0» as a formula with no value
        sheet.cell(row, col["Дата выполнения"]).value = done if status == "выполнено" else None
        changes = unicodedata.normalize("NFC", text) != text  # records are read as NFC
        lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip(" ") for line in text.split("\n")]  # no-break spaces kept
        # may be refused (OF735), the old record kept: an invisible mark, blanks only, a text records read
        # differently, or a line that starts with a no-break space (in YAML it would sit in the indentation)
        if "\ufeff" in text or (text and not text.strip()) or changes or any(ln.startswith("\xa0") for ln in lines):
            refused.add(row)
        wanted[row] = (key, status, "\n".join(line for line in lines if line))
    book.save(path)
    result = CliRunner().invoke(main, ["collect", str(path), PLAN])
    reported = {int(m) for m in re.findall(r"m\.xlsx:(\d+):", result.stderr)}
    assert reported <= refused and result.exit_code == (1 if reported else 0), result.output
    got = records(ws)
    for row, ((key, occurrence), status, text) in wanted.items():
        if row in reported:
            continue
        match = [v for k, v in got.items() if k[0] == key and (not occurrence or k[1] == occurrence)]
        assert len(match) == 1 and match[0][0] == status and match[0][2] == text, (key, result.output)


def test_status_typed_in_another_case_is_read(ws: Path) -> None:
    path = export(ws)
    book = load_workbook(path)
    sheet = book["Исполнение"]
    col = columns(sheet)
    row = row_of(sheet, "progress-report", "2026-06")
    sheet.cell(row, col["Отметка о выполнении"]).value = "  Не  выполнено "
    book.save(path)
    result = CliRunner().invoke(main, ["collect", str(path), PLAN])
    assert result.exit_code == 0, result.output
    assert records(ws)[("progress-report", "2026-06")][0] == "не выполнено"


def test_first_collect_creates_the_records_file(ws: Path) -> None:
    (ws / "reports" / "zyryansky-2025.yaml").unlink()
    assert CliRunner().invoke(main, ["export", "plans/zyryansky-2025.yaml", "--xlsx", "z.xlsx"]).exit_code == 0
    book = load_workbook(ws / "z.xlsx")
    sheet = book["Исполнение"]
    col = columns(sheet)
    row = row_of(sheet, "vgr-commission", "2026-02")
    sheet.cell(row, col["Отметка о выполнении"]).value = "выполнено"
    sheet.cell(row, col["Дата выполнения"]).value = date(2026, 2, 20)
    sheet.cell(row, col["Информация о выполнении"]).value = "Комиссия создана."
    book.save(ws / "z.xlsx")
    result = CliRunner().invoke(main, ["collect", "z.xlsx", "plans/zyryansky-2025.yaml"])
    assert result.exit_code == 0, result.output
    plan, _ = load_plan(ws / "plans/zyryansky-2025.yaml")
    execution, report = load_records(ws / "reports/zyryansky-2025.yaml", plan)
    assert not report.items
    assert [(k, r.status, r.done, r.plain_text) for k, r in execution.records.items()] == [
        (("vgr-commission", "2026-02"), "выполнено", date(2026, 2, 20), "Комиссия создана.")]


def test_a_cell_the_records_file_cannot_hold_keeps_only_its_own_row_out(ws: Path) -> None:
    """An invisible U+FEFF pasted into one cell: that row is reported and skipped, the others are collected."""
    before = records(ws)
    path = export(ws)
    fill(path)
    book = load_workbook(path)
    sheet = book["Исполнение"]
    col = columns(sheet)
    row = row_of(sheet, "methodical-support")
    pasted = "Проведено 20 консультаций:\n\ufeffгрупповых и индивидуальных"
    sheet.cell(row, col["Информация о выполнении"]).value = pasted
    book.save(path)
    result = CliRunner().invoke(main, ["collect", str(path), PLAN])
    assert result.exit_code == 1
    assert f"{path}:{row}:" in result.stderr and "U+FEFF" in result.stderr and "запись не изменена" in result.stderr
    assert records(ws) == expected(before)  # the three filled rows in, methodical-support as it was

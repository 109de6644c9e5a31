"""Commands on the execution of a plan (issue 13): status, calendar, export, collect, report."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..console import echo, echo_diagnostics
from ..plans import OUTPUT_DIR
from .app import main
from .params import RECORDS_OPTION, day

PLAN = click.argument("plan", type=click.Path(path_type=Path), metavar="ПЛАН.yaml")


@main.command("status")
@PLAN
@click.option("--on", "on_text", default=None, metavar="ДАТА", help="На какую дату (по умолчанию сегодня).")
@click.option("--days", default=14, show_default=True, type=click.IntRange(0, 3660), metavar="N",
              help="Сколько дней вперед показывать наступающие сроки.")
@click.option("--responsible", default=None, metavar="КОД", help="Только мероприятия этого ответственного.")
@click.option("--section", default=None, type=click.IntRange(1), metavar="N", help="Только раздел N плана.")
@click.option("--json", "as_json", is_flag=True, help="Вывести в JSON (для скриптов).")
@RECORDS_OPTION
def status_command(plan: Path, on_text: str | None, days: int, responsible: str | None, section: int | None,
                   as_json: bool, records_file: Path | None) -> int:
    """Показать просроченные мероприятия, сроки в ближайшие дни и выполненное — по ответственным.

    Сведения о выполнении берутся из reports/<план>.yaml. Код выхода 1,
    если есть просроченные мероприятия, 0 — если нет (для рассылки по расписанию).

    \b
    Пример:
      orderforge status plans/kaliningrad-committee-2026.yaml
      orderforge status plans/kaliningrad-committee-2026.yaml --on 2026-07-01 --responsible ЦОРП
    """
    from ..records import open_execution
    from ..status import compute_status, format_status

    execution, report = open_execution(plan, records_file)
    echo_diagnostics(report.warnings)
    result = compute_status(execution, day(on_text, "--on"), days, responsible, section)
    text = json.dumps(result.to_json(), ensure_ascii=False, indent=2) if as_json else None
    echo(text or format_status(result, execution))
    return result.exit_code


@main.command("calendar")
@PLAN
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True, metavar="ФАЙЛ.ics",
              help="Куда записать календарь (.ics).")
@click.option("--responsible", default=None, metavar="КОД", help="Только сроки этого ответственного.")
def calendar_command(plan: Path, output: Path, responsible: str | None) -> int:
    """Записать сроки плана в календарь .ics с напоминаниями за неделю.

    Файл .ics открывается в Яндекс Календаре и почтовых программах. Повторяющиеся
    сроки («ежегодно, в июне и декабре») — повторяющиеся события; сроки без
    даты («постоянно», «по мере необходимости») в календарь не попадают.

    \b
    Пример:
      orderforge calendar plans/kaliningrad-committee-2026.yaml -o план.ics
      orderforge calendar plans/kaliningrad-committee-2026.yaml -o цорп.ics --responsible ЦОРП
    """
    from .. import validated_plan
    from ..calendar_ics import build_calendar, dated_count
    from ..status import check_responsible
    from ..write import write_atomic

    loaded, report = validated_plan(plan)
    echo_diagnostics(report.warnings)
    check_responsible(loaded, responsible)
    write_atomic(output, build_calendar(loaded, responsible))
    echo(f"{plan} → {output} (сроков: {dated_count(loaded, responsible)})")
    return 0


@main.command("export")
@PLAN
@click.option("--xlsx", "xlsx_out", type=click.Path(path_type=Path, dir_okay=False), required=True,
              metavar="ФАЙЛ.xlsx", help="Куда записать таблицу мониторинга (.xlsx).")
@RECORDS_OPTION
def export_command(plan: Path, xlsx_out: Path, records_file: Path | None) -> int:
    """Выгрузить план в таблицу .xlsx для мониторинга исполнения.

    Столбцы плана, отметка о выполнении (выбор из списка), дата, информация
    о выполнении и подтверждающий документ; уже внесенные сведения заполнены.
    Заполненную таблицу возвращает в сведения команда collect.

    \b
    Пример:
      orderforge export plans/kaliningrad-committee-2026.yaml --xlsx мониторинг.xlsx
    """
    from ..records import open_execution
    from ..write import write_atomic
    from ..xlsx import export_xlsx

    execution, report = open_execution(plan, records_file)
    echo_diagnostics(report.warnings)
    write_atomic(xlsx_out, export_xlsx(execution))
    echo(f"{plan} → {xlsx_out}")
    return 0


@main.command("collect")
@click.argument("filled", type=click.Path(path_type=Path), metavar="ТАБЛИЦА.xlsx")
@PLAN
@RECORDS_OPTION
def collect_command(filled: Path, plan: Path, records_file: Path | None) -> int:
    """Внести сведения из заполненной таблицы (export --xlsx) в reports/<план>.yaml.

    Строки узнаются по коду и номеру мероприятия. Выводится каждая измененная,
    неизвестная или нечитаемая строка; запись, строку которой прочитать не
    удалось, остается прежней. Код выхода 1, если такие строки есть.

    \b
    Пример:
      orderforge collect мониторинг-заполненный.xlsx plans/kaliningrad-committee-2026.yaml
    """
    from ..collect import collect

    result = collect(filled, plan, records_file)
    for line in result.changed:
        echo(line)
    echo_diagnostics(result.report.items)
    echo(f"изменено записей: {len(result.changed)}, без изменений: {result.unchanged}, "
         f"не прочитано строк: {len(result.report.items)}")
    return 1 if result.report.items else 0


@main.command("report")
@PLAN
@click.option("--period", required=True, metavar="ПЕРИОД",
              help="Отчетный период: 2026-Q1 (квартал), 2026-H1 (полугодие), 2026 (год), 2025/2026 (учебный год).")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None, metavar="ФАЙЛ.docx",
              help="Куда записать отчет; по умолчанию output/<план>.report-<период>.docx.")
@click.option("--pdf", is_flag=True, help="Также сделать PDF (через LibreOffice).")
@RECORDS_OPTION
def report_command(plan: Path, period: str, output: Path | None, pdf: bool, records_file: Path | None) -> int:
    """Собрать «Отчет о реализации плана мероприятий … за I квартал 2026 г.».

    Таблица плана с графами «Отметка о выполнении» и «Информация о выполнении»,
    итог («выполнено 14 из 18 мероприятий, 2 — с нарушением срока …») и
    диаграмма выполнения по разделам — в оформлении стиля плана (report.docx).

    \b
    Пример:
      orderforge report plans/kaliningrad-committee-2026.yaml --period 2026-Q1
      orderforge report plans/kaliningrad-committee-2026.yaml --period 2026 --pdf
    """
    from ..execreport import build_report, parse_report_period
    from ..records import open_execution
    from ..write import write_atomic

    span = parse_report_period(period)
    execution, report = open_execution(plan, records_file)
    echo_diagnostics(report.warnings)
    target = output or OUTPUT_DIR / f"{plan.stem}.report-{period.replace('/', '-')}.docx"
    write_atomic(target, build_report(execution, span))
    echo(f"{plan} → {target}")
    if pdf:
        from ..pdf import convert_to_pdf

        echo(f"{plan} → {convert_to_pdf(target, target.with_suffix('.pdf'))}")
    return 0

"""Commands between versions of a plan: new (next period), diff, amend, import from Word."""

from __future__ import annotations

from pathlib import Path

import click

from ..console import echo, echo_diagnostics
from .app import main
from .params import PlainText


@main.command("new")
@click.argument("new_plan", type=click.Path(path_type=Path, dir_okay=False), metavar="НОВЫЙ.yaml")
@click.option("--from", "source", required=True, type=click.Path(path_type=Path, dir_okay=False),
              metavar="СТАРЫЙ.yaml", help="План, из которого сделать новый (обычно прошлогодний).")
@click.option("--year", type=int, default=None, metavar="ГГГГ", help="Первый год периода нового плана, например 2027.")
@click.option("--shift", type=int, default=None, metavar="N",
              help="На сколько лет сдвинуть сроки и период (по умолчанию на 1).")
@click.option("--force", is_flag=True, help="Перезаписать НОВЫЙ.yaml, если он уже есть.")
def new_command(new_plan: Path, source: Path, year: int | None, shift: int | None, force: bool) -> int:
    """Сделать план на следующий период из прошлого плана.

    Сроки мероприятий и период плана сдвигаются на --shift лет (или так,
    чтобы период начинался с --year), в том числе «на 2026-2028 годы» в
    заголовках. Комментарии, порядок ключей и переносы строк сохраняются,
    идентификаторы мероприятий остаются прежними. Номер и дата приказа
    (или грифа утверждения) очищаются — заполните их перед сборкой; примечания (note) прошлого года
    удаляются. Что нельзя перенести автоматически, выводится предупреждением.

    \b
    Пример:
      orderforge new plans/kaliningrad-committee-2027.yaml --from plans/kaliningrad-committee-2026.yaml --year 2027
      orderforge new plans/plan-2027.yaml --from plans/plan-2026.yaml --shift 1
    """
    from ..launch import new_command as run_new

    return run_new(new_plan, source, year, shift, force)


@main.command("diff")
@click.argument("old", metavar="СТАРЫЙ")
@click.argument("new", required=False, default=None, metavar="[НОВЫЙ]")
@click.option("--json", "as_json", is_flag=True, help="Вывести изменения в JSON (для скриптов).")
@click.option("--exit-code", "exit_code", is_flag=True, help="Код выхода 1, если изменения есть (как у git diff).")
def diff_command(old: str, new: str | None, as_json: bool, exit_code: bool) -> int:
    """Показать изменения плана по пунктам: что добавлено, исключено, перенесено, исправлено.

    Каждая сторона — файл или версия из git в виде ВЕРСИЯ:путь (путь от
    корня репозитория). С одним файлом сравнивает его с последним коммитом
    (HEAD), с одной версией ВЕРСИЯ:путь — с файлом в рабочей папке.
    Мероприятия узнаются по id, а без него — по похожему тексту, поэтому
    перенумерация не выглядит как сплошные изменения. Если изменений нет,
    ничего не выводит.

    \b
    Пример:
      orderforge diff plans/kaliningrad-committee-2026.yaml
      orderforge diff HEAD~1:plans/kaliningrad-committee-2026.yaml plans/kaliningrad-committee-2026.yaml
      orderforge diff подписан-2026-02-11:plans/x.yaml HEAD:plans/x.yaml --json
    """
    from ..launch import diff_command as run_diff

    return run_diff(old, new, as_json, exit_code)


@main.command("amend")
@click.argument("old", metavar="СТАРЫЙ")
@click.argument("new", metavar="НОВЫЙ")
@click.option("--number", default=None, type=PlainText(), metavar="НОМЕР", help="Номер нового приказа.")
@click.option("--date", "date_text", default=None, type=PlainText(), metavar="ГГГГ-ММ-ДД",
              help="Дата нового приказа.")
@click.option("--preamble", default=None, type=PlainText(), metavar="ТЕКСТ",
              help="Констатирующая часть (по умолчанию «В связи с необходимостью корректировки Плана …»).")
@click.option("--order", "order_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              metavar="amend.yaml", help="Реквизиты приказа из файла: number, date, preamble, signatory, control.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None, metavar="ФАЙЛ.docx",
              help="Куда записать документ: .docx или .pdf (через LibreOffice); по умолчанию "
                   "output/<план>.amend-<дата>.docx.")
@click.option("--force", is_flag=True, help="Перезаписать документ, если он уже есть.")
def amend_command(old: str, new: str, number: str | None, date_text: str | None, preamble: str | None,
                  order_file: Path | None, output: Path | None, force: bool) -> int:
    """Собрать приказ «О внесении изменений в приказ …» из двух версий плана.

    СТАРЫЙ — утверждённая версия (файл или ВЕРСИЯ:путь из git), НОВЫЙ —
    исправленная. Изменения записываются так, как их пишут в приказах:
    «пункт 2.3 изложить в следующей редакции», «дополнить пунктом 2.10
    следующего содержания», «пункт 3.5 исключить», «в пункте 1.2 слова …
    заменить словами …». Оформление — из стиля плана (шаблон amend.docx).

    \b
    Пример:
      orderforge amend подписан-2026-02-11:plans/x.yaml plans/x.yaml --number ПД-КПО-150 --date 2026-06-01
      orderforge amend HEAD:plans/x.yaml plans/x.yaml --order amend.yaml -o output/изменения.docx
    """
    from .. import AmendData, build_amend
    from ..amend import load_amend_yaml
    from ..dates import date_option

    data = load_amend_yaml(order_file) if order_file else AmendData()
    if date_text is not None:
        data.date = date_option(date_text)
    data.number = number or data.number
    data.preamble = preamble or data.preamble
    result = build_amend(old, new, data, output, force=force)
    echo_diagnostics(result.warnings)
    echo(f"{new} → {result.docx} (изменений: {len(result.clauses)})")
    return 0


@main.command("import")
@click.argument("docx", type=click.Path(path_type=Path), metavar="ДОКУМЕНТ.docx")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, metavar="ПЛАН.yaml",
              help="Файл плана (по умолчанию plans/<имя документа латиницей>.yaml).")
@click.option("--directory", type=click.Path(path_type=Path, dir_okay=False), default=None,
              metavar="СПРАВОЧНИК.yaml",
              help="Справочник, который дополнить (по умолчанию directory.yaml рядом с планом, если он есть, "
                   "иначе <план>.directory.yaml).")
@click.option("--style", default=None, metavar="СТИЛЬ",
              help="Взять готовый стиль оформления. Без него стиль делается из самого документа "
                   "в templates/<имя документа>/.")
@click.option("--json", "as_json", is_flag=True, help="Вывести отчёт в JSON (для скриптов).")
@click.option("--force", is_flag=True, help="Перезаписать существующий план и сделанный из документа стиль "
                                             "(справочник только дополняется).")
def import_(docx: Path, output: Path | None, directory: Path | None, style: str | None, as_json: bool,
            force: bool) -> int:
    """Перенести план мероприятий из документа Word (.docx; .doc, .odt, .rtf — через LibreOffice) в YAML.

    Находит таблицу плана по заголовкам колонок, разделы и мероприятия по
    номерам, приказ вокруг таблицы; ответственных записывает в справочник
    (существующий справочник только дополняется). Без --style из документа
    делается и его стиль оформления (как orderforge style new): план
    собирается обратно в документ того же вида — те же колонки и их
    заголовки, ответственные так, как они напечатаны, поля и шрифты.
    Что прочитать не удалось, остаётся в плане с пометкой TODO и выводится
    предупреждением; такой план записывается, но код выхода 1, пока пометки
    не заменены текстом.

    \b
    Пример:
      orderforge import "План 2025.docx" -o plans/plan-2025.yaml
      orderforge import old.docx --style kaliningrad-committee
      orderforge import old.docx --directory plans/directory.yaml --json
    """
    from ..launch import import_command

    return import_command(docx, output, directory, style, as_json, force)

"""Commands on plans and their documents: validate, build, fmt, forms, preview, schema, text."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..console import echo
from ..plans import OUTPUT_DIR
from .app import main

PLANS = click.argument("plans", nargs=-1, type=click.Path(path_type=Path), metavar="[ПЛАН.yaml]...")
PLAN = click.argument("plan", type=click.Path(path_type=Path, dir_okay=False), metavar="ПЛАН.yaml")


@main.command()
@PLANS
@click.option("--json", "as_json", is_flag=True, help="Вывести замечания в JSON (для редакторов и скриптов).")
@click.option("-q", "--quiet", is_flag=True, help="Не выводить предупреждения, только ошибки.")
def validate(plans: tuple[Path, ...], as_json: bool, quiet: bool) -> int:
    """Проверить планы и показать все ошибки с номерами строк.

    Без аргументов проверяются все планы в папке plans/. Ничего не
    выводит, если замечаний нет. Код выхода 1, если есть ошибки.

    \b
    Пример:
      orderforge validate plans/kaliningrad-committee-2026.yaml
    """
    from ..launch import validate_command

    return validate_command(plans, as_json, quiet)


@main.command()
@PLANS
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=OUTPUT_DIR,
              show_default=True, metavar="ПАПКА", help="Папка для готовых документов.")
@click.option("--pdf", is_flag=True, help="Также сделать PDF (через LibreOffice, одним процессом на все планы).")
@click.option("--force", is_flag=True, help="Собрать заново и те планы, что не менялись с прошлой сборки.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None, metavar="N",
              help="Собирать N планов параллельно (по умолчанию — по числу ядер процессора).")
def build(plans: tuple[Path, ...], out_dir: Path, pdf: bool, force: bool, jobs: int | None) -> int:
    """Собрать приказ с приложением (.docx) из планов.

    Без аргументов собираются все планы из папки plans/. Документ
    записывается в output/<имя плана>.docx; при ошибке прежний файл
    остаётся нетронутым. План, который не менялся с прошлой сборки
    (как и справочник, стиль и версия orderforge), пропускается;
    --force собирает всё заново.

    \b
    Пример:
      orderforge build plans/kaliningrad-committee-2026.yaml
      orderforge build --pdf
      orderforge build -o /tmp/out
    """
    from ..launch import build_command

    return build_command(plans, out_dir, pdf, force, jobs)


@main.command("fmt")
@PLANS
@click.option("--check", is_flag=True,
              help="Ничего не менять, только проверить: код выхода 1, если какой-то файл нужно отформатировать.")
def fmt_command(plans: tuple[Path, ...], check: bool) -> int:
    """Привести планы к единому оформлению, сохранив комментарии.

    Порядок ключей — как в описании формата, отступ 2 пробела, кавычки только
    где нужны, длинные строки — блоком «>-» шириной 100 знаков; блоки, которые
    вы уже разбили на строки сами, остаются как есть. Содержание плана не
    меняется, и git diff после этого показывает только настоящие правки.
    Без аргументов — все планы в папке plans/.

    \b
    Пример:
      orderforge fmt plans/kaliningrad-committee-2026.yaml
      orderforge fmt --check            # для pre-commit: код 1, если нужно форматировать
    """
    from ..fmt import fmt_command

    return fmt_command(plans, check)


@main.command()
@PLAN
def forms(plan: Path) -> int:
    """Показать все падежные формы, которые orderforge подставит в документ.

    Для вычитки перед подписанием: каждая ссылка [[…]] из текста приказа,
    подпись и ответственные, сгруппированные по должностям.

    \b
    Пример:
      orderforge forms plans/baltiysk-2024.yaml
    """
    from .. import validated_plan
    from ..forms import generated_forms

    found = generated_forms(validated_plan(plan)[0])
    for form in found:
        echo(form.format())
    if not found:
        echo(f"{plan}: в документе нет ни одной формы из справочника — ссылок [[…]], подписи и ответственных")
    return 0


@main.command()
@PLAN
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              metavar="ПАПКА", help="Папка для картинок (по умолчанию output/<план>-preview).")
@click.option("--dpi", default=60, show_default=True, type=click.IntRange(20, 300), metavar="ЧИСЛО",
              help="Разрешение картинок, точек на дюйм.")
def preview(plan: Path, out_dir: Path | None, dpi: int) -> int:
    """Сделать картинки страниц (PNG), чтобы посмотреть документ без Word.

    Нужны LibreOffice и pdftoppm (poppler-utils).

    \b
    Пример:
      orderforge preview plans/kaliningrad-committee-2026.yaml
    """
    from ..preview import preview_plan

    for page in preview_plan(plan, out_dir or OUTPUT_DIR / f"{plan.stem}-preview", dpi):
        echo(str(page))
    return 0


@main.command()
@click.option("--directory", "what", flag_value="directory", help="Схема справочника вместо схемы плана.")
@click.option("--plan", "what", flag_value="plan", default=True, help="Схема плана (по умолчанию).")
def schema(what: str) -> int:
    """Вывести JSON Schema формата плана для подсказок в редакторе.

    \b
    Пример (VS Code с расширением YAML):
      orderforge schema > plan.schema.json
      и в начале плана: # yaml-language-server: $schema=plan.schema.json
    """
    from ..spec import directory_json_schema, json_schema

    data = directory_json_schema() if what == "directory" else json_schema()
    echo(json.dumps(data, ensure_ascii=False, indent=2))
    return 0


@main.command()
@click.argument("docx", type=click.Path(path_type=Path, dir_okay=False), metavar="ДОКУМЕНТ.docx")
def text(docx: Path) -> int:
    """Напечатать текст документа Word (.docx), включая таблицы.

    Удобно для сравнения документов и для git diff (textconv).

    \b
    Пример:
      orderforge text output/kaliningrad-committee-2026.docx
    """
    from ..docxtext import docx_text

    echo(docx_text(docx))
    return 0

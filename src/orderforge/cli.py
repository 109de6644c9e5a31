"""The ``orderforge`` command: a thin Russian-speaking layer over the library.

Each command parses its options, calls one library function and prints what
it returns. Exit codes: 0 — всё в порядке, 1 — в плане ошибки,
2 — ошибка использования или окружения. A user mistake never shows a traceback.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Callable, Iterable, Optional

import click

from . import clickru
from .diagnostics import Diagnostic, Report, UserError

clickru.install()

PLANS_DIR = Path("plans")
OUTPUT_DIR = Path("output")

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _echo_diagnostics(diagnostics: Iterable[Diagnostic], err: bool = True) -> None:
    for diagnostic in diagnostics:
        click.echo(diagnostic.format(), err=err)


def _run(action: Callable[[], int]) -> None:
    """Run a command body: user errors are printed without a traceback, exit code kept."""
    try:
        code = action()
    except UserError as exc:
        _echo_diagnostics(exc.diagnostics)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("прервано", err=True)
        sys.exit(130)
    sys.exit(code)


def _plan_files(paths: tuple[Path, ...]) -> list[Path]:
    """The plans named, folders expanded; by default every plan in plans/."""
    if not paths:
        if not PLANS_DIR.is_dir():
            raise UserError.simple("OF020", str(PLANS_DIR), "папка plans/ не найдена",
                                   "укажите файлы планов или запустите команду из папки с планами")
        paths = (PLANS_DIR,)
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(p for p in sorted(path.glob("*.yaml")) if not p.name.endswith(".directory.yaml")
                         and p.name != "directory.yaml")
        else:
            files.append(path)
    if not files:
        raise UserError.simple("OF021", " ".join(map(str, paths)), "не найдено ни одного плана (*.yaml)", "")
    return files


@click.group(context_settings=CONTEXT, options_metavar="[ПАРАМЕТРЫ]", subcommand_metavar="КОМАНДА [АРГУМЕНТЫ]...")
@click.version_option(package_name="orderforge", message="orderforge %(version)s")
def main() -> None:
    """orderforge — приказ с «Дорожной картой» из плана в YAML.

    План пишется в YAML в папке plans/, проверяется командой validate
    и собирается в документ Word командой build (в папку output/).

    \b
    Пример:
      orderforge validate plans/kaliningrad-committee-2026.yaml
      orderforge build
    """


@main.command(context_settings=CONTEXT, options_metavar="[ПАРАМЕТРЫ]")
@click.argument("plans", nargs=-1, type=click.Path(path_type=Path), metavar="[ПЛАН.yaml]...")
@click.option("--json", "as_json", is_flag=True, help="Вывести замечания в JSON (для редакторов и скриптов).")
@click.option("-q", "--quiet", is_flag=True, help="Не выводить предупреждения, только ошибки.")
def validate(plans: tuple[Path, ...], as_json: bool, quiet: bool) -> None:
    """Проверить планы и показать все ошибки с номерами строк.

    Без аргументов проверяются все планы в папке plans/. Ничего не
    выводит, если замечаний нет. Код выхода 1, если есть ошибки.

    \b
    Пример:
      orderforge validate plans/kaliningrad-committee-2026.yaml
    """
    def action() -> int:
        from .validate import load_plan

        report = Report()
        for path in _plan_files(plans):
            load_plan(path, report)
        items = [d for d in report.sorted() if not (quiet and d.severity == "warning")]
        if as_json:
            click.echo(json.dumps([d.to_json() for d in items], ensure_ascii=False, indent=2))
        else:
            _echo_diagnostics(items, err=False)
            if items:
                click.echo(f"ошибок: {len(report.errors)}, предупреждений: {len(report.warnings)}")
        return 1 if report.has_errors else 0

    _run(action)


@main.command(context_settings=CONTEXT, options_metavar="[ПАРАМЕТРЫ]")
@click.argument("plans", nargs=-1, type=click.Path(path_type=Path), metavar="[ПЛАН.yaml]...")
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=OUTPUT_DIR,
              show_default=True, help="Папка для готовых документов.")
def build(plans: tuple[Path, ...], out_dir: Path) -> None:
    """Собрать приказ с приложением (.docx) из планов.

    Без аргументов собираются все планы из папки plans/. Документ
    записывается в output/<имя плана>.docx; при ошибке прежний файл
    остаётся нетронутым.

    \b
    Пример:
      orderforge build plans/kaliningrad-committee-2026.yaml
      orderforge build -o /tmp/out
    """
    def action() -> int:
        from .build import build_plan

        files = _plan_files(plans)
        failed = 0
        for index, path in enumerate(files, start=1):
            started = time.perf_counter()
            prefix = f"[{index}/{len(files)}] " if len(files) > 1 else ""
            try:
                result = build_plan(path, out_dir)
            except UserError as exc:
                failed += 1
                _echo_diagnostics(exc.diagnostics)
                click.echo(f"{prefix}{path}: не собран", err=True)
                if exc.exit_code == 2 and len(files) == 1:
                    return 2
                continue
            _echo_diagnostics(result.warnings)
            seconds = time.perf_counter() - started
            click.echo(f"{prefix}{path} → {result.docx} ({seconds:.1f} с)")
        return 1 if failed else 0

    _run(action)


@main.command(context_settings=CONTEXT, options_metavar="[ПАРАМЕТРЫ]")
@click.option("--directory", "what", flag_value="directory", help="Схема справочника вместо схемы плана.")
@click.option("--plan", "what", flag_value="plan", default=True, help="Схема плана (по умолчанию).")
def schema(what: str) -> None:
    """Вывести JSON Schema формата плана для подсказок в редакторе.

    \b
    Пример (VS Code с расширением YAML):
      orderforge schema > plan.schema.json
      и в начале плана: # yaml-language-server: $schema=plan.schema.json
    """
    from .spec import directory_json_schema, json_schema

    data = directory_json_schema() if what == "directory" else json_schema()
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@main.command(context_settings=CONTEXT, options_metavar="[ПАРАМЕТРЫ]")
@click.argument("docx", type=click.Path(path_type=Path, dir_okay=False), metavar="ДОКУМЕНТ.docx")
def text(docx: Path) -> None:
    """Напечатать текст документа Word (.docx), включая таблицы.

    Удобно для сравнения документов и для git diff (textconv).

    \b
    Пример:
      orderforge text output/kaliningrad-committee-2026.docx
    """
    def action() -> int:
        from .docxtext import docx_text

        click.echo(docx_text(docx))
        return 0

    _run(action)


def entry(argv: Optional[list[str]] = None) -> None:  # pragma: no cover - for python -m
    main(args=argv)

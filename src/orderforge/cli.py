"""The ``orderforge`` command: a thin Russian-speaking layer over the library.

Each command parses its options, calls one library function and prints what
it returns. Exit codes: 0 — всё в порядке, 1 — в плане ошибки,
2 — ошибка использования или окружения. A user mistake never shows a traceback.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import clickru, signals
from .console import OutputLost, output_lost
from .console import echo as _echo
from .console import echo_diagnostics as _echo_diagnostics
from .diagnostics import Report, UserError, exit_code_for, failure_reason, file_error
from .signals import EXIT_TERMINATED, Terminated

clickru.install()
signals.install()

PLANS_DIR = Path("plans")
PROGRESS_FROM = 50  # a long batch shows how far it got, every PROGRESS_EVERY plans
PROGRESS_EVERY = 25
from .plans import OUTPUT_DIR  # noqa: E402

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _run(action: Callable[[], int]) -> None:
    """Run a command body: user errors are printed without a traceback, exit code kept."""
    try:
        code = _attempt(action)
    except OutputLost as exc:
        code = output_lost(exc.error, exc.err)
    sys.exit(code)


def _attempt(action: Callable[[], int]) -> int:
    """The command's exit code; user and environment errors printed as diagnostics."""
    try:
        return action()
    except UserError as exc:
        _echo_diagnostics(exc.diagnostics)
        return exc.exit_code
    except OSError as exc:  # the environment (disk full, no rights) is not a bug: no traceback
        error = file_error(exc, action="прочитать или записать")
        _echo_diagnostics(error.diagnostics)
        return error.exit_code
    except Terminated:
        _echo("прервано (получен сигнал завершения)", err=True)
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        _echo("прервано", err=True)
        return 130


class OrderforgeGroup(click.Group):
    """The top command; help, version and usage errors that cannot be written end like any other output."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().main(*args, **kwargs)
        except OSError as exc:  # click quiets EPIPE itself; a full disk under --help comes here
            sys.exit(output_lost(exc))


def _plan_files(paths: tuple[Path, ...], report: Report | None = None) -> list[Path]:
    from .plans import plan_files

    return plan_files(paths, report)


class PlanYear(click.ParamType):
    """A plan's first year, 2000–2100: ``--year 0`` or ``-5`` is a typo, refused before any file is written."""

    name = "год"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> int:
        from .workspace import YEARS

        text = str(value).strip()
        if text.isdigit() and int(text) in YEARS:
            return int(text)
        self.fail(f"«{value}» — не год плана; укажите год от {YEARS.start} до {YEARS.stop - 1}, например 2026",
                  param, ctx)


class PlainText(click.ParamType):
    """Text typed on the command line, checked as plan text is: a document is never written short.

    A cp1251 terminal hands Python bytes that are not UTF-8; they arrive as lone
    surrogates, and the Word writer silently stopped at the first one («№ » and
    nothing after). Such text, and control characters, are refused (exit 2).
    """

    name = "текст"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from .load import _FORBIDDEN_CHARS

        text = str(value)
        bad = _FORBIDDEN_CHARS.search(text)
        if bad is None:
            return text
        if "\ud800" <= bad.group() <= "\udfff":
            self.fail("текст не в кодировке UTF-8 (так бывает, когда терминал работает в cp1251); "
                      "переключите терминал на UTF-8 (chcp 65001) или запишите значение в файл amend.yaml "
                      "и укажите его параметром --order", param, ctx)
        self.fail(f"в тексте недопустимый управляющий символ U+{ord(bad.group()):04X}; удалите его", param, ctx)


@click.group(cls=OrderforgeGroup, context_settings=CONTEXT, options_metavar="[ПАРАМЕТРЫ]",
             subcommand_metavar="КОМАНДА [АРГУМЕНТЫ]...")
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
        from . import load_plan

        report = Report()
        files = _plan_files(plans, report)
        for index, path in enumerate(files, start=1):
            load_plan(path, report)
            if len(files) > PROGRESS_FROM and index % PROGRESS_EVERY == 0:
                _echo(f"проверено планов: {index} из {len(files)}", err=True)
        items = [d for d in report.sorted() if not (quiet and d.severity == "warning")]
        if as_json:
            _echo(json.dumps([d.to_json() for d in items], ensure_ascii=False, indent=2))
        else:
            _echo_diagnostics(items, err=False)
            if items:
                _echo(f"ошибок: {len(report.errors)}, предупреждений: {len(report.warnings)}")
        return report.exit_code

    _run(action)


@main.command(context_settings=CONTEXT, options_metavar="[ПАРАМЕТРЫ]")
@click.argument("plans", nargs=-1, type=click.Path(path_type=Path), metavar="[ПЛАН.yaml]...")
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=OUTPUT_DIR,
              show_default=True, metavar="ПАПКА", help="Папка для готовых документов.")
@click.option("--pdf", is_flag=True, help="Также сделать PDF (через LibreOffice, одним процессом на все планы).")
@click.option("--force", is_flag=True, help="Собрать заново и те планы, что не менялись с прошлой сборки.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None, metavar="N",
              help="Собирать N планов параллельно (по умолчанию — по числу ядер процессора).")
def build(plans: tuple[Path, ...], out_dir: Path, pdf: bool, force: bool, jobs: int | None) -> None:
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
    def action() -> int:
        from .buildcache import BuildCache, inputs_key, options_of

        files = _plan_files(plans)
        failures: list[int] = []
        built: list[Path] = []
        cache = BuildCache(out_dir)
        todo: list[tuple[Path, str]] = []
        for index, path in enumerate(files, start=1):
            key = inputs_key(path, options_of(out_dir))
            target = out_dir / f"{path.stem}.docx"
            if not force and cache.is_current(path, key, target):
                _echo(f"{_prefix(index, files)}{path} → {target}: не изменился, пропущен (--force — собрать заново)")
                if pdf and _pdf_outdated(target):
                    built.append(target)
            else:
                todo.append((path, key))
        if todo:
            from .build import build_many, default_jobs

            keys = dict(todo)
            for outcome in build_many([p for p, _ in todo], out_dir, jobs or default_jobs(len(todo))):
                path, prefix = outcome.path, _prefix(files.index(outcome.path) + 1, files)
                if outcome.result is None:
                    cache.forget(path)
                    failures.append(outcome.exit_code)
                    _echo_diagnostics(outcome.diagnostics)
                    _echo(f"{prefix}{path}: документ не собран — {failure_reason(outcome.diagnostics)}", err=True)
                    continue
                cache.record(path, keys[path], outcome.result.docx)
                _echo_diagnostics(outcome.result.warnings)
                _echo(f"{prefix}{path} → {outcome.result.docx} ({outcome.seconds:.1f} с)")
                built.append(outcome.result.docx)
        cache.save()
        if pdf and built and _make_pdfs(built):
            failures.append(2)
        # a plan with errors outranks a missing file: 1 if any plan was wrong, else 2 for the environment
        return min(failures) if failures else 0

    _run(action)


def _prefix(index: int, files: list[Path]) -> str:
    return f"[{index}/{len(files)}] " if len(files) > 1 else ""


def _pdf_outdated(document: Path) -> bool:
    """A skipped document still needs its PDF when there is none or it is older than the document."""
    pdf = document.with_suffix(".pdf")
    return not pdf.is_file() or pdf.stat().st_mtime_ns < document.stat().st_mtime_ns


def _make_pdfs(documents: list[Path]) -> int:
    """PDF for every built document; without LibreOffice say how to get it (the .docx stay)."""
    from .pdf import INSTALL_HINT, convert_many, find_soffice

    if find_soffice() is None:
        _echo(f"PDF не создан: LibreOffice не найден; {INSTALL_HINT}. Документы .docx записаны.", err=True)
        return 0
    started = time.perf_counter()
    _echo(f"PDF: {len(documents)} док. через LibreOffice…", err=True)
    done = convert_many([(d, d.with_suffix(".pdf")) for d in documents], progress=lambda line: _echo(line, err=True))
    for document in documents:
        if document in done:
            _echo(f"{document} → {done[document]}")
        else:
            _echo(f"{document}: ошибка OF503: LibreOffice не создал PDF", err=True)
    _echo(f"PDF готовы за {time.perf_counter() - started:.1f} с", err=True)
    return len(documents) - len(done)


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
    def action() -> int:
        from .spec import directory_json_schema, json_schema

        data = directory_json_schema() if what == "directory" else json_schema()
        _echo(json.dumps(data, ensure_ascii=False, indent=2))
        return 0

    _run(action)


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

        _echo(docx_text(docx))
        return 0

    _run(action)


@main.command(context_settings=CONTEXT, options_metavar="[ПАРАМЕТРЫ]")
def styles() -> None:
    """Показать установленные стили оформления.

    Стили ищутся в папке templates/ рабочей папки, затем в установленных
    пакетах стилей, затем среди встроенных. Для каждого стиля показано,
    откуда он взят: рабочая папка, пакет или встроенный.

    \b
    Пример:
      orderforge styles
    """
    def action() -> int:
        from . import load_style
        from .stylesources import found_styles

        for name, found in found_styles(Path.cwd()).items():
            try:
                title = load_style(name, Path.cwd()).title
            except UserError:
                title = "(ошибка в style.yaml: orderforge check-style " + name + ")"
            _echo(f"{name:28} {title}\n{'':28} {found.origin}: {found.folder}")
        return 0

    _run(action)


@main.command("check-style", context_settings=CONTEXT, options_metavar="[ПАРАМЕТРЫ]")
@click.argument("name", metavar="СТИЛЬ")
def check_style_command(name: str) -> None:
    """Проверить стиль оформления: style.yaml, метки шаблона Word и пробную сборку.

    Ошибки показываются с частью документа (основной текст, колонтитул),
    номером абзаца и его текстом. Код выхода 1, если есть ошибки; 2, если
    стиль не найден или шаблон — не документ Word (.docx).

    \b
    Пример:
      orderforge check-style kaliningrad-committee
    """
    def action() -> int:
        from .stylecheck import check_style

        style, report = check_style(name, Path.cwd())
        _echo_diagnostics(report.sorted(), err=False)
        if not report.has_errors and style is not None:
            _echo(f"стиль «{name}» в порядке: {style.folder}")
        return report.exit_code  # 2 when the style cannot be checked at all (not found, not a .docx)

    _run(action)


@main.command(context_settings=CONTEXT, options_metavar="[ПАРАМЕТРЫ]")
@click.argument("folder", default=".", type=click.Path(path_type=Path, file_okay=False),
                metavar="[ПАПКА]")
@click.option("--style", "style_name", default="kaliningrad-committee", show_default=True, metavar="СТИЛЬ",
              help="Стиль оформления (список: orderforge styles).")
@click.option("--year", type=PlanYear(), metavar="ГГГГ", help="Первый год плана (по умолчанию текущий).")
@click.option("--copy-style", is_flag=True, help="Скопировать стиль в templates/, чтобы править его в Word.")
def init(folder: Path, style_name: str, year: int | None, copy_style: bool) -> None:
    """Создать рабочую папку: plans/ с заготовкой плана, справочник, README.

    Ничего не перезаписывает. После этого можно сразу собрать документ.

    \b
    Пример:
      orderforge init komitet --style kaliningrad-committee
      cd komitet && orderforge build
    """
    def action() -> int:
        from . import init_workspace

        result = init_workspace(folder, style_name, year, copy_style)
        for path in result.created:
            _echo(f"создан {path}")
        _echo(f"дальше: cd {folder} && orderforge validate && orderforge build")
        return 0

    _run(action)


@main.command(context_settings=CONTEXT, options_metavar="[ПАРАМЕТРЫ]")
@click.argument("plan", type=click.Path(path_type=Path, dir_okay=False), metavar="ПЛАН.yaml")
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              metavar="ПАПКА", help="Папка для картинок (по умолчанию output/<план>-preview).")
@click.option("--dpi", default=60, show_default=True, type=click.IntRange(20, 300), metavar="ЧИСЛО",
              help="Разрешение картинок, точек на дюйм.")
def preview(plan: Path, out_dir: Path | None, dpi: int) -> None:
    """Сделать картинки страниц (PNG), чтобы посмотреть документ без Word.

    Нужны LibreOffice и pdftoppm (poppler-utils).

    \b
    Пример:
      orderforge preview plans/kaliningrad-committee-2026.yaml
    """
    def action() -> int:
        from .preview import preview_plan

        pages = preview_plan(plan, out_dir or OUTPUT_DIR / f"{plan.stem}-preview", dpi)
        for page in pages:
            _echo(str(page))
        return 0

    _run(action)


@main.command(context_settings=CONTEXT, options_metavar="[ПАРАМЕТРЫ]")
@click.argument("plan", type=click.Path(path_type=Path, dir_okay=False), metavar="ПЛАН.yaml")
def forms(plan: Path) -> None:
    """Показать все падежные формы, которые orderforge подставит в документ.

    Для вычитки перед подписанием: каждая ссылка [[…]] из текста приказа,
    подпись и ответственные, сгруппированные по должностям.

    \b
    Пример:
      orderforge forms plans/baltiysk-2024.yaml
    """
    def action() -> int:
        from . import validated_plan
        from .forms import generated_forms

        loaded, _ = validated_plan(plan)
        found = generated_forms(loaded)
        for form in found:
            _echo(form.format())
        if not found:
            _echo(f"{plan}: в документе нет ни одной формы из справочника — ссылок [[…]], подписи и ответственных")
        return 0

    _run(action)


@main.command("import", context_settings=CONTEXT, options_metavar="[ПАРАМЕТРЫ]")
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
            force: bool) -> None:
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
    def action() -> int:
        from . import import_docx
        from .importer import failure_json, result_json

        try:
            result = import_docx(docx, output, style=style, force=force, directory=directory)
        except UserError as exc:
            if not as_json:
                raise
            _echo(failure_json(exc))
            return exc.exit_code
        # the plan is written either way; exit 1 tells a script that it needs a clerk's hand (TODO marks)
        code = 1 if result.needs_fixing else 0
        if as_json:
            _echo(result_json(result))
            return code
        _echo_diagnostics(result.warnings)
        for line in result.summary():
            _echo(line)
        return code

    _run(action)


@main.group("style", context_settings=CONTEXT, options_metavar="[ПАРАМЕТРЫ]",
            subcommand_metavar="КОМАНДА [АРГУМЕНТЫ]...")
def style_group() -> None:
    """Стили оформления: сделать свой стиль из документа Word.

    \b
    Пример:
      orderforge style new moy-komitet --from "Приказ 2025.docx"
    """


@style_group.command("new", context_settings=CONTEXT, options_metavar="[ПАРАМЕТРЫ]")
@click.argument("name", metavar="ИМЯ")
@click.option("--from", "source", required=True, type=click.Path(path_type=Path, dir_okay=False),
              metavar="ДОКУМЕНТ.docx", help="Приказ или план вашего комитета в Word (.docx).")
@click.option("--templates", "root", type=click.Path(path_type=Path, file_okay=False), default=Path("templates"),
              show_default=True, metavar="ПАПКА", help="Куда положить папку стиля.")
@click.option("--force", is_flag=True, help="Перезаписать папку стиля, если она уже есть.")
def style_new(name: str, source: Path, root: Path, force: bool) -> None:
    """Сделать стиль оформления из своего документа Word: templates/ИМЯ/.

    Берётся всё своё: размер бумаги, ориентация и поля каждого раздела,
    шрифты, бланк (строки наименования, герб, таблица-шапка), строка даты и
    номера, распорядительное слово («п р и к а з ы в а ю:» или «ПРИКАЗЫВАЮ:»),
    подпись, отметка о приложении или гриф утверждения, таблица плана
    (порядок колонок, их заголовки и ширины, повтор шапки, вид строк
    разделов, ответственные кодами или наименованиями). Текст документа
    заменяется метками шаблона, оформление абзацев остаётся. Документ без
    приказа (только план) даёт стиль плана без приказа. Что не распознано,
    выводится предупреждением с номером абзаца или строки таблицы.

    \b
    Пример:
      orderforge style new moy-komitet --from "Приказ 2025.docx"
      orderforge check-style moy-komitet
      orderforge import "Приказ 2025.docx" --style moy-komitet
    """
    def action() -> int:
        from .stylegen import make_style

        made = make_style(source, name, root, force=force)
        _echo_diagnostics(made.report.sorted())
        for path in made.written:
            _echo(f"создан {path}")
        _echo(f"дальше: orderforge check-style {name}; в плане — style: {name}")
        return 0

    _run(action)


@main.command("new", context_settings=CONTEXT, options_metavar="[ПАРАМЕТРЫ]")
@click.argument("new_plan", type=click.Path(path_type=Path, dir_okay=False), metavar="НОВЫЙ.yaml")
@click.option("--from", "source", required=True, type=click.Path(path_type=Path, dir_okay=False),
              metavar="СТАРЫЙ.yaml", help="План, из которого сделать новый (обычно прошлогодний).")
@click.option("--year", type=int, default=None, metavar="ГГГГ", help="Первый год периода нового плана, например 2027.")
@click.option("--shift", type=int, default=None, metavar="N",
              help="На сколько лет сдвинуть сроки и период (по умолчанию на 1).")
@click.option("--force", is_flag=True, help="Перезаписать НОВЫЙ.yaml, если он уже есть.")
def new_command(new_plan: Path, source: Path, year: int | None, shift: int | None, force: bool) -> None:
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
    def action() -> int:
        from . import new_from
        from .rollover import plural_years

        result = new_from(source, new_plan, year=year, shift=shift, force=force)
        period = f", период {result.old_period} → {result.new_period}" if result.new_period else ""
        _echo(f"{result.path}: создан из {result.source}, сдвиг на {plural_years(result.shift)}{period}")
        _echo(f"  сроков перенесено: {result.moved}, без года (не меняются): {result.kept}"
                   + (f", удалено примечаний: {result.notes}" if result.notes else ""))
        _echo_diagnostics(result.warnings, err=False)
        _echo(result.next_step())
        return 0

    _run(action)


@main.command("fmt", context_settings=CONTEXT, options_metavar="[ПАРАМЕТРЫ]")
@click.argument("plans", nargs=-1, type=click.Path(path_type=Path), metavar="[ПЛАН.yaml]...")
@click.option("--check", is_flag=True,
              help="Ничего не менять, только проверить: код выхода 1, если какой-то файл нужно отформатировать.")
def fmt_command(plans: tuple[Path, ...], check: bool) -> None:
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
    def action() -> int:
        from .fmt import fmt_paths

        result = fmt_paths(_plan_files(plans), check=check)
        _echo_diagnostics(result.errors)
        for path in result.changed:
            _echo(f"{path}: нужно отформатировать (orderforge fmt {path})" if check else f"{path}: отформатирован")
        if result.errors:
            return exit_code_for(result.errors)
        return 1 if check and result.changed else 0

    _run(action)


@main.command("diff", context_settings=CONTEXT, options_metavar="[ПАРАМЕТРЫ]")
@click.argument("old", metavar="СТАРЫЙ")
@click.argument("new", default=None, metavar="[НОВЫЙ]")
@click.option("--json", "as_json", is_flag=True, help="Вывести изменения в JSON (для скриптов).")
@click.option("--exit-code", "exit_code", is_flag=True, help="Код выхода 1, если изменения есть (как у git diff).")
def diff_command(old: str, new: str | None, as_json: bool, exit_code: bool) -> None:
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
    def action() -> int:
        from . import diff_specs, format_diff

        result = diff_specs(old, new)
        _echo_diagnostics(result.warnings)
        if as_json:
            _echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        elif not result.empty:
            _echo(format_diff(result))
        return 1 if exit_code and not result.empty else 0

    _run(action)


@main.command("amend", context_settings=CONTEXT, options_metavar="[ПАРАМЕТРЫ]")
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
                  order_file: Path | None, output: Path | None, force: bool) -> None:
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
    def action() -> int:
        from . import AmendData, build_amend
        from .amend import load_amend_yaml, parse_date

        data = load_amend_yaml(order_file) if order_file else AmendData()
        if date_text is not None:
            parsed = parse_date(date_text)
            if parsed is None:
                raise UserError.simple("OF646", date_text, f"дата «{date_text}» не распознана",
                                       "запишите дату как 2026-06-01 или 01.06.2026")
            data.date = parsed
        data.number = number or data.number
        data.preamble = preamble or data.preamble
        result = build_amend(old, new, data, output, force=force)
        _echo_diagnostics(result.warnings)
        _echo(f"{new} → {result.docx} (изменений: {len(result.clauses)})")
        return 0

    _run(action)


# --------------------------------------------------------------------------- execution control (issue 13)


def _day(value: str | None, option: str) -> Any:
    """A date option: «2026-04-05» or «05.04.2026»; today when not given."""
    import datetime

    from .records import parse_day

    if value is None:
        return datetime.date.today()
    day = parse_day(value)
    if day is None:
        raise UserError.simple("OF722", value, f"{option}: дата «{value}» не распознана",
                               "запишите дату как 2026-04-05 или 05.04.2026")
    return day


_RECORDS_OPTION = click.option("--records", "records_file", type=click.Path(path_type=Path, dir_okay=False),
                               default=None, metavar="ФАЙЛ.yaml",
                               help="Файл сведений о выполнении (по умолчанию reports/<план>.yaml).")


@main.command("status", context_settings=CONTEXT, options_metavar="[ПАРАМЕТРЫ]")
@click.argument("plan", type=click.Path(path_type=Path), metavar="ПЛАН.yaml")
@click.option("--on", "on_text", default=None, metavar="ДАТА", help="На какую дату (по умолчанию сегодня).")
@click.option("--days", default=14, show_default=True, type=click.IntRange(0, 3660), metavar="N",
              help="Сколько дней вперед показывать наступающие сроки.")
@click.option("--responsible", default=None, metavar="КОД", help="Только мероприятия этого ответственного.")
@click.option("--section", default=None, type=click.IntRange(1), metavar="N", help="Только раздел N плана.")
@click.option("--json", "as_json", is_flag=True, help="Вывести в JSON (для скриптов).")
@_RECORDS_OPTION
def status_command(plan: Path, on_text: str | None, days: int, responsible: str | None, section: int | None,
                   as_json: bool, records_file: Path | None) -> None:
    """Показать просроченные мероприятия, сроки в ближайшие дни и выполненное — по ответственным.

    Сведения о выполнении берутся из reports/<план>.yaml. Код выхода 1,
    если есть просроченные мероприятия, 0 — если нет (для рассылки по расписанию).

    \b
    Пример:
      orderforge status plans/kaliningrad-committee-2026.yaml
      orderforge status plans/kaliningrad-committee-2026.yaml --on 2026-07-01 --responsible ЦОРП
    """
    def action() -> int:
        from .records import open_execution
        from .status import compute_status, format_status

        execution, report = open_execution(plan, records_file)
        _echo_diagnostics(report.warnings)
        result = compute_status(execution, _day(on_text, "--on"), days, responsible, section)
        text = json.dumps(result.to_json(), ensure_ascii=False, indent=2) if as_json else None
        _echo(text or format_status(result, execution))
        return result.exit_code

    _run(action)


@main.command("calendar", context_settings=CONTEXT, options_metavar="[ПАРАМЕТРЫ]")
@click.argument("plan", type=click.Path(path_type=Path), metavar="ПЛАН.yaml")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True, metavar="ФАЙЛ.ics",
              help="Куда записать календарь (.ics).")
@click.option("--responsible", default=None, metavar="КОД", help="Только сроки этого ответственного.")
def calendar_command(plan: Path, output: Path, responsible: str | None) -> None:
    """Записать сроки плана в календарь .ics с напоминаниями за неделю.

    Файл .ics открывается в Яндекс Календаре и почтовых программах. Повторяющиеся
    сроки («ежегодно, в июне и декабре») — повторяющиеся события; сроки без
    даты («постоянно», «по мере необходимости») в календарь не попадают.

    \b
    Пример:
      orderforge calendar plans/kaliningrad-committee-2026.yaml -o план.ics
      orderforge calendar plans/kaliningrad-committee-2026.yaml -o цорп.ics --responsible ЦОРП
    """
    def action() -> int:
        from . import validated_plan
        from .calendar_ics import build_calendar, dated_count
        from .status import check_responsible
        from .write import write_atomic

        loaded, report = validated_plan(plan)
        _echo_diagnostics(report.warnings)
        check_responsible(loaded, responsible)
        write_atomic(output, build_calendar(loaded, responsible))
        _echo(f"{plan} → {output} (сроков: {dated_count(loaded, responsible)})")
        return 0

    _run(action)


@main.command("export", context_settings=CONTEXT, options_metavar="[ПАРАМЕТРЫ]")
@click.argument("plan", type=click.Path(path_type=Path), metavar="ПЛАН.yaml")
@click.option("--xlsx", "xlsx_out", type=click.Path(path_type=Path, dir_okay=False), required=True,
              metavar="ФАЙЛ.xlsx", help="Куда записать таблицу мониторинга (.xlsx).")
@_RECORDS_OPTION
def export_command(plan: Path, xlsx_out: Path, records_file: Path | None) -> None:
    """Выгрузить план в таблицу .xlsx для мониторинга исполнения.

    Столбцы плана, отметка о выполнении (выбор из списка), дата, информация
    о выполнении и подтверждающий документ; уже внесенные сведения заполнены.
    Заполненную таблицу возвращает в сведения команда collect.

    \b
    Пример:
      orderforge export plans/kaliningrad-committee-2026.yaml --xlsx мониторинг.xlsx
    """
    def action() -> int:
        from .records import open_execution
        from .write import write_atomic
        from .xlsx import export_xlsx

        execution, report = open_execution(plan, records_file)
        _echo_diagnostics(report.warnings)
        write_atomic(xlsx_out, export_xlsx(execution))
        _echo(f"{plan} → {xlsx_out}")
        return 0

    _run(action)


@main.command("collect", context_settings=CONTEXT, options_metavar="[ПАРАМЕТРЫ]")
@click.argument("filled", type=click.Path(path_type=Path), metavar="ТАБЛИЦА.xlsx")
@click.argument("plan", type=click.Path(path_type=Path), metavar="ПЛАН.yaml")
@_RECORDS_OPTION
def collect_command(filled: Path, plan: Path, records_file: Path | None) -> None:
    """Внести сведения из заполненной таблицы (export --xlsx) в reports/<план>.yaml.

    Строки узнаются по коду и номеру мероприятия. Выводится каждая измененная,
    неизвестная или нечитаемая строка; запись, строку которой прочитать не
    удалось, остается прежней. Код выхода 1, если такие строки есть.

    \b
    Пример:
      orderforge collect мониторинг-заполненный.xlsx plans/kaliningrad-committee-2026.yaml
    """
    def action() -> int:
        from .collect import collect

        result = collect(filled, plan, records_file)
        for line in result.changed:
            _echo(line)
        _echo_diagnostics(result.report.items)
        _echo(f"изменено записей: {len(result.changed)}, без изменений: {result.unchanged}, "
              f"не прочитано строк: {len(result.report.items)}")
        return 1 if result.report.items else 0

    _run(action)


@main.command("report", context_settings=CONTEXT, options_metavar="[ПАРАМЕТРЫ]")
@click.argument("plan", type=click.Path(path_type=Path), metavar="ПЛАН.yaml")
@click.option("--period", required=True, metavar="ПЕРИОД",
              help="Отчетный период: 2026-Q1 (квартал), 2026-H1 (полугодие), 2026 (год), 2025/2026 (учебный год).")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None, metavar="ФАЙЛ.docx",
              help="Куда записать отчет; по умолчанию output/<план>.report-<период>.docx.")
@click.option("--pdf", is_flag=True, help="Также сделать PDF (через LibreOffice).")
@_RECORDS_OPTION
def report_command(plan: Path, period: str, output: Path | None, pdf: bool, records_file: Path | None) -> None:
    """Собрать «Отчет о реализации плана мероприятий … за I квартал 2026 г.».

    Таблица плана с графами «Отметка о выполнении» и «Информация о выполнении»,
    итог («выполнено 14 из 18 мероприятий, 2 — с нарушением срока …») и
    диаграмма выполнения по разделам — в оформлении стиля плана (report.docx).

    \b
    Пример:
      orderforge report plans/kaliningrad-committee-2026.yaml --period 2026-Q1
      orderforge report plans/kaliningrad-committee-2026.yaml --period 2026 --pdf
    """
    def action() -> int:
        from .execreport import build_report, parse_report_period
        from .records import open_execution
        from .write import write_atomic

        span = parse_report_period(period)
        execution, report = open_execution(plan, records_file)
        _echo_diagnostics(report.warnings)
        target = output or OUTPUT_DIR / f"{plan.stem}.report-{period.replace('/', '-')}.docx"
        write_atomic(target, build_report(execution, span))
        _echo(f"{plan} → {target}")
        if pdf:
            from .pdf import convert_to_pdf

            _echo(f"{plan} → {convert_to_pdf(target, target.with_suffix('.pdf'))}")
        return 0

    _run(action)


def entry(argv: list[str] | None = None) -> None:  # pragma: no cover - for python -m
    main(args=argv)

"""Commands on workspaces and house styles: init, styles, check-style, style new."""

from __future__ import annotations

from pathlib import Path

import click

from ..console import echo, echo_diagnostics
from ..diagnostics import UserError
from .app import main
from .params import PlanYear


@main.command()
@click.argument("folder", required=False, default=".", type=click.Path(path_type=Path, file_okay=False),
                metavar="[ПАПКА]")
@click.option("--style", "style_name", default="kaliningrad-committee", show_default=True, metavar="СТИЛЬ",
              help="Стиль оформления (список: orderforge styles).")
@click.option("--year", type=PlanYear(), metavar="ГГГГ", help="Первый год плана (по умолчанию текущий).")
@click.option("--copy-style", is_flag=True, help="Скопировать стиль в templates/, чтобы править его в Word.")
def init(folder: Path, style_name: str, year: int | None, copy_style: bool) -> int:
    """Создать рабочую папку: plans/ с заготовкой плана, справочник, README.

    Ничего не перезаписывает. После этого можно сразу собрать документ.

    \b
    Пример:
      orderforge init komitet --style kaliningrad-committee
      cd komitet && orderforge build
    """
    from .. import init_workspace

    for path in init_workspace(folder, style_name, year, copy_style).created:
        echo(f"создан {path}")
    echo(f"дальше: cd {folder} && orderforge validate && orderforge build")
    return 0


@main.command()
def styles() -> int:
    """Показать установленные стили оформления.

    Стили ищутся в папке templates/ рабочей папки, затем в установленных
    пакетах стилей, затем среди встроенных. Для каждого стиля показано,
    откуда он взят: рабочая папка, пакет или встроенный.

    \b
    Пример:
      orderforge styles
    """
    from .. import load_style
    from ..stylesources import found_styles

    for name, found in found_styles(Path.cwd()).items():
        try:
            title = load_style(name, Path.cwd()).title
        except UserError:
            title = "(ошибка в style.yaml: orderforge check-style " + name + ")"
        echo(f"{name:28} {title}\n{'':28} {found.origin}: {found.folder}")
    return 0


@main.command("check-style")
@click.argument("name", metavar="СТИЛЬ")
def check_style_command(name: str) -> int:
    """Проверить стиль оформления: style.yaml, метки шаблона Word и пробную сборку.

    Ошибки показываются с частью документа (основной текст, колонтитул),
    номером абзаца и его текстом. Код выхода 1, если есть ошибки; 2, если
    стиль не найден или шаблон — не документ Word (.docx).

    \b
    Пример:
      orderforge check-style kaliningrad-committee
    """
    from ..stylecheck import check_style

    style, report = check_style(name, Path.cwd())
    echo_diagnostics(report.sorted(), err=False)
    if not report.has_errors and style is not None:
        echo(f"стиль «{name}» в порядке: {style.folder}")
    return report.exit_code  # 2 when the style cannot be checked at all (not found, not a .docx)


@main.group("style")
def style_group() -> None:
    """Стили оформления: сделать свой стиль из документа Word.

    \b
    Пример:
      orderforge style new moy-komitet --from "Приказ 2025.docx"
    """


@style_group.command("new")
@click.argument("name", metavar="ИМЯ")
@click.option("--from", "source", required=True, type=click.Path(path_type=Path, dir_okay=False),
              metavar="ДОКУМЕНТ.docx", help="Приказ или план вашего комитета в Word (.docx).")
@click.option("--templates", "root", type=click.Path(path_type=Path, file_okay=False), default=Path("templates"),
              show_default=True, metavar="ПАПКА", help="Куда положить папку стиля.")
@click.option("--force", is_flag=True, help="Перезаписать папку стиля, если она уже есть.")
def style_new(name: str, source: Path, root: Path, force: bool) -> int:
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
    from ..stylegen import make_style

    made = make_style(source, name, root, force=force)
    echo_diagnostics(made.report.sorted())
    for path in made.written:
        echo(f"создан {path}")
    echo(f"дальше: orderforge check-style {name}; в плане — style: {name}")
    return 0

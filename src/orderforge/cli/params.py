"""Option types and options shared by several commands: checked before any file is touched (exit 2)."""

from __future__ import annotations

import datetime
from pathlib import Path

import click

from ..diagnostics import UserError


class PlanYear(click.ParamType):
    """A plan's first year within ``workspace.YEARS``: ``--year 0`` or ``-5`` is a typo, refused before
    any file is written."""

    name = "год"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> int:
        from ..workspace import YEARS

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
        from ..rawtext import FORBIDDEN_CHARS

        text = str(value)
        bad = FORBIDDEN_CHARS.search(text)
        if bad is None:
            return text
        if "\ud800" <= bad.group() <= "\udfff":
            self.fail("текст не в кодировке UTF-8 (так бывает, когда терминал работает в cp1251); "
                      "переключите терминал на UTF-8 (chcp 65001) или запишите значение в файл amend.yaml "
                      "и укажите его параметром --order", param, ctx)
        self.fail(f"в тексте недопустимый управляющий символ U+{ord(bad.group()):04X}; удалите его", param, ctx)


def day(value: str | None, option: str) -> datetime.date:
    """A date option: «2026-04-05» or «05.04.2026»; today when not given (OF722 when unreadable)."""
    from ..records import parse_day

    if value is None:
        return datetime.date.today()
    parsed = parse_day(value)
    if parsed is None:
        raise UserError.simple("OF722", value, f"{option}: дата «{value}» не распознана",
                               "запишите дату как 2026-04-05 или 05.04.2026")
    return parsed


RECORDS_OPTION = click.option("--records", "records_file", type=click.Path(path_type=Path, dir_okay=False),
                              default=None, metavar="ФАЙЛ.yaml",
                              help="Файл сведений о выполнении (по умолчанию reports/<план>.yaml).")

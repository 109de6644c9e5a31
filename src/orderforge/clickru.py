"""Russian for click's own words (Usage, Options, «No such option» …).

Click takes every message through ``gettext`` bound at import time as a module
attribute ``_``/``ngettext``; replacing those attributes with a lookup in this
table makes the whole CLI speak Russian without forking click. Unknown
messages fall through unchanged, so a click upgrade can only leave a phrase in
English, never break the CLI — and tests/test_clickru.py lists every message
in the installed click, so such a phrase is caught before a clerk sees it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence

import click
import click.types

RU: dict[str, str] = {
    # help pages
    "Usage:": "Использование:",
    "Options": "Параметры",
    "Positional arguments": "Аргументы",
    "Commands": "Команды",
    "Show this message and exit.": "Показать эту справку и выйти.",
    "Show the version and exit.": "Показать версию и выйти.",
    "%(prog)s, version %(version)s": "%(prog)s, версия %(version)s",
    "default: {default}": "по умолчанию: {default}",
    "required": "обязательный",
    "env var: {var}": "переменная окружения: {var}",
    "(dynamic)": "(вычисляется)",
    "deprecated": "устарело",
    "file": "файл",
    "directory": "папка",
    "path": "путь",
    "integer": "целое число",
    # usage errors
    "Error: {message}": "Ошибка: {message}",
    "Try '{command} {option}' for help.": "Справка: «{command} {option}».",
    "No such command {name!r}.": "Нет такой команды «{name}».",
    "No such option {name!r}.": "Нет такого параметра «{name}».",
    "Did you mean {possibility}?": "Возможно, имелось в виду {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Возможно, имелось в виду одно из: {possibilities})",
    "Missing argument": "Не указан аргумент",
    "Missing option": "Не указан параметр",
    "Missing parameter": "Не указан параметр",
    "Missing {param_type}": "Не указан {param_type}",
    "Missing parameter: {param_name}": "Не указан параметр: {param_name}",
    "Missing command.": "Не указана команда.",
    "Invalid value for {param_hint}: {message}": "недопустимое значение для {param_hint}: {message}",
    "Invalid value: {message}": "Недопустимое значение: {message}",
    "Option {name!r} does not take a value.": "Параметр «{name}» не принимает значения.",
    "Option {name!r} requires an argument.": "Параметру «{name}» нужно значение.",
    "Option {name!r} requires {nargs} arguments.": "Параметру «{name}» нужно значений: {nargs}.",
    "Argument {name!r} takes {nargs} values.": "Аргументу «{name}» нужно значений: {nargs}.",
    "Invalid start character for option ({option})": "Параметр начинается с недопустимого знака ({option})",
    "Got unexpected extra argument ({args})": "Лишний аргумент «{args}»",
    "Got unexpected extra arguments ({args})": "Лишние аргументы: {args}",
    "Takes {nargs} values but 1 was given.": "Нужно значений: {nargs}, а указано одно.",
    "Takes {nargs} values but {len} were given.": "Нужно значений: {nargs}, а указано: {len}.",
    "{len_type} values are required, but {len_value} was given.":
        "Нужно значений: {len_type}, а указано: {len_value}.",
    "{len_type} values are required, but {len_value} were given.":
        "Нужно значений: {len_type}, а указано: {len_value}.",
    "Value must be an iterable.": "Значение должно быть списком.",
    # values
    "{name} {filename!r} does not exist.": "нет такого файла или папки: «{filename}».",
    "{name} {filename!r} is a directory.": "«{filename}» — это папка, а нужен файл.",
    "{name} {filename!r} is a file.": "«{filename}» — это файл, а нужна папка.",
    "{name} {filename!r} is not readable.": "нет прав на чтение «{filename}».",
    "{name} {filename!r} is not writable.": "нет прав на запись в «{filename}».",
    "{name} {filename!r} is not executable.": "нет прав на запуск «{filename}».",
    "Could not open file {filename!r}: {message}": "Не удалось открыть файл «{filename}»: {message}",
    "unknown error": "неизвестная ошибка",
    "{value!r} is not a valid {number_type}.": "«{value}» — не число.",
    "{value!r} is not one of {choices}.": "«{value}» — не одно из значений: {choices}.",
    "{value!r} is not {choice}.": "«{value}» — не {choice}.",
    "Choose from:\n\t{choices}": "Выберите одно из:\n\t{choices}",
    "Choice({choices})": "Выбор({choices})",
    "{value} is not in the range {range}.": "{value} — вне допустимых пределов: {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "«{value}» — не «да» и не «нет»; допустимо: {states}",
    "{value!r} is not a valid UUID.": "«{value}» — не идентификатор UUID.",
    "{value!r} does not match the format {format}.": "«{value}» не подходит к формату {format}.",
    "{value!r} does not match the formats {formats}.": "«{value}» не подходит ни к одному из форматов {formats}.",
    # prompts and the terminal
    "Aborted!": "Прервано.",
    "Do you want to continue?": "Продолжить?",
    "Confirm the action without prompting.": "Подтвердить действие, не спрашивая.",
    "Repeat for confirmation": "Повторите для подтверждения",
    "Error: The two entered values do not match.": "Ошибка: введённые значения не совпадают.",
    "Error: invalid input": "Ошибка: недопустимый ввод",
    "Press any key to continue...": "Нажмите любую клавишу…",
    "Unknown color {colour!r}": "Неизвестный цвет «{colour}»",
    "Unknown standard stream '{name}'": "Неизвестный стандартный поток «{name}»",
    "Windows error: {error}": "Ошибка Windows: {error}",
    "{editor}: Editing failed": "{editor}: не удалось отредактировать",
    "{editor}: Editing failed: {e}": "{editor}: не удалось отредактировать: {e}",
    "d": "д",
    "Shell completion is not supported for Bash versions older than 4.4.":
        "Автодополнение не работает в Bash версии ниже 4.4 — обновите Bash.",
    "Couldn't detect Bash version, shell completion is not supported.":
        "Не удалось узнать версию Bash, автодополнение не работает.",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}":
        "Предупреждение: команда «{name}» устарела.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}":
        "Предупреждение: {param_type} «{name}» устарел.{extra_message}",
    # mistakes in the program itself, never a clerk's — translated all the same
    "Name '{name}' defined twice": "Имя «{name}» объявлено дважды",
    "Boolean option {decl!r} cannot use the same flag for true/false.":
        "Флаг «{decl}» не может одним и тем же словом включать и выключать.",
    "Could not determine name for option with declarations {decls!r}":
        "Не удалось определить имя параметра по объявлению {decls}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? "
    "Did you mean to pass '--{name}'?":
        "Параметры не объявлены, а имя передано ({name}). Возможно, нужен аргумент или «--{name}»?",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.":
        "У аргумента должно быть одно объявление, а их {length}: {decls}.",
}

# every click module with messages; lazily imported ones are patched when already loaded
_MODULES = ("core", "exceptions", "parser", "types", "formatting", "decorators", "termui", "utils",
            "shell_completion", "_termui_impl", "_winconsole")


class _AfterColon(str):
    """A template whose ``{message}`` follows a colon: the message goes on in lower case («Ошибка: нет такой …»).

    click fills «Error: {message}» with a message translated on its own, which
    as a sentence of its own starts with a capital; after «Ошибка:» Russian
    continues in lower case. An abbreviation or a name («PDF», «LibreOffice»)
    keeps its capitals.
    """

    __slots__ = ()

    def format(self, *args: object, **kwargs: object) -> str:
        if isinstance(kwargs.get("message"), str):
            kwargs["message"] = lower_first(str(kwargs["message"]))
        return str.format(self, *args, **kwargs)


#: click's templates that put a message after a colon
_COLON_TEMPLATES = frozenset({
    "Error: {message}", "Invalid value for {param_hint}: {message}", "Invalid value: {message}",
})


def lower_first(text: str) -> str:
    """«Нет такой команды» → «нет такой команды»; «PDF», «LibreOffice», ««x»» stay as written."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _gettext(message: str) -> str:
    translated = RU.get(message, message)
    return _AfterColon(translated) if message in _COLON_TEMPLATES else translated


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def _format_possibilities(possibilities: Iterable[str]) -> str:
    """«Возможно, имелось в виду «validate»?» — Russian quotes instead of click's repr() ones."""
    names = sorted(possibilities)
    quoted = ", ".join(f"«{p}»" for p in names)
    return _ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)",
                     len(names)).format(possibility=quoted, possibilities=quoted)


def _quoted(names: Iterable[str]) -> str:
    return " / ".join(f"«{name}»" for name in names)


def _error_hint(self: click.Parameter, ctx: click.Context | None) -> str:
    """«--from» in Russian quotes where click writes '--from' (Parameter.get_error_hint)."""
    if isinstance(self, click.Argument):
        return _quoted([self.make_metavar(ctx) if ctx is not None else self.human_readable_name])
    return _quoted(self.opts or [self.human_readable_name])


def _join_param_hints(param_hint: Sequence[str] | str | None) -> str | None:
    return param_hint if param_hint is None or isinstance(param_hint, str) else _quoted(param_hint)


def _describe_range(self: click.types._NumberRangeBase) -> str:
    """«от 20 до 300» for click's «20<=x<=300» (in messages and in --help)."""
    low = None if self.min is None else f"{'больше' if self.min_open else 'не меньше'} {self.min}"
    high = None if self.max is None else f"{'меньше' if self.max_open else 'не больше'} {self.max}"
    if low and high and not self.min_open and not self.max_open:
        return f"от {self.min} до {self.max}"
    return " и ".join(part for part in (low, high) if part)


def install() -> None:
    """Point click's modules at the Russian table (idempotent)."""
    import click.core
    import click.types

    # where click quotes with '…' or writes a range as «20<=x<=300»: replaced while click still has them
    for cls in (click.core.Parameter, click.core.Argument):
        if "get_error_hint" in vars(cls):
            cls.get_error_hint = _error_hint  # type: ignore[method-assign]
    if hasattr(click.types, "_NumberRangeBase"):
        click.types._NumberRangeBase._describe_range = _describe_range  # type: ignore[method-assign]
    for name in _MODULES:
        module = sys.modules.get(f"click.{name}")
        if module is None:
            continue
        if hasattr(module, "_"):
            module._ = _gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext  # type: ignore[attr-defined]
        if hasattr(module, "_format_possibilities"):  # private: replaced only while click still has it
            module._format_possibilities = _format_possibilities  # type: ignore[attr-defined]
        if hasattr(module, "_join_param_hints"):
            module._join_param_hints = _join_param_hints  # type: ignore[attr-defined]

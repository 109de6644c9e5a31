"""Everything click prints reaches the clerk in Russian: help pages, usage errors, suggestions."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from orderforge.cli import main
from orderforge.clickru import RU

COMMANDS = [[]] + [[name] for name in sorted(main.commands)]
# Latin words a Russian help page may contain: names of programs, formats and plan keys, and defaults
ALLOWED = {
    "orderforge", "YAML", "JSON", "Schema", "Word", "LibreOffice", "PDF", "PNG", "pdftoppm", "git", "HEAD", "TODO",
    "id", "note", "number", "date", "preamble", "signatory", "control", "kaliningrad", "committee", "output",
    *(part for name in main.commands for part in name.split("-")),
}
FORBIDDEN = ("TEXT", "INTEGER", "RANGE", "FLOAT", "PATH", "FILE", "DIRECTORY", "BOOLEAN", "CHOICE", "required",
             "default", "Did you mean", "Usage", "Options", "Commands", "Show this", "Error")


def click_messages() -> set[str]:
    """Every message id the installed click passes through gettext (``_()`` and ``ngettext()``)."""
    found: set[str] = set()
    for source in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
                found.update(a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str))
    return found | {"required"}  # passed to _() through a variable in Option.get_help_record


def test_every_click_message_is_translated() -> None:
    assert sorted(click_messages() - set(RU)) == []


def _fields(text: str) -> set[str]:
    names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
    return {re.split(r"[!:.\[]", name)[0] for name in names} | set(re.findall(r"%\((\w+)\)s", text))


@pytest.mark.parametrize("english", sorted(RU))
def test_translations_keep_only_known_placeholders(english: str) -> None:
    """click calls .format() with the English fields: a Russian text may drop one, never invent one."""
    assert _fields(RU[english]) <= _fields(english)


def _prose(help_text: str) -> str:
    """The help page without its example blocks, option names and file names: what is left must be Russian."""
    kept, in_example = [], False
    for line in help_text.splitlines():
        if line.strip().startswith("Пример"):
            in_example = True
            continue
        if in_example and (line.startswith("    ") or not line.strip()):
            continue
        in_example = False
        line = re.sub(r"(?<![\w-])--?[a-z][a-z-]*", " ", line)
        kept.append(re.sub(r"\S*[/.<>:=$_]\S*", " ", line))
    return "\n".join(kept)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0] if c else "orderforge")
def test_help_has_no_english_beyond_names_and_examples(command: list[str]) -> None:
    output = CliRunner().invoke(main, [*command, "--help"], prog_name="orderforge", catch_exceptions=False).output
    for word in FORBIDDEN:
        assert word not in output, word
    english = set(re.findall(r"[A-Za-z]{2,}", _prose(output))) - ALLOWED
    assert english == set(), output


@pytest.mark.parametrize("args, expected", [
    (["valdate"], "Ошибка: нет такой команды «valdate». Возможно, имелось в виду «validate»?"),
    (["validate", "--jsn"], "Ошибка: нет такого параметра «--jsn». Возможно, имелось в виду «--json»?"),
    (["new", "x.yaml"], "Ошибка: не указан параметр «--from»."),
    (["preview", "--dpi", "5", "x.yaml"], "Ошибка: недопустимое значение для «--dpi»: 5 — вне допустимых пределов: "
                                          "от 20 до 300."),
    (["preview", "--dpi", "abc", "x.yaml"], "Ошибка: недопустимое значение для «--dpi»: «abc» — не число."),
    (["init", "--year"], "Ошибка: параметру «--year» нужно значение."),
    (["text", "a", "b"], "Ошибка: лишний аргумент «b»"),
    (["text"], "Ошибка: не указан аргумент «ДОКУМЕНТ.docx»."),
], ids=["command", "option", "missing", "range", "number", "no-value", "extra", "argument"])
def test_usage_errors_are_russian(args: list[str], expected: str) -> None:
    result = CliRunner().invoke(main, args, prog_name="orderforge", catch_exceptions=False)
    assert result.exit_code == 2
    assert expected in result.output
    assert not re.search(r"Did you mean|Error|Usage|Missing|Invalid|No such|Got unexpected", result.output)
    assert "'" not in result.output and "<=" not in result.output


@pytest.mark.parametrize("english", sorted(RU))
def test_every_message_reads_as_russian_after_the_error_word(english: str) -> None:
    """Each click message, as click prints it after «Ошибка:» (or «…для «--x»:»): lower case after the colon,
    «ёлочки» and not straight quotes, no repr() of a value."""
    from orderforge.clickru import _gettext

    line = _gettext("Error: {message}").format(message=RU[english])
    after = line.removeprefix("Ошибка: ")
    assert not (after[:1].isupper() and after[1:2].islower()), line
    assert "!r}" not in RU[english] and "'" not in RU[english].replace("{decls}", ""), RU[english]


def test_ranges_read_in_words() -> None:
    from orderforge.clickru import _describe_range

    assert _describe_range(click.IntRange(20, 300)) == "от 20 до 300"
    assert _describe_range(click.IntRange(min=1)) == "не меньше 1"
    assert _describe_range(click.IntRange(0, 5, max_open=True)) == "не меньше 0 и меньше 5"
    help_text = CliRunner().invoke(main, ["preview", "--help"], prog_name="orderforge").output
    assert "от 20 до 300" in " ".join(help_text.split()) and "<=" not in help_text

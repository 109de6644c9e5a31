"""ruamel.yaml's English syntax errors, turned into Russian diagnostics at the clerk's line and column."""

from __future__ import annotations

from .diagnostics import Diagnostic, Pos
from .lazyre import LazyPattern
from .rawtext import line_col


def mark_pos(mark: object, name: str) -> Pos:
    line = getattr(mark, "line", -1)
    col = getattr(mark, "column", -1)
    return Pos(name, line + 1, col + 1) if line >= 0 else Pos(name)


def reference_diagnostic(error: Exception, name: str, text: str) -> Diagnostic:
    """The diagnostic for what the reference parser refused (see :class:`.yamlparse.ReferenceFailure`)."""
    from ruamel.yaml.error import MarkedYAMLError

    if isinstance(error, MarkedYAMLError):
        return translate_yaml_error(error, name, text)
    return Diagnostic("OF010", "error", f"нарушена разметка YAML: {error}", Pos(name), "")  # pragma: no cover


# (fragment of ruamel's problem text, Russian message, hint)
_SYNTAX_TRANSLATIONS: list[tuple[str, str, str]] = [
    ("mapping values are not allowed", "двоеточие с пробелом внутри значения",
     "заключите значение в кавычки: ключ: \"текст: с двоеточием\""),
    ("found character '\\t'", "символ табуляции там, где YAML его не допускает",
     "замените табуляцию пробелами (в конце строки — удалите её) или заключите значение в кавычки"),
    ("expected alphabetic or numeric character", "после «&» или «*» YAML ждёт имя якоря или ссылки",
     "если «&» или «*» — часть текста, заключите значение в кавычки"),
    ("sequence entries are not allowed here", "«- » после ключа на той же строке: YAML читает это как начало списка",
     "перенесите пункт списка на новую строку с отступом или заключите значение в кавычки"),
    ("expected the node content", "значение начинается со служебного знака YAML («]», «}», «,» …)",
     "заключите значение в кавычки"),
    ("expected '<document start>'", "строка, начинающаяся с «%», — директива YAML",
     "удалите эту строку или заключите значение в кавычки"),
    ("that cannot start any token", "значение начинается с символа, который YAML не допускает в начале",
     "заключите значение в кавычки"),
    ("found undefined alias", "значение начинается со «*» — в YAML это ссылка",
     "заключите значение в кавычки: \"*текст\""),
    ("expected ',' or ']'", "не закрыта квадратная скобка «[»", "закройте список «]» или заключите значение в кавычки"),
    ("expected ',' or '}'", "не закрыта фигурная скобка «{»",
     "фигурные скобки в YAML означают словарь; заключите значение в кавычки"),
    ("while scanning a quoted scalar", "не закрыта кавычка",
     "поставьте закрывающую кавычку в конце значения или уберите открывающую; "
     "кавычки внутри текста пишите «ёлочками»"),
    ("could not find expected ':'", "после ключа ожидалось двоеточие",
     "проверьте эту и предыдущую строку: ключ: значение"),
    ("expected <block end>", "неверный отступ", "элементы одного уровня должны начинаться в одной колонке"),
    ("while parsing a block mapping", "неверный отступ", "элементы одного уровня должны начинаться в одной колонке"),
    ("found duplicate anchor", "повторное объявление якоря «&»", "якоря и ссылки в планах не используются"),
    ("found unknown escape character", "неизвестная escape-последовательность в строке в двойных кавычках",
     "используйте одинарные кавычки или удвойте обратную косую черту: \\\\"),
]


def translate_yaml_error(exc: Exception, name: str, text: str = "") -> Diagnostic:
    """Turn ruamel's English scanner/parser error into a Russian diagnostic with a hint.

    ruamel's own words never reach a clerk: what no translation covers gets a
    general Russian message at the right line and column.
    """
    problem = str(getattr(exc, "problem", "") or "")
    context = str(getattr(exc, "context", "") or "")
    pos = _error_pos(exc, problem, name)
    if "expected <block end>" in problem and _after_closing_quote(text, pos):
        return _text_after_quote(text, pos)
    indicator = _indicator_value(text, pos) if not any(f in problem for f in _AT_OPENING) else None
    if indicator is not None:
        return indicator
    blob = f"{problem} {context}"
    for fragment, message, hint in _SYNTAX_TRANSLATIONS:
        if fragment in blob:
            return Diagnostic("OF010", "error", f"нарушена разметка YAML: {message}", pos, hint)
    return Diagnostic("OF010", "error", "нарушена разметка YAML", pos,
                      "проверьте отступы, двоеточия и кавычки в этой строке и в строке над ней")


#: Problems found far from their cause: an unclosed quote or bracket is noticed at the end of the
#: file (or at the next «:»), but ruamel's context_mark knows where it was opened — the clerk's place.
_AT_OPENING = ("found unexpected end of stream", "found unexpected document separator",
               "expected ',' or ']'", "expected ',' or '}'")


def _error_pos(exc: Exception, problem: str, name: str) -> Pos:
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    if context_mark is not None and any(fragment in problem for fragment in _AT_OPENING):
        return mark_pos(context_mark, name)
    return mark_pos(problem_mark or context_mark, name)


#: A value's first character that YAML reads as syntax: alias, anchor, tag, block scalar, complex key,
#: flow collection, reserved. ``text: *важно* сделать`` otherwise reads «неверный отступ».
_INDICATORS = "*&!|>?[{@`%"
#: Indentation, list dashes and a plain key, then the first character of the value.
_VALUE_START = LazyPattern(r"(?P<lead>[ ]*(?:-[ ]+)*(?:[^\s\"'#][^#]*?:[ ]+)?)(?P<value>\S.*)")


def _indicator_value(text: str, pos: Pos) -> Diagnostic | None:
    """The parser failed on a line whose value begins with a YAML indicator: say that, and how to quote it."""
    lines = text.split("\n")
    if not 0 < pos.line <= len(lines):
        return None
    m = _VALUE_START.fullmatch(lines[pos.line - 1].rstrip())
    if m is None or m["value"][0] not in _INDICATORS or pos.col <= m.start("value"):
        return None  # the parser stopped before the value: its trouble is elsewhere
    char, value = m["value"][0], m["value"]
    quoted = '"' + value + '"' if '"' not in value else "'" + value.replace("'", "''") + "'"
    hint = f"«{char}» в начале значения — служебный знак YAML; пишите так: {m['lead'].lstrip()}{quoted}"
    if char in "|>":
        hint += "; если нужен текст в несколько абзацев, начните его со следующей строки с отступом"
    elif char in "[{":
        hint += f"; если это {'список' if char == '[' else 'словарь'}, уберите текст после закрывающей скобки"
    return Diagnostic("OF010", "error", f"нарушена разметка YAML: значение начинается с «{char}» — "
                      "заключите значение в кавычки", Pos(pos.file, pos.line, m.start("value") + 1), hint)


def _text_after_quote(text: str, pos: Pos) -> Diagnostic:
    """Text after a closing quote; when that quote closes a value opened lines above, the opening is the mistake."""
    opened = _quote_opening(text, pos)
    if opened is not None and opened.line < pos.line:
        return Diagnostic("OF010", "error", f"нарушена разметка YAML: не закрыта кавычка — значение в кавычках "
                          f"тянется до строки {pos.line}", opened,
                          "поставьте закрывающую кавычку в конце значения в этой строке или уберите открывающую")
    return Diagnostic("OF010", "error", "нарушена разметка YAML: после закрывающей кавычки продолжается текст", pos,
                      "заключите в кавычки всё значение целиком (внутренние кавычки пишите «ёлочками») "
                      "или уберите кавычки в начале")


def _quote_opening(text: str, pos: Pos) -> Pos | None:
    """Where the quoted value that ends just before ``pos`` began: the previous unescaped same quote."""
    lines = text.split("\n")
    before = lines[pos.line - 1][: pos.col - 1].rstrip()
    quote = before[-1]
    i = sum(len(line) + 1 for line in lines[: pos.line - 1]) + len(before) - 2
    while i >= 0:
        if text[i] != quote:
            i -= 1
        elif quote == "'" and i > 0 and text[i - 1] == "'":
            i -= 2  # '' is a quote inside a single-quoted value
        elif quote == '"' and _escaped(text, i):
            i -= 1
        else:
            line, col = line_col(text, i)
            return Pos(pos.file, line, col)
    return None


def _escaped(text: str, i: int) -> bool:
    """An odd run of backslashes before ``text[i]`` escapes it (inside double quotes)."""
    run = 0
    while i - run > 0 and text[i - run - 1] == "\\":
        run += 1
    return run % 2 == 1


def _after_closing_quote(text: str, pos: Pos) -> bool:
    """«title: "Дорожная карта" на 2026 год»: the parser stops right after a quoted value."""
    lines = text.split("\n")
    if not 0 < pos.line <= len(lines):
        return False
    return lines[pos.line - 1][: pos.col - 1].rstrip().endswith(('"', "'"))

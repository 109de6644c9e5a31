"""Load YAML into a position-carrying tree of strings.

Why not a ready-made loader: every scalar must stay a string (``no`` is not
False, ``1.10`` is not 1.1, ``2026-02-30`` is not an exception without a line),
every node must know its line and column, and anchors/aliases (the «billion
laughs»), duplicate keys and tabs must be refused with a Russian message. So the
tree is built straight from ruamel.yaml's *event* stream: ruamel does the
scanning and parsing (it is the best-kept YAML 1.2 parser for Python and the
one ``fmt``/``new`` use for comment-preserving round trips), and this module
only turns events into :class:`Scalar` / :class:`Seq` / :class:`Map` nodes.
Loading uses ruamel's plain (safe) parser: comments are not needed to
validate, and the round-trip scanner that gathers them is several times slower
(and marks the folds of «>» blocks with BEL characters).
"""

from __future__ import annotations

import errno
import re
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

from .diagnostics import Diagnostic, Pos, Report

Node = Union["Scalar", "Seq", "Map"]

#: Lists and mappings inside each other: a plan needs about 20 levels. Far deeper is a broken or
#: hostile file — 3,000 levels overflowed Python's stack, 100 KB of «[[[…» kept ruamel busy for minutes.
MAX_DEPTH = 50
#: A run of openers deeper than that, found by one regex scan before any parsing.
_OPENER_RUN = re.compile(rf"(?:[\[{{][ ]*){{{MAX_DEPTH + 1}}}|(?:-[ ]+){{{MAX_DEPTH + 1}}}")

#: Characters a .docx (XML 1.0) cannot hold, apart from TAB, LF, CR.
_FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


@dataclass
class Scalar:
    """A scalar value, always a string; ``quoted`` tells whether the clerk quoted it."""

    value: str
    pos: Pos
    quoted: bool = False

    kind = "scalar"


@dataclass
class Seq:
    items: list[Node]
    pos: Pos

    kind = "list"


@dataclass
class Entry:
    """A mapping entry keeps the key's own position for «unknown key» messages."""

    key: str
    key_pos: Pos
    value: Node


@dataclass
class Map:
    entries: dict[str, Entry] = field(default_factory=dict)
    pos: Pos = field(default_factory=lambda: Pos("?"))
    broken: bool = False  # already reported (e.g. «{{ x }}» read as a mapping); do not report again

    kind = "mapping"

    def get(self, key: str) -> Node | None:
        entry = self.entries.get(key)
        return entry.value if entry else None

    def __contains__(self, key: str) -> bool:
        return key in self.entries

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())


@dataclass
class Loaded:
    """The result of loading one file: the root node (None when unusable) and findings."""

    path: Path
    root: Node | None
    report: Report


#: The largest plan or directory file read (a 5,000-activity plan is about 2 MB; a real one, 50 KB).
MAX_PLAN_BYTES = 8 * 1024 * 1024


def load_file(path: Path | str, display: str | None = None) -> Loaded:
    """Read a YAML file as bytes, decode it ourselves and build the string tree.

    Only a regular file is opened: reading a named pipe or a device would wait forever.
    """
    path = Path(path)
    name = display or str(path)
    report = Report()
    try:
        info = path.stat()
        mode = info.st_mode
        if not stat.S_ISREG(mode):
            what = "это папка, а не файл плана" if stat.S_ISDIR(mode) else "это не файл, а канал, устройство или сокет"
            report.error("OF001", Pos(name), what, "укажите путь к файлу плана (.yaml)")
            return Loaded(path, None, report)
        if info.st_size > MAX_PLAN_BYTES:
            report.error("OF007", Pos(name), f"файл слишком большой: {info.st_size // 1024} КБ, план — не "
                         f"больше {MAX_PLAN_BYTES // 1024 // 1024} МБ", "разделите план на несколько (по годам или "
                         "по направлениям): в настоящем плане не бывает тысяч мероприятий")
            return Loaded(path, None, report)
        data = path.read_bytes()
    except FileNotFoundError:
        report.error("OF001", Pos(name), "файл не найден", "проверьте путь к файлу")
        return Loaded(path, None, report)
    except OSError as exc:
        reason = _READ_ERRORS.get(exc.errno, exc.strerror) if exc.errno is not None else exc.strerror
        report.error("OF001", Pos(name), f"файл не удаётся прочитать: {reason}",
                     "проверьте путь к файлу и права на него")
        return Loaded(path, None, report)
    text = decode(data, name, report)
    if text is None:
        return Loaded(path, None, report)
    return Loaded(path, load_text(text, name, report), report)


#: errno → Russian, for the few ways reading a file fails that a clerk meets.
_READ_ERRORS = {errno.EACCES: "нет прав на чтение", errno.EPERM: "нет прав на чтение",
                errno.ENAMETOOLONG: "слишком длинное имя файла", errno.ELOOP: "путь зациклен (символические ссылки)"}


def decode(data: bytes, name: str, report: Report) -> str | None:
    """UTF-8 (a BOM is allowed); anything else is an error with line:column."""
    if _looks_like_utf16(data):
        report.error("OF002", Pos(name, 1, 1), "файл в кодировке UTF-16 («Юникод» в Блокноте), а не UTF-8",
                     "сохраните файл в кодировке UTF-8 (в Блокноте: «Сохранить как» → «Кодировка: UTF-8»)")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8", errors="replace")
        line, col = _line_col(good, len(good))
        hint = "сохраните файл в кодировке UTF-8 (в Блокноте: «Сохранить как» → «Кодировка: UTF-8»)"
        if _looks_like_cp1251(data):
            hint = "файл, похоже, в кодировке Windows-1251; " + hint
        report.error("OF002", Pos(name, line, col), "файл не в кодировке UTF-8", hint)
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_text(text: str, name: str, report: Report, fast: bool = True) -> Node | None:
    """Build the tree from YAML text; syntax problems become diagnostics.

    ``fast=False`` reads with the reference parser only (the tests compare both ways).
    """
    before = len(report)
    _check_raw_text(text, name, report)
    if len(report) > before:
        return None
    try:
        events = _fast_events(text) if fast else None
        if events is None:
            events = _reference_events(text)
    except _TooDeep as exc:
        report.items.append(_too_deep(_mark_pos(exc.mark, name)))
        return None
    except _ReferenceError as failed:
        report.items.append(failed.diagnostic(name, text))
        return None
    return _Builder(events, name, report).build()


#: What the two parsers are known to read differently — tabs (libyaml allows more of them), other line
#: breaks (U+0085, U+2028, U+2029), directives («%»), complex keys («?»), a comment glued to a block
#: scalar's «|» or «>» — sends a file straight to the reference parser. Plans rarely have any of them
#: (a «?» where a key could start costs only the speed-up); a differential fuzz test keeps this list honest.
RISKY = re.compile(r"[\t\x85\u2028\u2029]|^%|[|>][-+0-9]*#|(?:^|[-\[{,:?])[ ]*\?(?:\s|$)", re.MULTILINE)


def _fast_events(text: str) -> list[object] | None:
    """The events from libyaml (PyYAML's C parser), ten times faster than the pure parser; None when the
    C parser is missing or finds anything wrong — then the reference parser reads the text again, so
    every syntax diagnostic stays the pure parser's own, word for word and column for column.

    Both parsers produce the same events with the same marks (tests/test_load_parsers.py proves it on
    every fixture and example), and PyYAML imports faster than ruamel.yaml, which a valid plan then
    never needs.
    """
    if RISKY.search(text):
        return None
    try:
        from yaml import YAMLError
        from yaml._yaml import CParser
    except ImportError:  # PyYAML without libyaml, or none at all: the pure parser does it all
        return None
    try:
        events = list(_bounded(_drain(CParser(text))))
    except (YAMLError, UnicodeError, _TooDeep):  # the reference parser says what and where
        return None
    root = type(events[2]).__name__ if len(events) > 2 else ""
    if root not in ("MappingStartEvent", "SequenceStartEvent") or any(_unusual(event) for event in events):
        return None  # a text that is no plan (a bare scalar, read differently at column 0), or unusual
    return events


def _unusual(event: object) -> bool:
    """Anchors, aliases, tags and explicit document markers: refused or warned about with a position,
    which the reference parser gives."""
    return (getattr(event, "anchor", None) is not None or getattr(event, "tag", None) is not None
            or type(event).__name__ == "AliasEvent" or getattr(event, "explicit", False))


def _drain(parser: object) -> Iterator[object]:
    """Every event of a PyYAML parser, the stream's end included."""
    get_event = parser.get_event  # type: ignore[attr-defined]
    while True:
        event = get_event()
        yield event
        if type(event).__name__ == "StreamEndEvent":
            return


class _ReferenceError(Exception):
    """The pure parser refused the text: carries its exception until it is turned into a diagnostic."""

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error

    def diagnostic(self, name: str, text: str) -> Diagnostic:
        from ruamel.yaml.error import MarkedYAMLError

        if isinstance(self.error, MarkedYAMLError):
            return translate_yaml_error(self.error, name, text)
        return Diagnostic("OF010", "error", f"нарушена разметка YAML: {self.error}", Pos(name), "")  # pragma: no cover


def _reference_events(text: str) -> list[object]:
    """ruamel.yaml's pure (safe) parser: the reference for what is valid YAML and for every error message."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        return list(_bounded(YAML(typ="safe", pure=True).parse(text)))
    except YAMLError as exc:
        raise _ReferenceError(exc) from exc


class _TooDeep(Exception):
    def __init__(self, mark: object) -> None:
        super().__init__("too deep")
        self.mark = mark


def _bounded(events: Iterator[object]) -> Iterator[object]:
    """ruamel's events, stopped as soon as lists and mappings nest deeper than :data:`MAX_DEPTH`.

    Stopping early keeps the scanner from reading the rest of a pathological file, and the
    builder, which recurses once per level, from overflowing the stack.
    """
    depth = 0
    for event in events:
        kind = type(event).__name__
        if kind in ("SequenceStartEvent", "MappingStartEvent"):
            depth += 1
            if depth > MAX_DEPTH:
                raise _TooDeep(getattr(event, "start_mark", None))
        elif kind in ("SequenceEndEvent", "MappingEndEvent"):
            depth -= 1
        yield event


def _too_deep(pos: Pos) -> Diagnostic:
    return Diagnostic("OF017", "error", f"слишком глубокая вложенность: больше {MAX_DEPTH} уровней списков и словарей",
                      pos, "в плане не бывает больше 20 уровней; проверьте скобки «[», «{» и «- » в этом месте — "
                      "похоже, файл повреждён или это не план")


def _check_raw_text(text: str, name: str, report: Report) -> None:
    """Catch what YAML reports badly: tabs and no-break spaces in indentation, a stray BOM, raw control characters."""
    run = _OPENER_RUN.search(text)
    if run is not None:  # before the slow part, and before line-by-line checks of a file that is no plan
        run_line, run_col = _line_col(text, run.start())
        report.items.append(_too_deep(Pos(name, run_line, run_col)))
        return
    if "\u00a0" in text or "\ufeff" in text:  # rare: only then look for them line by line
        _check_invisible(text, name, report)
    for lineno, line in enumerate(text.split("\n"), start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent]:
            col = line.index("\t") + 1
            report.error(
                "OF003", Pos(name, lineno, col), "табуляция в отступе",
                "YAML допускает в отступах только пробелы: замените табуляцию пробелами",
            )
        for match in _FORBIDDEN_CHARS.finditer(line):
            report.error(
                "OF004", Pos(name, lineno, match.start() + 1),
                f"недопустимый управляющий символ U+{ord(match.group()):04X}",
                "такой символ не может попасть в документ Word; удалите его (часто он приходит при копировании из PDF)",
            )


#: Where a no-break space (pasted from Word or PDF) breaks the structure: in the indentation of a key or
#: a list item, after a key's colon or a list dash. YAML takes it for text, so the error it reports is
#: lines away, or there is none and the value is silently different. Inside text (a paragraph's first-line
#: indent in a «|» block) it is the clerk's and stays.
_STRUCTURE = r"(?:-|[^\s\"'#-][^\s:#]*:)(?:\s|$)"
_NBSP_INDENT = re.compile(rf"[ ]*\u00a0[ \u00a0]*(?={_STRUCTURE}|$)")
_NBSP_AFTER = re.compile(r"[ ]*(?:-[ ]+)*(?:[^\s\"'#-][^\s:#]*:|-)(?=\u00a0)")


def _check_invisible(text: str, name: str, report: Report) -> None:
    """No-break spaces where YAML needs a plain space, and U+FEFF left mid-file by pasting or joining files."""
    for lineno, line in enumerate(text.split("\n"), start=1):
        place = _nbsp_place(line)
        if place is not None:
            report.error("OF005", Pos(name, lineno, place[0]),
                         f"неразрывный пробел {place[1]} — замените обычным пробелом",
                         "такой пробел (U+00A0) приходит при копировании из Word или PDF; "
                         "YAML не считает его пробелом и читает строку иначе, чем она выглядит")
        for col in (i + 1 for i, ch in enumerate(line) if ch == "\ufeff"):
            report.error("OF006", Pos(name, lineno, col),
                         "невидимый символ U+FEFF (метка порядка байтов) посреди файла",
                         "удалите его (он остаётся от склейки файлов или копирования): сотрите и заново наберите "
                         "начало строки или значения")


def _nbsp_place(line: str) -> tuple[int, str] | None:
    """(column, «where» in Russian) of a no-break space that breaks the line's structure, or None."""
    indent = _NBSP_INDENT.match(line)
    if indent is not None:
        return line.index("\u00a0") + 1, "в пустой строке" if indent.end() == len(line) else "в отступе"
    after = _NBSP_AFTER.match(line)
    if after is not None:
        return after.end() + 1, f"после «{after.group()[-1]}»"
    return None


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def _looks_like_utf16(data: bytes) -> bool:
    """A UTF-16 (or UTF-32) byte-order mark, or the NUL bytes such a file has next to every Latin letter and space."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    sample = data[:4096]
    return len(sample) >= 8 and sample.count(0) * 5 > len(sample)


def _looks_like_cp1251(data: bytes) -> bool:
    try:
        sample = data.decode("cp1251")
    except UnicodeDecodeError:
        return False
    cyr = sum(1 for ch in sample if "а" <= ch.lower() <= "я")
    return cyr > len(sample) * 0.2


def _mark_pos(mark: object, name: str) -> Pos:
    line = getattr(mark, "line", -1)
    col = getattr(mark, "column", -1)
    return Pos(name, line + 1, col + 1) if line >= 0 else Pos(name)


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
        return _mark_pos(context_mark, name)
    return _mark_pos(problem_mark or context_mark, name)


#: A value's first character that YAML reads as syntax: alias, anchor, tag, block scalar, complex key,
#: flow collection, reserved. ``text: *важно* сделать`` otherwise reads «неверный отступ».
_INDICATORS = "*&!|>?[{@`%"
#: Indentation, list dashes and a plain key, then the first character of the value.
_VALUE_START = re.compile(r"(?P<lead>[ ]*(?:-[ ]+)*(?:[^\s\"'#][^#]*?:[ ]+)?)(?P<value>\S.*)")


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
            line, col = _line_col(text, i)
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


_STANDARD_TAGS = {None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


def _nfc(value: str) -> str:
    """«Й» copied from a PDF or a Mac is often «И» + U+0306: it looks the same but matches no code.

    NFC composes such pairs and nothing else — no-break spaces, soft hyphens and the like stay.
    """
    return value if value.isascii() or unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)


class _Builder:
    """Consumes ruamel events and builds Scalar/Seq/Map nodes, checking as it goes."""

    def __init__(self, events: list[object], name: str, report: Report) -> None:
        self.events = events
        self.i = 0
        self.name = name
        self.report = report

    def _next(self) -> object:
        event = self.events[self.i]
        self.i += 1
        return event

    def _peek(self) -> str:
        return type(self.events[self.i]).__name__

    def build(self) -> Node | None:
        self._next()  # StreamStart
        if self._peek() == "StreamEndEvent":
            return Map(pos=Pos(self.name, 1, 1))
        self._next()  # DocumentStart
        root = self._node()
        self._next()  # DocumentEnd
        if self._peek() == "DocumentStartEvent":
            event = self.events[self.i]
            self.report.error(
                "OF011", _mark_pos(getattr(event, "start_mark", None), self.name),
                "в файле больше одного YAML-документа («---»)",
                "в одном файле — один план; удалите строку «---» или разделите файл",
            )
            return None
        return root

    def _node(self) -> Node:
        event = self._next()
        kind = type(event).__name__
        pos = _mark_pos(getattr(event, "start_mark", None), self.name)
        if kind == "AliasEvent":
            self.report.error(
                "OF012", pos, "ссылки YAML («*имя») не поддерживаются",
                "повторите текст полностью или заключите значение в кавычки, если «*» — часть текста",
            )
            return Scalar("", pos)
        self._check_anchor_and_tag(event, pos)
        if kind == "ScalarEvent":
            style = getattr(event, "style", None)
            value: str = _nfc(event.value)  # type: ignore[attr-defined]
            self._check_chars(value, pos)
            return Scalar(value, pos, quoted=style in ("'", '"'))
        if kind == "SequenceStartEvent":
            items: list[Node] = []
            while self._peek() != "SequenceEndEvent":
                items.append(self._node())
            self._next()
            return Seq(items, pos)
        return self._mapping(pos)

    def _mapping(self, pos: Pos) -> Map:
        result = Map(pos=pos)
        while self._peek() != "MappingEndEvent":
            key = self._node()
            value = self._node()
            if not isinstance(key, Scalar):
                self.report.error(
                    "OF013", key.pos, "вместо ключа — список или словарь",
                    "фигурные и квадратные скобки в YAML имеют особый смысл; заключите значение в кавычки",
                )
                result.broken = True
                continue
            if isinstance(value, Scalar) and not value.value and not value.quoted:
                # An empty plain value is reported where the clerk sees it: at its key,
                # not at the next line where the parser happens to place it.
                value.pos = key.pos
            if key.value in result.entries:
                first = result.entries[key.value].key_pos
                self.report.error(
                    "OF014", key.pos, f"ключ «{key.value}» повторяется (первый раз — в строке {first.line})",
                    "оставьте один из двух ключей",
                )
                continue
            result.entries[key.value] = Entry(key.value, key.pos, value)
        self._next()
        return result

    def _check_chars(self, value: str, pos: Pos) -> None:
        """Escapes like "\\x07" or "\\ud800" in double quotes bypass the raw-text check."""
        match = _FORBIDDEN_CHARS.search(value)
        if match:
            self.report.error(
                "OF004", pos, f"в значении недопустимый символ U+{ord(match.group()):04X}",
                "такой символ не может попасть в документ Word; удалите escape-последовательность из строки",
            )

    def _check_anchor_and_tag(self, event: object, pos: Pos) -> None:
        if getattr(event, "anchor", None):
            self.report.error(
                "OF012", pos, f"якоря YAML («&{event.anchor}») не поддерживаются",  # type: ignore[attr-defined]
                "повторите текст полностью или заключите значение в кавычки, если «&» — часть текста",
            )
        tag = getattr(event, "tag", None)
        if tag not in _STANDARD_TAGS:
            self.report.warning(
                "OF015", pos, f"тег YAML «{tag}» не учитывается: все значения читаются как текст",
                "удалите тег или заключите значение в кавычки",
            )

"""File-level guards before any YAML parsing: the encoding, and what YAML would report badly or not at all.

Tabs and no-break spaces in indentation, a stray BOM, raw control characters
and a pathological run of openers are found on the raw text, each with a Russian
message at its line and column.
"""

from __future__ import annotations

from .diagnostics import Pos, Report
from .lazyre import LazyPattern, precompiled
from .yamlparse import MAX_DEPTH, too_deep

#: A run of openers deeper than :data:`.yamlparse.MAX_DEPTH`, found by one regex scan before any parsing:
#: the reference :func:`opener_run_start` answers like (compiled only by the tests that compare the two).
OPENER_RUN = LazyPattern(rf"(?:[\[{{][ ]*){{{MAX_DEPTH + 1}}}|(?:-[ ]+){{{MAX_DEPTH + 1}}}")

#: Characters a .docx (XML 1.0) cannot hold, apart from TAB, LF, CR.
FORBIDDEN_CHARS = precompiled("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")

#: :data:`OPENER_RUN` split by its first character, one unit unrolled: a pattern that starts with a
#: literal is searched for by a fast scan, while the group repeat is tried at every offset (0.2 s of
#: a 2 MB plan, 6 ms split). The leftmost of their matches is OPENER_RUN's (tests/test_load_guards.py).
_OPENER_RUNS = tuple(precompiled(rf"{first}[ ]{repeat}(?:{unit}){{{MAX_DEPTH}}}") for first, repeat, unit in
                     ((r"\[", "*", r"[\[{][ ]*"), (r"\{", "*", r"[\[{][ ]*"), ("-", "+", "-[ ]+")))


def opener_run_start(text: str) -> int | None:
    """Where the first match of :data:`OPENER_RUN` starts, or None — the same answer, found faster."""
    starts = [m.start() for m in (rx.search(text) for rx in _OPENER_RUNS) if m is not None]
    return min(starts) if starts else None


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
        line, col = line_col(good, len(good))
        hint = "сохраните файл в кодировке UTF-8 (в Блокноте: «Сохранить как» → «Кодировка: UTF-8»)"
        if _looks_like_cp1251(data):
            hint = "файл, похоже, в кодировке Windows-1251; " + hint
        report.error("OF002", Pos(name, line, col), "файл не в кодировке UTF-8", hint)
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_raw_text(text: str, name: str, report: Report) -> None:
    """Catch what YAML reports badly: tabs and no-break spaces in indentation, a stray BOM, raw control characters."""
    run = opener_run_start(text)
    if run is not None:  # before the slow part, and before line-by-line checks of a file that is no plan
        run_line, run_col = line_col(text, run)
        report.items.append(too_deep(Pos(name, run_line, run_col)))
        return
    if "\u00a0" in text or "\ufeff" in text:  # rare: only then look for them line by line
        _check_invisible(text, name, report)
    if "\t" not in text and FORBIDDEN_CHARS.search(text) is None:  # nothing the line-by-line loop can find
        return
    for lineno, line in enumerate(text.split("\n"), start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent]:
            col = line.index("\t") + 1
            report.error(
                "OF003", Pos(name, lineno, col), "табуляция в отступе",
                "YAML допускает в отступах только пробелы: замените табуляцию пробелами",
            )
        for match in FORBIDDEN_CHARS.finditer(line):
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
_NBSP_INDENT = LazyPattern(rf"[ ]*\u00a0[ \u00a0]*(?={_STRUCTURE}|$)")  # compiled for a file that has one
_NBSP_AFTER = LazyPattern(r"[ ]*(?:-[ ]+)*(?:[^\s\"'#-][^\s:#]*:|-)(?=\u00a0)")


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


def line_col(text: str, offset: int) -> tuple[int, int]:
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

"""A house-style template (.docx) opened once and checked part by part, and template errors told in Russian.

Word, a renamed .doc, a copy cut short or a hand-edited part give python-docx and
lxml exceptions with no file name; here each becomes an OF40x error naming the file
and the part, with what to do. build, the execution report and check-style all open
templates through :func:`open_template`, so all three tell a clerk the same thing.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path

from .diagnostics import Diagnostic, Pos, UserError
from .lazyre import pattern_for
from .slotted import FrozenSlotted

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs start-up (issue 12)
    from .templateprep import Prepared

WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_CONTENT_TYPE = re.compile(rb'<Override[^>]*PartName="/word/document\.xml"[^>]*ContentType="([^"]+)"')
_PARAGRAPH_START = re.compile(rb"<w:p[ >]")
_SAVE_AS_DOCX = "откройте шаблон в Word и сохраните его как «Документ Word (*.docx)»"
_PART_RU = {"document": "основной текст", "header": "верхний колонтитул", "footer": "нижний колонтитул",
            "footnotes": "сноски", "endnotes": "концевые сноски", "styles": "стили", "settings": "настройки",
            "numbering": "нумерация списков"}


class TemplatePackage(FrozenSlotted):
    """A house-style .docx, read once: every XML part is known to be UTF-8 and well-formed.

    Written out, not a dataclass: :mod:`dataclasses` cost every build's start-up (issue 12, :mod:`.slotted`).
    """

    __slots__ = ("path", "data", "xml", "prepared", "members")
    path: Path
    data: bytes
    xml: dict[str, str]
    prepared: Prepared | None
    members: dict[str, bytes] | None

    def __init__(self, path: Path, data: bytes, xml: dict[str, str], prepared: Prepared | None = None,
                 members: dict[str, bytes] | None = None) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "data", data)  # handed to docxtpl so that what is rendered is what was checked
        object.__setattr__(self, "xml", xml)  # XML part name → its text (check-style parses the tags of each part)
        object.__setattr__(self, "prepared", prepared)  # what orderforge ships for a bundled template with these bytes
        object.__setattr__(self, "members", members)  # every member, read once (bodyrender.py renders from them)


def part_name(name: str) -> str:
    """A package part as a clerk knows it: «основной текст (word/document.xml)»."""
    stem = pattern_for(r"\d+$").sub("", Path(name).stem)
    return f"{_PART_RU[stem]} ({name})" if stem in _PART_RU else f"часть {name}"


def open_template(path: Path) -> TemplatePackage:
    """The one place a template is opened, for build and check-style alike.

    Word, a renamed .doc, a copy cut short or a hand-edited part give python-docx
    and lxml exceptions with no file name; here each becomes an OF40x error
    naming the file and the part, with what to do (exit code 2). A bundled
    template's parts are not parsed again: their strict parse passed when its
    record was made (templateprep.py; any other bytes are parsed here).
    """
    from .safeio import LIMITS, check_regular_file, open_package, read_bytes

    if not path.exists() and not path.is_symlink():
        raise UserError.simple("OF402", str(path), "файл шаблона стиля не найден",
                               f"положите шаблон Word в папку стиля {path.parent}")
    check_regular_file(path)  # a pipe or a device in place of the template is never read
    try:
        data = read_bytes(path, LIMITS.file_bytes)
    except OSError:
        raise unreadable(path, "файл не читается", "проверьте права на файл и закройте его в Word") from None
    try:
        open_package(path).close()  # a style may come from elsewhere: its zip passes the one gate first
    except UserError as exc:
        if any(d.code == "OF073" for d in exc.diagnostics):
            raise unreadable(path, _NOT_DOCX) from None
        raise
    parts = _zip_parts(path, data)
    _check_main_part(path, parts)
    from .templateprep import shipped

    prepared = shipped(data)  # a bundled template's bytes: their strict parse passed when its record was made
    xml = {name: blob.decode("utf-8") if prepared is not None else _part_text(path, name, blob)
           for name, blob in parts.items() if name.endswith((".xml", ".rels"))}
    return TemplatePackage(path, data, xml, prepared, parts)


_NOT_DOCX = "это не файл .docx (возможно, документ .doc или .rtf, переименованный в .docx)"


def unreadable(path: Path, why: str, hint: str = _SAVE_AS_DOCX) -> UserError:
    return UserError.simple("OF405", str(path), f"шаблон не открывается как документ Word (.docx): {why}", hint)


def _zip_parts(path: Path, data: bytes) -> dict[str, bytes]:
    """Every part of the package; a .docx is a zip, so anything else is not one."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise unreadable(path, _NOT_DOCX) from None
    parts: dict[str, bytes] = {}
    for name in package.namelist():
        try:
            parts[name] = package.read(name)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError):
            raise unreadable(path, f"файл повреждён, часть {name} не читается",
                              "возьмите шаблон из резервной копии или пересохраните его в Word") from None
    return parts


def _check_main_part(path: Path, parts: dict[str, bytes]) -> None:
    """A Word document, not a spreadsheet, a .dotx template or a .docm with macros under a .docx name."""
    if "word/document.xml" not in parts or "[Content_Types].xml" not in parts:
        raise unreadable(path, "в нём нет основного текста (word/document.xml) — это не документ Word")
    found = _CONTENT_TYPE.search(parts["[Content_Types].xml"])
    if found is None or found.group(1).decode("ascii", "replace") != WORD_MAIN:
        kind = found.group(1).decode("ascii", "replace") if found else "не указан"
        raise unreadable(path, f"это не «Документ Word» (шаблон .dotx или документ с макросами .docm?), тип: {kind}")


def _part_text(path: Path, name: str, blob: bytes) -> str:
    """Decode and strictly parse one XML part; a damaged part is told by name and paragraph."""
    from lxml import etree

    try:
        text = blob.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UserError.simple(
            "OF409", str(path), f"{part_name(name)}{_near_paragraph(blob, exc.start)}: часть не в кодировке UTF-8",
            f"{_SAVE_AS_DOCX}: Word всегда пишет UTF-8; если часть правили вручную, сохраните её в UTF-8") from None
    from .safeio import parse_xml

    head = blob[:4096]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        parse_xml(blob, str(path), name)  # refused there, in the words of the one gate (OF075)
    try:
        etree.fromstring(blob, parser=etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        raise UserError.simple(
            "OF408", str(path),
            f"{part_name(name)}{_near_paragraph(blob, _offset(blob, line, column))}: разметка XML повреждена "
            f"(строка {line}, позиция {column})",
            f"{_SAVE_AS_DOCX}; если Word его не открывает, возьмите шаблон из резервной копии "
            "(или копию встроенного стиля: orderforge init --copy-style)") from None
    return text


def _offset(blob: bytes, line: int, column: int) -> int:
    """Byte offset of libxml2's (line, column) in a part."""
    lines = blob.split(b"\n")
    return sum(len(x) + 1 for x in lines[:max(line - 1, 0)]) + max(column - 1, 0)


def _near_paragraph(blob: bytes, offset: int) -> str:
    """«, около абзаца 12 («…текст перед ошибкой»)»: Word parts are often one long line, so a paragraph is
    the only place a clerk can find in Word."""
    starts = [m.start() for m in _PARAGRAPH_START.finditer(blob, 0, offset)]
    if not starts:
        return ""
    before = blob[starts[-1]:offset].decode("utf-8", "replace")
    text = "".join(pattern_for(r"<w:t(?: [^>]*)?>([^<]*)").findall(before)).strip()
    return f", около абзаца {len(starts)}" + (f" («…{text[-60:]}»)" if text else "")


_RUNTIME_RU = {"OverflowError": "слишком большое число или слишком длинный цикл range()",
               "ZeroDivisionError": "деление на ноль", "RecursionError": "макрос вызывает сам себя без конца",
               "TypeError": "действие не подходит к значению (например, текст плюс число)"}


def raised_in_template(exc: BaseException) -> bool:
    """Whether the exception came out of template code (Jinja runs it as «<template>»), not out of orderforge."""
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            return True
        tb = tb.tb_next
    return False


def template_error(exc: Exception, template_path: Path) -> UserError:
    """A Jinja error in a house-style template, told in terms of the template, not XML."""
    from jinja2 import TemplateError, UndefinedError

    around = " / ".join(x.strip() for x in getattr(exc, "docx_context", []) if x.strip())[:200]
    from .sandbox import jinja_message_ru

    detail = ""
    if not isinstance(exc, TemplateError):
        message = f"метка шаблона не выполняется: {_RUNTIME_RU.get(type(exc).__name__, 'ошибка в выражении метки')}"
    else:
        said, detail = jinja_message_ru(exc)
        message = f"{'шаблон ссылается на ' if isinstance(exc, UndefinedError) else 'ошибка в метке шаблона: '}{said}"
    if around:
        message += f" (рядом с текстом: «{around}»)"
    hint = "проверьте метки {{ … }} и {% … %} в шаблоне Word (orderforge check-style)"
    if detail:
        hint += f"\n    подробности: {detail}"
    return UserError(Diagnostic("OF403", "error", message, Pos(str(template_path)), hint), exit_code=2)
